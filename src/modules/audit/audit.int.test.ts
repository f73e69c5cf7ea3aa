import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';

const DAY = 86_400_000;

interface Entry {
  seq: number;
  at: string;
  actor: { id: string | null; displayName: string | null; role: string | null } | null;
  action: string;
  recordType: string;
  recordId: string | null;
  outcome: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  requestId: string | null;
}

describeDb('audit viewer', () => {
  let t: TestApp;
  let auditor: Client;
  let staff: Client;
  let firstDay: string;
  let laterDay: string;

  const search = async (query: string) => {
    const res = await auditor.request('GET', `/api/v1/audit?pageSize=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; total: number; totalCapped: boolean };
  };
  const entriesOf = (action: string, recordId?: string) =>
    t.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, action),
          recordId ? eq(auditEntries.recordId, recordId) : undefined,
        ),
      );

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    staff = await t.as('program_officer');
    firstDay = isoDateOf(t.clock.now());
    const edit = await staff.request('PATCH', `/api/v1/officers/${t.ids.otherOfficer}`, {
      version: 1,
      rankCode: 'inspector',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // Three days later (sessions expire meanwhile: sign in again).
    t.clock.advance(3 * DAY);
    laterDay = isoDateOf(t.clock.now());
    staff = await t.as('program_officer');
    const again = await staff.request('PATCH', `/api/v1/officers/${t.ids.otherOfficer}`, {
      version: 2,
      rankCode: 'staff_sergeant',
    });
    expect(again.statusCode, again.body).toBe(200);
    auditor = await t.as('auditor');
  });
  afterAll(() => t?.close());

  it('lists entries newest first with actor, record, outcome and before/after pairs', async () => {
    const page = await search(
      `recordType=officer&recordId=${t.ids.otherOfficer}&action=officer.update`,
    );
    expect(page.items.map((e) => e.changes)).toEqual([
      [{ field: 'rankCode', before: 'inspector', after: 'staff_sergeant' }],
      [{ field: 'rankCode', before: 'sergeant', after: 'inspector' }],
    ]);
    const [latest] = page.items;
    expect(latest).toMatchObject({
      action: 'officer.update',
      recordType: 'officer',
      recordId: t.ids.otherOfficer,
      outcome: 'ok',
      actor: {
        id: t.users.program_officer!.id,
        displayName: 'program_officer',
        role: 'program_officer',
      },
    });
    expect(latest!.requestId).toBeTruthy();
    expect(page.items[0]!.seq).toBeGreaterThan(page.items[1]!.seq);
    expect(page.total).toBe(2);
    expect(page.totalCapped).toBe(false);
  });

  it('filters by actor (id, or a part of the name or e-mail)', async () => {
    const byId = await search(`actor=${t.users.program_officer!.id}`);
    expect(byId.items.length).toBeGreaterThan(0);
    expect(byId.items.every((e) => e.actor?.id === t.users.program_officer!.id)).toBe(true);
    const byName = await search('actor=PROGRAM_off');
    expect(byName.items.map((e) => e.seq)).toEqual(byId.items.map((e) => e.seq));
    const byEmail = await search(`actor=${encodeURIComponent('program_officer@test')}`);
    expect(byEmail.total).toBe(byId.total);
    expect((await search('actor=nobody-at-all')).total).toBe(0);
    // LIKE's wildcards are taken literally.
    expect((await search('actor=%25')).total).toBe(0);
  });

  it('filters by action: exact, prefix, wildcard, several', async () => {
    const exact = await search('action=officer.update');
    expect(exact.items.every((e) => e.action === 'officer.update')).toBe(true);
    const prefix = await search('action=officer.');
    expect(new Set(prefix.items.map((e) => e.action))).toEqual(
      new Set(['officer.create', 'officer.update', 'officer.read_sensitive']),
    );
    const wildcard = await search(`action=${encodeURIComponent('*.create')}`);
    expect(new Set(wildcard.items.map((e) => e.action))).toEqual(
      new Set(['user.create', 'officer.create', 'qualification.create', 'session.create']),
    );
    const several = await search('action=officer.update,qualification.create');
    expect(new Set(several.items.map((e) => e.action))).toEqual(
      new Set(['officer.update', 'qualification.create']),
    );
  });

  it('filters by period (dates are whole UTC days) and outcome', async () => {
    const first = await search(`action=officer.update&from=${firstDay}&to=${firstDay}`);
    expect(first.items.map((e) => e.changes[0]!.after)).toEqual(['inspector']);
    const later = await search(`action=officer.update&from=${laterDay}`);
    expect(later.items.map((e) => e.changes[0]!.after)).toEqual(['staff_sergeant']);
    const instant = encodeURIComponent(new Date(t.clock.now().getTime() - DAY).toISOString());
    expect((await search(`action=officer.update&to=${instant}`)).total).toBe(1);
    // A refusal is in the log, as denied.
    const officer = await t.as('officer');
    expect((await officer.request('GET', '/api/v1/audit')).statusCode).toBe(403);
    const denied = await search('outcome=denied');
    expect(denied.items.map((e) => [e.action, e.actor?.id])).toContainEqual([
      'audit.read',
      t.users.officer!.id,
    ]);
    expect(denied.items.every((e) => e.outcome === 'denied')).toBe(true);
    const bad = await auditor.request('GET', '/api/v1/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
  });

  it('shows one entry with its hashes, 404 for a missing one', async () => {
    const [latest] = (await search('action=officer.update')).items;
    const res = await auditor.request('GET', `/api/v1/audit/${latest!.seq}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ seq: latest!.seq, action: 'officer.update' });
    expect(res.json().hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await auditor.request('GET', '/api/v1/audit/99999999')).statusCode).toBe(404);
    expect((await auditor.request('GET', '/api/v1/audit/abc')).statusCode).toBe(400);
  });

  it('exports the matching entries as CSV (BOM, one row each, changes as JSON), audited', async () => {
    const res = await auditor.request(
      'GET',
      `/api/v1/audit/export?action=officer.update&recordId=${t.ids.otherOfficer}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="audit-log-${laterDay}.csv"`,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'seq,at,actor_id,actor_name,actor_role,action,record_type,record_id,outcome,changes,request_id',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('program_officer,program_officer,officer.update,officer,');
    expect(lines[1]).toContain('"{""rankCode"":[""inspector"",""staff_sergeant""]}"');
    const fr = await auditor.request('GET', '/api/v1/audit/export?lang=fr&action=none.such');
    expect(fr.headers['content-disposition']).toBe(
      `attachment; filename="journal-audit-${laterDay}.csv"`,
    );
    expect(fr.body.slice(1).trim().split('\n')).toHaveLength(1);
    const exports = await entriesOf('audit.export');
    expect(exports).toHaveLength(2);
    expect(exports[0]).toMatchObject({
      actorId: t.users.auditor!.id,
      recordType: 'audit',
      changes: { filters: [null, ['action', 'recordId']] },
    });
  });

  it('audits reads of sensitive fields by others, naming the fields and never their values', async () => {
    // The two edits of the set-up answered with the whole record: each read is audited too.
    const before = (await entriesOf('officer.read_sensitive')).length;
    expect(before).toBe(2);
    const read = await staff.request('GET', `/api/v1/officers/${t.ids.otherOfficer}`);
    expect(read.json().sensitiveVisible).toBe(true);
    const reads = await entriesOf('officer.read_sensitive', t.ids.otherOfficer);
    expect(reads.length).toBe(before + 1);
    const last = reads.at(-1)!;
    expect(last).toMatchObject({
      actorId: t.users.program_officer!.id,
      recordType: 'officer',
      changes: { fields: [null, ['dateOfBirth', 'passport.documentNumber']] },
    });
    expect(JSON.stringify(reads)).not.toMatch(/HK123456|1984-05-17/);
    // The qualifications list discloses the passport number only.
    await auditor.request('GET', `/api/v1/officers/${t.ids.otherOfficer}/qualifications`);
    const byAuditor = (await entriesOf('officer.read_sensitive', t.ids.otherOfficer)).at(-1)!;
    expect(byAuditor).toMatchObject({
      actorId: t.users.auditor!.id,
      changes: { fields: [null, ['passport.documentNumber']] },
    });
    // Visible in the viewer with the quick filter.
    const quick = await search(
      `action=${encodeURIComponent('*.read_sensitive,incident.read,*.export_sensitive')}`,
    );
    expect(quick.items[0]).toMatchObject({
      action: 'officer.read_sensitive',
      changes: [{ field: 'fields', before: null, after: ['passport.documentNumber'] }],
    });
  });

  it('does not audit an officer reading their own record, nor a read without sensitive fields', async () => {
    const before = (await entriesOf('officer.read_sensitive')).length;
    const self = await t.as('officer');
    const own = await self.request('GET', `/api/v1/officers/${t.ids.ownOfficer}`);
    expect(own.json().sensitiveVisible).toBe(true);
    expect((await self.request('GET', '/api/v1/me/officer')).statusCode).toBe(200);
    const coordinator = await t.as('agency_coordinator');
    const hidden = await coordinator.request('GET', `/api/v1/officers/${t.ids.ownOfficer}`);
    expect(hidden.json().sensitiveVisible).toBe(false);
    expect((await entriesOf('officer.read_sensitive')).length).toBe(before);
  });

  it('audits an export that carries sensitive columns, and not one that leaves them empty', async () => {
    const res = await staff.request('GET', '/api/v1/officers/export?format=csv');
    expect(res.statusCode).toBe(200);
    const [entry] = await entriesOf('officer.export_sensitive');
    expect(entry).toMatchObject({
      actorId: t.users.program_officer!.id,
      recordType: 'officer',
      recordId: null,
      changes: { fields: [null, ['dateOfBirth', 'passportNumber']], officers: [null, 2] },
    });
    const coordinator = await t.as('agency_coordinator');
    expect((await coordinator.request('GET', '/api/v1/officers/export')).statusCode).toBe(200);
    expect(await entriesOf('officer.export_sensitive')).toHaveLength(1);
  });

  it('verifies the chain, then reports the first broken link after tampering', async () => {
    const intact = await auditor.request('POST', '/api/v1/audit/verify');
    expect(intact.statusCode).toBe(200);
    const total = (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEntries))[0]!.n;
    expect(intact.json()).toEqual({ ok: true, checked: total, firstBroken: null });

    const [target] = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'officer.update'))
      .limit(1);
    // Behind the application's back: the trigger off, one entry rewritten.
    await t.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update`);
    try {
      await t.db.execute(
        sql`update audit_entries set record_id = 'forged' where seq = ${target!.seq}`,
      );
    } finally {
      await t.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update`);
    }
    const broken = (await auditor.request('POST', '/api/v1/audit/verify')).json();
    const earlier = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEntries)
      .where(sql`${auditEntries.seq} < ${target!.seq}`);
    expect(broken).toEqual({
      ok: false,
      checked: earlier[0]!.n,
      firstBroken: {
        seq: target!.seq,
        reason: 'content_changed',
        at: target!.at.toISOString(),
        action: 'officer.update',
      },
    });
  });
});
