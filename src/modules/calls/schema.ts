import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { posts } from '../missions/schema.ts';
import { officers } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

export const callStatuses = ['open', 'closed', 'ratified', 'cancelled'] as const;
export type CallStatus = (typeof callStatuses)[number];

/** A call for candidates: vacant posts of one mission, open to agencies until a closing date. */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** C-YYYY-NNN, in the order calls were opened within the year. */
    number: text('number').notNull().unique(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    closesOn: date('closes_on').notNull(),
    /** `all` agencies, or only those listed in call_agencies with `invited`. */
    audience: text('audience', { enum: ['all', 'chosen'] }).notNull(),
    /** Lowest share of women among those selected, in percent (the program's WPS target by default). */
    womenFloorPercent: smallint('women_floor_percent').notNull(),
    status: text('status', { enum: callStatuses }).notNull().default('open'),
    notes: text('notes').notNull().default(''),
    openedBy: uuid('opened_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('calls_status_ck', sql`${t.status} in ('open','closed','ratified','cancelled')`),
    check('calls_audience_ck', sql`${t.audience} in ('all','chosen')`),
    check('calls_floor_ck', sql`${t.womenFloorPercent} between 0 and 100`),
    index('calls_mission_idx').on(t.missionId),
  ],
);

/** An agency a call is sent to (audience `chosen`), and how many officers it can release (cap). */
export const callAgencies = pgTable(
  'call_agencies',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    invited: boolean('invited').notNull().default(true),
    /** The most officers of this agency the selection may take; null: no limit. */
    cap: smallint('cap'),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.agencyId] }),
    check('call_agencies_cap_ck', sql`${t.cap} is null or ${t.cap} >= 0`),
  ],
);

/** The posts a call offers. A post is in at most one call that is not cancelled. */
export const callPosts = pgTable(
  'call_posts',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
  },
  (t) => [primaryKey({ columns: [t.callId, t.postId] }), index('call_posts_post_idx').on(t.postId)],
);

export const applicationStatuses = [
  'submitted',
  'endorsed',
  'not_released',
  'screened_in',
  'screened_out',
  'assessed',
  'selected',
  'reserve',
  'not_selected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** An officer's application to a call (or an agency's nomination), for one or more of its posts. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    status: text('status', { enum: applicationStatuses }).notNull().default('submitted'),
    statement: text('statement').notNull().default(''),
    /** Set when the agency nominated the officer rather than the officer applying. */
    nominatedBy: uuid('nominated_by').references(() => users.id),
    /** The agency's answer on releasing the officer. */
    releaseDecidedBy: uuid('release_decided_by').references(() => users.id),
    releaseDecidedAt: timestamp('release_decided_at', { withTimezone: true }),
    releaseReason: text('release_reason'),
    withdrawnReason: text('withdrawn_reason'),
    /** Order among reserves once a selection is ratified (1 = first called). */
    reserveRank: smallint('reserve_rank'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('applications_call_officer_uq').on(t.callId, t.officerId),
    check(
      'applications_status_ck',
      sql`${t.status} in ('submitted','endorsed','not_released','screened_in','screened_out','assessed','selected','reserve','not_selected','withdrawn')`,
    ),
    index('applications_officer_idx').on(t.officerId),
  ],
);

/** The posts an application is for, in the applicant's order of preference (1 = first choice). */
export const applicationPosts = pgTable(
  'application_posts',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    preference: smallint('preference').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.postId] }),
    unique('application_posts_preference_uq').on(t.applicationId, t.preference),
    check('application_posts_preference_ck', sql`${t.preference} between 1 and 10`),
  ],
);

export const assessmentKinds = [
  'language_test',
  'driving_test',
  'firearms_test',
  'interview',
  'un_assessment',
] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];

/** Interview competencies, each scored 1 to 5. */
export type Competencies = Record<string, number>;

/** A test or interview taken for an application. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: assessmentKinds }).notNull(),
    /** Language tested (ISO 639-1) for a language test; '' otherwise. */
    code: text('code').notNull().default(''),
    /** Score in percent (tests) or the interview's mean competency score as a percentage. */
    score: smallint('score'),
    passed: boolean('passed').notNull(),
    competencies: jsonb('competencies').$type<Competencies>(),
    assessedOn: date('assessed_on').notNull(),
    /** The UN assessment (SAAT/AMS) is valid 24 months. */
    expiresOn: date('expires_on'),
    notes: text('notes').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'assessments_kind_ck',
      sql`${t.kind} in ('language_test','driving_test','firearms_test','interview','un_assessment')`,
    ),
    check('assessments_score_ck', sql`${t.score} is null or ${t.score} between 0 and 100`),
    index('assessments_application_idx').on(t.applicationId),
  ],
);
