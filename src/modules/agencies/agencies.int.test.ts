import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';

describeDb('agencies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('shows an agency with its coordinators; its coordinator keeps the contact up to date', async () => {
    const coordinator = await t.as('agency_coordinator');
    const url = `/api/v1/agencies/${t.ids.ownAgency}`;
    const sq = (await coordinator.request('GET', url)).json();
    expect(sq.coordinators.map((c: { displayName: string }) => c.displayName)).toEqual([
      'agency_coordinator',
    ]);
    const res = await coordinator.request('PATCH', url, {
      version: sq.version,
      contactName: 'Bureau des missions internationales',
      contactEmail: 'missions@sq.example.ca',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      contactEmail: 'missions@sq.example.ca',
      version: sq.version + 1,
    });
    const rename = await coordinator.request('PATCH', url, {
      version: sq.version + 1,
      nameEn: 'Renamed',
    });
    expect(rename.statusCode).toBe(403);
    const stale = await coordinator.request('PATCH', url, {
      version: sq.version,
      contactPhone: '1',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('lets a program administrator change names and the agreement status', async () => {
    const admin = await t.as('program_admin');
    const url = `/api/v1/agencies/${t.ids.otherAgency}`;
    const spvm = (await admin.request('GET', url)).json();
    const res = await admin.request('PATCH', url, {
      version: spvm.version,
      agreementStatus: 'pending',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agreementStatus).toBe('pending');
  });

  it('keeps a contribution ledger per agency, counted from its officers’ tours', async () => {
    t.clock.set(new Date('2026-06-15T12:00:00Z'));
    const staff = await t.as('program_officer');
    let badge = 0;
    const officer = async (agencyId: string, gender: string) => {
      const res = await staff.request('POST', '/api/v1/officers', {
        agencyId,
        badgeNumber: `L-${++badge}`,
        givenName: 'Alex',
        familyName: 'Ledger',
        gender,
        rankCode: 'constable',
        serviceStart: '2005-01-10',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const tour = async (id: string, startDate: string, endDate: string | null) =>
      expect(
        (
          await staff.request('POST', `/api/v1/officers/${id}/prior-missions`, {
            missionName: 'MINUSMA',
            startDate,
            endDate,
          })
        ).statusCode,
      ).toBe(201);
    const woman = await officer(t.ids.ownAgency!, 'woman');
    const man = await officer(t.ids.ownAgency!, 'man');
    const elsewhere = await officer(t.ids.otherAgency!, 'woman');
    await tour(woman, '2019-03-01', '2020-02-28');
    await tour(woman, '2025-09-01', null);
    await tour(man, '2019-06-01', '2020-05-31');
    await tour(elsewhere, '2019-01-01', null);

    const coordinator = await t.as('agency_coordinator');
    const res = await coordinator.request(
      'GET',
      `/api/v1/agencies/${t.ids.ownAgency}/contributions`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const zero = (year: number) => ({ year, released: 0, deployed: 0, women: 0 });
    expect(res.json()).toEqual({
      deployedNow: 1,
      deployedEver: 2,
      tours: 3,
      byYear: [
        { year: 2019, released: 2, deployed: 2, women: 1 },
        { year: 2020, released: 0, deployed: 2, women: 1 },
        zero(2021),
        zero(2022),
        zero(2023),
        zero(2024),
        { year: 2025, released: 1, deployed: 1, women: 1 },
        { year: 2026, released: 0, deployed: 1, women: 1 },
      ],
    });
    // Another agency's ledger is not the coordinator's to read.
    expect(
      (await coordinator.request('GET', `/api/v1/agencies/${t.ids.otherAgency}/contributions`))
        .statusCode,
    ).toBe(404);
  });
});
