import { randomUUID } from 'node:crypto';
import { and, inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import { bulkInsert } from '../../kernel/db/bulk.ts';
import { writeAudits, type AuditContext, type AuditInput } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { withImportRun, type ImportRunHandle } from '../../kernel/imports/imports.ts';
import { agencies, ranks } from '../reference/schema.ts';
import {
  readTable,
  validateTable,
  type ImportQualification,
  type ImportRow,
} from './import-file.ts';
import { officers, qualifications } from './schema.ts';

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  qualificationsAdded: number;
  qualificationsUpdated: number;
  dryRun: boolean;
}

/** At most this many errors are listed: past it, the file needs fixing at its source. */
const MAX_ERRORS = 500;

const officerFields = [
  'givenName',
  'familyName',
  'gender',
  'dateOfBirth',
  'rankCode',
  'agencyRankTitle',
  'serviceStart',
  'email',
  'phone',
  'preferredLanguage',
] as const;
const personal = new Set(['dateOfBirth', 'email', 'phone']);

/** The natural key of a qualification: a specialisation is held once; a test result per date. */
const qualificationKey = (q: { kind: string; code: string; obtainedOn: string }) =>
  q.kind === 'specialisation' || q.kind === 'skill'
    ? `${q.kind}|${q.code}`
    : `${q.kind}|${q.code}|${q.obtainedOn}`;

/**
 * Import officers and their qualifications from a CSV or XLSX file. All or nothing: any invalid
 * row and nothing is written, and every error is listed by line and column. Officers match on
 * agency + badge number, qualifications on their natural key, so importing the same file twice
 * changes nothing. An empty cell never erases a value already on file. Each import (not a dry
 * run) leaves an import run (kernel/imports): succeeded with its row count, or failed with the
 * error's code, or, when the process dies, failed by the stale heartbeat sweep.
 */
export async function importOfficers(
  db: Db,
  ctx: AuditContext,
  content: Buffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (options.dryRun) return runImport(db, ctx, content, options);
  return withImportRun(
    db,
    ctx,
    { kind: 'officers', fileName: options.fileName ?? 'officers.csv', content },
    { staleSeconds: options.staleSeconds },
    (run) => runImport(db, ctx, content, options, run),
    (report) => report.rows,
  );
}

interface ImportOptions {
  onlyAgencyId?: string | null;
  dryRun?: boolean;
  /** Rows done of the total: once when checking starts, then after each chunk written. */
  onProgress?: (done: number, total: number, phase: 'checking' | 'writing') => void;
  /** The file's name, recorded on the import run. */
  fileName?: string | undefined;
  /** The import run's stale delay (see `staleSecondsFor`). */
  staleSeconds?: number | undefined;
}

