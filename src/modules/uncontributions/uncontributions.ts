import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import { withImportRun, type ImportRunHandle } from '../../kernel/imports/imports.ts';
import { readTable } from '../officers/import-file.ts';
import { missions } from '../reference/schema.ts';
import { targetFor, type TargetStep } from '../statistics/targets.ts';
import { users } from '../users/schema.ts';
import {
  ALL,
  figureColumns,
  flagRows,
  indexHeaders,
  monthEndOf,
  parseLine,
  womenShare,
  type ContributionRow,
} from './rules.ts';
import {
  unContributionImports,
  unContributions,
  type FlagKind,
  type ImportFlag,
  type ImportStatus,
} from './schema.ts';

export interface UnImportReport {
  importId: string;
  fileName: string;
  rows: number;
  aggregates: number;
  /** Month ends the file covers: each replaces what an earlier import held for it. */
  months: string[];
  /** Rows of earlier imports replaced (their months were in this file). */
  replaced: number;
  /** How many flags, in all and by kind. */
  flagCount: number;
  flagsByKind: Partial<Record<FlagKind, number>>;
  /** Every flag, in line order (the HTTP answer lists the first `MAX_LISTED_FLAGS`). */
  flags: ImportFlag[];
}

/** Flags listed in an answer (all are kept on the import run): past it, fix the file at its source. */
export const MAX_LISTED_FLAGS = 1000;

function countByKind(flags: readonly ImportFlag[]) {
  const counts: Partial<Record<FlagKind, number>> = {};
  for (const f of flags) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}

/** At most this many errors are listed: past it, the file needs fixing at its source. */
const MAX_ERRORS = 500;
/** Rows per INSERT ... SELECT FROM unnest(...). */
const CHUNK = 5000;
/** Serialises imports, so two of the same month never both delete and then both insert. */
const UN_IMPORT_LOCK = 1_989_2008;

/** A Postgres array literal of the values (null as NULL), passed as one text parameter. */
function arrayLiteral(values: ReadonlyArray<string | number | boolean | null>): string {
  return `{${values
    .map((v) =>
      v === null
        ? 'NULL'
        : typeof v === 'string'
          ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
          : String(v),
    )
    .join(',')}}`;
}

