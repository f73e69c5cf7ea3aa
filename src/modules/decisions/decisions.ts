import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { missions } from '../reference/schema.ts';
import { isOpen } from '../requests/rules.ts';
import { requests, type DecisionOutcome } from '../requests/schema.ts';
import type { Partner } from '../users/schema.ts';
import { assertDecisionAllowed, decisionFieldErrors, type DecisionRule } from './rules.ts';
import { decisions, partnerPositions, type Stance } from './schema.ts';

async function lockRequest(tx: Tx, requestId: string) {
  const [request] = await tx
    .select()
    .from(requests)
    .where(eq(requests.id, requestId))
    .for('update');
  if (!request) throw new AppError('not_found');
  return request;
}

export interface PositionInput {
  stance: Stance;
  reasons: string;
  conditions?: string | null;
  /** The version of the partner's current position being replaced; absent for a first position. */
  version?: number | null;
}

/**
 * A partner records (or changes) its position on a request. Only a user of that partner can; the
 * first position puts a received request under review. Closed once the decision is final.
 */
export async function recordPosition(
  db: Db,
  ctx: AuditContext,
  partner: Partner,
  requestId: string,
  input: PositionInput,
) {
  if (input.stance === 'support_with_conditions' && !input.conditions?.trim())
    throw new AppError('validation_failed', {}, [
      { path: 'conditions', code: 'decision.conditions_required' },
    ]);
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    if (!isOpen(request.status)) throw new AppError('request_closed', { status: request.status });
    const [current] = await tx
      .select()
      .from(partnerPositions)
      .where(and(eq(partnerPositions.requestId, requestId), eq(partnerPositions.partner, partner)));
    if (current) assertVersion(current.version, input.version ?? 0);
    else if (input.version)
      throw new AppError('stale_version', { current: 0, expected: input.version });
    const values = {
      stance: input.stance,
      reasons: input.reasons.trim(),
      conditions: input.stance === 'oppose' ? null : input.conditions?.trim() || null,
      recordedBy: ctx.actorId,
      recordedAt: ctx.now,
    };
    const [saved] = current
      ? await tx
          .update(partnerPositions)
          .set({ ...values, version: current.version + 1 })
          .where(eq(partnerPositions.id, current.id))
          .returning()
      : await tx
          .insert(partnerPositions)
          .values({ requestId, partner, ...values })
          .returning();
    await writeAudit(tx, ctx, {
      action: current ? 'position.change' : 'position.record',
      recordType: 'request',
      recordId: requestId,
      changes: diff(current ?? null, saved!, [
        'id',
        'version',
        'recordedAt',
        'recordedBy',
        'requestId',
      ]),
    });
    if (request.status === 'received') {
      await tx
        .update(requests)
        .set({ status: 'under_review', version: request.version + 1, updatedAt: ctx.now })
        .where(eq(requests.id, requestId));
      await writeAudit(tx, ctx, {
        action: 'request.review',
        recordType: 'request',
        recordId: requestId,
        changes: { status: ['received', 'under_review'] },
      });
    }
    return saved!;
  });
}

export interface DecisionInput {
  outcome: DecisionOutcome;
  ceiling?: number | null;
  conditions?: string | null;
  fundingNote?: string | null;
  decidedOn: string;
  /** The request's version the decision was taken on: a change since then refuses it. */
  requestVersion: number;
}

/**
 * The mission's authorised strength: the ceilings of the approving decisions in force (not
 * superseded). A request reopened for reconsideration keeps its decision in force until the next.
 */
async function refreshStrength(tx: Tx, missionId: string) {
  await tx.execute(sql`
    update missions set authorized_strength = coalesce((
      select sum(d.ceiling) from decisions d join requests r on r.id = d.request_id
      where r.mission_id = ${missionId}
        and d.outcome <> 'declined'
        and not exists (select 1 from decisions later where later.supersedes_id = d.id)
    ), 0)
    where id = ${missionId}`);
}

/**
 * Record the joint decision when the positions allow it. A request already decided must be
 * reopened first; the new decision then supersedes the old, which stays on file unchanged.
 */
