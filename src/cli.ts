import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig, servedMfaRoles, type Config } from './config.ts';
import { openDatabase, type Database } from './kernel/db/client.ts';
import { verifyAuditChain, type AuditContext } from './kernel/audit/audit.ts';
import { AppError } from './kernel/errors.ts';
import { markStaleImportRuns, staleSecondsFor } from './kernel/imports/imports.ts';
import { translator } from './kernel/i18n.ts';
import { DEMO_PASSWORD, isEmpty, seedDemo } from './modules/demo/seed.ts';
import {
  DEFAULT_SEED,
  historyScales,
  seedProgramHistory,
  type HistoryScale,
} from './modules/history/history.ts';
import { importOfficers } from './modules/officers/import.ts';
import { importPastTours } from './modules/pasttours/pasttours.ts';
import { runRetention } from './modules/privacy/retention.ts';
import { importUnContributions } from './modules/uncontributions/uncontributions.ts';
import { seedReferenceData } from './modules/reference/seed.ts';
import { roles, partners, type Role } from './modules/users/schema.ts';
import { addUser } from './modules/users/users.ts';

const cliContext = (): AuditContext => ({
  actorId: null,
  actorRole: 'cli',
  requestId: null,
  now: new Date(),
});

async function open(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  return database;
}

function progress(label: string) {
  const start = Date.now();
  return {
    step(message: string) {
      process.stderr.write(
        `${label}: ${message} (${((Date.now() - start) / 1000).toFixed(1)} s)\n`,
      );
    },
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password: ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function fail(error: unknown): never {
  if (error instanceof AppError) {
    console.error(`error (${error.code}): ${translator('en')(error.code, error.params)}`);
    for (const f of error.fields ?? [])
      console.error(
        `  ${f.line !== undefined ? `line ${f.line}, ${f.column}` : f.path}: ${translator('en')(f.code, f.params ?? {})}`,
      );
  } else {
    console.error(`error: ${(error as Error).message}`);
  }
  process.exit(1);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

const program = new Command('peaceops').description(
  'peaceops: the police peace-operations program system',
);

program
  .command('serve')
  .description('Migrate the database and serve the API and web app')
  .option('--demo', 'on the embedded database, seed demo data and demo logins when it is empty')
  .action(async (opts: { demo?: boolean }) => {
    const started = performance.now();
    const config = loadConfig();
    // Production requires a second factor of the four staff roles; the demo's logins are demo-only,
    // so there none is required unless MFA_REQUIRED_ROLES says so.
    config.mfaRequiredRoles = servedMfaRoles(process.env, opts.demo === true);
    if (config.databaseUrl && !config.secretKey && config.mfaRequiredRoles.length)
      console.warn(
        'SECRET_KEY is not set: second factors cannot be enrolled or checked on PostgreSQL (see README).',
      );
    const { buildApp } = await import('./server.ts');
    const database = await open(config);
    let logins: Awaited<ReturnType<typeof seedDemo>> = [];
    if (opts.demo) {
      if (database.kind === 'embedded') {
        if (await isEmpty(database.db)) console.log('Empty database: loading demo data...');
        logins = await seedDemo(database.db, cliContext(), config.appUrl);
      } else {
        await seedReferenceData(database.db);
        console.log(
          'DATABASE_URL is set: reference data loaded, no demo accounts created (use `peaceops user add`).',
        );
      }
    }
    // Imports that were running when a process died: failed now (embedded) or once stale.
    const interrupted = await markStaleImportRuns(
      database.db,
      staleSecondsFor(database, config.importStaleSeconds),
    );
    if (interrupted) console.log(`${interrupted} interrupted import run(s) marked failed`);
    const app = await buildApp({ database, config, jobs: true });
    const url = await app.listen({ port: config.port, host: config.host });
    const shown = url.replace('127.0.0.1', 'localhost');
    console.log(`\npeaceops is serving at ${shown}/en/ (français : ${shown}/fr/)`);
    console.log(
      `database: ${database.kind} (${database.location}); ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (logins.length) {
      console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const l of logins)
        console.log(`  ${l.role.padEnd(22)} ${l.email}${l.scope ? `  (${l.scope})` : ''}`);
    }
    console.log(
      config.mfaRequiredRoles.length
        ? `second factor required for: ${config.mfaRequiredRoles.join(', ')} (MFA_REQUIRED_ROLES)`
        : 'second factor: required for no role (demo default; set MFA_REQUIRED_ROLES to require it)',
    );
    console.log(`\nAPI reference: ${shown}/api/docs`);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const p = progress('migrate');
    const database = await open(config);
    p.step(`up to date on ${database.kind} (${database.location})`);
    await database.close();
  });

program
  .command('seed')
  .description(
    'Load reference data (with --demo, demo accounts on the embedded database; with --history, a generated 35-year program history)',
  )
  .option('--demo', 'also create one demo account per role (embedded database only)')
  .option('--history', 'also generate a realistic program history, 1989 to today (once only)')
  .addOption(
    new Option('--scale <scale>', 'size of the generated history: small is the real program')
      .choices([...historyScales])
      .default('small'),
  )
  .option(
    '--seed <n>',
    'seed of the generated history (the same seed, the same history)',
    String(DEFAULT_SEED),
  )
  .action(
    async (opts: { demo?: boolean; history?: boolean; scale: HistoryScale; seed: string }) => {
      const config = loadConfig();
      const p = progress('seed');
      const database = await open(config);
      try {
        const counts = await seedReferenceData(database.db);
        p.step(
          `reference data: ${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
        );
        if (opts.demo) {
          if (database.kind !== 'embedded')
            throw new Error('Demo accounts are only created on the embedded database.');
          const logins = await seedDemo(database.db, cliContext(), config.appUrl);
          p.step(`demo accounts: ${logins.length} (password ${DEMO_PASSWORD})`);
        }
        if (opts.history) {
          const seed = Number(opts.seed);
          if (!Number.isInteger(seed))
            throw new Error(`--seed must be a whole number: ${opts.seed}`);
          const started = Date.now();
          const history = await seedProgramHistory(database.db, cliContext(), {
            scale: opts.scale,
            seed,
          });
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          p.step(`history (${opts.scale}, seed ${seed}) generated in ${seconds} s`);
          console.log(
            Object.entries(history)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n'),
          );
        }
        await database.close();
      } catch (error) {
        await database.close();
        fail(error);
      }
    },
  );

/**
 * One import from the command line: open the database, read the file, show its progress, print
 * the report's lines (what `run` makes of the report), close; any refusal is printed by `fail`.
 */
async function runImport(
  file: string,
  run: (
    database: Database,
    upload: { name: string; content: Buffer },
    common: { staleSeconds: number; onProgress: (done: number, total: number) => void },
  ) => Promise<string[]>,
) {
  const config = loadConfig();
  const database = await open(config);
  const p = progress('import');
  try {
    const lines = await run(
      database,
      { name: path.basename(file), content: fs.readFileSync(file) },
      {
        staleSeconds: staleSecondsFor(database, config.importStaleSeconds),
        onProgress: (done, total) => p.step(`${done} / ${total} rows`),
      },
    );
    for (const line of lines) console.log(line);
    await database.close();
  } catch (error) {
    await database.close();
    fail(error);
  }
}

const importCommand = program.command('import').description('Import records from files');
importCommand
  .command('officers')
  .description(
    'Import officers and qualifications from a CSV or XLSX file (all or nothing; the same file twice changes nothing)',
  )
  .argument('<file>', 'CSV (UTF-8) or XLSX file in the format of the import template')
  .option('--dry-run', 'check the file and report what would change, without writing')
  .action((file: string, opts: { dryRun?: boolean }) =>
    runImport(file, async (database, upload, common) => {
      const report = await importOfficers(database.db, cliContext(), upload.content, {
        ...common,
        dryRun: opts.dryRun ?? false,
        fileName: upload.name,
      });
      return [
        `${report.dryRun ? 'dry run: ' : ''}${report.rows} rows: ${report.created} officers created, ${report.updated} updated, ${report.unchanged} unchanged; ${report.qualificationsAdded} qualifications added, ${report.qualificationsUpdated} updated`,
      ];
    }),
  );

importCommand
  .command('history')
  .description(
    'Import past tours (deployments before the system) from a CSV or XLSX file: all or nothing; the same file twice changes nothing (docs/history-import.md)',
  )
  .argument(
    '<file>',
    'CSV (UTF-8) or XLSX file: badge_number, agency, family_name, given_name, gender, mission, country, post, start_date, end_date',
  )
  .option('--dry-run', 'check the file and report what would change, without writing')
  .action((file: string, opts: { dryRun?: boolean }) =>
    runImport(file, async (database, upload, common) => {
      const report = await importPastTours(database.db, cliContext(), upload.content, {
        ...common,
        dryRun: opts.dryRun ?? false,
        fileName: upload.name,
      });
      return [
        `${report.dryRun ? 'dry run: ' : ''}${report.rows} rows: ${report.created} tours created, ${report.updated} updated, ${report.unchanged} unchanged; ${report.officersCreated} officers created`,
      ];
    }),
  );

importCommand
  .command('un-contributions')
  .description(
    'Import a UN monthly contribution report (IPI layout, CSV or XLSX): all or nothing; each month in the file replaces that month; every inconsistent row is listed, never fixed',
  )
  .argument(
    '<file>',
    'CSV (UTF-8) or XLSX file: Date, Contributor, Contributor_ISO-3, Mission, then Male/Female/Total per personnel type',
  )
  .action((file: string) =>
    runImport(file, async (database, upload, common) => {
      const report = await importUnContributions(database.db, cliContext(), upload, common);
      const t = translator('en');
      const kinds = Object.entries(report.flagsByKind).map(([k, n]) => `${n} ${k}`);
      return [
        `${report.rows} rows imported (${report.aggregates} aggregates) for ${report.months.length} month(s): ${report.months.join(', ')}; ${report.replaced} rows of earlier imports replaced`,
        `${report.flagCount} flag(s)${kinds.length ? ` (${kinds.join(', ')}):` : ''}`,
        ...report.flags.map(
          (f) => `  line ${f.line}, ${f.kind}: ${t(`uncontributions:flags.${f.kind}`, f.details)}`,
        ),
      ];
    }),
  );

const user = program.command('user').description('Manage accounts');
user
  .command('add')
  .description('Create an account; the password is read from standard input')
  .requiredOption('--email <email>', 'email address (the sign-in name)')
  .addOption(new Option('--role <role>', 'role id').choices([...roles]).makeOptionMandatory())
  .option('--name <name>', 'display name (defaults to the email)')
  .addOption(new Option('--partner <partner>', 'decision partner scope').choices([...partners]))
  .option('--agency <code>', 'agency code (agency coordinator or officer)')
  .option('--mission <code>', 'mission code (contingent commander)')
  .addOption(
    new Option('--locale <locale>', 'preferred language').choices(['en', 'fr']).default('en'),
  )
  .action(
    async (opts: {
      email: string;
      role: Role;
      name?: string;
      partner?: 'GAC' | 'PS' | 'RCMP';
      agency?: string;
      mission?: string;
      locale: 'en' | 'fr';
    }) => {
      const config = loadConfig();
      const password = await readStdin();
      const database = await open(config);
      try {
        const created = await addUser(database.db, cliContext(), {
          email: opts.email,
          displayName: opts.name ?? opts.email,
          password,
          role: opts.role,
          partner: opts.partner ?? null,
          agencyCode: opts.agency ?? null,
          missionCode: opts.mission ?? null,
          locale: opts.locale,
        });
        console.log(`created ${created.role} account ${created.id}`);
      } catch (error) {
        await database.close();
        fail(error);
      }
      await database.close();
    },
  );

const audit = program.command('audit').description('The audit log');
audit
  .command('verify')
  .description('Check the hash chain of the audit log; exits 1 at the first broken link')
  .action(async () => {
    const config = loadConfig();
    const database = await open(config);
    const report = await verifyAuditChain(database.db, (n) =>
      process.stderr.write(`\rchecked ${n} entries`),
    );
    process.stderr.write('\n');
    await database.close();
    if (report.ok) {
      console.log(`audit log intact: ${report.checked} entries verified`);
    } else {
      console.error(
        `audit log BROKEN at entry ${report.firstBroken!.seq} (${report.firstBroken!.reason}); ${report.checked} entries before it are intact`,
      );
      process.exit(1);
    }
  });

program
  .command('retention')
  .description(
    'Anonymise the officers whose last administrative use is over RETENTION_YEARS old (--dry-run: list them)',
  )
  .option('--dry-run', 'list the officers due (id, agency, last use) without changing anything')
  .action(async (opts: { dryRun?: boolean }) => {
    const config = loadConfig();
    const database = await open(config);
    try {
      const report = await runRetention(database.db, cliContext(), {
        years: config.retentionYears,
        dryRun: !!opts.dryRun,
      });
      for (const d of report.due) console.log(`${d.id}\t${d.agencyId}\t${d.lastUse}`);
      console.error(
        report.dryRun
          ? `retention (dry run): ${report.due.length} officers last used before ${report.cutoff} would be anonymised`
          : `retention: ${report.anonymised} officers last used before ${report.cutoff} anonymised`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('backup')
  .description('Write a consistent backup of the database to a file')
  .argument(
    '<file>',
    'backup file to write (.tar.gz for the embedded database, pg_dump custom format otherwise)',
  )
  .action(async (file: string) => {
    const config = loadConfig();
    const p = progress('backup');
    if (config.databaseUrl) {
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${file}`,
        `--dbname=${config.databaseUrl}`,
      ]);
    } else {
      // The directory lock guarantees no server has the database open: the dump is consistent.
      const database = await open(config);
      const dump = await database.pglite!.dumpDataDir('gzip');
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      await database.close();
    }
    p.step(`wrote ${path.resolve(file)} (${fs.statSync(file).size} bytes)`);
  });

program
  .command('restore')
  .description('Replace the database with the contents of a backup file')
  .argument('<file>', 'a file written by `peaceops backup`')
  .option('--force', 'replace an existing embedded database')
  .action(async (file: string, opts: { force?: boolean }) => {
    const config = loadConfig();
    const p = progress('restore');
    if (!fs.existsSync(file)) fail(new Error(`no such file: ${file}`));
    if (config.databaseUrl) {
      await run('pg_restore', [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        `--dbname=${config.databaseUrl}`,
        file,
      ]);
    } else {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length) {
        if (!opts.force)
          fail(new Error(`${pgdata} already holds a database; pass --force to replace it`));
        // Take the lock before removing anything, so a running server is never pulled from under.
        const probe = await openDatabase({ dataDir: config.dataDir });
        await probe.close();
        fs.rmSync(pgdata, { recursive: true, force: true });
      }
      const blob = new Blob([fs.readFileSync(file)]);
      const database = await openDatabase({ dataDir: config.dataDir, loadDataDir: blob });
      await database.migrate();
      await database.close();
    }
    p.step(`restored from ${path.resolve(file)}`);
  });

program.parseAsync(process.argv).catch(fail);