const figureSqlColumns = figureColumns.map((c) =>
  c.key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`),
);

async function insertRows(tx: Tx, importId: string, rows: readonly ContributionRow[]) {
  const text = (pick: (r: ContributionRow) => string) => arrayLiteral(rows.map(pick));
  const columns = sql.raw(
    [
      'import_id',
      'line',
      'month',
      'contributor',
      'contributor_iso3',
      'mission',
      'mission_raw',
      'aggregate',
      ...figureSqlColumns,
    ].join(', '),
  );
  const figures = figureColumns.map((c) => sql`${arrayLiteral(rows.map((r) => r[c.key]))}::int[]`);
  await tx.execute(sql`
    insert into un_contributions (${columns})
    select ${importId}::uuid, u.* from unnest(
      ${arrayLiteral(rows.map((r) => r.line))}::int[],
      ${text((r) => r.month)}::date[],
      ${text((r) => r.contributor)}::text[],
      ${text((r) => r.contributorIso3)}::text[],
      ${text((r) => r.mission)}::text[],
      ${text((r) => r.missionRaw)}::text[],
      ${arrayLiteral(rows.map((r) => r.aggregate))}::boolean[],
      ${sql.join(figures, sql`, `)}
    ) as u`);
}

const isXlsx = (content: Buffer) => content.length > 4 && content.readUInt32LE(0) === 0x04034b50;

/**
 * A CSV with its line ends made one kind (CRLF and CR as LF): a file edited by hand often mixes
 * them, and the parser takes the first line's for all. Byte for byte otherwise (CR and LF never
 * occur inside a UTF-8 sequence), so the encoding is still checked as sent.
 */
function withUnixLineEnds(content: Buffer): Buffer {
  return Buffer.from(content.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
}

/** Read and check a file: every row, or every error (line and column) that stops the import. */
export async function readContributions(content: Buffer): Promise<ContributionRow[]> {
  const table = await readTable(isXlsx(content) ? content : withUnixLineEnds(content));
  const { index, errors: headerErrors } = indexHeaders(table.headers);
  if (headerErrors.length)
    throw new AppError('import_invalid', { count: headerErrors.length }, headerErrors);
  const rows: ContributionRow[] = [];
  const errors: FieldError[] = [];
  for (const { line, cells } of table.rows) {
    const parsed = parseLine(line, cells, index);
    if (parsed.row) rows.push(parsed.row);
    else errors.push(...parsed.errors);
  }
  if (!table.rows.length)
    errors.push({ path: 'file', code: 'un_import.empty', line: 1, column: '' });
  if (errors.length)
    throw new AppError('import_invalid', { count: errors.length }, errors.slice(0, MAX_ERRORS));
  return rows;
}

/** The mission codes and acronyms on file (upper case), against which a row's mission is known. */
async function knownMissionCodes(db: Tx): Promise<Set<string>> {
  const found = await db.select({ code: missions.code, acronym: missions.acronym }).from(missions);
  return new Set(found.flatMap((m) => [m.code.toUpperCase(), m.acronym.toUpperCase()]));
}

/**
 * Import a UN monthly contribution report (CSV, or XLSX, in the IPI layout). All or nothing: an
 * unreadable line (bad date, a figure that is not a whole number or NA) and nothing is written,
 * every error listed by line and column. Every figure is kept as reported; the rows it had to flag
 * are listed on the import run, never fixed or dropped. Re-importing a month replaces that month:
 * the file's months are deleted and inserted again in one transaction, so nothing is doubled.
 * One audit entry for the import, with its counts.
 */
export async function importUnContributions(
  db: Db,
  ctx: AuditContext,
  file: { name: string; content: Buffer },
  options: UnImportOptions = {},
): Promise<UnImportReport> {
  return withImportRun(
    db,
    ctx,
    { kind: 'un_contributions', fileName: file.name, content: file.content },
    { staleSeconds: options.staleSeconds },
    (run) => runUnImport(db, ctx, file, options, run),
    (report) => report.rows,
  );
}

interface UnImportOptions {
  onProgress?: (done: number, total: number, phase: 'checking' | 'writing') => void;
  /** The import run's stale delay (see `staleSecondsFor` in kernel/imports). */
  staleSeconds?: number | undefined;
}

async function runUnImport(
  db: Db,
  ctx: AuditContext,
  file: { name: string; content: Buffer },
  options: UnImportOptions,
  run: ImportRunHandle,
): Promise<UnImportReport> {
  const rows = await readContributions(file.content);
  options.onProgress?.(0, rows.length, 'checking');
  const flags = flagRows(rows, await knownMissionCodes(db));
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const importId = randomUUID();
  const fileName = file.name.replace(/^.*[\\/]/, '').slice(0, 255) || 'upload.csv';

  const replaced = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${UN_IMPORT_LOCK})`);
    const earlier = await tx
      .select({ importId: unContributions.importId, n: count() })
      .from(unContributions)
      .where(inArray(unContributions.month, months))
      .groupBy(unContributions.importId);
    if (earlier.length)
      await tx.delete(unContributions).where(inArray(unContributions.month, months));
    await tx.insert(unContributionImports).values({
      id: importId,
      fileName,
      importedBy: ctx.actorId,
      importedByRole: ctx.actorRole,
      importedAt: ctx.now,
      rows: rows.length,
      months,
      flags,
    });
    for (let start = 0; start < rows.length; start += CHUNK) {
      await insertRows(tx, importId, rows.slice(start, start + CHUNK));
      options.onProgress?.(Math.min(start + CHUNK, rows.length), rows.length, 'writing');
    }
    // Earlier runs whose months this file brought again: their rows are gone, in part or all.
    for (const { importId: id } of earlier) {
      const [left] = await tx
        .select({ n: count() })
        .from(unContributions)
        .where(eq(unContributions.importId, id));
      const status: ImportStatus = left!.n === 0 ? 'superseded' : 'partly_superseded';
      await tx
        .update(unContributionImports)
        .set({ status })
        .where(eq(unContributionImports.id, id));
    }
    const replacedRows = earlier.reduce((s, e) => s + e.n, 0);
    // The run's success commits with the rows, or not at all.
    await run.succeed(tx, rows.length);
    await writeAudit(tx, ctx, {
      action: 'uncontribution.import',
      recordType: 'un_contribution_import',
      recordId: importId,
      changes: {
        fileName: [null, fileName],
        rows: [null, rows.length],
        months: [null, months],
        flags: [null, flags.length],
        replaced: [null, replacedRows],
      },
    });
    return replacedRows;
  });
  if (rows.length >= 1000) await db.execute(sql`analyze un_contributions`);
  return {
    importId,
    fileName,
    rows: rows.length,
    aggregates: rows.filter((r) => r.aggregate).length,
    months,
    replaced,
    flagCount: flags.length,
    flagsByKind: countByKind(flags),
    flags,
  };
}

