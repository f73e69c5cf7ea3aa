import { and, desc, eq } from 'drizzle-orm';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { users } from '../users/schema.ts';
import {
  agencies,
  missionLocations,
  missions,
  organizations,
  ranks,
  type agencyTypes,
  type organizationKinds,
} from './schema.ts';

/**
 * Administering the reference data: create and edit, never delete (a row other records name is
 * retired with `active: false`). Every edit names the version it was read at and writes an audit
 * entry with the fields before and after: the record's history.
 */

const omit = ['version', 'updatedAt', 'createdAt'];

export interface OrganizationInput {
  code: string;
  kind: (typeof organizationKinds)[number];
  nameEn: string;
  nameFr: string;
}
type OrganizationChanges = Partial<Omit<OrganizationInput, 'code'> & { active: boolean }>;

export async function createOrganization(db: Db, ctx: AuditContext, input: OrganizationInput) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ code: organizations.code })
      .from(organizations)
      .where(eq(organizations.code, input.code));
    if (taken) throw new AppError('conflict', { detail: 'code' });
    const [created] = await tx.insert(organizations).values(input).returning();
    await writeAudit(tx, ctx, {
      action: 'organization.create',
      recordType: 'organization',
      recordId: created!.code,
      changes: diff(null, created!, omit),
    });
    return created!;
  });
}

export async function updateOrganization(
  db: Db,
  ctx: AuditContext,
  code: string,
  version: number,
  changes: OrganizationChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.code, code))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [updated] = await tx
      .update(organizations)
      .set({ ...changes, version: current.version + 1 })
      .where(eq(organizations.code, code))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'organization.update',
      recordType: 'organization',
      recordId: code,
      changes: diff(current, updated!, omit),
    });
    return updated!;
  });
}

export interface RankInput {
  code: string;
  /** Place on the common scale: higher is more senior ("rank and above" filters compare it). */
  ordinal: number;
  nameEn: string;
  nameFr: string;
}
type RankChanges = Partial<Omit<RankInput, 'code'> & { active: boolean }>;

async function assertOrdinalFree(tx: Db, ordinal: number, code: string | null) {
  const [taken] = await tx
    .select({ code: ranks.code })
    .from(ranks)
    .where(eq(ranks.ordinal, ordinal));
  if (taken && taken.code !== code)
    throw new AppError('conflict', { detail: 'ordinal' }, [
      { path: 'ordinal', code: 'reference.ordinal_taken' },
    ]);
}

export async function createRank(db: Db, ctx: AuditContext, input: RankInput) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ code: ranks.code })
      .from(ranks)
      .where(eq(ranks.code, input.code));
    if (taken) throw new AppError('conflict', { detail: 'code' });
    await assertOrdinalFree(tx, input.ordinal, null);
    const [created] = await tx.insert(ranks).values(input).returning();
    await writeAudit(tx, ctx, {
      action: 'rank.create',
      recordType: 'rank',
      recordId: created!.code,
      changes: diff(null, created!, omit),
    });
    return created!;
  });
}

export async function updateRank(
  db: Db,
  ctx: AuditContext,
  code: string,
  version: number,
  changes: RankChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(ranks).where(eq(ranks.code, code)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    if (changes.ordinal !== undefined) await assertOrdinalFree(tx, changes.ordinal, code);
    const [updated] = await tx
      .update(ranks)
      .set({ ...changes, version: current.version + 1 })
      .where(eq(ranks.code, code))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'rank.update',
      recordType: 'rank',
      recordId: code,
      changes: diff(current, updated!, omit),
    });
    return updated!;
  });
}

export interface AgencyInput {
  code: string;
  nameEn: string;
  nameFr: string;
  type: (typeof agencyTypes)[number];
  province?: string | null | undefined;
  agreementStatus?: 'active' | 'inactive' | 'pending' | undefined;
}

export async function createAgency(db: Db, ctx: AuditContext, input: AgencyInput) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.code, input.code));
    if (taken) throw new AppError('conflict', { detail: 'code' });
    const [created] = await tx
      .insert(agencies)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'agency.create',
      recordType: 'agency',
      recordId: created!.id,
      changes: diff(null, created!, [...omit, 'id']),
    });
    return created!;
  });
}

export interface LocationInput {
  missionId: string;
  nameEn: string;
  nameFr: string;
  latitude?: string | null | undefined;
  longitude?: string | null | undefined;
}
type LocationChanges = Partial<Omit<LocationInput, 'missionId'> & { active: boolean }>;

export const listLocations = (db: Db) =>
  db
    .select({
      id: missionLocations.id,
      missionId: missionLocations.missionId,
      missionCode: missions.code,
      nameEn: missionLocations.nameEn,
      nameFr: missionLocations.nameFr,
      latitude: missionLocations.latitude,
      longitude: missionLocations.longitude,
      version: missionLocations.version,
      active: missionLocations.active,
    })
    .from(missionLocations)
    .innerJoin(missions, eq(missions.id, missionLocations.missionId))
    .orderBy(missions.code, missionLocations.nameEn);

export async function createLocation(db: Db, ctx: AuditContext, input: LocationInput) {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(missionLocations).values(input).returning();
    await writeAudit(tx, ctx, {
      action: 'mission_location.create',
      recordType: 'mission_location',
      recordId: created!.id,
      changes: diff(null, created!, [...omit, 'id']),
    });
    return created!;
  });
}

export async function updateLocation(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: LocationChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(missionLocations)
      .where(eq(missionLocations.id, id))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [updated] = await tx
      .update(missionLocations)
      .set({ ...changes, version: current.version + 1 })
      .where(eq(missionLocations.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'mission_location.update',
      recordType: 'mission_location',
      recordId: id,
      changes: diff(current, updated!, omit),
    });
    return updated!;
  });
}

/** The kinds of reference data administered, and the record type of their audit entries. */
export const referenceKinds = {
  agencies: 'agency',
  missions: 'mission',
  'mission-locations': 'mission_location',
  organizations: 'organization',
  courses: 'course',
  ranks: 'rank',
} as const;
export type ReferenceKind = keyof typeof referenceKinds;

/** A record's history: its audit entries (successful changes), newest first, with who made them. */
export async function recordHistory(db: Db, kind: ReferenceKind, id: string) {
  const rows = await db
    .select({
      seq: auditEntries.seq,
      at: auditEntries.at,
      action: auditEntries.action,
      actorId: auditEntries.actorId,
      actorName: users.displayName,
      changes: auditEntries.changes,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorId))
    .where(
      and(
        eq(auditEntries.recordType, referenceKinds[kind]),
        eq(auditEntries.recordId, id),
        eq(auditEntries.outcome, 'ok'),
      ),
    )
    .orderBy(desc(auditEntries.seq));
  return rows.map((r) => ({
    ...r,
    changes: r.changes as Record<string, [unknown, unknown]> | null,
  }));
}
