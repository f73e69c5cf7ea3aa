import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { translator, type Locale } from '../../kernel/i18n.ts';
import { queueMail, type Message } from '../../kernel/mail/mail.ts';
import { deployments, type DeploymentState } from '../deployments/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import { noticeRecipients, notices } from './schema.ts';

/** A mission's contingent: its officers on their way, in theatre, working remotely or coming home. */
export const contingentStates = [
  'in_transit',
  'in_theatre',
  'remote',
  'repatriating',
] as const satisfies readonly DeploymentState[];

export interface NoticeInput {
  /** Null: every officer deployed now, whatever their mission. */
  missionId: string | null;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
}

const missionColumns = {
  id: missions.id,
  acronym: missions.acronym,
  nameEn: missions.nameEn,
  nameFr: missions.nameFr,
};

/** What a notice e-mail says, in the recipient's language (the first one and the reminder). */
export interface NoticeMail {
  notice: { titleEn: string; titleFr: string; bodyEn: string; bodyFr: string; sentAt: Date };
  /** The mission's acronym, or null for a notice to all deployed. */
  missionAcronym: string | null;
  fromCommander: boolean;
  recipient: { email: string; locale: Locale; givenName: string };
  appUrl: string;
  reminder: boolean;
}

export function noticeMessage(m: NoticeMail): Message {
  const { locale } = m.recipient;
  const t = translator(locale);
  const title = locale === 'fr' ? m.notice.titleFr : m.notice.titleEn;
  const audience = m.missionAcronym
    ? t('mail:notice.audienceMission', { mission: m.missionAcronym })
    : t('mail:notice.audienceAll');
  return {
    topic: m.reminder ? 'notice.reminder' : 'notice.sent',
    to: m.recipient.email,
    locale,
    subject: m.reminder
      ? t('mail:noticeReminder.subject', { title })
      : t('mail:notice.subject', { title }),
    body: [
      t('mail:sessionReminder.greeting', { name: m.recipient.givenName }),
      '',
      ...(m.reminder
        ? [
            t('mail:noticeReminder.intro', { sentOn: m.notice.sentAt.toISOString().slice(0, 10) }),
            '',
          ]
        : []),
      t(m.fromCommander ? 'mail:notice.fromCommander' : 'mail:notice.fromProgram', { audience }),
      '',
      title,
      '',
      locale === 'fr' ? m.notice.bodyFr : m.notice.bodyEn,
      '',
      t('mail:notice.action', { url: `${m.appUrl}/${locale}/my-deployment` }),
      '',
      t('mail:call.signature'),
    ].join('\n'),
  };
}

/**
 * Send a notice: its recipients are the contingent at this moment (one row each, with the
 * mission they serve in), and each one with an e-mail address gets it by e-mail in their
 * language, queued in the same transaction. A notice that would reach nobody is refused.
 */
