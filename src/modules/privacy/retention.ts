import { eq, inArray, or, sql } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { isoDateOf, type IsoDate } from '../../kernel/dates.ts';
import { queryRows, type Db, type Tx } from '../../kernel/db/client.ts';
import { applications, assessments } from '../calls/schema.ts';
import { checkIns } from '../checkins/schema.ts';
import {
  deploymentDebriefs,
  deploymentExtensions,
  deploymentMoves,
  deployments,
} from '../deployments/schema.ts';
import { tourReports } from '../evaluations/schema.ts';
import { missionEventEffects } from '../events/schema.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { officerContacts, officers, qualifications } from '../officers/schema.ts';
import { sessions, userTokens, users } from '../users/schema.ts';
import { recoveryCodes, secondFactors } from '../account/schema.ts';
import {
  anonymisedFields,
  lastAdministrativeUse,
  placeholderBadge,
  placeholderEmail,
  PLACEHOLDER_NAME,
  retentionCutoff,
  retentionDue,
  type OfficerUse,
} from './rules.ts';

/** Officers anonymised per transaction (one transaction per batch). */
export const RETENTION_BATCH = 200;

export interface RetentionCandidate {
  id: string;
  agencyId: string;
  lastUse: IsoDate;
}

type UseRow = OfficerUse & { id: string; agencyId: string; userId: string | null };

const ended = sql`('returned','closed','withdrawn')`;
const day = (column: string) => sql.raw(`((${column}) at time zone 'UTC')::date`);

/**
 * Every use of the officers not yet anonymised whose record itself was last updated before the
 * cutoff (the update is one of the uses, so no other officer can be due): the latest date of
 * each kind, for `lastAdministrativeUse`.
 */
