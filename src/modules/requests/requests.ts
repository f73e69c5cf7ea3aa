import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { decisions, partnerPositions } from '../decisions/schema.ts';
import { createMission, type NewMission } from '../missions/missions.ts';
import { postsOfLines } from '../missions/posts.ts';
import { missionLocations, missions } from '../reference/schema.ts';
import {
  assertRequestDates,
  deadlineStateOf,
  isOpen,
  nextRequestStatus,
  requestNumber,
  type RequestStep,
} from './rules.ts';
import {
  requestDocuments,
  requestLines,
  requests,
  type LanguageRequirement,
  type RequestStatus,
} from './schema.ts';

export interface RequestLineInput {
  postCount: number;
  postTypeCode: string;
  teamCode?: string | null;
  locationId?: string | null;
  languages?: LanguageRequirement[];
  minRankCode?: string | null;
  minYearsService?: number | null;
  skills?: string[];
  womenSought?: boolean;
  notes?: string;
}

export interface RequestInput {
  organizationCode?: string | null;
  requestingCountryCode?: string | null;
  missionId?: string | null;
  /** A mission Canada has not served in before, registered with the request. */
  newMission?: NewMission | null;
  noteReference: string;
  receivedOn: string;
  responseDue: string;
  startDate: string;
  tourMonths: number;
  summary?: string;
  lines: RequestLineInput[];
}

async function assertLines(tx: Tx, missionId: string, lines: RequestLineInput[]) {
  const locationIds = [...new Set(lines.map((l) => l.locationId).filter(Boolean))] as string[];
  if (!locationIds.length) return;
  const found = await tx
    .select({ id: missionLocations.id })
    .from(missionLocations)
    .where(
      and(inArray(missionLocations.id, locationIds), eq(missionLocations.missionId, missionId)),
    );
  const ok = new Set(found.map((r) => r.id));
  const fields = lines.flatMap((l, i) =>
    l.locationId && !ok.has(l.locationId)
      ? [{ path: `lines.${i}.locationId`, code: 'plan.location_not_in_mission' }]
      : [],
  );
  if (fields.length) throw new AppError('validation_failed', {}, fields);
}

async function writeLines(tx: Tx, requestId: string, lines: RequestLineInput[]) {
  await tx.delete(requestLines).where(eq(requestLines.requestId, requestId));
  if (!lines.length) return;
  await tx.insert(requestLines).values(
    lines.map((l, i) => ({
      requestId,
      lineNo: i + 1,
      postCount: l.postCount,
      postTypeCode: l.postTypeCode,
      teamCode: l.teamCode ?? null,
      locationId: l.locationId ?? null,
      languages: l.languages ?? [],
      minRankCode: l.minRankCode ?? null,
      minYearsService: l.minYearsService ?? null,
      skills: l.skills ?? [],
      womenSought: l.womenSought ?? false,
      notes: l.notes ?? '',
    })),
  );
}

const REQUEST_NUMBER_LOCK = 1_989_2001;

