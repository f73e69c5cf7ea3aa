import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { requestInput } from '../../../test/support/planning.ts';
import { missions } from '../reference/schema.ts';
import { decisions } from './schema.ts';

describeDb('the joint decision', () => {
  let t: TestApp;
  let officer: Client;
  let gac: Client;
  let ps: Client;
  let rcmp: Client;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.as('program_officer');
    gac = await t.as('decision_partner');
    ps = await t.as('partner_ps');
    rcmp = await t.as('partner_rcmp');
    today = isoDateOf(t.clock.now());
  });
  afterAll(() => t?.close());

  async function newRequest(missionId = t.ids.ownMission) {
    const res = await officer.request('POST', '/api/v1/requests', requestInput(missionId, today));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  }
  const read = async (id: string) =>
    (await officer.request('GET', `/api/v1/requests/${id}`)).json();
  const position = (c: Client, id: string, body: Record<string, unknown>) =>
    c.request('PUT', `/api/v1/requests/${id}/positions`, { reasons: 'Clear mandate', ...body });
  const decide = async (c: Client, id: string, body: Record<string, unknown>) =>
    c.request('POST', '/api/v1/decisions', {
      requestId: id,
      requestVersion: (await read(id)).version,
      decidedOn: today,
      ...body,
    });
  const strength = async (missionId: string) =>
    (await t.db.select().from(missions).where(eq(missions.id, missionId)))[0]!.authorizedStrength;

  describe('partner positions', () => {
    it('records each partner’s own position; the first puts the request under review', async () => {
      const r = await newRequest();
      expect((await read(r.id)).status).toBe('received');
      const res = await position(gac, r.id, { stance: 'support' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ partner: 'GAC', stance: 'support', version: 1 });
      expect((await position(ps, r.id, { stance: 'oppose' })).json().partner).toBe('PS');
      const detail = await read(r.id);
      expect(detail.status).toBe('under_review');
      expect(detail.positions.map((p: { partner: string }) => p.partner)).toEqual(['GAC', 'PS']);
    });

    it('changes a position with its version, refuses a stale one, and audits each change', async () => {
      const r = await newRequest();
      await position(gac, r.id, { stance: 'support' });
      const changed = await position(gac, r.id, {
        stance: 'support_with_conditions',
        conditions: 'Deployment limited to Bamako until the security review',
        version: 1,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().version).toBe(2);
      const stale = await position(gac, r.id, { stance: 'oppose', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      // Someone else's first position was recorded meanwhile: a "first" write that is not first is stale.
      const notFirst = await position(gac, r.id, { stance: 'oppose' });
      expect(notFirst.statusCode).toBe(409);
      const trail = await t.db.select().from(auditEntries).where(eq(auditEntries.recordId, r.id));
      expect(trail.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'request.create',
          'position.record',
          'request.review',
          'position.change',
        ]),
      );
      const change = trail.find((e) => e.action === 'position.change')!;
      expect(change.changes).toMatchObject({ stance: ['support', 'support_with_conditions'] });
      expect(change.actorId).toBe(t.users.decision_partner!.id);
    });

    it('needs conditions for a support with conditions, in the caller’s language', async () => {
      const r = await newRequest();
      const res = await ps.request(
        'PUT',
        `/api/v1/requests/${r.id}/positions`,
        { stance: 'support_with_conditions', reasons: 'Funding' },
        { 'accept-language': 'fr' },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        {
          path: 'conditions',
          code: 'decision.conditions_required',
          message: "Indiquez les conditions de l'approbation.",
        },
      ]);
    });

    it('is for decision partners only', async () => {
      const r = await newRequest();
      expect((await position(officer, r.id, { stance: 'support' })).statusCode).toBe(403);
    });
  });

  describe('recording the decision', () => {
    it('refuses while positions are missing, naming the partners awaited', async () => {
      const r = await newRequest();
      await position(gac, r.id, { stance: 'support' });
      const res = await decide(officer, r.id, { outcome: 'approved', ceiling: 6 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'decision_positions_missing' });
      expect(res.json().error.message).toContain(
        'Public Safety Canada, Royal Canadian Mounted Police',
      );
    });

    it('refuses an approval over an opposition, and records the decline it allows', async () => {
      const r = await newRequest();
      await position(gac, r.id, { stance: 'support' });
      await position(ps, r.id, { stance: 'oppose', reasons: 'No clear role for Canadian police' });
      const approve = await decide(officer, r.id, { outcome: 'approved', ceiling: 6 });
      expect(approve.statusCode).toBe(409);
      expect(approve.json().error.code).toBe('decision_positions_disagree');
      const decline = await decide(gac, r.id, { outcome: 'declined' });
      expect(decline.statusCode, decline.body).toBe(201);
      expect(decline.json()).toMatchObject({ outcome: 'declined', ceiling: 0, sequence: 1 });
      expect((await read(r.id)).outcome).toBe('declined');
    });

    it('needs a ceiling to approve and conditions to approve with conditions', async () => {
      const r = await newRequest();
      const res = await decide(officer, r.id, { outcome: 'approved_with_conditions' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
        'ceiling',
        'conditions',
      ]);
    });

    it('approves when all three support, keeps the positions with it, and sets the mission’s strength', async () => {
      const mission = t.ids.otherMission;
      const before = await strength(mission);
      const r = await newRequest(mission);
      await position(gac, r.id, { stance: 'support' });
      await position(ps, r.id, {
        stance: 'support_with_conditions',
        conditions: 'Within the funded envelope',
      });
      await position(rcmp, r.id, { stance: 'support' });
      const res = await decide(officer, r.id, {
        outcome: 'approved_with_conditions',
        ceiling: 8,
        conditions: 'Within the funded envelope',
        fundingNote: 'International Police Peacekeeping and Peace Operations Program',
      });
      expect(res.statusCode, res.body).toBe(201);
      const decision = res.json();
      expect(decision.positions.map((p: { partner: string }) => p.partner)).toEqual([
        'GAC',
        'PS',
        'RCMP',
      ]);
      expect(decision.rule).toBe('unanimous');
      const detail = await read(r.id);
      expect(detail).toMatchObject({ status: 'decided', outcome: 'approved_with_conditions' });
      expect(await strength(mission)).toBe(before + 8);

      // Final: no second decision, no more position changes, no edits.
      const again = await decide(officer, r.id, { outcome: 'declined' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('decision_final');
      const late = await position(gac, r.id, { stance: 'oppose', version: 1 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('request_closed');
      const edit = await officer.request('PATCH', `/api/v1/requests/${r.id}`, {
        version: detail.version,
        summary: 'Changed afterwards',
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe('request_closed');
    });

    it('refuses a decision on a request changed since it was read (stale version)', async () => {
      const r = await newRequest();
      for (const c of [gac, ps, rcmp]) await position(c, r.id, { stance: 'support' });
      const res = await officer.request('POST', '/api/v1/decisions', {
        requestId: r.id,
        requestVersion: r.version,
        outcome: 'approved',
        ceiling: 2,
        decidedOn: today,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('stale_version');
    });

    it('supersedes a decision through reconsideration, keeping both (DR Congo SGBV team: 5, then 13)', async () => {
      const mission = t.ids.ownMission;
      const r = await newRequest(mission);
      for (const c of [gac, ps, rcmp]) await position(c, r.id, { stance: 'support' });
      const first = (await decide(officer, r.id, { outcome: 'approved', ceiling: 5 })).json();
      const base = (await strength(mission)) - 5;

      const noReason = await officer.request('POST', `/api/v1/requests/${r.id}/transitions`, {
        step: 'reconsider',
        version: (await read(r.id)).version,
      });
      expect(noReason.statusCode).toBe(400);
      const reopen = await officer.request('POST', `/api/v1/requests/${r.id}/transitions`, {
        step: 'reconsider',
        version: (await read(r.id)).version,
        reason: 'The UN asked to expand the team',
      });
      expect(reopen.statusCode, reopen.body).toBe(200);
      expect(reopen.json().status).toBe('under_review');
      // The decision stays in force while the partners reconsider.
      expect(await strength(mission)).toBe(base + 5);
      await position(rcmp, r.id, {
        stance: 'support_with_conditions',
        conditions: 'Rotations staggered',
        version: 1,
      });
      const second = await decide(ps, r.id, { outcome: 'approved', ceiling: 13 });
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json()).toMatchObject({ sequence: 2, supersedesId: first.id });
      expect(await strength(mission)).toBe(base + 13);

      const detail = await read(r.id);
      expect(detail.decisions.map((d: { sequence: number }) => d.sequence)).toEqual([2, 1]);
      const listed = await officer.request(
        'GET',
        `/api/v1/decisions?missionId=${mission}&current=true`,
      );
      const ids = listed.json().items.map((d: { id: string }) => d.id);
      expect(ids).toContain(second.json().id);
      expect(ids).not.toContain(first.id);
      const old = (await officer.request('GET', `/api/v1/decisions/${first.id}`)).json();
      expect(old).toMatchObject({ ceiling: 5, supersededById: second.json().id });
    });

    it('is refused by the database itself when something tries to change or delete it', async () => {
      const [any] = await t.db.select().from(decisions).limit(1);
      await expect(
        t.db.update(decisions).set({ ceiling: 99 }).where(eq(decisions.id, any!.id)),
      ).rejects.toThrow();
      await expect(t.db.delete(decisions).where(eq(decisions.id, any!.id))).rejects.toThrow();
      await expect(t.db.execute(sql`truncate decisions cascade`)).rejects.toThrow();
      const [still] = await t.db.select().from(decisions).where(eq(decisions.id, any!.id));
      expect(still!.ceiling).toBe(any!.ceiling);
    });
  });

  it('exports the decision file as a bilingual PDF', async () => {
    const r = await newRequest();
    for (const c of [gac, ps, rcmp]) await position(c, r.id, { stance: 'support' });
    await decide(officer, r.id, { outcome: 'approved', ceiling: 3 });
    const res = await gac.request('GET', `/api/v1/requests/${r.id}/decision-file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/decision-file-R-\d{4}-\d{3}\.pdf/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
  });
});

describeDb('the joint decision under the majority rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ decisionRule: 'majority' });
  });
  afterAll(() => t?.close());

  it('approves with two supports of three', async () => {
    const officer = await t.as('program_officer');
    const today = isoDateOf(t.clock.now());
    const r = (
      await officer.request('POST', '/api/v1/requests', requestInput(t.ids.ownMission, today))
    ).json();
    await (
      await t.as('decision_partner')
    ).request('PUT', `/api/v1/requests/${r.id}/positions`, {
      stance: 'support',
      reasons: 'Mandate',
    });
    await (
      await t.as('partner_ps')
    ).request('PUT', `/api/v1/requests/${r.id}/positions`, {
      stance: 'support',
      reasons: 'Mandate',
    });
    const version = (await officer.request('GET', `/api/v1/requests/${r.id}`)).json().version;
    const res = await officer.request('POST', '/api/v1/decisions', {
      requestId: r.id,
      requestVersion: version,
      outcome: 'approved',
      ceiling: 4,
      decidedOn: today,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rule).toBe('majority');
  });
});
