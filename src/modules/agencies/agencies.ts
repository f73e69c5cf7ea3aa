import { and, asc, count, eq, sql } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { queryRows, type Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { officers } from '../officers/schema.ts';
import { toursOnRecord } from '../statistics/statistics.ts';
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
      active: agencies.active,
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
    | 'nameEn'
    | 'nameFr'
    | 'agreementStatus'
    | 'active'
    | 'contactName'
    | 'contactEmail'
    | 'contactPhone'
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

export interface ContributionYear {
  year: number;
  /** Officers the agency released that year: tours that started in it. */
  released: number;
  /** Distinct officers of the agency on a tour at any time in the year. */
  deployed: number;
  /** Of `deployed`, the women. */
  women: number;
}

export interface ContributionLedger {
  /** Distinct officers of the agency on a tour today. */
  deployedNow: number;
  /** Distinct officers of the agency who have ever served a tour. */
  deployedEver: number;
  /** Tours served (an officer may serve several). */
  tours: number;
  byYear: ContributionYear[];
}

/**
 * What an agency has given the program, counted from its officers' tours on record (the
 * statistics module's one definition: deployments that began, and the history loaded from agency
 * and program files, a tour in both counted once). A tour without an end date is still running. Years run from the agency's first tour to today's year, so a year
 * without tours shows as zeros rather than a gap.
 */
export async function contributionLedger(
  db: Db,
  agencyId: string,
  today: string,
): Promise<ContributionLedger> {
  const tours = sql`
    select t.officer_id, o.gender, t.start_date, t.end_date, t.running
      from (${toursOnRecord(today)}) t join officers o on o.id = t.officer_id
     where o.agency_id = ${agencyId}`;
  const [totals] = await queryRows<{ deployedNow: number; deployedEver: number; tours: number }>(
    db,
    sql`with tours as (${tours})
        select count(distinct officer_id) filter (where running)::int as "deployedNow",
               count(distinct officer_id)::int as "deployedEver",
               count(*)::int as tours
          from tours`,
  );
  const byYear = await queryRows<ContributionYear>(
    db,
    sql`with tours as (${tours}),
        years as (
          select generate_series(
                   (select extract(year from min(start_date))::int from tours),
                   extract(year from ${today}::date)::int) as year)
        select y.year,
               (select count(*) from tours t where extract(year from t.start_date) = y.year)::int as released,
               count(distinct t.officer_id)::int as deployed,
               count(distinct t.officer_id) filter (where t.gender = 'woman')::int as women
          from years y
          left join tours t
            on t.start_date <= make_date(y.year, 12, 31) and t.end_date >= make_date(y.year, 1, 1)
         group by y.year
         order by y.year`,
  );
  return { ...(totals ?? { deployedNow: 0, deployedEver: 0, tours: 0 }), byYear };
}
