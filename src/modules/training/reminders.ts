import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { translator, type Locale } from '../../kernel/i18n.ts';
import { queueMail, type Message } from '../../kernel/mail/mail.ts';
import { officers } from '../officers/schema.ts';
import { certificates, courseSessions, courses, enrolments, remindersSent } from './schema.ts';

export interface ReminderOptions {
  /** Officers enrolled in a session starting within this many days are reminded. */
  sessionDays: number;
  /** Officers whose certificate expires within this many days are reminded (unless renewed). */
  certificateDays: number;
  appUrl: string;
}

/**
 * Queue the training reminders due today, each once: a row in reminders_sent is taken first
 * (insert, nothing on conflict) and only the reminders it took are written to the outbox, in
 * the same transaction. Running it twice, or on two instances, or after a restart sends nothing
 * more. Each officer reads it in their preferred language.
 */
export async function queueTrainingReminders(db: Db, ctx: AuditContext, options: ReminderOptions) {
  const today = isoDateOf(ctx.now);
  return db.transaction(async (tx) => {
    const upcoming = await tx
      .select({
        id: enrolments.id,
        email: officers.email,
        locale: officers.preferredLanguage,
        givenName: officers.givenName,
        course: { nameEn: courses.nameEn, nameFr: courses.nameFr },
        startsOn: courseSessions.startsOn,
        endsOn: courseSessions.endsOn,
        place: courseSessions.place,
        virtualLink: courseSessions.virtualLink,
      })
      .from(enrolments)
      .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
      .innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .innerJoin(officers, eq(officers.id, enrolments.officerId))
      .where(
        and(
          eq(enrolments.status, 'enrolled'),
          eq(courseSessions.status, 'scheduled'),
          gte(courseSessions.startsOn, today),
          lte(courseSessions.startsOn, addDays(today, options.sessionDays)),
          sql`${officers.email} is not null`,
        ),
      );
    const expiring = await tx
      .select({
        id: certificates.id,
        email: officers.email,
        locale: officers.preferredLanguage,
        givenName: officers.givenName,
        course: { nameEn: courses.nameEn, nameFr: courses.nameFr },
        expiresOn: certificates.expiresOn,
      })
      .from(certificates)
      .innerJoin(courses, eq(courses.id, certificates.courseId))
      .innerJoin(officers, eq(officers.id, certificates.officerId))
      .where(
        and(
          gte(certificates.expiresOn, today),
          lte(certificates.expiresOn, addDays(today, options.certificateDays)),
          sql`${officers.email} is not null`,
          // Not when a later certificate of the same course has renewed it.
          sql`not exists (select 1 from certificates c2 where c2.officer_id = ${certificates.officerId} and c2.course_id = ${certificates.courseId} and (c2.expires_on is null or c2.expires_on > ${certificates.expiresOn}))`,
        ),
      );
    const take = async (kind: 'session' | 'certificate_expiry', ids: string[]) => {
      if (!ids.length) return new Set<string>();
      const taken = await tx
        .insert(remindersSent)
        .values(ids.map((subjectId) => ({ kind, subjectId, sentAt: ctx.now })))
        .onConflictDoNothing()
        .returning({ subjectId: remindersSent.subjectId });
      return new Set(taken.map((r) => r.subjectId));
    };
    const sessionsTaken = await take(
      'session',
      upcoming.map((u) => u.id),
    );
    const certificatesTaken = await take(
      'certificate_expiry',
      expiring.map((e) => e.id),
    );
    const messages: Message[] = [];
    for (const u of upcoming.filter((x) => sessionsTaken.has(x.id))) {
      const locale: Locale = u.locale;
      const t = translator(locale);
      const course = locale === 'fr' ? u.course.nameFr : u.course.nameEn;
      messages.push({
        topic: 'training.session_reminder',
        to: u.email!,
        locale,
        subject: t('mail:sessionReminder.subject', { course, startsOn: u.startsOn }),
        body: [
          t('mail:sessionReminder.greeting', { name: u.givenName }),
          '',
          t('mail:sessionReminder.intro', { course, startsOn: u.startsOn, endsOn: u.endsOn }),
          u.virtualLink ? t('mail:sessionReminder.virtual', { link: u.virtualLink }) : '',
          u.place ? t('mail:sessionReminder.place', { place: u.place }) : '',
          '',
          t('mail:sessionReminder.action', { url: `${options.appUrl}/${locale}/my-training` }),
          '',
          t('mail:call.signature'),
        ]
          .filter((line, i, all) => line !== '' || all[i - 1] !== '')
          .join('\n'),
      });
    }
    for (const e of expiring.filter((x) => certificatesTaken.has(x.id))) {
      const locale: Locale = e.locale;
      const t = translator(locale);
      const course = locale === 'fr' ? e.course.nameFr : e.course.nameEn;
      messages.push({
        topic: 'training.certificate_expiry',
        to: e.email!,
        locale,
        subject: t('mail:certificateReminder.subject', { course, expiresOn: e.expiresOn }),
        body: [
          t('mail:sessionReminder.greeting', { name: e.givenName }),
          '',
          t('mail:certificateReminder.intro', { course, expiresOn: e.expiresOn }),
          '',
          t('mail:certificateReminder.action', { url: `${options.appUrl}/${locale}/training` }),
          '',
          t('mail:call.signature'),
        ].join('\n'),
      });
    }
    await queueMail(tx, messages);
    return { sessions: sessionsTaken.size, certificates: certificatesTaken.size };
  });
}
