import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { seedReferenceData } from '../../src/modules/reference/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded database with reference data, dumped once: each test file loads it (~0.6 s, not ~3 s). */
    pgliteTemplate: string;
    /** Base URL of a PostgreSQL server for per-file test databases, or '' when none answers. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const kind = project.name === 'postgres' ? 'postgres' : 'pglite';
  let postgresUrl = '';
  let pgliteTemplate = '';
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      postgresUrl = url;
    } catch (error) {
      if (process.env.CI)
        throw new Error(`CI needs PostgreSQL at ${url}: ${(error as Error).message}`, {
          cause: error,
        });
      console.warn(`PostgreSQL not reachable at ${url}: the postgres project's tests are skipped.`);
    }
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-template-'));
    pgliteTemplate = path.join(dir, 'template.tar');
    const database = await openDatabase({});
    await database.migrate();
    await seedReferenceData(database.db);
    const dump = await database.pglite!.dumpDataDir('none');
    fs.writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('postgresUrl', postgresUrl);
  project.provide('pgliteTemplate', pgliteTemplate);
  return () => {
    if (pgliteTemplate) fs.rmSync(path.dirname(pgliteTemplate), { recursive: true, force: true });
  };
}
