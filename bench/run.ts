/**
 * `npm run bench`: every benchmark, each as its own process, one after the other, with sizes that
 * fit about ten minutes on a 2-core machine; then ONE summary table of the figures (from each
 * section's bench/results/<section>.json), also written to bench/results/summary.json.
 * Sections: foundation (start-to-serving, bundle gzip), api (load on every module's endpoints vs
 * a raw ceiling), people (import vs raw COPY, the officer list), selection (optimizer vs HiGHS),
 * statistics (dashboard, public page and reports on a 35-year history).
 * Sizes: BENCH_API_OFFICERS (3,000), BENCH_API_SECONDS (3), BENCH_IMPORT_OFFICERS (20,000),
 * BENCH_HISTORY_OFFICERS (5,000), BENCH_STATISTICS_RUNS (10), BENCH_FOUNDATION_RUNS (2),
 * BENCH_SELECTION_SIZES (5); BENCH_SECTIONS=api,people to run only some. A section that fails
 * (any non-2xx answer under load included) is reported and makes the run exit 1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable, root } from './load.ts';

const env = process.env;
const sections: Array<{ name: string; script: string; env: Record<string, string> }> = [
  {
    name: 'foundation',
    script: 'bench/foundation.ts',
    env: { BENCH_RUNS: env.BENCH_FOUNDATION_RUNS ?? '2' },
  },
  {
    name: 'api',
    script: 'bench/api.ts',
    env: {
      BENCH_API_OFFICERS: env.BENCH_API_OFFICERS ?? '3000',
      BENCH_API_SECONDS: env.BENCH_API_SECONDS ?? '3',
    },
  },
  {
    name: 'people',
    script: 'bench/people.ts',
    env: { BENCH_OFFICERS: env.BENCH_IMPORT_OFFICERS ?? '20000' },
  },
  {
    name: 'selection',
    script: 'bench/selection.ts',
    env: {
      BENCH_SIZES: env.BENCH_SELECTION_SIZES ?? '5',
      BENCH_HIGHS_LIMIT: env.BENCH_HIGHS_LIMIT ?? '120',
    },
  },
  {
    name: 'statistics',
    script: 'bench/statistics.ts',
    env: {
      BENCH_OFFICERS: env.BENCH_HISTORY_OFFICERS ?? '5000',
      BENCH_RUNS: env.BENCH_STATISTICS_RUNS ?? '10',
    },
  },
];
const chosen = env.BENCH_SECTIONS?.split(',').map((s) => s.trim());

function run(script: string, extra: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...env, ...extra },
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const started = performance.now();
const ran: Array<{ section: string; exitCode: number | null; seconds: number }> = [];
const resultsDir = path.join(root, 'bench/results');
for (const s of sections) {
  if (chosen && !chosen.includes(s.name)) continue;
  console.log(`\n=== ${s.name} (${s.script}, ${JSON.stringify(s.env)}) ===`);
  fs.rmSync(path.join(resultsDir, `${s.name}.json`), { force: true });
  const t = performance.now();
  const exitCode = await run(s.script, s.env);
  ran.push({ section: s.name, exitCode, seconds: Math.round((performance.now() - t) / 1000) });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each section's JSON, read as written */
