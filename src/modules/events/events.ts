import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { bulkInsert } from '../../kernel/db/bulk.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordMoves } from '../deployments/deployments.ts';
import { deployments, type DeploymentState } from '../deployments/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { canEnd, refusalToDeclare, situationOf, type Situation } from './rules.ts';
import {
  missionEventEffects,
  missionEvents,
  type EvacuationDestination,
  type MissionEventKind,
} from './schema.ts';

/** The events of a mission still in force. */
export async function activeEvents(db: Tx, missionId: string) {
  return db
    .select()
    .from(missionEvents)
    .where(
      and(
        eq(missionEvents.missionId, missionId),
        isNull(missionEvents.endedAt),
        sql`${missionEvents.kind} <> 'return_to_theatre'`,
      ),
    )
    .orderBy(asc(missionEvents.startedAt));
}

export async function situationOfMission(db: Tx, missionId: string): Promise<Situation> {
  return situationOf(await activeEvents(db, missionId));
}

export interface DeclareInput {
  kind: MissionEventKind;
  instructionsEn: string;
  instructionsFr: string;
  destination?: EvacuationDestination | undefined;
}

const reasonOf: Record<MissionEventKind, string> = {
  lockdown: 'lockdown',
  evacuation: 'evacuation',
  return_to_theatre: 'return to theatre',
  suspension: 'suspension',
};

/**
 * Declare a mission-wide event, in one transaction: the event, its effect on each deployment of
 * the contingent (an evacuation moves every officer in theatre to remote work or repatriation; a
 * return to theatre brings back those the evacuation sent to remote work), each move recorded
 * and audited, and the roll-call opened (everyone it concerns, not yet accounted for). Events of
 * one mission are serialised by a lock on the mission's row.
 */
export async function declareMissionEvent(
  db: Db,
  ctx: AuditContext,
  missionId: string,
  input: DeclareInput,
) {
  const today = isoDateOf(ctx.now);
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .select({ id: missions.id, status: missions.status, version: missions.version })
      .from(missions)
      .where(eq(missions.id, missionId))
      .for('update');
    if (!mission) throw new AppError('not_found');
    const active = await activeEvents(tx, missionId);
    const refusal = refusalToDeclare(input.kind, situationOf(active));
    if (refusal) throw new AppError(refusal, { kind: input.kind });
    if (input.kind === 'evacuation' && !input.destination)
      throw new AppError('validation_failed', {}, [
        { path: 'destination', code: 'validation.required' },
      ]);
    const evacuation = active.find((e) => e.kind === 'evacuation');
    const [event] = await tx
      .insert(missionEvents)
      .values({
        missionId,
        kind: input.kind,
        destination: input.kind === 'evacuation' ? input.destination! : null,
        instructionsEn: input.instructionsEn,
        instructionsFr: input.instructionsFr,
        startedAt: ctx.now,
        startedBy: ctx.actorId,
        startedByRole: ctx.actorRole,
        reversesId: input.kind === 'return_to_theatre' ? evacuation!.id : null,
      })
      .returning();

    // Who the event concerns, and where each goes.
    let concerned: Array<typeof deployments.$inferSelect> = [];
    let to: (from: DeploymentState) => DeploymentState = (from) => from;
    if (input.kind === 'lockdown' || input.kind === 'evacuation') {
      concerned = await tx
        .select()
        .from(deployments)
        .where(and(eq(deployments.missionId, missionId), eq(deployments.state, 'in_theatre')))
        .orderBy(asc(deployments.id))
        .for('update');
      if (input.kind === 'evacuation') to = () => input.destination!;
    }
    if (input.kind === 'return_to_theatre') {
      // Those the evacuation sent to remote work and still there; the repatriated stay home.
      concerned = await tx
        .select(getTableColumns(deployments))
        .from(deployments)
        .innerJoin(
          missionEventEffects,
          and(
            eq(missionEventEffects.deploymentId, deployments.id),
            eq(missionEventEffects.eventId, evacuation!.id),
          ),
        )
        .where(and(eq(deployments.state, 'remote'), eq(missionEventEffects.toState, 'remote')))
        .orderBy(asc(deployments.id))
        .for('update', { of: deployments });
      to = () => 'in_theatre';
      await tx
        .update(missionEvents)
        .set({ endedAt: ctx.now, endedBy: ctx.actorId })
        .where(eq(missionEvents.id, evacuation!.id));
    }
    if (input.kind === 'suspension') {
      await tx
        .update(missions)
        .set({ status: 'suspended', version: mission.version + 1, updatedAt: ctx.now })
        .where(eq(missions.id, missionId));
    }

    const moved = concerned.filter((d) => to(d.state) !== d.state);
    await recordMoves(
      tx,
      ctx,
      moved.map((current) => ({
        current,
        to: to(current.state),
        reason: reasonOf[input.kind],
        changes: { event: [null, event!.id] },
      })),
      today,
    );
    await bulkInsert(
      tx,
      missionEventEffects,
      concerned.map((d) => ({
        eventId: event!.id,
        deploymentId: d.id,
        fromState: d.state,
        toState: to(d.state),
      })),
    );
    await writeAudit(tx, ctx, {
      action: `mission_event.${input.kind}`,
      recordType: 'mission_event',
      recordId: event!.id,
      changes: {
        missionId: [null, missionId],
        kind: [null, input.kind],
        ...(event!.destination ? { destination: [null, event!.destination] } : {}),
        concerned: [null, concerned.length],
        ...(input.kind === 'suspension' ? { missionStatus: [mission.status, 'suspended'] } : {}),
      },
    });
    return { ...event!, concerned: concerned.length, moved: moved.length };
  });
}

