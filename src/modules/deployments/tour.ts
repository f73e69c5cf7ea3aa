import { and, asc, eq } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import { tourReports } from '../evaluations/schema.ts';
import { posts } from '../missions/schema.ts';
import { officers } from '../officers/schema.ts';
import {
  canDebrief,
  canExtend,
  canWriteTourReport,
  handoverDays,
  isExtension,
  isOpen,
} from './rules.ts';
import { deploymentDebriefs, deploymentExtensions, deployments } from './schema.ts';

/**
 * The details of a tour besides its life cycle (issue 7): where the officer serves, extensions
 * and their decisions, the rotation to a successor, the end-of-tour report and the debrief.
 * Each use case checks its rule, changes the record and writes the audit entry in one
 * transaction; the deployment's version guards every change to the deployment itself.
 */

const invalid = (fields: FieldError[]) => new AppError('validation_failed', {}, fields);

/** The deployment, locked for the change, at the version the caller saw. */
async function lockedDeployment(tx: Tx, id: string, version: number) {
  const [current] = await tx.select().from(deployments).where(eq(deployments.id, id)).for('update');
  if (!current) throw new AppError('not_found');
  assertVersion(current.version, version);
  return current;
}

async function bump(tx: Tx, ctx: AuditContext, current: { id: string; version: number }) {
  await tx
    .update(deployments)
    .set({ version: current.version + 1, updatedAt: ctx.now })
    .where(eq(deployments.id, current.id));
}

// ---------------------------------------------------------------------------------------------
// Reading

const linkColumns = {
  id: deployments.id,
  state: deployments.state,
  plannedStart: deployments.plannedStart,
  plannedEnd: deployments.plannedEnd,
  actualStart: deployments.actualStart,
  actualEnd: deployments.actualEnd,
  officer: { id: officers.id, givenName: officers.givenName, familyName: officers.familyName },
};

const extensionColumns = {
  id: deploymentExtensions.id,
  previousEnd: deploymentExtensions.previousEnd,
  newEnd: deploymentExtensions.newEnd,
  reason: deploymentExtensions.reason,
  status: deploymentExtensions.status,
  requestedBy: deploymentExtensions.requestedBy,
  requestedByRole: deploymentExtensions.requestedByRole,
  requestedAt: deploymentExtensions.requestedAt,
  decidedByRole: deploymentExtensions.decidedByRole,
  decidedAt: deploymentExtensions.decidedAt,
  decisionNote: deploymentExtensions.decisionNote,
};

/**
 * What a deployment page shows of the tour: its extensions, its rotation (predecessor and
 * successor, each with the hand-over overlap), the debrief, and where the end-of-tour report
 * stands (its content is read through its own route and policy).
 */
export async function tourDetailsOf(
  db: Tx,
  d: {
    id: string;
    predecessorId: string | null;
    plannedStart: string;
    plannedEnd: string;
    actualStart: string | null;
    actualEnd: string | null;
  },
) {
  const extensions = await db
    .select(extensionColumns)
    .from(deploymentExtensions)
    .where(eq(deploymentExtensions.deploymentId, d.id))
    .orderBy(asc(deploymentExtensions.requestedAt));
  const link = (where: ReturnType<typeof eq>) =>
    db
      .select(linkColumns)
      .from(deployments)
      .innerJoin(officers, eq(officers.id, deployments.officerId))
      .where(where)
      .then((rows) => rows[0] ?? null);
  const predecessor = d.predecessorId ? await link(eq(deployments.id, d.predecessorId)) : null;
  const successor = await link(eq(deployments.predecessorId, d.id));
  const [debrief] = await db
    .select({
      heldOn: deploymentDebriefs.heldOn,
      notes: deploymentDebriefs.notes,
      followUp: deploymentDebriefs.followUp,
      recordedByRole: deploymentDebriefs.recordedByRole,
      recordedAt: deploymentDebriefs.recordedAt,
    })
    .from(deploymentDebriefs)
    .where(eq(deploymentDebriefs.deploymentId, d.id));
  const [report] = await db
    .select({ status: tourReports.status, submittedAt: tourReports.submittedAt })
    .from(tourReports)
    .where(eq(tourReports.deploymentId, d.id));
  return {
    extensions,
    rotation: {
      predecessor: predecessor
        ? { ...predecessor, handoverDays: handoverDays(predecessor, d) }
        : null,
      successor: successor ? { ...successor, handoverDays: handoverDays(d, successor) } : null,
    },
    debrief: debrief ?? null,
    endOfTourReport: report ?? null,
  };
}

