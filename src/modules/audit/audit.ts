import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  verifyAuditChain,
  writeAudit,
  type AuditContext,
  type AuditInput,
} from '../../kernel/audit/audit.ts';
import { auditEntries } from '../../kernel/audit/schema.ts';
import type { Db } from '../../kernel/db/client.ts';
import { users } from '../users/schema.ts';
import { actionPatterns, changesOf, containsPattern, isUuid, type Change } from './rules.ts';

export interface AuditFilters {
  /** An account id, or a part of the actor's display name or e-mail. */
  actor?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  /** Exact, prefix (`officer.`), wildcard (`*.read_sensitive`), comma-separated. */
  action?: string | undefined;
  outcome?: 'ok' | 'denied' | undefined;
  /** On or after this instant. */
  from?: Date | undefined;
  /** Before this instant (exclusive; a date alone means the end of that day, see routes). */
  to?: Date | undefined;
}

export interface AuditEntryView {
  seq: number;
  at: Date;
  actor: { id: string | null; displayName: string | null; role: string | null } | null;
  action: string;
  recordType: string;
  recordId: string | null;
  outcome: 'ok' | 'denied';
  changes: Change[];
  requestId: string | null;
}

/** Past this many matches the count stops (the list says "more than"): counting is bounded. */
export const COUNT_LIMIT = 10_000;

function conditions(f: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (f.actor) {
    const actor = f.actor.trim();
    if (isUuid(actor)) where.push(eq(auditEntries.actorId, actor));
    else {
      const like = containsPattern(actor);
      where.push(
        inArray(
          auditEntries.actorId,
          sql`(select ${users.id} from ${users} where ${users.displayName} ilike ${like} or ${users.email} ilike ${like})`,
        ),
      );
    }
  }
  if (f.recordType) where.push(eq(auditEntries.recordType, f.recordType));
  if (f.recordId) where.push(eq(auditEntries.recordId, f.recordId));
  if (f.action) {
    const patterns = actionPatterns(f.action);
    if (patterns.length) {
      const exact = patterns.filter((p) => !/[%_]/.test(p.replace(/\\./g, '')));
      const like = patterns.filter((p) => !exact.includes(p));
      const parts: SQL[] = [];
      if (exact.length) parts.push(inArray(auditEntries.action, exact.map(unescape)));
      for (const p of like) parts.push(sql`${auditEntries.action} like ${p}`);
      where.push(parts.length === 1 ? parts[0]! : or(...parts)!);
    }
  }
  if (f.outcome) where.push(eq(auditEntries.outcome, f.outcome));
  if (f.from) where.push(gte(auditEntries.at, f.from));
  if (f.to) where.push(lt(auditEntries.at, f.to));
  return where;
}

/** A LIKE pattern without wildcards, as the plain text it matches. */
function unescape(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

const entryColumns = {
  seq: auditEntries.seq,
  at: auditEntries.at,
  actorId: auditEntries.actorId,
  actorRole: auditEntries.actorRole,
  actorName: users.displayName,
  action: auditEntries.action,
  recordType: auditEntries.recordType,
  recordId: auditEntries.recordId,
  outcome: auditEntries.outcome,
  changes: auditEntries.changes,
  requestId: auditEntries.requestId,
};

type EntryRow = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  outcome: 'ok' | 'denied';
  changes: unknown;
  requestId: string | null;
};

function viewOf(row: EntryRow): AuditEntryView {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor:
      row.actorId || row.actorRole
        ? { id: row.actorId, displayName: row.actorName, role: row.actorRole }
        : null,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    outcome: row.outcome,
    changes: changesOf(row.changes),
    requestId: row.requestId,
  };
}

function entriesQuery(db: Db, where: SQL[]) {
  return db
    .select(entryColumns)
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEntries.seq));
}

/**
 * The entries matching the filters, newest first, one page. The count is bounded: past
 * COUNT_LIMIT matches it stops and `totalCapped` says so (the log grows without end).
 */
export async function searchAudit(
  db: Db,
  filters: AuditFilters,
  paging: { page: number; pageSize: number },
) {
  const where = conditions(filters);
  const offset = (paging.page - 1) * paging.pageSize;
  const rows = (await entriesQuery(db, where).limit(paging.pageSize).offset(offset)) as EntryRow[];
  const counted = await db.execute(
    sql`select count(*)::int as n from (select 1 from ${auditEntries} ${
      where.length ? sql`where ${and(...where)}` : sql``
    } limit ${COUNT_LIMIT + 1}) as matching`,
  );
  const n = Number((counted as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  return {
    items: rows.map(viewOf),
    total: Math.min(n, COUNT_LIMIT),
    totalCapped: n > COUNT_LIMIT,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

/** One entry, with its place in the chain. */
export async function findAuditEntry(db: Db, seq: number) {
  const [row] = await db
    .select({ ...entryColumns, prevHash: auditEntries.prevHash, hash: auditEntries.hash })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorId))
    .where(eq(auditEntries.seq, seq));
  if (!row) return null;
  return { ...viewOf(row as EntryRow), prevHash: row.prevHash, hash: row.hash };
}

/** Every matching entry, newest first, in pages by seq (keyset: a large log streams evenly). */
export async function* auditEntriesFor(db: Db, filters: AuditFilters, pageSize = 2_000) {
  const base = conditions(filters);
  let before: number | null = null;
  for (;;) {
    const where: SQL[] = before === null ? base : [...base, lt(auditEntries.seq, before)];
    const rows = (await entriesQuery(db, where).limit(pageSize)) as EntryRow[];
    for (const row of rows) yield viewOf(row);
    if (rows.length < pageSize) return;
    before = Number(rows[rows.length - 1]!.seq);
  }
}

/** The export is itself in the log: who exported which part of it (the filters' names only). */
export async function auditExport(db: Db, ctx: AuditContext, filters: AuditFilters) {
  const used = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k]) => k)
    .sort();
  const input: AuditInput = {
    action: 'audit.export',
    recordType: 'audit',
    changes: used.length ? { filters: [null, used] } : null,
  };
  await db.transaction((tx) => writeAudit(tx, ctx, input));
}

/** Check the hash chain; the first broken link with its time and action, when there is one. */
export async function verifyChain(db: Db) {
  const report = await verifyAuditChain(db);
  if (report.ok || !report.firstBroken)
    return { ok: report.ok, checked: report.checked, firstBroken: null };
  const [row] = await db
    .select({ at: auditEntries.at, action: auditEntries.action })
    .from(auditEntries)
    .where(lte(auditEntries.seq, report.firstBroken.seq))
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  return {
    ok: false,
    checked: report.checked,
    firstBroken: {
      seq: report.firstBroken.seq,
      reason: report.firstBroken.reason,
      at: row?.at ?? null,
      action: row?.action ?? null,
    },
  };
}
