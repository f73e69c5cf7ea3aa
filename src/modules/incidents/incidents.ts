import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { deployments } from '../deployments/schema.ts';
import { contingentStates } from '../notices/notices.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import { canMoveIncident, maskedChanges, nextStatuses } from './rules.ts';
import {
  incidentOfficers,
  incidents,
  type IncidentSeverity,
  type IncidentStatus,
  type IncidentType,
} from './schema.ts';

export interface IncidentInput {
  missionId: string;
  type: IncidentType;
  severity: IncidentSeverity;
  occurredOn: string;
  place: string;
  officerIds: string[];
  narrative: string;
  actions?: string | undefined;
}

export type IncidentChanges = Partial<Omit<IncidentInput, 'missionId'>> & {
  status?: IncidentStatus | undefined;
};

/**
 * The officers involved must have been deployed (any deployment, in any state) on the incident's
 * mission: an unknown officer, or one never deployed there, is refused field by field.
 */
async function assertDeployedOn(tx: Tx, missionId: string, officerIds: string[]) {
  if (!officerIds.length) return;
  const found = await tx
    .selectDistinct({ officerId: deployments.officerId })
    .from(deployments)
    .where(and(eq(deployments.missionId, missionId), inArray(deployments.officerId, officerIds)));
  const deployed = new Set(found.map((f) => f.officerId));
  const fields = officerIds.flatMap((id, i) =>
    deployed.has(id) ? [] : [{ path: `officerIds.${i}`, code: 'incident.officer_not_deployed' }],
  );
  if (fields.length) throw new AppError('validation_failed', {}, fields);
}

const unique = (ids: string[]) => [...new Set(ids)];

/** Something that happened cannot have happened after today. */
function assertNotFuture(ctx: AuditContext, occurredOn: string | undefined) {
  if (occurredOn !== undefined && occurredOn > isoDateOf(ctx.now))
    throw new AppError('validation_failed', {}, [
      { path: 'occurredOn', code: 'validation.not_in_future' },
    ]);
}

/** Record an incident; the reporter is the acting user. */
export async function createIncident(db: Db, ctx: AuditContext, input: IncidentInput) {
  assertNotFuture(ctx, input.occurredOn);
  const officerIds = unique(input.officerIds);
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .select({ id: missions.id })
      .from(missions)
      .where(eq(missions.id, input.missionId));
    if (!mission)
      throw new AppError('unknown_reference', { field: 'missionId', value: input.missionId });
    await assertDeployedOn(tx, input.missionId, officerIds);
    const values = {
      missionId: input.missionId,
      type: input.type,
      severity: input.severity,
      occurredOn: input.occurredOn,
      place: input.place,
      narrative: input.narrative,
      actions: input.actions ?? '',
    };
    const [created] = await tx
      .insert(incidents)
      .values({ ...values, reportedBy: ctx.actorId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (officerIds.length)
      await tx
        .insert(incidentOfficers)
        .values(officerIds.map((officerId) => ({ incidentId: created!.id, officerId })));
    await writeAudit(tx, ctx, {
      action: 'incident.create',
      recordType: 'incident',
      recordId: created!.id,
      changes: maskedChanges(diff(null, { ...values, status: created!.status, officerIds })),
    });
    return created!;
  });
}

/**
 * Edit an incident or move its status. A closed incident is reopened (to under review) before
 * anything else about it changes.
 */
export async function updateIncident(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: IncidentChanges,
) {
  assertNotFuture(ctx, changes.occurredOn);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const { officerIds: wanted, status, ...fields } = changes;
    const to = status ?? current.status;
    if (!canMoveIncident(current.status, to))
      throw new AppError('invalid_transition', { from: current.status, to });
    const editing = Object.keys(fields).length > 0 || wanted !== undefined;
    if (editing && current.status === 'closed' && to === 'closed')
      throw new AppError('incident_closed');
    const before = (
      await tx
        .select({ officerId: incidentOfficers.officerId })
        .from(incidentOfficers)
        .where(eq(incidentOfficers.incidentId, id))
    )
      .map((r) => r.officerId)
      .sort();
    const officerIds = wanted === undefined ? before : unique(wanted).sort();
    if (wanted !== undefined) {
      await assertDeployedOn(tx, current.missionId, officerIds);
      await tx.delete(incidentOfficers).where(eq(incidentOfficers.incidentId, id));
      if (officerIds.length)
        await tx
          .insert(incidentOfficers)
          .values(officerIds.map((officerId) => ({ incidentId: id, officerId })));
    }
    const closedAt =
      to === 'closed' ? (current.status === 'closed' ? current.closedAt : ctx.now) : null;
    const [updated] = await tx
      .update(incidents)
      .set({ ...fields, status: to, closedAt, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(incidents.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'incident.update',
      recordType: 'incident',
      recordId: id,
      changes: maskedChanges({
        ...diff(current, updated!, ['version', 'updatedAt', 'createdAt']),
        ...diff({ officerIds: before }, { officerIds }),
      }),
    });
    return updated!;
  });
}

