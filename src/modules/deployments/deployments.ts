import { and, asc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { situationOfMission } from '../events/events.ts';
import { travelHeld } from '../events/rules.ts';
import { referenceOf } from '../missions/posts.ts';
import { posts } from '../missions/schema.ts';
import { officers, qualifications } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';
import { blocking, readinessOf, type ReadinessItem } from '../training/readiness.ts';
import { certificates, courses } from '../training/schema.ts';
import {
  canMoveDeployment,
  effectOfMove,
  needsReason,
  nextStates,
  type DeploymentDates,
} from './rules.ts';
import { deploymentMoves, deployments, type DeploymentState } from './schema.ts';

const deploymentColumns = {
  id: deployments.id,
  state: deployments.state,
  plannedStart: deployments.plannedStart,
  plannedEnd: deployments.plannedEnd,
  location: deployments.location,
  actualStart: deployments.actualStart,
  actualEnd: deployments.actualEnd,
  mode: deployments.mode,
  version: deployments.version,
  officer: {
    id: officers.id,
    givenName: officers.givenName,
    familyName: officers.familyName,
    agencyId: officers.agencyId,
    userId: officers.userId,
  },
  agencyCode: agencies.code,
  mission: {
    id: missions.id,
    code: missions.code,
    acronym: missions.acronym,
    nameEn: missions.nameEn,
    nameFr: missions.nameFr,
    organizationCode: missions.organizationCode,
    hostCountryCode: missions.hostCountryCode,
    requiredVaccinations: missions.requiredVaccinations,
  },
  post: {
    id: posts.id,
    seq: posts.seq,
    postTypeCode: posts.postTypeCode,
    teamCode: posts.teamCode,
  },
};

async function deploymentsWhere(db: Tx, where: SQL | undefined) {
  const rows = await db
    .select(deploymentColumns)
    .from(deployments)
    .innerJoin(officers, eq(officers.id, deployments.officerId))
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .innerJoin(missions, eq(missions.id, deployments.missionId))
    .leftJoin(posts, eq(posts.id, deployments.postId))
    .where(where)
    .orderBy(asc(deployments.plannedStart), asc(officers.familyName));
  return rows;
}

type DeploymentRow = Awaited<ReturnType<typeof deploymentsWhere>>[number];

/** Readiness of several deployments, with three queries whatever their number. */
async function withReadiness(db: Tx, rows: DeploymentRow[], today: string) {
  const officerIds = [...new Set(rows.map((r) => r.officer.id))];
  const catalogue = await db
    .select({ id: courses.id, code: courses.code, requiredFor: courses.requiredFor })
    .from(courses)
    .orderBy(asc(courses.code));
  const certs = officerIds.length
    ? await db
        .select({
          officerId: certificates.officerId,
          courseId: certificates.courseId,
          expiresOn: certificates.expiresOn,
        })
        .from(certificates)
        .where(inArray(certificates.officerId, officerIds))
    : [];
  const held = officerIds.length
    ? await db
        .select({
          officerId: qualifications.officerId,
          kind: qualifications.kind,
          code: qualifications.code,
          passed: qualifications.passed,
          obtainedOn: qualifications.obtainedOn,
          expiresOn: qualifications.expiresOn,
        })
        .from(qualifications)
        .where(inArray(qualifications.officerId, officerIds))
    : [];
  return rows.map((row) => {
    const items = readinessOf({
      deployment: { plannedStart: row.plannedStart, plannedEnd: row.plannedEnd },
      post: { postTypeCode: row.post?.postTypeCode ?? null, teamCode: row.post?.teamCode ?? null },
      mission: row.mission,
      courses: catalogue,
      certificates: certs.filter((c) => c.officerId === row.officer.id),
      qualifications: held.filter((q) => q.officerId === row.officer.id),
      today,
    });
    return {
      ...row,
      post: row.post
        ? { ...row.post, reference: referenceOf(row.mission.code, row.post.seq) }
        : null,
      readiness: { items, blocking: blocking(items).length },
    };
  });
}

/** One deployment with its readiness checklist, its moves so far and the moves open to it. */
export async function findDeployment(db: Tx, id: string, today: string) {
  const [row] = await deploymentsWhere(db, eq(deployments.id, id));
  if (!row) return null;
  const [shown] = await withReadiness(db, [row], today);
  const moves = await db
    .select({
      from: deploymentMoves.fromState,
      to: deploymentMoves.toState,
      reason: deploymentMoves.reason,
      actorRole: deploymentMoves.actorRole,
      at: deploymentMoves.at,
    })
    .from(deploymentMoves)
    .where(eq(deploymentMoves.deploymentId, id))
    .orderBy(asc(deploymentMoves.seq));
  return { ...shown!, moves, nextStates: nextStates(row.state) };
}

/**
 * The readiness board: deployments still to leave (selected, preparing, ready), soonest first,
 * each with its checklist; filtered by mission and agency.
 */
export async function readinessBoard(
  db: Db,
  filters: { missionId?: string | undefined; agencyId?: string | undefined },
  today: string,
) {
  const where: SQL[] = [
    inArray(deployments.state, ['selected', 'preparing', 'ready']),
    gte(deployments.plannedEnd, today),
  ];
  if (filters.missionId) where.push(eq(deployments.missionId, filters.missionId));
  if (filters.agencyId) where.push(eq(officers.agencyId, filters.agencyId));
  return withReadiness(db, await deploymentsWhere(db, and(...where)), today);
}

const datesOf = (d: DeploymentDates): DeploymentDates => ({
  actualStart: d.actualStart,
  actualEnd: d.actualEnd,
  mode: d.mode,
});

export interface MoveInput {
  to: DeploymentState;
  reason?: string | undefined;
  /** Ready despite items not done: a program administrator, with a reason. */
  override?: { reason: string } | undefined;
}

/**
 * Move a deployment. `ready` needs every readiness item done, unless a program administrator
 * overrides with a reason (audited as such, with the items that were not done).
 */
export async function moveDeployment(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  input: MoveInput,
  today: string,
) {
  const reason = input.reason?.trim() ?? '';
  if (input.override && ctx.actorRole !== 'program_admin') throw new AppError('forbidden');
  if (input.override && !input.override.reason.trim())
    throw new AppError('validation_failed', {}, [
      { path: 'override.reason', code: 'deployment.reason_required' },
    ]);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(deployments)
      .where(eq(deployments.id, id))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    if (!canMoveDeployment(current.state, input.to))
      throw new AppError('invalid_transition', { from: current.state, to: input.to });
    if (travelHeld(await situationOfMission(tx, current.missionId), input.to))
      throw new AppError('mission_travel_held', { to: input.to });
    if (needsReason(input.to, current.state) && !reason)
      throw new AppError('validation_failed', {}, [
        { path: 'reason', code: 'deployment.reason_required' },
      ]);
    let notDone: ReadinessItem[] = [];
    if (input.to === 'ready') {
      const shown = (await findDeployment(tx, id, today))!;
      notDone = blocking(shown.readiness.items);
      if (notDone.length && !input.override)
        throw new AppError('readiness_incomplete', {
          count: notDone.length,
          items: { keys: notDone.map((i) => `readinessItems.${i.item}`) },
        });
    }
    return recordMove(
      tx,
      ctx,
      current,
      input.to,
      reason || input.override?.reason.trim() || null,
      today,
      {
        action: notDone.length ? 'deployment.ready_override' : undefined,
        changes: notDone.length
          ? {
              override: [null, input.override!.reason.trim()],
              notDone: [null, notDone.map((i) => (i.ref ? `${i.item}:${i.ref}` : i.item))],
            }
          : {},
        reasonInAudit: reason || null,
      },
    );
  });
}

