import { and, asc, count, eq, exists, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { agencies, ranks } from '../reference/schema.ts';
import { defaultExpiryOf, foldName, passedOf, validityOf, yearsOfService } from './rules.ts';
import {
  officerContacts,
  officers,
  priorMissions,
  qualifications,
  type Gender,
  type QualificationKind,
} from './schema.ts';

export type Officer = typeof officers.$inferSelect;

export interface OfficerInput {
  agencyId: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  dateOfBirth?: string | null;
  rankCode: string;
  agencyRankTitle?: string | null;
  serviceStart: string;
  email?: string | null;
  phone?: string | null;
  preferredLanguage?: 'en' | 'fr';
}

/** Personal data is audited as "changed", never with its values. */
const personal = ['dateOfBirth', 'email', 'phone'] as const;
function masked(changes: Record<string, [unknown, unknown]>) {
  for (const key of personal) if (changes[key]) changes[key] = ['(changed)', '(changed)'];
  return changes;
}

async function assertBadgeFree(tx: Tx, agencyId: string, badgeNumber: string, except?: string) {
  const [taken] = await tx
    .select({ id: officers.id })
    .from(officers)
    .where(and(eq(officers.agencyId, agencyId), eq(officers.badgeNumber, badgeNumber)));
  if (taken && taken.id !== except)
    throw new AppError('conflict', { detail: badgeNumber }, [
      { path: 'badgeNumber', code: 'officer.badge_taken' },
    ]);
}

/** Register an officer of an agency (the agency's coordinator, or a program officer). */
export async function addOfficer(db: Db, ctx: AuditContext, input: OfficerInput) {
  return db.transaction(async (tx) => {
    await assertBadgeFree(tx, input.agencyId, input.badgeNumber);
    const [created] = await tx
      .insert(officers)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'officer.create',
      recordType: 'officer',
      recordId: created!.id,
      changes: masked(diff(null, { ...input })),
    });
    return created!;
  });
}

/** Correct an officer's identity or service data. */
export async function updateOfficer(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: Partial<OfficerInput>,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(officers).where(eq(officers.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const next = { ...current, ...changes };
    if (changes.badgeNumber || changes.agencyId)
      await assertBadgeFree(tx, next.agencyId, next.badgeNumber, id);
    const [updated] = await tx
      .update(officers)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(officers.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'officer.update',
      recordType: 'officer',
      recordId: id,
      changes: masked(diff(current, updated!, ['version', 'updatedAt'])),
    });
    return updated!;
  });
}

export interface ContactInput {
  name: string;
  relationship: string;
  phone: string;
  email?: string | null;
  nextOfKin?: boolean;
}

