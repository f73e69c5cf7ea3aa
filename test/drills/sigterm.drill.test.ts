/**
 * Drill: SIGTERM drains in-flight requests, with the real signal handler of `peaceops serve`
 * (test/security/shutdown.int.test.ts covers the in-process version). Several genuinely slow
 * requests (the officers export of thousands of officers) are in flight, seen arriving in the
 * server's log, when SIGTERM comes: each completes 200 with its full body, new connections are
 * refused (or answered 503), and the process exits 0 within the grace period.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  createDatabase,
  dropDatabase,
  log,
  officersCsv,
  PASSWORD,
  postgresAnswers,
  prerequisite,
  sharedPostgresUrl,
  signIn,
  startServer,
  waitFor,
  type Server,
} from './support.ts';

const EMAIL = 'drill.officer@example.ca';
const OFFICERS = Number(process.env.DRILL_DRAIN_OFFICERS ?? 10_000);
const IN_FLIGHT = 3;
const GRACE_MS = 60_000;

/** A request on a new connection (no keep-alive pool): its status, or the connection error. */
function freshRequest(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('drill: SIGTERM drains in-flight requests', () => {
  const name = `peaceops_drill_drain_${process.pid}`;
  let url = '';
  let available = false;
  beforeAll(async () => {
    available = prerequisite(
      await postgresAnswers(sharedPostgresUrl),
      `no PostgreSQL at ${sharedPostgresUrl}`,
    );
    if (!available) return;
    url = await createDatabase(sharedPostgresUrl, name);
    const env = { DATABASE_URL: url };
    await cli(['seed'], env);
    await cli(['user', 'add', '--email', EMAIL, '--role', 'program_officer'], env, PASSWORD);
    const file = path.join(os.tmpdir(), `${name}.csv`);
    fs.writeFileSync(file, officersCsv(OFFICERS, 'DRAIN'));
    await cli(['import', 'officers', file], env);
    fs.rmSync(file);
  });
  afterAll(() => dropDatabase(sharedPostgresUrl, name));

  it(`${IN_FLIGHT} slow exports in flight at SIGTERM all complete; new connections refused; exit 0`, async (ctx) => {
    if (!available) return ctx.skip();
    const server: Server = await startServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    const session = await signIn(server.url, EMAIL);
    const arrived = () =>
      server
        .output()
        .split('\n')
        .filter((l) => l.includes('"incoming request"') && l.includes('/api/v1/officers/export'))
        .length;

    const exports = Array.from({ length: IN_FLIGHT }, async () => {
      const res = await fetch(`${server.url}/api/v1/officers/export?format=csv`, {
        headers: { cookie: session.cookie },
      });
      const body = await res.text();
      return { status: res.status, body, doneAt: Date.now() };
    });
    await waitFor(
      `${IN_FLIGHT} exports to reach the server`,
      async () => arrived() >= IN_FLIGHT,
      60_000,
      10,
    );
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    // While the exports drain: readiness and new connections.
    await waitFor('the server to log its shutdown', async () =>
      server.output().includes('shutting down: finishing in-flight requests'),
    );
    const during = [
      await freshRequest(`${server.url}/readyz`),
      await freshRequest(`${server.url}/healthz`),
    ];
    const results = await Promise.all(exports);
    const exit = await server.exited;
    const exitMs = Date.now() - signalledAt;

    for (const r of results) {
      expect(r.status).toBe(200);
      const lines = r.body.trim().split('\n');
      expect(lines.length).toBe(OFFICERS + 1); // the header and every officer
      expect(lines.at(-1)!.split(',').length).toBe(lines[0]!.split(',').length);
    }
    // They were in flight: each finished after the signal.
    const inFlight = results.filter((r) => r.doneAt > signalledAt).length;
    expect(inFlight).toBe(IN_FLIGHT);
    for (const d of during) expect(['ECONNREFUSED', 503]).toContain(d);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(GRACE_MS);
    log(
      `SIGTERM drain: ${inFlight} exports of ${OFFICERS} officers in flight at the signal, all 200 with ${OFFICERS + 1} lines; new connections during the drain: ${during.join(', ')}; exit 0 ${exitMs} ms after SIGTERM (last export done ${Math.max(...results.map((r) => r.doneAt)) - signalledAt} ms after it)`,
    );
  });
});
