/**
 * The API under load. For each database (the embedded one in a temporary DATA_DIR, and a fresh
 * database `peaceops_bench_api` on the local PostgreSQL server, dropped afterwards): load the
 * demo data (every module's records, through the use cases) and a generated 35-year history of
 * BENCH_API_OFFICERS officers (default 3,000) with a bench program_officer account; then
 *  1. the ceiling: bench/ceiling.ts (raw node:http + one primary-key query per request; a
 *     node-postgres Pool of 10, or one PGlite instance) as a separate process, under autocannon,
 *     before the app and again after it (the ratios divide by the mean of the two);
 *  2. the real app (`node src/cli.ts serve`) as a separate process, signed in over HTTP as the
 *     program officer, each endpoint (a list and a read of every module, the dashboard, the
 *     public statistics and the public page's HTML) warmed up, then under autocannon
 *     (BENCH_API_CONNECTIONS connections, default 10, for BENCH_API_SECONDS seconds, default 4).
 * autocannon runs as its own process, on the same 2 cores: compare with the ceiling, measured the
 * same way in the same run. A run with any non-2xx answer or socket error is a failed bench: it is
 * printed and the process exits 1. Writes bench/results/api.json.
 * Run with `node bench/api.ts` (BENCH_DATABASES=postgres or embedded for one of them; the server
 * from BENCH_POSTGRES_URL, default postgres@127.0.0.1, skipped with a word when it does not answer).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { addDays, isoDateOf } from '../src/kernel/dates.ts';
import { openDatabase, queryRows, type Database } from '../src/kernel/db/client.ts';
import { createIncident } from '../src/modules/incidents/incidents.ts';
import { incidentSeverities, incidentTypes } from '../src/modules/incidents/schema.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { OFFICERS_AT_SMALL_SCALE } from '../src/modules/history/history.ts';
import { addUser } from '../src/modules/users/users.ts';
import { autocannon, formatTable, ratio, root, startServer, type LoadResult } from './load.ts';

const officers = Number(process.env.BENCH_API_OFFICERS ?? 3000);
const connections = Number(process.env.BENCH_API_CONNECTIONS ?? 10);
const seconds = Number(process.env.BENCH_API_SECONDS ?? 4);
const only = process.env.BENCH_DATABASES;
const email = 'bench.officer@bench.peaceops.ca';
const password = 'bench load password 2026 correct horse';
const appPort = 3971;
const ceilingPort = 3972;

interface Ids {
  officer: string;
  mission: string;
  request: string;
  decision: string;
  call: string;
  application: string;
  session: string;
  deployment: string;
  incident: string;
  evaluation: string;
}

/** The endpoints: a list and a read of each module, as the program officer. */
function endpoints(ids: Ids): Array<{ module: string; kind: string; path: string }> {
  return [
    { module: 'officers', kind: 'list', path: '/api/v1/officers' },
    { module: 'officers', kind: 'read', path: `/api/v1/officers/${ids.officer}` },
    { module: 'missions', kind: 'list', path: '/api/v1/missions' },
    { module: 'missions', kind: 'read', path: `/api/v1/missions/${ids.mission}` },
    { module: 'posts', kind: 'list', path: `/api/v1/missions/${ids.mission}/posts` },
    { module: 'requests', kind: 'list', path: '/api/v1/requests' },
    { module: 'requests', kind: 'read', path: `/api/v1/requests/${ids.request}` },
    { module: 'decisions', kind: 'list', path: '/api/v1/decisions' },
    { module: 'decisions', kind: 'read', path: `/api/v1/decisions/${ids.decision}` },
    { module: 'calls', kind: 'list', path: '/api/v1/calls' },
    { module: 'calls', kind: 'read', path: `/api/v1/calls/${ids.call}` },
    { module: 'applications', kind: 'list', path: '/api/v1/applications' },
    { module: 'applications', kind: 'read', path: `/api/v1/applications/${ids.application}` },
    { module: 'training sessions', kind: 'list', path: '/api/v1/sessions' },
    { module: 'training sessions', kind: 'read', path: `/api/v1/sessions/${ids.session}` },
    { module: 'deployments', kind: 'list', path: `/api/v1/missions/${ids.mission}/contingent` },
    { module: 'deployments', kind: 'read', path: `/api/v1/deployments/${ids.deployment}` },
    {
      module: 'check-ins',
      kind: 'list',
      path: `/api/v1/deployments/${ids.deployment}/check-ins`,
    },
    { module: 'incidents', kind: 'list', path: '/api/v1/incidents' },
    { module: 'incidents', kind: 'read (audited)', path: `/api/v1/incidents/${ids.incident}` },
    { module: 'evaluations', kind: 'list', path: '/api/v1/evaluations' },
    { module: 'evaluations', kind: 'read', path: `/api/v1/evaluations/${ids.evaluation}` },
    { module: 'reports', kind: 'list', path: '/api/v1/reports' },
    { module: 'reports', kind: 'read', path: '/api/v1/reports/current-contingent' },
    { module: 'statistics', kind: 'dashboard', path: '/api/v1/statistics/dashboard' },
    { module: 'statistics', kind: 'public (anonymous)', path: '/api/v1/public/statistics' },
    { module: 'public page', kind: 'HTML (anonymous)', path: '/en/statistics' },
  ];
}

