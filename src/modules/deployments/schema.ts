import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