/** Whether closing has what it needs: a submitted end-of-tour report and a debrief. */
export async function closingFactsOf(db: Tx, id: string) {
  const [report] = await db
    .select({ status: tourReports.status })
    .from(tourReports)
    .where(eq(tourReports.deploymentId, id));
  const [debrief] = await db
    .select({ heldOn: deploymentDebriefs.heldOn })
    .from(deploymentDebriefs)
    .where(eq(deploymentDebriefs.deploymentId, id));
  return { reportSubmitted: report?.status === 'submitted', debriefed: !!debrief };
}

// ---------------------------------------------------------------------------------------------
// Location

/** Where the officer serves in the host country (Bamako, Mopti); null when not yet known. */
export async function setDeploymentLocation(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  location: string | null,
) {
  return db.transaction(async (tx) => {
    const current = await lockedDeployment(tx, id, version);
    if (!isOpen(current.state)) throw new AppError('deployment_ended', { state: current.state });
    const next = location?.trim() || null;
    const [changed] = await tx
      .update(deployments)
      .set({ location: next, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(deployments.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'deployment.location',
      recordType: 'deployment',
      recordId: id,
      changes: diff({ location: current.location }, { location: next }),
    });
    return changed!;
  });
}

// ---------------------------------------------------------------------------------------------
// Extensions

export interface ExtensionInput {
  newEnd: string;
  reason: string;
}

/** Ask for a later end of a tour under way; one request waits for a decision at a time. */
export async function extendDeployment(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  input: ExtensionInput,
) {
  return db.transaction(async (tx) => {
    const current = await lockedDeployment(tx, id, version);
    if (!canExtend(current.state))
      throw new AppError('extension_not_open', { state: current.state });
    if (!isExtension(current.plannedEnd, input.newEnd))
      throw invalid([
        {
          path: 'newEnd',
          code: 'deployment.extension_not_later',
          params: { plannedEnd: current.plannedEnd },
        },
      ]);
    const [pending] = await tx
      .select({ id: deploymentExtensions.id })
      .from(deploymentExtensions)
      .where(
        and(
          eq(deploymentExtensions.deploymentId, id),
          eq(deploymentExtensions.status, 'requested'),
        ),
      );
    if (pending) throw new AppError('extension_pending');
    const [extension] = await tx
      .insert(deploymentExtensions)
      .values({
        deploymentId: id,
        previousEnd: current.plannedEnd,
        newEnd: input.newEnd,
        reason: input.reason.trim(),
        requestedBy: ctx.actorId,
        requestedByRole: ctx.actorRole,
        requestedAt: ctx.now,
      })
      .returning();
    await bump(tx, ctx, current);
    await writeAudit(tx, ctx, {
      action: 'deployment.extension_requested',
      recordType: 'deployment',
      recordId: id,
      changes: {
        extensionId: [null, extension!.id],
        newEnd: [null, input.newEnd],
        reason: [null, input.reason.trim()],
      },
    });
    return extension!;
  });
}

export interface ExtensionDecision {
  approve: boolean;
  note?: string | undefined;
}

/**
 * Decide an extension request: never by the person who asked. An approval moves the planned end
 * in the same transaction, so the overlap constraint checks the longer tour against the officer's
 * other deployments (a clash: 409 deployment_overlap, and nothing changes).
 */
export async function decideExtension(
  db: Db,
  ctx: AuditContext,
  id: string,
  extensionId: string,
  version: number,
  input: ExtensionDecision,
) {
  return db.transaction(async (tx) => {
    const current = await lockedDeployment(tx, id, version);
    const [extension] = await tx
      .select()
      .from(deploymentExtensions)
      .where(eq(deploymentExtensions.id, extensionId))
      .for('update');
    if (!extension || extension.deploymentId !== id) throw new AppError('not_found');
    if (extension.status !== 'requested') throw new AppError('extension_decided');
    if (!ctx.actorId || extension.requestedBy === ctx.actorId) throw new AppError('own_request');
    const note = input.note?.trim() || null;
    let plannedEnd = current.plannedEnd;
    if (input.approve) {
      if (!canExtend(current.state))
        throw new AppError('extension_not_open', { state: current.state });
      if (!isExtension(current.plannedEnd, extension.newEnd))
        throw invalid([
          {
            path: 'newEnd',
            code: 'deployment.extension_not_later',
            params: { plannedEnd: current.plannedEnd },
          },
        ]);
      plannedEnd = extension.newEnd;
    }
    const status = input.approve ? 'approved' : 'declined';
    await tx
      .update(deploymentExtensions)
      .set({
        status,
        decidedBy: ctx.actorId,
        decidedByRole: ctx.actorRole,
        decidedAt: ctx.now,
        decisionNote: note,
      })
      .where(eq(deploymentExtensions.id, extensionId));
    await tx
      .update(deployments)
      .set({ plannedEnd, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(deployments.id, id));
    await writeAudit(tx, ctx, {
      action: `deployment.extension_${status}`,
      recordType: 'deployment',
      recordId: id,
      changes: {
        extensionId: [null, extensionId],
        ...diff({ plannedEnd: current.plannedEnd }, { plannedEnd }),
        ...(note ? { note: [null, note] } : {}),
      },
    });
    return { ...extension, status };
  });
}

// ---------------------------------------------------------------------------------------------
// Rotation

export interface SuccessorInput {
  officerId: string;
  plannedStart: string;
  plannedEnd: string;
  postId?: string | undefined;
}

/**
 * Name the officer who takes over the post: a new deployment (selected, same mission, the same
 * post unless another of the mission's is given) linked to this one. The overlap constraint keeps
 * the successor's own tours apart.
 */
export async function addSuccessor(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  input: SuccessorInput,
) {
  return db.transaction(async (tx) => {
    const current = await lockedDeployment(tx, id, version);
    if (!isOpen(current.state)) throw new AppError('deployment_ended', { state: current.state });
    const fields: FieldError[] = [];
    if (input.officerId === current.officerId)
      fields.push({ path: 'officerId', code: 'deployment.successor_self' });
    if (input.plannedStart <= current.plannedStart)
      fields.push({
        path: 'plannedStart',
        code: 'deployment.successor_start',
        params: { plannedStart: current.plannedStart },
      });
    if (input.plannedEnd <= input.plannedStart)
      fields.push({ path: 'plannedEnd', code: 'deployment.end_before_start' });
    const postId = input.postId ?? current.postId;
    if (input.postId) {
      const [post] = await tx
        .select({ missionId: posts.missionId })
        .from(posts)
        .where(eq(posts.id, input.postId));
      if (post?.missionId !== current.missionId)
        fields.push({ path: 'postId', code: 'deployment.post_of_other_mission' });
    }
    if (fields.length) throw invalid(fields);
    const [taken] = await tx
      .select({ id: deployments.id })
      .from(deployments)
      .where(eq(deployments.predecessorId, id));
    if (taken) throw new AppError('successor_exists');
    const [successor] = await tx
      .insert(deployments)
      .values({
        officerId: input.officerId,
        missionId: current.missionId,
        postId,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        location: current.location,
        predecessorId: id,
      })
      .returning();
    await bump(tx, ctx, current);
    await writeAudit(tx, ctx, {
      action: 'deployment.successor_added',
      recordType: 'deployment',
      recordId: id,
      changes: { successorId: [null, successor!.id] },
    });
    await writeAudit(tx, ctx, {
      action: 'deployment.created_as_successor',
      recordType: 'deployment',
      recordId: successor!.id,
      changes: diff(null, {
        predecessorId: id,
        officerId: successor!.officerId,
        missionId: successor!.missionId,
        postId: successor!.postId,
        plannedStart: successor!.plannedStart,
        plannedEnd: successor!.plannedEnd,
        state: successor!.state,
      }),
    });
    return successor!;
  });
}

// ---------------------------------------------------------------------------------------------
// Debrief

export interface DebriefInput {
  heldOn: string;
  notes: string;
  followUp?: string | null | undefined;
}

/** Record (or correct) the debrief of an officer coming home or home. */
export async function recordDebrief(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  input: DebriefInput,
  today: string,
) {
  return db.transaction(async (tx) => {
    const current = await lockedDeployment(tx, id, version);
    if (!canDebrief(current.state))
      throw new AppError('debrief_not_open', { state: current.state });
    if (input.heldOn > today)
      throw invalid([{ path: 'heldOn', code: 'deployment.held_in_future' }]);
    const [before] = await tx
      .select()
      .from(deploymentDebriefs)
      .where(eq(deploymentDebriefs.deploymentId, id));
    const values = {
      heldOn: input.heldOn,
      notes: input.notes.trim(),
      followUp: input.followUp?.trim() || null,
      recordedBy: ctx.actorId,
      recordedByRole: ctx.actorRole,
      recordedAt: ctx.now,
    };
    const [debrief] = await tx
      .insert(deploymentDebriefs)
      .values({ deploymentId: id, ...values })
      .onConflictDoUpdate({ target: deploymentDebriefs.deploymentId, set: values })
      .returning();
    await bump(tx, ctx, current);
    const shown = (d: typeof before) =>
      d ? { heldOn: d.heldOn, notes: d.notes, followUp: d.followUp } : null;
    await writeAudit(tx, ctx, {
      action: 'deployment.debrief',
      recordType: 'deployment',
      recordId: id,
      changes: diff(shown(before), shown(debrief)),
    });
    return debrief!;
  });
}

// ---------------------------------------------------------------------------------------------
// End-of-tour report

export const tourReportFields = [
  'achievements',
  'challenges',
  'recommendations',
  'welfare',
  'lessonsLearned',
  'summary',
] as const;
type TourReportField = (typeof tourReportFields)[number];
/** Submitting needs these; the others may stay empty. */
const requiredOnSubmit: readonly TourReportField[] = [
  'achievements',
  'challenges',
  'recommendations',
];

export type TourReportInput = Record<TourReportField, string> & { submit: boolean };

const reportColumns = {
  id: tourReports.id,
  status: tourReports.status,
  achievements: tourReports.achievements,
  challenges: tourReports.challenges,
  recommendations: tourReports.recommendations,
  welfare: tourReports.welfare,
  lessonsLearned: tourReports.lessonsLearned,
  summary: tourReports.summary,
  submittedAt: tourReports.submittedAt,
  version: tourReports.version,
  updatedAt: tourReports.updatedAt,
};

export async function findEndOfTourReport(db: Tx, deploymentId: string) {
  const [report] = await db
    .select(reportColumns)
    .from(tourReports)
    .where(eq(tourReports.deploymentId, deploymentId));
  return report ?? null;
}

/**
 * The officer's end-of-tour report: saved as a draft, then submitted (final). Written once the
 * officer has left theatre. `version` is the report's (0 when there is none yet). The audit
 * entry names the fields that changed, not what they say (the report speaks of welfare).
 */
export async function saveEndOfTourReport(
  db: Db,
  ctx: AuditContext,
  deploymentId: string,
  version: number,
  input: TourReportInput,
) {
  return db.transaction(async (tx) => {
    const [deployment] = await tx
      .select()
      .from(deployments)
      .where(eq(deployments.id, deploymentId))
      .for('update');
    if (!deployment) throw new AppError('not_found');
    const [before] = await tx
      .select()
      .from(tourReports)
      .where(eq(tourReports.deploymentId, deploymentId));
    assertVersion(before?.version ?? 0, version);
    if (!canWriteTourReport(deployment.state))
      throw new AppError('tour_report_not_open', { state: deployment.state });
    if (before?.status === 'submitted') throw new AppError('tour_report_submitted');
    const text = Object.fromEntries(tourReportFields.map((f) => [f, input[f].trim()])) as Record<
      TourReportField,
      string
    >;
    if (input.submit) {
      const empty = requiredOnSubmit.filter((f) => !text[f]);
      if (empty.length) throw invalid(empty.map((f) => ({ path: f, code: 'validation.required' })));
    }
    const status = input.submit ? ('submitted' as const) : ('draft' as const);
    const values = {
      ...text,
      status,
      submittedAt: input.submit ? ctx.now : null,
      updatedAt: ctx.now,
    };
    const [saved] = before
      ? await tx
          .update(tourReports)
          .set({ ...values, version: before.version + 1 })
          .where(eq(tourReports.id, before.id))
          .returning()
      : await tx
          .insert(tourReports)
          .values({
            ...values,
            deploymentId,
            missionId: deployment.missionId,
            officerId: deployment.officerId,
          })
          .returning();
    const changedFields = tourReportFields.filter((f) => (before?.[f] ?? '') !== text[f]);
    await writeAudit(tx, ctx, {
      action: input.submit ? 'deployment.tour_report_submitted' : 'deployment.tour_report_saved',
      recordType: 'tour_report',
      recordId: saved!.id,
      changes: {
        ...diff<{ status: string | null }>({ status: before?.status ?? null }, { status }),
        ...(changedFields.length ? { fields: [null, changedFields] } : {}),
      },
    });
    return saved!;
  });
}
