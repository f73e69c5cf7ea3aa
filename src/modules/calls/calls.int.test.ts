import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { createPosts } from '../missions/posts.ts';
import { users } from '../users/schema.ts';
import { addUser } from '../users/users.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { smtpSink } from '../../../test/support/smtp.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { addPlanningFixtures } from '../../../test/support/planning.ts';

describeDb('calls for candidates and applications', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let staff: Client;
  let coordinator: Client;
  let officer: Client;
  let today: string;

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestApp({ smtpUrl: sink.url });
    Object.assign(t.ids, await addPlanningFixtures(t), await addPeopleFixtures(t));
    staff = await t.as('program_officer');
    coordinator = await t.as('agency_coordinator');
    officer = await t.as('officer');
    today = isoDateOf(t.clock.now());
  });
  afterAll(async () => {
    await t?.close();
    sink?.close();
  });

  it('takes a call from opening to screened, assessed and withdrawn applications', async () => {
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    // A coordinator of another agency, who reads French.
    const spvm = await addUser(t.db, ctx, {
      email: 'coordination@spvm.example.ca',
      displayName: 'SPVM',
      password: PASSWORD,
      role: 'agency_coordinator',
      agencyCode: 'SPVM',
    });
    await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, spvm.id));
    const posts = await createPosts(t.db, ctx, t.ids.ownMission, {
      requestLineId: t.ids.ownLine!,
      count: 2,
      tourStart: addDays(today, 90),
      tourEnd: addDays(today, 455),
    });
    const [first, second] = posts.map((p) => p.id) as [string, string];

    // Opening: the posts must start after the call closes.
    const body = {
      missionId: t.ids.ownMission,
      postIds: [first, second],
      closesOn: addDays(today, 30),
      audience: 'chosen',
      agencies: [
        { agencyId: t.ids.ownAgency, cap: 1 },
        { agencyId: t.ids.otherAgency, cap: null },
      ],
    };
    const late = await staff.request('POST', '/api/v1/calls', {
      ...body,
      closesOn: addDays(today, 120),
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields[0]).toMatchObject({
      path: 'postIds.0',
      code: 'call.post_starts_before_closing',
    });
    const opened = await staff.request('POST', '/api/v1/calls', body);
    expect(opened.statusCode, opened.body).toBe(201);
    const call = opened.json();
    expect(call).toMatchObject({
      number: `C-${today.slice(0, 4)}-001`,
      status: 'open',
      womenFloorPercent: 30,
      posts: [{ id: first }, { id: second }],
    });
    // A post is offered in one call at a time.
    const again = await staff.request('POST', '/api/v1/calls', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('call_post_taken');

    // Each invited agency's coordinator hears of it, in their language.
    await t.app.ctx.mailer!.deliver();
    const mailTo = (address: string) => sink.received.find((m) => m.to.includes(address));
    expect(mailTo('agency_coordinator@test.peaceops.ca')).toMatchObject({
      subject: `Call for candidates ${call.number}: MINUSMA`,
      language: 'en-CA',
    });
    expect(mailTo('agency_coordinator@test.peaceops.ca')!.text).toContain('2 posts');
    expect(mailTo('coordination@spvm.example.ca')).toMatchObject({
      subject: `Appel de candidatures ${call.number} : MINUSMA`,
      language: 'fr-CA',
    });

    // The officer sees the call sent to their agency and applies, first choice first.
    const open = (await officer.request('GET', '/api/v1/calls')).json();
    expect(open.items.map((c: { id: string }) => c.id)).toContain(call.id);
    const applied = await officer.request('POST', '/api/v1/applications', {
      callId: call.id,
      postIds: [second, first],
      statement: 'I have mentored investigators in Haiti.',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    let application = applied.json();
    expect(application).toMatchObject({ status: 'submitted', officer: { id: t.ids.ownOfficer } });
    expect(
      application.posts.map((p: { id: string; preference: number }) => [p.id, p.preference]),
    ).toEqual([
      [second, 1],
      [first, 2],
    ]);
    expect(
      (
        await officer.request('POST', '/api/v1/applications', { callId: call.id, postIds: [first] })
      ).json().error.code,
    ).toBe('application_exists');

    // Only the officer's own agency answers on the release; declining needs a reason.
    const other = await t.as('agency_coordinator');
    await other.login('coordination@spvm.example.ca');
    const url = `/api/v1/applications/${application.id}`;
    expect(
      (await other.request('POST', `${url}/release`, { version: 1, decision: 'endorse' }))
        .statusCode,
    ).toBe(404);
    const noReason = await coordinator.request('POST', `${url}/release`, {
      version: 1,
      decision: 'decline',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].code).toBe('application.reason_required');
    const endorsed = await coordinator.request('POST', `${url}/release`, {
      version: 1,
      decision: 'endorse',
    });
    expect(endorsed.statusCode, endorsed.body).toBe(200);
    expect(endorsed.json().status).toBe('endorsed');
    expect(
      (await coordinator.request('POST', `${url}/release`, { version: 1, decision: 'endorse' }))
        .statusCode,
    ).toBe(409);

    // Screening: the passport on file expires in 30 days, before the tour ends: screened out.
    const screened = await staff.request('POST', `/api/v1/calls/${call.id}/screening`);
    expect(screened.json()).toMatchObject({ screenedIn: 0, screenedOut: 1, changed: 1 });
    const inFrench = await officer.request('GET', url, undefined, { 'accept-language': 'fr' });
    application = inFrench.json();
    expect(application.status).toBe('screened_out');
    const passportRule = application.posts[0].screening.rules.find(
      (r: { rule: string }) => r.rule === 'passport',
    );
    expect(passportRule).toMatchObject({ outcome: 'fail', reason: 'screening.passport.expires' });
    expect(passportRule.message).toBe(
      `Le passeport expire le ${addDays(today, 30)}, avant la fin de l'affectation (${addDays(today, 455)}).`,
    );
    const language = application.posts[0].screening.rules.find(
      (r: { rule: string }) => r.rule === 'language',
    );
    expect(language.message).toBe('Français : 85 % (au moins 60 %).');

    // A new passport on record: screened in.
    const renewed = await staff.request(
      'POST',
      `/api/v1/officers/${t.ids.ownOfficer}/qualifications`,
      {
        kind: 'passport',
        obtainedOn: today,
        expiresOn: addDays(today, 3650),
        documentNumber: 'HK765432',
      },
    );
    expect(renewed.statusCode, renewed.body).toBe(201);
    // Screening follows the record: the application is screened in without being asked.
    expect((await officer.request('GET', url)).json().status).toBe('screened_in');
    expect(
      (await staff.request('POST', `/api/v1/calls/${call.id}/screening`)).json(),
    ).toMatchObject({ screenedIn: 1, changed: 0 });

    // An interview moves the application to assessed.
    const interview = await staff.request('POST', `${url}/assessments`, {
      kind: 'interview',
      assessedOn: today,
      competencies: { judgement: 4, communication: 5, teamwork: 3 },
    });
    expect(interview.statusCode, interview.body).toBe(201);
    expect(interview.json()).toMatchObject({ score: 80, passed: true });
    application = (await officer.request('GET', url)).json();
    expect(application.status).toBe('assessed');
    expect(application.assessments).toHaveLength(1);

    // The officer withdraws (a stale version is refused); withdrawn is final.
    expect(
      (await officer.request('POST', `${url}/withdraw`, { version: 1, reason: 'Family' }))
        .statusCode,
    ).toBe(409);
    const withdrawn = await officer.request('POST', `${url}/withdraw`, {
      version: application.version,
      reason: 'Family reasons',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const twice = await officer.request('POST', `${url}/withdraw`, {
      version: application.version + 1,
      reason: 'Family reasons',
    });
    expect(twice.json().error.code).toBe('invalid_transition');

    // The coordinator's list holds their agency's officers' applications; the other's does not.
    const theirs = (await other.request('GET', `/api/v1/applications?callId=${call.id}`)).json();
    expect(theirs.total).toBe(0);
    expect((await coordinator.request('GET', '/api/v1/applications')).json().total).toBe(1);
  });
});
