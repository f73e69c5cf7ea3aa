/**
 * The people register at scale: import throughput of a generated officers file (rows/s, against
 * a raw COPY of the same officers and qualifications in the same run), then the officer list and its
 * filters with 100,000 officers on file (median of several runs). Embedded database, and
 * PostgreSQL when DATABASE_URL or the local server answers. Writes bench/results/people.json.
 * Run with `node bench/people.ts` (BENCH_OFFICERS=20000 for a quicker run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AuditContext } from '../src/kernel/audit/audit.ts';
import { isoDateOf } from '../src/kernel/dates.ts';
import { readTable, validateTable } from '../src/modules/officers/import-file.ts';
import { copyRows, type CopyTarget } from './copy.ts';
import { onEachDatabase } from './databases.ts';
import { queryRows, type Database } from '../src/kernel/db/client.ts';
import { sql } from 'drizzle-orm';
import { importOfficers } from '../src/modules/officers/import.ts';
import { listOfficers } from '../src/modules/officers/officers.ts';
import { seedReferenceData } from '../src/modules/reference/seed.ts';
import { agencies as agencyRows } from '../src/modules/reference/data/agencies.ts';

const total = Number(process.env.BENCH_OFFICERS ?? 100_000);
const root = path.resolve(import.meta.dirname, '..');

/** A deterministic pseudo-random generator, so every run imports the same file. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

function officersCsv(n: number, offset = 0): string {
  const random = rng(1989 + offset);
  const given = [
    'Marie',
    'Jean',
    'Aisha',
    'Louis',
    'Sarah',
    'Marc',
    'Julie',
    'David',
    'Amélie',
    'Kevin',
    'Nadia',
    'Éric',
  ];
  const family = [
    'Tremblay',
    'Gagnon',
    'Roy',
    'Côté',
    'Bouchard',
    'Smith',
    'Brown',
    'Wilson',
    'Martin',
    'Lee',
    'Diallo',
    'Whitehorse',
  ];
  const ranks = ['constable', 'corporal', 'sergeant', 'staff_sergeant', 'inspector'];
  const codes = agencyRows.map((a) => a.code);
  const lines = [
    'agency_code,badge_number,given_name,family_name,gender,date_of_birth,rank,service_start,english_score,english_tested_on,french_score,french_tested_on,passport_number,passport_issued_on,passport_expires_on',
  ];
  for (let i = 0; i < n; i++) {
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const agency = random() < 0.35 ? 'RCMP' : pick(codes);
    const year = 1975 + Math.floor(random() * 25);
    const start = year + 22 + Math.floor(random() * 5);
    const french = random() < 0.5;
    lines.push(
      [
        agency,
        `B${offset + i}`,
        pick(given),
        pick(family),
        random() < 0.3 ? 'woman' : 'man',
        `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        pick(ranks),
        `${Math.min(start, 2024)}-09-01`,
        40 + Math.floor(random() * 60),
        '2024-02-01',
        french ? 40 + Math.floor(random() * 60) : '',
        french ? '2024-03-01' : '',
        `P${offset + i}`,
        '2021-01-01',
        `${2026 + Math.floor(random() * 6)}-01-01`,
      ].join(','),
    );
  }
  return lines.join('\n');
}

function median(values: number[]) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/**
 * The baseline: the same officers and qualifications the import would write (the file read and
 * checked by the import's own functions, beforehand and not timed), loaded by a raw COPY of each
 * table, no matching, no audit; then emptied again for the import.
 */