async function runImport(
  db: Db,
  ctx: AuditContext,
  content: Buffer,
  options: ImportOptions,
  run?: ImportRunHandle,
): Promise<ImportReport> {
  const table = await readTable(content);
  options.onProgress?.(0, table.rows.length, 'checking');
  const agencyRows = await db.select({ id: agencies.id, code: agencies.code }).from(agencies);
  const agencyIdOf = new Map(agencyRows.map((a) => [a.code, a.id]));
  const rankRows = await db.select({ code: ranks.code }).from(ranks);
  const onlyAgency = options.onlyAgencyId
    ? (agencyRows.find((a) => a.id === options.onlyAgencyId)?.code ?? '-')
    : null;
  const { rows, errors } = validateTable(table, {
    agencyCodes: new Set(agencyIdOf.keys()),
    rankCodes: new Set(rankRows.map((r) => r.code)),
    onlyAgency,
    today: isoDateOf(ctx.now),
  });
  if (errors.length)
    throw new AppError('import_invalid', { count: errors.length }, errors.slice(0, MAX_ERRORS));

  const report: ImportReport = {
    rows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    qualificationsAdded: 0,
    qualificationsUpdated: 0,
    dryRun: options.dryRun ?? false,
  };
  const apply = async (tx: Db) => {
    const audits: AuditInput[] = [];
    const CHUNK = 2000;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await applyChunk(tx, ctx, chunk, agencyIdOf, report, audits);
      options.onProgress?.(Math.min(start + CHUNK, rows.length), rows.length, 'writing');
    }
    await writeAudits(tx, ctx, audits);
    // The run's success commits with the rows, or not at all.
    await run?.succeed(tx, rows.length);
  };
  if (options.dryRun) {
    // Run everything, then roll back: the report says exactly what an import would do.
    await db
      .transaction(async (tx) => {
        await apply(tx as unknown as Db);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
  } else {
    await db.transaction((tx) => apply(tx as unknown as Db));
    // A large import changes the tables' shape: refresh the planner's statistics now rather
    // than wait for autovacuum, so searches keep their indexes.
    if (report.created + report.updated >= 1000)
      await db.execute(sql`analyze officers, qualifications`);
  }
  return report;
}

async function applyChunk(
  tx: Db,
  ctx: AuditContext,
  chunk: ImportRow[],
  agencyIdOf: Map<string, string>,
  report: ImportReport,
  audits: AuditInput[],
) {
  const existing = await tx
    .select()
    .from(officers)
    .where(
      and(
        inArray(officers.agencyId, [...new Set(chunk.map((r) => agencyIdOf.get(r.agencyCode)!))]),
        inArray(
          officers.badgeNumber,
          chunk.map((r) => r.badgeNumber),
        ),
      ),
    );
  const byKey = new Map(existing.map((o) => [`${o.agencyId}|${o.badgeNumber}`, o]));
  const officerIdOf = new Map<ImportRow, string>();

  const fresh = chunk.filter((r) => !byKey.has(`${agencyIdOf.get(r.agencyCode)}|${r.badgeNumber}`));
  if (fresh.length) {
    const created = fresh.map((r) => ({
      id: randomUUID(),
      agencyId: agencyIdOf.get(r.agencyCode)!,
      badgeNumber: r.badgeNumber,
      ...(Object.fromEntries(officerFields.map((f) => [f, r[f]])) as Pick<
        ImportRow,
        (typeof officerFields)[number]
      >),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }));
    await bulkInsert(tx, officers, created);
    fresh.forEach((r, i) => {
      officerIdOf.set(r, created[i]!.id);
      audits.push({
        action: 'officer.import',
        recordType: 'officer',
        recordId: created[i]!.id,
        changes: Object.fromEntries(
          officerFields
            .filter((f) => r[f] !== null)
            .map((f) => [f, [null, personal.has(f) ? '(set)' : r[f]]]),
        ),
      });
    });
    report.created += fresh.length;
  }

  for (const r of chunk) {
    const current = byKey.get(`${agencyIdOf.get(r.agencyCode)}|${r.badgeNumber}`);
    if (!current) continue;
    officerIdOf.set(r, current.id);
    const changed = officerFields.filter((f) => r[f] !== null && r[f] !== current[f]);
    if (!changed.length) {
      report.unchanged++;
      continue;
    }
    await tx
      .update(officers)
      .set({
        ...Object.fromEntries(changed.map((f) => [f, r[f]])),
        version: current.version + 1,
        updatedAt: ctx.now,
      })
      .where(inArray(officers.id, [current.id]));
    audits.push({
      action: 'officer.import',
      recordType: 'officer',
      recordId: current.id,
      changes: Object.fromEntries(
        changed.map((f) => [f, personal.has(f) ? ['(changed)', '(changed)'] : [current[f], r[f]]]),
      ),
    });
    report.updated++;
  }

  // Qualifications: add the new, update those whose values differ, never delete.
  const ids = [...officerIdOf.values()];
  const held = ids.length
    ? await tx.select().from(qualifications).where(inArray(qualifications.officerId, ids))
    : [];
  const heldByKey = new Map(held.map((q) => [`${q.officerId}|${qualificationKey(q)}`, q]));
  const toInsert: Array<typeof qualifications.$inferInsert> = [];
  for (const r of chunk) {
    const officerId = officerIdOf.get(r)!;
    const wanted: ImportQualification[] = [
      ...r.qualifications,
      ...r.specialisations.map((code) => ({
        kind: 'specialisation' as const,
        code,
        score: null,
        passed: null,
        obtainedOn: isoDateOf(ctx.now),
        expiresOn: null,
        documentNumber: null,
      })),
    ];
    for (const q of wanted) {
      const found = heldByKey.get(`${officerId}|${qualificationKey(q)}`);
      if (!found) {
        toInsert.push({ officerId, ...q, createdAt: ctx.now, updatedAt: ctx.now });
        heldByKey.set(`${officerId}|${qualificationKey(q)}`, { ...q, officerId } as never);
        continue;
      }
      const diffs = (['score', 'passed', 'expiresOn', 'documentNumber'] as const).filter(
        (f) => q[f] !== null && q[f] !== found[f],
      );
      if (!diffs.length) continue;
      await tx
        .update(qualifications)
        .set({
          ...Object.fromEntries(diffs.map((f) => [f, q[f]])),
          version: found.version + 1,
          updatedAt: ctx.now,
        })
        .where(inArray(qualifications.id, [found.id]));
      audits.push({
        action: 'qualification.import',
        recordType: 'officer',
        recordId: officerId,
        changes: {
          qualificationId: [found.id, found.id],
          ...Object.fromEntries(
            diffs.map((f) => [
              f,
              f === 'documentNumber' ? ['(changed)', '(changed)'] : [found[f], q[f]],
            ]),
          ),
        },
      });
      report.qualificationsUpdated++;
    }
  }
  await bulkInsert(tx, qualifications, toInsert);
  if (toInsert.length) {
    const perOfficer = new Map<string, string[]>();
    for (const q of toInsert)
      perOfficer.set(q.officerId, [...(perOfficer.get(q.officerId) ?? []), q.kind]);
    for (const [officerId, kinds] of perOfficer)
      audits.push({
        action: 'qualification.import',
        recordType: 'officer',
        recordId: officerId,
        changes: { qualificationsAdded: [null, kinds] },
      });
  }
  report.qualificationsAdded += toInsert.length;
}