export async function recordDecision(
  db: Db,
  ctx: AuditContext,
  rule: DecisionRule,
  requestId: string,
  input: DecisionInput,
) {
  const fields = decisionFieldErrors(input);
  if (fields.length) throw new AppError('validation_failed', {}, fields);
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    assertVersion(request.version, input.requestVersion);
    if (request.status === 'decided') throw new AppError('decision_final');
    if (!isOpen(request.status)) throw new AppError('request_closed', { status: request.status });
    const positions = await tx
      .select()
      .from(partnerPositions)
      .where(eq(partnerPositions.requestId, requestId))
      .orderBy(asc(partnerPositions.partner));
    assertDecisionAllowed(rule, positions, input.outcome);
    const [previous] = await tx
      .select()
      .from(decisions)
      .where(eq(decisions.requestId, requestId))
      .orderBy(desc(decisions.sequence))
      .limit(1);
    const [decision] = await tx
      .insert(decisions)
      .values({
        requestId,
        sequence: (previous?.sequence ?? 0) + 1,
        outcome: input.outcome,
        ceiling: input.outcome === 'declined' ? 0 : input.ceiling!,
        conditions: input.conditions?.trim() || null,
        fundingNote: input.fundingNote?.trim() || null,
        decidedOn: input.decidedOn,
        rule,
        positions: positions.map((p) => ({
          partner: p.partner,
          stance: p.stance,
          reasons: p.reasons,
          conditions: p.conditions,
          recordedAt: p.recordedAt.toISOString(),
        })),
        supersedesId: previous?.id ?? null,
        recordedBy: ctx.actorId,
        recordedAt: ctx.now,
      })
      .returning();
    await tx
      .update(requests)
      .set({
        status: 'decided',
        outcome: input.outcome,
        version: request.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(requests.id, requestId));
    await refreshStrength(tx, request.missionId);
    await writeAudit(tx, ctx, {
      action: 'decision.record',
      recordType: 'request',
      recordId: requestId,
      changes: {
        ...diff(null, {
          decisionId: decision!.id,
          sequence: decision!.sequence,
          outcome: decision!.outcome,
          ceiling: decision!.ceiling,
          conditions: decision!.conditions,
          fundingNote: decision!.fundingNote,
          decidedOn: decision!.decidedOn,
          supersedes: previous?.id ?? null,
        }),
        status: [request.status, 'decided'],
      },
    });
    return decision!;
  });
}

export interface DecisionFilters {
  outcome?: DecisionOutcome | undefined;
  missionId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only decisions in force (not superseded). */
  current?: boolean | undefined;
}

export async function listDecisions(
  db: Db,
  filters: DecisionFilters,
  paging: { page: number; pageSize: number },
) {
  const where: SQL[] = [];
  if (filters.outcome) where.push(eq(decisions.outcome, filters.outcome));
  if (filters.missionId) where.push(eq(requests.missionId, filters.missionId));
  if (filters.from) where.push(gte(decisions.decidedOn, filters.from));
  if (filters.to) where.push(lte(decisions.decidedOn, filters.to));
  if (filters.current)
    where.push(
      sql`not exists (select 1 from decisions later where later.supersedes_id = ${decisions.id})`,
    );
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(decisions)
    .innerJoin(requests, eq(requests.id, decisions.requestId))
    .where(condition);
  const rows = await db
    .select({
      decision: decisions,
      requestNumber: requests.number,
      mission: {
        id: missions.id,
        acronym: missions.acronym,
        nameEn: missions.nameEn,
        nameFr: missions.nameFr,
      },
      supersededBy: sql<
        string | null
      >`(select later.id from decisions later where later.supersedes_id = ${decisions.id})`,
    })
    .from(decisions)
    .innerJoin(requests, eq(requests.id, decisions.requestId))
    .innerJoin(missions, eq(missions.id, requests.missionId))
    .where(condition)
    .orderBy(desc(decisions.decidedOn), desc(decisions.recordedAt))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({
      ...r.decision,
      requestNumber: r.requestNumber,
      mission: r.mission,
      supersededById: r.supersededBy,
    })),
    total: total?.n ?? 0,
    ...paging,
  };
}

export async function findDecision(db: Db, id: string) {
  const [row] = await db
    .select({
      decision: decisions,
      requestNumber: requests.number,
      missionId: requests.missionId,
      supersededBy: sql<
        string | null
      >`(select later.id from decisions later where later.supersedes_id = ${decisions.id})`,
    })
    .from(decisions)
    .innerJoin(requests, eq(requests.id, decisions.requestId))
    .where(eq(decisions.id, id));
  if (!row) return null;
  return {
    ...row.decision,
    requestNumber: row.requestNumber,
    missionId: row.missionId,
    supersededById: row.supersededBy,
  };
}
