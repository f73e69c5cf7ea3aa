/**
 * Drill harness: the real server and CLI as child processes, a private PostgreSQL instance that
 * may be killed, generated import files. Nothing here is mocked: processes get real signals.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seededRandom } from '../../src/kernel/random.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const PASSWORD = 'drill password, long enough 42';

/** Under CI a missing prerequisite fails the drill; elsewhere it skips, saying why. */
export function prerequisite(ok: boolean, why: string): boolean {
  if (!ok && process.env.CI) throw new Error(`drill prerequisite missing under CI: ${why}`);
  if (!ok) console.warn(`drill skipped: ${why}`);
  return ok;
}

export function log(message: string) {
  process.stdout.write(`[drill] ${message}\n`);
}

/** Seeded, so a drill's kill points are the same on every run (DRILL_SEED). */
export const random = seededRandom;
export const seed = Number(process.env.DRILL_SEED ?? 2026);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if ((error as Error).message.startsWith('the server died')) throw error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<Exit>;
}

/** `node src/cli.ts <args>` as a child process, its output kept (and shown when it fails). */
export function spawnCli(args: string[], env: Record<string, string>, stdin?: string): Proc {
  const child = spawn(process.execPath, ['src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.stdin!.end(stdin ?? '');
  return { child, output: () => out, exited: exitOf(child) };
}

export async function cli(args: string[], env: Record<string, string>, stdin?: string) {
  const p = spawnCli(args, env, stdin);
  const exit = await p.exited;
  if (exit.code !== 0)
    throw new Error(`peaceops ${args.join(' ')} exited ${exit.code}:\n${p.output()}`);
  return p.output();
}

export interface Server extends Proc {
  url: string;
  port: number;
}

/** `peaceops serve` on a free port, answered once /readyz says 200. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  // The drills sign in with a password as program staff: the second factor (required for them
  // by `serve` in production) is tested elsewhere; here it would only stand between the drill
  // and the import it kills.
  const p = spawnCli(['serve'], { MFA_REQUIRED_ROLES: 'none', ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  let dead = false;
  void p.exited.then(() => (dead = true));
  await waitFor(
    'the server to be ready',
    async () => {
      if (dead) throw new Error(`server exited before ready:\n${p.output()}`);
      return (await fetch(`${url}/readyz`)).status === 200;
    },
    120_000,
  ).catch((error: unknown) => {
    p.child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${p.output()}`);
  });
  return { ...p, url, port };
}

export async function kill9(p: Proc) {
  p.child.kill('SIGKILL');
  await p.exited;
}

export async function stopServer(p: Proc) {
  p.child.kill('SIGTERM');
  const exit = await p.exited;
  if (exit.code !== 0 && exit.signal !== 'SIGKILL')
    throw new Error(`server exited ${exit.code}:\n${p.output()}`);
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('peaceops_session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export async function getJson<T>(url: string, session: Session): Promise<T> {
  const res = await fetch(url, { headers: { cookie: session.cookie } });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export interface ImportRunRow {
  id: string;
  fileName: string;
  status: 'running' | 'succeeded' | 'failed';
  rowCount: number | null;
  failureCode: string | null;
}

export const importRunsOf = async (url: string, session: Session) =>
  (await getJson<{ items: ImportRunRow[] }>(`${url}/api/v1/imports?limit=200`, session)).items;

/**
 * POST an officers import with progress (ndjson): answers the phase last seen and, if the
 * import ended, its report. A killed server ends the stream early; that is no error here.
 */
export function postImport(url: string, session: Session, file: Buffer, name: string) {
  const state: { phase: string; report: Record<string, number> | null; error: unknown } = {
    // No progress line yet (on the embedded database the import's queries hold the event loop:
    // its progress lines reach the client in bursts).
    phase: 'no progress line yet',
    report: null,
    error: null,
  };
  const done = (async () => {
    try {
      const res = await fetch(`${url}/api/v1/officers/import`, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'content-type': 'text/csv',
          accept: 'application/x-ndjson',
          'x-file-name': name,
        },
        body: new Uint8Array(file),
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as {
            type: string;
            phase?: string;
            report?: Record<string, number>;
          };
          buffer = buffer.slice(nl + 1);
          if (line.type === 'progress') state.phase = line.phase!;
          if (line.type === 'report') state.report = line.report!;
          if (line.type === 'error') state.error = line;
        }
      }
    } catch (error) {
      state.error = error;
    }
  })();
  return { state, done };
}

