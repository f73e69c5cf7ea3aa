/**
 * Drill: kill -9 of the app during a large officers import, at seeded random points spread over
 * the checking and writing phases, on the embedded database and on PostgreSQL; the server
 * (POST /api/v1/officers/import) and the CLI (`peaceops import officers`). After each kill:
 * 0 partial rows (officers, qualifications, audit entries as before), the run marked failed
 * (`import_interrupted`, by the sweep at restart or before the next import), and a rerun of the
 * same file succeeds with the expected counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/kernel/db/client.ts';
import { sql as drizzleSql } from 'drizzle-orm';
import {
  cli,
  countSql,
  createDatabase,
  dropDatabase,
  getJson,
  importRunsOf,
  kill9,
  log,
  officersCsv,
  PASSWORD,
  postgresAnswers,
  postImport,
  prerequisite,
  random,
  seed,
  sharedPostgresUrl,
  signIn,
  sleep,
  spawnCli,
  sql,
  startServer,
  stopServer,
  waitFor,
  type Counts,
  type Server,
  type Session,
} from './support.ts';

const EMAIL = 'drill.officer@example.ca';
const STALE_SECONDS = 2;

interface Plan {
  runs: Array<'server' | 'cli'>;
  rows: number;
}
const pglitePlan: Plan = {
  runs: ['server', 'server', 'cli', 'server', 'server', 'cli'],
  rows: Number(process.env.DRILL_PGLITE_ROWS ?? 5_000),
};
const postgresPlan: Plan = {
  runs: [
    'server',
    'server',
    'server',
    'cli',
    'server',
    'server',
    'server',
    'cli',
    'server',
    'server',
  ],
  rows: Number(process.env.DRILL_POSTGRES_ROWS ?? 20_000),
};

/**
 * The rows after a kill: exactly those before, or (the import committed just before the kill)
 * exactly those plus the whole file. Anything between is a partial import. Answers whether the
 * import had committed.
 */
function allOrNothing(name: string, before: Counts, after: Counts, rows: number): boolean {
  const committed = after.officers !== before.officers;
  if (committed)
    expect(
      [after.officers - before.officers, after.qualifications - before.qualifications],
      `${name}: partial rows after kill`,
    ).toEqual([rows, 3 * rows]);
  else expect(after, `${name}: partial rows after kill`).toEqual(before);
  return committed;
}

/** The summary of every kill, printed at the end and quoted in docs/drills.md. */
const summary: string[] = [];

interface Target {
  env: Record<string, string>;
  /** The embedded database: only one process may open it, so counts are read with no server. */
  exclusive: boolean;
  counts(): Promise<Counts>;
  runs(): Promise<Array<{ fileName: string; status: string; failureCode: string | null }>>;
}

