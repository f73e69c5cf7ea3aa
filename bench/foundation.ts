/**
 * Foundation benchmarks: start-to-serving time of `peaceops serve` on the embedded database
 * (first start, which creates and seeds it, and a restart), and the web bundle's gzip size.
 * Figures are printed as a table and written to bench/results/foundation.json; no test asserts
 * them. Run with `npm run bench:foundation` after `npm run build:web` (`npm run bench` runs it with
 * the others).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['src/cli.ts', 'serve', '--demo'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 120_000)
        throw new Error('server did not become ready in 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-bench-'));
  cold.push(await timeToReady(dir, 3900 + i));
  warm.push(await timeToReady(dir, 3950 + i));
  fs.rmSync(dir, { recursive: true, force: true });
}

const assets = path.join(root, 'dist/web/assets');
let js = 0;
let css = 0;
for (const file of fs.existsSync(assets) ? fs.readdirSync(assets) : []) {
  const size = zlib.gzipSync(fs.readFileSync(path.join(assets, file))).length;
  if (file.endsWith('.js')) js += size;
  if (file.endsWith('.css')) css += size;
}

const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  runs,
  firstStartMs: Math.round(median(cold)),
  restartMs: Math.round(median(warm)),
  webJsGzipBytes: js,
  webCssGzipBytes: css,
};
console.table({
  'first start to ready (creates + seeds the database), median ms': results.firstStartMs,
  'restart to ready, median ms': results.restartMs,
  'web JS, gzip bytes': js,
  'web CSS, gzip bytes': css,
});
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/foundation.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