async function usesOf(tx: Tx, cutoff: IsoDate, only?: string[]): Promise<UseRow[]> {
  if (only && !only.length) return [];
  const ids = only
    ? sql`and o.id in (${sql.join(
        only.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  return queryRows<UseRow>(
    tx,
    sql`select o.id, o.agency_id as "agencyId", o.user_id as "userId",
         ${day('o.updated_at')}::text as "recordUpdated",
         (select max(greatest(${day('a.created_at')}, ${day('a.updated_at')},
                              coalesce(${day('a.release_decided_at')}, ${day('a.created_at')})))::text
            from applications a where a.officer_id = o.id) as "application",
         (select max(greatest(${day('d.updated_at')},
                              coalesce(d.actual_end, case when d.state = 'withdrawn'
                                                     then ${day('d.updated_at')} else d.planned_end end)))::text
            from deployments d where d.officer_id = o.id and d.state in ${ended}) as "deploymentEnd",
         exists (select 1 from deployments d
                  where d.officer_id = o.id and d.state not in ${ended}) as "activeDeployment",
         greatest(
           (select max(greatest(${day('e.created_at')}, ${day('e.updated_at')}))
              from enrolments e where e.officer_id = o.id),
           (select max(greatest(c.issued_on, coalesce(c.expires_on, c.issued_on)))
              from certificates c where c.officer_id = o.id))::text as "training",
         (select ${day('max(ci.at)')}::text from check_ins ci
            join deployments d on d.id = ci.deployment_id where d.officer_id = o.id) as "checkIn",
         (select max(greatest(i.occurred_on, ${day('i.updated_at')}))::text from incidents i
            join incident_officers io on io.incident_id = i.id where io.officer_id = o.id) as "incident",
         (select max(q.expires_on)::text from qualifications q where q.officer_id = o.id)
           as "qualificationExpiry",
         (select max(coalesce(p.end_date, p.start_date))::text from prior_missions p
            where p.officer_id = o.id) as "pastTourEnd",
         (select ${day('max(s.at)')}::text from audit_entries s
            where s.actor_id = o.user_id and s.action = 'session.create' and s.outcome = 'ok')
           as "lastSignIn"
       from officers o
      where o.anonymised_at is null and o.updated_at < ${cutoff}::date ${ids}
      order by o.id`,
  );
}

/** The officers the retention would anonymise today: id, agency and last use only. */
export async function retentionCandidates(
  tx: Tx,
  today: IsoDate,
  years: number,
  only?: string[],
): Promise<RetentionCandidate[]> {
  const rows = await usesOf(tx, retentionCutoff(today, years), only);
  return rows.flatMap((row) => {
    const last = lastAdministrativeUse(row);
    return retentionDue(last, today, years) && last !== 'active'
      ? [{ id: row.id, agencyId: row.agencyId, lastUse: last }]
      : [];
  });
}

const fieldsChanged = (table: keyof typeof anonymisedFields) =>
  anonymisedFields[table].map((f) => `${table}.${f}`);

/** Anonymise these officers (already found due, checked again here) in the caller's transaction. */
async function anonymiseBatch(
  tx: Tx,
  ctx: AuditContext,
  ids: string[],
  today: IsoDate,
  years: number,
) {
  const due = await retentionCandidates(tx, today, years, ids);
  if (!due.length) return 0;
  const dueIds = due.map((d) => d.id);
  const found = await tx
    .select({ id: officers.id, userId: officers.userId, email: officers.email })
    .from(officers)
    .where(inArray(officers.id, dueIds));
  const userIds = found.flatMap((f) => (f.userId ? [f.userId] : []));
  const accounts = userIds.length
    ? await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, userIds))
    : [];
  // E-mail addressed to them (the officer's and the account's addresses) goes too.
  const addresses = [
    ...found.flatMap((f) => (f.email ? [f.email] : [])),
    ...accounts.map((a) => a.email),
  ];
  if (addresses.length)
    await tx.delete(mailOutbox).where(
      inArray(
        sql`lower(${mailOutbox.toAddress})`,
        addresses.map((a) => a.toLowerCase()),
      ),
    );

  for (const id of dueIds) {
    await tx
      .update(officers)
      .set({
        givenName: PLACEHOLDER_NAME,
        familyName: PLACEHOLDER_NAME,
        badgeNumber: placeholderBadge(id),
        dateOfBirth: null,
        email: null,
        phone: null,
        agencyRankTitle: null,
        recordFlag: false,
        anonymisedAt: ctx.now,
        updatedAt: ctx.now,
        version: sql`${officers.version} + 1`,
      })
      .where(eq(officers.id, id));
  }
  await tx.delete(officerContacts).where(inArray(officerContacts.officerId, dueIds));
  await tx
    .update(qualifications)
    .set({ documentNumber: null, detail: null })
    .where(inArray(qualifications.officerId, dueIds));
  const theirApplications = tx
    .select({ id: applications.id })
    .from(applications)
    .where(inArray(applications.officerId, dueIds));
  await tx
    .update(applications)
    .set({ statement: '', releaseReason: null, withdrawnReason: null })
    .where(inArray(applications.officerId, dueIds));
  await tx
    .update(assessments)
    .set({ notes: '' })
    .where(inArray(assessments.applicationId, theirApplications));
  const theirDeployments = tx
    .select({ id: deployments.id })
    .from(deployments)
    .where(inArray(deployments.officerId, dueIds));
  await tx
    .update(deploymentMoves)
    .set({ reason: null })
    .where(inArray(deploymentMoves.deploymentId, theirDeployments));
  await tx
    .update(deploymentExtensions)
    .set({ reason: '', decisionNote: null })
    .where(inArray(deploymentExtensions.deploymentId, theirDeployments));
  await tx
    .update(deploymentDebriefs)
    .set({ notes: '', followUp: null })
    .where(inArray(deploymentDebriefs.deploymentId, theirDeployments));
  await tx
    .update(checkIns)
    .set({ note: null })
    .where(inArray(checkIns.deploymentId, theirDeployments));
  await tx
    .update(missionEventEffects)
    .set({ note: null })
    .where(inArray(missionEventEffects.deploymentId, theirDeployments));
  await tx
    .update(tourReports)
    .set({ welfare: '' })
    .where(
      or(
        inArray(tourReports.officerId, dueIds),
        inArray(tourReports.deploymentId, theirDeployments),
      ),
    );
  for (const userId of userIds) {
    await tx
      .update(users)
      .set({
        email: placeholderEmail(userId),
        displayName: PLACEHOLDER_NAME,
        disabledAt: sql`coalesce(${users.disabledAt}, ${ctx.now.toISOString()}::timestamptz)`,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, userId));
  }
  if (userIds.length) {
    await tx.delete(sessions).where(inArray(sessions.userId, userIds));
    // Credentials of an account nobody will use again.
    await tx.delete(secondFactors).where(inArray(secondFactors.userId, userIds));
    await tx.delete(recoveryCodes).where(inArray(recoveryCodes.userId, userIds));
    await tx.delete(userTokens).where(inArray(userTokens.userId, userIds));
  }

  const fields = [
    ...fieldsChanged('officers'),
    ...fieldsChanged('officer_contacts'),
    ...fieldsChanged('qualifications'),
    ...fieldsChanged('applications'),
    ...fieldsChanged('assessments'),
    ...fieldsChanged('deployment_moves'),
    ...fieldsChanged('deployment_extensions'),
    ...fieldsChanged('deployment_debriefs'),
    ...fieldsChanged('check_ins'),
    ...fieldsChanged('mission_event_effects'),
    ...fieldsChanged('tour_reports'),
    ...fieldsChanged('mail_outbox'),
  ];
  const accountFields = fieldsChanged('users');
  const withAccount = new Set(userIds.length ? found.filter((f) => f.userId).map((f) => f.id) : []);
  const lastUse = new Map(due.map((d) => [d.id, d.lastUse]));
  for (const id of dueIds) {
    // Field names only: never a value, before or after.
    await writeAudit(tx, ctx, {
      action: 'officer.anonymise',
      recordType: 'officer',
      recordId: id,
      changes: {
        fields: [null, withAccount.has(id) ? [...fields, ...accountFields] : fields],
        lastUse: [null, lastUse.get(id)],
      },
    });
  }
  return dueIds.length;
}

export interface RetentionReport {
  today: IsoDate;
  years: number;
  cutoff: IsoDate;
  dryRun: boolean;
  /** Officers found due (the dry run's answer). */
  due: RetentionCandidate[];
  /** Officers anonymised by this run (0 on a dry run). */
  anonymised: number;
}

/**
 * The retention: find the officers whose last administrative use is over `years` old and
 * anonymise them, one transaction per batch of RETENTION_BATCH (each audited one entry per
 * officer), then one entry for the run (counts only). A dry run only lists them.
 */
export async function runRetention(
  db: Db,
  ctx: AuditContext,
  options: { years: number; dryRun?: boolean; batchSize?: number },
): Promise<RetentionReport> {
  const today = isoDateOf(ctx.now);
  const { years } = options;
  const due = await retentionCandidates(db, today, years);
  const report: RetentionReport = {
    today,
    years,
    cutoff: retentionCutoff(today, years),
    dryRun: !!options.dryRun,
    due,
    anonymised: 0,
  };
  if (options.dryRun) return report;
  const size = options.batchSize ?? RETENTION_BATCH;
  for (let i = 0; i < due.length; i += size) {
    const ids = due.slice(i, i + size).map((d) => d.id);
    report.anonymised += await db.transaction((tx) => anonymiseBatch(tx, ctx, ids, today, years));
  }
  await db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: 'retention.run',
      recordType: 'retention',
      changes: {
        years: [null, years],
        cutoff: [null, report.cutoff],
        due: [null, due.length],
        anonymised: [null, report.anonymised],
      },
    }),
  );
  return report;
}
