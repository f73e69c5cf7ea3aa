/**
 * The program's figures on a 35-year history: BENCH_OFFICERS officers (default 10,000), two tours
 * each in the loaded history (1989 to today), one in-system deployment each (a fifth of them
 * running now), and BENCH_EVENTS deployment moves (default 1,000,000; the figures do not read
 * them, they give the tables their real size). Times, warm (after one run), over BENCH_RUNS runs
 * (default 30): the computation of every figure (p50, p99), and a public answer from the cache
 * when nothing changed (p50, p99: one `max(seq)` of the audit log), with their ratio. Embedded
 * database in memory, and the local PostgreSQL server. Writes bench/results/statistics.json.
 * Run with `node bench/statistics.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { onEachDatabase } from './databases.ts';
import type { Database } from '../src/kernel/db/client.ts';
import { isoDateOf } from '../src/kernel/dates.ts';
import { seedReferenceData } from '../src/modules/reference/seed.ts';
import { publicFigures } from '../src/modules/statistics/rules.ts';
import { computeFigures, statisticsCache } from '../src/modules/statistics/statistics.ts';
import { defaultUnPoliceTargets, targetFor } from '../src/modules/statistics/targets.ts';

const officerCount = Number(process.env.BENCH_OFFICERS ?? 10_000);
const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const root = path.resolve(import.meta.dirname, '..');
const targets = { un: (y: number) => targetFor(defaultUnPoliceTargets, y), program: 30 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function times(fn: () => Promise<unknown>) {
  await fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    all.push(performance.now() - started);
  }
  all.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { p50: round(percentile(all, 50)), p99: round(percentile(all, 99)) };
}

async function measure(label: string, database: Database) {
  await database.migrate();
  await seedReferenceData(database.db);
  const db = database.db;
  const today = isoDateOf(new Date());
  const loadStarted = performance.now();
  await db.execute(sql`
    insert into officers (agency_id, badge_number, given_name, family_name, gender, rank_code, service_start)
    select (select array_agg(id order by code) from agencies)[1 + i % (select count(*) from agencies)::int],
           'BENCH-' || i, 'Given', 'Family' || i,
           case when i % 4 = 0 then 'woman' else 'man' end, 'constable', date '1965-01-01' + (i % 12000)
      from generate_series(1, ${officerCount}) i`);
  await db.execute(sql`
    with o as (select id, row_number() over (order by badge_number) as n from officers),
         m as (select array_agg(id order by code) as ids, count(*)::int as k from missions)
    insert into prior_missions (officer_id, mission_id, mission_name, start_date, end_date)
    select o.id, m.ids[1 + (o.n * 7 + g * 13) % m.k], 'History',
           date '1989-10-01' + ((o.n * 37 + g * 4001) % 12500)::int,
           date '1989-10-01' + ((o.n * 37 + g * 4001) % 12500)::int + 300
      from o, m, generate_series(0, 1) g`);
  await db.execute(sql`
    with o as (select id, row_number() over (order by badge_number) as n from officers),
         m as (select array_agg(id order by code) as ids, count(*)::int as k from missions)
    insert into deployments (officer_id, mission_id, state, planned_start, planned_end, actual_start, actual_end, mode)
    select o.id, m.ids[1 + o.n % m.k],
           case when o.n % 5 = 0 then 'in_theatre' when o.n % 5 = 1 then 'remote' else 'closed' end,
           ${today}::date - 400 - (o.n % 2000)::int, ${today}::date - 35 - (o.n % 2000)::int + 365 * 2,
           ${today}::date - 400 - (o.n % 2000)::int,
           case when o.n % 5 >= 2 then ${today}::date - 100 - (o.n % 2000)::int end,
           case when o.n % 5 = 1 then 'remote' else 'in_theatre' end
      from o, m`);
  await db.execute(sql`
    with d as (select array_agg(id) as ids, count(*)::int as k from deployments)
    insert into deployment_moves (deployment_id, from_state, to_state, at)
    select d.ids[1 + e % d.k], 'in_theatre', 'remote', now() - (e % 12000) * interval '1 day'
      from d, generate_series(1, ${events}) e`);
  const loadMs = Math.round(performance.now() - loadStarted);

  const compute = await times(() => computeFigures(db, today));
  const cache = statisticsCache();
  const cached = await times(async () => publicFigures(await cache.figures(db, today), targets));
  const figures = await computeFigures(db, today);
  return {
    database: label,
    officers: officerCount,
    tours: figures.tours,
    deploymentMoves: events,
    loadMs,
    computeMs: compute,
    publicFromCacheMs: cached,
    computationsDuringCachedRuns: cache.computations,
    ratioP50: Math.round((compute.p50 / cached.p50) * 10) / 10,
    headline: {
      officersDeployed: figures.officersDeployed,
      countries: figures.countries,
      missions: figures.missions,
      deployedNow: figures.deployedNow.total,
    },
  };
}

const results = await onEachDatabase(measure);
console.table(
  results.map((r) => ({
    database: r.database,
    'compute p50 ms': r.computeMs.p50,
    'compute p99 ms': r.computeMs.p99,
    'cached p50 ms': r.publicFromCacheMs.p50,
    'cached p99 ms': r.publicFromCacheMs.p99,
    'ratio (p50)': r.ratioP50,
    computations: r.computationsDuringCachedRuns,
  })),
);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/statistics.json'),
  JSON.stringify({ at: new Date().toISOString(), runs, results }, null, 2),
);
