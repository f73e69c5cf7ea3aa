import { and, asc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { diff, writeAudits, type AuditContext } from '../../kernel/audit/audit.ts';
import { bulkInsert } from '../../kernel/db/bulk.ts';
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
  closingNeeds,
  effectOfMove,
  needsReason,
  nextStates,
  type DeploymentDates,
} from './rules.ts';
import { deploymentMoves, deployments, type DeploymentState } from './schema.ts';
import { closingFactsOf, tourDetailsOf } from './tour.ts';

const deploymentColumns = {
  id: deployments.id,
  state: deployments.state,
  plannedStart: deployments.plannedStart,
  plannedEnd: deployments.plannedEnd,
  location: deployments.location,
  actualStart: deployments.actualStart,
  actualEnd: deployments.actualEnd,
  mode: deployments.mode,
  predecessorId: deployments.predecessorId,
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

/** What the policies look at on a deployment (deploymentReach): its officer's agency and account, its mission. */
export function scopeOfDeployment(d: {
  id: string;
  officer: { agencyId: string; userId: string | null };
  mission: { id: string };
}) {
  return {
    id: d.id,
    agencyId: d.officer.agencyId,
    userId: d.officer.userId,
    missionId: d.mission.id,
  };
}

/**
 * One deployment with its readiness checklist, its moves so far and the moves open to it, its
 * extensions, rotation, debrief, where its end-of-tour report stands, and (once returned) what
 * closing still needs.
 */
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
  const details = await tourDetailsOf(db, row);
  const closing =
    row.state === 'returned' ? { needs: closingNeeds(await closingFactsOf(db, id)) } : null;
  const next = nextStates(row.state);
  return {
    ...shown!,
    moves,
    nextStates: next,
    /** The next states whose move needs a reason in the record. */
    reasonNeeded: next.filter((to) => needsReason(to, row.state)),
    ...details,
    closing,
  };
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
  /**
   * Ready despite readiness items not done, or closed without the end-of-tour report or the
   * debrief: a program administrator, with a reason.
   */
  override?: { reason: string } | undefined;
}

/**
 * Move a deployment. `ready` needs every readiness item done, and `closed` a submitted
 * end-of-tour report and a debrief, unless a program administrator overrides with a reason
 * (audited as such, with the items that were not done).
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
    /** What an override passed over: readiness items (ready) or closing items (closed). */
    let notDone: string[] = [];
    if (input.to === 'ready') {
      const shown = (await findDeployment(tx, id, today))!;
      const items: ReadinessItem[] = blocking(shown.readiness.items);
      if (items.length && !input.override)
        throw new AppError('readiness_incomplete', {
          count: items.length,
          items: { keys: items.map((i) => `readinessItems.${i.item}`) },
        });
      notDone = items.map((i) => (i.ref ? `${i.item}:${i.ref}` : i.item));
    }
    if (input.to === 'closed') {
      const missing = closingNeeds(await closingFactsOf(tx, id));
      if (missing.length && !input.override)
        throw new AppError('closing_incomplete', {
          items: { keys: missing.map((i) => `closingItems.${i}`) },
        });
      notDone = missing;
    }
    const [moved] = await recordMoves(
      tx,
      ctx,
      [
        {
          current,
          to: input.to,
          reason: reason || input.override?.reason.trim() || null,
          action: notDone.length ? `deployment.${input.to}_override` : undefined,
          changes: notDone.length
            ? {
                override: [null, input.override!.reason.trim()],
                notDone: [null, notDone],
              }
            : {},
          reasonInAudit: reason || null,
        },
      ],
      today,
    );
    return moved!;
  });
}

export type DeploymentRecord = typeof deployments.$inferSelect;

export interface Move {
  /** The deployment as read with its row locked (`for update`). */
  current: DeploymentRecord;
  to: DeploymentState;
  /** The reason recorded with the move. */
  reason: string | null;
  /** The audit entry's action (default `deployment.<to>`) and fields beyond the move's own. */
  action?: string | undefined;
  changes?: Record<string, [unknown, unknown]>;
  /** The reason as the audit entry shows it (default: the recorded reason). */
  reasonInAudit?: string | null;
}

/**
 * Make moves the caller has checked, on rows it holds locked, in its transaction: each
 * deployment's state, dates and mode change, each move is recorded (deployment_moves) and has its
 * own audit entry. One deployment (a program officer's move) or a whole contingent (a
 * mission-wide event) go the same way; the moves and audit entries are written in one statement
 * each.
 */
export async function recordMoves(
  tx: Tx,
  ctx: AuditContext,
  items: Move[],
  today: string,
): Promise<DeploymentRecord[]> {
  const moved: DeploymentRecord[] = [];
  for (const { current, to } of items) {
    const [row] = await tx
      .update(deployments)
      .set({
        state: to,
        ...effectOfMove(current.state, to, current, today),
        version: current.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(deployments.id, current.id))
      .returning();
    moved.push(row!);
  }
  await bulkInsert(
    tx,
    deploymentMoves,
    items.map(({ current, to, reason }) => ({
      deploymentId: current.id,
      fromState: current.state,
      toState: to,
      reason,
      actorId: ctx.actorId,
      actorRole: ctx.actorRole,
      at: ctx.now,
    })),
  );
  await writeAudits(
    tx,
    ctx,
    items.map((item, i) => {
      const shownReason = item.reasonInAudit === undefined ? item.reason : item.reasonInAudit;
      return {
        action: item.action ?? `deployment.${item.to}`,
        recordType: 'deployment',
        recordId: item.current.id,
        changes: {
          state: [item.current.state, item.to],
          ...diff(datesOf(item.current), datesOf(moved[i]!)),
          ...(shownReason ? { reason: [null, shownReason] } : {}),
          ...item.changes,
        },
      };
    }),
  );
  return moved;
}
