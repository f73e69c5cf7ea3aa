import { withImportRun, type ImportRunHandle } from '../../kernel/imports/imports.ts';
import { randomUUID } from 'node:crypto';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { writeAudits, type AuditContext, type AuditInput } from '../../kernel/audit/audit.ts';
import { bulkInsert } from '../../kernel/db/bulk.ts';
import { queryRows, type Db, type Tx } from '../../kernel/db/client.ts';
import { isoDateOf, type IsoDate } from '../../kernel/dates.ts';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import { readTable } from '../officers/import-file.ts';
import { officers, priorMissions, type Gender } from '../officers/schema.ts';
import { agencies, countries, missions, postTypes } from '../reference/schema.ts';
import { otherMissionCountries } from './aliases.ts';
import {
  indexReferences,
  nameKey,
  overlaps,
  resolveMission,
  sameName,
  spanOf,
  type ReferenceIndex,
} from './rules.ts';
import { countryAliases, countrySuccessions, missionAliases } from './schema.ts';
import type { ColumnKey } from './format.ts';
import { officerKeyOf, validateLines, type TourLine } from './validate.ts';

/**
 * The history import: past tours (deployments from before the system) from a CSV or XLSX file
 * into `prior_missions`, where the statistics count them and officer profiles show them. The
 * format and every rule are documented in docs/history-import.md; in short:
 *
 * - All or nothing: every line is checked (on its own, against the other lines, then against the
 *   records on file) before anything is written; any problem and nothing is, and the answer lists
 *   every problem by line and column (400 `import_invalid`). One transaction, audited.
 * - Officers match on agency + badge number. An unknown officer is created from the line (names,
 *   gender or `undisclosed`), with the lowest rank (constable) and the first tour's start as the
 *   service start: lower bounds the officers import (or an edit) corrects. An officer on file
 *   under another name (ignoring case and accents) is a line error, never renamed.
 * - Missions by code, acronym, English or French name, or an alias (mission_aliases: French
 *   acronyms, components such as IPTF, renamed missions by date: MONUC from 2010-07-01 is MONUSCO).
 *   The tour must start within its mission's dates, and end within them unless a successor took
 *   over; an empty end date only for a mission that has ended.
 * - Countries (optional) by ISO code or name, former names included (country_aliases); a
 *   dissolved state (Yugoslavia, Zaire) is kept as written for a tour that began before its
 *   `dissolved_on`, if a successor (country_successions) hosts the mission; after that day it is
 *   a line error (name the successor).
 * - Idempotent: a tour is keyed by officer + mission + start date; the same file twice changes
 *   nothing. A line matching a tour on file with another end date, post or country updates it
 *   (audited with before and after); an empty cell never erases a value.
 * - One officer's tours may not overlap: within the file, or with their tours and deployments on
 *   file (an unknown end date counts as the start day only).
 * Imports run one at a time (an advisory lock), so two imports cannot add the same tour twice.
 */

export interface PastTourReport {
  rows: number;
  /** Tours added. */
  created: number;
  /** Tours on file whose end date, post or country the file corrected. */
  updated: number;
  /** Tours already on file as the file has them. */
  unchanged: number;
  officersCreated: number;
  dryRun: boolean;
}

/** At most this many problems are listed: past it, the file needs fixing at its source. */
const MAX_ERRORS = 500;
const IMPORT_LOCK = 1_989_1017;
/** The rank and language given to an officer the history creates (see above). */
const CREATED_RANK = 'constable';

/** The references every line is checked against, from the database. */
export async function loadReferences(db: Tx): Promise<ReferenceIndex> {
  const [agencyRows, missionRows, aliasRows, countryRows, countryAliasList, successions, posts] =
    await Promise.all([
      db.select({ code: agencies.code }).from(agencies),
      db
        .select({
          id: missions.id,
          code: missions.code,
          acronym: missions.acronym,
          nameEn: missions.nameEn,
          nameFr: missions.nameFr,
          hostCountryCode: missions.hostCountryCode,
          startDate: missions.startDate,
          endDate: missions.endDate,
        })
        .from(missions),
      db
        .select({
          aliasKey: missionAliases.aliasKey,
          missionId: missionAliases.missionId,
          validFrom: missionAliases.validFrom,
          validTo: missionAliases.validTo,
        })
        .from(missionAliases),
      db.select().from(countries),
      db.select().from(countryAliases),
      db.select().from(countrySuccessions),
      db.select().from(postTypes),
    ]);
  return indexReferences({
    agencyCodes: agencyRows.map((a) => a.code),
    missions: missionRows,
    missionAliases: aliasRows,
    countries: countryRows,
    countryAliases: countryAliasList,
    successions,
    otherMissionCountries,
    postTypes: posts,
  });
}

