import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { listImportRuns } from '../../kernel/imports/imports.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { deployments } from '../deployments/schema.ts';
import { officers, priorMissions } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';
import { templateCsv } from './format.ts';

const header =
  'badge_number,agency,family_name,given_name,gender,mission,country,post,start_date,end_date';
const good = [
  header,
  // A renamed mission under its former name, mapped by the tour's start (MONUC -> MONUSCO).
  'PT-1,RCMP,Tremblay,Louise,woman,UNMIH,HT,trainer,1995-03-01,1996-02-28',
  'PT-1,RCMP,Tremblay,Louise,,MONUC,CD,Investigator mentor,2011-01-10,2011-12-20',
  // A dissolved state, in its day.
  'PT-2,SQ,Côté,Julie,femme,FORPRONU,Yugoslavia,,1993-03-01,1994-02-28',
  // A tour that spans a renaming stays under the mission it began in.
  'PT-3,SPVM,Diallo,Aisha,,MINUSTAH,Haïti,Police monitor,2017-03-01,2018-02-28',
  // An officer on file, named with other case and no accents.
  'HIST-9,OPP,GELINAS,Rene,,UNMIK,Serbia and Montenegro,individual_police_officer,2004-01-05,2004-12-20',
].join('\n');

describeDb('importing past tours', () => {
  let t: TestApp;
  let staff: Client;
  let onFileId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.as('program_officer');
    // An officer already on file, with a past tour.
    const [opp] = await t.db.select().from(agencies).where(eq(agencies.code, 'OPP'));
    const agencyId = opp!.id;
    const [officer] = await t.db
      .insert(officers)
      .values({
        agencyId,
        badgeNumber: 'HIST-9',
        givenName: 'René',
        familyName: 'Gélinas',
        gender: 'man',
        rankCode: 'sergeant',
        serviceStart: '1990-01-01',
      })
      .returning();
    onFileId = officer!.id;
    // ... and a deployment of the system (MINUSMA, 2019-2020).
    await t.db.insert(deployments).values({
      officerId: onFileId,
      missionId: t.ids.ownMission,
      state: 'returned',
      plannedStart: '2019-06-01',
      plannedEnd: '2020-05-31',
      actualStart: '2019-06-03',
      actualEnd: '2020-05-30',
    });
    await t.db.insert(priorMissions).values({
      officerId: onFileId,
      missionName: 'UNMIBH',
      role: 'Police monitor',
      startDate: '1998-01-01',
      endDate: '1998-12-31',
    });
  });
  afterAll(() => t?.close());

  const send = (content: string, query = '', lang = 'en', c = staff) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/past-tours/import${query}`,
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
        'content-type': 'text/csv',
        'accept-language': lang,
      },
      payload: Buffer.from(content, 'utf8'),
    });
  const tourCount = async () => (await t.db.select({ n: count() }).from(priorMissions))[0]!.n;
  const officerCount = async () => (await t.db.select({ n: count() }).from(officers))[0]!.n;
  const auditCount = async () =>
    (
      await t.db
        .select({ n: count() })
        .from(auditEntries)
        .where(eq(auditEntries.action, 'pastTour.import'))
    )[0]!.n;
  const problemsOf = (res: LightMyRequestResponse) =>
    (
      res.json().error.fields as Array<{
        line: number;
        column: string;
        code: string;
        message: string;
      }>
    ).map((f) => `${f.line}:${f.column}:${f.code}`);

  it('checks without writing, then imports: missions mapped, a dissolved state kept in its day', async () => {
    const dry = await send(good, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      rows: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      officersCreated: 3,
      dryRun: true,
    });
    expect(await tourCount()).toBe(1);

    const res = await send(good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 5, officersCreated: 3, dryRun: false });
    expect(await tourCount()).toBe(6);
    const tours = await t.db
      .select({
        badge: officers.badgeNumber,
        mission: missions.code,
        missionName: priorMissions.missionName,
        country: priorMissions.countryCode,
        post: priorMissions.postTypeCode,
        role: priorMissions.role,
        start: priorMissions.startDate,
        end: priorMissions.endDate,
      })
      .from(priorMissions)
      .innerJoin(officers, eq(officers.id, priorMissions.officerId))
      .innerJoin(missions, eq(missions.id, priorMissions.missionId))
      .orderBy(priorMissions.startDate);
    expect(tours).toEqual([
      {
        badge: 'PT-2',
        mission: 'UNPROFOR',
        missionName: 'UNPROFOR',
        country: 'YU',
        post: null,
        role: null,
        start: '1993-03-01',
        end: '1994-02-28',
      },
      {
        badge: 'PT-1',
        mission: 'UNMIH',
        missionName: 'UNMIH',
        country: 'HT',
        post: 'trainer',
        role: 'Trainer',
        start: '1995-03-01',
        end: '1996-02-28',
      },
      expect.objectContaining({ badge: 'HIST-9', mission: 'UNMIK', country: 'CS' }),
      expect.objectContaining({ badge: 'PT-1', mission: 'MONUSCO', post: 'investigator_mentor' }),
      expect.objectContaining({ badge: 'PT-3', mission: 'MINUSTAH', role: 'Police monitor' }),
    ]);
    // Created officers: names as written, lower bounds for rank and service start.
    const [julie] = await t.db.select().from(officers).where(eq(officers.badgeNumber, 'PT-2'));
    expect(julie).toMatchObject({
      familyName: 'Côté',
      gender: 'woman',
      rankCode: 'constable',
      serviceStart: '1993-03-01',
    });
    // The officer on file is not renamed.
    const [rene] = await t.db.select().from(officers).where(eq(officers.id, onFileId));
    expect(rene).toMatchObject({ familyName: 'Gélinas', givenName: 'René', gender: 'man' });
    // One audit entry per officer: the officer created (or not), with the tours added.
    expect(await auditCount()).toBe(4);
    const [louise] = await t.db.select().from(officers).where(eq(officers.badgeNumber, 'PT-1'));
    const [entry] = await t.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'pastTour.import'), eq(auditEntries.recordId, louise!.id)),
      );
    expect(entry?.changes).toMatchObject({
      familyName: [null, 'Tremblay'],
      pastToursAdded: [
        null,
        [
          { mission: 'UNMIH', startDate: '1995-03-01', endDate: '1996-02-28', role: 'Trainer' },
          { mission: 'MONUSCO', missionAsWritten: 'MONUC', startDate: '2011-01-10' },
        ],
      ],
    });
    const [onFile] = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'pastTour.import'), eq(auditEntries.recordId, onFileId)));
    expect(Object.keys(onFile!.changes as object)).toEqual(['pastToursAdded']);
  });

  it('changes nothing when the same file comes again; a correction updates that tour, audited', async () => {
    const tours = await tourCount();
    const audits = await auditCount();
    const again = await send(good);
    expect(again.json()).toEqual({
      rows: 5,
      created: 0,
      updated: 0,
      unchanged: 5,
      officersCreated: 0,
      dryRun: false,
    });
    expect(await tourCount()).toBe(tours);
    expect(await auditCount()).toBe(audits);

    const corrected = good.replace(
      'trainer,1995-03-01,1996-02-28',
      'trainer,1995-03-01,1996-03-15',
    );
    expect((await send(corrected)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const [tour] = await t.db
      .select()
      .from(priorMissions)
      .where(eq(priorMissions.startDate, '1995-03-01'));
    expect(tour?.endDate).toBe('1996-03-15');
    const entries = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'pastTour.import'), eq(auditEntries.recordId, tour!.id)));
    expect(entries.at(-1)?.changes).toEqual({ endDate: ['1996-02-28', '1996-03-15'] });
    expect(await tourCount()).toBe(tours);
  });

  it('writes nothing from a file with 3 bad lines, and lists all 3 by line and column, in French when asked', async () => {
    const bad = [
      header,
      'PT-10,RCMP,Roy,Anne,woman,UNMIH,HT,,1995-03-01,1996-02-28',
      'PT-11,RCMP,Roy,Marc,man,UNMYSTERY,HT,,1995-03-01,1996-02-28',
      'PT-12,RCMP,Roy,Luc,man,UNMIH,HT,,1995-03-01,1996-02-28',
      'PT-13,RCMP,Roy,Paul,man,MONUC,Zaïre,,2001-01-15,2001-12-15',
      'PT-14,RCMP,Roy,Jean,man,UNTAG,NA,,1992-01-01,1992-12-31',
    ].join('\n');
    const tours = await tourCount();
    const people = await officerCount();
    const audits = await auditCount();
    const res = await send(bad, '', 'fr');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import_invalid');
    expect(res.json().error.message).toContain('3');
    expect(problemsOf(res)).toEqual([
      '3:mission:past_tours.unknown_mission',
      '5:country:past_tours.country_dissolved',
      '6:start_date:past_tours.after_mission',
    ]);
    const messages = res.json().error.fields.map((f: { message: string }) => f.message);
    expect(messages[0]).toContain('Aucune mission UNMYSTERY');
    expect(messages[1]).toContain('Zaïre a cessé d’exister le 1997-05-17');
    expect(messages[2]).toContain('dépasse la fin de la mission UNTAG');
    expect(await tourCount()).toBe(tours);
    expect(await officerCount()).toBe(people);
    expect(await auditCount()).toBe(audits);

    const english = await send(bad);
    expect(english.json().error.fields[0].message).toContain('There is no mission UNMYSTERY');
  });

  it('refuses, with the records on file, another name, and tours that overlap', async () => {
    const res = await send(
      [
        header,
        'HIST-9,OPP,Gélinas,Robert,,UNMIBH,BA,,1999-01-01,1999-06-30',
        'HIST-9,OPP,Gélinas,Robert,,IPTF,BA,,1998-06-01,1998-09-30',
        'PT-1,RCMP,Tremblay,Louise,,MIPONUH,HT,,1998-01-01,2000-02-01',
        'PT-1,RCMP,Tremblay,Louise,,MICAH,HT,,2000-01-01,2000-06-30',
        'HIST-9,OPP,Gélinas,René,,MINUSMA,ML,,2020-01-01,2020-12-31',
      ].join('\n'),
    );
    expect(res.statusCode).toBe(400);
    expect(problemsOf(res)).toEqual([
      '2:given_name:past_tours.name_mismatch',
      '3:given_name:past_tours.name_mismatch',
      '3:start_date:past_tours.overlap_tour',
      '5:start_date:past_tours.overlap_line',
      // Lines 2 and 3 name him otherwise: the file disagrees with itself too.
      '6:given_name:past_tours.name_differs',
      '6:start_date:past_tours.overlap_deployment',
    ]);
    expect(res.json().error.fields[5].message).toBe(
      "This tour overlaps the officer's deployment in MINUSMA (2019-06-03 to 2020-05-30).",
    );
    expect(res.json().error.fields[2].message).toBe(
      "This tour overlaps the officer's past tour on file in UNMIBH (1998-01-01 to 1998-12-31).",
    );
  });

  it('leaves an import run: succeeded with its rows, failed with the refusal', async () => {
    const runs = async () =>
      (await listImportRuns(t.db, { kind: 'past_tours', limit: 100 })).map((r) => r.id);
    const before = new Set(await runs());
    const good = [header, 'PT-90,RCMP,Nadeau,Lise,woman,UNMIH,HT,,1995-03-01,1996-02-28'].join(
      '\n',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/past-tours/import',
      headers: {
        cookie: staff.cookie!,
        'x-csrf-token': staff.csrfToken!,
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent('tours été.csv'),
      },
      payload: Buffer.from(good, 'utf8'),
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await send([header, 'PT-91,RCMP,Roy,Marc,man,UNMYSTERY,HT,,1995-03-01,'].join('\n')))
        .statusCode,
    ).toBe(400);
    const fresh = (await listImportRuns(t.db, { kind: 'past_tours', limit: 100 })).filter(
      (r) => !before.has(r.id),
    );
    expect(fresh.map((r) => [r.status, r.rowCount, r.failureCode]).sort()).toEqual([
      ['failed', null, 'import_invalid'],
      ['succeeded', 1, null],
    ]);
    expect(fresh.find((r) => r.status === 'succeeded')?.fileName).toBe('tours été.csv');
    // A dry run leaves none.
    await send(good, '?dryRun=true');
    expect((await runs()).length).toBe(before.size + 2);
  });

  it('serves the template, whose sample line imports', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/past-tours/import-template',
      headers: { cookie: staff.cookie! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.replace(/^\uFEFF/, '')).toBe(templateCsv());
    const imported = await send(res.body);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 1, officersCreated: 1 });
  });

  it('reads the same columns from an Excel file, and streams progress on request', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tours');
    sheet.addRow(header.split(','));
    sheet.addRow([
      'XL-1',
      'RCMP',
      'Lee',
      'Ann',
      '',
      'MINUAR',
      'RW',
      '',
      '1994-08-01',
      '1995-07-31',
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/past-tours/import',
      headers: {
        cookie: staff.cookie!,
        'x-csrf-token': staff.csrfToken!,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        accept: 'application/x-ndjson',
      },
      payload: xlsx,
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; report?: unknown });
    expect(lines[0]).toMatchObject({ type: 'progress', phase: 'checking', total: 1 });
    expect(lines.at(-1)).toEqual({
      type: 'report',
      report: { rows: 1, created: 1, updated: 0, unchanged: 0, officersCreated: 1, dryRun: false },
    });
    const [tour] = await t.db
      .select({ code: missions.code })
      .from(priorMissions)
      .innerJoin(missions, eq(missions.id, priorMissions.missionId))
      .where(eq(priorMissions.startDate, '1994-08-01'));
    expect(tour?.code).toBe('UNAMIR');
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await t.anonymous().request('GET', '/api/openapi.json');
    const paths = Object.keys(res.json().paths as object).filter((p) =>
      p.startsWith('/api/v1/past-tours/'),
    );
    expect(paths.sort()).toEqual([
      '/api/v1/past-tours/import',
      '/api/v1/past-tours/import-template',
    ]);
  });

  it('imports a 10,000-line file', async () => {
    const lines = [header];
    for (let i = 0; i < 5000; i++) {
      lines.push(`BULK-${i},RCMP,Officer${i},Test,,UNMIBH,BA,,1997-01-01,1997-12-31`);
      lines.push(`BULK-${i},RCMP,Officer${i},Test,,MINUSTAH,HT,trainer,2006-03-01,2007-02-28`);
    }
    const tours = await tourCount();
    const res = await send(lines.join('\n'));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ rows: 10_000, created: 10_000, officersCreated: 5000 });
    expect(await tourCount()).toBe(tours + 10_000);
  }, 120_000);
});
