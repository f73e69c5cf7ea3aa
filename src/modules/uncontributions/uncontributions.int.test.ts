import fs from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { unContributionImports, unContributions } from './schema.ts';

/** ../shared/data/un-contributions-sample.csv, copied byte for byte (CRLF line endings). */
const samplePath = path.resolve(
  import.meta.dirname,
  '../../../test/fixtures/un-contributions-sample.csv',
);
const sample = fs.readFileSync(samplePath, 'utf8');
const lines = sample.split('\n');
/** The sample's line ending (CRLF): an edited line keeps it. */
const eol = sample.includes('\r\n') ? '\r' : '';

/** The sample with some lines replaced (1 is the header). */
function edited(changes: Record<number, string>) {
  return lines.map((l, i) => changes[i + 1] ?? l).join('\n');
}

describeDb('UN contribution reports', () => {
  let t: TestApp;
  let officer: Client;

  beforeAll(async () => {
    // The UN target steps are configuration: a step in 2015 so the sample's months have one.
    t = await startTestApp({
      unWomenPoliceTargets: [
        { year: 2015, percent: 20 },
        { year: 2028, percent: 30 },
      ],
      wpsTargetPercent: 35,
    });
    officer = await t.as('program_officer');
  });
  afterAll(() => t?.close());

  /** POST the file as the raw body. */
  const upload = (c: Client, content: string, lang = 'en', accept = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/un-contributions/import',
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
        'content-type': 'text/csv',
        'accept-language': lang,
        accept,
        'x-file-name': encodeURIComponent('un-contributions-sample.csv'),
      },
      payload: Buffer.from(content, 'utf8'),
    });

  const rowCount = async () => (await t.db.select({ n: count() }).from(unContributions))[0]!.n;
  const rowAt = async (line: number) =>
    (
      await t.db
        .select()
        .from(unContributions)
        .where(eq(unContributions.line, line))
        .orderBy(asc(unContributions.id))
    ).at(-1)!;

  it('refuses a malformed file with line-level errors in French, and writes nothing', async () => {
    const bad = edited({
      5: lines[4]!.replace('2015-01-31', '2015-01-30'),
      10: lines[9]!.replace('MINUSMA,7,7,14', 'MINUSMA,7,7.5,14'),
      12: lines[11]!.replace('36,9,45', '36,,45'),
    });
    const before = await t.db.select({ n: count() }).from(auditEntries);
    const res = await upload(officer, bad, 'fr');
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('import_invalid');
    expect(error.message).toContain('Le fichier n');
    expect(
      (error.fields as Array<{ line: number; column: string; message: string }>).map(
        (f) => `${f.line} ${f.column}: ${f.message}`,
      ),
    ).toEqual([
      '5 Date: Saisissez le dernier jour du mois au format AAAA-MM-JJ, par exemple 2015-01-31 (le fichier indique « 2015-01-30 »).',
      "10 Individual_Police_Female: Saisissez un nombre entier de personnes, ou NA si aucun n'est déclaré (le fichier indique « 7.5 »).",
      "12 Individual_Police_Female: Saisissez un nombre entier de personnes, ou NA si aucun n'est déclaré (le fichier indique «  »).",
    ]);
    expect(await rowCount()).toBe(0);
    expect(await t.db.select({ n: count() }).from(unContributionImports)).toEqual([{ n: 0 }]);
    expect(await t.db.select({ n: count() }).from(auditEntries)).toEqual(before);

    const header = await upload(officer, sample.replace('Troops_Female,', 'Troops_Women,'), 'fr');
    expect(header.statusCode).toBe(400);
    expect(header.json().error.fields).toEqual([
      expect.objectContaining({ line: 1, column: 'Troops_Female' }),
    ]);
    expect(await rowCount()).toBe(0);
  });

  it('imports the sample exactly as reported: NA as null, 0 as 0, the mission code normalised', async () => {
    const res = await upload(officer, sample);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      fileName: 'un-contributions-sample.csv',
      rows: 57,
      aggregates: 18,
      months: ['2015-01-31', '2015-02-28', '2015-03-31'],
      replaced: 0,
      flagCount: 10,
      flagsByKind: { types_sum_mismatch: 9, mission_normalised: 1 },
    });
    expect(await rowCount()).toBe(57);

    // Line 10: Norway in MINUSMA, January: 7 men, 7 women, 14 police; nothing else reported.
    expect(await rowAt(10)).toMatchObject({
      month: '2015-01-31',
      contributor: 'Norway',
      contributorIso3: 'NOR',
      mission: 'MINUSMA',
      missionRaw: 'MINUSMA',
      aggregate: false,
      policeMale: 7,
      policeFemale: 7,
      policeTotal: 14,
      fpuMale: null,
      fpuTotal: null,
      troopsTotal: null,
      totalTotal: 14,
    });
    // Line 11: UNMISS' as reported, UNMISS as normalised; NA everywhere but the 0 totals.
    expect(await rowAt(11)).toMatchObject({
      mission: 'UNMISS',
      missionRaw: "UNMISS'",
      policeMale: null,
      policeFemale: null,
      policeTotal: null,
      totalMale: 0,
      totalFemale: 0,
      totalTotal: 0,
    });
    // Line 16: Senegal in MINUSTAH, January: police 0 (not NA), troops 20/10/30, total 62/12/74.
    expect(await rowAt(16)).toMatchObject({
      contributorIso3: 'SEN',
      mission: 'MINUSTAH',
      policeMale: 0,
      policeFemale: 0,
      policeTotal: 0,
      expertsTotal: null,
      troopsMale: 20,
      troopsFemale: 10,
      troopsTotal: 30,
      totalMale: 62,
      totalFemale: 12,
      totalTotal: 74,
    });
    // Line 29: Canada in MONUSCO, February.
    expect(await rowAt(29)).toMatchObject({
      contributor: 'Canada',
      mission: 'MONUSCO',
      policeMale: 44,
      policeFemale: 1,
      policeTotal: 45,
      expertsMale: 60,
      expertsFemale: 12,
      expertsTotal: 72,
      totalTotal: 117,
    });
    // Line 2: the grand total of January, an aggregate.
    expect(await rowAt(2)).toMatchObject({
      contributor: 'all',
      mission: 'all',
      aggregate: true,
      policeMale: 225,
      policeFemale: 95,
      policeTotal: 320,
      totalTotal: 692,
    });

    // Every defect of the sample, listed by line.
    const summary = (report.flags as Array<{ line: number; kind: string; details: object }>).map(
      (f) => [f.line, f.kind, f.details],
    );
    expect(summary).toEqual([
      [2, 'types_sum_mismatch', { column: 'Total_Male', reported: 514, sum: 472 }],
      [2, 'types_sum_mismatch', { column: 'Total_Female', reported: 178, sum: 176 }],
      [2, 'types_sum_mismatch', { column: 'Total_Total', reported: 692, sum: 648 }],
      [7, 'types_sum_mismatch', { column: 'Total_Male', reported: 143, sum: 101 }],
      [7, 'types_sum_mismatch', { column: 'Total_Female', reported: 57, sum: 55 }],
      [7, 'types_sum_mismatch', { column: 'Total_Total', reported: 200, sum: 156 }],
      [11, 'mission_normalised', { raw: "UNMISS'", code: 'UNMISS' }],
      [16, 'types_sum_mismatch', { column: 'Total_Male', reported: 62, sum: 20 }],
      [16, 'types_sum_mismatch', { column: 'Total_Female', reported: 12, sum: 10 }],
      [16, 'types_sum_mismatch', { column: 'Total_Total', reported: 74, sum: 30 }],
    ]);

    // The run, with its flags; one audit entry for the whole import, with its counts.
    const runs = await officer.request('GET', '/api/v1/un-contributions/imports');
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items).toEqual([
      expect.objectContaining({
        id: report.importId,
        rows: 57,
        status: 'imported',
        importedBy: 'program_officer',
        months: ['2015-01-31', '2015-02-28', '2015-03-31'],
        flagCount: 10,
        flags: report.flags,
      }),
    ]);
    const audits = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'uncontribution.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      recordId: report.importId,
      changes: { rows: [null, 57], flags: [null, 10], replaced: [null, 0] },
    });
  });

  it('re-imports idempotently: each month replaced, nothing doubled, the same figures', async () => {
    const before = await t.db.select().from(unContributions).orderBy(asc(unContributions.line));
    const res = await upload(officer, sample);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 57, replaced: 57 });
    const after = await t.db.select().from(unContributions).orderBy(asc(unContributions.line));
    expect(after).toHaveLength(57);
    const figures = (rows: typeof before) =>
      rows.map(({ id: _id, importId: _importId, ...rest }) => rest);
    expect(figures(after)).toEqual(figures(before));
    const runs = (await officer.request('GET', '/api/v1/un-contributions/imports')).json().items;
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['imported', 'superseded']);

    // A file of February only replaces February, and leaves the first run partly on file.
    const february = [lines[0], ...lines.filter((l) => l.startsWith('2015-02-28'))].join('\n');
    const feb = await upload(officer, february);
    expect(feb.json()).toMatchObject({ rows: 18, replaced: 18, months: ['2015-02-28'] });
    expect(await rowCount()).toBe(57);
    const statuses = (await officer.request('GET', '/api/v1/un-contributions/imports'))
      .json()
      .items.map((r: { status: string }) => r.status);
    expect(statuses).toEqual(['imported', 'partly_superseded', 'superseded']);
  });

  it('answers individual police exactly as reported, for any contributor, mission and month', async () => {
    const res = await officer.request(
      'GET',
      '/api/v1/un-contributions/police?contributor=CAN&month=2015-02',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .items.map((r: { mission: string; male: number; female: number; total: number }) => [
          r.mission,
          r.male,
          r.female,
          r.total,
        ]),
    ).toEqual([
      ['all', 85, 11, 96],
      ['MINUSTAH', 25, 1, 26],
      ['MONUSCO', 44, 1, 45],
      ['UNMISS', 16, 9, 25],
    ]);
    const na = await officer.request(
      'GET',
      '/api/v1/un-contributions/police?contributor=Norway&mission=UNMISS&month=2015-01',
    );
    expect(na.json()).toMatchObject({
      total: 1,
      items: [{ missionRaw: "UNMISS'", male: null, female: null, total: null }],
    });
    const zero = await officer.request(
      'GET',
      '/api/v1/un-contributions/police?contributor=SEN&mission=minustah&month=2015-01',
    );
    expect(zero.json().items).toEqual([
      expect.objectContaining({ line: 16, male: 0, female: 0, total: 0 }),
    ]);
    const all = await officer.request('GET', '/api/v1/un-contributions/police?pageSize=200');
    expect(all.json().total).toBe(57);
  });

  it('computes women’s share by contributor and month, and Canada against all with the targets', async () => {
    const share = await officer.request(
      'GET',
      '/api/v1/un-contributions/women-share?contributor=CAN',
    );
    expect(share.statusCode, share.body).toBe(200);
    expect(
      share
        .json()
        .items.map((r: { month: string; womenShare: number | null }) => [r.month, r.womenShare]),
    ).toEqual([
      ['2015-01-31', null],
      ['2015-02-28', 11.5],
      ['2015-03-31', 23.3],
    ]);
    const everyone = await officer.request('GET', '/api/v1/un-contributions/women-share');
    // Five contributors and `all`, three months each.
    expect(everyone.json().items).toHaveLength(18);
    expect(everyone.json().items[0]).toMatchObject({
      month: '2015-01-31',
      contributor: 'all',
      female: 95,
      total: 320,
      womenShare: 29.7,
      source: 'reported',
    });

    const vs = await officer.request('GET', '/api/v1/un-contributions/canada-vs-all');
    expect(vs.statusCode, vs.body).toBe(200);
    expect(vs.json().items).toEqual([
      {
        month: '2015-01-31',
        canada: { male: 0, female: 0, total: 0, womenShare: null, source: 'reported' },
        all: { male: 225, female: 95, total: 320, womenShare: 29.7, source: 'reported' },
        unTarget: 20,
        programTarget: 35,
        gapToUnTarget: null,
      },
      {
        month: '2015-02-28',
        canada: { male: 85, female: 11, total: 96, womenShare: 11.5, source: 'reported' },
        all: { male: 357, female: 73, total: 430, womenShare: 17, source: 'reported' },
        unTarget: 20,
        programTarget: 35,
        gapToUnTarget: -8.5,
      },
      {
        month: '2015-03-31',
        canada: { male: 66, female: 20, total: 86, womenShare: 23.3, source: 'reported' },
        all: { male: 247, female: 68, total: 315, womenShare: 21.6, source: 'reported' },
        unTarget: 20,
        programTarget: 35,
        gapToUnTarget: 3.3,
      },
    ]);
  });

  it('flags aggregates off the sum of their parts and unknown missions, and keeps them', async () => {
    const changed = edited({
      // Canada, all missions, January: 5 police reported, none in its mission rows.
      3: `2015-01-31,Canada,CAN,all,5,0,5,0,0,0,0,0,0,0,0,0,5,0,5${eol}`,
      // Jordan in a mission that is not on file.
      19: lines[18]!.replace('MINUSTAH', 'UNXYZ'),
    });
    const res = await upload(officer, changed);
    expect(res.statusCode, res.body).toBe(200);
    const flags = res.json().flags as Array<{ line: number; kind: string; details: object }>;
    expect(flags.filter((f) => f.line === 3)).toEqual([
      {
        line: 3,
        kind: 'aggregate_mismatch',
        details: { column: 'Individual_Police_Male', reported: 5, sum: 0, parts: 2 },
      },
      {
        line: 3,
        kind: 'aggregate_mismatch',
        details: { column: 'Individual_Police_Total', reported: 5, sum: 0, parts: 2 },
      },
      {
        line: 3,
        kind: 'aggregate_mismatch',
        details: { column: 'Total_Male', reported: 5, sum: 0, parts: 2 },
      },
      {
        line: 3,
        kind: 'aggregate_mismatch',
        details: { column: 'Total_Total', reported: 5, sum: 0, parts: 2 },
      },
    ]);
    expect(flags.filter((f) => f.line === 19)).toEqual([
      { line: 19, kind: 'unknown_mission', details: { code: 'UNXYZ' } },
    ]);
    expect(await rowCount()).toBe(57);
    expect(await rowAt(19)).toMatchObject({ mission: 'UNXYZ', policeTotal: 15 });
    expect(await rowAt(3)).toMatchObject({ contributor: 'Canada', policeMale: 5 });
  });

  it('keeps every flag on the run, and lists the first thousand', async () => {
    // The header ends in CRLF (as in the sample), the rows in LF: line ends are made one kind.
    const many = [
      lines[0],
      ...Array.from(
        { length: 1200 },
        (_, i) => `2016-06-30,Country ${i},C${i},UNXYZ,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,0,0,0`,
      ),
    ].join('\n');
    const res = await upload(officer, many);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1200, flagCount: 1200 });
    expect(res.json().flags).toHaveLength(1000);
    expect(res.json().flags[999]).toEqual({
      line: 1001,
      kind: 'unknown_mission',
      details: { code: 'UNXYZ' },
    });
    const [run] = (await officer.request('GET', '/api/v1/un-contributions/imports')).json().items;
    expect(run).toMatchObject({ rows: 1200, flagCount: 1200, months: ['2016-06-30'] });
    expect(run.flags).toHaveLength(1000);
    const [stored] = await t.db
      .select({ flags: unContributionImports.flags })
      .from(unContributionImports)
      .where(eq(unContributionImports.id, res.json().importId));
    expect(stored!.flags).toHaveLength(1200);
  });

  it('reads the same report from an Excel file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('contributions');
    for (const line of lines.filter((l) => l.trim())) {
      const cells = line.replace('\r', '').split(',');
      // As a spreadsheet holds them: dates as dates, figures as numbers, NA as text.
      sheet.addRow(
        cells.map((c, i) =>
          i === 0 && /^\d{4}-/.test(c)
            ? new Date(`${c}T00:00:00Z`)
            : /^\d+$/.test(c)
              ? Number(c)
              : c,
        ),
      );
    }
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/un-contributions/import',
      headers: {
        cookie: officer.cookie!,
        'x-csrf-token': officer.csrfToken!,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-file-name': 'sample.xlsx',
      },
      payload: xlsx,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 57, flagCount: 10, fileName: 'sample.xlsx' });
    expect(await rowAt(16)).toMatchObject({ policeTotal: 0, expertsTotal: null, totalTotal: 74 });
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await t.anonymous().request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as object).filter((p) =>
      p.startsWith('/api/v1/un-contributions/'),
    );
    expect(paths.sort()).toEqual([
      '/api/v1/un-contributions/canada-vs-all',
      '/api/v1/un-contributions/import',
      '/api/v1/un-contributions/imports',
      '/api/v1/un-contributions/police',
      '/api/v1/un-contributions/women-share',
    ]);
  });

  it('streams progress, then the report, with Accept: application/x-ndjson', async () => {
    const res = await upload(officer, sample, 'en', 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    const events = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; phase?: string });
    expect(events[0]).toMatchObject({ type: 'progress', phase: 'checking', done: 0, total: 57 });
    expect(events.at(-2)).toMatchObject({ type: 'progress', phase: 'writing', done: 57 });
    expect(events.at(-1)).toMatchObject({ type: 'report', report: { rows: 57 } });
  });

  it('refuses the import to everyone but program staff, and the figures to those without aggregate access', async () => {
    for (const role of ['decision_partner', 'auditor', 'agency_coordinator', 'officer'] as const) {
      const c = await t.as(role);
      const res = await upload(c, sample);
      expect(res.statusCode, role).toBe(403);
    }
    const admin = await upload(await t.as('program_admin'), sample);
    expect(admin.statusCode).toBe(200);
    for (const role of ['agency_coordinator', 'officer', 'contingent_commander'] as const) {
      const c = await t.as(role);
      for (const url of ['police', 'women-share', 'canada-vs-all', 'imports'])
        expect((await c.request('GET', `/api/v1/un-contributions/${url}`)).statusCode).toBe(403);
    }
    for (const role of ['decision_partner', 'auditor'] as const) {
      const c = await t.as(role);
      expect((await c.request('GET', '/api/v1/un-contributions/police')).statusCode).toBe(200);
    }
    expect((await t.anonymous().request('GET', '/api/v1/un-contributions/police')).statusCode).toBe(
      401,
    );
    const importers = await t.db
      .select({ n: count() })
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'uncontribution.import'), eq(auditEntries.outcome, 'ok')));
    expect(importers[0]!.n).toBe(8);
  });
});
