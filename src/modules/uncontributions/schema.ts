import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';

/** What a flag says about a row (rules.ts): listed on the import run, never fixed. */
export const flagKinds = [
  'mission_normalised',
  'unknown_mission',
  'total_mismatch',
  'types_sum_mismatch',
  'aggregate_mismatch',
  'duplicate',
] as const;
export type FlagKind = (typeof flagKinds)[number];

export interface ImportFlag {
  /** The line in the file (1 is the header). */
  line: number;
  kind: FlagKind;
  /** Flat values, used as the message's parameters (see locales/{en,fr}/uncontributions.json). */
  details: Record<string, string | number | null>;
}

/**
 * A run of the UN contribution import: who, when, which months it brought, and every row it had to
 * flag. `status` says whether its rows are still on file: a later import of the same months
 * replaces them (`partly_superseded`, then `superseded`).
 */
export const importStatuses = ['imported', 'partly_superseded', 'superseded'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const unContributionImports = pgTable(
  'un_contribution_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of the runs (several may share a time). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    fileName: text('file_name').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    /** The actor's role, or `cli` for the command line. */
    importedByRole: text('imported_by_role'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
    rows: integer('rows').notNull(),
    /** Month ends covered, sorted. */
    months: date('months').array().notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('imported'),
    flags: jsonb('flags').$type<ImportFlag[]>().notNull().default([]),
  },
  (t) => [
    check(
      'un_contribution_imports_status_ck',
      sql`${t.status} in ('imported','partly_superseded','superseded')`,
    ),
    index('un_contribution_imports_seq_idx').on(t.seq),
  ],
);

/**
 * One row of the UN's monthly "contributions by country, mission and personnel type, with
 * gender", kept exactly as reported: `NA` is null, `0` is 0. `mission` is the code as normalised
 * (stray punctuation stripped), `missionRaw` as the file had it. Rows whose contributor or mission
 * is `all` are the report's aggregates.
 */
export const unContributions = pgTable(
  'un_contributions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: uuid('import_id')
      .notNull()
      .references(() => unContributionImports.id),
    line: integer('line').notNull(),
    /** The `Date` column: the last day of the month reported. */
    month: date('month').notNull(),
    contributor: text('contributor').notNull(),
    contributorIso3: text('contributor_iso3').notNull(),
    mission: text('mission').notNull(),
    missionRaw: text('mission_raw').notNull(),
    aggregate: boolean('aggregate').notNull(),
    policeMale: integer('police_male'),
    policeFemale: integer('police_female'),
    policeTotal: integer('police_total'),
    fpuMale: integer('fpu_male'),
    fpuFemale: integer('fpu_female'),
    fpuTotal: integer('fpu_total'),
    expertsMale: integer('experts_male'),
    expertsFemale: integer('experts_female'),
    expertsTotal: integer('experts_total'),
    troopsMale: integer('troops_male'),
    troopsFemale: integer('troops_female'),
    troopsTotal: integer('troops_total'),
    totalMale: integer('total_male'),
    totalFemale: integer('total_female'),
    totalTotal: integer('total_total'),
  },
  (t) => [
    index('un_contributions_month_idx').on(t.month),
    index('un_contributions_contributor_idx').on(t.contributorIso3, t.month),
    index('un_contributions_mission_idx').on(t.mission, t.month),
    index('un_contributions_import_idx').on(t.importId),
    check(
      'un_contributions_aggregate_ck',
      sql`${t.aggregate} = (${t.contributor} = 'all' or ${t.mission} = 'all')`,
    ),
  ],
);
