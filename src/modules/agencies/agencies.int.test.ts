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
});