/** A generated officers file: `n` rows, three qualifications each, badges `<prefix>-<i>`. */
export function officersCsv(n: number, prefix: string, fileSeed = 1989): Buffer {
  const rnd = random(fileSeed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const given = ['Marie', 'Jean', 'Aisha', 'Louis', 'Sarah', 'Marc', 'Julie', 'Amélie', 'Éric'];
  const family = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Smith', 'Brown', 'Diallo', 'Whitehorse'];
  const ranks = ['constable', 'corporal', 'sergeant', 'staff_sergeant', 'inspector'];
  const agencies = ['RCMP', 'SQ', 'SPVM', 'OPP', 'TPS'];
  const lines = [
    'agency_code,badge_number,given_name,family_name,gender,date_of_birth,rank,service_start,english_score,english_tested_on,french_score,french_tested_on,passport_number,passport_issued_on,passport_expires_on',
  ];
  for (let i = 0; i < n; i++) {
    const year = 1975 + Math.floor(rnd() * 25);
    lines.push(
      [
        pick(agencies),
        `${prefix}-${i}`,
        pick(given),
        pick(family),
        rnd() < 0.3 ? 'woman' : 'man',
        `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        pick(ranks),
        `${Math.min(year + 23, 2024)}-09-01`,
        40 + Math.floor(rnd() * 60),
        '2024-02-01',
        40 + Math.floor(rnd() * 60),
        '2024-03-01',
        `P${prefix}${i}`,
        '2021-01-01',
        `${2027 + Math.floor(rnd() * 6)}-01-01`,
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\n'));
}

/** Rows per table that an import writes, and the audit entries it appends (sign-ins aside). */
export const countSql = `select (select count(*) from officers)::int as officers,
  (select count(*) from qualifications)::int as qualifications,
  (select count(*) from audit_entries where action like '%.import')::int as audit`;
export interface Counts {
  officers: number;
  qualifications: number;
  audit: number;
}

/** Every table's checksum (public schema, plus drizzle's migration table), by name. */
export async function tableChecksums(
  query: (text: string) => Promise<Array<Record<string, unknown>>>,
): Promise<Record<string, string>> {
  const tables = await query(
    `select table_schema || '.' || table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and (table_schema = 'public' or table_schema = 'drizzle')
      order by 1`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await query(
      `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from ${String(name)} t`,
    );
    sums[String(name)] = `${String(row!.n)}:${String(row!.sum)}`;
  }
  return sums;
}

// --- PostgreSQL -----------------------------------------------------------------------------

export const sharedPostgresUrl =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAnswers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function sql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A new, empty database on the server of `baseUrl`: its URL. */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  await sql(baseUrl, `drop database if exists ${name} with (force)`);
  await sql(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(baseUrl: string, name: string) {
  await sql(baseUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
}

const pgBin = '/usr/lib/postgresql/15/bin';
export const privatePostgresAvailable = () => fs.existsSync(path.join(pgBin, 'pg_ctl'));

/** Alive, and not a zombie (in a container whose init does not reap, a killed one lingers). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL instance of the drill's own (never the shared server): initdb into a temporary
 * directory, served on its own port and socket directory, so it can be stopped and killed.
 * As root, the server runs as the `postgres` user (initdb refuses root).
 */
export class PrivatePostgres {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-drill-pg-'));
  readonly data = path.join(this.dir, 'data');
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }

  private run(cmd: string, args: string[], check = true) {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(pgBin, cmd), ...args]]
      : [path.join(pgBin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: this.dir });
    if (check && r.status !== 0) {
      const logFile = path.join(this.dir, 'log');
      const tail = fs.existsSync(logFile)
        ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')
        : '';
      throw new Error(
        `${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}\nserver log:\n${tail}`,
      );
    }
    return r;
  }

  init() {
    fs.chmodSync(this.dir, 0o755);
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', this.dir]);
    this.run('initdb', [
      '-D',
      this.data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
  }

  running() {
    return this.run('pg_ctl', ['-D', this.data, 'status'], false).status === 0;
  }

  start() {
    // After a kill -9 the lock file stays; PostgreSQL takes a zombie's pid for a live server.
    for (const lock of [
      path.join(this.data, 'postmaster.pid'),
      path.join(this.dir, `.s.PGSQL.${this.port}.lock`),
    ]) {
      if (!fs.existsSync(lock)) continue;
      const pid = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);
      if (!alive(pid)) fs.rmSync(lock);
    }
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
      'start',
    ]);
  }

  stop(mode: 'fast' | 'immediate') {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  /** kill -9 the postmaster and every backend it started. */
  kill9() {
    const pidFile = path.join(this.data, 'postmaster.pid');
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    const all = [pid, ...children];
    for (const p of all) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // Gone for good before anything restarts: a surviving backend holds the shared memory.
    const deadline = Date.now() + 15_000;
    while (all.some(alive) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
    return { pid, children: children.length };
  }

  url(database = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  destroy() {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop'], false);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
