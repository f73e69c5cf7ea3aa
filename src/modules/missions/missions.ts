import { and, asc, count, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Page } from '../../kernel/http/paging.ts';
import { missionLocations, missions, riskLevels } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import { assertMissionMove, type MissionStatus } from './rules.ts';

export type Mission = typeof missions.$inferSelect;

export interface NewMission {
  code?: string | null;
  acronym: string;
  nameEn: string;
  nameFr: string;
  organizationCode: string;
  hostCountryCode: string;
  startDate: string;
  endDate?: string | null;
  workingLanguage: 'en' | 'fr';
  riskLevel?: (typeof riskLevels)[number];
  armed?: boolean;
  headquarters?: string | null;
  locations?: Array<{
    nameEn: string;
    nameFr: string;
    latitude?: string | null;
    longitude?: string | null;
  }>;
}

/** Register a new mission (from a request, or directly by a program officer). It starts planned. */
export async function createMission(
  tx: Tx,
  ctx: AuditContext,
  input: NewMission,
): Promise<Mission> {
  const code = (input.code ?? input.acronym).trim().toUpperCase().replace(/\s+/g, '-');
  const [taken] = await tx
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, code));
  if (taken) throw new AppError('conflict', { detail: code });
  const { locations = [], ...fields } = input;
  const [created] = await tx
    .insert(missions)
    .values({ ...fields, code, status: 'planned', createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  if (locations.length)
    await tx
      .insert(missionLocations)
      .values(locations.map((l) => ({ ...l, missionId: created.id })));
  await writeAudit(tx, ctx, {
    action: 'mission.create',
    recordType: 'mission',
    recordId: created.id,
    changes: diff(null, { ...fields, code, locations: locations.map((l) => l.nameEn) }),
  });
  return created;
}

export type MissionChanges = Partial<
  Pick<
    Mission,
    | 'nameEn'
    | 'nameFr'
    | 'acronym'
    | 'startDate'
    | 'endDate'
    | 'status'
    | 'workingLanguage'
    | 'riskLevel'
    | 'armed'
    | 'headquarters'
  >
>;

/** Edit a mission; a status change must follow the life cycle. */
export async function updateMission(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: MissionChanges,
): Promise<Mission> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(missions).where(eq(missions.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    if (changes.status) assertMissionMove(current.status as MissionStatus, changes.status);
    const start = changes.startDate ?? current.startDate;
    const end = changes.endDate === undefined ? current.endDate : changes.endDate;
    if (end && end < start)
      throw new AppError('validation_failed', {}, [
        { path: 'endDate', code: 'plan.period_end_before_start' },
      ]);
    const [updated] = await tx
      .update(missions)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(missions.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action:
        changes.status && changes.status !== current.status ? 'mission.status' : 'mission.update',
      recordType: 'mission',
      recordId: id,
      changes: diff(current, updated!, ['version', 'updatedAt']),
    });
    return updated!;
  });
}

export interface MissionFilters {
  q?: string | undefined;
  organization?: string | undefined;
  country?: string | undefined;
  status?: MissionStatus | undefined;
  /** Missions running at some point on or after this date. */
  from?: string | undefined;
  /** Missions started on or before this date. */
  to?: string | undefined;
}

export async function listMissions(
  db: Db,
  filters: MissionFilters,
  paging: { page: number; pageSize: number },
  only?: { missionId: string },
): Promise<Page<Mission>> {
  const where: SQL[] = [];
  if (only) where.push(eq(missions.id, only.missionId));
  if (filters.q) {
    const like = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(missions.acronym, like),
        ilike(missions.nameEn, like),
        ilike(missions.nameFr, like),
      )!,
    );
  }
  if (filters.organization) where.push(eq(missions.organizationCode, filters.organization));
  if (filters.country) where.push(eq(missions.hostCountryCode, filters.country));
  if (filters.status) where.push(eq(missions.status, filters.status));
  if (filters.from)
    where.push(or(sql`${missions.endDate} is null`, gte(missions.endDate, filters.from))!);
  if (filters.to) where.push(lte(missions.startDate, filters.to));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(missions).where(condition);
  const items = await db
    .select()
    .from(missions)
    .where(condition)
    .orderBy(asc(missions.startDate), asc(missions.code))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return { items, total: total?.n ?? 0, ...paging };
}

export async function findMission(db: Db, id: string) {
  const [row] = await db.select().from(missions).where(eq(missions.id, id));
  if (!row) return null;
  const locations = await db
    .select({
      id: missionLocations.id,
      nameEn: missionLocations.nameEn,
      nameFr: missionLocations.nameFr,
      latitude: missionLocations.latitude,
      longitude: missionLocations.longitude,
    })
    .from(missionLocations)
    .where(eq(missionLocations.missionId, id))
    .orderBy(asc(missionLocations.nameEn));
  // The contingent commander: the account scoped to lead this mission's Canadian officers.
  const commanders = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.missionId, id),
        eq(users.role, 'contingent_commander'),
        sql`${users.disabledAt} is null`,
      ),
    );
  return { ...row, locations, commanders };
}
