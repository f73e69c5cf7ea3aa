/**
 * The dashboard's, the public page's and the reports' queries on a 35-year history
 * (bench/history.ts: BENCH_OFFICERS officers, default 10,000; tours before 2000 as the loaded
 * history, later ones as deployments with over a million deployment events: every move of every
 * tour and a weekly check-in in theatre), warm: every figure computed, the public answer from the
 * cache with nothing changed, each report; each query runs once, then BENCH_RUNS times (default 30);
 * p50 and p99 in milliseconds. On the embedded database (in memory) and the local PostgreSQL
 * server. Writes bench/results/statistics.json. Run with `node bench/statistics.ts`; set
 * BENCH_DATABASES=postgres to skip the embedded one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isoDateOf } from '../src/kernel/dates.ts';
import type { Database } from '../src/kernel/db/client.ts';
import { buildReport, reportIds } from '../src/modules/reports/definitions.ts';
import { seedReferenceData } from '../src/modules/reference/seed.ts';
import { publicFigures } from '../src/modules/statistics/rules.ts';
import { computeFigures, statisticsCache } from '../src/modules/statistics/statistics.ts';
import { defaultUnPoliceTargets, targetFor } from '../src/modules/statistics/targets.ts';
import { onEachDatabase } from './databases.ts';
import { generateHistory } from './history.ts';

const officers = Number(process.env.BENCH_OFFICERS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const root = path.resolve(import.meta.dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function warm(fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}

async function measure(label: string, database: Database) {
  await database.migrate();
  await seedReferenceData(database.db);
  const db = database.db;
  const today = isoDateOf(new Date());
  const started = performance.now();
  const counts = await generateHistory(db, today, {
    officers,
    checkInsSince: 1989,
    loadedHistoryBefore: 2000,
    seed: 1989,
  });
  const generateSeconds = Math.round((performance.now() - started) / 100) / 10;
  await database.db.execute('analyze');
  const queries: Record<string, { p50: number; p99: number }> = {};
  // The dashboard and the public page: every figure computed, then the public answer from the
  // cache with nothing changed (one look at the audit sequence, then the suppression rule).
  queries['every figure computed (dashboard)'] = await warm(() => computeFigures(db, today));
  const cache = statisticsCache();
  const targets = { un: (y: number) => targetFor(defaultUnPoliceTargets, y), program: 30 };
  queries['public answer from the cache'] = await warm(async () =>
    publicFigures(await cache.figures(db, today), targets),
  );
  const computations = cache.computations;
  const figures = await computeFigures(db, today);
  for (const id of reportIds)
    queries[`report ${id}`] = await warm(() => buildReport(db, id, {}, today));
  queries['report current-contingent, women only'] = await warm(() =>
    buildReport(db, 'current-contingent', { gender: 'woman' }, today),
  );
  return {
    database: label,
    ...counts,
    generateSeconds,
    runs,
    queries,
    computationsDuringCachedAnswers: computations,
    headline: {
      officersDeployed: figures.officersDeployed,
      tours: figures.tours,
      countries: figures.countries,
      missions: figures.missions,
      deployedNow: figures.deployedNow.total,
    },
  };
}

const only = process.env.BENCH_DATABASES;
const results = (
  await onEachDatabase(async (label, database) =>
    only === 'postgres' && label.startsWith('embedded') ? null : measure(label, database),
  )
).filter((r) => r !== null);

for (const r of results) {
  console.log(
    `\n${r.database}: ${r.officers.toLocaleString('en')} officers, ${r.deployments.toLocaleString('en')} deployments, ${r.priorTours.toLocaleString('en')} loaded-history tours, ${r.events.toLocaleString('en')} deployment events (${r.moves.toLocaleString('en')} moves, ${r.checkIns.toLocaleString('en')} check-ins), generated in ${r.generateSeconds} s`,
  );
  console.log(
    `headline: ${JSON.stringify(r.headline)}; computations during the ${runs + 1} cached answers: ${r.computationsDuringCachedAnswers}`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(r.queries).map(([k, v]) => [k, { 'p50 ms': v.p50, 'p99 ms': v.p99 }]),
    ),
  );
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/statistics.json'),
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
