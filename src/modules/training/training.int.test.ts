import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addOfficer } from '../officers/officers.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { describeDb } from '../../../test/support/db.ts';
import { enrolOfficer, recordResult, withdrawEnrolment } from './enrolments.ts';
import { certificates, courseSessions, courses, enrolments } from './schema.ts';

describeDb('training: enrolment, waiting list, results and certificates', () => {
  let t: TestApp;
  const ctx = () => ({ actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() });
  let sessionId: string;
  const officerIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const [course] = await t.db
      .insert(courses)
      .values({
        code: 'PDT',
        nameEn: 'Pre-deployment training',
        nameFr: 'Formation préalable au déploiement',
        delivery: 'in_person',
        durationDays: 10,
        passMark: 70,
        validityMonths: 24,
        requiredFor: { everyone: true, postTypes: [], teams: [], missionCodes: [] },
      })
      .returning();
    const [session] = await t.db
      .insert(courseSessions)
      .values({
        courseId: course!.id,
        startsOn: '2026-03-02',
        endsOn: '2026-03-13',
        place: 'Canadian Police College, Ottawa',
        capacity: 10,
        language: 'bilingual',
      })
      .returning();
    sessionId = session!.id;
    for (let i = 0; i < 30; i++)
      officerIds.push(
        (
          await addOfficer(t.db, ctx(), {
            agencyId: t.ids.ownAgency,
            badgeNumber: `TRN-${i}`,
            givenName: 'Trainee',
            familyName: `Number ${i}`,
            gender: i % 3 ? 'man' : 'woman',
            rankCode: 'constable',
            serviceStart: '2012-01-01',
          })
        ).id,
      );
  });
  afterAll(() => t?.close());

  it('never seats more than the capacity under concurrent enrolments; the rest wait in order', async () => {
    const results = await Promise.all(
      officerIds.map((id) => enrolOfficer(t.db, ctx(), sessionId, id)),
    );
    const rows = await t.db.select().from(enrolments).where(eq(enrolments.sessionId, sessionId));
    expect(rows.filter((r) => r.status === 'enrolled')).toHaveLength(10);
    const waiting = rows.filter((r) => r.status === 'waitlisted');
    expect(waiting.map((r) => r.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(results).toHaveLength(30);
    await expect(enrolOfficer(t.db, ctx(), sessionId, officerIds[0]!)).rejects.toMatchObject({
      code: 'enrolment_exists',
    });
  });

  it('gives a seat given up to the first on the waiting list, and closes the list up', async () => {
    const rows = await t.db.select().from(enrolments).where(eq(enrolments.sessionId, sessionId));
    const seated = rows.find((r) => r.status === 'enrolled')!;
    const first = rows.find((r) => r.waitlistPosition === 1)!;
    await expect(
      withdrawEnrolment(t.db, ctx(), seated.id, seated.version + 5),
    ).rejects.toMatchObject({
      code: 'stale_version',
    });
    await withdrawEnrolment(t.db, ctx(), seated.id, seated.version);
    const after = await t.db.select().from(enrolments).where(eq(enrolments.sessionId, sessionId));
    expect(after.find((r) => r.id === first.id)).toMatchObject({
      status: 'enrolled',
      waitlistPosition: null,
    });
    expect(after.filter((r) => r.status === 'enrolled')).toHaveLength(10);
    expect(
      after
        .filter((r) => r.status === 'waitlisted')
        .map((r) => r.waitlistPosition)
        .sort((a, b) => a! - b!),
    ).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });

  it('issues a certificate on a pass, valid for the course’s validity from the last day', async () => {
    const [seat] = await t.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.status, 'enrolled')))
      .limit(2);
    const { certificate } = await recordResult(t.db, ctx(), seat!.id, seat!.version, {
      attended: true,
      grade: 70,
    });
    expect(certificate).toMatchObject({ issuedOn: '2026-03-13', expiresOn: '2028-03-13' });
    const [issued] = await t.db
      .select()
      .from(certificates)
      .where(eq(certificates.enrolmentId, seat!.id));
    expect(issued).toBeDefined();
    const audit = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'certificate.issue'));
    expect(audit).toHaveLength(1);
  });

  it('records a grade under the pass mark as a failure, without a certificate', async () => {
    const [seat] = await t.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.status, 'enrolled')))
      .limit(1);
    const { enrolment, certificate } = await recordResult(t.db, ctx(), seat!.id, seat!.version, {
      attended: true,
      grade: 69,
    });
    expect(enrolment.status).toBe('failed');
    expect(certificate).toBeNull();
  });

  it('runs the catalogue through the API: a virtual session, self-enrolment, results, the record', async () => {
    Object.assign(t.ids, await addPeopleFixtures(t));
    const staff = await t.as('program_officer');
    const officer = await t.as('officer');
    const coordinator = await t.as('agency_coordinator');
    const created = await staff.request('POST', '/api/v1/courses', {
      code: 'SGBV-INV',
      nameEn: 'Investigating sexual and gender-based violence',
      nameFr: 'Enquêtes sur la violence sexuelle et fondée sur le genre',
      delivery: 'virtual',
      durationDays: 5,
      passMark: 75,
      validityMonths: 36,
      requiredFor: { teams: ['sgbv'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const course = created.json();
    expect(course.requiredFor).toEqual({
      everyone: false,
      postTypes: [],
      teams: ['sgbv'],
      missionCodes: [],
    });
    const noPlace = await staff.request('POST', '/api/v1/sessions', {
      courseId: course.id,
      startsOn: '2026-06-01',
      endsOn: '2026-06-05',
      capacity: 2,
      language: 'fr',
    });
    expect(noPlace.json().error.fields[0].code).toBe('session.place_or_link_required');
    const scheduled = await staff.request('POST', '/api/v1/sessions', {
      courseId: course.id,
      startsOn: '2026-06-01',
      endsOn: '2026-06-05',
      virtualLink: 'https://meet.example.ca/sgbv-2026-06',
      capacity: 2,
      language: 'fr',
      instructors: ['Sgt. Nadia Roy'],
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const session = scheduled.json();

    // The officer enrols themself; their coordinator enrols another officer of the agency.
    const mine = await officer.request('POST', `/api/v1/sessions/${session.id}/enrolments`, {});
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ status: 'enrolled', officerId: t.ids.ownOfficer });
    const seat = await coordinator.request('POST', `/api/v1/sessions/${session.id}/enrolments`, {
      officerId: officerIds[0],
    });
    expect(seat.json().status).toBe('enrolled');
    const full = await staff.request('POST', `/api/v1/sessions/${session.id}/enrolments`, {
      officerId: t.ids.otherOfficer,
    });
    expect(full.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // A coordinator sees only their agency's officers in the session.
    const seen = (await coordinator.request('GET', `/api/v1/sessions/${session.id}`)).json();
    expect(seen.enrolments.map((e: { officer: { id: string } }) => e.officer.id).sort()).toEqual(
      [t.ids.ownOfficer, officerIds[0]].sort(),
    );
    expect(seen).toMatchObject({ seatsTaken: 2, waiting: 1 });

    const result = await staff.request('POST', `/api/v1/enrolments/${mine.json().id}/result`, {
      version: mine.json().version,
      attended: true,
      grade: 88,
    });
    expect(result.statusCode, result.body).toBe(200);
    const record = (
      await officer.request('GET', `/api/v1/officers/${t.ids.ownOfficer}/training`)
    ).json();
    expect(record.certificates).toEqual([
      expect.objectContaining({ issuedOn: '2026-06-05', expiresOn: '2029-06-05' }),
    ]);
    expect(record.enrolments[0]).toMatchObject({ status: 'passed', grade: 88 });
  });
});
