import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { bulkInsert } from '../db/bulk.ts';
import { auditEntries } from './schema.ts';

/** Who did it, from where: passed by routes to use cases, and on to the audit entry. */
export interface AuditContext {
  actorId: string | null;
  actorRole: string | null;
  requestId: string | null;
  now: Date;
}

export interface AuditInput {
  action: string;
  recordType: string;
  recordId?: string | null;
  outcome?: 'ok' | 'denied';
  /** Changed fields only, as { field: [before, after] }. Never a password or its hash. */
  changes?: Record<string, [unknown, unknown]> | null;
}

const GENESIS = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 1_989_1001; // serialises appends so the chain has one order

/** JSON with sorted keys, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  outcome: string;
  changes: unknown;
  requestId: string | null;
}

export function entryHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson([
    prevHash,
    e.at.toISOString(),
    e.actorId,
    e.actorRole,
    e.action,
    e.recordType,
    e.recordId,
    e.outcome,
    e.changes ?? null,
    e.requestId,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** The changed fields between two versions of a record, for the audit entry. */
export function diff<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  omit: readonly string[] = [],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (omit.includes(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[key] = [b, a];
  }
  return out;
}

/**
 * Append an audit entry inside the caller's transaction: the entry commits or rolls back with
 * the change it describes. The advisory lock is held to the end of the transaction.
 */
export async function writeAudit(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
  await writeAudits(tx, ctx, [input]);
}

/** Append several entries at once (an import): one lock, one read of the chain's end, one insert. */
export async function writeAudits(tx: Tx, ctx: AuditContext, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEntries.hash })
    .from(auditEntries)
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS;
  // Microseconds are not kept by JS dates; truncate to milliseconds so the stored time re-hashes.
  const at = new Date(ctx.now.getTime());
  const rows = inputs.map((input) => {
    const fields: HashedFields = {
      at,
      actorId: ctx.actorId,
      actorRole: ctx.actorRole,
      action: input.action,
      recordType: input.recordType,
      recordId: input.recordId ?? null,
      outcome: input.outcome ?? 'ok',
      changes: input.changes && Object.keys(input.changes).length ? input.changes : null,
      requestId: ctx.requestId,
    };
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, outcome: fields.outcome as 'ok' | 'denied', prevHash, hash };
    prevHash = hash;
    return row;
  });
  if (rows.length === 1) await tx.insert(auditEntries).values(rows);
  else await bulkInsert(tx, auditEntries, rows);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose content or link does not match, if any. */
  firstBroken?: { seq: number; reason: 'content_changed' | 'link_broken' };
}

/** Walk the chain in order, in pages, and report the first broken link. */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<ChainReport> {
  let prevHash = GENESIS;
  let lastSeq = 0;
  let checked = 0;
  const page = 5_000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEntries)
      .where(gt(auditEntries.seq, lastSeq))
      .orderBy(asc(auditEntries.seq))
      .limit(page);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'link_broken' } };
      }
      if (entryHash(row.prevHash, row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'content_changed' } };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < page) return { ok: true, checked };
  }
}
