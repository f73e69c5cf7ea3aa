import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { deployments } from '../deployments/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

export const evaluationKinds = ['periodic', 'end_of_mission'] as const;
export const evaluationRatings = ['exceeded', 'met', 'partially_met', 'not_met'] as const;

/** A measure the evaluation reports on, e.g. "officers trained: 240 (target 200)". */
export interface Indicator {
  name: string;
  value: string;
  target?: string | null;
}

/** A mission evaluation, periodic or at the end of the mission. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    kind: text('kind', { enum: evaluationKinds }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    rating: text('rating', { enum: evaluationRatings }).notNull(),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull().default([]),
    lessonsLearned: text('lessons_learned').notNull().default(''),
    recommendations: text('recommendations').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('evaluations_kind_ck', sql`${t.kind} in ('periodic','end_of_mission')`),
    check(
      'evaluations_rating_ck',
      sql`${t.rating} in ('exceeded','met','partially_met','not_met')`,
    ),
    check('evaluations_period_ck', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('evaluations_mission_idx').on(t.missionId, t.periodEnd),
  ],
);

/**
 * An end-of-tour report by a deployed officer, one a deployment: written by the officer (draft,
 * then submitted) from the deployments module, read by program staff and the mission's commander.
 * `summary` holds the officer's free text.
 */
export const tourReports = pgTable(
  'tour_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    deploymentId: uuid('deployment_id').references(() => deployments.id),
    officerId: uuid('officer_id').references(() => officers.id),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    summary: text('summary').notNull().default(''),
    achievements: text('achievements').notNull().default(''),
    challenges: text('challenges').notNull().default(''),
    lessonsLearned: text('lessons_learned').notNull().default(''),
    recommendations: text('recommendations').notNull().default(''),
    /** How the officer fared: health, stress, family; read by program staff for follow-up. */
    welfare: text('welfare').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tour_reports_status_ck', sql`${t.status} in ('draft','submitted')`),
    uniqueIndex('tour_reports_deployment_uq').on(t.deploymentId),
  ],
);
