import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { deployments, deploymentStates } from '../deployments/schema.ts';
import { missions } from '../reference/schema.ts';

/**
 * What happens to a whole mission at once (DESIGN.md section 3): a lockdown (officers work from
 * their rooms), an evacuation (every officer in theatre sent home or to work remotely), the
 * return to theatre that reverses it, a suspension of travel to the mission.
 */
export const missionEventKinds = [
  'lockdown',
  'evacuation',
  'return_to_theatre',
  'suspension',
] as const;
export type MissionEventKind = (typeof missionEventKinds)[number];

/** Where an evacuation sends the officers in theatre. */
export const evacuationDestinations = ['remote', 'repatriating'] as const;
export type EvacuationDestination = (typeof evacuationDestinations)[number];

export const missionEvents = pgTable(
  'mission_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    kind: text('kind', { enum: missionEventKinds }).notNull(),
    /** Evacuation only: remote (work from Canada) or repatriating (tour over). */
    destination: text('destination', { enum: evacuationDestinations }),
    instructionsEn: text('instructions_en').notNull(),
    instructionsFr: text('instructions_fr').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    startedBy: uuid('started_by'),
    startedByRole: text('started_by_role'),
    /** A lockdown or suspension lifted, an evacuation reversed by the return to theatre. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    /** The return to theatre: the evacuation it reverses. */
    reversesId: uuid('reverses_id'),
  },
  (t) => [
    check(
      'mission_events_kind_ck',
      sql`${t.kind} in ('lockdown','evacuation','return_to_theatre','suspension')`,
    ),
    check(
      'mission_events_destination_ck',
      sql`(${t.kind} = 'evacuation') = (${t.destination} is not null)`,
    ),
    check('mission_events_ended_ck', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
    index('mission_events_mission_idx').on(t.missionId, t.startedAt),
  ],
);

/**
 * What an event did to each deployment (its state before and after), and the roll-call: who is
 * accounted for since the event began (a check-in, or marked by the commander).
 */
export const missionEventEffects = pgTable(
  'mission_event_effects',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => missionEvents.id),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id),
    fromState: text('from_state', { enum: deploymentStates }).notNull(),
    toState: text('to_state', { enum: deploymentStates }).notNull(),
    accountedAt: timestamp('accounted_at', { withTimezone: true }),
    accountedBy: uuid('accounted_by'),
    /** How: a check-in, or a commander or program officer who reached the officer. */
    accountedHow: text('accounted_how', { enum: ['check_in', 'marked'] }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.deploymentId] }),
    index('mission_event_effects_deployment_idx').on(t.deploymentId),
  ],
);
