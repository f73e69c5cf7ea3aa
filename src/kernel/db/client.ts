import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDirLock } from './lock.ts';

export type Schema = typeof schema;
/** The one database type the code uses: the same queries run on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, or the database itself where a caller has no transaction open. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Where the data lives, without credentials (safe to print). */
  location: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded PGlite instance (for dumps); undefined on PostgreSQL. */
  pglite?: PGlite;
  /**
   * Raw SQL for libraries that bring their own (the job queue): parameters as $1..$n; a text
   * of several statements (only without parameters) answers the rows of all of them.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; undefined with no URL means in memory (tests). */
  dataDir?: string | undefined;
  /** Load the embedded database from a dump (a tarball made by `dumpDataDir`). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

/** Strip credentials from a connection string before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The longest a readiness ping waits for the database (connection and query). */
export const PING_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  // The loser of the race must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const MIGRATION_LOCK_KEY = 7_031_989; // arbitrary, constant: serialises migrations across instances

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    // A client losing its server must not crash the process; the next query reports it. The
    // pool's 'error' covers idle clients; a checked-out client between two queries (inside a
    // transaction) emits on itself, and unheard that kills the process (seen in the drills:
    // the database killed during an import).
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl),
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
          client.release();
        }
      },
      async ping() {
        // Bounded: a server that is gone, or hangs, answers "not ready" in time, never a hang.
        await withTimeout(pool.query('select 1'), PING_TIMEOUT_MS);
      },
      async executeSql(text, values) {
        const result = (await pool.query(text, values)) as unknown as
          { rows: Record<string, unknown>[] } | Array<{ rows: Record<string, unknown>[] }>;
        return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows };
      },
      async close() {
        await pool.end();
      },
    };
  }

  let release = () => {};
  let pgDataDir: string | undefined;
  if (options.dataDir) {
    release = acquireDirLock(options.dataDir);
    pgDataDir = path.join(options.dataDir, 'pgdata');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      // btree_gist: the exclusion constraint that keeps an officer's deployments apart.
      extensions: { btree_gist },
      ...(pgDataDir ? { dataDir: pgDataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'embedded',
    location: pgDataDir ?? 'memory',
    pglite,
    async migrate() {
      await migratePglite(drizzlePglite(pglite, { schema }), { migrationsFolder });
    },
    async ping() {
      if (closed) throw new Error('database closed');
      await db.execute(sql`select 1`);
    },
    async executeSql(text, values) {
      // PGlite's extended protocol takes one statement; several go through exec, without values.
      if (values?.length)
        return { rows: (await pglite.query<Record<string, unknown>>(text, values)).rows };
      return {
        rows: (await pglite.exec(text)).flatMap((r) => r.rows as Record<string, unknown>[]),
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/** Rows of a raw SQL query, typed by the caller (both drivers answer `{ rows }`). */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
