import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { deployments } from '../deployments/schema.ts';
import { missions } from '../reference/schema.ts';

export const checkInStatuses = ['ok', 'needs_support', 'urgent'] as const;
export type CheckInStatus = (typeof checkInStatuses)[number];

/** A deployed officer's welfare check-in: how they are, where, and a word if they want. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    status: text('status', { enum: checkInStatuses }).notNull(),
    location: text('location'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The officer, or the commander who reached them and recorded it for them. */
    recordedBy: uuid('recorded_by'),
    recordedByRole: text('recorded_by_role'),
  },
  (t) => [
    check('check_ins_status_ck', sql`${t.status} in ('ok','needs_support','urgent')`),
    index('check_ins_deployment_idx').on(t.deploymentId, t.at),
  ],
);

/**
 * The escalation of a missed check-in, and the alerts a check-in raises: one row per step, taken
 * before its e-mail is queued (insert, nothing on conflict), so each step is sent once across
 * restarts and app instances. `due_at` names the check-in that was missed (or, for a support or
 * urgent check-in, the check-in's own time).
 */
export const checkInAlertSteps = [
  'reminder',
  'commander',
  'duty_officer',
  'needs_support',
  'urgent',
] as const;
export type CheckInAlertStep = (typeof checkInAlertSteps)[number];

export const checkInAlerts = pgTable(
  'check_in_alerts',
  {
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    step: text('step', { enum: checkInAlertSteps }).notNull(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** Set when the officer checks in (or the alert is otherwise dealt with). */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.deploymentId, t.dueAt, t.step] }),
    check(
      'check_in_alerts_step_ck',
      sql`${t.step} in ('reminder','commander','duty_officer','needs_support','urgent')`,
    ),
    index('check_in_alerts_mission_idx').on(t.missionId, t.resolvedAt),
  ],
);