/** A program officer registers a request that has arrived, with the posts it asks for. */
export async function registerRequest(db: Db, ctx: AuditContext, input: RequestInput) {
  assertRequestDates(input, isoDateOf(ctx.now));
  return db.transaction(async (tx) => {
    let missionId = input.missionId ?? null;
    if (!missionId && input.newMission)
      missionId = (await createMission(tx, ctx, input.newMission)).id;
    if (!missionId)
      throw new AppError('validation_failed', {}, [
        { path: 'missionId', code: 'validation.required' },
      ]);
    const [mission] = await tx
      .select({ id: missions.id })
      .from(missions)
      .where(eq(missions.id, missionId));
    if (!mission) throw new AppError('unknown_reference', { field: 'missionId', value: missionId });
    await assertLines(tx, missionId, input.lines);

    // Numbers follow the order of arrival within the year; the lock makes them one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(${REQUEST_NUMBER_LOCK})`);
    const year = Number(input.receivedOn.slice(0, 4));
    const [taken] = await tx
      .select({ n: count() })
      .from(requests)
      .where(sql`${requests.number} like ${`R-${year}-%`}`);
    const values = {
      number: requestNumber(year, (taken?.n ?? 0) + 1),
      organizationCode: input.organizationCode ?? null,
      requestingCountryCode: input.requestingCountryCode ?? null,
      missionId,
      noteReference: input.noteReference.trim(),
      receivedOn: input.receivedOn,
      responseDue: input.responseDue,
      startDate: input.startDate,
      tourMonths: input.tourMonths,
      summary: input.summary?.trim() ?? '',
      createdBy: ctx.actorId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const [created] = await tx.insert(requests).values(values).returning();
    if (!created) throw new Error('insert returned nothing');
    await writeLines(tx, created.id, input.lines);
    await writeAudit(tx, ctx, {
      action: 'request.create',
      recordType: 'request',
      recordId: created.id,
      changes: diff(null, {
        ...values,
        createdAt: undefined,
        updatedAt: undefined,
        lines: input.lines,
      }),
    });
    return created;
  });
}

export type RequestChanges = Partial<Omit<RequestInput, 'newMission' | 'missionId'>>;

/** Correct a request (and replace its lines) while it is still open. */
export async function updateRequest(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: RequestChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(requests).where(eq(requests.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    if (!isOpen(current.status)) throw new AppError('request_closed', { status: current.status });
    const { lines, ...fields } = changes;
    const next = { ...current, ...fields };
    assertRequestDates(next, isoDateOf(ctx.now));
    let linesChange: Record<string, [unknown, unknown]> = {};
    if (lines) {
      // Lines that posts come from cannot be replaced: the posts would lose their origin.
      const used = await postsOfLines(
        tx as unknown as Db,
        (
          await tx
            .select({ id: requestLines.id })
            .from(requestLines)
            .where(eq(requestLines.requestId, id))
        ).map((l) => l.id),
      );
      if (used.some((u) => u.n > 0)) throw new AppError('request_lines_in_use');
      await assertLines(tx, current.missionId, lines);
      const before = await tx
        .select()
        .from(requestLines)
        .where(eq(requestLines.requestId, id))
        .orderBy(asc(requestLines.lineNo));
      await writeLines(tx, id, lines);
      linesChange = { lines: [before.map(({ id: _id, requestId: _r, ...l }) => l), lines] };
    }
    const [updated] = await tx
      .update(requests)
      .set({ ...fields, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(requests.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'request.update',
      recordType: 'request',
      recordId: id,
      changes: { ...diff(current, updated!, ['version', 'updatedAt']), ...linesChange },
    });
    return updated!;
  });
}

/** Put a request under review, withdraw it, or reopen a decided one for reconsideration. */
export async function moveRequest(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  step: RequestStep,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(requests).where(eq(requests.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const status = nextRequestStatus(current.status, step);
    if ((step === 'withdraw' || step === 'reconsider') && !reason?.trim())
      throw new AppError('validation_failed', {}, [
        { path: 'reason', code: 'validation.required' },
      ]);
    const [updated] = await tx
      .update(requests)
      .set({
        status,
        ...(step === 'withdraw' ? { withdrawnReason: reason!.trim() } : {}),
        version: current.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(requests.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: `request.${step}`,
      recordType: 'request',
      recordId: id,
      changes: {
        ...diff(current, updated!, ['version', 'updatedAt']),
        ...(reason ? { reason: [null, reason] } : {}),
      },
    });
    return updated!;
  });
}

export interface RequestFilters {
  q?: string | undefined;
  status?: RequestStatus | undefined;
  organization?: string | undefined;
  /** Host country of the mission, or the requesting country. */
  country?: string | undefined;
  missionId?: string | undefined;
  /** Received on or after. */
  from?: string | undefined;
  /** Received on or before. */
  to?: string | undefined;
}

export async function listRequests(
  db: Db,
  filters: RequestFilters,
  paging: { page: number; pageSize: number },
  today: string,
  warningDays: number,
) {
  const where: SQL[] = [];
  if (filters.q) {
    const like = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(requests.number, like),
        ilike(requests.noteReference, like),
        ilike(requests.summary, like),
        ilike(missions.acronym, like),
        ilike(missions.nameEn, like),
        ilike(missions.nameFr, like),
      )!,
    );
  }
  if (filters.status) where.push(eq(requests.status, filters.status));
  if (filters.organization) where.push(eq(requests.organizationCode, filters.organization));
  if (filters.country)
    where.push(
      or(
        eq(missions.hostCountryCode, filters.country),
        eq(requests.requestingCountryCode, filters.country),
      )!,
    );
  if (filters.missionId) where.push(eq(requests.missionId, filters.missionId));
  if (filters.from) where.push(gte(requests.receivedOn, filters.from));
  if (filters.to) where.push(lte(requests.receivedOn, filters.to));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(requests)
    .innerJoin(missions, eq(missions.id, requests.missionId))
    .where(condition);
  const rows = await db
    .select({
      request: requests,
      mission: {
        id: missions.id,
        acronym: missions.acronym,
        nameEn: missions.nameEn,
        nameFr: missions.nameFr,
        hostCountryCode: missions.hostCountryCode,
      },
      postsWanted: sql<number>`(select coalesce(sum(${requestLines.postCount}), 0)::int from ${requestLines} where ${requestLines.requestId} = ${requests.id})`,
    })
    .from(requests)
    .innerJoin(missions, eq(missions.id, requests.missionId))
    .where(condition)
    // Open requests first, the most pressing deadline first; then the most recent.
    .orderBy(
      sql`case when ${requests.status} in ('received','under_review') then 0 else 1 end`,
      sql`case when ${requests.status} in ('received','under_review') then ${requests.responseDue} end asc`,
      desc(requests.receivedOn),
      desc(requests.number),
    )
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({
      ...r.request,
      mission: r.mission,
      postsWanted: Number(r.postsWanted),
      deadline: deadlineStateOf(r.request.status, r.request.responseDue, today, warningDays),
    })),
    total: total?.n ?? 0,
    ...paging,
  };
}

