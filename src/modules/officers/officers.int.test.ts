import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/client.ts';
import { foldName } from './rules.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';

describeDb('the people register', () => {
  let t: TestApp;
  let officer: Client;
  let coordinator: Client;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    officer = await t.as('program_officer');
    coordinator = await t.as('agency_coordinator');
    today = isoDateOf(t.clock.now());
  });
  afterAll(() => t?.close());

  const newOfficer = (over: Record<string, unknown> = {}) => ({
    agencyId: t.ids.ownAgency,
    badgeNumber: `B-${Math.random().toString(36).slice(2, 8)}`,
    givenName: 'Louis',
    familyName: 'Gagnon',
    gender: 'man',
    dateOfBirth: '1979-02-11',
    rankCode: 'staff_sergeant',
    serviceStart: '2004-03-15',
    ...over,
  });

  it('registers an officer, computes years of service, and refuses a badge already used in the agency', async () => {
    const body = newOfficer();
    const res = await coordinator.request('POST', '/api/v1/officers', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      rankCode: 'staff_sergeant',
      sensitiveVisible: false,
      dateOfBirth: null,
    });
    expect(res.json().yearsOfService).toBeGreaterThanOrEqual(20);
    const again = await officer.request('POST', '/api/v1/officers', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0]).toMatchObject({
      path: 'badgeNumber',
      code: 'officer.badge_taken',
    });
    // The same badge in another agency is another officer.
    expect(
      (await officer.request('POST', '/api/v1/officers', { ...body, agencyId: t.ids.otherAgency }))
        .statusCode,
    ).toBe(201);
    // A coordinator cannot register an officer in another agency.
    expect(
      (
        await coordinator.request(
          'POST',
          '/api/v1/officers',
          newOfficer({ agencyId: t.ids.otherAgency }),
        )
      ).statusCode,
    ).toBe(404);
  });

  it('audits personal data as changed, never with its values', async () => {
    const created = (await officer.request('POST', '/api/v1/officers', newOfficer())).json();
    const edit = await officer.request('PATCH', `/api/v1/officers/${created.id}`, {
      version: 1,
      dateOfBirth: '1979-02-12',
      rankCode: 'inspector',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stale = await officer.request('PATCH', `/api/v1/officers/${created.id}`, {
      version: 1,
      phone: '1',
    });
    expect(stale.statusCode).toBe(409);
    const trail = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.recordId, created.id));
    const text = JSON.stringify(trail.map((e) => e.changes));
    expect(text).not.toContain('1979-02');
    expect(trail.find((e) => e.action === 'officer.update')!.changes).toMatchObject({
      rankCode: ['staff_sergeant', 'inspector'],
      dateOfBirth: ['(changed)', '(changed)'],
    });
  });

  it('lets an officer correct their own contacts and emergency contacts, and nobody else’s', async () => {
    const self = await t.as('officer');
    const mine = (await self.request('GET', `/api/v1/officers/${t.ids.ownOfficer}`)).json();
    expect(mine.sensitiveVisible).toBe(true);
    const res = await self.request('PUT', `/api/v1/officers/${t.ids.ownOfficer}/contact`, {
      version: mine.version,
      phone: '418-555-0199',
      contacts: [
        { name: 'Paul Tremblay', relationship: 'Spouse', phone: '418-555-0142', nextOfKin: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contacts).toMatchObject([{ name: 'Paul Tremblay', nextOfKin: true }]);
    // The coordinator sees the officer, not the next of kin.
    const seen = (await coordinator.request('GET', `/api/v1/officers/${t.ids.ownOfficer}`)).json();
    expect(seen.contacts).toBeNull();
    expect(seen.phone).toBe('418-555-0199');
    // Service data is not self-service.
    expect(
      (
        await self.request('PATCH', `/api/v1/officers/${t.ids.ownOfficer}`, {
          version: 9,
          rankCode: 'inspector',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('records qualifications with their validity; a UN assessment lasts 24 months; stale edits are refused', async () => {
    const id = t.ids.ownOfficer!;
    const saat = await coordinator.request('POST', `/api/v1/officers/${id}/qualifications`, {
      kind: 'un_assessment',
      score: 72,
      obtainedOn: addDays(today, -30),
    });
    expect(saat.statusCode, saat.body).toBe(201);
    expect(saat.json()).toMatchObject({ passed: true, validity: 'valid' });
    expect(saat.json().expiresOn > addDays(today, 600)).toBe(true);
    const url = `/api/v1/officers/${id}/qualifications/${saat.json().id}`;
    const edit = await coordinator.request('PUT', url, {
      version: 1,
      kind: 'un_assessment',
      score: 55,
      obtainedOn: addDays(today, -30),
    });
    expect(edit.json()).toMatchObject({ passed: false, version: 2 });
    expect(
      (
        await coordinator.request('PUT', url, {
          version: 1,
          kind: 'un_assessment',
          obtainedOn: today,
        })
      ).statusCode,
    ).toBe(409);
    expect((await coordinator.request('DELETE', `${url}?version=2`)).statusCode).toBe(204);
    const backwards = await coordinator.request('POST', `/api/v1/officers/${id}/qualifications`, {
      kind: 'medical',
      obtainedOn: today,
      expiresOn: addDays(today, -1),
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('keeps a hidden passport number when a coordinator corrects the dates; counts officers per agency', async () => {
    const url = `/api/v1/officers/${t.ids.ownOfficer}/qualifications/${t.ids.ownQualification}`;
    const seen = (
      await coordinator.request('GET', `/api/v1/officers/${t.ids.ownOfficer}/qualifications`)
    ).json();
    const passport = seen.find((q: { kind: string }) => q.kind === 'passport');
    const res = await coordinator.request('PUT', url, {
      version: passport.version,
      kind: 'passport',
      obtainedOn: passport.obtainedOn,
      expiresOn: addDays(today, 3000),
    });
    expect(res.statusCode, res.body).toBe(200);
    const full = (await officer.request('GET', `/api/v1/officers/${t.ids.ownOfficer}`)).json();
    expect(
      full.qualifications.find((q: { kind: string }) => q.kind === 'passport').documentNumber,
    ).toBe('HK123456');
    const backwards = await coordinator.request('PUT', url, {
      version: passport.version + 1,
      kind: 'passport',
      obtainedOn: today,
      expiresOn: addDays(today, -1),
    });
    expect(backwards.json().error.fields[0].path).toBe('expiresOn');
    // Put the fixture back as the later tests expect it.
    const restored = await coordinator.request('PUT', url, {
      version: passport.version + 1,
      kind: 'passport',
      obtainedOn: passport.obtainedOn,
      expiresOn: passport.expiresOn,
    });
    expect(restored.statusCode).toBe(200);
    const agencies = (await officer.request('GET', '/api/v1/agencies')).json();
    expect(agencies.find((a: { id: string }) => a.id === t.ids.ownAgency).officers).toBeGreaterThan(
      0,
    );
  });

  it('keeps the missions an officer served before these records', async () => {
    const url = `/api/v1/officers/${t.ids.otherOfficer}/prior-missions`;
    const res = await officer.request('POST', url, {
      missionName: 'UNMIK',
      role: 'Police monitor',
      startDate: '2001-05-01',
      endDate: '2002-04-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    const backwards = await officer.request('POST', url, {
      missionName: 'UNMIK',
      startDate: '2001-05-01',
      endDate: '2000-04-30',
    });
    expect(backwards.statusCode).toBe(400);
    const seen = (await officer.request('GET', `/api/v1/officers/${t.ids.otherOfficer}`)).json();
    expect(seen.priorMissions).toMatchObject([{ missionName: 'UNMIK', role: 'Police monitor' }]);
    expect(
      (await coordinator.request('POST', url, { missionName: 'X', startDate: '2001-01-01' }))
        .statusCode,
    ).toBe(404);
  });

  it('searches by name, rank and above, language level and valid qualification', async () => {
    const list = async (query: string) =>
      (await officer.request('GET', `/api/v1/officers?${query}`)).json() as {
        items: Array<{ id: string }>;
        total: number;
      };
    expect((await list('q=tremblay-sq')).items.map((o) => o.id)).toEqual([t.ids.ownOfficer]);
    // Case and accents do not count, in the query or in the name; a prefix is enough.
    const accented = (
      await officer.request(
        'POST',
        '/api/v1/officers',
        newOfficer({ givenName: 'Zoé', familyName: 'Gélinas-Bœuf' }),
      )
    ).json().id;
    for (const q of ['gelinas', 'GÉLI', 'zoe gelinas-boeuf', 'Zoé gél'])
      expect(
        (await list(`q=${encodeURIComponent(q)}`)).items.map((o) => o.id),
        q,
      ).toEqual([accented]);
    expect((await list('q=gelinas%25')).total).toBe(0);
    // The index's fold and the query's fold agree, character for character.
    const names = [
      'Gélinas-Bœuf',
      'ÆLFRIC',
      'O’Neil',
      'Łukasz Nováček',
      'Ñúñez Çelik',
      'Zoë Åberg',
    ];
    const folded = await queryRows<{ folded: string }>(
      t.db,
      sql`select fold_name(n) as folded from unnest(${`{${names.map((n) => `"${n}"`).join(',')}}`}::text[]) with ordinality as x(n, i) order by i`,
    );
    expect(folded.map((r) => r.folded)).toEqual(names.map(foldName));
    const french = (await list('language=fr&minScore=80&pageSize=200')).items.map((o) => o.id);
    expect(french).toEqual(expect.arrayContaining([t.ids.ownOfficer, t.ids.otherOfficer]));
    expect((await list('language=fr&minScore=90')).items.map((o) => o.id)).not.toContain(
      t.ids.ownOfficer,
    );
    expect((await list('rank=inspector&pageSize=200')).items.map((o) => o.id)).not.toContain(
      t.ids.ownOfficer,
    );
    expect((await list('rank=sergeant&pageSize=200')).items.map((o) => o.id)).toContain(
      t.ids.ownOfficer,
    );
    // The passport expires in 30 days: valid today, not on a date after.
    expect((await list(`qualification=passport&pageSize=200`)).items.map((o) => o.id)).toContain(
      t.ids.ownOfficer,
    );
    expect((await list(`qualification=passport&validOn=${addDays(today, 60)}`)).total).toBe(0);
    // A coordinator's list holds their agency's officers only.
    const theirs = (await coordinator.request('GET', '/api/v1/officers?pageSize=200')).json();
    expect(theirs.items.map((o: { id: string }) => o.id)).not.toContain(t.ids.otherOfficer);
  });

  it('lists qualifications expiring soon, per agency for a coordinator', async () => {
    const all = (await officer.request('GET', '/api/v1/qualifications/expiring?days=45')).json();
    const officers = all.items.map((q: { officerId: string }) => q.officerId);
    expect(officers).toEqual(expect.arrayContaining([t.ids.ownOfficer, t.ids.otherOfficer]));
    expect(all.items[0]).toMatchObject({ kind: 'passport', validity: 'expiring' });
    const theirs = (
      await coordinator.request(
        'GET',
        `/api/v1/qualifications/expiring?days=45&agencyId=${t.ids.otherAgency}`,
      )
    ).json();
    expect(theirs.items.every((q: { agencyId: string }) => q.agencyId === t.ids.ownAgency)).toBe(
      true,
    );
    expect(
      (await officer.request('GET', '/api/v1/qualifications/expiring?days=10')).json().total,
    ).toBe(0);
  });
});