/** Lift a lockdown or a suspension (an evacuation ends with the return to theatre). */
export async function endMissionEvent(db: Db, ctx: AuditContext, eventId: string) {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select()
      .from(missionEvents)
      .where(eq(missionEvents.id, eventId))
      .for('update');
    if (!event) throw new AppError('not_found');
    if (event.endedAt || !canEnd(event.kind))
      throw new AppError('invalid_transition', { from: event.kind, to: 'ended' });
    const [ended] = await tx
      .update(missionEvents)
      .set({ endedAt: ctx.now, endedBy: ctx.actorId })
      .where(eq(missionEvents.id, eventId))
      .returning();
    if (event.kind === 'suspension') {
      await tx
        .update(missions)
        .set({
          status: 'active',
          version: sql`${missions.version} + 1`,
          updatedAt: ctx.now,
        })
        .where(and(eq(missions.id, event.missionId), eq(missions.status, 'suspended')));
    }
    await writeAudit(tx, ctx, {
      action: `mission_event.${event.kind}_ended`,
      recordType: 'mission_event',
      recordId: eventId,
      changes: { endedAt: [null, ctx.now.toISOString()] },
    });
    return ended!;
  });
}

/** The events of a mission, newest first. */
export async function listMissionEvents(db: Db, missionId: string) {
  return db
    .select()
    .from(missionEvents)
    .where(eq(missionEvents.missionId, missionId))
    .orderBy(desc(missionEvents.startedAt));
}

/** One event with its roll-call: each officer it concerned, where they went, accounted for or not. */
export async function findMissionEvent(db: Tx, eventId: string) {
  const [event] = await db.select().from(missionEvents).where(eq(missionEvents.id, eventId));
  if (!event) return null;
  const rollCall = await db
    .select({
      deploymentId: missionEventEffects.deploymentId,
      fromState: missionEventEffects.fromState,
      toState: missionEventEffects.toState,
      accountedAt: missionEventEffects.accountedAt,
      accountedHow: missionEventEffects.accountedHow,
      note: missionEventEffects.note,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
      },
      state: deployments.state,
      location: deployments.location,
    })
    .from(missionEventEffects)
    .innerJoin(deployments, eq(deployments.id, missionEventEffects.deploymentId))
    .innerJoin(officers, eq(officers.id, deployments.officerId))
    .where(eq(missionEventEffects.eventId, eventId))
    .orderBy(
      sql`${missionEventEffects.accountedAt} is not null`,
      asc(officers.familyName),
      asc(officers.givenName),
    );
  const accounted = rollCall.filter((r) => r.accountedAt).length;
  return {
    ...event,
    rollCall,
    summary: { concerned: rollCall.length, accounted, missing: rollCall.length - accounted },
  };
}

/** A commander or program officer who reached an officer marks them accounted for. */
export async function markAccountedFor(
  db: Db,
  ctx: AuditContext,
  eventId: string,
  deploymentId: string,
  note: string | undefined,
) {
  return db.transaction(async (tx) => {
    const [effect] = await tx
      .update(missionEventEffects)
      .set({
        accountedAt: ctx.now,
        accountedBy: ctx.actorId,
        accountedHow: 'marked',
        note: note?.trim() || null,
      })
      .where(
        and(
          eq(missionEventEffects.eventId, eventId),
          eq(missionEventEffects.deploymentId, deploymentId),
          isNull(missionEventEffects.accountedAt),
        ),
      )
      .returning();
    if (!effect) {
      const [exists] = await tx
        .select({ at: missionEventEffects.accountedAt })
        .from(missionEventEffects)
        .where(
          and(
            eq(missionEventEffects.eventId, eventId),
            eq(missionEventEffects.deploymentId, deploymentId),
          ),
        );
      if (!exists) throw new AppError('not_found');
      return; // already accounted for: nothing to change
    }
    await writeAudit(tx, ctx, {
      action: 'mission_event.accounted_for',
      recordType: 'mission_event',
      recordId: eventId,
      changes: { deploymentId: [null, deploymentId], accountedHow: [null, 'marked'] },
    });
  });
}

/**
 * A check-in accounts for the officer in the roll-call of every event in force on their mission
 * that concerned them (called inside the check-in's transaction).
 */
export async function accountByCheckIn(tx: Tx, deploymentId: string, at: Date, by: string | null) {
  const open = tx
    .select({ id: missionEvents.id })
    .from(missionEvents)
    .where(isNull(missionEvents.endedAt));
  await tx
    .update(missionEventEffects)
    .set({ accountedAt: at, accountedBy: by, accountedHow: 'check_in' })
    .where(
      and(
        eq(missionEventEffects.deploymentId, deploymentId),
        isNull(missionEventEffects.accountedAt),
        inArray(missionEventEffects.eventId, open),
      ),
    );
}
