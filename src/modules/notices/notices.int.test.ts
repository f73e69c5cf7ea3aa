import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { smtpSink } from '../../../test/support/smtp.ts';
import { deployments } from '../deployments/schema.ts';
import { addOfficer } from '../officers/officers.ts';
import { missions } from '../reference/schema.ts';

describeDb('notices: to a contingent, in both languages, acknowledged per officer', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let staff: Client;
  let commander: Client;
  let officer: Client;
  let missionNotice: string;
  let allNotice: string;

  const notice = (missionId: string | null, title = 'Curfew') => ({
    missionId,
    titleEn: title,
    titleFr: `${title} (fr)`,
    bodyEn: 'A curfew applies from 22:00 until further notice.',
    bodyFr: 'Un couvre-feu s’applique dès 22 h jusqu’à nouvel ordre.',
  });

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestApp({ smtpUrl: sink.url });
    Object.assign(t.ids, await addPeopleFixtures(t));
    [staff, commander, officer] = await Promise.all([
      t.as('program_officer'),
      t.as('contingent_commander'),
      t.as('officer'),
    ]);
    const today = isoDateOf(t.clock.now());
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    // Still to leave, so not (yet) the contingent.
    const waiting = await addOfficer(t.db, ctx, {
      agencyId: t.ids.ownAgency,
      badgeNumber: 'SQ-3003',
      givenName: 'Luc',
      familyName: 'Gagnon',
      gender: 'man',
      rankCode: 'constable',
      serviceStart: '2012-01-09',
      email: 'SQ-3003@police.example.ca',
    });
    await t.db.insert(deployments).values([
      {
        officerId: t.ids.ownOfficer!,
        missionId: t.ids.ownMission,
        state: 'in_theatre',
        plannedStart: addDays(today, -30),
        plannedEnd: addDays(today, 335),
      },
      {
        officerId: t.ids.otherOfficer!,
        missionId: t.ids.otherMission,
        state: 'remote',
        plannedStart: addDays(today, -60),
        plannedEnd: addDays(today, 305),
      },
      {
        officerId: waiting.id,
        missionId: t.ids.ownMission,
        state: 'ready',
        plannedStart: addDays(today, 10),
        plannedEnd: addDays(today, 375),
      },
    ]);
    await t.db.execute(
      sql`update officers set preferred_language = 'fr' where id = ${t.ids.ownOfficer}`,
    );
  });
  afterAll(async () => {
    await t?.close();
    sink?.close();
  });
  beforeEach(() => {
    sink.received.length = 0;
  });

  it('sends a commander’s notice to their contingent, in the app and by e-mail in each one’s language', async () => {
    const res = await commander.request('POST', '/api/v1/notices', notice(t.ids.ownMission));
    expect(res.statusCode, res.body).toBe(201);
    missionNotice = res.json().id;
    expect(res.json()).toMatchObject({
      recipients: 1,
      acknowledged: 0,
      authorName: 'contingent_commander',
      recipientList: [{ officerId: t.ids.ownOfficer, acknowledgedAt: null }],
    });
    await t.app.ctx.mailer!.deliver();
    expect(sink.received.map((m) => [m.to, m.language, m.subject])).toEqual([
      ['SQ-1001@police.example.ca', 'fr-CA', 'Avis : Curfew (fr)'],
    ]);
    expect(sink.received[0]!.text).toContain('Votre commandant de contingent');
    expect(sink.received[0]!.text).toContain('Un couvre-feu');
    expect(sink.received[0]!.text).not.toContain('A curfew');
  });

  it('keeps a commander to their own mission; the program sends to all deployed', async () => {
    expect(
      (await commander.request('POST', '/api/v1/notices', notice(t.ids.otherMission))).statusCode,
    ).toBe(404);
    expect((await commander.request('POST', '/api/v1/notices', notice(null))).statusCode).toBe(404);
    t.clock.advance(60_000);
    const all = await staff.request('POST', '/api/v1/notices', notice(null, 'Security alert'));
    expect(all.statusCode, all.body).toBe(201);
    allNotice = all.json().id;
    expect(all.json().recipients).toBe(2);
    await t.app.ctx.mailer!.deliver();
    expect(sink.received.map((m) => [m.to, m.language]).sort()).toEqual([
      ['SPVM-2002@police.example.ca', 'en-CA'],
      ['SQ-1001@police.example.ca', 'fr-CA'],
    ]);
    const english = sink.received.find((m) => m.language === 'en-CA')!;
    expect(english.subject).toBe('Notice: Security alert');
    expect(english.text).toContain('all deployed Canadian police officers');
  });

  it('refuses a notice that would reach nobody, or one missing a language', async () => {
    const [empty] = await t.db
      .select({ id: missions.id })
      .from(missions)
      .where(eq(missions.code, 'UNTAG'));
    const res = await staff.request('POST', '/api/v1/notices', notice(empty!.id));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('notice_no_recipients');
    const { titleFr: _, ...english } = notice(t.ids.ownMission);
    expect((await staff.request('POST', '/api/v1/notices', english)).statusCode).toBe(400);
    const blank = await staff.request('POST', '/api/v1/notices', {
      ...notice(t.ids.ownMission),
      bodyFr: '  ',
    });
    expect(blank.json().error.fields[0]).toMatchObject({
      path: 'bodyFr',
      code: 'validation.required',
    });
  });

  it('lists the notices with their counts; a commander sees their mission’s and those to all, counting their own officers', async () => {
    const all = (await staff.request('GET', '/api/v1/notices')).json();
    expect(all.items.map((n: { id: string; recipients: number }) => [n.id, n.recipients])).toEqual([
      [allNotice, 2],
      [missionNotice, 1],
    ]);
    expect(all.items[0].mission).toBeNull();
    const mine = (await commander.request('GET', '/api/v1/notices')).json();
    expect(mine.items.map((n: { id: string; recipients: number }) => [n.id, n.recipients])).toEqual(
      [
        [allNotice, 1],
        [missionNotice, 1],
      ],
    );
    const detail = (await commander.request('GET', `/api/v1/notices/${allNotice}`)).json();
    expect(detail.recipientList.map((r: { officerId: string }) => r.officerId)).toEqual([
      t.ids.ownOfficer,
    ]);
    const filtered = (
      await staff.request('GET', `/api/v1/notices?missionId=${t.ids.ownMission}`)
    ).json();
    expect(filtered.total).toBe(1);
  });

  it('lets an officer read their notices and acknowledge each once (idempotent, audited once)', async () => {
    const before = (await officer.request('GET', '/api/v1/me/notices')).json();
    expect(
      before.items.map((n: { id: string; acknowledgedAt: null }) => [n.id, n.acknowledgedAt]),
    ).toEqual([
      [allNotice, null],
      [missionNotice, null],
    ]);
    expect(before.items[1]).toMatchObject({ bodyFr: expect.stringContaining('couvre-feu') });
    const first = await officer.request('POST', `/api/v1/notices/${missionNotice}/acknowledgement`);
    expect(first.statusCode, first.body).toBe(200);
    const at = first.json().acknowledgedAt;
    expect(at).not.toBeNull();
    t.clock.advance(60_000);
    const again = await officer.request('POST', `/api/v1/notices/${missionNotice}/acknowledgement`);
    expect(again.json().acknowledgedAt).toBe(at);
    const audits = await t.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.recordId, missionNotice),
          eq(auditEntries.action, 'notice.acknowledge'),
        ),
      );
    expect(audits).toHaveLength(1);
    const detail = (await staff.request('GET', `/api/v1/notices/${missionNotice}`)).json();
    expect(detail).toMatchObject({ acknowledged: 1, recipients: 1 });
    expect(detail.recipientList[0].acknowledgedAt).toBe(at);
    // A notice the officer did not receive: 404, like a missing one.
    const other = await staff.request(
      'POST',
      '/api/v1/notices',
      notice(t.ids.otherMission, 'Other'),
    );
    const res = await officer.request('POST', `/api/v1/notices/${other.json().id}/acknowledgement`);
    expect(res.statusCode).toBe(404);
  });
});