/** The import runs, newest first, with their first `MAX_LISTED_FLAGS` flags and their count. */
export async function listImports(db: Db) {
  return db
    .select({
      id: unContributionImports.id,
      fileName: unContributionImports.fileName,
      importedAt: unContributionImports.importedAt,
      importedBy: users.displayName,
      importedByRole: unContributionImports.importedByRole,
      rows: unContributionImports.rows,
      months: unContributionImports.months,
      status: unContributionImports.status,
      flagCount: sql<number>`jsonb_array_length(${unContributionImports.flags})`,
      flags: sql<
        ImportFlag[]
      >`jsonb_path_query_array(${unContributionImports.flags}, ${`$[0 to ${MAX_LISTED_FLAGS - 1}]`}::jsonpath)`,
    })
    .from(unContributionImports)
    .leftJoin(users, eq(users.id, unContributionImports.importedBy))
    .orderBy(desc(unContributionImports.seq));
}

export interface PoliceFilter {
  /** ISO-3 code (or `all`), or the contributor's name. */
  contributor?: string;
  /** The mission code as normalised (or `all`). */
  mission?: string;
  /** YYYY-MM. */
  month?: string;
  page: number;
  pageSize: number;
}

/** Individual police men/women/total exactly as reported, row by row. */
export async function policeFigures(db: Db, filter: PoliceFilter) {
  const where: SQL[] = [];
  if (filter.contributor) {
    const c = filter.contributor.trim();
    where.push(
      sql`(upper(${unContributions.contributorIso3}) = upper(${c}) or lower(${unContributions.contributor}) = lower(${c}))`,
    );
  }
  if (filter.mission)
    where.push(sql`upper(${unContributions.mission}) = upper(${filter.mission.trim()})`);
  // Months are stored as their last day (the import checks it): an index-friendly equality.
  if (filter.month) where.push(eq(unContributions.month, monthEndOf(filter.month)));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(unContributions).where(condition);
  const items = await db
    .select({
      month: unContributions.month,
      contributor: unContributions.contributor,
      contributorIso3: unContributions.contributorIso3,
      mission: unContributions.mission,
      missionRaw: unContributions.missionRaw,
      aggregate: unContributions.aggregate,
      line: unContributions.line,
      male: unContributions.policeMale,
      female: unContributions.policeFemale,
      total: unContributions.policeTotal,
    })
    .from(unContributions)
    .where(condition)
    .orderBy(
      asc(unContributions.month),
      desc(sql`${unContributions.contributor} = 'all'`),
      asc(unContributions.contributor),
      desc(sql`${unContributions.mission} = 'all'`),
      asc(unContributions.mission),
      asc(unContributions.id),
    )
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { items, total: total!.n, page: filter.page, pageSize: filter.pageSize };
}

export interface PoliceMonth {
  month: string;
  contributor: string;
  contributorIso3: string;
  male: number | null;
  female: number | null;
  total: number | null;
  /** Women among individual police, in percent (one decimal); null when there is no total. */
  womenShare: number | null;
  /** `reported`: the report's own aggregate row; `sum`: the sum of its mission rows (none given). */
  source: 'reported' | 'sum';
}

/**
 * Individual police by contributor and month: the report's own row for all missions (mission
 * `all`) when it has one, else the sum of the contributor's mission rows. For contributor `all`:
 * the `all`/`all` row, else the sum of every contributor's mission rows.
 */
