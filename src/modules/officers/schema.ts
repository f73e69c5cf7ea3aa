import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies, countries, missions, postTypes, ranks } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

/** Gender as the officer declares it (Women, Peace and Security reporting counts women). */
export const genders = ['woman', 'man', 'another', 'undisclosed'] as const;
export type Gender = (typeof genders)[number];

/** A police officer of a partner agency: a candidate, deployed, or back home. */
export const officers = pgTable(
  'officers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Badge or regimental number: with the agency, the natural key imports match on. */
    badgeNumber: text('badge_number').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    gender: text('gender', { enum: genders }).notNull(),
    /** Sensitive. */
    dateOfBirth: date('date_of_birth'),
    rankCode: text('rank_code')
      .notNull()
      .references(() => ranks.code),
    /** The agency's own title for the rank (e.g. "Sergent-détective"). */
    agencyRankTitle: text('agency_rank_title'),
    serviceStart: date('service_start').notNull(),
    email: text('email'),
    phone: text('phone'),
    preferredLanguage: text('preferred_language', { enum: ['en', 'fr'] })
      .notNull()
      .default('en'),
    /**
     * A conviction or a pending investigation (criminal, human rights, disciplinary) that bars
     * deployment under the UN's minimums. Sensitive: recorded by program staff, read by screening.
     */
    recordFlag: boolean('record_flag').notNull().default(false),
    /** The officer's own account, for self-service. */
    userId: uuid('user_id')
      .unique()
      .references(() => users.id),
    /** Set when the retention anonymised the record (privacy module): names are placeholders. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('officers_agency_badge_uq').on(t.agencyId, t.badgeNumber),
    check('officers_gender_ck', sql`${t.gender} in ('woman','man','another','undisclosed')`),
    check('officers_language_ck', sql`${t.preferredLanguage} in ('en','fr')`),
    index('officers_name_idx').on(t.familyName, t.givenName),
    index('officers_rank_idx').on(t.rankCode),
  ],
);

/** Emergency contacts and next of kin. Sensitive: the officer and program staff only. */
export const officerContacts = pgTable('officer_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  officerId: uuid('officer_id')
    .notNull()
    .references(() => officers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  relationship: text('relationship').notNull(),
  phone: text('phone').notNull(),
  email: text('email'),
  nextOfKin: boolean('next_of_kin').notNull().default(false),
  position: smallint('position').notNull().default(0),
});

/** What a qualification is about. Each kind uses the columns it needs (see qualifications.ts). */
export const qualificationKinds = [
  'language',
  'driving_licence',
  'firearms',
  'medical',
  'security_clearance',
  'passport',
  'un_assessment',
  'specialisation',
  'skill',
  'visa',
  'vaccination',
] as const;
export type QualificationKind = (typeof qualificationKinds)[number];

/** A dated qualification, with its expiry when it has one. */
export const qualifications = pgTable(
  'qualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: qualificationKinds }).notNull(),
    /** Language (ISO 639-1), clearance level, specialisation or skill code, licence class... */
    code: text('code').notNull().default(''),
    /** Test score in percent (languages, UN assessment). */
    score: smallint('score'),
    passed: boolean('passed'),
    obtainedOn: date('obtained_on').notNull(),
    expiresOn: date('expires_on'),
    /** Passport number and the like. Sensitive. */
    documentNumber: text('document_number'),
    /** Medical or clearance detail. Sensitive. */
    detail: text('detail'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'qualifications_kind_ck',
      sql`${t.kind} in ('language','driving_licence','firearms','medical','security_clearance','passport','un_assessment','specialisation','skill','visa','vaccination')`,
    ),
    check('qualifications_score_ck', sql`${t.score} is null or ${t.score} between 0 and 100`),
    check(
      'qualifications_dates_ck',
      sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.obtainedOn}`,
    ),
    index('qualifications_officer_idx').on(t.officerId, t.kind),
    index('qualifications_expiry_idx').on(t.expiresOn),
  ],
);

/** Missions served before the program kept its records here (later ones are deployments). */
export const priorMissions = pgTable(
  'prior_missions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id, { onDelete: 'cascade' }),
    missionId: uuid('mission_id').references(() => missions.id),
    missionName: text('mission_name').notNull(),
    role: text('role'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    /** Where the tour was served, as the state of the day (YU for Yugoslavia): history import. */
    countryCode: text('country_code').references(() => countries.code),
    /** The post type when the source names one (history import); `role` keeps the words. */
    postTypeCode: text('post_type_code').references(() => postTypes.code),
  },
  (t) => [index('prior_missions_officer_idx').on(t.officerId, t.startDate)],
);
