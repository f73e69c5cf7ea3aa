import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';

/**
 * The program's settings (screening thresholds, Women, Peace and Security targets, check-in
 * cadences), versioned: one row per version of a key, the latest in force. Seeded from the
 * environment on first start (version 1, no author); every later version names who set it.
 */
export const programSettings = pgTable(
  'program_settings',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    value: jsonb('value').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    /** Null for the version seeded from the environment. */
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);
