import { and, asc, eq, isNull, notExists, sql } from 'drizzle-orm';
import { writeAudits, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { recordCheckIn, type DutyOfCareOptions } from '../checkins/checkins.ts';
import { defaultCadence, defaultEscalation } from '../checkins/rules.ts';
import { deploymentMoves, deployments } from '../deployments/schema.ts';
import { declareMissionEvent, endMissionEvent } from '../events/events.ts';
import { officers } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo's duty of care: six officers in theatre with EUAM Ukraine (high risk: a check-in every
 * three days), the demo officer among them, arrived four months ago, in Kyiv and Lviv. Over the
 * last three weeks they checked in every other day; a two-day lockdown in Kyiv last week (its roll-call complete);
 * one officer asked for support; one has not checked in for five days, so the escalation job
 * alerts the duty officer soon after the server starts. Written through the use cases, at the
 * times they happened.
 */
export async function seedDutyOfCare(
  db: Db,
  actors: { programOfficer: string | null; officerUser: string | null },
  now: Date,
  appUrl: string,
): Promise<void> {
  const [mission] = await db
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, 'EUAM-UKRAINE'));
  if (!mission) return;
  const self = actors.officerUser
    ? await db
        .select({ id: officers.id })
        .from(officers)
        .where(eq(officers.userId, actors.officerUser))
    : [];
  // Five more of the register, RCMP and other services, with no deployment of their own.
  const others = await db
    .select({ id: officers.id })
    .from(officers)
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .where(
      and(
        isNull(officers.userId),
        sql`${officers.email} is not null`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(deployments)
            .where(eq(deployments.officerId, officers.id)),
        ),
      ),
    )
    .orderBy(asc(agencies.code), asc(officers.badgeNumber))
    .limit(40);
  const picked = [...self, ...others.filter((_, i) => i % 8 === 3).slice(0, 6 - self.length)];
  const arrived = new Date(now.getTime() - 120 * DAY);
  const arrivedOn = isoDateOf(arrived);
  const placed = await db
    .insert(deployments)
    .values(
      picked.map((o, i) => ({
        officerId: o.id,
        missionId: mission.id,
        state: 'in_theatre' as const,
        plannedStart: arrivedOn,
        plannedEnd: addDays(arrivedOn, 364),
        actualStart: arrivedOn,
        mode: 'in_theatre' as const,
        location: i % 3 === 2 ? 'Lviv' : 'Kyiv',
        createdAt: arrived,
        updatedAt: arrived,
      })),
    )
    .returning({ id: deployments.id, location: deployments.location });
  const staff = (at: Date): AuditContext => ({
    actorId: actors.programOfficer,
    actorRole: 'program_officer',
    requestId: null,
    now: at,
  });
  await db.insert(deploymentMoves).values(
    placed.map((d) => ({
      deploymentId: d.id,
      fromState: 'in_transit' as const,
      toState: 'in_theatre' as const,
      actorId: actors.programOfficer,
      actorRole: 'program_officer',
      at: arrived,
    })),
  );
  await db.transaction((tx) =>
    writeAudits(
      tx,
      staff(arrived),
      placed.map((d) => ({
        action: 'deployment.in_theatre',
        recordType: 'deployment',
        recordId: d.id,
        changes: { state: ['in_transit', 'in_theatre'], actualStart: [null, arrivedOn] },
      })),
    ),
  );

  const options: DutyOfCareOptions = {
    cadence: defaultCadence,
    escalation: defaultEscalation,
    dutyOfficerEmail: undefined,
    appUrl,
  };
  const checkIn = (i: number, at: Date, status: 'ok' | 'needs_support', note?: string) =>
    recordCheckIn(
      db,
      { actorId: null, actorRole: 'officer', requestId: null, now: at },
      placed[i]!.id,
      { status, location: placed[i]!.location ?? undefined, ...(note ? { note } : {}) },
      options,
    );
  const at = (daysAgo: number, hour: number) =>
    new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + hour * HOUR);
  // Every other day for three weeks, each officer at their own hour; the last officer stops
  // five days ago.
  const lockdownStart = at(9, 5);
  const lockdownEnd = at(7, 16);
  const steps: Array<{ at: Date; run: () => Promise<unknown> }> = [];
  for (let day = 20; day >= 1; day -= 2)
    placed.forEach((_, i) => {
      if (i === placed.length - 1 && day < 5) return;
      const when = at(day - (i % 2), 7 + i);
      if (when >= now) return;
      const support = i === 2 && day === 12;
      steps.push({
        at: when,
        run: () =>
          checkIn(
            i,
            when,
            support ? 'needs_support' : 'ok',
            support
              ? 'Air-raid alerts every night; I am not sleeping. Could I talk to someone?'
              : undefined,
          ),
      });
    });
  let lockdownId = '';
  steps.push({
    at: lockdownStart,
    run: async () => {
      lockdownId = (
        await declareMissionEvent(db, staff(lockdownStart), mission.id, {
          kind: 'lockdown',
          instructionsEn:
            'Shelter in your accommodation. Work from your room; keep your phone charged. Check in every morning by 09:00.',
          instructionsFr:
            'Restez à l’abri dans votre logement. Travaillez depuis votre chambre; gardez votre téléphone chargé. Donnez des nouvelles chaque matin avant 9 h.',
        })
      ).id;
    },
  });
  for (let i = 0; i < placed.length; i++) {
    const when = new Date(lockdownStart.getTime() + (2 + i) * HOUR);
    steps.push({ at: when, run: () => checkIn(i, when, 'ok') });
  }
  steps.push({
    at: lockdownEnd,
    run: () => endMissionEvent(db, staff(lockdownEnd), lockdownId),
  });
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
}
