import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies, missions } from '../reference/schema.ts';

/** The eight roles of DESIGN.md section 2 (the public has no account). Ids are a stable contract. */
export const roles = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'agency_coordinator',
  'officer',
  'contingent_commander',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

/** The three partners of the Canadian Police Arrangement. */
export const partners = ['GAC', 'PS', 'RCMP'] as const;
export type Partner = (typeof partners)[number];

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** Scope: decision partner -> one partner. */
    partner: text('partner', { enum: partners }),
    /** Scope: agency coordinator -> one agency; an officer's home agency. */
    agencyId: uuid('agency_id').references(() => agencies.id),
    /** Scope: contingent commander -> one mission. */
    missionId: uuid('mission_id').references(() => missions.id),
    locale: text('locale', { enum: locales }).notNull().default('en'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    check(
      'users_role_ck',
      sql`${t.role} in ('program_admin','program_officer','decision_partner','agency_coordinator','officer','contingent_commander','auditor')`,
    ),
    check(
      'users_partner_scope_ck',
      sql`(${t.role} = 'decision_partner') = (${t.partner} is not null)`,
    ),
    check(
      'users_agency_scope_ck',
      sql`${t.role} <> 'agency_coordinator' or ${t.agencyId} is not null`,
    ),
    check(
      'users_mission_scope_ck',
      sql`(${t.role} = 'contingent_commander') = (${t.missionId} is not null)`,
    ),
    check('users_locale_ck', sql`${t.locale} in ('en','fr')`),
  ],
);

export const sessionStates = ['active', 'second_factor', 'enrolment'] as const;
export type SessionState = (typeof sessionStates)[number];

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** active; second_factor: the password was right, a code is awaited; enrolment: must enrol first. */
    state: text('state', { enum: sessionStates }).notNull().default('active'),
    /** When the user last proved who they are in this session (sign-in or re-authentication). */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }),
    /** A coarse description of the browser at sign-in ("Chrome on Linux"); never an IP address. */
    device: text('device'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    check('sessions_state_ck', sql`${t.state} in ('active','second_factor','enrolment')`),
  ],
);

export const tokenPurposes = ['invitation', 'password_reset'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

/**
 * Single-use links sent by e-mail (an invitation, a password reset): the link carries a random
 * token; only its SHA-256 is stored. One live token per account and purpose: a new one replaces it.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: tokenPurposes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('user_tokens_user_purpose_uq').on(t.userId, t.purpose),
    check('user_tokens_purpose_ck', sql`${t.purpose} in ('invitation','password_reset')`),
  ],
);
