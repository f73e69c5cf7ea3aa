import { and, asc, count, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { translator, type Locale } from '../../kernel/i18n.ts';
import { queueMail, type Message } from '../../kernel/mail/mail.ts';
import { referenceOf } from '../missions/posts.ts';
import { posts } from '../missions/schema.ts';
import { agencies, missionLocations, missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import { callNumber } from './rules.ts';
import { applications, callAgencies, callPosts, calls } from './schema.ts';

/** Calls are numbered one at a time within a year. */
const CALL_NUMBER_LOCK = 5_001;

export interface OpenCallInput {
  missionId: string;
  postIds: string[];
  closesOn: string;
  audience: 'all' | 'chosen';
  /** Agencies invited (audience `chosen`) and, for any audience, how many each can release. */
  agencies: Array<{ agencyId: string; cap?: number | null | undefined }>;
  womenFloorPercent?: number | undefined;
  notes?: string | undefined;
}

export interface OpenCallOptions {
  /** The program's Women, Peace and Security target: the floor when the call sets none. */
  defaultWomenFloorPercent: number;
  appUrl: string;
}

/**
 * Open a call for a mission's vacant posts. The posts must be the mission's, vacant, start after
 * the closing date, and not be in another call still running; the agencies invited are told by
 * e-mail in their coordinators' language (queued in the same transaction).
 */
export async function openCall(
  db: Db,
  ctx: AuditContext,
  input: OpenCallInput,
  options: OpenCallOptions,
) {
  const today = isoDateOf(ctx.now);
  if (input.closesOn < today)
    throw new AppError('validation_failed', {}, [
      { path: 'closesOn', code: 'call.closes_in_past' },
    ]);
  if (input.audience === 'chosen' && !input.agencies.length)
    throw new AppError('validation_failed', {}, [
      { path: 'agencies', code: 'call.agencies_required' },
    ]);
  const postIds = [...new Set(input.postIds)];
  const agencyIds = [...new Set(input.agencies.map((a) => a.agencyId))];
  if (agencyIds.length !== input.agencies.length)
    throw new AppError('validation_failed', {}, [{ path: 'agencies', code: 'call.agency_twice' }]);

  const created = await db.transaction(async (tx) => {
    const [mission] = await tx
      .select({ id: missions.id, code: missions.code })
      .from(missions)
      .where(eq(missions.id, input.missionId))
      .for('update');
    if (!mission)
      throw new AppError('unknown_reference', { field: 'missionId', value: input.missionId });
    const found = await tx
      .select()
      .from(posts)
      .where(and(inArray(posts.id, postIds), eq(posts.missionId, mission.id)));
    for (const [i, id] of postIds.entries()) {
      const post = found.find((p) => p.id === id);
      if (!post) throw new AppError('unknown_reference', { field: `postIds.${i}`, value: id });
      if (post.status !== 'vacant')
        throw new AppError('validation_failed', {}, [
          {
            path: `postIds.${i}`,
            code: 'call.post_not_vacant',
            params: { post: referenceOf(mission.code, post.seq) },
          },
        ]);
      if (post.tourStart <= input.closesOn)
        throw new AppError('validation_failed', {}, [
          {
            path: `postIds.${i}`,
            code: 'call.post_starts_before_closing',
            params: { post: referenceOf(mission.code, post.seq), tourStart: post.tourStart },
          },
        ]);
    }
    const running = await tx
      .select({ postId: callPosts.postId, number: calls.number })
      .from(callPosts)
      .innerJoin(calls, eq(calls.id, callPosts.callId))
      .where(and(inArray(callPosts.postId, postIds), ne(calls.status, 'cancelled')));
    if (running.length) {
      const i = postIds.indexOf(running[0]!.postId);
      const post = found.find((p) => p.id === running[0]!.postId)!;
      throw new AppError(
        'call_post_taken',
        {
          post: referenceOf(mission.code, post.seq),
          call: running[0]!.number,
        },
        [{ path: `postIds.${i}`, code: 'call.post_taken' }],
      );
    }
    if (agencyIds.length) {
      const known = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(inArray(agencies.id, agencyIds));
      const missing = agencyIds.find((id) => !known.some((k) => k.id === id));
      if (missing) throw new AppError('unknown_reference', { field: 'agencies', value: missing });
    }

    await tx.execute(sql`select pg_advisory_xact_lock(${CALL_NUMBER_LOCK})`);
    const year = Number(today.slice(0, 4));
    const [taken] = await tx
      .select({ n: count() })
      .from(calls)
      .where(sql`${calls.number} like ${`C-${year}-%`}`);
    const [call] = await tx
      .insert(calls)
      .values({
        number: callNumber(year, (taken?.n ?? 0) + 1),
        missionId: mission.id,
        closesOn: input.closesOn,
        audience: input.audience,
        womenFloorPercent: input.womenFloorPercent ?? options.defaultWomenFloorPercent,
        notes: input.notes?.trim() ?? '',
        openedBy: ctx.actorId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await tx.insert(callPosts).values(postIds.map((postId) => ({ callId: call!.id, postId })));
    if (input.agencies.length)
      await tx.insert(callAgencies).values(
        input.agencies.map((a) => ({
          callId: call!.id,
          agencyId: a.agencyId,
          invited: input.audience === 'chosen',
          cap: a.cap ?? null,
        })),
      );
    await writeAudit(tx, ctx, {
      action: 'call.open',
      recordType: 'call',
      recordId: call!.id,
      changes: diff(null, {
        number: call!.number,
        missionId: mission.id,
        closesOn: call!.closesOn,
        audience: call!.audience,
        womenFloorPercent: call!.womenFloorPercent,
        posts: postIds,
        agencies: input.agencies,
      }),
    });
    await queueMail(tx, await callOpenedMessages(tx, call!.id, options.appUrl));
    return call!;
  });
  return created;
}

/**
 * The e-mail telling each invited agency a call is open: to its coordinators, each in their
 * language; to the agency's program contact, in both languages, when it has no coordinator.
 */
async function callOpenedMessages(tx: Tx, callId: string, appUrl: string): Promise<Message[]> {
  const call = await findCall(tx, callId);
  if (!call) return [];
  const invited =
    call.audience === 'all'
      ? await tx.select().from(agencies).where(eq(agencies.agreementStatus, 'active'))
      : await tx
          .select()
          .from(agencies)
          .where(
            inArray(
              agencies.id,
              call.agencies.filter((a) => a.invited).map((a) => a.agencyId),
            ),
          );
  if (!invited.length) return [];
  const coordinators = await tx
    .select({ email: users.email, locale: users.locale, agencyId: users.agencyId })
    .from(users)
    .where(
      and(
        eq(users.role, 'agency_coordinator'),
        isNull(users.disabledAt),
        inArray(
          users.agencyId,
          invited.map((a) => a.id),
        ),
      ),
    );
  const text = (locale: Locale) => {
    const t = translator(locale);
    const mission = locale === 'fr' ? call.mission.nameFr : call.mission.nameEn;
    const postLines = call.posts.map(
      (p) =>
        `- ${p.reference}: ${t(`mail:call.postLine`, { start: p.tourStart, end: p.tourEnd, type: locale === 'fr' ? p.postTypeNameFr : p.postTypeNameEn })}`,
    );
    return {
      subject: t('mail:call.subject', { number: call.number, mission: call.mission.acronym }),
      body: [
        t('mail:call.greeting'),
        '',
        t('mail:call.intro', {
          mission,
          number: call.number,
          closesOn: call.closesOn,
          count: call.posts.length,
        }),
        '',
        ...postLines,
        '',
        t('mail:call.action', { url: `${appUrl}/${locale}/calls/${call.id}` }),
        '',
        t('mail:call.signature'),
      ].join('\n'),
    };
  };
  const messages: Message[] = [];
  for (const agency of invited) {
    const theirs = coordinators.filter((c) => c.agencyId === agency.id);
    for (const c of theirs)
      messages.push({ topic: 'call.opened', to: c.email, locale: c.locale, ...text(c.locale) });
    if (!theirs.length && agency.contactEmail) {
      const first: Locale = agency.province === 'QC' ? 'fr' : 'en';
      const second: Locale = first === 'fr' ? 'en' : 'fr';
      const a = text(first);
      const b = text(second);
      messages.push({
        topic: 'call.opened',
        to: agency.contactEmail,
        locale: first,
        subject: `${a.subject} / ${b.subject}`,
        body: `${a.body}\n\n* * *\n\n${b.body}`,
      });
    }
  }
  return messages;
}

/** A call with its mission, posts and agencies (invited, caps), and how many applied. */
export async function findCall(db: Tx, id: string) {
  const [row] = await db
    .select({
      call: calls,
      mission: {
        id: missions.id,
        code: missions.code,
        acronym: missions.acronym,
        nameEn: missions.nameEn,
        nameFr: missions.nameFr,
        workingLanguage: missions.workingLanguage,
        armed: missions.armed,
      },
    })
    .from(calls)
    .innerJoin(missions, eq(missions.id, calls.missionId))
    .where(eq(calls.id, id));
  if (!row) return null;
  const postRows = await db
    .select({
      id: posts.id,
      seq: posts.seq,
      postTypeCode: posts.postTypeCode,
      postTypeNameEn: sql<string>`(select name_en from post_types where code = ${posts.postTypeCode})`,
      postTypeNameFr: sql<string>`(select name_fr from post_types where code = ${posts.postTypeCode})`,
      teamCode: posts.teamCode,
      locationNameEn: missionLocations.nameEn,
      locationNameFr: missionLocations.nameFr,
      requirements: posts.requirements,
      tourStart: posts.tourStart,
      tourEnd: posts.tourEnd,
      status: posts.status,
    })
    .from(callPosts)
    .innerJoin(posts, eq(posts.id, callPosts.postId))
    .leftJoin(missionLocations, eq(missionLocations.id, posts.locationId))
    .where(eq(callPosts.callId, id))
    .orderBy(asc(posts.seq));
  const agencyRows = await db
    .select({
      agencyId: callAgencies.agencyId,
      code: agencies.code,
      nameEn: agencies.nameEn,
      nameFr: agencies.nameFr,
      invited: callAgencies.invited,
      cap: callAgencies.cap,
    })
    .from(callAgencies)
    .innerJoin(agencies, eq(agencies.id, callAgencies.agencyId))
    .where(eq(callAgencies.callId, id))
    .orderBy(asc(agencies.nameEn));
  const [applied] = await db
    .select({ n: count() })
    .from(applications)
    .where(eq(applications.callId, id));
  return {
    ...row.call,
    mission: row.mission,
    posts: postRows.map((p) => ({ ...p, reference: referenceOf(row.mission.code, p.seq) })),
    agencies: agencyRows,
    applications: applied?.n ?? 0,
  };
}

export type CallDetail = NonNullable<Awaited<ReturnType<typeof findCall>>>;

/** The agencies a call reaches: null for all of them. */
export function invitedAgencyIds(call: Pick<CallDetail, 'audience' | 'agencies'>): string[] | null {
  return call.audience === 'all'
    ? null
    : call.agencies.filter((a) => a.invited).map((a) => a.agencyId);
}

/** Calls, newest first; `agencyId` limits them to those reaching that agency. */
export async function listCalls(
  db: Db,
  filters: { status?: string | undefined; missionId?: string | undefined },
  paging: { page: number; pageSize: number },
  reaching?: { agencyId: string },
) {
  const where: SQL[] = [];
  if (filters.status) where.push(eq(calls.status, filters.status as 'open'));
  if (filters.missionId) where.push(eq(calls.missionId, filters.missionId));
  if (reaching)
    where.push(
      sql`(${calls.audience} = 'all' or exists (select 1 from call_agencies ca where ca.call_id = ${calls.id} and ca.invited and ca.agency_id = ${reaching.agencyId}))`,
    );
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(calls).where(condition);
  const items = await db
    .select({
      id: calls.id,
      number: calls.number,
      status: calls.status,
      closesOn: calls.closesOn,
      audience: calls.audience,
      womenFloorPercent: calls.womenFloorPercent,
      mission: {
        id: missions.id,
        acronym: missions.acronym,
        nameEn: missions.nameEn,
        nameFr: missions.nameFr,
      },
      posts: sql<number>`(select count(*)::int from call_posts cp where cp.call_id = ${calls.id})`,
      applications: sql<number>`(select count(*)::int from applications a where a.call_id = ${calls.id})`,
      version: calls.version,
    })
    .from(calls)
    .innerJoin(missions, eq(missions.id, calls.missionId))
    .where(condition)
    .orderBy(desc(calls.createdAt), desc(calls.number))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return { items, total: total?.n ?? 0 };
}
