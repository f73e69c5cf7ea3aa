/**
 * Drill: backup and restore round trip with the real CLI (`peaceops backup FILE`, `peaceops
 * restore FILE`), on the embedded database (into a new DATA_DIR) and on PostgreSQL (into another
 * fresh database), with reference data and a generated history (bench/history.ts): every table's checksum (public schema
 * and the migration table) identical after the restore.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/history.ts';
import { openDatabase, type Database } from '../../src/kernel/db/client.ts';
import { isoDateOf } from '../../src/kernel/dates.ts';
import {
  cli,
  createDatabase,
  dropDatabase,
  log,
  postgresAnswers,
  prerequisite,
  sharedPostgresUrl,
  tableChecksums,
} from './support.ts';

/** About this many officers: the generator keeps the program's shape, so the count is near it. */
const OFFICERS = Number(process.env.DRILL_HISTORY_OFFICERS ?? 300);
const summary: string[] = [];
const history = (database: Database) =>
  generateHistory(database.db, isoDateOf(new Date()), {
    officers: OFFICERS,
    checkInsSince: 2015,
    loadedHistoryBefore: 2000,
    seed: 1989,
  });

async function checksumsOf(database: Database) {
  return tableChecksums(async (text) => (await database.executeSql(text)).rows);
}

function describeSums(sums: Record<string, string>) {
  const rows = Object.values(sums).reduce((n, s) => n + Number(s.split(':')[0]), 0);
  return `${Object.keys(sums).length} tables, ${rows} rows`;
}

describe('drill: backup and restore round trip', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-drill-backup-'));
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (summary.length) log(`summary:\n${summary.join('\n')}`);
  });

  it('embedded database: identical table checksums after restore into a new directory', async () => {
    const source = path.join(tmp, 'source');
    const target = path.join(tmp, 'target');
    const file = path.join(tmp, 'embedded.tar.gz');
    await cli(['seed'], { DATA_DIR: source });
    let database = await openDatabase({ dataDir: source });
    const generated = await history(database);
    const before = await checksumsOf(database);
    await database.close();

    await cli(['backup', file], { DATA_DIR: source });
    await cli(['restore', file], { DATA_DIR: target });
    database = await openDatabase({ dataDir: target });
    const after = await checksumsOf(database);
    await database.close();

    expect(Object.keys(before)).toContain('drizzle.__drizzle_migrations');
    expect(Number(before['public.officers']!.split(':')[0])).toBe(generated.officers);
    expect(after).toEqual(before);
    const line = `embedded: ${describeSums(before)}, backup ${fs.statSync(file).size} bytes: every checksum identical after restore`;
    log(line);
    summary.push(line);
  });

  it('PostgreSQL: identical table checksums after restore into another database', async (ctx) => {
    if (
      !prerequisite(
        await postgresAnswers(sharedPostgresUrl),
        `no PostgreSQL at ${sharedPostgresUrl}`,
      )
    )
      return ctx.skip();
    const names = [`peaceops_drill_src_${process.pid}`, `peaceops_drill_dst_${process.pid}`];
    try {
      const sourceUrl = await createDatabase(sharedPostgresUrl, names[0]!);
      const targetUrl = await createDatabase(sharedPostgresUrl, names[1]!);
      const file = path.join(tmp, 'postgres.dump');
      await cli(['seed'], { DATABASE_URL: sourceUrl });
      let database = await openDatabase({ databaseUrl: sourceUrl });
      const generated = await history(database);
      const before = await checksumsOf(database);
      await database.close();

      await cli(['backup', file], { DATABASE_URL: sourceUrl });
      await cli(['restore', file], { DATABASE_URL: targetUrl });
      database = await openDatabase({ databaseUrl: targetUrl });
      const after = await checksumsOf(database);
      await database.close();

      expect(Object.keys(before)).toContain('drizzle.__drizzle_migrations');
      expect(Number(before['public.officers']!.split(':')[0])).toBe(generated.officers);
      expect(after).toEqual(before);
      const line = `PostgreSQL: ${describeSums(before)}, backup ${fs.statSync(file).size} bytes: every checksum identical after restore`;
      log(line);
      summary.push(line);
    } finally {
      for (const name of names) await dropDatabase(sharedPostgresUrl, name);
    }
  });
});
