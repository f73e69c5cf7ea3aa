import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { AppError } from '../errors.ts';
import { queryRows } from '../db/client.ts';
import {
  failImportRun,
  finishImportRun,
  INTERRUPTED,
  markStaleImportRuns,
  sha256Of,
  startImportRun,
  withImportRun,
} from './imports.ts';
import { importUnContributions } from '../../modules/uncontributions/uncontributions.ts';
import { importRuns } from './schema.ts';

const header =
  'agency_code,badge_number,given_name,family_name,gender,date_of_birth,rank,service_start,email,french_score,french_tested_on,passport_number,passport_issued_on,passport_expires_on,un_assessment_score,un_assessment_on,specialisations';
const good = [
  header,
  'SQ,RUN-1,Julie,Côté,woman,1985-03-02,sergeant,2009-08-10,,,,,,,,,',
  'SPVM,RUN-2,Aisha,Diallo,woman,1990-07-14,constable,2014-05-20,,,,,,,,,',
].join('\n');
const bad = [header, 'SQ,RUN-3,Marc,Lavoie,man,1979-11-20,no_such_rank,2003-01-06,,,,,,,,,'].join(
  '\n',
);

describeDb('import runs', () => {
  let t: TestApp;
  let officer: Client;
  const ctx = () => ({ actorId: null, actorRole: 'test', requestId: null, now: new Date() });
  const runOf = async (id: string) =>
    (await t.db.select().from(importRuns).where(eq(importRuns.id, id)))[0]!;
  const file = (content: string) => ({
    kind: 'officers' as const,
    fileName: '/some/dir/officers.csv',
    content: Buffer.from(content),
  });

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.as('program_officer');
  });
  afterAll(() => t?.close());

  it('starts a run as running, with the file name (no directory) and sha256, then finishes it', async () => {
    const id = await startImportRun(t.db, ctx(), file(good));
    const started = await runOf(id);
    expect(started).toMatchObject({
      status: 'running',
      kind: 'officers',
      fileName: 'officers.csv',
      sha256: sha256Of(Buffer.from(good)),
      rowCount: null,
      failureCode: null,
      finishedAt: null,
    });
    expect(started.sha256).toMatch(/^[0-9a-f]{64}$/);
    await finishImportRun(t.db, id, 2);
    expect(await runOf(id)).toMatchObject({ status: 'succeeded', rowCount: 2, failureCode: null });
    expect((await runOf(id)).finishedAt).toBeInstanceOf(Date);
    // A finished run is never failed afterwards.
    await failImportRun(t.db, id, 'internal');
    expect((await runOf(id)).status).toBe('succeeded');
  });

  it('refuses inconsistent rows: failed without a code, finished while running', async () => {
    await expect(
      t.db.execute(
        sql`insert into import_runs (kind, file_name, sha256, status, actor_role, finished_at) values ('officers', 'x', 'x', 'failed', 'test', now())`,
      ),
    ).rejects.toThrow();
    await expect(
      t.db.execute(
        sql`insert into import_runs (kind, file_name, sha256, actor_role, finished_at) values ('officers', 'x', 'x', 'test', now())`,
      ),
    ).rejects.toThrow();
  });

  it('marks failed, with import_interrupted, a running run whose heartbeat is stale, not a fresh one nor one of this process', async () => {
    const [dead] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into import_runs (kind, file_name, sha256, actor_role, started_at, heartbeat_at)
          values ('officers', 'dead.csv', 'x', 'test', now() - interval '10 minutes', now() - interval '5 minutes')
          returning id`,
    );
    const [fresh] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into import_runs (kind, file_name, sha256, actor_role) values ('officers', 'fresh.csv', 'x', 'test') returning id`,
    );
    const mine = await startImportRun(t.db, ctx(), file(good));
    await t.db.execute(
      sql`update import_runs set heartbeat_at = now() - interval '1 hour' where id = ${mine}`,
    );

    expect(await markStaleImportRuns(t.db, 120)).toBe(1);
    expect(await runOf(dead!.id)).toMatchObject({ status: 'failed', failureCode: INTERRUPTED });
    expect((await runOf(dead!.id)).finishedAt).toBeInstanceOf(Date);
    expect((await runOf(fresh!.id)).status).toBe('running');
    expect((await runOf(mine)).status).toBe('running');

    // With a delay of 0 (the embedded database: no other process), every other running run.
    expect(await markStaleImportRuns(t.db, 0)).toBe(1);
    expect(await runOf(fresh!.id)).toMatchObject({ status: 'failed', failureCode: INTERRUPTED });
    expect((await runOf(mine)).status).toBe('running');
    await finishImportRun(t.db, mine, 2);
  });

  it('records the failure code of an import that throws, and rethrows its error', async () => {
    const error = new AppError('import_invalid', { count: 1 });
    let runId = '';
    await expect(
      withImportRun(
        t.db,
        ctx(),
        file(bad),
        { staleSeconds: 60 },
        async () => {
          const running = await t.db
            .select({ id: importRuns.id })
            .from(importRuns)
            .where(eq(importRuns.status, 'running'));
          runId = running[0]!.id;
          throw error;
        },
        () => 0,
      ),
    ).rejects.toBe(error);
    expect(await runOf(runId)).toMatchObject({ status: 'failed', failureCode: 'import_invalid' });

    await expect(
      withImportRun(
        t.db,
        ctx(),
        file(bad),
        {},
        async () => {
          throw new Error('boom');
        },
        () => 0,
      ),
    ).rejects.toThrow('boom');
    const [last] = await t.db
      .select()
      .from(importRuns)
      .orderBy(sql`started_at desc`)
      .limit(1);
    expect(last).toMatchObject({ status: 'failed', failureCode: 'internal' });
  });

  it('commits the run’s success with the import’s transaction, or not at all', async () => {
    let runId = '';
    await expect(
      withImportRun(
        t.db,
        ctx(),
        file(good),
        {},
        (run) =>
          t.db.transaction(async (tx) => {
            runId = run.id;
            await run.succeed(tx, 2);
            throw new AppError('conflict');
          }),
        () => 2,
      ),
    ).rejects.toThrow();
    expect(await runOf(runId)).toMatchObject({ status: 'failed', failureCode: 'conflict' });

    const ok = await withImportRun(
      t.db,
      ctx(),
      file(good),
      {},
      (run) =>
        t.db.transaction(async (tx) => {
          runId = run.id;
          await run.succeed(tx, 7);
          return 'done';
        }),
      () => 99,
    );
    expect(ok).toBe('done');
    // The count written in the transaction stands: the finish after it changes nothing.
    expect(await runOf(runId)).toMatchObject({ status: 'succeeded', rowCount: 7 });
  });

  it('keeps the heartbeat of a long import fresh', async () => {
    let before: Date | undefined;
    let after: Date | undefined;
    await withImportRun(
      t.db,
      ctx(),
      file(good),
      { staleSeconds: 1 },
      async () => {
        const [run] = await t.db.select().from(importRuns).where(eq(importRuns.status, 'running'));
        before = run!.heartbeatAt;
        // Wait for the heartbeat (every quarter of the stale delay) to move it forward.
        for (let i = 0; i < 100; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const [now] = await t.db.select().from(importRuns).where(eq(importRuns.id, run!.id));
          if (now!.heartbeatAt > before) {
            after = now!.heartbeatAt;
            break;
          }
        }
        return 2;
      },
      (n) => n,
    );
    expect(after).toBeDefined();
    expect(after!.getTime()).toBeGreaterThan(before!.getTime());
  });

  it('leaves a run for a UN contributions import, succeeded with its row count', async () => {
    const content = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../test/fixtures/un-contributions-sample.csv'),
    );
    const report = await importUnContributions(t.db, ctx(), { name: 'un.csv', content });
    const [run] = await t.db
      .select()
      .from(importRuns)
      .where(eq(importRuns.kind, 'un_contributions'));
    expect(run).toMatchObject({
      status: 'succeeded',
      fileName: 'un.csv',
      rowCount: report.rows,
      sha256: sha256Of(content),
    });
  });

  it('leaves a run for each officer import through the API, listed newest first in the caller’s language', async () => {
    const post = (content: string, name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/officers/import',
        headers: {
          cookie: officer.cookie!,
          'x-csrf-token': officer.csrfToken!,
          'content-type': 'text/csv',
          'x-file-name': encodeURIComponent(name),
        },
        payload: Buffer.from(content),
      });
    expect((await post(bad, 'équipe bad.csv')).statusCode).toBe(400);
    expect((await post(good, 'good.csv')).statusCode).toBe(200);
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/officers/import?dryRun=true',
      headers: {
        cookie: officer.cookie!,
        'x-csrf-token': officer.csrfToken!,
        'content-type': 'text/csv',
      },
      payload: Buffer.from(good),
    });
    expect(dry.statusCode).toBe(200);

    const res = await officer.request('GET', '/api/v1/imports?kind=officers&limit=2', undefined, {
      'accept-language': 'fr',
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    // The dry run left no run: the newest two are the good file, then the bad one.
    expect(items.map((i) => [i.fileName, i.status, i.rowCount, i.failureCode])).toEqual([
      ['good.csv', 'succeeded', 2, null],
      ['équipe bad.csv', 'failed', null, 'import_invalid'],
    ]);
    expect(items[1]!.failureMessage).toMatch(/rien n'a été importé/);
    expect(items[0]!.failureMessage).toBeNull();
    expect(Object.keys(items[0]!)).not.toContain('actorId');
    expect(items[0]!.actorRole).toBe('program_officer');
  });
});