function read(section: string): any {
  const file = path.join(resultsDir, `${section}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}
const isEmbedded = (label: string) => /embedded|pglite/i.test(label);
const n = (v: number) => v.toLocaleString('en');

/** Rows: section, figure, embedded (PGlite), PostgreSQL. */
const rows: string[][] = [];
const both = (section: string, figure: string, results: any[], cell: (r: any) => string) => {
  const pglite = results.find((r) => isEmbedded(r.database));
  const postgres = results.find((r) => !isEmbedded(r.database));
  rows.push([section, figure, pglite ? cell(pglite) : '-', postgres ? cell(postgres) : '-']);
};

const foundation = read('foundation');
if (foundation) {
  rows.push([
    'foundation',
    'first start to ready, demo seeded (median)',
    `${n(foundation.firstStartMs)} ms`,
    '-',
  ]);
  rows.push(['foundation', 'restart to ready (median)', `${n(foundation.restartMs)} ms`, '-']);
  rows.push([
    'foundation',
    'web JS / CSS, gzip',
    `${n(foundation.webJsGzipBytes)} / ${n(foundation.webCssGzipBytes)} B`,
    '',
  ]);
}
const api = read('api');
if (api) {
  const results = api.results as any[];
  const load = (r: any) => `${n(r.requestsPerSecond)} req/s, p50 ${r.p50Ms} / p99 ${r.p99Ms} ms`;
  both('api', `start to serving, loaded history`, results, (r) => `${n(r.appReadyMs)} ms`);
  both(
    'api',
    'ceiling: raw node:http + 1 pk query, before / after',
    results,
    (r) =>
      `${n(r.ceilingBefore.requestsPerSecond)} / ${n(r.ceilingAfter.requestsPerSecond)} req/s, p50 ${r.ceilingBefore.p50Ms} / p99 ${r.ceilingBefore.p99Ms} ms`,
  );
  const endpoints = (results[0]?.endpoints ?? []) as any[];
  endpoints.forEach((e, i) =>
    both('api', `${e.module} ${e.kind}`, results, (r) => {
      const x = r.endpoints[i];
      const failed = x.non2xx + x.errors + x.timeouts;
      return `${load(x)} (${x.ratioToCeiling}x)${failed ? ` FAILED ${failed}` : ''}`;
    }),
  );
}
const people = read('people');
if (people) {
  const results = people.results as any[];
  both('import', `officers import, rows/s (${n(results[0]?.officers ?? 0)} rows)`, results, (r) =>
    n(r.importRowsPerSecond),
  );
  both('import', 'raw COPY of the same rows, rows/s', results, (r) => n(r.rawCopyRowsPerSecond));
  both('import', 'import / raw COPY', results, (r) => `${r.importVsRawCopy}x`);
  both('import', 're-import, nothing changes', results, (r) => `${r.reimportSeconds} s`);
  for (const name of Object.keys(results[0]?.listMedianMs ?? {}))
    both('people', `officer list: ${name} (median)`, results, (r) => `${r.listMedianMs[name]} ms`);
}
const selection = read('selection');
if (selection)
  for (const r of selection.results as any[])
    rows.push([
      'selection',
      `${r.size}: optimizer vs HiGHS`,
      `${r.oursMs} ms vs ${r.highsMs === null ? r.highsStatus : `${n(r.highsMs)} ms`}${r.speedup ? ` (${r.speedup}x faster${r.equal ? ', same optimum' : r.equal === false ? ', DIFFERENT optimum' : ''})` : ''}`,
      '(no database)',
    ]);
const statistics = read('statistics');
if (statistics) {
  const results = statistics.results as any[];
  both(
    'statistics',
    'history: officers / deployment events',
    results,
    (r) => `${n(r.officers)} / ${n(r.events)}`,
  );
  for (const name of Object.keys(results[0]?.queries ?? {}))
    both(
      'statistics',
      `${name}, p50 / p99`,
      results,
      (r) => `${r.queries[name].p50} / ${r.queries[name].p99} ms`,
    );
}

const totalSeconds = Math.round((performance.now() - started) / 1000);
console.log(
  `\n=== summary: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${totalSeconds} s in all ===`,
);
console.log(
  formatTable(['section', 'figure', 'embedded (PGlite)', 'PostgreSQL'], rows, ['l', 'l', 'l', 'l']),
);
console.log(
  `\n${ran.map((r) => `${r.section} ${r.seconds} s${r.exitCode === 0 ? '' : ` FAILED (exit ${r.exitCode})`}`).join(', ')}`,
);
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, 'summary.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}`,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtEnd: os.loadavg(),
      },
      totalSeconds,
      sections: ran,
      table: rows.map(([section, figure, embedded, postgres]) => ({
        section,
        figure,
        embedded,
        postgres,
      })),
    },
    null,
    2,
  )}\n`,
);
if (ran.some((r) => r.exitCode !== 0)) process.exitCode = 1;
