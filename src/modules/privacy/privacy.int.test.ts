import { eq, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { queryRows } from '../../kernel/db/client.ts';
import * as schema from '../../kernel/db/schema.ts';
import { seedProgramHistory } from '../history/history.ts';
import { buildApp } from '../../server.ts';
import { addOfficer } from '../officers/officers.ts';
import { officers } from '../officers/schema.ts';
import { reportIds } from '../reports/definitions.ts';
import { users } from '../users/schema.ts';
import { coveredTables, notAboutTheOfficer } from './export.ts';
import { runRetention } from './retention.ts';
import { placeholderBadge, PLACEHOLDER_NAME } from './rules.ts';

/** Every table that holds data about an officer: from drizzle's metadata of the whole schema. */
function tablesAboutAnOfficer() {
  const tables = (Object.values(schema) as unknown[]).filter(
    (v): v is PgTable => v instanceof PgTable,
  );
  const refs = tables.map((table) => {
    const config = getTableConfig(table);
    return {
      name: config.name,
      to: config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    };
  });
  // Tables pointing at an account; and, transitively, at an officer or any of their records.
  const found = new Set<string>(['officers', 'users']);
  for (const r of refs) if (r.to.includes('users')) found.add(r.name);
  const officerRecords = new Set(['officers']);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of refs)
      if (!officerRecords.has(r.name) && r.to.some((t) => officerRecords.has(t))) {
        officerRecords.add(r.name);
        grew = true;
      }
  }
  for (const name of officerRecords) found.add(name);
  return [...found].sort();
}

