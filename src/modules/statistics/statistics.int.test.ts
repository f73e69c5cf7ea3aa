import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { deployments, type DeploymentState } from '../deployments/schema.ts';
import { posts } from '../missions/schema.ts';
import { officers, priorMissions, type Gender } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';

/**
 * A small history, every figure computed by hand below (today is 2026-06-15).
 *
 * Officers: SQ S1 w, S2 w, S3 m, S4 m, S5 m, S6 another; SPVM P1 w, P2 m, P3 m, P4 undisclosed;
 * RCMP R1 w, R2 m, R3 m. 13 people, 4 women.
 *
 * Loaded history (prior_missions): UNTAG (Namibia) 1989-10-01..1990-03-21 S3, S4, P2; MINUSTAH
 * (Haiti) 2005 S1, S3, R2; MONUSCO (DR Congo) from 2025-05-01 without an end, P2 (still
 * running: deployed now, "history" in the split); R3 in "Bosnia (IPTF)" 1997-98, no mission
 * linked; S1 in MINUSMA 2019, which is also deployment D1 (counted once).
 *
 * Deployments: MINUSMA (Mali) D1 S1 returned 2019, D7 P1 closed 2020-21; MONUSCO (DR Congo)
 * D2 S2 in theatre, D3 S5 remote, D4 P3 in theatre, D5 R1 in theatre, D6 S6 repatriating; BINUH
 * (Haiti) D8 S4 in theatre, D9 P4 in transit back to theatre, D10 R2 in theatre. Not tours: D11
 * R3 withdrawn, D12 P2 ready, D13 S3 in transit on the way out (no start yet).
 */