export async function policeByContributor(
  db: Db,
  contributorIso3?: string,
): Promise<PoliceMonth[]> {
  const iso = contributorIso3?.trim().toUpperCase();
  const only = iso
    ? iso === 'ALL'
      ? sql`${unContributions.contributor} = ${ALL}`
      : sql`upper(${unContributions.contributorIso3}) = ${iso}`
    : undefined;
  const reported = await db
    .select({
      month: unContributions.month,
      contributor: unContributions.contributor,
      contributorIso3: unContributions.contributorIso3,
      male: unContributions.policeMale,
      female: unContributions.policeFemale,
      total: unContributions.policeTotal,
    })
    .from(unContributions)
    .where(and(eq(unContributions.mission, ALL), only))
    .orderBy(asc(unContributions.month), asc(unContributions.line));
  const parts = (perContributor: boolean) =>
    db
      .select({
        month: unContributions.month,
        contributor: perContributor
          ? sql<string>`min(${unContributions.contributor})`
          : sql<string>`${ALL}`,
        contributorIso3: perContributor ? unContributions.contributorIso3 : sql<string>`${ALL}`,
        male: sql<number | null>`sum(${unContributions.policeMale})::int`,
        female: sql<number | null>`sum(${unContributions.policeFemale})::int`,
        total: sql<number | null>`sum(${unContributions.policeTotal})::int`,
      })
      .from(unContributions)
      .where(
        and(
          eq(unContributions.aggregate, false),
          perContributor && iso
            ? sql`upper(${unContributions.contributorIso3}) = ${iso}`
            : undefined,
        ),
      )
      .groupBy(
        ...(perContributor
          ? [unContributions.month, unContributions.contributorIso3]
          : [unContributions.month]),
      );
  const summed = [
    ...(iso === 'ALL' ? [] : await parts(true)),
    ...(!iso || iso === 'ALL' ? await parts(false) : []),
  ];
  const byKey = new Map<string, PoliceMonth>();
  const keyOf = (r: { month: string; contributorIso3: string }) =>
    `${r.month}|${r.contributorIso3.toUpperCase()}`;
  for (const r of reported)
    if (!byKey.has(keyOf(r)))
      byKey.set(keyOf(r), { ...r, womenShare: womenShare(r.female, r.total), source: 'reported' });
  for (const r of summed)
    if (!byKey.has(keyOf(r)))
      byKey.set(keyOf(r), {
        ...r,
        male: r.male === null ? null : Number(r.male),
        female: r.female === null ? null : Number(r.female),
        total: r.total === null ? null : Number(r.total),
        womenShare: womenShare(
          r.female === null ? null : Number(r.female),
          r.total === null ? null : Number(r.total),
        ),
        source: 'sum',
      });
  return [...byKey.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      Number(b.contributor === ALL) - Number(a.contributor === ALL) ||
      a.contributor.localeCompare(b.contributor),
  );
}

/**
 * Canada against all contributors, month by month, with the UN's target for women among
 * individual police in that year (configuration) and the program's own target.
 */
export async function canadaVsAll(
  db: Db,
  targets: { unSteps: readonly TargetStep[]; programPercent: number },
) {
  const [canada, all] = await Promise.all([
    policeByContributor(db, 'CAN'),
    policeByContributor(db, ALL),
  ]);
  const months = [...new Set([...canada, ...all].map((r) => r.month))].sort();
  const pick = (r: PoliceMonth | undefined) =>
    r
      ? {
          male: r.male,
          female: r.female,
          total: r.total,
          womenShare: r.womenShare,
          source: r.source,
        }
      : null;
  return months.map((month) => {
    const unTarget = targetFor(targets.unSteps, Number(month.slice(0, 4)));
    const c = canada.find((r) => r.month === month);
    return {
      month,
      canada: pick(c),
      all: pick(all.find((r) => r.month === month)),
      unTarget,
      programTarget: targets.programPercent,
      /** Canada's share minus the UN target, in points (negative: below target). */
      gapToUnTarget:
        c?.womenShare !== null && c?.womenShare !== undefined && unTarget !== null
          ? Math.round((c.womenShare - unTarget) * 10) / 10
          : null,
    };
  });
}
