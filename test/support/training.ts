import { enrolOfficer } from '../../src/modules/training/enrolments.ts';
import { courseSessions, courses } from '../../src/modules/training/schema.ts';
import type { TestApp } from './app.ts';

/**
 * A course (code PDT) with one session, and an enrolment in it for each of the people fixtures'
 * officers (the fixture agency's and another agency's). Needs the people fixtures first.
 */
export async function addTrainingFixtures(t: TestApp) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
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
    })
    .returning();
  const [session] = await t.db
    .insert(courseSessions)
    .values({
      courseId: course!.id,
      startsOn: '2027-03-01',
      endsOn: '2027-03-12',
      place: 'Canadian Police College, Ottawa',
      capacity: 20,
      language: 'bilingual',
    })
    .returning();
  const own = await enrolOfficer(t.db, ctx, session!.id, t.ids.ownOfficer!);
  const other = await enrolOfficer(t.db, ctx, session!.id, t.ids.otherOfficer!);
  return {
    course: course!.id,
    session: session!.id,
    ownEnrolment: own.id,
    otherEnrolment: other.id,
  };
}
