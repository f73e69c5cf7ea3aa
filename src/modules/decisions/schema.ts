import { sql } from 'drizzle-orm';
import {
  check,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { decisionOutcomes, requests } from '../requests/schema.ts';
import { partners, users, type Partner } from '../users/schema.ts';

/** What a partner of the Canadian Police Arrangement says about a request. */
export const stances = ['support', 'support_with_conditions', 'oppose'] as const;
export type Stance = (typeof stances)[number];

/** Each partner's current position on a request; earlier positions live in the audit log. */
export const partnerPositions = pgTable(
  'partner_positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    partner: text('partner', { enum: partners }).notNull(),
    stance: text('stance', { enum: stances }).notNull(),
    reasons: text('reasons').notNull(),
    conditions: text('conditions'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('partner_positions_request_partner_uq').on(t.requestId, t.partner),
    check('partner_positions_partner_ck', sql`${t.partner} in ('GAC','PS','RCMP')`),
    check(
      'partner_positions_stance_ck',
      sql`${t.stance} in ('support','support_with_conditions','oppose')`,
    ),
  ],
);

/** The positions a decision was taken on, kept with it for good. */
export interface PositionSnapshot {
  partner: Partner;
  stance: Stance;
  reasons: string;
  conditions: string | null;
  recordedAt: string;
}

/**
 * The joint decision on a request. Immutable once written (the database refuses updates and
 * deletes): a later change is a new decision that supersedes the old one, and both are kept.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    /** 1 for the first decision on a request, 2 for the one that supersedes it... */
    sequence: integer('sequence').notNull(),
    outcome: text('outcome', { enum: decisionOutcomes }).notNull(),
    /** Officers approved for the mission under this decision (0 when declined). */
    ceiling: integer('ceiling').notNull(),
    conditions: text('conditions'),
    fundingNote: text('funding_note'),
    decidedOn: date('decided_on').notNull(),
    /** The decision rule that applied (unanimous, majority). */
    rule: text('rule').notNull(),
    positions: jsonb('positions').$type<PositionSnapshot[]>().notNull(),
    supersedesId: uuid('supersedes_id').unique(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('decisions_request_sequence_uq').on(t.requestId, t.sequence),
    check(
      'decisions_outcome_ck',
      sql`${t.outcome} in ('approved','approved_with_conditions','declined')`,
    ),
    check(
      'decisions_ceiling_ck',
      sql`(${t.outcome} = 'declined' and ${t.ceiling} = 0) or (${t.outcome} <> 'declined' and ${t.ceiling} between 1 and 2000)`,
    ),
  ],
);
