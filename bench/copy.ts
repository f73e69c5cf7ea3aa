/**
 * A raw `COPY <table> (<columns>) FROM STDIN`, the baseline of the import benchmark: on PGlite
 * through its `/dev/blob` device, on PostgreSQL through `psql` as a child process (node-postgres
 * needs pg-copy-streams for COPY, which this project does not carry).
 */
import { spawn } from 'node:child_process';
import type { PGlite } from '@electric-sql/pglite';

/** One value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows in COPY's text format: tab-separated values, one line per row. */
export function copyText(rows: ReadonlyArray<readonly unknown[]>): string {
  return rows.map((r) => `${r.map(copyValue).join('\t')}\n`).join('');
}

export type CopyTarget = { pglite: PGlite } | { url: string };

export async function copyRows(
  target: CopyTarget,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  const statement = `copy ${table} (${columns.join(', ')}) from`;
  const text = copyText(rows);
  if ('pglite' in target) {
    await target.pglite.query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const child = spawn(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target.url, '-c', `${statement} stdin`],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(text);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`psql copy into ${table} failed (${code}): ${stderr}`);
}
