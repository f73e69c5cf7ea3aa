import { and, eq, isNotNull, isNull, lte, notExists } from 'drizzle-orm';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { queueMail } from '../../kernel/mail/mail.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { remindersSent } from '../training/schema.ts';
import { users } from '../users/schema.ts';
import { noticeMessage } from './notices.ts';
import { noticeRecipients, notices } from './schema.ts';

export interface NoticeReminderOptions {
  /** Recipients who have not acknowledged a notice this many hours after it was sent are reminded. */
  afterHours: number;
  appUrl: string;
}

/**
 * Remind, once, each recipient who has not acknowledged a notice `afterHours` after it went out:
 * a reminders_sent row (kind `notice`, the recipient row's id) is taken first (insert, nothing on
 * conflict) and only the reminders it took are queued, in the same transaction. Running it
 * twice, on two instances or after a restart sends nothing more.
 */
export async function queueNoticeReminders(
  db: Db,
  ctx: AuditContext,
  options: NoticeReminderOptions,
) {
  const due = new Date(ctx.now.getTime() - options.afterHours * 3_600_000);
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({
        id: noticeRecipients.id,
        notice: {
          titleEn: notices.titleEn,
          titleFr: notices.titleFr,
          bodyEn: notices.bodyEn,
          bodyFr: notices.bodyFr,
          sentAt: notices.sentAt,
        },
        missionAcronym: missions.acronym,
        authorRole: users.role,
        email: officers.email,
        locale: officers.preferredLanguage,
        givenName: officers.givenName,
      })
      .from(noticeRecipients)
      .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
      .innerJoin(officers, eq(officers.id, noticeRecipients.officerId))
      .leftJoin(missions, eq(missions.id, notices.missionId))
      .leftJoin(users, eq(users.id, notices.authorId))
      .where(
        and(
          isNull(noticeRecipients.acknowledgedAt),
          lte(notices.sentAt, due),
          isNotNull(officers.email),
          // Not those reminded already (the insert below settles a race between two runs).
          notExists(
            tx
              .select({ one: remindersSent.subjectId })
              .from(remindersSent)
              .where(
                and(
                  eq(remindersSent.kind, 'notice'),
                  eq(remindersSent.subjectId, noticeRecipients.id),
                ),
              ),
          ),
        ),
      );
    if (!pending.length) return { reminded: 0 };
    const taken = await tx
      .insert(remindersSent)
      .values(pending.map((p) => ({ kind: 'notice' as const, subjectId: p.id, sentAt: ctx.now })))
      .onConflictDoNothing()
      .returning({ subjectId: remindersSent.subjectId });
    const ids = new Set(taken.map((r) => r.subjectId));
    await queueMail(
      tx,
      pending
        .filter((p) => ids.has(p.id))
        .map((p) =>
          noticeMessage({
            notice: p.notice,
            missionAcronym: p.missionAcronym,
            fromCommander: p.authorRole === 'contingent_commander',
            recipient: { email: p.email!, locale: p.locale, givenName: p.givenName },
            appUrl: options.appUrl,
            reminder: true,
          }),
        ),
    );
    return { reminded: ids.size };
  });
}
