import { sql } from 'drizzle-orm';
import { check, date, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countries, missions } from '../reference/schema.ts';

/**
 * The mapping tables the history import reads (reference data, seeded from ./aliases.ts and
 * editable like any reference row). See docs/history-import.md.
 */

/**
 * Another name a mission was known by: a French acronym (MINUAR for UNAMIR), a component
 * (IPTF within UNMIBH), or the former name of a renamed mission. A dated alias applies only to
 * tours that start within its window: MINUSTAH from 2017-10-16 is MINUJUSTH, MONUC from
 * 2010-07-01 is MONUSCO.
 */
export const missionAliases = pgTable(
  'mission_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As usually written (shown to people). */
    alias: text('alias').notNull(),
    /** Folded for matching: lower case, no accents, one space between words (rules.ts `nameKey`). */
    aliasKey: text('alias_key').notNull(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id, { onDelete: 'cascade' }),
    /** The alias means this mission for tours starting on or after this day (null: always). */
    validFrom: date('valid_from'),
    /** ... and on or before this day (null: no end). */
    validTo: date('valid_to'),
    noteEn: text('note_en').notNull(),
    noteFr: text('note_fr').notNull(),
  },
  (t) => [
    uniqueIndex('mission_aliases_key_mission_uq').on(t.aliasKey, t.missionId),
    check(
      'mission_aliases_window_ck',
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

/** Another name of a country: a former name (Zaire, Burma, East Timor) or a common short form. */
export const countryAliases = pgTable('country_aliases', {
  aliasKey: text('alias_key').primaryKey(),
  alias: text('alias').notNull(),
  countryCode: text('country_code')
    .notNull()
    .references(() => countries.code, { onDelete: 'cascade' }),
});

/**
 * The states that took over the territory of a dissolved one (Yugoslavia: Bosnia and
 * Herzegovina, Croatia, Kosovo...): a tour in a dissolved state is accepted for a mission whose
 * host country is one of its successors, if the tour began before the state was dissolved.
 */
export const countrySuccessions = pgTable(
  'country_successions',
  {
    predecessorCode: text('predecessor_code')
      .notNull()
      .references(() => countries.code, { onDelete: 'cascade' }),
    successorCode: text('successor_code')
      .notNull()
      .references(() => countries.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.predecessorCode, t.successorCode] })],
);