/** Self-service: an officer corrects their contact details and emergency contacts. */
export async function updateContacts(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  input: { email?: string | null; phone?: string | null; contacts: ContactInput[] },
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(officers).where(eq(officers.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [updated] = await tx
      .update(officers)
      .set({
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        version: current.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(officers.id, id))
      .returning();
    await tx.delete(officerContacts).where(eq(officerContacts.officerId, id));
    if (input.contacts.length)
      await tx.insert(officerContacts).values(
        input.contacts.map((c, position) => ({
          officerId: id,
          name: c.name,
          relationship: c.relationship,
          phone: c.phone,
          email: c.email ?? null,
          nextOfKin: c.nextOfKin ?? false,
          position,
        })),
      );
    await writeAudit(tx, ctx, {
      action: 'officer.contacts',
      recordType: 'officer',
      recordId: id,
      changes: {
        ...masked(diff(current, updated!, ['version', 'updatedAt'])),
        contacts: ['(changed)', `${input.contacts.length} contact(s)`],
      },
    });
    return updated!;
  });
}

export interface OfficerFilters {
  q?: string | undefined;
  agencyId?: string | undefined;
  rank?: string | undefined;
  gender?: Gender | undefined;
  /** Holds a language result at or above `minScore` (default the UN pass mark). */
  language?: string | undefined;
  minScore?: number | undefined;
  specialisation?: string | undefined;
  /** Holds a valid qualification of this kind on `validOn` (default today). */
  qualification?: QualificationKind | undefined;
  validOn?: string | undefined;
}

const qualificationHeld = (condition: SQL) =>
  exists(
    sql`(select 1 from ${qualifications} where ${qualifications.officerId} = ${officers.id} and ${condition})`,
  );

export const officerListColumns = {
  id: officers.id,
  agencyId: officers.agencyId,
  agencyCode: agencies.code,
  badgeNumber: officers.badgeNumber,
  givenName: officers.givenName,
  familyName: officers.familyName,
  gender: officers.gender,
  rankCode: officers.rankCode,
  rankOrdinal: ranks.ordinal,
  serviceStart: officers.serviceStart,
  version: officers.version,
};

/** Officers matching the filters, by name; a coordinator's list is their agency's only. */
export async function listOfficers(
  db: Db,
  filters: OfficerFilters,
  paging: { page: number; pageSize: number },
  today: string,
  only?: { agencyId: string },
) {
  const where: SQL[] = [];
  if (only) where.push(eq(officers.agencyId, only.agencyId));
  if (filters.agencyId) where.push(eq(officers.agencyId, filters.agencyId));
  if (filters.q) {
    // A prefix of the family or given name ("trem" finds Tremblay), "given family" prefixes
    // ("marie trem"), or an exact badge number; case and accents do not count ("gelinas" finds
    // Gélinas: fold_name, migration 0007), and the prefix indexes answer it at any size.
    const words = foldName(filters.q)
      .replace(/[%_\\]/g, (c) => `\\${c}`)
      .split(/\s+/);
    const prefix = (column: typeof officers.familyName | typeof officers.givenName, word: string) =>
      sql`fold_name(${column}) like ${`${word}%`}`;
    where.push(
      words.length > 1
        ? and(
            prefix(officers.givenName, words[0]!),
            prefix(officers.familyName, words.slice(1).join(' ')),
          )!
        : or(
            prefix(officers.familyName, words[0]!),
            prefix(officers.givenName, words[0]!),
            eq(officers.badgeNumber, filters.q),
          )!,
    );
  }
  if (filters.rank) {
    // "Sergeant" means sergeant or above on the common scale.
    where.push(
      gte(
        ranks.ordinal,
        sql`(select ${ranks.ordinal} from ${ranks} where ${ranks.code} = ${filters.rank})`,
      ),
    );
  }
  if (filters.gender) where.push(eq(officers.gender, filters.gender));
  const on = filters.validOn ?? today;
  const current = sql`(${qualifications.expiresOn} is null or ${qualifications.expiresOn} >= ${on})`;
  if (filters.language)
    where.push(
      qualificationHeld(
        sql`${qualifications.kind} = 'language' and ${qualifications.code} = ${filters.language} and ${qualifications.score} >= ${filters.minScore ?? 60} and ${current}`,
      ),
    );
  if (filters.specialisation)
    where.push(
      qualificationHeld(
        sql`${qualifications.kind} in ('specialisation','skill') and ${qualifications.code} = ${filters.specialisation}`,
      ),
    );
  if (filters.qualification)
    where.push(
      qualificationHeld(
        sql`${qualifications.kind} = ${filters.qualification} and ${qualifications.obtainedOn} <= ${on} and ${current} and ${qualifications.passed} is not false`,
      ),
    );
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(officers)
    .innerJoin(ranks, eq(ranks.code, officers.rankCode))
    .where(condition);
  const rows = await db
    .select(officerListColumns)
    .from(officers)
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .innerJoin(ranks, eq(ranks.code, officers.rankCode))
    .where(condition)
    .orderBy(asc(officers.familyName), asc(officers.givenName), asc(officers.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({ ...r, yearsOfService: yearsOfService(r.serviceStart, today) })),
    total: total?.n ?? 0,
    ...paging,
  };
}

/** The officer record linked to an account, if any. */
export async function officerIdOfUser(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: officers.id })
    .from(officers)
    .where(eq(officers.userId, userId));
  return row?.id ?? null;
}

