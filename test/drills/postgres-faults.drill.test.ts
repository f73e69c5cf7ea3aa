/**
 * Drills on a private PostgreSQL instance (initdb in a temporary directory, its own port and
 * socket directory: the shared server is never touched):
 * - kill -9 of the database server (postmaster and backends) at seeded random points during a
 *   large import: 0 partial rows after crash recovery, the run marked failed, a rerun succeeds,
 *   the app never restarted;
 * - database down (fast and immediate shutdown, kill -9): /readyz answers 503 within 5 s to
 *   every probe, then recovers to 200 when the database is back, and requests work again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  countSql,
  createDatabase,
  getJson,
  importRunsOf,
  log,
  officersCsv,
  PASSWORD,
  postImport,
  prerequisite,
  PrivatePostgres,
  privatePostgresAvailable,
  random,
  seed,
  signIn,
  sleep,
  sql,
  startServer,
  stopServer,
  waitFor,
  type Counts,
  type Server,
  type Session,
} from './support.ts';

const EMAIL = 'drill.officer@example.ca';
const RUNS = Number(process.env.DRILL_DB_KILL_RUNS ?? 4);
const ROWS = Number(process.env.DRILL_POSTGRES_ROWS ?? 20_000);
const summary: string[] = [];

describe('drill: the PostgreSQL server fails under the app', () => {
  const available = prerequisite(
    privatePostgresAvailable(),
    'PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin) are not installed',
  );
  const pg = new PrivatePostgres(Number(process.env.DRILL_PG_PORT ?? 5544));
  let url = '';
  let server: Server;
  let session: Session;

  beforeAll(async () => {
    if (!available) return;
    pg.init();
    pg.start();
    url = await createDatabase(pg.url(), 'peaceops_drill');
    await cli(['seed'], { DATABASE_URL: url });
    await cli(
      ['user', 'add', '--email', EMAIL, '--role', 'program_officer'],
      { DATABASE_URL: url },
      PASSWORD,
    );
    server = await startServer({ DATABASE_URL: url, IMPORT_STALE_SECONDS: '2' });
    session = await signIn(server.url, EMAIL);
  });
  afterAll(async () => {
    if (server) await stopServer(server).catch(() => undefined);
    if (available) pg.destroy();
    if (summary.length) log(`summary:\n${summary.join('\n')}`);
  });

  const ready = async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`the server died (${server.child.exitCode}):\n${server.output()}`);
    return (await fetch(`${server.url}/readyz`)).status === 200;
  };

  it(`kill -9 of the database server during an import, ${RUNS} runs: 0 partial rows, run failed, rerun succeeds`, async (ctx) => {
    if (!available) return ctx.skip();
    const rnd = random(seed + 7);
    const started = Date.now();
    const cal = postImport(server.url, session, officersCsv(ROWS, 'PGK-CAL'), 'pgk-cal.csv');
    await cal.done;
    expect(cal.state.report?.created, String(cal.state.error)).toBe(ROWS);
    const importMs = Date.now() - started;
    log(`database kill: calibration import of ${ROWS} rows took ${importMs} ms`);

    for (let i = 0; i < RUNS; i++) {
      const name = `pgk-run-${i}.csv`;
      const file = officersCsv(ROWS, `PGK-R${i}`, seed + 100 + i);
      const before = (await sql<Counts>(url, countSql))[0]!;
      const fraction = 0.03 + 0.8 * rnd();
      const delay = Math.round(fraction * importMs);
      const upload = postImport(server.url, session, file, name);
      await sleep(delay);
      const phase = upload.state.phase;
      const killed = pg.kill9();
      await upload.done;
      pg.start(); // crash recovery
      const after = (await sql<Counts>(url, countSql))[0]!;
      const committed = after.officers !== before.officers;
      if (committed)
        expect([
          after.officers - before.officers,
          after.qualifications - before.qualifications,
        ]).toEqual([ROWS, 3 * ROWS]);
      else expect(after, `${name}: partial rows after the database was killed`).toEqual(before);
      // The app was not restarted: it reconnects, and its sweep fails the dead run.
      await waitFor('readiness after the database restart', ready, 30_000);
      const run = await waitFor(`${name} no longer running`, async () => {
        const r = (await importRunsOf(server.url, session)).find((x) => x.fileName === name);
        return r && r.status !== 'running' ? r : undefined;
      });
      if (committed) expect(run.status).toBe('succeeded');
      else {
        expect(run.status).toBe('failed');
        expect(['import_interrupted', 'internal']).toContain(run.failureCode);
      }
      const rerun = postImport(server.url, session, file, name);
      await rerun.done;
      expect(rerun.state.report, String(rerun.state.error)).toMatchObject(
        committed ? { unchanged: ROWS } : { created: ROWS, qualificationsAdded: 3 * ROWS },
      );
      const total = await getJson<{ total: number }>(
        `${server.url}/api/v1/officers?pageSize=1`,
        session,
      );
      expect(total.total).toBe(before.officers + ROWS);
      const line = `database kill run ${i + 1}: postmaster and ${killed.children} backends killed after ${delay} ms (${Math.round(fraction * 100)}%), phase ${phase}${committed ? ', the import had already committed' : ''}: 0 partial rows, run ${run.status} (${run.failureCode ?? '-'}), rerun ok`;
      log(line);
      summary.push(line);
    }
  });

  it('database down: /readyz answers 503 within 5 s, then recovers without restarting the app', async (ctx) => {
    if (!available) return ctx.skip();
    if (!pg.running()) pg.start();
    await waitFor('readiness', ready, 30_000);
    const modes = ['fast', 'immediate', 'kill -9'] as const;
    for (const mode of modes) {
      expect(await ready()).toBe(true);
      if (mode === 'kill -9') pg.kill9();
      else pg.stop(mode);
      const probes: Array<{ status: number; ms: number }> = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(30_000) });
        probes.push({ status: res.status, ms: Math.round(performance.now() - t0) });
      }
      // A behaviour bound, not a benchmark: every probe answers, 503, within 5 s.
      for (const p of probes) {
        expect(p.status).toBe(503);
        expect(p.ms).toBeLessThan(5000);
      }
      const down = Date.now();
      pg.start();
      const restarted = Date.now();
      await waitFor('readiness to recover', ready, 30_000, 50);
      const recoveredMs = Date.now() - restarted;
      const list = await fetch(`${server.url}/api/v1/officers?pageSize=1`, {
        headers: { cookie: session.cookie },
      });
      expect(list.status).toBe(200);
      const line = `database down (${mode}): /readyz ${probes.map((p) => `${p.status} in ${p.ms} ms`).join(', ')}; database restarted in ${restarted - down} ms, /readyz 200 again ${recoveredMs} ms later; requests served again`;
      log(line);
      summary.push(line);
    }
  });
});
