import { deployments } from '../../src/modules/deployments/schema.ts';
import { enrolOfficer } from '../../src/modules/training/enrolments.ts';
import { courseSessions, courses } from '../../src/modules/training/schema.ts';
import type { TestApp } from './app.ts';

/**
 * A course (code PDT) with one session, and an enrolment in it for each of the people fixtures'
 * officers (the fixture agency's and another agency's), and a deployment for each. Needs the
 * people fixtures first.
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
  // A deployment for each officer: the fixture agency's in the fixture mission, the other's elsewhere.
  const deployment = async (officerId: string, missionId: string) =>
    (
      await t.db
        .insert(deployments)
        .values({ officerId, missionId, plannedStart: '2027-04-01', plannedEnd: '2028-03-31' })
        .returning()
    )[0]!.id;
  return {
    course: course!.id,
    session: session!.id,
    ownEnrolment: own.id,
    otherEnrolment: other.id,
    ownDeployment: await deployment(t.ids.ownOfficer!, t.ids.ownMission),
    otherDeployment: await deployment(t.ids.otherOfficer!, t.ids.otherMission),
  };
}
