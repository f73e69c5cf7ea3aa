import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { deployments } from '../deployments/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

/**
 * A notice from the program or a contingent commander to a mission's contingent, or (no mission)
 * to every deployed officer; in both languages. Sent once, never edited.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null: every officer deployed at the time, whatever their mission. */
    missionId: uuid('mission_id').references(() => missions.id),
    titleEn: text('title_en').notNull(),
    titleFr: text('title_fr').notNull(),
    bodyEn: text('body_en').notNull(),
    bodyFr: text('body_fr').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notices_mission_idx').on(t.missionId, t.sentAt)],
);

/**
 * Who a notice went to: the contingent when it was sent (deployments in transit, in theatre,
 * remote or repatriating), each with the mission they were deployed to then, and when they
 * acknowledged it.
 */
export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    deploymentId: uuid('deployment_id').references(() => deployments.id),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    unique('notice_recipients_notice_officer_uq').on(t.noticeId, t.officerId),
    index('notice_recipients_officer_idx').on(t.officerId),
  ],
);
