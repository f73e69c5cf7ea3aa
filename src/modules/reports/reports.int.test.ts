import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { addContingent } from '../../../test/support/contingent.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { incidents } from '../incidents/schema.ts';
import { posts } from '../missions/schema.ts';
import { priorMissions } from '../officers/schema.ts';

/**
 * The reports on a small fixture: four officers in MINUSMA (women, man, woman, man; the last
 * working remotely), one in MINUSTAH, three incidents; every figure is counted by hand below.
 */
describeDb('reports', () => {
  let t: TestApp;
  let staff: Client;
  let today = '';
  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    today = isoDateOf(t.clock.now());
    const minusma = await addContingent(t, t.ids.ownMission!, 4, 'R');
    await t.db.execute(
      sql`update deployments set state = 'remote', mode = 'remote', location = 'Ottawa' where id = ${minusma[3]!}`,
    );
    await addContingent(t, t.ids.otherMission!, 1, 'S');
    // Two of the MINUSMA tours on posts: a gender adviser (woman) and an SGBV investigator (man).
    const [adviser, investigator] = await t.db
      .insert(posts)
      .values(
        (
          [
            ['gender_adviser', null],
            ['sgbv_investigator', 'sgbv'],
          ] as const
        ).map(([postTypeCode, teamCode], i) => ({
          missionId: t.ids.ownMission!,
          seq: 900 + i,
          postTypeCode,
          teamCode,
          requirements: {} as never,
          tourStart: addDays(today, -30),
          tourEnd: addDays(today, 335),
          status: 'filled' as const,
        })),
      )
      .returning({ id: posts.id });
    await t.db.execute(
      sql`update deployments set post_id = ${adviser!.id} where id = ${minusma[0]!}`,
    );
    await t.db.execute(
      sql`update deployments set post_id = ${investigator!.id} where id = ${minusma[1]!}`,
    );
    await t.db.insert(incidents).values(
      (
        [
          ['medical', 'low', -10, 'open'],
          ['medical', 'high', -40, 'closed'],
          ['security', 'critical', -5, 'under_review'],
        ] as const
      ).map(([type, severity, days, status]) => ({
        missionId: t.ids.ownMission!,
        type,
        severity,
        status,
        occurredOn: addDays(today, days),
        place: 'Bamako',
        narrative: 'Confidential narrative',
      })),
    );
    // The loaded history: the SPVM officer served in MINUSTAH in 2010-2011.
    await t.db.insert(priorMissions).values({
      officerId: t.ids.otherOfficer!,
      missionId: t.ids.otherMission!,
      missionName: 'MINUSTAH',
      startDate: '2010-03-01',
      endDate: '2011-02-28',
    });
    staff = await t.as('program_officer');
  });
  afterAll(() => t?.close());

  const report = async (id: string, query = '', headers: Record<string, string> = {}) => {
    const res = await staff.request('GET', `/api/v1/reports/${id}${query}`, undefined, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('lists the reports with their filters and columns', async () => {
    const res = await staff.request('GET', '/api/v1/reports');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((r: { id: string }) => r.id);
    expect(ids).toEqual([
      'deployments-over-time',
      'agency-contributions',
      'current-contingent',
      'roles-and-teams',
      'readiness-pipeline',
      'training-completions',
      'check-in-compliance',
      'incidents-by-type',
    ]);
  });

  it('counts the current contingent by mission and town, in theatre and remote, with women', async () => {
    const { rows } = (await report('current-contingent')).json();
    expect(rows).toEqual([
      {
        mission: 'MINUSMA',
        location: 'Bamako',
        inTheatre: 3,
        remote: 0,
        inTransit: 0,
        total: 3,
        women: 2,
        womenShare: 66.7,
      },
      {
        mission: 'MINUSMA',
        location: 'Ottawa',
        inTheatre: 0,
        remote: 1,
        inTransit: 0,
        total: 1,
        women: 0,
        womenShare: 0,
      },
      {
        mission: 'MINUSTAH',
        location: 'Bamako',
        inTheatre: 1,
        remote: 0,
        inTransit: 0,
        total: 1,
        women: 1,
        womenShare: 100,
      },
    ]);
    const women = (await report('current-contingent', '?gender=woman')).json().rows;
    expect(women.map((r: { total: number }) => r.total)).toEqual([2, 1]);
    const minustah = (
      await report('current-contingent', `?missionId=${t.ids.otherMission}`)
    ).json();
    expect(minustah.rows).toHaveLength(1);
    const otherAgency = (
      await report('current-contingent', `?agencyId=${t.ids.otherAgency}`)
    ).json();
    expect(otherAgency.rows).toEqual([]);
  });

  it('counts the officers deployed each year by mission, from deployments and the loaded history', async () => {
    const { rows } = (await report('deployments-over-time')).json();
    const year = today.slice(0, 4);
    expect(rows.filter((r: { period: string }) => r.period === year)).toEqual([
      { period: year, mission: 'MINUSMA', officers: 4, women: 2, womenShare: 50 },
      { period: year, mission: 'MINUSTAH', officers: 1, women: 1, womenShare: 100 },
    ]);
    for (const y of ['2010', '2011'])
      expect(rows.filter((r: { period: string }) => r.period === y)).toEqual([
        { period: y, mission: 'MINUSTAH', officers: 1, women: 1, womenShare: 100 },
      ]);
    expect(rows.filter((r: { period: string }) => r.period === '2012')).toEqual([]);
    const period = (await report('deployments-over-time', '?from=2010-01-01&to=2011-12-31')).json();
    expect(period.rows.map((r: { period: string }) => r.period)).toEqual(['2011', '2010']);
  });

  it('counts what each agency contributed: officers, tours, deployed now, women', async () => {
    const { rows } = (await report('agency-contributions')).json();
    expect(rows.map(({ agency: _agency, ...figures }: { agency: string }) => figures)).toEqual([
      { officers: 5, tours: 5, deployedNow: 5, women: 3, womenShare: 60 },
      { officers: 1, tours: 1, deployedNow: 0, women: 1, womenShare: 100 },
    ]);
    const minustah = (
      await report('agency-contributions', `?missionId=${t.ids.otherMission}`)
    ).json();
    expect(minustah.rows.map((r: { officers: number }) => r.officers)).toEqual([1, 1]);
  });

  it('counts the posts filled by role and team, in the caller’s language', async () => {
    const { rows } = (await report('roles-and-teams', '', { 'accept-language': 'fr' })).json();
    expect(rows).toHaveLength(2);
    const byRole = Object.fromEntries(
      rows.map((r: { role: string; tours: number; women: number; team: string | null }) => [
        r.role,
        r,
      ]),
    );
    const adviser = Object.values(byRole).find((r) => (r as { women: number }).women === 1) as {
      tours: number;
      team: string | null;
      deployedNow: number;
    };
    expect(adviser).toMatchObject({ tours: 1, team: null, deployedNow: 1 });
    const sgbv = Object.values(byRole).find((r) => (r as { women: number }).women === 0) as {
      team: string;
    };
    expect(sgbv.team).toMatch(/sexuelle|genre/i);
  });

  it('counts incidents by type and severity, and the period narrows them', async () => {
    const { rows } = (await report('incidents-by-type')).json();
    expect(rows).toEqual([
      { type: 'Medical', low: 1, moderate: 0, high: 1, critical: 0, total: 2, open: 1 },
      { type: 'Security', low: 0, moderate: 0, high: 0, critical: 1, total: 1, open: 1 },
    ]);
    const recent = (await report('incidents-by-type', `?from=${addDays(today, -20)}`)).json().rows;
    expect(recent.map((r: { total: number }) => r.total)).toEqual([1, 1]);
    expect(JSON.stringify(rows)).not.toMatch(/narrative|Confidential/);
  });

  it('exports CSV and XLSX in the chosen language, and a bilingual PDF', async () => {
    const csv = await report('incidents-by-type', '?format=csv&lang=fr');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/peaceops-incidents-by-type-.*\.csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Type,Faible,Modérée,Élevée,Critique,Total,Non fermés');
    expect(lines[1]).toBe('Médical,1,0,1,0,2,1');

    const xlsx = await report('current-contingent', '?format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Mission');
    expect(sheet.getRow(2).values).toEqual([undefined, 'MINUSMA', 'Bamako', 3, 0, 0, 3, 2, 0.667]);

    const pdf = await report('current-contingent', '?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // French writes a no-break space before the percent sign.
    const text = pdfText(pdf.rawPayload).replace(/\u00a0/g, ' ');
    expect(text).toMatch(/Current contingent by mission and location/);
    expect(text).toMatch(/Contingent actuel par mission et par lieu/);
    expect(text).toMatch(/^Location \/ Lieu$/m);
    // The first row, cell by cell: numbers in both languages where they differ.
    expect(text).toContain('MINUSMA\nBamako\n3\n0\n0\n3\n2\n66.7% / 66,7 %');
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['MINUSMA', 'Bamako', 'Ottawa', '66.7% / 66,7 %']),
    );
  });

  it('refuses an unknown report, a reversed period (in French), and readers outside the program', async () => {
    expect((await staff.request('GET', '/api/v1/reports/nope')).statusCode).toBe(404);
    const reversed = await staff.request(
      'GET',
      `/api/v1/reports/incidents-by-type?from=${today}&to=${addDays(today, -1)}`,
      undefined,
      { 'accept-language': 'fr' },
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('report_period_reversed');
    expect(reversed.json().error.message).toMatch(/période/);
    const bad = await staff.request('GET', '/api/v1/reports/incidents-by-type?from=yesterday');
    expect(bad.statusCode).toBe(400);
    for (const role of ['officer', 'agency_coordinator', 'contingent_commander'] as const) {
      const client = await t.as(role);
      expect((await client.request('GET', '/api/v1/reports/incidents-by-type')).statusCode).toBe(
        403,
      );
    }
  });
});
