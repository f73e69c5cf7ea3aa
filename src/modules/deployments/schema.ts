import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from '../calls/schema.ts';
import { posts } from '../missions/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';

export const deploymentStates = [
  'selected',
  'preparing',
  'ready',
  'in_transit',
  'in_theatre',
  'remote',
  'repatriating',
  'returned',
  'closed',
  'withdrawn',
] as const;
export type DeploymentState = (typeof deploymentStates)[number];

/** Where the officer works from: in theatre, remotely from Canada, or virtually before travel. */
export const deploymentModes = ['in_theatre', 'remote', 'virtual'] as const;
export type DeploymentMode = (typeof deploymentModes)[number];

/**
 * An officer in a post over time. The selection creates deployments in state `selected`; the
 * deployments module (DESIGN.md section 3) takes them through the rest of their life.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    postId: uuid('post_id').references(() => posts.id),
    applicationId: uuid('application_id').references(() => applications.id),
    state: text('state', { enum: deploymentStates }).notNull().default('selected'),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    /** The town or base in the host country (Bamako, Mopti). */
    location: text('location'),
    /** The day the officer arrived in theatre, and the day they came home. */
    actualStart: date('actual_start'),
    actualEnd: date('actual_end'),
    mode: text('mode', { enum: deploymentModes }),
    /** Rotation: the deployment this one takes over from (one successor per deployment). */
    predecessorId: uuid('predecessor_id').references((): AnyPgColumn => deployments.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'deployments_state_ck',
      sql`${t.state} in ('selected','preparing','ready','in_transit','in_theatre','remote','repatriating','returned','closed','withdrawn')`,
    ),
    check('deployments_dates_ck', sql`${t.plannedEnd} > ${t.plannedStart}`),
    check(
      'deployments_actual_dates_ck',
      sql`${t.actualEnd} is null or (${t.actualStart} is not null and ${t.actualEnd} >= ${t.actualStart})`,
    ),
    check(
      'deployments_mode_ck',
      sql`${t.mode} is null or ${t.mode} in ('in_theatre','remote','virtual')`,
    ),
    // No officer in two overlapping deployments: the exclusion constraint deployments_no_overlap
    // (btree_gist) lives in drizzle/0012_deployment_moves.sql.
    index('deployments_officer_idx').on(t.officerId),
    index('deployments_mission_idx').on(t.missionId),
    uniqueIndex('deployments_predecessor_uq').on(t.predecessorId),
  ],
);

/** Each move of a deployment: from, to, who, when and why (the audit log holds the same, chained). */
export const deploymentMoves = pgTable(
  'deployment_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of the moves, even within one millisecond. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id),
    fromState: text('from_state', { enum: deploymentStates }).notNull(),
    toState: text('to_state', { enum: deploymentStates }).notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('deployment_moves_deployment_idx').on(t.deploymentId, t.seq)],
);

export const extensionStatuses = ['requested', 'approved', 'declined'] as const;
export type ExtensionStatus = (typeof extensionStatuses)[number];

/** A request to extend a tour to a new end date, and its decision (approval moves planned_end). */
export const deploymentExtensions = pgTable(
  'deployment_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id),
    /** The planned end when asked, and the one asked for. */
    previousEnd: date('previous_end').notNull(),
    newEnd: date('new_end').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: extensionStatuses }).notNull().default('requested'),
    requestedBy: uuid('requested_by'),
    requestedByRole: text('requested_by_role'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedByRole: text('decided_by_role'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    check(
      'deployment_extensions_status_ck',
      sql`${t.status} in ('requested','approved','declined')`,
    ),
    check('deployment_extensions_later_ck', sql`${t.newEnd} > ${t.previousEnd}`),
    index('deployment_extensions_deployment_idx').on(t.deploymentId, t.requestedAt),
  ],
);

/** The debrief after a tour: when it was held, what was said, what follows up. One a deployment. */
export const deploymentDebriefs = pgTable('deployment_debriefs', {
  deploymentId: uuid('deployment_id')
    .primaryKey()
    .references(() => deployments.id),
  heldOn: date('held_on').notNull(),
  notes: text('notes').notNull(),
  followUp: text('follow_up'),
  recordedBy: uuid('recorded_by'),
  recordedByRole: text('recorded_by_role'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});
