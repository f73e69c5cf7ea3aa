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
import { officers } from '../officers/schema.ts';
import { users } from '../users/schema.ts';

export const deliveries = ['in_person', 'virtual', 'blended'] as const;
export type Delivery = (typeof deliveries)[number];

/** Who must hold a course's certificate: every deployed officer, or some post types, teams, missions. */
export interface CourseRequirement {
  everyone: boolean;
  postTypes: string[];
  teams: string[];
  missionCodes: string[];
}

/** A course of the catalogue (pre-deployment training, hostile environment, SGBV investigation...). */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionFr: text('description_fr').notNull().default(''),
    delivery: text('delivery', { enum: deliveries }).notNull(),
    durationDays: smallint('duration_days').notNull(),
    /** Grade needed to pass, in percent; null: pass or fail without a grade. */
    passMark: smallint('pass_mark'),
    /** Months a certificate stays valid; null: it does not expire. */
    validityMonths: smallint('validity_months'),
    requiredFor: jsonb('required_for')
      .$type<CourseRequirement>()
      .notNull()
      .default({ everyone: false, postTypes: [], teams: [], missionCodes: [] }),
    version: integer('version').notNull().default(1),
    /** A retired course stays on the certificates that name it, but is scheduled no more. */
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('courses_name_en_ck', sql`length(trim(${t.nameEn})) > 0`),
    check('courses_name_fr_ck', sql`length(trim(${t.nameFr})) > 0`),
    check('courses_delivery_ck', sql`${t.delivery} in ('in_person','virtual','blended')`),
    check('courses_duration_ck', sql`${t.durationDays} between 1 and 365`),
    check('courses_pass_mark_ck', sql`${t.passMark} is null or ${t.passMark} between 0 and 100`),
    check('courses_validity_ck', sql`${t.validityMonths} is null or ${t.validityMonths} > 0`),
  ],
);

/** A session of a course: dates, a place or a virtual link, a capacity, its language. */
export const courseSessions = pgTable(
  'course_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    place: text('place'),
    virtualLink: text('virtual_link'),
    capacity: smallint('capacity').notNull(),
    language: text('language', { enum: ['en', 'fr', 'bilingual'] }).notNull(),
    instructors: text('instructors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status', { enum: ['scheduled', 'cancelled', 'completed'] })
      .notNull()
      .default('scheduled'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('course_sessions_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('course_sessions_capacity_ck', sql`${t.capacity} between 1 and 500`),
    check('course_sessions_where_ck', sql`${t.place} is not null or ${t.virtualLink} is not null`),
    check('course_sessions_language_ck', sql`${t.language} in ('en','fr','bilingual')`),
    check('course_sessions_status_ck', sql`${t.status} in ('scheduled','cancelled','completed')`),
    index('course_sessions_course_idx').on(t.courseId, t.startsOn),
  ],
);

export const enrolmentStatuses = [
  'enrolled',
  'waitlisted',
  'withdrawn',
  'attended',
  'absent',
  'passed',
  'failed',
] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** An officer's place in a session (or on its waiting list), then their attendance and result. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    status: text('status', { enum: enrolmentStatuses }).notNull(),
    /** Order on the waiting list (1 = next in). */
    waitlistPosition: integer('waitlist_position'),
    grade: smallint('grade'),
    resultRecordedBy: uuid('result_recorded_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('enrolments_session_officer_uq').on(t.sessionId, t.officerId),
    check(
      'enrolments_status_ck',
      sql`${t.status} in ('enrolled','waitlisted','withdrawn','attended','absent','passed','failed')`,
    ),
    check('enrolments_grade_ck', sql`${t.grade} is null or ${t.grade} between 0 and 100`),
    index('enrolments_officer_idx').on(t.officerId),
  ],
);

/** A certificate issued on a pass, valid for the course's validity. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    enrolmentId: uuid('enrolment_id')
      .unique()
      .references(() => enrolments.id),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificates_officer_idx').on(t.officerId, t.courseId)],
);

/**
 * Reminders sent, one row per reminder (a session coming up for an enrolment, a certificate
 * about to expire, a notice a recipient has not acknowledged: its notice_recipients row): the key makes each reminder go out once, whatever runs the job and however
 * often.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    kind: text('kind', { enum: ['session', 'certificate_expiry', 'notice'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId] })],
);