async function rawCopy(
  database: Database,
  url: string | undefined,
  file: Buffer,
  ctx: AuditContext,
) {
  const agencyRows = await queryRows<{ id: string; code: string }>(
    database.db,
    sql`select id, code from agencies`,
  );
  const rankRows = await queryRows<{ code: string }>(database.db, sql`select code from ranks`);
  const agencyIdOf = new Map(agencyRows.map((a) => [a.code, a.id]));
  const { rows, errors } = validateTable(await readTable(file), {
    agencyCodes: new Set(agencyIdOf.keys()),
    rankCodes: new Set(rankRows.map((r) => r.code)),
    onlyAgency: null,
    today: isoDateOf(ctx.now),
  });
  if (errors.length) throw new Error(`generated file invalid: ${JSON.stringify(errors[0])}`);
  const officerRows: unknown[][] = [];
  const qualificationRows: unknown[][] = [];
  for (const r of rows) {
    const id = randomUUID();
    officerRows.push([
      id,
      agencyIdOf.get(r.agencyCode),
      r.badgeNumber,
      r.givenName,
      r.familyName,
      r.gender,
      r.dateOfBirth,
      r.rankCode,
      r.agencyRankTitle,
      r.serviceStart,
      r.email,
      r.phone,
      r.preferredLanguage,
      ctx.now,
      ctx.now,
    ]);
    for (const q of r.qualifications)
      qualificationRows.push([
        id,
        q.kind,
        q.code,
        q.score,
        q.passed,
        q.obtainedOn,
        q.expiresOn,
        q.documentNumber,
        ctx.now,
        ctx.now,
      ]);
  }
  const target: CopyTarget = url ? { url } : { pglite: database.pglite! };
  const [, ms] = await timed(async () => {
    await copyRows(target, 'officers', officerColumns, officerRows);
    await copyRows(target, 'qualifications', qualificationColumns, qualificationRows);
  });
  await database.db.execute(sql`truncate qualifications, officers cascade`);
  return { ms, qualifications: qualificationRows.length };
}

const officerColumns = [
  'id',
  'agency_id',
  'badge_number',
  'given_name',
  'family_name',
  'gender',
  'date_of_birth',
  'rank_code',
  'agency_rank_title',
  'service_start',
  'email',
  'phone',
  'preferred_language',
  'created_at',
  'updated_at',
];
const qualificationColumns = [
  'officer_id',
  'kind',
  'code',
  'score',
  'passed',
  'obtained_on',
  'expires_on',
  'document_number',
  'created_at',
  'updated_at',
];

async function measure(label: string, database: Database, url?: string) {
  await database.migrate();
  await seedReferenceData(database.db);
  const ctx = { actorId: null, actorRole: 'bench', requestId: null, now: new Date() };
  const file = Buffer.from(officersCsv(total));
  const raw = await rawCopy(database, url, file, ctx);
  const [report, importMs] = await timed(() => importOfficers(database.db, ctx, file));

  const [again, reimportMs] = await timed(() => importOfficers(database.db, ctx, file));

  const today = new Date().toISOString().slice(0, 10);
  const queries: Record<string, () => Promise<unknown>> = {
    'first page, by name': () => listOfficers(database.db, {}, { page: 1, pageSize: 25 }, today),
    'name search "trem"': () =>
      listOfficers(database.db, { q: 'trem' }, { page: 1, pageSize: 25 }, today),
    'French >= 60, sergeant or above': () =>
      listOfficers(
        database.db,
        { language: 'fr', minScore: 60, rank: 'sergeant' },
        { page: 1, pageSize: 25 },
        today,
      ),
    'valid passport on a date': () =>
      listOfficers(
        database.db,
        { qualification: 'passport', validOn: '2027-06-01' },
        { page: 1, pageSize: 25 },
        today,
      ),
    'page 400': () => listOfficers(database.db, {}, { page: 400, pageSize: 25 }, today),
  };
  const listing: Record<string, number> = {};
  for (const [name, run] of Object.entries(queries)) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await timed(run))[1]);
    listing[name] = Math.round(median(times) * 10) / 10;
  }
  return {
    database: label,
    officers: total,
    importSeconds: Math.round(importMs / 100) / 10,
    qualifications: raw.qualifications,
    importRowsPerSecond: Math.round(total / (importMs / 1000)),
    rawCopyRowsPerSecond: Math.round(total / (raw.ms / 1000)),
    importVsRawCopy: Math.round((raw.ms / importMs) * 100) / 100,
    reimportSeconds: Math.round(reimportMs / 100) / 10,
    reimportUnchanged: again.unchanged === report.rows,
    listMedianMs: listing,
  };
}

const results = await onEachDatabase(measure);
console.table(results.map(({ listMedianMs: _list, ...r }) => r));
console.table(Object.fromEntries(results.map((r) => [r.database, r.listMedianMs])));
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/people.json'),
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
