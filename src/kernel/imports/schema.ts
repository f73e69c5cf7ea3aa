import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What an import run brought: one kind per importer. */
export const importKinds = ['officers', 'un_contributions', 'past_tours'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importRunStatuses = ['running', 'succeeded', 'failed'] as const;
export type ImportRunStatus = (typeof importRunStatuses)[number];

/**
 * One run of an import, whatever it imports. Written in small transactions of its own, outside
 * the import's (all or nothing) transaction, so that a failed or killed import still leaves its
 * run, marked failed: by the import itself when it throws, or by the stale heartbeat sweep when
 * the process died. No personal data: the file's name and digest, counts, a failure code.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: importKinds }).notNull(),
    fileName: text('file_name').notNull(),
    /** sha256 of the file's content, hex: the same file imported twice shows as such. */
    sha256: text('sha256').notNull(),
    status: text('status', { enum: importRunStatuses }).notNull().default('running'),
    /** Rows in the file (known once it is read) and, on success, rows imported. */
    rowCount: integer('row_count'),
    /** The stable error code of a failed run (`import_invalid`, `import_interrupted`...). */
    failureCode: text('failure_code'),
    /** The account that started it; null from the command line. */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed while the run is alive: a running run whose heartbeat is old, its process died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_runs_started_idx').on(t.startedAt),
    index('import_runs_running_idx')
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
    check(
      'import_runs_finished',
      sql`(${t.status} = 'running') = (${t.finishedAt} is null) and (${t.status} = 'failed') = (${t.failureCode} is not null)`,
    ),
  ],
);