type DeploymentRecord = typeof deployments.$inferSelect;

/**
 * Move one deployment whose row the caller holds locked (`for update`), after the caller checked
 * the rule: the state, dates and mode change, the move is recorded and audited, in the caller's
 * transaction. A mission-wide event calls it for each deployment it moves.
 */
export async function recordMove(
  tx: Tx,
  ctx: AuditContext,
  current: DeploymentRecord,
  to: DeploymentState,
  reason: string | null,
  today: string,
  audit: {
    action?: string | undefined;
    changes?: Record<string, [unknown, unknown]>;
    /** The reason as the audit entry shows it (default: the recorded reason). */
    reasonInAudit?: string | null;
  } = {},
): Promise<DeploymentRecord> {
  const [moved] = await tx
    .update(deployments)
    .set({
      state: to,
      ...effectOfMove(current.state, to, current, today),
      version: current.version + 1,
      updatedAt: ctx.now,
    })
    .where(eq(deployments.id, current.id))
    .returning();
  await tx.insert(deploymentMoves).values({
    deploymentId: current.id,
    fromState: current.state,
    toState: to,
    reason,
    actorId: ctx.actorId,
    actorRole: ctx.actorRole,
    at: ctx.now,
  });
  const shownReason = audit.reasonInAudit === undefined ? reason : audit.reasonInAudit;
  await writeAudit(tx, ctx, {
    action: audit.action ?? `deployment.${to}`,
    recordType: 'deployment',
    recordId: current.id,
    changes: {
      state: [current.state, to],
      ...diff(datesOf(current), datesOf(moved!)),
      ...(shownReason ? { reason: [null, shownReason] } : {}),
      ...audit.changes,
    },
  });
  return moved!;
}
