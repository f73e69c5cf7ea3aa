import { and, asc, count, eq, sql } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { officers } from '../officers/schema.ts';
import { agencies } from '../reference/schema.ts';
import { users } from '../users/schema.ts';

export const listAgencies = (db: Db) =>
  db
    .select({
      id: agencies.id,
      code: agencies.code,
      nameEn: agencies.nameEn,
      nameFr: agencies.nameFr,
      type: agencies.type,
      province: agencies.province,
      agreementStatus: agencies.agreementStatus,
      contactName: agencies.contactName,
      contactEmail: agencies.contactEmail,
      contactPhone: agencies.contactPhone,
      version: agencies.version,
      officers: sql<number>`(select count(*)::int from officers o where o.agency_id = ${agencies}.id)`,
    })
    .from(agencies)
    .orderBy(asc(agencies.nameEn));

/** An agency with its coordinators (the accounts scoped to it) and its officers on file. */
export async function findAgency(db: Db, id: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!row) return null;
  const coordinators = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.agencyId, id),
        eq(users.role, 'agency_coordinator'),
        sql`${users.disabledAt} is null`,
      ),
    )
    .orderBy(asc(users.displayName));
  const [onFile] = await db.select({ n: count() }).from(officers).where(eq(officers.agencyId, id));
  return { ...row, coordinators, officers: onFile?.n ?? 0 };
}

export type AgencyChanges = Partial<
  Pick<
    typeof agencies.$inferSelect,
    'nameEn' | 'nameFr' | 'agreementStatus' | 'contactName' | 'contactEmail' | 'contactPhone'
  >
>;

/** Edit an agency's names, agreement status or program contact. */
export async function updateAgency(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: AgencyChanges,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [updated] = await tx
      .update(agencies)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(agencies.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'agency.update',
      recordType: 'agency',
      recordId: id,
      changes: diff(current, updated!, ['version', 'updatedAt']),
    });
    return updated!;
  });
}