/** A request with its lines, documents (without content), partners' positions and decisions. */
export async function findRequest(db: Db, id: string, today: string, warningDays: number) {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  if (!row) return null;
  const [mission] = await db
    .select({
      id: missions.id,
      code: missions.code,
      acronym: missions.acronym,
      nameEn: missions.nameEn,
      nameFr: missions.nameFr,
      hostCountryCode: missions.hostCountryCode,
      authorizedStrength: missions.authorizedStrength,
    })
    .from(missions)
    .where(eq(missions.id, row.missionId));
  const lines = await db
    .select()
    .from(requestLines)
    .where(eq(requestLines.requestId, id))
    .orderBy(asc(requestLines.lineNo));
  const made = new Map(
    (
      await postsOfLines(
        db,
        lines.map((l) => l.id),
      )
    ).map((r) => [r.requestLineId, r.n]),
  );
  const documents = await listDocuments(db, id);
  const positions = await db
    .select()
    .from(partnerPositions)
    .where(eq(partnerPositions.requestId, id))
    .orderBy(asc(partnerPositions.partner));
  const history = await db
    .select()
    .from(decisions)
    .where(eq(decisions.requestId, id))
    .orderBy(desc(decisions.sequence));
  return {
    ...row,
    mission: mission!,
    deadline: deadlineStateOf(row.status, row.responseDue, today, warningDays),
    lines: lines.map((l) => ({ ...l, postsCreated: made.get(l.id) ?? 0 })),
    documents,
    positions,
    decisions: history,
  };
}

export function listDocuments(db: Db, requestId: string) {
  return db
    .select({
      id: requestDocuments.id,
      fileName: requestDocuments.fileName,
      mediaType: requestDocuments.mediaType,
      sizeBytes: requestDocuments.sizeBytes,
      sha256: requestDocuments.sha256,
      uploadedAt: requestDocuments.uploadedAt,
    })
    .from(requestDocuments)
    .where(eq(requestDocuments.requestId, requestId))
    .orderBy(asc(requestDocuments.uploadedAt));
}