export async function sendNotice(
  db: Db,
  ctx: AuditContext,
  input: NoticeInput,
  options: { appUrl: string },
) {
  return db.transaction(async (tx) => {
    let missionAcronym: string | null = null;
    if (input.missionId) {
      const [mission] = await tx
        .select({ id: missions.id, acronym: missions.acronym })
        .from(missions)
        .where(eq(missions.id, input.missionId));
      if (!mission)
        throw new AppError('unknown_reference', { field: 'missionId', value: input.missionId });
      missionAcronym = mission.acronym;
    }
    const where: SQL[] = [inArray(deployments.state, [...contingentStates])];
    if (input.missionId) where.push(eq(deployments.missionId, input.missionId));
    const deployed = await tx
      .select({
        deploymentId: deployments.id,
        missionId: deployments.missionId,
        officerId: officers.id,
        email: officers.email,
        locale: officers.preferredLanguage,
        givenName: officers.givenName,
      })
      .from(deployments)
      .innerJoin(officers, eq(officers.id, deployments.officerId))
      .where(and(...where))
      .orderBy(asc(officers.id), desc(deployments.plannedStart));
    // One row per officer (their latest deployment, should there be two).
    const recipients = deployed.filter(
      (d, i) => i === 0 || deployed[i - 1]!.officerId !== d.officerId,
    );
    if (!recipients.length) throw new AppError('notice_no_recipients');
    const [notice] = await tx
      .insert(notices)
      .values({ ...input, authorId: ctx.actorId, sentAt: ctx.now })
      .returning();
    await tx.insert(noticeRecipients).values(
      recipients.map((r) => ({
        noticeId: notice!.id,
        officerId: r.officerId,
        deploymentId: r.deploymentId,
        missionId: r.missionId,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'notice.create',
      recordType: 'notice',
      recordId: notice!.id,
      changes: diff(null, { ...input, recipients: recipients.length }),
    });
    await queueMail(
      tx,
      recipients.flatMap((r) =>
        r.email
          ? [
              noticeMessage({
                notice: notice!,
                missionAcronym,
                fromCommander: ctx.actorRole === 'contingent_commander',
                recipient: { email: r.email, locale: r.locale, givenName: r.givenName },
                appUrl: options.appUrl,
                reminder: false,
              }),
            ]
          : [],
      ),
    );
    return notice!;
  });
}

/** The recipients a reader counts and sees: a commander, those of their own mission only. */
const recipientsIn = (missionId: string | undefined) =>
  missionId ? sql`and nr.mission_id = ${missionId}` : sql``;

function countsOf(missionId: string | undefined) {
  return {
    recipients: sql<number>`(select count(*)::int from ${noticeRecipients} nr where nr.notice_id = ${notices.id} ${recipientsIn(missionId)})`,
    acknowledged: sql<number>`(select count(*)::int from ${noticeRecipients} nr where nr.notice_id = ${notices.id} and nr.acknowledged_at is not null ${recipientsIn(missionId)})`,
  };
}

const noticeColumns = {
  id: notices.id,
  missionId: notices.missionId,
  titleEn: notices.titleEn,
  titleFr: notices.titleFr,
  bodyEn: notices.bodyEn,
  bodyFr: notices.bodyFr,
  sentAt: notices.sentAt,
  authorName: users.displayName,
};

/**
 * Notices, newest first, with how many of their recipients have acknowledged them. A commander
 * (`only`) sees their mission's and those sent to all deployed, counting their own officers.
 */
export async function listNotices(
  db: Db,
  filters: { missionId?: string | undefined },
  paging: { page: number; pageSize: number },
  only?: { missionId: string },
) {
  const where: SQL[] = [];
  if (only) where.push(or(eq(notices.missionId, only.missionId), isNull(notices.missionId))!);
  if (filters.missionId) where.push(eq(notices.missionId, filters.missionId));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(notices).where(condition);
  const rows = await db
    .select({ ...noticeColumns, mission: missionColumns, ...countsOf(only?.missionId) })
    .from(notices)
    .leftJoin(missions, eq(missions.id, notices.missionId))
    .leftJoin(users, eq(users.id, notices.authorId))
    .where(condition)
    .orderBy(desc(notices.sentAt), desc(notices.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({ ...r, mission: r.missionId ? r.mission : null })),
    total: total?.n ?? 0,
    ...paging,
  };
}

/** One notice with each recipient's acknowledgement (a commander: their own mission's officers). */
export async function findNotice(db: Tx, id: string, only?: { missionId: string }) {
  const [row] = await db
    .select({ ...noticeColumns, mission: missionColumns, ...countsOf(only?.missionId) })
    .from(notices)
    .leftJoin(missions, eq(missions.id, notices.missionId))
    .leftJoin(users, eq(users.id, notices.authorId))
    .where(eq(notices.id, id));
  if (!row) return null;
  const where: SQL[] = [eq(noticeRecipients.noticeId, id)];
  if (only) where.push(eq(noticeRecipients.missionId, only.missionId));
  const recipients = await db
    .select({
      officerId: officers.id,
      givenName: officers.givenName,
      familyName: officers.familyName,
      mission: { id: missions.id, acronym: missions.acronym },
      acknowledgedAt: noticeRecipients.acknowledgedAt,
    })
    .from(noticeRecipients)
    .innerJoin(officers, eq(officers.id, noticeRecipients.officerId))
    .innerJoin(missions, eq(missions.id, noticeRecipients.missionId))
    .where(and(...where))
    .orderBy(asc(officers.familyName), asc(officers.givenName));
  return { ...row, mission: row.missionId ? row.mission : null, recipientList: recipients };
}

const myColumns = {
  id: notices.id,
  missionId: notices.missionId,
  titleEn: notices.titleEn,
  titleFr: notices.titleFr,
  bodyEn: notices.bodyEn,
  bodyFr: notices.bodyFr,
  sentAt: notices.sentAt,
  acknowledgedAt: noticeRecipients.acknowledgedAt,
  mission: missionColumns,
};

/** The notices sent to the officer of this account, newest first. */
export async function myNotices(
  db: Db,
  userId: string,
  paging: { page: number; pageSize: number },
) {
  const condition = eq(officers.userId, userId);
  const [total] = await db
    .select({ n: count() })
    .from(noticeRecipients)
    .innerJoin(officers, eq(officers.id, noticeRecipients.officerId))
    .where(condition);
  const rows = await db
    .select(myColumns)
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .innerJoin(officers, eq(officers.id, noticeRecipients.officerId))
    .leftJoin(missions, eq(missions.id, notices.missionId))
    .where(condition)
    .orderBy(desc(notices.sentAt), desc(notices.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({ ...r, mission: r.missionId ? r.mission : null })),
    total: total?.n ?? 0,
    ...paging,
  };
}

/** A notice as its recipient (the officer of this account) sees it; null if not theirs. */
export async function myNotice(db: Tx, noticeId: string, userId: string) {
  const [row] = await db
    .select({ ...myColumns, recipientId: noticeRecipients.id, userId: officers.userId })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .innerJoin(officers, eq(officers.id, noticeRecipients.officerId))
    .leftJoin(missions, eq(missions.id, notices.missionId))
    .where(and(eq(noticeRecipients.noticeId, noticeId), eq(officers.userId, userId)));
  return row ? { ...row, mission: row.missionId ? row.mission : null } : null;
}

/**
 * The recipient (the officer of this account) acknowledges the notice. Idempotent: the first
 * acknowledgement is kept and audited, later ones change nothing.
 */
export async function acknowledgeNotice(
  db: Db,
  ctx: AuditContext,
  noticeId: string,
  userId: string,
) {
  return db.transaction(async (tx) => {
    const mine = await myNotice(tx, noticeId, userId);
    if (!mine) throw new AppError('not_found');
    const [done] = await tx
      .update(noticeRecipients)
      .set({ acknowledgedAt: ctx.now })
      .where(
        and(eq(noticeRecipients.id, mine.recipientId), isNull(noticeRecipients.acknowledgedAt)),
      )
      .returning({ officerId: noticeRecipients.officerId });
    if (done)
      await writeAudit(tx, ctx, {
        action: 'notice.acknowledge',
        recordType: 'notice',
        recordId: noticeId,
        changes: { officerId: [null, done.officerId], acknowledgedAt: [null, ctx.now] },
      });
    return (await myNotice(tx, noticeId, userId))!;
  });
}
