import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/kernel/db/client.ts';

/**
 * Run a measurement on the embedded database (in memory), then on a fresh database of the local
 * PostgreSQL server (DATABASE_URL, or postgres@127.0.0.1), dropped afterwards; PostgreSQL is
 * skipped, with a word, when it does not answer.
 */
export async function onEachDatabase<R>(
  /** url: the PostgreSQL database's connection string (undefined on the embedded one). */
  measure: (label: string, database: Database, url?: string) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  {
    const database = await openDatabase({});
    results.push(await measure('embedded (PGlite, in memory)', database));
    await database.close();
  }
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const name = `peaceops_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    try {
      results.push(await measure('PostgreSQL (local server)', database, url.toString()));
    } finally {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  } catch (error) {
    console.error(`PostgreSQL skipped: ${(error as Error).message}`);
  }
  return results;
}