interface LoadedCounts {
  officers: number;
  tours: number;
  /** Moves and check-ins. */
  events: number;
}

async function historyCounts(db: Database['db']): Promise<LoadedCounts> {
  const [row] = await queryRows<LoadedCounts>(
    db,
    sql`select (select count(*)::int from officers) as officers,
               (select count(*)::int from prior_missions) + (select count(*)::int from deployments) as tours,
               (select count(*)::int from deployment_moves) + (select count(*)::int from check_ins) as events`,
  );
  return row!;
}

async function prepare(database: Database): Promise<{ counts: LoadedCounts; ids: Ids }> {
  const db = database.db;
  const ctx = { actorId: null, actorRole: 'bench', requestId: null, now: new Date() };
  await database.migrate();
  // The demo, its generated part (1989-2018) scaled to the bench's size, with deployments and
  // weekly check-ins from 2000 (the curated records from 2019 on stay as they are).
  await seedDemo(db, ctx, undefined, {
    multiplier: officers / OFFICERS_AT_SMALL_SCALE,
    cutover: 2000,
    checkInsSince: 2000,
  });
  const counts = await historyCounts(db);
  await addUser(db, ctx, {
    email,
    displayName: 'Bench program officer',
    password,
    role: 'program_officer',
  });
  await db.execute(sql`analyze`);
  const one = async (query: ReturnType<typeof sql>, what: string) => {
    const [row] = await queryRows<{ id: string }>(db, query);
    if (!row) throw new Error(`no ${what} in the loaded data`);
    return row.id;
  };
  // The mission with the largest contingent now, and its deployment with the most check-ins.
  const mission = await one(
    sql`select mission_id as id from deployments where state in ('in_theatre', 'remote')
        group by mission_id order by count(*) desc, mission_id limit 1`,
    'mission with a contingent',
  );
  // The demo records no incidents: 40 on that mission, each naming two of its officers.
  const crew = await queryRows<{ id: string }>(
    db,
    sql`select distinct officer_id as id from deployments where mission_id = ${mission} order by 1 limit 80`,
  );
  const today = isoDateOf(new Date());
  for (let i = 0; i < 40; i++)
    await createIncident(db, ctx, {
      missionId: mission,
      type: incidentTypes[i % incidentTypes.length]!,
      severity: incidentSeverities[i % incidentSeverities.length]!,
      occurredOn: addDays(today, -3 * i),
      place: 'Bench',
      officerIds: [crew[(2 * i) % crew.length]!.id, crew[(2 * i + 1) % crew.length]!.id],
      narrative: `Generated incident ${i + 1} for the load benchmark.`,
    });
  const ids: Ids = {
    officer: await one(
      sql`select officer_id as id from deployments group by officer_id order by count(*) desc, officer_id limit 1`,
      'officer',
    ),
    mission,
    deployment: await one(
      sql`select d.id from deployments d join check_ins c on c.deployment_id = d.id
          where d.mission_id = ${mission} and d.state in ('in_theatre', 'remote')
          group by d.id order by count(*) desc, d.id limit 1`,
      'deployment',
    ),
    request: await one(sql`select id from requests order by id limit 1`, 'request'),
    decision: await one(sql`select id from decisions order by id limit 1`, 'decision'),
    call: await one(sql`select id from calls order by id limit 1`, 'call'),
    application: await one(sql`select id from applications order by id limit 1`, 'application'),
    session: await one(sql`select id from course_sessions order by id limit 1`, 'session'),
    incident: await one(sql`select id from incidents order by id limit 1`, 'incident'),
    evaluation: await one(sql`select id from evaluations order by id limit 1`, 'evaluation'),
  };
  return { counts, ids };
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('peaceops_session='));
  if (!cookie) throw new Error('sign-in: no session cookie');
  return cookie;
}

/** A few sequential requests: caches and JIT warm, and a clear error when one is not 200. */
async function warmUp(url: string, headers: Record<string, string>, n = 8) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(url, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
  }
}

interface EndpointResult extends LoadResult {
  module: string;
  kind: string;
  path: string;
  ratioToCeiling: number | null;
}

