import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { queryRows } from '../../kernel/db/client.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { buildApp } from '../../server.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { addContingent, addDeploymentsInTheatre } from '../../../test/support/contingent.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { escalateMissedCheckIns, dutyOfCareOf } from './checkins.ts';
import { currentSettings } from '../settings/settings.ts';
import { checkInAlerts } from './schema.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describeDb('welfare check-ins: cadence, escalation once, alerts at once', () => {
  let t: TestApp;
  let officer: Client;
  let commander: Client;
  let staff: Client;
  let own: string;
  let others: string[];
  const ctx = () => ({ actorId: null, actorRole: 'system', requestId: null, now: t.clock.now() });
  const escalate = async () =>
    escalateMissedCheckIns(
      t.db,
      ctx(),
      dutyOfCareOf(t.config, await currentSettings(t.db, t.config)),
    );
  const mailsTo = async (topic: string) =>
    (await t.db.select().from(mailOutbox).where(eq(mailOutbox.topic, topic))).map(
      (m) => m.toAddress,
    );

  beforeAll(async () => {
    t = await startTestApp({
      // Weekly at moderate risk (MINUSMA's fixture level is set below), the default delays.
      checkInEscalation: { reminder: 60, commander: 240, dutyOfficer: 480 },
      dutyOfficerEmail: 'duty@rcmp.example.ca',
      // The clock moves by days here: sessions outlast it.
      sessionIdleMinutes: 100_000,
      sessionAbsoluteHours: 10_000,
    });
    Object.assign(t.ids, await addPeopleFixtures(t));
    officer = await t.as('officer');
    commander = await t.as('contingent_commander');
    staff = await t.as('program_officer');
    await t.db.execute(
      sql`update missions set risk_level = 'moderate' where id = ${t.ids.ownMission}`,
    );
    own = (await addDeploymentsInTheatre(t, t.ids.ownMission, [t.ids.ownOfficer!]))[0]!;
    others = await addContingent(t, t.ids.ownMission, 2);
  });
  afterAll(() => t?.close());

  it('expects a check-in a week after arrival, and shows the contingent with the overdue first', async () => {
    const res = await officer.request('GET', `/api/v1/deployments/${own}/check-ins`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().next).toMatchObject({ cadenceHours: 168, overdueMinutes: -168 * 60 });
    // The second officer checks in an hour later: the others are due first.
    t.clock.advance(HOUR);
    expect(
      (await staff.request('POST', `/api/v1/deployments/${others[1]}/check-ins`, { status: 'ok' }))
        .statusCode,
    ).toBe(201);
    t.clock.advance(168 * HOUR);
    const board = await commander.request('GET', `/api/v1/missions/${t.ids.ownMission}/contingent`);
    expect(board.statusCode, board.body).toBe(200);
    const { members, summary } = board.json();
    expect(summary).toMatchObject({ members: 3, overdue: 2, inTheatre: 3 });
    expect(members.at(-1).deploymentId).toBe(others[1]);
    expect(members[0]).toMatchObject({ overdueMinutes: 60, phone: expect.any(String) });
  });

  it('escalates a missed check-in step by step, each step once', async () => {
    // Now 60 minutes overdue for two officers: reminders to both.
    expect(await escalate()).toEqual({ reminders: 2, commanders: 0, dutyOfficers: 0 });
    expect(await escalate()).toEqual({ reminders: 0, commanders: 0, dutyOfficers: 0 });
    t.clock.advance(179 * MINUTE); // 239 minutes overdue (the third officer: 179)
    expect(await escalate()).toEqual({ reminders: 1, commanders: 0, dutyOfficers: 0 });
    t.clock.advance(MINUTE); // 240
    expect(await escalate()).toEqual({ reminders: 0, commanders: 2, dutyOfficers: 0 });
    // The officer checks in: their escalation stops, the other's goes on to the duty officer.
    expect(
      (
        await officer.request('POST', `/api/v1/deployments/${own}/check-ins`, {
          status: 'ok',
          location: 'Gao',
        })
      ).statusCode,
    ).toBe(201);
    t.clock.advance(240 * MINUTE); // 480 (the third officer: 420, their commander step)
    expect(await escalate()).toEqual({ reminders: 0, commanders: 1, dutyOfficers: 1 });
    expect(await mailsTo('checkin.reminder')).toHaveLength(3);
    expect(await mailsTo('checkin.commander')).toEqual(
      Array(3).fill('contingent_commander@test.peaceops.ca'),
    );
    expect(await mailsTo('checkin.duty_officer')).toEqual(['duty@rcmp.example.ca']);
    const board = (
      await commander.request('GET', `/api/v1/missions/${t.ids.ownMission}/contingent`)
    ).json();
    const mine = board.members.find((m: { deploymentId: string }) => m.deploymentId === own);
    expect(mine).toMatchObject({ alerts: [], location: 'Gao', lastCheckIn: { status: 'ok' } });
    expect(board.members[0].alerts.sort()).toEqual(['commander', 'duty_officer', 'reminder']);
  });

  it('sends nothing again after a restart, nor from two instances at once', async () => {
    const before = await t.db.select({ n: count() }).from(checkInAlerts);
    const config = { ...loadConfig({}), ...t.config };
    const database = t.app.ctx.database;
    for (let run = 0; run < 2; run++) {
      const app = await buildApp({ database, config, clock: t.clock, logger: false, jobs: true });
      await app.ctx.jobs!.trigger('checkins.escalate');
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [done] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pgboss.job where name = 'checkins.escalate' and state = 'completed'`,
        );
        if (done!.n >= run + 1) break;
        if (Date.now() > deadline) throw new Error('the escalation job did not run');
        await new Promise((r) => setTimeout(r, 200));
      }
      await app.close();
    }
    const twice = await Promise.all([escalate(), escalate()]);
    expect(twice.map((r) => r.reminders + r.commanders + r.dutyOfficers)).toEqual([0, 0]);
    const after = await t.db.select({ n: count() }).from(checkInAlerts);
    expect(after).toEqual(before);
  });

  it('alerts the commander and the duty officer at once when an officer needs support or it is urgent', async () => {
    const res = await officer.request(
      'POST',
      `/api/v1/deployments/${own}/check-ins`,
      { status: 'urgent', note: 'Checkpoint incident, I am safe but shaken' },
      { 'accept-language': 'fr' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect((await mailsTo('checkin.urgent')).sort()).toEqual([
      'contingent_commander@test.peaceops.ca',
      'duty@rcmp.example.ca',
    ]);
    const [mail] = await t.db
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.topic, 'checkin.urgent'),
          eq(mailOutbox.toAddress, 'duty@rcmp.example.ca'),
        ),
      );
    expect(mail!.body).toContain('Checkpoint incident');
    // The note is not copied into the audit log.
    const audited = await queryRows<{ changes: unknown }>(
      t.db,
      sql`select changes from audit_entries where action = 'checkin.record' order by seq desc limit 1`,
    );
    expect(JSON.stringify(audited[0]!.changes)).not.toContain('Checkpoint');
  });

  it('asks for check-ins daily in a lockdown, twice a day in an evacuation, counting from the event', async () => {
    const lockdown = await commander.request(
      'POST',
      `/api/v1/missions/${t.ids.ownMission}/events`,
      {
        kind: 'lockdown',
        instructionsEn: 'Stay in',
        instructionsFr: 'Restez à l’intérieur',
      },
    );
    expect(lockdown.statusCode, lockdown.body).toBe(201);
    const next = async () =>
      (await officer.request('GET', `/api/v1/deployments/${own}/check-ins`)).json().next;
    expect(await next()).toMatchObject({ cadenceHours: 24, overdueMinutes: -24 * 60 });
    await commander.request('POST', `/api/v1/mission-events/${lockdown.json().id}/end`);
    t.clock.advance(HOUR);
    await commander.request('POST', `/api/v1/missions/${t.ids.ownMission}/events`, {
      kind: 'evacuation',
      destination: 'remote',
      instructionsEn: 'Go home',
      instructionsFr: 'Rentrez',
    });
    expect(await next()).toMatchObject({ cadenceHours: 12, overdueMinutes: -12 * 60 });
    // A deployment not yet under way does not check in.
    const coordinator = await t.as('agency_coordinator');
    expect(
      (await coordinator.request('POST', `/api/v1/deployments/${own}/check-ins`, { status: 'ok' }))
        .statusCode,
    ).toBe(403);
  });

  it('shows the officer their deployment: next check-in, the events in force, who to call', async () => {
    const res = await officer.request('GET', '/api/v1/me/deployment');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: own,
      state: 'remote',
      checkIn: { expected: true, cadenceHours: 12, last: { status: 'urgent' } },
      events: [{ kind: 'evacuation', instructionsFr: 'Rentrez' }],
      contacts: {
        commanders: [{ email: 'contingent_commander@test.peaceops.ca' }],
        dutyOfficer: { email: 'duty@rcmp.example.ca' },
      },
      // Working remotely, out of theatre: the end-of-tour report may be written.
      can: { writeEndOfTourReport: true },
    });
    await t.db.execute(sql`update deployments set state = 'in_theatre' where id = ${own}`);
    const inTheatre = await officer.request('GET', '/api/v1/me/deployment');
    expect(inTheatre.json().can).toEqual({ writeEndOfTourReport: false });
    await t.db.execute(sql`update deployments set state = 'remote' where id = ${own}`);
  });
});

describeDb('welfare check-ins: only while checking in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
  });
  afterAll(() => t?.close());

  it('refuses a check-in for a deployment not yet on its way, in the caller language, recording nothing', async () => {
    const [deployment] = await addContingent(t, t.ids.ownMission, 1, 'R');
    await t.db.execute(sql`update deployments set state = 'ready' where id = ${deployment}`);
    const staff = await t.as('program_officer');
    const res = await staff.request(
      'POST',
      `/api/v1/deployments/${deployment}/check-ins`,
      { status: 'ok' },
      { 'accept-language': 'fr' },
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('not_checking_in');
    expect(res.json().error.message).toMatch(/prises de nouvelles/);
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from check_ins where deployment_id = ${deployment}`,
    );
    expect(row?.n).toBe(0);
  });
});
