import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/kernel/db/client.ts';

export const dbKind = process.env.PEACEOPS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const skip = dbKind === 'postgres' && !inject('postgresUrl');

/** describe() for integration tests: named after the database, skipped when it is absent. */
export function describeDb(name: string, fn: () => void) {
  describe.skipIf(skip)(`${name} [${dbKind}]`, fn);
}

/**
 * A fresh, migrated database for one test file: an embedded one loaded from the template, or a
 * new database on the PostgreSQL server (dropped by `drop`).
 */
export async function freshDatabase(): Promise<Database & { drop(): Promise<void> }> {
  if (dbKind === 'pglite') {
    const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ loadDataDir: blob });
    return Object.assign(database, { drop: () => database.close() });
  }
  const base = inject('postgresUrl');
  const name = `peaceops_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await database.migrate();
  return Object.assign(database, {
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  });
}
