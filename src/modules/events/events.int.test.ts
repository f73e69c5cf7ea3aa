import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { addContingent, addDeploymentsInTheatre } from '../../../test/support/contingent.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { deploymentMoves, deployments } from '../deployments/schema.ts';
import { missions } from '../reference/schema.ts';

const instructions = {
  instructionsEn: 'Stay in your rooms; check in every morning.',
  instructionsFr: 'Restez dans vos chambres; donnez des nouvelles chaque matin.',
};

interface RollCall {
  id: string;
  kind: string;
  endedAt: string | null;
  summary: { concerned: number; accounted: number; missing: number };
  rollCall: Array<{ deploymentId: string; toState: string; accountedHow: string | null }>;
}

describeDb('mission-wide events: the whole contingent moved in one action', () => {
  let t: TestApp;
  let staff: Client;
  let commander: Client;
  let officer: Client;
  let contingent: string[];
  let own: string;
  let elsewhere: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    staff = await t.as('program_officer');
    commander = await t.as('contingent_commander');
    officer = await t.as('officer');
    // 99 officers and the fixture officer in theatre in the commander's mission (100), one
    // officer in another mission.
    contingent = await addContingent(t, t.ids.ownMission, 99);
    own = (await addDeploymentsInTheatre(t, t.ids.ownMission, [t.ids.ownOfficer!]))[0]!;
    contingent.push(own);
    elsewhere = (await addDeploymentsInTheatre(t, t.ids.otherMission, [t.ids.otherOfficer!]))[0]!;
  });
  afterAll(() => t?.close());

  const declare = (who: Client, body: object, missionId = t.ids.ownMission, lang = 'en') =>
    who.request('POST', `/api/v1/missions/${missionId}/events`, body, {
      'accept-language': lang,
    });
  const statesOf = async (ids: string[]) =>
    (
      await t.db
        .select({ state: deployments.state, mode: deployments.mode })
        .from(deployments)
        .where(inArray(deployments.id, ids))
    ).map((d) => `${d.state}/${d.mode}`);

  it('evacuates 100 deployments in one action: all moved, one audit entry each, roll-call open', async () => {
    const res = await declare(commander, {
      kind: 'evacuation',
      destination: 'remote',
      ...instructions,
    });
    expect(res.statusCode, res.body).toBe(201);
    const event: RollCall & { moved: number } = res.json();
    expect(event.moved).toBe(100);
    expect(event.summary).toEqual({ concerned: 100, accounted: 0, missing: 100 });
    expect(new Set(await statesOf(contingent))).toEqual(new Set(['remote/remote']));
    expect(await statesOf([elsewhere])).toEqual(['in_theatre/in_theatre']);

    const audited = await t.db
      .select({ recordId: auditEntries.recordId, changes: auditEntries.changes })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, 'deployment.remote'),
          eq(auditEntries.recordType, 'deployment'),
        ),
      );
    expect(audited).toHaveLength(100);
    expect(new Set(audited.map((a) => a.recordId))).toEqual(new Set(contingent));
    expect(audited[0]!.changes).toMatchObject({
      event: [null, event.id],
      state: ['in_theatre', 'remote'],
    });
    const [moves] = await t.db
      .select({ n: count() })
      .from(deploymentMoves)
      .where(
        and(
          inArray(deploymentMoves.deploymentId, contingent),
          eq(deploymentMoves.toState, 'remote'),
        ),
      );
    expect(moves!.n).toBe(100);
    const [declared] = await t.db
      .select({ n: count() })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, 'mission_event.evacuation'),
          eq(auditEntries.recordId, event.id),
        ),
      );
    expect(declared!.n).toBe(1);
  });

  it('keeps the roll-call: a check-in accounts for the officer, the commander marks another', async () => {
    const [event] = (await (
      await staff.request('GET', `/api/v1/missions/${t.ids.ownMission}/events`)
    ).json()) as RollCall[];
    const checkIn = await officer.request('POST', `/api/v1/deployments/${own}/check-ins`, {
      status: 'ok',
      location: 'Ottawa',
    });
    expect(checkIn.statusCode, checkIn.body).toBe(201);
    const marked = await commander.request(
      'POST',
      `/api/v1/mission-events/${event!.id}/roll-call`,
      {
        deploymentId: contingent[0],
        note: 'Reached by phone at the airport',
      },
    );
    expect(marked.statusCode, marked.body).toBe(200);
    const rollCall: RollCall = marked.json();
    expect(rollCall.summary).toEqual({ concerned: 100, accounted: 2, missing: 98 });
    // Those not yet accounted for come first.
    expect(
      rollCall.rollCall
        .slice(-2)
        .map((r) => r.accountedHow)
        .sort(),
    ).toEqual(['check_in', 'marked']);
    expect(rollCall.rollCall[0]!.accountedHow).toBeNull();
    // Marking again changes nothing.
    const again = await commander.request('POST', `/api/v1/mission-events/${event!.id}/roll-call`, {
      deploymentId: contingent[0],
    });
    expect(again.json().summary.accounted).toBe(2);
  });

  it('refuses what does not fit the situation, in the caller’s language', async () => {
    const twice = await declare(staff, {
      kind: 'evacuation',
      destination: 'remote',
      ...instructions,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('event_in_force');
    const lockdown = await declare(
      staff,
      { kind: 'lockdown', ...instructions },
      t.ids.ownMission,
      'fr',
    );
    expect(lockdown.json().error.code).toBe('evacuated');
    expect(lockdown.json().error.message).toMatch(/contingent de la mission est évacué/);
    const noDestination = await declare(
      staff,
      { kind: 'evacuation', ...instructions },
      t.ids.otherMission,
    );
    expect(noDestination.statusCode).toBe(400);
    // No individual return to theatre while the contingent is evacuated.
    const [d] = await t.db.select().from(deployments).where(eq(deployments.id, contingent[1]!));
    const back = await staff.request('POST', `/api/v1/deployments/${d!.id}/transitions`, {
      version: d!.version,
      to: 'in_theatre',
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('mission_travel_held');
    // Another mission's commander reaches nothing here; a coordinator may not declare.
    const coordinator = await t.as('agency_coordinator');
    expect((await declare(coordinator, { kind: 'lockdown', ...instructions })).statusCode).toBe(
      403,
    );
    expect(
      (await declare(commander, { kind: 'lockdown', ...instructions }, t.ids.otherMission))
        .statusCode,
    ).toBe(404);
  });

  it('returns to theatre those the evacuation sent to remote work; the repatriated stay home', async () => {
    // One officer is repatriated for good during the evacuation.
    const [d] = await t.db.select().from(deployments).where(eq(deployments.id, contingent[2]!));
    const home = await staff.request('POST', `/api/v1/deployments/${d!.id}/transitions`, {
      version: d!.version,
      to: 'repatriating',
      reason: 'Medical',
    });
    expect(home.statusCode, home.body).toBe(200);
    const res = await declare(staff, { kind: 'return_to_theatre', ...instructions });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().moved).toBe(99);
    expect(await statesOf([contingent[2]!])).toEqual(['repatriating/remote']);
    const back = await statesOf(contingent.filter((_, i) => i !== 2));
    expect(new Set(back)).toEqual(new Set(['in_theatre/in_theatre']));
    const events: RollCall[] = (
      await staff.request('GET', `/api/v1/missions/${t.ids.ownMission}/events`)
    ).json();
    expect(events.map((e) => [e.kind, e.endedAt !== null])).toEqual([
      ['return_to_theatre', false],
      ['evacuation', true],
    ]);
    const again = await declare(staff, { kind: 'return_to_theatre', ...instructions });
    expect(again.json().error.code).toBe('no_evacuation');
  });

  it('declares and lifts a lockdown (its roll-call is who is in theatre); an evacuation is not lifted, it is reversed', async () => {
    const res = await declare(commander, { kind: 'lockdown', ...instructions });
    expect(res.statusCode, res.body).toBe(201);
    const lockdown: RollCall = res.json();
    expect(lockdown.summary.concerned).toBe(99);
    expect(await statesOf([contingent[0]!])).toEqual(['in_theatre/in_theatre']);
    expect((await declare(staff, { kind: 'lockdown', ...instructions })).json().error.code).toBe(
      'event_in_force',
    );
    const lifted = await commander.request('POST', `/api/v1/mission-events/${lockdown.id}/end`);
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json().endedAt).not.toBeNull();
    const twice = await commander.request('POST', `/api/v1/mission-events/${lockdown.id}/end`);
    expect(twice.json().error.code).toBe('invalid_transition');
    const [evacuation] = (await staff.request('GET', `/api/v1/missions/${t.ids.ownMission}/events`))
      .json()
      .filter((e: RollCall) => e.kind === 'evacuation');
    const end = await staff.request('POST', `/api/v1/mission-events/${evacuation.id}/end`);
    expect(end.json().error.code).toBe('invalid_transition');
  });

  it('suspends a mission: travel there is held until the suspension is lifted', async () => {
    const today = isoDateOf(t.clock.now());
    const [ready] = await t.db
      .insert(deployments)
      .values({
        officerId: t.ids.otherOfficer!,
        missionId: t.ids.ownMission,
        state: 'ready',
        plannedStart: addDays(today, 400),
        plannedEnd: addDays(today, 700),
      })
      .returning();
    const res = await declare(staff, { kind: 'suspension', ...instructions });
    expect(res.statusCode, res.body).toBe(201);
    const [mission] = await t.db.select().from(missions).where(eq(missions.id, t.ids.ownMission));
    expect(mission!.status).toBe('suspended');
    const travel = () =>
      t.db
        .select({ version: deployments.version })
        .from(deployments)
        .where(eq(deployments.id, ready!.id))
        .then(([d]) =>
          staff.request('POST', `/api/v1/deployments/${ready!.id}/transitions`, {
            version: d!.version,
            to: 'in_transit',
          }),
        );
    expect((await travel()).json().error.code).toBe('mission_travel_held');
    const lifted = await staff.request('POST', `/api/v1/mission-events/${res.json().id}/end`);
    expect(lifted.statusCode).toBe(200);
    const [after] = await t.db.select().from(missions).where(eq(missions.id, t.ids.ownMission));
    expect(after!.status).toBe('active');
    expect((await travel()).statusCode).toBe(200);
  });
});
