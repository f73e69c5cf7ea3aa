import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import {
  evaluations,
  type evaluationKinds,
  type evaluationRatings,
  type Indicator,
} from './schema.ts';

export interface EvaluationInput {
  missionId: string;
  kind: (typeof evaluationKinds)[number];
  periodStart: string;
  periodEnd: string;
  rating: (typeof evaluationRatings)[number];
  indicators?: Indicator[];
  lessonsLearned?: string;
  recommendations?: string;
}

function assertPeriod(e: { periodStart: string; periodEnd: string }) {
  if (e.periodEnd < e.periodStart)
    throw new AppError('validation_failed', {}, [
      { path: 'periodEnd', code: 'plan.period_end_before_start' },
    ]);
}

/** Record a mission evaluation (its author is the acting user). */
export async function createEvaluation(db: Db, ctx: AuditContext, input: EvaluationInput) {
  assertPeriod(input);
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .select({ id: missions.id })
      .from(missions)
      .where(eq(missions.id, input.missionId));
    if (!mission)
      throw new AppError('unknown_reference', { field: 'missionId', value: input.missionId });
    const [created] = await tx
      .insert(evaluations)
      .values({ ...input, authorId: ctx.actorId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'evaluation.create',
      recordType: 'evaluation',
      recordId: created!.id,
      changes: diff(null, { ...input }),
    });
    return created!;
  });
}

export type EvaluationChanges = Partial<Omit<EvaluationInput, 'missionId'>>;

export async function updateEvaluation(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: EvaluationChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(evaluations)
      .where(eq(evaluations.id, id))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    assertPeriod({ ...current, ...changes });
    const [updated] = await tx
      .update(evaluations)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(evaluations.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'evaluation.update',
      recordType: 'evaluation',
      recordId: id,
      changes: diff(current, updated!, ['version', 'updatedAt']),
    });
    return updated!;
  });
}

const listed = {
  evaluation: evaluations,
  mission: {
    id: missions.id,
    acronym: missions.acronym,
    nameEn: missions.nameEn,
    nameFr: missions.nameFr,
  },
  authorName: users.displayName,
};

export async function listEvaluations(
  db: Db,
  filters: {
    missionId?: string | undefined;
    kind?: EvaluationInput['kind'] | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  paging: { page: number; pageSize: number },
  only?: { missionId: string },
) {
  const where: SQL[] = [];
  if (only) where.push(eq(evaluations.missionId, only.missionId));
  if (filters.missionId) where.push(eq(evaluations.missionId, filters.missionId));
  if (filters.kind) where.push(eq(evaluations.kind, filters.kind));
  if (filters.from) where.push(gte(evaluations.periodEnd, filters.from));
  if (filters.to) where.push(lte(evaluations.periodStart, filters.to));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(evaluations).where(condition);
  const rows = await db
    .select(listed)
    .from(evaluations)
    .innerJoin(missions, eq(missions.id, evaluations.missionId))
    .leftJoin(users, eq(users.id, evaluations.authorId))
    .where(condition)
    .orderBy(desc(evaluations.periodEnd), desc(evaluations.createdAt))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({ ...r.evaluation, mission: r.mission, authorName: r.authorName })),
    total: total?.n ?? 0,
    ...paging,
  };
}

export async function findEvaluation(db: Db, id: string) {
  const [row] = await db
    .select(listed)
    .from(evaluations)
    .innerJoin(missions, eq(missions.id, evaluations.missionId))
    .leftJoin(users, eq(users.id, evaluations.authorId))
    .where(eq(evaluations.id, id));
  return row ? { ...row.evaluation, mission: row.mission, authorName: row.authorName } : null;
}
