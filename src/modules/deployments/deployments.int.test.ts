import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { constraintErrorOf } from '../../kernel/http/errors.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { deployments } from './schema.ts';

interface Shown {
  version: number;
  state: string;
  mode: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  nextStates: string[];
  moves: Array<{ from: string; to: string; reason: string | null; actorRole: string }>;
}

describeDb('deployments: the life cycle and one deployment at a time', () => {
  let t: TestApp;
  let staff: Client;
  let admin: Client;
  let today: string;
  let deploymentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    staff = await t.as('program_officer');
    admin = await t.as('program_admin');
    today = isoDateOf(t.clock.now());
    const [deployment] = await t.db
      .insert(deployments)
      .values({
        officerId: t.ids.ownOfficer!,
        missionId: t.ids.ownMission,
        plannedStart: addDays(today, 10),
        plannedEnd: addDays(today, 375),
        location: 'Bamako',
      })
      .returning();
    deploymentId = deployment!.id;
  });
  afterAll(() => t?.close());

  const show = async (): Promise<Shown> =>
    (await staff.request('GET', `/api/v1/deployments/${deploymentId}`)).json();
  const move = async (to: string, extra: object = {}, lang = 'en', who = staff) => {
    const { version } = await show();
    return who.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      { version, to, ...extra },
      { 'accept-language': lang },
    );
  };

  it('takes a deployment from selection to closing, each move with its actor, time and reason', async () => {
    expect((await move('preparing')).statusCode).toBe(200);
    // The readiness gate stands (the fixture officer is not ready); an administrator overrides.
    expect((await move('ready')).json().error.code).toBe('readiness_incomplete');
    const ready = await move(
      'ready',
      { override: { reason: 'Documents seen on paper' } },
      'en',
      admin,
    );
    expect(ready.statusCode, ready.body).toBe(200);
    expect((await move('in_transit')).statusCode).toBe(200);
    const arrived = await move('in_theatre');
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json()).toMatchObject({
      reasonNeeded: ['remote', 'repatriating'],
      state: 'in_theatre',
      mode: 'in_theatre',
      actualStart: today,
    });

    const noReason = await move('remote', {}, 'fr');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({
      path: 'reason',
      message: 'Indiquez le motif.',
    });
    expect((await move('remote', { reason: 'Lockdown lifted to remote work' })).json().mode).toBe(
      'remote',
    );
    expect((await move('in_theatre')).statusCode).toBe(200);
    // Not straight home: the officer is repatriated first.
    const skipped = await move('returned');
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error.code).toBe('invalid_transition');
    expect((await move('repatriating', { reason: 'Medical' })).statusCode).toBe(200);
    const home = await move('returned');
    expect(home.json()).toMatchObject({ state: 'returned', actualStart: today, actualEnd: today });
    // Closing needs the end-of-tour report and the debrief (see tour.int.test.ts); an
    // administrator may close without them, with a reason.
    expect((await move('closed')).json().error.code).toBe('closing_incomplete');
    const closed = await move('closed', { override: { reason: 'Tested elsewhere' } }, 'en', admin);
    expect(closed.statusCode, closed.body).toBe(200);

    const d = await show();
    expect(d.nextStates).toEqual([]);
    expect(d.moves.map((m) => m.to)).toEqual([
      'preparing',
      'ready',
      'in_transit',
      'in_theatre',
      'remote',
      'in_theatre',
      'repatriating',
      'returned',
      'closed',
    ]);
    expect(d.moves[1]).toMatchObject({
      reason: 'Documents seen on paper',
      actorRole: 'program_admin',
    });
    expect(d.moves[6]).toMatchObject({ from: 'in_theatre', reason: 'Medical' });
    const audited = await t.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.recordId, deploymentId), eq(auditEntries.outcome, 'ok')));
    expect(audited.map((a) => a.action)).toEqual([
      'deployment.preparing',
      'deployment.ready_override',
      'deployment.in_transit',
      'deployment.in_theatre',
      'deployment.remote',
      'deployment.in_theatre',
      'deployment.repatriating',
      'deployment.returned',
      'deployment.closed_override',
    ]);
    // Closed is the end: nothing moves it, and a withdrawal after theatre is refused.
    const again = await move('withdrawn', { reason: 'Too late' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a stale version and a role that may not move deployments', async () => {
    const coordinator = await t.as('agency_coordinator');
    const refused = await coordinator.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      {
        version: 1,
        to: 'preparing',
      },
    );
    expect(refused.statusCode).toBe(403);
    const stale = await staff.request('POST', `/api/v1/deployments/${deploymentId}/transitions`, {
      version: 1,
      to: 'closed',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('books an officer into one deployment at a time: of 50 concurrent overlapping attempts, exactly one wins', async () => {
    const start = addDays(today, 400);
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        t.db.insert(deployments).values({
          officerId: t.ids.ownOfficer!,
          missionId: t.ids.ownMission,
          plannedStart: addDays(start, i % 7),
          plannedEnd: addDays(start, 200 + i),
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(constraintErrorOf(l.reason)?.code).toBe('deployment_overlap');
  });

  it('lets tours meet end to start but not share a day; a withdrawn deployment holds no days', async () => {
    const first = addDays(today, 1000);
    const [a] = await t.db
      .insert(deployments)
      .values({
        officerId: t.ids.ownOfficer!,
        missionId: t.ids.ownMission,
        plannedStart: first,
        plannedEnd: addDays(first, 100),
      })
      .returning();
    const sameDay = t.db.insert(deployments).values({
      officerId: t.ids.ownOfficer!,
      missionId: t.ids.ownMission,
      plannedStart: addDays(first, 100),
      plannedEnd: addDays(first, 200),
    });
    await expect(sameDay).rejects.toSatisfy(
      (e) => constraintErrorOf(e)?.code === 'deployment_overlap',
    );
    await t.db.insert(deployments).values({
      officerId: t.ids.ownOfficer!,
      missionId: t.ids.ownMission,
      plannedStart: addDays(first, 101),
      plannedEnd: addDays(first, 200),
    });
    // Another officer on the same dates is no conflict.
    await t.db.insert(deployments).values({
      officerId: t.ids.otherOfficer!,
      missionId: t.ids.ownMission,
      plannedStart: first,
      plannedEnd: addDays(first, 100),
    });
    const withdrawn = await staff.request('POST', `/api/v1/deployments/${a!.id}/transitions`, {
      version: 1,
      to: 'withdrawn',
      reason: 'Officer unavailable',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await t.db.insert(deployments).values({
      officerId: t.ids.ownOfficer!,
      missionId: t.ids.ownMission,
      plannedStart: addDays(first, 10),
      plannedEnd: addDays(first, 90),
    });
  });

  it('answers a clear 409 in the caller’s language for an overlap', () => {
    const error = constraintErrorOf({ code: '23P01', constraint: 'deployments_no_overlap' });
    expect(error?.code).toBe('deployment_overlap');
    expect(error?.status).toBe(409);
  });
});
