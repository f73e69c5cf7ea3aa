import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deploymentMoves, deployments } from '../../src/modules/deployments/schema.ts';
import { officers } from '../../src/modules/officers/schema.ts';
import type { TestApp } from './app.ts';

/**
 * A contingent in theatre: `count` officers of the fixture agency deployed to a mission, each
 * arrived (a move into in_theatre recorded at the clock's time), in Bamako. Returns the
 * deployment ids in officer order.
 */
export async function addContingent(
  t: TestApp,
  missionId: string,
  count: number,
  prefix = 'C',
): Promise<string[]> {
  const now = t.clock.now();
  const today = isoDateOf(now);
  const added = await t.db
    .insert(officers)
    .values(
      Array.from({ length: count }, (_, i) => ({
        agencyId: t.ids.ownAgency,
        badgeNumber: `${prefix}-${String(i + 1).padStart(4, '0')}`,
        givenName: i % 2 ? 'Jean' : 'Amélie',
        familyName: `${prefix}${String(i + 1).padStart(4, '0')}`,
        gender: i % 2 ? ('man' as const) : ('woman' as const),
        rankCode: 'constable',
        serviceStart: '2010-01-01',
        email: `${prefix.toLowerCase()}${i + 1}@police.example.ca`,
        phone: `+1 613 555 ${String(1000 + i)}`,
      })),
    )
    .returning({ id: officers.id });
  return addDeploymentsInTheatre(
    t,
    missionId,
    added.map((o) => o.id),
    today,
    now,
  );
}

/** In-theatre deployments for these officers, arrived now. */
export async function addDeploymentsInTheatre(
  t: TestApp,
  missionId: string,
  officerIds: string[],
  today = isoDateOf(t.clock.now()),
  now = t.clock.now(),
): Promise<string[]> {
  const rows = await t.db
    .insert(deployments)
    .values(
      officerIds.map((officerId) => ({
        officerId,
        missionId,
        state: 'in_theatre' as const,
        plannedStart: addDays(today, -30),
        plannedEnd: addDays(today, 335),
        actualStart: addDays(today, -30),
        mode: 'in_theatre' as const,
        location: 'Bamako',
      })),
    )
    .returning({ id: deployments.id });
  await t.db.insert(deploymentMoves).values(
    rows.map((r) => ({
      deploymentId: r.id,
      fromState: 'in_transit' as const,
      toState: 'in_theatre' as const,
      actorRole: 'test',
      at: now,
    })),
  );
  return rows.map((r) => r.id);
}

/**
 * For the authorization matrix: in each fixture mission, an event that can no longer change
 * (a return to theatre: it cannot be ended, so the matrix's calls change nothing) whose
 * roll-call holds both fixture deployments.
 */
export async function addDutyOfCareFixtures(t: TestApp) {
  const { missionEvents, missionEventEffects } = await import('../../src/modules/events/schema.ts');
  const event = async (missionId: string) => {
    const [row] = await t.db
      .insert(missionEvents)
      .values({
        missionId,
        kind: 'return_to_theatre',
        instructionsEn: 'Back to work',
        instructionsFr: 'Retour au travail',
        startedAt: t.clock.now(),
      })
      .returning({ id: missionEvents.id });
    await t.db.insert(missionEventEffects).values(
      [t.ids.ownDeployment!, t.ids.otherDeployment!].map((deploymentId) => ({
        eventId: row!.id,
        deploymentId,
        fromState: 'selected' as const,
        toState: 'selected' as const,
      })),
    );
    return row!.id;
  };
  return {
    ownMissionEvent: await event(t.ids.ownMission),
    otherMissionEvent: await event(t.ids.otherMission),
  };
}
