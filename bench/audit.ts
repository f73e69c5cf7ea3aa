/**
 * The audit viewer on a large log: BENCH_AUDIT_ENTRIES entries (default 200,000) over a year, by
 * 50 actors, on the embedded database (in memory) and the local PostgreSQL server. Times (median
 * of 5) of the search with each filter (one page of 25 and its bounded count), a deep page, one
 * entry, the CSV export of everything and the chain's verification.
 * Writes bench/results/audit.json. Run with `npx node bench/audit.ts`.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { writeAudits, type AuditInput } from '../src/kernel/audit/audit.ts';
import type { Database } from '../src/kernel/db/client.ts';
import { users } from '../src/modules/users/schema.ts';
import {
  auditEntriesFor,
  findAuditEntry,
  searchAudit,
  verifyChain,
  type AuditFilters,
} from '../src/modules/audit/audit.ts';
import { onEachDatabase } from './databases.ts';

const size = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const root = path.resolve(import.meta.dirname, '..');
const YEAR = 365 * 86_400_000;
const actions = [
  'officer.update',
  'officer.create',
  'qualification.create',
  'deployment.transition',
  'checkin.record',
  'request.update',
  'session.create',
  'incident.read',
];

async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]! * 10) / 10;
}

async function fill(database: Database) {
  const { db } = database;
  const actors = await db
    .insert(users)
    .values(
      Array.from({ length: 50 }, (_, i) => ({
        email: `actor${i}@bench.peaceops.ca`,
        displayName: `Actor ${i} Benchmark`,
        passwordHash: 'x',
        role: 'program_officer' as const,
      })),
    )
    .returning({ id: users.id });
  const start = Date.now() - YEAR;
  const batch = 2_000;
  const started = performance.now();
  for (let done = 0; done < size; done += batch) {
    const n = Math.min(batch, size - done);
    const at = new Date(start + Math.floor((done / size) * YEAR));
    const actor = actors[(done / batch) % actors.length]!;
    const inputs: AuditInput[] = Array.from({ length: n }, (_, i) => {
      const k = done + i;
      // One entry in a thousand is a sensitive read: the rare filter the quick link asks for.
      const action = k % 1000 === 7 ? 'officer.read_sensitive' : actions[k % actions.length]!;
      return {
        action,
        recordType: action.split('.')[0]!,
        recordId: `record-${k % 20_000}`,
        changes: action.endsWith('update') ? { status: ['a', 'b'], rank: ['x', 'y'] } : null,
      };
    });
    await db.transaction((tx) =>
      writeAudits(
        tx,
        { actorId: actor.id, actorRole: 'program_officer', requestId: `req-${done}`, now: at },
        inputs,
      ),
    );
  }
  return { actorId: actors[3]!.id, fillSeconds: (performance.now() - started) / 1000 };
}

async function measure(label: string, database: Database) {
  await database.migrate();
  console.log(`${label}: writing ${size.toLocaleString('en-CA')} entries...`);
  const { actorId, fillSeconds } = await fill(database);
  const { db } = database;
  const week = { from: new Date(Date.now() - 200 * 86_400_000) };
  const cases: Array<[string, AuditFilters, number?]> = [
    ['no filter, page 1', {}],
    ['no filter, page 400 (offset 9,975)', {}, 400],
    ['actor by id', { actor: actorId }],
    ['actor by name', { actor: 'actor 3 bench' }],
    ['record (type + id)', { recordType: 'officer', recordId: 'record-8' }],
    ['action exact', { action: 'officer.update' }],
    ['action prefix', { action: 'officer.' }],
    ['sensitive reads (rare)', { action: '*.read_sensitive,incident.read,*.export_sensitive' }],
    ['sensitive reads only (0.1%)', { action: '*.read_sensitive' }],
    ['period: one week', { from: week.from, to: new Date(week.from.getTime() + 7 * 86_400_000) }],
    ['denied (none)', { outcome: 'denied' }],
  ];
  const rows: Array<{ case: string; ms: number; total: number; capped: boolean }> = [];
  for (const [name, filters, page] of cases) {
    let last: Awaited<ReturnType<typeof searchAudit>> | null = null;
    const ms = await median(async () => {
      last = await searchAudit(db, filters, { page: page ?? 1, pageSize: 25 });
    });
    rows.push({ case: name, ms, total: last!.total, capped: last!.totalCapped });
  }
  // What an exact count of everything would cost on every page (the search bounds it instead).
  const exactCount = await median(() => db.execute(sql`select count(*) from audit_entries`));
  console.log(`exact count(*) of the whole log: ${exactCount} ms`);
  const one = await median(() => findAuditEntry(db, Math.floor(size / 2)));
  let exported = 0;
  const exportStarted = performance.now();
  await pipeline(
    (async function* () {
      for await (const e of auditEntriesFor(db, {})) {
        exported++;
        yield [e.seq, e.at.toISOString(), e.action, JSON.stringify(e.changes)];
      }
    })(),
    stringify({ bom: true }),
    new Writable({ write: (_c, _e, done) => done() }),
  );
  const exportMs = Math.round(performance.now() - exportStarted);
  const verifyStarted = performance.now();
  const report = await verifyChain(db);
  const verifyMs = Math.round(performance.now() - verifyStarted);
  if (!report.ok || report.checked !== size) throw new Error('chain not intact');
  console.table(rows);
  console.log(
    `one entry: ${one} ms; export of ${exported} entries: ${exportMs} ms; verify: ${verifyMs} ms; fill: ${fillSeconds.toFixed(1)} s`,
  );
  return {
    label,
    entries: size,
    search: rows,
    exactCountMs: exactCount,
    oneEntryMs: one,
    exportMs,
    verifyMs,
  };
}

const results = await onEachDatabase(measure);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/audit.json'), JSON.stringify(results, null, 2));
