import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../kernel/db/types.ts';
import {
  countries,
  missionLocations,
  missionRoles,
  missions,
  organizations,
  postTypes,
  ranks,
} from '../reference/schema.ts';
import { users } from '../users/schema.ts';

/** A request's life: received, under review by the three partners, then decided or withdrawn. */
export const requestStatuses = ['received', 'under_review', 'decided', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const decisionOutcomes = ['approved', 'approved_with_conditions', 'declined'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** A language a post needs, with the minimum test score (the UN pass mark is 60%). */
export interface LanguageRequirement {
  /** ISO 639-1 code: en, fr, ar, es, pt, ru, uk... */
  language: string;
  minScore: number;
}

/** A request from the UN, the EU, the OSCE, another organization or a country. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The program's own reference, e.g. R-2019-004 (year received, then order of arrival). */
    number: text('number').notNull().unique(),
    organizationCode: text('organization_code').references(() => organizations.code),
    requestingCountryCode: text('requesting_country_code').references(() => countries.code),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    /** Reference of the diplomatic note or letter. */
    noteReference: text('note_reference').notNull(),
    receivedOn: date('received_on').notNull(),
    responseDue: date('response_due').notNull(),
    startDate: date('start_date').notNull(),
    tourMonths: integer('tour_months').notNull(),
    summary: text('summary').notNull().default(''),
    status: text('status', { enum: requestStatuses }).notNull().default('received'),
    /** The outcome of the current decision (mirrors it, for lists and filters). */
    outcome: text('outcome', { enum: decisionOutcomes }),
    withdrawnReason: text('withdrawn_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'requests_status_ck',
      sql`${t.status} in ('received','under_review','decided','withdrawn')`,
    ),
    check(
      'requests_outcome_ck',
      sql`${t.outcome} is null or ${t.outcome} in ('approved','approved_with_conditions','declined')`,
    ),
    check(
      'requests_requester_ck',
      sql`${t.organizationCode} is not null or ${t.requestingCountryCode} is not null`,
    ),
    check('requests_deadline_ck', sql`${t.responseDue} >= ${t.receivedOn}`),
    check('requests_tour_ck', sql`${t.tourMonths} between 1 and 60`),
    index('requests_mission_idx').on(t.missionId),
    index('requests_status_due_idx').on(t.status, t.responseDue),
  ],
);

/** One line of a request: a number of posts of one kind, with what the officers must bring. */
export const requestLines = pgTable(
  'request_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    lineNo: integer('line_no').notNull(),
    postCount: integer('post_count').notNull(),
    postTypeCode: text('post_type_code')
      .notNull()
      .references(() => postTypes.code),
    /** A role in mission or specialised team (SGBV, community policing...). */
    teamCode: text('team_code').references(() => missionRoles.code),
    locationId: uuid('location_id').references(() => missionLocations.id),
    languages: jsonb('languages').$type<LanguageRequirement[]>().notNull().default([]),
    minRankCode: text('min_rank_code').references(() => ranks.code),
    minYearsService: integer('min_years_service'),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    womenSought: boolean('women_sought').notNull().default(false),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    unique('request_lines_no_uq').on(t.requestId, t.lineNo),
    check('request_lines_count_ck', sql`${t.postCount} between 1 and 500`),
    check(
      'request_lines_years_ck',
      sql`${t.minYearsService} is null or ${t.minYearsService} between 0 and 45`,
    ),
  ],
);

/** A document attached to a request (the note verbale, the mission's terms of reference...). */
export const requestDocuments = pgTable(
  'request_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_documents_request_idx').on(t.requestId)],
);
