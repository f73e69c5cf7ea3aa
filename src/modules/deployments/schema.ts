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
    index('deployments_officer_idx').on(t.officerId),
    index('deployments_mission_idx').on(t.missionId),
  ],
);
