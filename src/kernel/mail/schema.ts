import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * E-mails to send. A use case queues its messages in the transaction that makes the change, so
 * a message goes out if and only if the change was committed; the sender delivers them after.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the message is about (`call.opened`), for the record; never personal data. */
    topic: text('topic').notNull(),
    toAddress: text('to_address').notNull(),
    locale: text('locale', { enum: ['en', 'fr'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('mail_outbox_status_ck', sql`${t.status} in ('queued','sent','failed')`),
    index('mail_outbox_queued_idx').on(t.status, t.createdAt),
  ],
);