/** The ceiling server (bench/ceiling.ts) as its own process, warmed up, under autocannon. */
async function measureCeiling(env: Record<string, string>, officerId: string) {
  const server = await startServer(
    ['bench/ceiling.ts'],
    { ...env, PORT: String(ceilingPort) },
    `http://127.0.0.1:${ceilingPort}/ready`,
  );
  try {
    const url = `http://127.0.0.1:${ceilingPort}/officers/${officerId}`;
    await warmUp(url, {}, 200);
    return await autocannon(url, { connections, seconds });
  } finally {
    await server.stop();
  }
}

async function measure(label: string, env: Record<string, string>, database: Database) {
  const started = performance.now();
  const { counts, ids } = await prepare(database);
  await database.close();
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.error(`${label}: data loaded in ${loadSeconds} s (${JSON.stringify(counts)})`);

  const ceilingBefore = await measureCeiling(env, ids.officer);
  console.error(`${label}: ceiling ${ceilingBefore.requestsPerSecond} req/s`);

  const app = await startServer(
    ['src/cli.ts', 'serve'],
    { ...env, PORT: String(appPort) },
    `http://127.0.0.1:${appPort}/readyz`,
  );
  const results: EndpointResult[] = [];
  try {
    const base = `http://127.0.0.1:${appPort}`;
    const cookie = await signIn(base);
    for (const e of endpoints(ids)) {
      const headers: Record<string, string> = e.kind.includes('anonymous') ? {} : { cookie };
      await warmUp(base + e.path, headers);
      const r = await autocannon(base + e.path, { connections, seconds, headers });
      results.push({
        module: e.module,
        kind: e.kind,
        path: e.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id'),
        ...r,
        ratioToCeiling: null,
      });
      console.error(`${label}: ${e.module} ${e.kind}: ${r.requestsPerSecond} req/s`);
    }
  } finally {
    await app.stop();
  }
  // The ceiling again once the app has stopped: the machine's load drifts during a run.
  const ceilingAfter = await measureCeiling(env, ids.officer);
  const ceiling = Math.round(
    (ceilingBefore.requestsPerSecond + ceilingAfter.requestsPerSecond) / 2,
  );
  for (const r of results) r.ratioToCeiling = ratio(r.requestsPerSecond, ceiling);
  return {
    database: label,
    history: counts,
    loadSeconds,
    appReadyMs: Math.round(app.readyMs),
    ceilingBefore,
    ceilingAfter,
    /** The mean of the two ceiling runs: the ratios' denominator. */
    ceilingRequestsPerSecond: ceiling,
    endpoints: results,
    failed: [ceilingBefore, ceilingAfter, ...results].some(
      (r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0,
    ),
  };
}

type Measured = Awaited<ReturnType<typeof measure>>;
const measured: Measured[] = [];

if (only !== 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-bench-api-'));
  try {
    const database = await openDatabase({ dataDir });
    measured.push(await measure('embedded (PGlite)', { DATA_DIR: dataDir }, database));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
if (only !== 'embedded') {
  const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  const connected = await admin.connect().then(
    () => true,
    (error: Error) => {
      console.error(`PostgreSQL skipped: ${error.message}`);
      return false;
    },
  );
  if (connected) {
    const name = 'peaceops_bench_api';
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      const database = await openDatabase({ databaseUrl: url.toString() });
      measured.push(await measure('PostgreSQL', { DATABASE_URL: url.toString() }, database));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

for (const m of measured) {
  console.log(
    `\nAPI on ${m.database}: ${m.history.officers.toLocaleString('en')} history officers, ${m.history.events.toLocaleString('en')} deployment events; ${connections} connections, ${seconds} s per endpoint`,
  );
  const row = (name: string, r: LoadResult, q: number | null) => [
    name,
    r.requestsPerSecond,
    r.p50Ms,
    r.p99Ms,
    q,
    r.non2xx + r.errors + r.timeouts,
  ];
  console.log(
    formatTable(
      ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'x ceiling', 'failed'],
      [
        row('ceiling before: raw node:http, one primary-key query', m.ceilingBefore, null),
        row('ceiling after', m.ceilingAfter, null),
        ...m.endpoints.map((e) => row(`${e.module} ${e.kind} ${e.path}`, e, e.ratioToCeiling)),
      ],
    ),
  );
  if (m.failed) console.log('FAILED: some answers were not 2xx, or sockets failed (see "failed")');
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/api.json'),
  `${JSON.stringify({ date: new Date().toISOString(), connections, seconds, results: measured }, null, 2)}\n`,
);
if (measured.some((m) => m.failed)) process.exitCode = 1;