/**
 * The officers an incident of this mission may name: those deployed on it (any deployment), each
 * with the state of their latest deployment there, those serving now first.
 */
export async function officersOfMission(db: Db, missionId: string) {
  const rows = await db
    .select({
      id: officers.id,
      givenName: officers.givenName,
      familyName: officers.familyName,
      state: deployments.state,
      plannedStart: deployments.plannedStart,
    })
    .from(deployments)
    .innerJoin(officers, eq(officers.id, deployments.officerId))
    .where(eq(deployments.missionId, missionId))
    .orderBy(asc(officers.familyName), asc(officers.givenName), desc(deployments.plannedStart));
  const latest = rows.filter((r, i) => i === 0 || rows[i - 1]!.id !== r.id);
  return latest.map(({ plannedStart: _start, ...r }) => ({
    ...r,
    serving: (contingentStates as readonly string[]).includes(r.state),
  }));
}

/** Incidents are sensitive: every read of one is in the audit log (who, when; not what). */
export async function auditIncidentRead(db: Db, ctx: AuditContext, id: string) {
  await db.transaction((tx) =>
    writeAudit(tx, ctx, { action: 'incident.read', recordType: 'incident', recordId: id }),
  );
}

const missionColumns = {
  id: missions.id,
  acronym: missions.acronym,
  nameEn: missions.nameEn,
  nameFr: missions.nameFr,
};

/** One incident with its mission, reporter and the officers involved (all of them: see `shownTo`). */
export async function findIncident(db: Tx, id: string) {
  const [row] = await db
    .select({ incident: incidents, mission: missionColumns, reportedByName: users.displayName })
    .from(incidents)
    .innerJoin(missions, eq(missions.id, incidents.missionId))
    .leftJoin(users, eq(users.id, incidents.reportedBy))
    .where(eq(incidents.id, id));
  if (!row) return null;
  const involved = await db
    .select({
      id: officers.id,
      givenName: officers.givenName,
      familyName: officers.familyName,
      userId: officers.userId,
    })
    .from(incidentOfficers)
    .innerJoin(officers, eq(officers.id, incidentOfficers.officerId))
    .where(eq(incidentOfficers.incidentId, id))
    .orderBy(asc(officers.familyName), asc(officers.givenName));
  return {
    ...row.incident,
    mission: row.mission,
    reportedByName: row.reportedByName,
    officers: involved,
    nextStatuses: nextStatuses(row.incident.status),
  };
}

export type FoundIncident = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

/**
 * The incident as this reader may see it: an officer involved sees their own part only (not
 * who else was involved, nor who reported it).
 */
export function shownTo(reader: { id: string; role: string }, incident: FoundIncident) {
  const { officers: involved, ...rest } = incident;
  const mine = reader.role === 'officer';
  return {
    ...rest,
    reportedByName: mine ? null : rest.reportedByName,
    nextStatuses: mine ? [] : rest.nextStatuses,
    officers: (mine ? involved.filter((o) => o.userId === reader.id) : involved).map(
      ({ userId: _userId, ...o }) => o,
    ),
  };
}

/**
 * Incidents, latest first, without their narrative (open one to read it: that read is audited).
 * `only` narrows them to what the reader may reach: a commander's mission, an officer's own.
 */
export async function listIncidents(
  db: Db,
  filters: { missionId?: string | undefined; status?: IncidentStatus | undefined },
  paging: { page: number; pageSize: number },
  only?: { missionId: string } | { userId: string },
) {
  const where: SQL[] = [];
  if (only && 'missionId' in only) where.push(eq(incidents.missionId, only.missionId));
  if (only && 'userId' in only)
    where.push(
      sql`exists (select 1 from ${incidentOfficers} io join ${officers} o on o.id = io.officer_id where io.incident_id = ${incidents.id} and o.user_id = ${only.userId})`,
    );
  if (filters.missionId) where.push(eq(incidents.missionId, filters.missionId));
  if (filters.status) where.push(eq(incidents.status, filters.status));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(incidents).where(condition);
  const rows = await db
    .select({
      id: incidents.id,
      missionId: incidents.missionId,
      mission: missionColumns,
      type: incidents.type,
      severity: incidents.severity,
      occurredOn: incidents.occurredOn,
      place: incidents.place,
      status: incidents.status,
      version: incidents.version,
      createdAt: incidents.createdAt,
      updatedAt: incidents.updatedAt,
    })
    .from(incidents)
    .innerJoin(missions, eq(missions.id, incidents.missionId))
    .where(condition)
    .orderBy(desc(incidents.occurredOn), desc(incidents.createdAt))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return { items: rows, total: total?.n ?? 0, ...paging };
}
