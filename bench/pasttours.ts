/**
 * The history import at scale: a generated past-tours file (BENCH_TOURS lines, 10,000 by default:
 * two tours per officer, in real missions, some under former names or French acronyms, some in
 * dissolved states), imported into an empty register (every officer created), then imported
 * again (every line unchanged). The ceiling: the same tours written by one unchecked
 * `insert ... select from jsonb_to_recordset` (what bulkInsert does), no checks and no audit, in
 * the same run. Embedded database, and PostgreSQL when DATABASE_URL or the local server answers.
 * Writes bench/results/pasttours.json. Run with `node bench/pasttours.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { onEachDatabase } from './databases.ts';
import { queryRows, type Database } from '../src/kernel/db/client.ts';
import { importPastTours } from '../src/modules/pasttours/pasttours.ts';
import { seedReferenceData } from '../src/modules/reference/seed.ts';

const root = path.resolve(import.meta.dirname, '..');
const total = Number(process.env.BENCH_TOURS ?? 10_000);

/** First tour, then second tour, of each officer: [mission as written, country, start, end]. */
const pairs: Array<[[string, string, string, string], [string, string, string, string]]> = [
  [
    ['FORPRONU', 'Yugoslavia', '1993-03-01', '1994-02-28'],
    ['UNMIH', 'HT', '1995-03-01', '1996-02-28'],
  ],
  [
    ['IPTF', 'BA', '1997-01-01', '1997-12-31'],
    ['UNMIK', 'Serbia and Montenegro', '2004-01-05', '2004-12-20'],
  ],
  [
    ['MINUSTAH', 'Haïti', '2006-03-01', '2007-02-28'],
    ['MONUC', 'CD', '2011-01-10', '2011-12-20'],
  ],
  [
    ['UNTAG', 'NA', '1989-10-01', '1990-03-21'],
    ['MINUAR', 'RW', '1994-08-01', '1995-07-31'],
  ],
];
const agencies = ['RCMP', 'SQ', 'SPVM', 'OPP', 'RNC'];
const posts = ['individual_police_officer', 'trainer', 'Police monitor', 'investigator_mentor'];

function toursCsv(lines: number): string {
  const out = [
    'badge_number,agency,family_name,given_name,gender,mission,country,post,start_date,end_date',
  ];
  for (let i = 0; out.length <= lines; i++) {
    const agency = agencies[i % agencies.length]!;
    const pair = pairs[i % pairs.length]!;
    for (const [mission, country, start, end] of pair) {
      if (out.length > lines) break;
      out.push(
        [
          `H${i}`,
          agency,
          `Family${i}`,
          `Given${i}`,
          i % 5 === 0 ? 'woman' : 'man',
          mission,
          country,
          posts[i % posts.length],
          start,
          end,
        ].join(','),
      );
    }
  }
  return out.join('\n');
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

async function measure(label: string, database: Database) {
  await database.migrate();
  await seedReferenceData(database.db);
  const ctx = { actorId: null, actorRole: 'bench', requestId: null, now: new Date() };
  const file = Buffer.from(toursCsv(total));
  const [report, importMs] = await timed(() => importPastTours(database.db, ctx, file));
  const [again, reimportMs] = await timed(() => importPastTours(database.db, ctx, file));

  // The ceiling: the same tours (officers already on file), one unchecked statement, no audit.
  const rows = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select officer_id, mission_id, mission_name, role, start_date, end_date, country_code,
               post_type_code from prior_missions`,
  );
  const [, rawMs] = await timed(() =>
    database.db.execute(
      sql`insert into prior_missions (officer_id, mission_id, mission_name, role, start_date, end_date, country_code, post_type_code)
          select officer_id, mission_id, mission_name, role, start_date, end_date, country_code, post_type_code
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(officer_id uuid, mission_id uuid, mission_name text, role text, start_date date, end_date date, country_code text, post_type_code text)`,
    ),
  );
  return {
    database: label,
    lines: report.rows,
    officersCreated: report.officersCreated,
    importSeconds: Math.round(importMs / 100) / 10,
    importRowsPerSecond: Math.round(report.rows / (importMs / 1000)),
    rawInsertRowsPerSecond: Math.round(rows.length / (rawMs / 1000)),
    importVsRaw: Math.round((rawMs / importMs) * 1000) / 1000,
    reimportSeconds: Math.round(reimportMs / 100) / 10,
    reimportRowsPerSecond: Math.round(again.rows / (reimportMs / 1000)),
    reimportUnchanged: again.unchanged === report.rows,
  };
}

const results = await onEachDatabase(measure);
console.table(results);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/pasttours.json'),
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
