import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { officers, qualifications } from './schema.ts';

const header =
  'agency_code,badge_number,given_name,family_name,gender,date_of_birth,rank,service_start,email,french_score,french_tested_on,passport_number,passport_issued_on,passport_expires_on,un_assessment_score,un_assessment_on,specialisations';
const good = [
  header,
  'SQ,IMP-1,Julie,Côté,femme,1985-03-02,sergeant,2009-08-10,julie.cote@sq.example.ca,88,2025-01-15,GA111111,2021-05-01,2031-05-01,71,2025-06-01,sgbv;community_policing',
  'SQ,IMP-2,Marc,Lavoie,man,1979-11-20,staff_sergeant,2003-01-06,,64,2024-10-01,,,,,,',
  'SPVM,IMP-3,Aisha,Diallo,woman,1990-07-14,constable,2014-05-20,,,,,,,,,serious_organized_crime',
].join('\n');

describeDb('importing and exporting officers', () => {
  let t: TestApp;
  let officer: Client;
  let coordinator: Client;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    officer = await t.as('program_officer');
    coordinator = await t.as('agency_coordinator');
  });
  afterAll(() => t?.close());

  const send = (c: Client, content: Buffer | string, type = 'text/csv', query = '', lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/officers/import${query}`,
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
        'content-type': type,
        'accept-language': lang,
      },
      payload: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
  const officerCount = async () => (await t.db.select({ n: count() }).from(officers))[0]!.n;
  const errorsOf = (res: LightMyRequestResponse) =>
    (
      res.json().error.fields as Array<{
        line: number;
        column: string;
        code: string;
        message: string;
      }>
    ).map((f) => `${f.line}:${f.column}:${f.code}`);

  it('imports a valid file, then the same file again changes nothing', async () => {
    const dry = await send(officer, good, 'text/csv', '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 3 });
    const before = await officerCount();
    expect(before).toBe(2);
    const first = await send(officer, good);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      qualificationsAdded: 7,
    });
    expect(await officerCount()).toBe(before + 3);
    const [julie] = await t.db.select().from(officers).where(eq(officers.badgeNumber, 'IMP-1'));
    expect(julie).toMatchObject({ gender: 'woman', familyName: 'Côté', dateOfBirth: '1985-03-02' });
    const held = await t.db
      .select()
      .from(qualifications)
      .where(eq(qualifications.officerId, julie!.id));
    expect(held.find((q) => q.kind === 'un_assessment')).toMatchObject({
      passed: true,
      expiresOn: '2027-05-31',
    });
    const audits = (
      await t.db
        .select({ n: count() })
        .from(auditEntries)
        .where(eq(auditEntries.action, 'officer.import'))
    )[0]!.n;

    const again = await send(officer, good);
    expect(again.json()).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      qualificationsAdded: 0,
      qualificationsUpdated: 0,
    });
    expect(await officerCount()).toBe(before + 3);
    expect(
      (
        await t.db
          .select({ n: count() })
          .from(auditEntries)
          .where(eq(auditEntries.action, 'officer.import'))
      )[0]!.n,
    ).toBe(audits);

    // A correction updates that officer only, audited without personal values.
    const corrected = good.replace(
      'IMP-2,Marc,Lavoie,man,1979-11-20,staff_sergeant',
      'IMP-2,Marc,Lavoie,man,1979-11-21,inspector',
    );
    expect((await send(officer, corrected)).json()).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    const [entry] = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'officer.import'))
      .orderBy(auditEntries.seq)
      .then((rows) => rows.slice(-1));
    expect(entry!.changes).toEqual({
      rankCode: ['staff_sergeant', 'inspector'],
      dateOfBirth: ['(changed)', '(changed)'],
    });
  });

  it('imports nothing from a file with errors on several lines, and lists every one in the caller’s language', async () => {
    const before = await officerCount();
    const bad = [
      header,
      'SQ,BAD-1,Anne,Roy,woman,1985-13-40,sergeant,2009-08-10,,,,,,,,,', // bad date
      'XX,BAD-2,Luc,Roy,man,,general,2009-08-10,not-an-email,120,2025-01-01,,,,,,', // agency, rank, email, score
      'SQ,BAD-3,,Roy,woman,,constable,2015-01-01,,,,,,,,,', // missing given name
      'SQ,BAD-3,Eve,Roy,woman,,constable,2015-01-01,,,,,,,,,', // duplicate badge
      'SQ,OK-4,Guy,Roy,man,,constable,2015-01-01,,,,,,,,,',
    ].join('\n');
    const res = await send(officer, bad, 'text/csv', '', 'fr');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import_invalid');
    expect(res.json().error.message).toContain('Rien n');
    expect(errorsOf(res)).toEqual([
      '2:date_of_birth:import.date',
      '3:agency_code:import.unknown_agency',
      '3:rank:import.unknown_rank',
      '3:email:import.email',
      '3:french_score:import.score',
      '4:given_name:import.required',
      '5:badge_number:import.duplicate',
    ]);
    expect(res.json().error.fields[0].message).toBe(
      'Saisissez une date au format AAAA-MM-JJ, par exemple 2024-03-15.',
    );
    expect(await officerCount()).toBe(before);
  });

  it('streams its progress for large files, then the report or every error', async () => {
    const stream = async (content: string, lang = 'en') => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/officers/import',
        headers: {
          cookie: officer.cookie!,
          'x-csrf-token': officer.csrfToken!,
          'content-type': 'text/csv',
          'accept-language': lang,
          accept: 'application/x-ndjson',
        },
        payload: Buffer.from(content, 'utf8'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/x-ndjson');
      return res.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    };
    const rows = Array.from(
      { length: 4500 },
      (_, i) => `RCMP,PROG-${i},Pat,Progress,woman,,constable,2012-04-02,,,,,,,,,`,
    );
    const lines = await stream([header, ...rows].join('\n'));
    expect(lines.slice(0, -1)).toEqual([
      { type: 'progress', phase: 'checking', done: 0, total: 4500 },
      { type: 'progress', phase: 'writing', done: 2000, total: 4500 },
      { type: 'progress', phase: 'writing', done: 4000, total: 4500 },
      { type: 'progress', phase: 'writing', done: 4500, total: 4500 },
    ]);
    expect(lines.at(-1)).toMatchObject({ type: 'report', report: { rows: 4500, created: 4500 } });

    const before = await officerCount();
    const invalid = await stream(
      [header, rows[0], 'RCMP,PROG-X,,,woman,,constable,,,,,,,,,,'].join('\n'),
      'fr',
    );
    expect(invalid.at(-1)).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'import_invalid' },
    });
    const fields = (
      invalid.at(-1) as { error: { fields: Array<{ line: number; column: string }> } }
    ).error.fields;
    expect(fields.map((f) => `${f.line}:${f.column}`)).toEqual([
      '3:given_name',
      '3:family_name',
      '3:service_start',
    ]);
    expect(await officerCount()).toBe(before);
  });

  it('refuses malformed files with a clear error: encoding, missing columns, formulas, size', async () => {
    const latin1 = Buffer.from(
      `${header}\nSQ,ENC-1,Hélène,Côté,woman,,sergeant,2009-08-10,,,,,,,,,\n`,
      'latin1',
    );
    const encoding = await send(officer, latin1);
    expect(encoding.statusCode).toBe(400);
    expect(encoding.json().error.fields[0]).toMatchObject({ code: 'import.encoding' });
    expect(encoding.json().error.fields[0].message).toContain('UTF-8');

    const columns = await send(officer, 'agency_code,badge_number,given_name\nSQ,1,Ann\n');
    expect(errorsOf(columns)).toEqual([
      '1:family_name:import.column_missing',
      '1:gender:import.column_missing',
      '1:rank:import.column_missing',
      '1:service_start:import.column_missing',
    ]);

    const formula = await send(
      officer,
      `${header}\nSQ,F-1,=HYPERLINK("http://x"),Roy,woman,,sergeant,2009-08-10,,,,,,,,,\n`,
    );
    expect(errorsOf(formula)).toEqual(['2:given_name:import.formula']);

    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Officers');
    ws.addRow(header.split(','));
    ws.addRow(['SQ', 'X-1', 'Ann', 'Roy', 'woman', '', 'sergeant', '2009-08-10']);
    ws.getCell('C2').value = { formula: 'CONCAT("A","nn")', result: 'Ann' } as never;
    const xlsxFormula = await send(
      officer,
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(errorsOf(xlsxFormula)).toEqual(['2:given_name:import.formula']);

    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    const tooLarge = await send(officer, huge);
    expect(tooLarge.statusCode).toBe(413);

    const garbage = await send(
      officer,
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]),
      'application/octet-stream',
    );
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.fields[0].code).toBe('import.malformed');
  });

  it('keeps a coordinator’s import to their own agency', async () => {
    const res = await send(coordinator, good);
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res)).toEqual(['4:agency_code:import.other_agency']);
  });

  it('exports in the import format, in scope, with sensitive columns only for those who may read them', async () => {
    const csv = async (c: Client, query = '') => {
      const res = await c.request('GET', `/api/v1/officers/export?format=csv${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body.replace(/^\uFEFF/, '');
    };
    const full = await csv(officer, '&q=Côté');
    expect(full.split('\n')[0]).toContain('agency_code,badge_number');
    expect(full).toContain('GA111111');
    expect(full).toContain('1985-03-02');
    const theirs = await csv(coordinator);
    expect(theirs).toContain('IMP-1');
    expect(theirs).not.toContain('IMP-3'); // SPVM
    expect(theirs).not.toContain('GA111111');
    expect(theirs).not.toContain('1985-03-02');

    // What program staff export imports back unchanged (the round trip).
    const back = await send(officer, full);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      created: 0,
      updated: 0,
      qualificationsAdded: 0,
      qualificationsUpdated: 0,
    });

    const xlsx = await officer.request(
      'GET',
      '/api/v1/officers/export?format=xlsx&q=Côté',
      undefined,
      { 'accept-language': 'fr' },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('matricule');
    expect(ws.rowCount).toBe(2);
  });

  it('serves the template in both languages', async () => {
    const fr = await coordinator.request(
      'GET',
      '/api/v1/officers/import-template?format=csv',
      undefined,
      { 'accept-language': 'fr' },
    );
    expect(
      fr.body
        .replace(/^\uFEFF/, '')
        .split('\n')[0]!
        .startsWith('code_service,matricule,prenom,nom'),
    ).toBe(true);
    expect(fr.headers['content-disposition']).toContain('modele-policiers.csv');
    const xlsx = await coordinator.request('GET', '/api/v1/officers/import-template?format=xlsx');
    // The template, filled with its example row, imports (as a dry run).
    const res = await send(
      officer,
      xlsx.rawPayload,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '?dryRun=true',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, dryRun: true });
  });
});