interface OfficerOnFile {
  id: string;
  agencyCode: string;
  badgeNumber: string;
  familyName: string;
  givenName: string;
  gender: Gender;
}
interface TourOnFile {
  id: string;
  officerId: string;
  missionId: string | null;
  missionName: string;
  role: string | null;
  postTypeCode: string | null;
  countryCode: string | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
}
interface DeploymentOnFile {
  officerId: string;
  mission: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

const json = (value: unknown) => JSON.stringify(value);

/** The records the file's officers have on file: themselves, their past tours, deployments. */
async function loadOnFile(tx: Tx, rows: TourLine[]) {
  const keys = [...new Map(rows.map((r) => [officerKeyOf(r), r])).values()].map((r) => ({
    agency_code: r.agencyCode,
    badge_number: r.badgeNumber,
  }));
  const found = await queryRows<OfficerOnFile>(
    tx,
    sql`select o.id, a.code as "agencyCode", o.badge_number as "badgeNumber",
               o.family_name as "familyName", o.given_name as "givenName", o.gender
          from jsonb_to_recordset(${json(keys)}::jsonb) as k(agency_code text, badge_number text)
          join agencies a on a.code = k.agency_code
          join officers o on o.agency_id = a.id and o.badge_number = k.badge_number`,
  );
  const ids = json(found.map((o) => o.id));
  const tours = found.length
    ? await queryRows<TourOnFile>(
        tx,
        sql`select pm.id, pm.officer_id as "officerId", pm.mission_id as "missionId",
                   pm.mission_name as "missionName", pm.role, pm.post_type_code as "postTypeCode",
                   pm.country_code as "countryCode",
                   to_char(pm.start_date, 'YYYY-MM-DD') as "startDate",
                   to_char(pm.end_date, 'YYYY-MM-DD') as "endDate"
              from prior_missions pm
             where pm.officer_id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
      )
    : [];
  const deployments = found.length
    ? await queryRows<DeploymentOnFile>(
        tx,
        sql`select d.officer_id as "officerId", m.acronym as mission,
                   to_char(coalesce(d.actual_start, d.planned_start), 'YYYY-MM-DD') as "startDate",
                   to_char(coalesce(d.actual_end, d.planned_end), 'YYYY-MM-DD') as "endDate"
              from deployments d join missions m on m.id = d.mission_id
             where d.state <> 'withdrawn'
               and d.officer_id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
      )
    : [];
  return { found, tours, deployments };
}

type Change = 'endDate' | 'role' | 'postTypeCode' | 'countryCode' | 'missionId';

/**
 * Import past tours from a CSV or XLSX file (see the module comment). Throws AppError
 * `import_invalid` with every problem; returns what was (or, dry run, would be) done.
 */
export async function importPastTours(
  db: Db,
  ctx: AuditContext,
  content: Buffer,
  options: PastTourImportOptions = {},
): Promise<PastTourReport> {
  if (options.dryRun) return runImport(db, ctx, content, options);
  // Each import (not a dry run) leaves an import run (kernel/imports): succeeded with its rows,
  // failed with the error's code, or failed by the stale sweep when the process died.
  return withImportRun(
    db,
    ctx,
    { kind: 'past_tours', fileName: options.fileName ?? 'past-tours.csv', content },
    { staleSeconds: options.staleSeconds },
    (run) => runImport(db, ctx, content, options, run),
    (report) => report.rows,
  );
}

interface PastTourImportOptions {
  dryRun?: boolean;
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
  options: PastTourImportOptions,
  run?: ImportRunHandle,
): Promise<PastTourReport> {
  const table = await readTable(content);
  options.onProgress?.(0, table.rows.length, 'checking');
  const ix = await loadReferences(db);
  const { rows, errors, columnOf } = validateLines(table, ix, isoDateOf(ctx.now));
  // A file without one readable line (no header, no row) needs nothing more checked.
  if (errors.length && !rows.length) throw invalid(errors);

  const report: PastTourReport = {
    rows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    officersCreated: 0,
    dryRun: options.dryRun ?? false,
  };
  const apply = async (tx: Tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const onFile = await loadOnFile(tx, rows);
    const plan = planWrites(rows, onFile, ix, columnOf);
    if (errors.length || plan.errors.length) throw invalid([...errors, ...plan.errors]);
    await write(tx, ctx, plan, report, options.onProgress);
    // The run's success commits with the rows, or not at all.
    await run?.succeed(tx, rows.length);
  };
  if (options.dryRun) {
    // Run everything, then roll back: the report says exactly what an import would do.
    await db
      .transaction(async (tx) => {
        await apply(tx);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
  } else {
    await db.transaction((tx) => apply(tx));
    if (report.created >= 1000) await db.execute(sql`analyze prior_missions`);
  }
  return report;
}

function invalid(errors: FieldError[]) {
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return new AppError('import_invalid', { count: sorted.length }, sorted.slice(0, MAX_ERRORS));
}

interface Plan {
  errors: FieldError[];
  /** Officers to create, by officer key, with the lines that name them. */
  newOfficers: Map<string, TourLine[]>;
  officerIdOf: Map<string, string>;
  inserts: TourLine[];
  updates: Array<{ row: TourLine; tour: TourOnFile; changes: Partial<Record<Change, string>> }>;
  unchanged: number;
}

/** Check the lines against the records on file and decide each line's write. Pure. */
export function planWrites(
  rows: TourLine[],
  onFile: { found: OfficerOnFile[]; tours: TourOnFile[]; deployments: DeploymentOnFile[] },
  ix: ReferenceIndex,
  /** The file's own header of each column, for the problems' `column`. */
  columnOf: Record<ColumnKey, string>,
): Plan {
  const plan: Plan = {
    errors: [],
    newOfficers: new Map(),
    officerIdOf: new Map(),
    inserts: [],
    updates: [],
    unchanged: 0,
  };
  const officerOf = new Map(onFile.found.map((o) => [officerKeyOf(o), o]));
  const toursOf = new Map<string, TourOnFile[]>();
  for (const t of onFile.tours) toursOf.set(t.officerId, [...(toursOf.get(t.officerId) ?? []), t]);
  const deploymentsOf = new Map<string, DeploymentOnFile[]>();
  for (const d of onFile.deployments)
    deploymentsOf.set(d.officerId, [...(deploymentsOf.get(d.officerId) ?? []), d]);
  // A tour on file without a linked mission is matched by its mission's name.
  const missionIdOf = (t: TourOnFile) =>
    t.missionId ?? resolveMission(t.missionName, t.startDate, ix).mission?.id ?? null;
  const fail = (r: TourLine, column: string, code: string, params: Record<string, unknown>) =>
    plan.errors.push({ path: `${r.line}.${column}`, code, params, line: r.line, column });

  for (const r of rows) {
    const key = officerKeyOf(r);
    const officer = officerOf.get(key);
    if (!officer) {
      plan.newOfficers.set(key, [...(plan.newOfficers.get(key) ?? []), r]);
      plan.inserts.push(r);
      continue;
    }
    plan.officerIdOf.set(key, officer.id);
    const who = { agency: r.agencyCode, badge: r.badgeNumber };
    if (!sameName(officer.familyName, r.familyName))
      fail(r, columnOf.familyName, 'past_tours.name_mismatch', who);
    if (!sameName(officer.givenName, r.givenName))
      fail(r, columnOf.givenName, 'past_tours.name_mismatch', who);
    if (r.gender && r.gender !== officer.gender)
      fail(r, columnOf.gender, 'past_tours.gender_mismatch', who);

    const tours = toursOf.get(officer.id) ?? [];
    const same = tours.find((t) => t.startDate === r.startDate && missionIdOf(t) === r.mission.id);
    const span = spanOf({ startDate: r.startDate, endDate: r.endDate ?? same?.endDate ?? null });
    for (const t of tours)
      if (t !== same && overlaps(span, spanOf(t)))
        fail(r, columnOf.startDate, 'past_tours.overlap_tour', {
          mission: t.missionName,
          start: t.startDate,
          end: t.endDate ?? '',
        });
    for (const d of deploymentsOf.get(officer.id) ?? [])
      if (overlaps(span, [d.startDate, d.endDate]))
        fail(r, columnOf.startDate, 'past_tours.overlap_deployment', {
          mission: d.mission,
          start: d.startDate,
          end: d.endDate,
        });
    if (!same) {
      plan.inserts.push(r);
      continue;
    }
    const changes: Partial<Record<Change, string>> = {};
    if (r.endDate && r.endDate !== same.endDate) changes.endDate = r.endDate;
    if (r.role && r.role !== same.role) changes.role = r.role;
    if (r.postTypeCode && r.postTypeCode !== same.postTypeCode)
      changes.postTypeCode = r.postTypeCode;
    if (r.countryCode && r.countryCode !== same.countryCode) changes.countryCode = r.countryCode;
    if (!same.missionId) changes.missionId = r.mission.id;
    if (Object.keys(changes).length) plan.updates.push({ row: r, tour: same, changes });
    else plan.unchanged++;
  }
  return plan;
}

async function write(
  tx: Tx,
  ctx: AuditContext,
  plan: Plan,
  report: PastTourReport,
  onProgress?: (done: number, total: number, phase: 'checking' | 'writing') => void,
) {
  const audits: AuditInput[] = [];
  // One entry per officer (created, with the tours added), one per tour corrected: an import of
  // thousands of tours stays a readable log, and the chain's hashing stays a small part of it.
  const perOfficer = new Map<string, AuditInput>();
  const entryOf = (officerId: string) => {
    let entry = perOfficer.get(officerId);
    if (!entry) {
      entry = {
        action: 'pastTour.import',
        recordType: 'officer',
        recordId: officerId,
        changes: {},
      };
      perOfficer.set(officerId, entry);
      audits.push(entry);
    }
    return entry;
  };
  const total = plan.inserts.length + plan.updates.length;
  const created = [...plan.newOfficers.values()].map((lines) => {
    const first = lines[0]!;
    const row = {
      id: randomUUID(),
      agencyCode: first.agencyCode,
      badgeNumber: first.badgeNumber,
      givenName: first.givenName,
      familyName: first.familyName,
      gender: lines.find((l) => l.gender)?.gender ?? ('undisclosed' as const),
      rankCode: CREATED_RANK,
      serviceStart: lines.reduce(
        (min, l) => (l.startDate < min ? l.startDate : min),
        first.startDate,
      ),
    };
    plan.officerIdOf.set(officerKeyOf(first), row.id);
    return row;
  });
  if (created.length) {
    const agencyIds = new Map(
      (await tx.select({ id: agencies.id, code: agencies.code }).from(agencies)).map((a) => [
        a.code,
        a.id,
      ]),
    );
    await bulkInsert(
      tx,
      officers,
      created.map(({ agencyCode, ...o }) => ({
        ...o,
        agencyId: agencyIds.get(agencyCode)!,
        preferredLanguage: 'en' as const,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    );
    for (const o of created)
      entryOf(o.id).changes = {
        agency: [null, o.agencyCode],
        badgeNumber: [null, o.badgeNumber],
        givenName: [null, o.givenName],
        familyName: [null, o.familyName],
        gender: [null, o.gender],
        rankCode: [null, o.rankCode],
        serviceStart: [null, o.serviceStart],
      };
    report.officersCreated = created.length;
  }

  const CHUNK = 2000;
  for (let start = 0; start < plan.inserts.length; start += CHUNK) {
    const chunk = plan.inserts.slice(start, start + CHUNK).map((r) => ({
      row: r,
      tour: {
        id: randomUUID(),
        officerId: plan.officerIdOf.get(officerKeyOf(r))!,
        missionId: r.mission.id,
        missionName: r.mission.acronym,
        role: r.role,
        startDate: r.startDate,
        endDate: r.endDate,
        countryCode: r.countryCode,
        postTypeCode: r.postTypeCode,
      },
    }));
    await bulkInsert(
      tx,
      priorMissions,
      chunk.map((c) => c.tour),
    );
    for (const { row, tour } of chunk) {
      const entry = entryOf(tour.officerId);
      const added = (entry.changes!.pastToursAdded?.[1] as unknown[] | undefined) ?? [];
      entry.changes!.pastToursAdded = [
        null,
        [
          ...added,
          {
            id: tour.id,
            mission: tour.missionName,
            ...(nameKey(row.missionWritten) !== nameKey(tour.missionName)
              ? { missionAsWritten: row.missionWritten }
              : {}),
            startDate: tour.startDate,
            endDate: tour.endDate,
            role: tour.role,
            countryCode: tour.countryCode,
          },
        ],
      ];
    }
    report.created += chunk.length;
    onProgress?.(report.created, total, 'writing');
  }

  for (const { tour, changes } of plan.updates) {
    await tx.update(priorMissions).set(changes).where(eq(priorMissions.id, tour.id));
    audits.push({
      action: 'pastTour.import',
      recordType: 'prior_mission',
      recordId: tour.id,
      changes: Object.fromEntries(
        Object.entries(changes).map(([k, v]) => [k, [tour[k as Change] ?? null, v]]),
      ),
    });
    report.updated++;
  }
  report.unchanged = plan.unchanged;
  if (plan.updates.length) onProgress?.(total, total, 'writing');
  await writeAudits(tx, ctx, audits);
}
