import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

export const incidentTypes = [
  'medical',
  'security',
  'accident',
  'conduct',
  'health_exposure',
  'other',
] as const;
export type IncidentType = (typeof incidentTypes)[number];

export const incidentSeverities = ['low', 'moderate', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ['open', 'under_review', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/**
 * An incident in a mission (duty of care): what happened, to whom, what was done. Confidential:
 * program officers, the commander of that mission, and each officer involved for their own
 * record only (policies.ts, incident.*).
 */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    type: text('type', { enum: incidentTypes }).notNull(),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    /** The town, base or road where it happened. */
    place: text('place').notNull(),
    narrative: text('narrative').notNull(),
    /** What was done (medical evacuation, report to the mission, leave). */
    actions: text('actions').notNull().default(''),
    status: text('status', { enum: incidentStatuses }).notNull().default('open'),
    reportedBy: uuid('reported_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'incidents_type_ck',
      sql`${t.type} in ('medical','security','accident','conduct','health_exposure','other')`,
    ),
    check('incidents_severity_ck', sql`${t.severity} in ('low','moderate','high','critical')`),
    check('incidents_status_ck', sql`${t.status} in ('open','under_review','closed')`),
    index('incidents_mission_idx').on(t.missionId, t.occurredOn),
  ],
);

/** The officers involved in an incident (each deployed, at some time, on its mission). */
export const incidentOfficers = pgTable(
  'incident_officers',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.officerId] }),
    index('incident_officers_officer_idx').on(t.officerId),
  ],
);