/** An officer with contacts and qualifications (callers remove what the reader may not see). */
export async function findOfficer(db: Db, id: string, today: string, warningDays: number) {
  const [row] = await db.select().from(officers).where(eq(officers.id, id));
  if (!row) return null;
  const contacts = await db
    .select()
    .from(officerContacts)
    .where(eq(officerContacts.officerId, id))
    .orderBy(asc(officerContacts.position));
  return {
    ...row,
    yearsOfService: yearsOfService(row.serviceStart, today),
    contacts: contacts.map(({ officerId: _o, position: _p, ...c }) => c),
    qualifications: await qualificationsOf(db, [id], today, warningDays),
    priorMissions: await db
      .select({
        id: priorMissions.id,
        missionId: priorMissions.missionId,
        missionName: priorMissions.missionName,
        role: priorMissions.role,
        startDate: priorMissions.startDate,
        endDate: priorMissions.endDate,
      })
      .from(priorMissions)
      .where(eq(priorMissions.officerId, id))
      .orderBy(asc(priorMissions.startDate)),
  };
}

export interface PriorMissionInput {
  missionId?: string | null;
  missionName: string;
  role?: string | null;
  startDate: string;
  endDate?: string | null;
}

/** Record a mission the officer served before the program kept its records here. */
export async function addPriorMission(
  db: Db,
  ctx: AuditContext,
  officerId: string,
  input: PriorMissionInput,
) {
  if (input.endDate && input.endDate < input.startDate)
    throw new AppError('validation_failed', {}, [
      { path: 'endDate', code: 'plan.period_end_before_start' },
    ]);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(priorMissions)
      .values({ officerId, ...input })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'officer.prior_mission',
      recordType: 'officer',
      recordId: officerId,
      changes: diff(null, { priorMissionId: created!.id, ...input }),
    });
    return created!;
  });
}

export async function qualificationsOf(
  db: Db,
  officerIds: string[],
  today: string,
  warningDays: number,
) {
  if (!officerIds.length) return [];
  const rows = await db
    .select()
    .from(qualifications)
    .where(inArray(qualifications.officerId, officerIds))
    .orderBy(asc(qualifications.kind), asc(qualifications.obtainedOn));
  return rows.map((q) => ({ ...q, validity: validityOf(q.expiresOn, today, warningDays) }));
}

export interface QualificationInput {
  kind: QualificationKind;
  code?: string;
  score?: number | null;
  passed?: boolean | null;
  obtainedOn: string;
  expiresOn?: string | null;
  documentNumber?: string | null;
  detail?: string | null;
}

function qualificationValues(input: QualificationInput) {
  if (input.expiresOn && input.expiresOn < input.obtainedOn)
    throw new AppError('validation_failed', {}, [
      { path: 'expiresOn', code: 'import.expiry_before' },
    ]);
  return {
    kind: input.kind,
    code: input.code ?? '',
    score: input.score ?? null,
    passed: passedOf(input.kind, input.score ?? null, input.passed ?? null),
    obtainedOn: input.obtainedOn,
    expiresOn:
      input.expiresOn === undefined
        ? defaultExpiryOf(input.kind, input.obtainedOn)
        : input.expiresOn,
    documentNumber: input.documentNumber ?? null,
    detail: input.detail ?? null,
  };
}

/** Sensitive qualification content is audited as "changed", never with its values. */
function maskedQualification(changes: Record<string, [unknown, unknown]>) {
  for (const key of ['documentNumber', 'detail'])
    if (changes[key]) changes[key] = ['(changed)', '(changed)'];
  return changes;
}

