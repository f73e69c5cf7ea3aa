import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { dbKind, describeDb, freshDatabase } from '../../../test/support/db.ts';
import { verifyAuditChain, type AuditContext } from '../../kernel/audit/audit.ts';
import { queryRows } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { seedReferenceData } from '../reference/seed.ts';
import { computeFigures } from '../statistics/statistics.ts';
import { unPoliceByMonth } from './data/un-police.ts';
import { seedProgramHistory, type HistoryCounts } from './history.ts';
import { correlation, monthEnd, monthIndex } from './rules.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const TODAY = '2026-12-04';
const ctx: AuditContext = {
  actorId: null,
  actorRole: 'cli',
  requestId: null,
  now: new Date(`${TODAY}T12:00:00Z`),
};

function peaceops(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/peaceops.js'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describeDb('the generated program history', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let counts: HistoryCounts;
  const n = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ n: number }>(database.db, query))[0]!.n;

  beforeAll(async () => {
    database = await freshDatabase();
    await seedReferenceData(database.db);
    counts = await seedProgramHistory(database.db, ctx, { scale: 'small', seed: 1989 });
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('writes the counts it reports, and the public totals come out of the records', async () => {
    expect(await n(sql`select count(*)::int as n from officers`)).toBe(counts.officers);
    expect(await n(sql`select count(*)::int as n from prior_missions`)).toBe(counts.priorTours);
    expect(await n(sql`select count(*)::int as n from deployments`)).toBe(counts.deployments);
    expect(await n(sql`select count(*)::int as n from deployment_moves`)).toBe(counts.moves);
    expect(await n(sql`select count(*)::int as n from check_ins`)).toBe(counts.checkIns);
    expect(counts.checkIns).toBeGreaterThan(10_000);
    expect(counts.incidents).toBeGreaterThan(0);
    expect(counts.evaluations).toBeGreaterThan(0);
    const figures = await computeFigures(database.db, TODAY);
    expect(figures.since).toBe(1989);
    expect(figures.officersDeployed).toBeGreaterThan(4000);
    expect(figures.countries).toBeGreaterThan(33);
    expect(figures.tours).toBe(counts.priorTours + counts.deployments);
    const rcmp = figures.byAgency.find((a) => a.code === 'RCMP')!.officers;
    expect(rcmp / figures.officersDeployed).toBeGreaterThan(0.3);
    expect(rcmp / figures.officersDeployed).toBeLessThan(0.4);
    expect(figures.byYear[0]!.year).toBe(1989);
    // About 80 deployed now (the program's size), none in the loaded history.
    expect(figures.deployedNow.total).toBeGreaterThan(50);
    expect(figures.deployedNow.total).toBeLessThanOrEqual(150);
  });

  it("follows Canada's monthly UN police figures, from both kinds of record", async () => {
    const rows = await queryRows<{ month: string; n: number }>(
      database.db,
      sql`with t as (
            select mission_id, start_date, end_date from prior_missions
            union all select mission_id, actual_start, coalesce(actual_end, planned_end)
              from deployments where actual_start is not null),
          months as (select (date_trunc('month', g) + interval '1 month - 1 day')::date as d
              from generate_series('1990-11-01'::date, '2014-03-01'::date, interval '1 month') g)
          select to_char(months.d, 'YYYY-MM') as month, count(m.id)::int as n
            from months left join t on t.start_date <= months.d and t.end_date >= months.d
            left join missions m on m.id = t.mission_id and m.organization_code = 'UN'
           group by months.d order by months.d`,
    );
    expect(rows.length).toBe(unPoliceByMonth.size);
    expect(
      correlation(
        rows.map((r) => unPoliceByMonth.get(r.month)!),
        rows.map((r) => r.n),
      ),
    ).toBeGreaterThan(0.9);
    expect(monthEnd(monthIndex('2019-09'))).toBe('2019-09-30');
  });

  it('keeps deployments in their missions, handed on, trained for, every move recorded', async () => {
    expect(
      await n(sql`select count(*)::int as n from deployments d join missions m on m.id = d.mission_id
                   where d.planned_start < m.start_date or d.planned_end > coalesce(m.end_date, d.planned_end)`),
    ).toBe(0);
    expect(
      await n(sql`select count(*)::int as n from deployments d join deployments p on p.id = d.predecessor_id
                   where d.planned_start <> p.planned_end + 1 or d.mission_id <> p.mission_id`),
    ).toBe(0);
    expect(
      await n(sql`select count(*)::int as n from deployments where predecessor_id is not null`),
    ).toBeGreaterThan(counts.deployments / 2);
    // Each deployment: the pre-deployment course passed (or booked) before it.
    expect(
      await n(sql`select count(*)::int as n from deployments d
                   where not exists (select 1 from enrolments e join course_sessions s on s.id = e.session_id
                                      where e.officer_id = d.officer_id and s.ends_on < d.planned_start)`),
    ).toBe(0);
    // Moves: a path from selected to the state, each after the one before.
    expect(
      await n(sql`select count(*)::int as n from deployments d
                   where d.state <> coalesce((select to_state from deployment_moves m where m.deployment_id = d.id
                                               order by m.at desc limit 1), 'selected')`),
    ).toBe(0);
    expect(
      await n(
        sql`select count(*)::int as n from deployment_moves where at > ${ctx.now.toISOString()}::timestamptz`,
      ),
    ).toBe(0);
    expect(
      await n(sql`select count(*)::int as n from check_ins c join deployments d on d.id = c.deployment_id
                   where c.at::date < d.actual_start or c.at::date > coalesce(d.actual_end, ${TODAY}::date)`),
    ).toBe(0);
    expect(
      await n(sql`select count(*)::int as n from incidents i join incident_officers io on io.incident_id = i.id
                   where not exists (select 1 from deployments d where d.officer_id = io.officer_id
                      and d.mission_id = i.mission_id and i.occurred_on between d.actual_start
                      and coalesce(d.actual_end, ${TODAY}::date))`),
    ).toBe(0);
  });

  it('writes one audit entry for the whole history, and refuses a second history', async () => {
    const entries = await queryRows<{ action: string; changes: Record<string, unknown[]> }>(
      database.db,
      sql`select action, changes from audit_entries`,
    );
    expect(entries.map((e) => e.action)).toEqual(['history.generate']);
    expect(entries[0]!.changes.officers).toEqual([null, counts.officers]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const error = await seedProgramHistory(database.db, ctx, { scale: 'small' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('history_exists');
    expect(await n(sql`select count(*)::int as n from officers`)).toBe(counts.officers);
  });

  it('is the same rows for the same seed', async () => {
    const other = await freshDatabase();
    try {
      await seedReferenceData(other.db);
      // The same seed up to 1998: the same first officers, with the same ids.
      await seedProgramHistory(other.db, ctx, { seed: 1989, until: '1998-01-01' });
      const theirs = await queryRows<{ id: string; name: string }>(
        other.db,
        sql`select id, given_name || ' ' || family_name as name from officers order by id`,
      );
      const ids = JSON.stringify(theirs.map((r) => r.id));
      const ours = await queryRows<{ id: string; name: string }>(
        database.db,
        sql`select id, given_name || ' ' || family_name as name from officers
             where id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb)) order by id`,
      );
      expect(theirs.length).toBeGreaterThan(500);
      expect(ours).toEqual(theirs);
    } finally {
      await other.drop();
    }
  });
});

describeDb('peaceops seed --history', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-history-'));
  const env: Record<string, string> = {};
  let dbName = '';

  beforeAll(async () => {
    if (dbKind === 'postgres') {
      dbName = `peaceops_history_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const url = new URL(inject('postgresUrl'));
      url.pathname = `/${dbName}`;
      env.DATABASE_URL = url.toString();
    } else {
      env.DATA_DIR = path.join(dir, 'data');
    }
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  it('loads reference data, generates the history once, prints counts and time', async () => {
    const first = await peaceops(['seed', '--history', '--scale', 'small', '--seed', '7'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/reference data: /);
    expect(first.stderr).toMatch(/history \(small, seed 7\) generated in [\d.]+ s/);
    expect(Number(first.stdout.match(/^officers: (\d+)$/m)?.[1])).toBeGreaterThan(4000);
    expect(Number(first.stdout.match(/^countries: (\d+)$/m)?.[1])).toBeGreaterThan(33);
    const again = await peaceops(['seed', '--history'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/history_exists/);
    const bad = await peaceops(['seed', '--history', '--scale', 'huge'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/small, full, large/);
  }, 180_000);
});
