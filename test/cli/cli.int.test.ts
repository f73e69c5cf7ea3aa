import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { dbKind, describeDb } from '../support/db.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (bin/peaceops.js) in a child process, as a script would. */
function peaceops(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
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
    child.stdin.end(stdin);
  });
}

describeDb('peaceops CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-cli-'));
  const env: Record<string, string> = {};
  let dbName = '';

  beforeAll(async () => {
    if (dbKind === 'postgres') {
      dbName = `peaceops_cli_${randomBytes(5).toString('hex')}`;
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

  it('migrates and seeds reference data, idempotently', async () => {
    const first = await peaceops(['seed'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/reference data: \d+ organizations, \d+ countries, \d+ agencies/);
    const again = await peaceops(['seed'], env);
    expect(again.stderr.match(/reference data: [^(]*/)?.[0]).toBe(
      first.stderr.match(/reference data: [^(]*/)?.[0],
    );
  });

  it('adds a user with the password from standard input, and explains a refusal', async () => {
    const ok = await peaceops(
      [
        'user',
        'add',
        '--email',
        'lead@sq.example.ca',
        '--role',
        'agency_coordinator',
        '--agency',
        'SQ',
      ],
      env,
      'a long passphrase for the cli\n',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/created agency_coordinator account/);
    expect(ok.stdout + ok.stderr).not.toMatch(/passphrase/);

    const noScope = await peaceops(
      ['user', 'add', '--email', 'x@example.ca', '--role', 'contingent_commander'],
      env,
      'a long passphrase for the cli',
    );
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toMatch(/scope_required.*mission/);

    const weak = await peaceops(
      ['user', 'add', '--email', 'y@example.ca', '--role', 'auditor'],
      env,
      'password1234',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password_too_common/);

    const badRole = await peaceops(
      ['user', 'add', '--email', 'z@example.ca', '--role', 'chief'],
      env,
      'x',
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/Allowed choices are program_admin/);
  });

  it('imports officers from a file, all or nothing, with progress and line-level errors', async () => {
    const file = path.join(dir, 'officers.csv');
    fs.writeFileSync(
      file,
      'agency_code,badge_number,given_name,family_name,gender,rank,service_start\n' +
        'RCMP,R-100,Sam,Whitehorse,man,corporal,2012-04-02\nSQ,S-200,Léa,Roy,femme,sergeant,2010-01-11\n',
    );
    const first = await peaceops(['import', 'officers', file], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2 rows: 2 officers created');
    expect(first.stderr).toMatch(/import: 2 \/ 2 rows/);
    const again = await peaceops(['import', 'officers', file], env);
    expect(again.stdout).toContain('0 officers created, 0 updated, 2 unchanged');
    fs.writeFileSync(
      file,
      'agency_code,badge_number,given_name,family_name,gender,rank,service_start\nRCMP,R-101,Ann,Lee,woman,general,2012-04-02\n',
    );
    const bad = await peaceops(['import', 'officers', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 2, rank: general is not a rank of the common scale');
  });

  it('imports a UN contribution report, listing its flags; again, it replaces the months', async () => {
    const file = path.join(root, 'test/fixtures/un-contributions-sample.csv');
    const first = await peaceops(['import', 'un-contributions', file], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      '57 rows imported (18 aggregates) for 3 month(s): 2015-01-31, 2015-02-28, 2015-03-31; 0 rows of earlier imports replaced',
    );
    expect(first.stdout).toContain('10 flag(s) (9 types_sum_mismatch, 1 mission_normalised):');
    expect(first.stdout).toContain(
      "line 11, mission_normalised: Mission code “UNMISS'” read as UNMISS (stray punctuation removed).",
    );
    expect(first.stdout).toContain(
      'line 16, types_sum_mismatch: Total_Total is 74, but the personnel types add up to 30.',
    );
    const again = await peaceops(['import', 'un-contributions', file], env);
    expect(again.stdout).toContain('57 rows of earlier imports replaced');
    const badFile = path.join(dir, 'un-bad.csv');
    fs.writeFileSync(
      badFile,
      fs
        .readFileSync(file, 'utf8')
        .replace('2015-01-31,Canada,CAN,all', '2015-01-15,Canada,CAN,all'),
    );
    const bad = await peaceops(['import', 'un-contributions', badFile], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 3, Date: Enter the month's last day as YYYY-MM-DD");
  });

  it('imports past tours (the history), with a dry run, idempotently, and line-level errors', async () => {
    const file = path.join(dir, 'history.csv');
    const header =
      'badge_number,agency,family_name,given_name,gender,mission,country,post,start_date,end_date\n';
    fs.writeFileSync(
      file,
      header +
        'H-1,RCMP,Whitehorse,Sam,man,UNMIH,HT,trainer,1995-03-01,1996-02-28\n' +
        'H-1,RCMP,Whitehorse,Sam,man,MONUC,CD,,2011-01-10,2011-12-20\n',
    );
    const dry = await peaceops(['import', 'history', '--dry-run', file], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: 2 rows: 2 tours created, 0 updated, 0 unchanged');
    const first = await peaceops(['import', 'history', file], env);
    expect(first.stdout).toContain(
      '2 rows: 2 tours created, 0 updated, 0 unchanged; 1 officers created',
    );
    const again = await peaceops(['import', 'history', file], env);
    expect(again.stdout).toContain(
      '2 rows: 0 tours created, 0 updated, 2 unchanged; 0 officers created',
    );
    fs.writeFileSync(file, header + 'H-2,RCMP,Lee,Ann,,MONUC,Zaire,,2001-01-15,2001-12-15\n');
    const bad = await peaceops(['import', 'history', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 2, country: Zaire ceased to exist on 1997-05-17');
  });

  it('verifies the audit chain', async () => {
    const run = await peaceops(['audit', 'verify'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/audit log intact: \d+ entries verified/);
  });

  it('backs up and restores, round trip', async () => {
    const file = path.join(dir, dbKind === 'postgres' ? 'backup.dump' : 'backup.tar.gz');
    const backup = await peaceops(['backup', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    // A change after the backup disappears with the restore.
    const later = await peaceops(
      ['user', 'add', '--email', 'after@example.ca', '--role', 'auditor'],
      env,
      'a long passphrase for the cli',
    );
    expect(later.code, later.stderr).toBe(0);

    if (dbKind === 'pglite') {
      const refused = await peaceops(['restore', file], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/--force/);
    }
    const restore = await peaceops(['restore', file, '--force'], env);
    expect(restore.code, restore.stderr).toBe(0);

    const again = await peaceops(
      ['user', 'add', '--email', 'lead@sq.example.ca', '--role', 'auditor'],
      env,
      'a long passphrase for the cli',
    );
    expect(again.stderr).toMatch(/email_taken/);
    const after = await peaceops(
      ['user', 'add', '--email', 'after@example.ca', '--role', 'auditor'],
      env,
      'a long passphrase for the cli',
    );
    expect(after.code, after.stderr).toBe(0);
    const verify = await peaceops(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
  });
});
