/**
 * Load-test plumbing shared by the API benchmark: start a server as a separate process and wait
 * until it answers, run autocannon as a separate process (JSON output) and read req/s, p50 and
 * p99 from it, and the small pure helpers (percentile, ratio, table) the summary uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** The p-th percentile (nearest rank) of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** a / b rounded to two decimals; null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.round((a / b) * 100) / 100;
}

/**
 * Rows of cells as aligned plain text; by default the first column left-aligned and the others
 * right-aligned (align: 'l' or 'r' per column otherwise).
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  align: ReadonlyArray<'l' | 'r'> = header.map((_, i) => (i === 0 ? 'l' : 'r')),
) {
  const text = (v: unknown) =>
    v === null || v === undefined
      ? '-'
      : typeof v === 'number'
        ? v.toLocaleString('en')
        : String(v);
  const cells = [header.map(text), ...rows.map((r) => r.map(text))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

export interface Server {
  child: ChildProcess;
  /** Milliseconds from spawn to the first good answer of the ready URL. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawn `node <args>` in the repository with env, and wait until readyUrl answers 2xx. */
export async function startServer(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  timeoutMs = 180_000,
): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(readyUrl);
      if (res.ok) return { child, readyMs: performance.now() - started, stop };
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`server not ready in ${timeoutMs / 1000} s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's JSON answer, the fields read here. */
interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function parseAutocannon(json: string): LoadResult {
  const r = JSON.parse(json) as AutocannonJson;
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Run autocannon as a separate process against url and read its JSON report. */
export async function autocannon(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const args = [
    path.join(root, 'node_modules/autocannon/autocannon.js'),
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.seconds),
    ...Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    url,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon failed (${code}): ${err.slice(-2000)}`);
  return parseAutocannon(out);
}