describeDb('privacy: personal data export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, t.users.officer!.id));
  });
  afterAll(() => t.close());

  it('covers every table that references an officer or their account', () => {
    const missing = tablesAboutAnOfficer().filter(
      (name) =>
        !(coveredTables as readonly string[]).includes(name) &&
        !Object.hasOwn(notAboutTheOfficer, name),
    );
    expect(missing, 'tables about an officer the export does not cover').toEqual([]);
    expect(tablesAboutAnOfficer()).toContain('check_ins');
  });

  it('gives the officer their data in French, JSON and PDF, and audits it', async () => {
    const officer = await t.as('officer');
    const res = await officer.request('GET', '/api/v1/me/personal-data?format=json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="donnees-personnelles-${t.ids.ownOfficer}-${isoDateOf(t.clock.now())}.json"`,
    );
    expect(res.headers['content-disposition']).not.toMatch(/Tremblay/i);
    const data = res.json();
    expect(data.language).toBe('fr');
    expect(data.officer).toMatchObject({
      id: t.ids.ownOfficer,
      familyName: 'Tremblay-SQ-1001',
      dateOfBirth: '1984-05-17',
    });
    expect(data.account).toMatchObject({
      email: t.users.officer!.email,
      role: 'officer',
      locale: 'fr',
    });
    expect(JSON.stringify(data.account)).not.toMatch(/argon|hash/i);
    expect(
      data.qualifications.find((q: { kind: string }) => q.kind === 'passport').documentNumber,
    ).toBe('HK123456');
    expect(data.audit.some((a: { action: string }) => a.action === 'officer.create')).toBe(true);
    expect(data.audit[0]).not.toHaveProperty('actorId');

    const pdf = await officer.request('GET', '/api/v1/me/personal-data?format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Vos renseignements personnels');
    expect(text).toContain('Déploiements');
    expect(text).toContain('Date de naissance');
    expect(text).toContain('HK123456');

    const english = await officer.request('GET', '/api/v1/me/personal-data?format=pdf&lang=en');
    expect(pdfText(english.rawPayload)).toContain('Your personal data');

    const [audited] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_entries
           where action = 'officer.personal_data_export' and record_id = ${t.ids.ownOfficer}`,
    );
    expect(audited!.n).toBe(3);
  });

  it('lets a program officer export on the officer’s behalf, in the officer’s language', async () => {
    const po = await t.as('program_officer');
    const res = await po.request('GET', `/api/v1/officers/${t.ids.otherOfficer}/personal-data`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ language: 'en', officer: { id: t.ids.otherOfficer } });
    const coordinator = await t.as('agency_coordinator');
    const refused = await coordinator.request(
      'GET',
      `/api/v1/officers/${t.ids.ownOfficer}/personal-data`,
    );
    expect(refused.statusCode).toBe(403);
  });
});

describeDb('privacy: retention', () => {
  let t: TestApp;
  const ctx = () => ({ actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() });

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    await seedProgramHistory(t.db, ctx(), { seed: 7, multiplier: 0.08 });
    // Three years on (fake clock): what was last used when the history was loaded is due.
    t.clock.advance(3 * 366 * 86_400_000);
    t.ids.recentOfficer = (
      await addOfficer(t.db, ctx(), {
        agencyId: t.ids.otherAgency,
        badgeNumber: 'SPVM-NEW-1',
        givenName: 'Nouveau',
        familyName: 'Récent',
        gender: 'man',
        rankCode: 'constable',
        serviceStart: '2015-09-01',
      })
    ).id;
    // An officer last used five years ago, and one of the same age who signed in last month.
    const old = await addOfficer(t.db, ctx(), {
      agencyId: t.ids.ownAgency,
      badgeNumber: 'SQ-OLD-1',
      givenName: 'Jeanne',
      familyName: 'Oubliée',
      gender: 'woman',
      dateOfBirth: '1970-01-01',
      rankCode: 'sergeant',
      serviceStart: '1995-09-01',
      email: 'jeanne.oubliee@police.example.ca',
      phone: '819-555-0199',
    });
    t.ids.oldOfficer = old.id;
    const fiveYearsAgo = new Date(t.clock.now().getTime() - 5 * 366 * 86_400_000);
    await t.db.update(officers).set({ updatedAt: fiveYearsAgo }).where(eq(officers.id, old.id));
    // The fixture officer's record is old too, but its account signed in: kept.
    await t.db
      .update(officers)
      .set({ updatedAt: fiveYearsAgo })
      .where(eq(officers.id, t.ids.ownOfficer!));
    await t.as('officer');
    await t.db.execute(
      sql`update qualifications set expires_on = ${addDays(isoDateOf(fiveYearsAgo), 10)},
                 obtained_on = ${addDays(isoDateOf(fiveYearsAgo), -400)}
           where officer_id = ${t.ids.ownOfficer}`,
    );
  });
  afterAll(() => t.close());

  async function figures() {
    const po = await t.as('program_officer');
    const get = async (url: string) => {
      const res = await po.request('GET', url);
      expect(res.statusCode, url).toBe(200);
      return res.json();
    };
    return {
      public: await get('/api/v1/public/statistics'),
      dashboard: await get('/api/v1/statistics/dashboard'),
      reports: Object.fromEntries(
        await Promise.all(reportIds.map(async (id) => [id, await get(`/api/v1/reports/${id}`)])),
      ),
    };
  }

  it('lists, then anonymises, only the officers due; figures unchanged; idempotent', async () => {
    const admin = await t.as('program_admin');
    const preview = await admin.request('GET', '/api/v1/retention/preview');
    expect(preview.statusCode).toBe(200);
    const due = preview.json().due as Array<{ id: string; agencyId: string; lastUse: string }>;
    const dueIds = due.map((d) => d.id);
    expect(dueIds).toContain(t.ids.oldOfficer);
    expect(dueIds).not.toContain(t.ids.ownOfficer);
    expect(dueIds).not.toContain(t.ids.recentOfficer);
    expect(dueIds).toContain(t.ids.otherOfficer);
    expect(due.length).toBeGreaterThan(20);
    expect(Object.keys(due[0]!).sort()).toEqual(['agencyId', 'id', 'lastUse']);
    const cutoff = preview.json().cutoff as string;
    expect(due.every((d) => d.lastUse < cutoff)).toBe(true);
    // The dry run changed nothing.
    const [untouched] = await t.db
      .select()
      .from(officers)
      .where(eq(officers.id, t.ids.oldOfficer!));
    expect(untouched!.anonymisedAt).toBeNull();

    // The export of a due officer with deployments holds them, their moves and check-ins.
    const [withTours] = await queryRows<{ id: string }>(
      t.db,
      sql`select d.officer_id as id from deployments d join check_ins c on c.deployment_id = d.id
           where d.state in ('returned','closed') group by d.officer_id order by d.officer_id limit 1`,
    );
    const po = await t.as('program_officer');
    const exported = (
      await po.request('GET', `/api/v1/officers/${withTours!.id}/personal-data`)
    ).json();
    expect(exported.deployments.length).toBeGreaterThan(0);
    expect(exported.deployments[0].moves.length).toBeGreaterThan(0);
    expect(exported.deployments.some((d: { checkIns: unknown[] }) => d.checkIns.length)).toBe(true);
    const pdf = await po.request(
      'GET',
      `/api/v1/officers/${withTours!.id}/personal-data?format=pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).toContain(exported.deployments[0].mission);

    const before = await figures();
    const run = await admin.request('POST', '/api/v1/retention/run');
    expect(run.statusCode).toBe(200);
    expect(run.json().anonymised).toBe(due.length);
    const after = await figures();
    expect(after).toEqual(before);

    const [gone] = await t.db.select().from(officers).where(eq(officers.id, t.ids.oldOfficer!));
    expect(gone).toMatchObject({
      givenName: PLACEHOLDER_NAME,
      familyName: PLACEHOLDER_NAME,
      badgeNumber: placeholderBadge(t.ids.oldOfficer!),
      dateOfBirth: null,
      email: null,
      phone: null,
      gender: 'woman',
      agencyId: t.ids.ownAgency,
      rankCode: 'sergeant',
    });
    expect(gone!.anonymisedAt).not.toBeNull();
    // Never one still deployed.
    const [active] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from officers o join deployments d on d.officer_id = o.id
           where o.anonymised_at is not null and d.state not in ('returned','closed','withdrawn')`,
    );
    expect(active!.n).toBe(0);
    // Kept: the officer who signed in, the recent one.
    const kept = await t.db.select().from(officers).where(eq(officers.id, t.ids.ownOfficer!));
    expect(kept[0]!.familyName).toBe('Tremblay-SQ-1001');

    // One audit entry per officer, field names only.
    const entries = await queryRows<{ changes: unknown; record_id: string }>(
      t.db,
      sql`select changes, record_id from audit_entries where action = 'officer.anonymise'`,
    );
    expect(entries.length).toBe(due.length);
    const oldEntry = entries.find((e) => e.record_id === t.ids.oldOfficer);
    expect(JSON.stringify(oldEntry!.changes)).toContain('officers.familyName');
    expect(JSON.stringify(entries)).not.toMatch(/Oubli|jeanne|1970-01-01|819-555/i);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    // Idempotent: nothing left to do.
    const again = await runRetention(t.db, ctx(), { years: 2 });
    expect(again.due).toEqual([]);
    expect(again.anonymised).toBe(0);
  });

  it('a year later (fake clock), the officer who signed in a year ago is still kept; later, due', async () => {
    t.clock.advance(366 * 86_400_000);
    const dry = await runRetention(t.db, ctx(), { years: 2, dryRun: true });
    expect(dry.due.map((d) => d.id)).not.toContain(t.ids.ownOfficer);
    t.clock.advance(366 * 86_400_000);
    const later = await runRetention(t.db, ctx(), { years: 2, dryRun: true });
    expect(later.due.map((d) => d.id)).toContain(t.ids.ownOfficer);
    const longer = await runRetention(t.db, ctx(), { years: 5, dryRun: true });
    expect(longer.due.map((d) => d.id)).not.toContain(t.ids.ownOfficer);
  });

  it('runs on the job queue, on its schedule (RETENTION_CRON)', async () => {
    const database = t.app.ctx.database;
    const app = await buildApp({
      database,
      config: t.config,
      clock: t.clock,
      logger: false,
      jobs: true,
    });
    try {
      const [scheduled] = await queryRows<{ cron: string }>(
        t.db,
        sql`select cron from pgboss.schedule where name = 'privacy.retention'`,
      );
      expect(scheduled!.cron).toBe('0 3 * * 0');
      await app.ctx.jobs!.trigger('privacy.retention');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [done] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pgboss.job where name = 'privacy.retention' and state = 'completed'`,
        );
        if (done!.n >= 1) break;
        if (Date.now() > deadline) throw new Error('the retention job did not run');
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await app.close();
    }
    const [own] = await t.db.select().from(officers).where(eq(officers.id, t.ids.ownOfficer!));
    expect(own!.anonymisedAt).not.toBeNull();
    const [account] = await t.db.select().from(users).where(eq(users.id, t.users.officer!.id));
    expect(account!.disabledAt).not.toBeNull();
    expect(account!.email).toMatch(/@anonymised\.invalid$/);
    const login = await t.anonymous().login(t.users.officer!.email);
    expect(login.statusCode).toBe(401);
  });
});