async function drill(label: string, plan: Plan, target: Target, rnd: () => number) {
  const env = { ...target.env, IMPORT_STALE_SECONDS: String(STALE_SECONDS) };
  let server: Server | null = await startServer(env);
  let session: Session = await signIn(server.url, EMAIL);

  // Calibration (not a drill run): a full import through the server, timed.
  const calibration = officersCsv(plan.rows, `${label}-CAL`);
  const started = Date.now();
  const cal = postImport(server.url, session, calibration, `${label}-calibration.csv`);
  await cal.done;
  expect(cal.state.report?.created, String(cal.state.error)).toBe(plan.rows);
  const importMs = Date.now() - started;
  log(`${label}: calibration import of ${plan.rows} rows took ${importMs} ms`);

  for (const [i, how] of plan.runs.entries()) {
    const name = `${label}-run-${i}.csv`;
    const file = officersCsv(plan.rows, `${label}-R${i}`, seed + i);
    const fraction = 0.03 + 0.8 * rnd();
    const delay = Math.round(fraction * importMs);

    let phase: string;
    let finishedFirst: boolean;
    if (how === 'server') {
      if (server && target.exclusive) {
        await stopServer(server);
        server = null;
      }
      const before = await target.counts();
      if (!server) {
        server = await startServer(env);
        session = await signIn(server.url, EMAIL);
      }
      const upload = postImport(server.url, session, file, name);
      await sleep(delay);
      phase = upload.state.phase;
      await kill9(server);
      await upload.done;
      finishedFirst = allOrNothing(name, before, await target.counts(), plan.rows);
      // Restart: the sweep fails the dead run (at start, or on listing once it is stale).
      server = await startServer(env);
      session = await signIn(server.url, EMAIL);
      const url = server.url;
      const s = session;
      // A kill before the server reached the import leaves no run (and no rows, checked above):
      // the run row is committed before the import starts, so after a restart it is there or
      // it never was.
      const recorded = (await importRunsOf(url, s)).some((x) => x.fileName === name);
      if (!recorded) {
        expect(finishedFirst).toBe(false);
        phase = 'before the import started (no run recorded)';
      } else {
        let seen: unknown = null;
        const run = await waitFor(`${name} marked failed`, async () => {
          const runs = await importRunsOf(url, s);
          seen = runs.find((x) => x.fileName === name);
          const r = runs.find((x) => x.fileName === name);
          return r && r.status !== 'running' ? r : undefined;
        }).catch((error: Error) => {
          throw new Error(
            `${error.message} (kill after ${delay} ms); run: ${JSON.stringify(seen)}\nserver:\n${server?.output()}`,
          );
        });
        expect(run).toMatchObject(
          finishedFirst
            ? { status: 'succeeded' }
            : { status: 'failed', failureCode: 'import_interrupted' },
        );
      }
      // The rerun of the same file.
      const rerun = postImport(server.url, session, file, name);
      await rerun.done;
      expect(rerun.state.report, String(rerun.state.error)).toMatchObject(
        finishedFirst
          ? { unchanged: plan.rows }
          : { created: plan.rows, qualificationsAdded: 3 * plan.rows },
      );
      const total = await getJson<{ total: number }>(
        `${server.url}/api/v1/officers?pageSize=1`,
        session,
      );
      expect(total.total).toBe(before.officers + plan.rows);
    } else {
      // The CLI: on the embedded database no server may hold the directory.
      if (server && target.exclusive) {
        await stopServer(server);
        server = null;
      }
      const before = await target.counts();
      const file$ = path.join(os.tmpdir(), `peaceops-${name}`);
      fs.writeFileSync(file$, file);
      const p = spawnCli(['import', 'officers', file$], env);
      // Wait until it reads the file (the CLI's own start-up is not the import), then the delay.
      await waitFor(
        'the CLI import to start',
        async () => /import: 0 \//.test(p.output()),
        120_000,
        20,
      );
      await sleep(delay);
      const progress = [...p.output().matchAll(/import: (\d+) \/ (\d+) rows/g)].at(-1);
      phase = progress && progress[1] !== '0' ? 'writing' : 'checking';
      await kill9(p);
      const killedAt = Date.now();
      finishedFirst = allOrNothing(name, before, await target.counts(), plan.rows);
      // The next import sweeps the dead run before it starts (stale after STALE_SECONDS).
      await sleep(Math.max(0, STALE_SECONDS * 1000 + 500 - (Date.now() - killedAt)));
      const out = await cli(['import', 'officers', file$], env);
      expect(out).toMatch(
        finishedFirst
          ? new RegExp(`${plan.rows} unchanged`)
          : new RegExp(`${plan.rows} officers created`),
      );
      fs.rmSync(file$);
      const runs = await target.runs();
      const mine = runs.filter((r) => r.fileName === `peaceops-${name}`);
      expect(mine.map((r) => [r.status, r.failureCode])).toEqual([
        finishedFirst ? ['succeeded', null] : ['failed', 'import_interrupted'],
        ['succeeded', null],
      ]);
      expect((await target.counts()).officers).toBe(before.officers + plan.rows);
    }
    const line = `${label} run ${i + 1} (${how}): kill -9 after ${delay} ms (${Math.round(fraction * 100)}% of the import), phase ${phase}${finishedFirst ? ', the import had already committed' : ''}: 0 partial rows, run ${finishedFirst ? 'succeeded' : phase.startsWith('before') ? 'never started' : 'failed (import_interrupted)'}, rerun ok`;
    log(line);
    summary.push(line);
  }
  if (server) await stopServer(server);
}

describe('drill: kill -9 of the app during a large import', () => {
  afterAll(() => {
    if (summary.length) log(`summary:\n${summary.join('\n')}`);
  });

  describe('embedded database (DATA_DIR)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-drill-kill-'));
    const env = { DATA_DIR: dir };
    const open = async () => openDatabase({ dataDir: dir });
    const target: Target = {
      env,
      exclusive: true,
      async counts() {
        const database = await open();
        try {
          return (await queryRows<Counts>(database.db, drizzleSql.raw(countSql)))[0]!;
        } finally {
          await database.close();
        }
      },
      async runs() {
        const database = await open();
        try {
          return await queryRows(
            database.db,
            drizzleSql`select file_name as "fileName", status, failure_code as "failureCode" from import_runs order by started_at`,
          );
        } finally {
          await database.close();
        }
      },
    };
    beforeAll(async () => {
      await cli(['seed'], env);
      await cli(['user', 'add', '--email', EMAIL, '--role', 'program_officer'], env, PASSWORD);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it(`${pglitePlan.runs.length} kills: 0 partial rows, run failed, rerun succeeds`, async () => {
      await drill('embedded', pglitePlan, target, random(seed + 1));
    });
  });

  describe('PostgreSQL (DATABASE_URL)', () => {
    const name = `peaceops_drill_kill_${process.pid}`;
    let url = '';
    let available = false;
    beforeAll(async () => {
      available = prerequisite(
        await postgresAnswers(sharedPostgresUrl),
        `no PostgreSQL at ${sharedPostgresUrl}`,
      );
      if (!available) return;
      url = await createDatabase(sharedPostgresUrl, name);
      await cli(['seed'], { DATABASE_URL: url });
      await cli(
        ['user', 'add', '--email', EMAIL, '--role', 'program_officer'],
        { DATABASE_URL: url },
        PASSWORD,
      );
    });
    afterAll(() => dropDatabase(sharedPostgresUrl, name));

    it(`${postgresPlan.runs.length} kills: 0 partial rows, run failed, rerun succeeds`, async (ctx) => {
      if (!available) return ctx.skip();
      const target: Target = {
        env: { DATABASE_URL: url },
        exclusive: false,
        counts: async () => (await sql<Counts>(url, countSql))[0]!,
        runs: () =>
          sql(
            url,
            `select file_name as "fileName", status, failure_code as "failureCode" from import_runs order by started_at`,
          ) as never,
      };
      await drill('pg', postgresPlan, target, random(seed));
    });
  });
});