export async function addQualification(
  db: Db,
  ctx: AuditContext,
  officerId: string,
  input: QualificationInput,
) {
  const values = qualificationValues(input);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(qualifications)
      .values({ officerId, ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'qualification.create',
      recordType: 'officer',
      recordId: officerId,
      changes: maskedQualification(diff(null, { qualificationId: created!.id, ...values })),
    });
    return created!;
  });
}

export async function updateQualification(
  db: Db,
  ctx: AuditContext,
  officerId: string,
  id: string,
  version: number,
  input: QualificationInput,
) {
  const values = qualificationValues(input);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(qualifications)
      .where(and(eq(qualifications.id, id), eq(qualifications.officerId, officerId)))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    // Fields left out keep what is on file: a reader who cannot see a passport number or a
    // medical detail does not erase it by correcting the dates.
    if (input.documentNumber === undefined) values.documentNumber = current.documentNumber;
    if (input.detail === undefined) values.detail = current.detail;
    const [updated] = await tx
      .update(qualifications)
      .set({ ...values, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(qualifications.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'qualification.update',
      recordType: 'officer',
      recordId: officerId,
      changes: maskedQualification({
        qualificationId: [id, id],
        ...diff(current, updated!, ['version', 'updatedAt', 'createdAt']),
      }),
    });
    return updated!;
  });
}

export async function removeQualification(
  db: Db,
  ctx: AuditContext,
  officerId: string,
  id: string,
  version: number,
) {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(qualifications)
      .where(and(eq(qualifications.id, id), eq(qualifications.officerId, officerId)))
      .for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    await tx.delete(qualifications).where(eq(qualifications.id, id));
    await writeAudit(tx, ctx, {
      action: 'qualification.delete',
      recordType: 'officer',
      recordId: officerId,
      changes: {
        qualificationId: [id, null],
        kind: [current.kind, null],
        expiresOn: [current.expiresOn, null],
      },
    });
  });
}

/** Qualifications expiring within `days` (or expired in the last `days`), per agency or overall. */
export async function expiringQualifications(
  db: Db,
  today: string,
  days: number,
  paging: { page: number; pageSize: number },
  agencyId?: string,
) {
  const until = sql`(${today}::date + ${days}::int)`;
  const condition = and(
    sql`${qualifications.expiresOn} is not null`,
    lte(qualifications.expiresOn, until),
    gte(qualifications.expiresOn, sql`(${today}::date - ${days}::int)`),
    agencyId ? eq(officers.agencyId, agencyId) : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(qualifications)
    .innerJoin(officers, eq(officers.id, qualifications.officerId))
    .where(condition);
  const rows = await db
    .select({
      qualificationId: qualifications.id,
      kind: qualifications.kind,
      code: qualifications.code,
      expiresOn: qualifications.expiresOn,
      officerId: officers.id,
      givenName: officers.givenName,
      familyName: officers.familyName,
      badgeNumber: officers.badgeNumber,
      agencyId: officers.agencyId,
      agencyCode: agencies.code,
    })
    .from(qualifications)
    .innerJoin(officers, eq(officers.id, qualifications.officerId))
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .where(condition)
    .orderBy(asc(qualifications.expiresOn), asc(officers.familyName))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    items: rows.map((r) => ({ ...r, validity: validityOf(r.expiresOn, today, days) })),
    total: total?.n ?? 0,
    ...paging,
  };
}

/**
 * Sensitive fields are read-audited: one entry naming the fields shown (never their values) when
 * another person's date of birth, emergency contacts, passport, medical or clearance detail is
 * returned. `action`: `officer.read_sensitive`, or `officer.export_sensitive` for an export.
 */
export async function auditSensitiveRead(
  db: Db,
  ctx: AuditContext,
  input: {
    action: 'officer.read_sensitive' | 'officer.export_sensitive';
    officerId: string | null;
    fields: string[];
    officers?: number;
  },
) {
  await db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: input.action,
      recordType: 'officer',
      recordId: input.officerId,
      changes: {
        fields: [null, input.fields],
        ...(input.officers !== undefined ? { officers: [null, input.officers] } : {}),
      },
    }),
  );
}
