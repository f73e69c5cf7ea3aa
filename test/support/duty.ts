import { inArray } from 'drizzle-orm';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deployments } from '../../src/modules/deployments/schema.ts';
import { createIncident } from '../../src/modules/incidents/incidents.ts';
import { sendNotice } from '../../src/modules/notices/notices.ts';
import type { TestApp } from './app.ts';

/**
 * Duty of care: the training fixtures' deployments are in theatre (each officer is their
 * mission's contingent), the other agency's officer also served in the fixture mission years ago;
 * an incident in each mission (the fixture mission's involves both officers), and a notice to
 * each mission's contingent. Needs the people and training fixtures first.
 */
export async function addDutyFixtures(t: TestApp) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const today = isoDateOf(ctx.now);
  await t.db
    .update(deployments)
    .set({ state: 'in_theatre', mode: 'in_theatre', actualStart: '2027-04-01' })
    .where(inArray(deployments.id, [t.ids.ownDeployment!, t.ids.otherDeployment!]));
  await t.db.insert(deployments).values({
    officerId: t.ids.otherOfficer!,
    missionId: t.ids.ownMission,
    state: 'closed',
    plannedStart: '2020-01-06',
    plannedEnd: '2020-12-31',
  });
  // Reported by the fixture program officer.
  const reporter = { ...ctx, actorId: t.users.program_officer!.id, actorRole: 'program_officer' };
  const incident = async (missionId: string, officerIds: string[]) =>
    (
      await createIncident(t.db, reporter, {
        missionId,
        type: 'medical',
        severity: 'moderate',
        occurredOn: addDays(today, -3),
        place: 'Gao',
        officerIds,
        narrative: 'Heat exhaustion during a patrol; treated at the level 2 hospital.',
      })
    ).id;
  const notice = async (missionId: string) =>
    (
      await sendNotice(
        t.db,
        ctx,
        {
          missionId,
          titleEn: 'Curfew',
          titleFr: 'Couvre-feu',
          bodyEn: 'A curfew applies from 22:00.',
          bodyFr: 'Un couvre-feu s’applique dès 22 h.',
        },
        { appUrl: 'http://localhost' },
      )
    ).id;
  return {
    ownIncident: await incident(t.ids.ownMission, [t.ids.ownOfficer!, t.ids.otherOfficer!]),
    otherIncident: await incident(t.ids.otherMission, [t.ids.otherOfficer!]),
    ownNotice: await notice(t.ids.ownMission),
    otherNotice: await notice(t.ids.otherMission),
  };
}
