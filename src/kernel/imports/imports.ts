import { createHash } from 'node:crypto';
import { and, desc, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { AuditContext } from '../audit/audit.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { importRuns, type ImportKind } from './schema.ts';

/**
 * Import runs: a record of every import, kept outside the import's own transaction. The import
 * writes its data in one transaction (all or nothing); its run is started before, refreshed by a
 * heartbeat while it works, and finished or failed after, each in a small transaction of its own,
 * so a rolled-back import still leaves a failed run. A process killed mid-import cannot fail its
 * run: the sweep (`markStaleImportRuns`) does, once the heartbeat is older than the stale delay.
 */

/** The failure code of a run whose process died (found by its stale heartbeat). */
export const INTERRUPTED = 'import_interrupted';

/** Default seconds without a heartbeat after which a running run is taken for dead. */
export const DEFAULT_STALE_SECONDS = 120;

/** Runs alive in this process: never swept, whatever their heartbeat says. */
const active = new Set<string>();

export interface ImportFile {
  kind: ImportKind;
  fileName: string;
  content: Buffer;
}

/** A file name as it may be recorded: no directory, at most 255 characters. */
/** The file's name an upload sends in `x-file-name` (URI-encoded, or as sent when it is not). */
export function fileNameHeader(sent: string | string[] | undefined): string | undefined {
  if (typeof sent !== 'string' || sent.length > 600) return undefined;
  try {
    return decodeURIComponent(sent).trim() || undefined;
  } catch {
    return sent.trim() || undefined;
  }
}

export function safeFileName(name: string | undefined | null): string {
  return (name ?? '').replace(/^.*[\\/]/, '').slice(0, 255) || 'upload';
}

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function startImportRun(db: Db, ctx: AuditContext, file: ImportFile): Promise<string> {
  const [run] = await db
    .insert(importRuns)
    .values({
      kind: file.kind,
      fileName: safeFileName(file.fileName),
      sha256: sha256Of(file.content),
      actorId: ctx.actorId,
      actorRole: ctx.actorRole ?? 'unknown',
    })
    .returning({ id: importRuns.id });
  active.add(run!.id);
  return run!.id;
}

export async function heartbeatImportRun(db: Db, id: string): Promise<void> {
  await db
    .update(importRuns)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(importRuns.id, id), eq(importRuns.status, 'running')));
}

/**
 * Mark a run succeeded. Called inside the import's own transaction (`tx`), the run's success
 * commits with the data or not at all: a run is never failed with its rows on file.
 */
export async function finishImportRun(db: Tx, id: string, rowCount: number): Promise<void> {
  await db
    .update(importRuns)
    .set({ status: 'succeeded', rowCount, heartbeatAt: sql`now()`, finishedAt: sql`now()` })
    .where(and(eq(importRuns.id, id), eq(importRuns.status, 'running')));
}

/** The stable code recorded for an error: an AppError's own, `internal` for anything else. */
export function failureCodeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'internal';
}

export async function failImportRun(db: Db, id: string, failureCode: string): Promise<void> {
  await db
    .update(importRuns)
    .set({ status: 'failed', failureCode, heartbeatAt: sql`now()`, finishedAt: sql`now()` })
    .where(and(eq(importRuns.id, id), eq(importRuns.status, 'running')));
}

/**
 * Fail the running runs whose heartbeat is older than `staleSeconds` (their process died), except
 * those alive in this process. On the embedded database no other process can hold the database
 * (the directory lock), so 0 is safe there. Answers how many runs it failed.
 */
export async function markStaleImportRuns(db: Db, staleSeconds: number): Promise<number> {
  const mine = [...active];
  const failed = await db
    .update(importRuns)
    .set({ status: 'failed', failureCode: INTERRUPTED, finishedAt: sql`now()` })
    .where(
      and(
        eq(importRuns.status, 'running'),
        lt(importRuns.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`),
        ...(mine.length ? [notInArray(importRuns.id, mine)] : []),
      ),
    )
    .returning({ id: importRuns.id });
  return failed.length;
}

/** What an import gets of its run: mark it succeeded in the import's own transaction. */
export interface ImportRunHandle {
  id: string;
  succeed(tx: Tx, rowCount: number): Promise<void>;
}

export interface RunOptions {
  /** Seconds without a heartbeat after which another run is taken for dead (default 120). */
  staleSeconds?: number | undefined;
}

/**
 * Run an import under a run record: sweep the dead runs, start this one, keep its heartbeat
 * while `work` runs (every quarter of the stale delay), then finish it with the rows `work`
 * answers (unless `work` already did, in its transaction: `run.succeed`), or fail it with the
 * error's code and rethrow. Bookkeeping that cannot be written
 * (the database is down) never hides the import's own outcome: the sweep fails the run later.
 */
export async function withImportRun<T>(
  db: Db,
  ctx: AuditContext,
  file: ImportFile,
  options: RunOptions,
  work: (run: ImportRunHandle) => Promise<T>,
  rowsOf: (result: T) => number,
): Promise<T> {
  const staleSeconds = options.staleSeconds ?? DEFAULT_STALE_SECONDS;
  await markStaleImportRuns(db, staleSeconds);
  const id = await startImportRun(db, ctx, file);
  const beat = setInterval(
    () => void heartbeatImportRun(db, id).catch(() => undefined),
    Math.max(250, (staleSeconds * 1000) / 4),
  );
  beat.unref();
  try {
    let result: T;
    try {
      result = await work({ id, succeed: (tx, rows) => finishImportRun(tx, id, rows) });
    } catch (error) {
      clearInterval(beat);
      await failImportRun(db, id, failureCodeOf(error)).catch(() => undefined);
      throw error;
    }
    clearInterval(beat);
    // A no-op when `work` marked it succeeded in its own transaction.
    await finishImportRun(db, id, rowsOf(result)).catch(() => undefined);
    return result;
  } finally {
    active.delete(id);
  }
}

export interface ImportRunView {
  id: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  status: 'running' | 'succeeded' | 'failed';
  rowCount: number | null;
  failureCode: string | null;
  actorRole: string;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
}

/** The most recent runs, newest first (after sweeping the dead ones). No personal data. */
export async function listImportRuns(
  db: Db,
  options: { kind?: ImportKind | undefined; limit: number; staleSeconds?: number | undefined },
): Promise<ImportRunView[]> {
  await markStaleImportRuns(db, options.staleSeconds ?? DEFAULT_STALE_SECONDS);
  return db
    .select({
      id: importRuns.id,
      kind: importRuns.kind,
      fileName: importRuns.fileName,
      sha256: importRuns.sha256,
      status: importRuns.status,
      rowCount: importRuns.rowCount,
      failureCode: importRuns.failureCode,
      actorRole: importRuns.actorRole,
      startedAt: importRuns.startedAt,
      heartbeatAt: importRuns.heartbeatAt,
      finishedAt: importRuns.finishedAt,
    })
    .from(importRuns)
    .where(options.kind ? eq(importRuns.kind, options.kind) : undefined)
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(options.limit);
}

/**
 * The stale delay to sweep with on this database: on the embedded one no other process can have
 * it open (the directory lock), so every running run not of this process is dead.
 */
export function staleSecondsFor(database: { kind: 'embedded' | 'postgres' }, configured: number) {
  return database.kind === 'embedded' ? 0 : configured;
}
