import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained
 * (each row's hash covers its content and the previous row's hash), so `peaceops audit verify`
 * finds a row that was changed or removed behind the application's back.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    outcome: text('outcome', { enum: ['ok', 'denied'] }).notNull(),
    /** Changed fields only: { field: [before, after] }. */
    changes: jsonb('changes'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_record_idx').on(t.recordType, t.recordId),
    index('audit_actor_idx').on(t.actorId),
    index('audit_at_idx').on(t.at),
  ],
);