describeDb('program statistics', () => {
  let t: TestApp;
  const person: Record<string, string> = {};
  const mission: Record<string, string> = {};
  let firstTravel = '';

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-06-15T12:00:00Z'));
    const agencyRows = await t.db
      .select({ id: agencies.id, code: agencies.code })
      .from(agencies)
      .where(inArray(agencies.code, ['SQ', 'SPVM', 'RCMP']));
    const agency = Object.fromEntries(agencyRows.map((a) => [a.code, a.id]));
    const missionRows = await t.db
      .select({ id: missions.id, code: missions.code })
      .from(missions)
      .where(inArray(missions.code, ['UNTAG', 'MINUSTAH', 'MINUSMA', 'MONUSCO', 'BINUH']));
    for (const m of missionRows) mission[m.code] = m.id;
    expect(Object.keys(mission)).toHaveLength(5);
    const people: Array<[string, string, Gender]> = [
      ['S1', 'SQ', 'woman'],
      ['S2', 'SQ', 'woman'],
      ['S3', 'SQ', 'man'],
      ['S4', 'SQ', 'man'],
      ['S5', 'SQ', 'man'],
      ['S6', 'SQ', 'another'],
      ['P1', 'SPVM', 'woman'],
      ['P2', 'SPVM', 'man'],
      ['P3', 'SPVM', 'man'],
      ['P4', 'SPVM', 'undisclosed'],
      ['R1', 'RCMP', 'woman'],
      ['R2', 'RCMP', 'man'],
      ['R3', 'RCMP', 'man'],
    ];
    const inserted = await t.db
      .insert(officers)
      .values(
        people.map(([badge, code, gender]) => ({
          agencyId: agency[code]!,
          badgeNumber: `STAT-${badge}`,
          givenName: `Given${badge}`,
          familyName: `Family${badge}`,
          gender,
          rankCode: 'sergeant',
          serviceStart: '1980-01-01',
        })),
      )
      .returning({ id: officers.id, badge: officers.badgeNumber });
    for (const o of inserted) person[o.badge.slice(5)] = o.id;

    const prior = (who: string, code: string | null, start: string, end: string | null) => ({
      officerId: person[who]!,
      missionId: code ? mission[code]! : null,
      missionName: code ?? 'Bosnia (IPTF)',
      startDate: start,
      endDate: end,
    });
    await t.db
      .insert(priorMissions)
      .values([
        prior('S3', 'UNTAG', '1989-10-01', '1990-03-21'),
        prior('S4', 'UNTAG', '1989-10-01', '1990-03-21'),
        prior('P2', 'UNTAG', '1989-10-01', '1990-03-21'),
        prior('S1', 'MINUSTAH', '2005-01-10', '2005-12-20'),
        prior('S3', 'MINUSTAH', '2005-01-10', '2005-12-20'),
        prior('R2', 'MINUSTAH', '2005-01-10', '2005-12-20'),
        prior('R3', null, '1997-03-01', '1998-02-28'),
        prior('P2', 'MONUSCO', '2025-05-01', null),
        prior('S1', 'MINUSMA', '2019-01-10', '2019-12-20'),
      ]);

    const deployment = (
      who: string,
      code: string,
      state: DeploymentState,
      plannedStart: string,
      plannedEnd: string,
      actual: { start?: string; end?: string; mode?: 'in_theatre' | 'remote' | 'virtual' } = {},
    ) => ({
      officerId: person[who]!,
      missionId: mission[code]!,
      state,
      plannedStart,
      plannedEnd,
      actualStart: actual.start ?? null,
      actualEnd: actual.end ?? null,
      mode: actual.mode ?? null,
    });
    const rows = await t.db
      .insert(deployments)
      .values([
        deployment('S1', 'MINUSMA', 'returned', '2019-01-10', '2020-01-10', {
          start: '2019-01-10',
          end: '2019-12-20',
          mode: 'in_theatre',
        }),
        deployment('P1', 'MINUSMA', 'closed', '2020-02-01', '2021-02-01', {
          start: '2020-02-01',
          end: '2021-01-31',
        }),
        deployment('S2', 'MONUSCO', 'in_theatre', '2025-09-01', '2026-09-01', {
          start: '2025-09-01',
          mode: 'in_theatre',
        }),
        deployment('S5', 'MONUSCO', 'remote', '2025-10-01', '2026-10-01', {
          start: '2025-10-01',
          mode: 'remote',
        }),
        deployment('P3', 'MONUSCO', 'in_theatre', '2025-11-01', '2026-11-01', {
          start: '2025-11-01',
          mode: 'in_theatre',
        }),
        deployment('R1', 'MONUSCO', 'in_theatre', '2026-01-05', '2027-01-05', {
          start: '2026-01-05',
          mode: 'in_theatre',
        }),
        deployment('S6', 'MONUSCO', 'repatriating', '2025-07-01', '2026-07-01', {
          start: '2025-07-01',
          mode: 'in_theatre',
        }),
        deployment('S4', 'BINUH', 'in_theatre', '2026-02-01', '2027-02-01', {
          start: '2026-02-01',
          mode: 'in_theatre',
        }),
        deployment('P4', 'BINUH', 'in_transit', '2026-01-10', '2027-01-10', {
          start: '2026-01-10',
          mode: 'remote',
        }),
        deployment('R2', 'BINUH', 'in_theatre', '2026-03-01', '2027-03-01', {
          start: '2026-03-01',
          mode: 'in_theatre',
        }),
        deployment('R3', 'MONUSCO', 'withdrawn', '2026-03-01', '2027-03-01'),
        deployment('P2', 'MONUSCO', 'ready', '2026-08-01', '2027-08-01'),
        deployment('S3', 'MONUSCO', 'in_transit', '2026-06-14', '2027-06-14'),
      ])
      .returning({ id: deployments.id, officerId: deployments.officerId });
    firstTravel = rows.find((r) => r.officerId === person.S3)!.id;

    const post = (
      seq: number,
      postTypeCode: string,
      teamCode: string | null,
      status: 'vacant' | 'filled' | 'cancelled',
    ) => ({
      missionId: mission.MONUSCO!,
      seq: 9000 + seq,
      postTypeCode,
      teamCode,
      status,
      requirements: {
        languages: [],
        minRankCode: null,
        minYearsService: null,
        skills: [],
        womenSought: false,
      },
      tourStart: '2026-01-01',
      tourEnd: '2027-01-01',
    });
    await t.db
      .insert(posts)
      .values([
        post(1, 'sgbv_investigator', 'sgbv', 'filled'),
        post(2, 'gender_adviser', 'sgbv', 'filled'),
        post(3, 'gender_adviser', null, 'vacant'),
        post(4, 'sgbv_investigator', 'sgbv', 'cancelled'),
      ]);
  });
  afterAll(() => t?.close());

  const mali = { code: 'ML', iso3: 'MLI' };
  const years = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);
  /** Hand-computed: people on a tour at some time in the year, and the women among them. */
  const expectedYears: Record<number, [number, number]> = {
    1989: [3, 0],
    1990: [3, 0],
    1997: [1, 0],
    1998: [1, 0],
    2005: [3, 1],
    2019: [1, 1],
    2020: [1, 1],
    2021: [1, 1],
    2025: [5, 1],
    2026: [9, 2],
  };

  it('computes every headline figure of the dashboard', async () => {
    const staff = await t.as('program_officer');
    const res = await staff.request('GET', '/api/v1/statistics/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.asOf).toBe('2026-06-15');
    expect(d.since).toBe(1989);
    expect(d.officersDeployed).toBe(13);
    expect(d.women).toBe(4);
    expect(d.womenShare).toBe(30.8);
    expect(d.tours).toBe(18); // 8 prior tours (the MINUSMA duplicate once) + 10 deployments
    expect(d.unlinkedTours).toBe(1);
    expect(d.countries).toBe(4); // Namibia, Haiti, Mali, DR Congo
    expect(d.missions).toBe(5);
    expect(d.deployedNow).toEqual({
      total: 9,
      inTheatre: 5,
      remote: 1,
      travelling: 2,
      history: 1,
    });
    expect(
      d.byAgency.map((a: Record<string, unknown>) => [
        a.code,
        a.officers,
        a.women,
        a.tours,
        a.deployedNow,
        a.womenShare,
      ]),
    ).toEqual([
      ['SQ', 6, 2, 9, 4, 33.3],
      ['SPVM', 4, 1, 5, 3, 25],
      ['RCMP', 3, 1, 4, 2, 33.3],
    ]);
    expect(d.womenByYear.map((y: { year: number }) => y.year)).toEqual(years(1989, 2026));
    for (const y of d.womenByYear) {
      const [deployed, women] = expectedYears[y.year] ?? [0, 0];
      expect([y.year, y.deployed, y.women], String(y.year)).toEqual([y.year, deployed, women]);
    }
    const y2026 = d.womenByYear.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toEqual({
      year: 2026,
      deployed: 9,
      women: 2,
      share: 22.2,
      unTarget: 29,
      programTarget: 30,
      gapToUnTarget: 6.8,
      gapToProgramTarget: 7.8,
    });
    expect(d.womenByYear.find((y: { year: number }) => y.year === 2005)).toMatchObject({
      share: 33.3,
      unTarget: null,
      gapToUnTarget: null,
    });
    expect(d.targets).toEqual({ un: 29, program: 30, gapToUnTarget: 6.8 });
    expect(
      d.womenByMission.map((m: Record<string, unknown>) => [
        m.code,
        m.countryCode,
        m.officers,
        m.women,
        m.tours,
        m.share,
      ]),
    ).toEqual([
      ['UNTAG', 'NA', 3, 0, 3, 0],
      ['MINUSTAH', 'HT', 3, 1, 3, 33.3],
      ['MINUSMA', 'ML', 2, 2, 2, 100],
      ['MONUSCO', 'CD', 6, 2, 6, 33.3],
      ['BINUH', 'HT', 3, 0, 3, 0],
    ]);
    const countries = [...d.countriesServed].sort((a, b) => a.code.localeCompare(b.code));
    expect(
      countries.map((c: Record<string, unknown>) => [
        c.code,
        c.iso3,
        c.officers,
        c.tours,
        c.firstYear,
        c.lastYear,
      ]),
    ).toEqual([
      ['CD', 'COD', 6, 6, 2025, 2026],
      ['HT', 'HTI', 5, 6, 2005, 2026],
      [mali.code, mali.iso3, 2, 2, 2019, 2021],
      ['NA', 'NAM', 3, 3, 1989, 1990],
    ]);
    expect(
      d.currentMissions.map((m: Record<string, unknown>) => [
        m.code,
        m.total,
        m.inTheatre,
        m.remote,
        m.travelling,
        m.history,
      ]),
    ).toEqual([
      ['MONUSCO', 6, 3, 1, 1, 1],
      ['BINUH', 3, 2, 0, 1, 0],
    ]);
    expect(d.wpsPosts).toEqual({
      sgbvTeam: { posts: 2, filled: 2 },
      genderAdviser: { posts: 2, filled: 1 },
    });
  });

  it("gives an agency's contribution ledger from the same tours", async () => {
    const [sq] = await t.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.code, 'SQ'));
    const staff = await t.as('program_officer');
    const res = await staff.request('GET', `/api/v1/agencies/${sq!.id}/contributions`);
    expect(res.statusCode, res.body).toBe(200);
    const ledger = res.json();
    // SQ: S1..S6; tours S1 2, S2 1, S3 2, S4 2, S5 1, S6 1; now S2, S4, S5, S6.
    expect([ledger.deployedNow, ledger.deployedEver, ledger.tours]).toEqual([4, 6, 9]);
    const year = (y: number) => ledger.byYear.find((r: { year: number }) => r.year === y);
    // 2005: S1 and S3 (MINUSTAH); 2019: S1 once (the deployment and its prior record).
    expect(year(2005)).toEqual({ year: 2005, released: 2, deployed: 2, women: 1 });
    expect(year(2019)).toEqual({ year: 2019, released: 1, deployed: 1, women: 1 });
    expect(year(2026)).toEqual({ year: 2026, released: 1, deployed: 4, women: 1 });
  });

  const fewer = { suppressed: true, reason: 'fewer_than_5' };
  const complementary = { suppressed: true, reason: 'complementary' };

  it('publishes the same figures to anyone, with the small cells withheld', async () => {
    const res = await t.anonymous().request('GET', '/api/v1/public/statistics');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.headline).toEqual({
      officersDeployed: 13,
      women: fewer, // 4: and the share with it (4 / 13 gives it back)
      womenShare: null,
      tours: 18,
      countries: fewer,
      missions: 5,
      deployedNow: { total: 9, inTheatre: 5, remote: fewer, travelling: fewer, history: fewer },
    });
    // BINUH has 3 officers: fewer than 5. The total (9) is published, so MONUSCO's 6 is withheld
    // too, or 9 - 6 would give BINUH's 3.
    expect(p.currentMissions.map((m: Record<string, unknown>) => [m.code, m.deployed])).toEqual([
      ['MONUSCO', complementary],
      ['BINUH', fewer],
    ]);
    const byIso = Object.fromEntries(
      p.countries.map((c: Record<string, unknown>) => [c.iso3, c.officers]),
    );
    expect(byIso).toEqual({ COD: 6, HTI: 5, MLI: fewer, NAM: fewer });
    const y2026 = p.womenOverTime.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toEqual({
      year: 2026,
      deployed: 9,
      women: fewer,
      share: null,
      unTarget: 29,
      programTarget: 30,
      gapToUnTarget: null,
    });
    expect(p.womenOverTime.find((y: { year: number }) => y.year === 1989)).toMatchObject({
      deployed: fewer,
      women: fewer,
      share: null,
    });
    expect(p.targets).toEqual({ un: 29, program: 30 });
  });

  it('holds no personal data: only aggregate keys, no name, badge or id of anyone', async () => {
    const res = await t.anonymous().request('GET', '/api/v1/public/statistics');
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    walk(res.json());
    expect([...keys].sort()).toEqual(
      [
        'acronym',
        'asOf',
        'code',
        'countries',
        'countryCode',
        'countryNameEn',
        'countryNameFr',
        'currentMissions',
        'deployed',
        'deployedNow',
        'firstYear',
        'gapToUnTarget',
        'headline',
        'history',
        'inTheatre',
        'iso3',
        'lastYear',
        'missions',
        'nameEn',
        'nameFr',
        'officers',
        'officersDeployed',
        'program',
        'programTarget',
        'reason',
        'remote',
        'share',
        'since',
        'suppressed',
        'targets',
        'total',
        'tours',
        'travelling',
        'un',
        'unTarget',
        'women',
        'womenOverTime',
        'womenShare',
        'year',
      ].sort(),
    );
    for (const [badge, id] of Object.entries(person)) {
      expect(res.body).not.toContain(id);
      expect(res.body).not.toContain(`Family${badge}`);
      expect(res.body).not.toContain(`STAT-${badge}`);
    }
    expect(res.body).not.toContain(firstTravel);
  });

  it('answers from the cache until the records change, then recomputes', async () => {
    const staff = await t.as('program_officer');
    const anonymous = t.anonymous();
    const get = async () => (await anonymous.request('GET', '/api/v1/public/statistics')).json();
    const before = await get();
    const computed = t.app.statistics.computations;
    expect(await get()).toEqual(before);
    expect((await staff.request('GET', '/api/v1/statistics/dashboard')).statusCode).toBe(200);
    expect(t.app.statistics.computations).toBe(computed);

    // S3 arrives in theatre: a new tour, one more deployed now (through the real use case, audited).
    const [row] = await t.db
      .select({ version: deployments.version })
      .from(deployments)
      .where(eq(deployments.id, firstTravel));
    const moved = await staff.request('POST', `/api/v1/deployments/${firstTravel}/transitions`, {
      version: row!.version,
      to: 'in_theatre',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await get();
    expect(t.app.statistics.computations).toBe(computed + 1);
    expect(after.headline.tours).toBe(19);
    expect(after.headline.officersDeployed).toBe(13);
    expect(after.headline.deployedNow.total).toBe(10);
    expect(after.headline.deployedNow.inTheatre).toBe(6);
    await get();
    expect(t.app.statistics.computations).toBe(computed + 1);
  });

  it('keeps the dashboard from agencies, officers and commanders', async () => {
    for (const role of ['agency_coordinator', 'officer', 'contingent_commander']) {
      const res = await (await t.as(role)).request('GET', '/api/v1/statistics/dashboard');
      expect(res.statusCode, role).toBe(403);
    }
    for (const role of ['program_admin', 'decision_partner', 'auditor']) {
      const res = await (await t.as(role)).request('GET', '/api/v1/statistics/dashboard');
      expect(res.statusCode, role).toBe(200);
    }
  });
});
