import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';

describeDb('reference data administration', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  const history = async (kind: string, id: string) =>
    (await staff.request('GET', `/api/v1/reference/${kind}/${id}/history`)).json();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('program_admin');
    staff = await t.as('program_officer');
  });
  afterAll(() => t?.close());

  it('creates and edits each kind, versioned, with its history newest first', async () => {
    // Organization.
    const org = await admin.request('POST', '/api/v1/reference/organizations', {
      code: 'IGAD',
      kind: 'regional',
      nameEn: 'Intergovernmental Authority on Development',
      nameFr: 'Autorité intergouvernementale pour le développement',
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json()).toMatchObject({ version: 1, active: true });
    const retired = await admin.request('PATCH', '/api/v1/reference/organizations/IGAD', {
      version: 1,
      active: false,
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ version: 2, active: false });
    const orgHistory = await history('organizations', 'IGAD');
    expect(orgHistory.map((h: { action: string }) => h.action)).toEqual([
      'organization.update',
      'organization.create',
    ]);
    expect(orgHistory[0]).toMatchObject({
      actorName: 'program_admin',
      changes: { active: [true, false] },
    });

    // Rank: its place on the scale is unique.
    const rank = await admin.request('POST', '/api/v1/reference/ranks', {
      code: 'cadet',
      ordinal: 50,
      nameEn: 'Cadet',
      nameFr: 'Cadet',
    });
    expect(rank.statusCode, rank.body).toBe(201);
    const clash = await admin.request('PATCH', '/api/v1/reference/ranks/cadet', {
      version: 1,
      ordinal: 1,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.fields[0].code).toBe('reference.ordinal_taken');
    const moved = await admin.request('PATCH', '/api/v1/reference/ranks/cadet', {
      version: 1,
      ordinal: 51,
      nameFr: 'Élève-officier',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const ranks = (await staff.request('GET', '/api/v1/reference/ranks')).json();
    expect(ranks.at(-1)).toMatchObject({ code: 'cadet', ordinal: 51, nameFr: 'Élève-officier' });
    expect((await history('ranks', 'cadet'))[0].changes).toEqual({
      ordinal: [50, 51],
      nameFr: ['Cadet', 'Élève-officier'],
    });

    // Agency.
    const agency = await admin.request('POST', '/api/v1/agencies', {
      code: 'TEST-LAVAL',
      nameEn: 'Laval Police Service',
      nameFr: 'Service de police de Laval',
      type: 'municipal',
      province: 'QC',
    });
    expect(agency.statusCode, agency.body).toBe(201);
    const id = agency.json().id;
    const renamed = await admin.request('PATCH', `/api/v1/agencies/${id}`, {
      version: 1,
      nameFr: 'Service de police de la Ville de Laval',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const agencyHistory = await history('agencies', id);
    expect(agencyHistory).toHaveLength(2);
    expect(agencyHistory[0].changes).toEqual({
      nameFr: ['Service de police de Laval', 'Service de police de la Ville de Laval'],
    });

    // Mission location.
    const location = await admin.request('POST', '/api/v1/reference/mission-locations', {
      missionId: t.ids.ownMission,
      nameEn: 'Kidal',
      nameFr: 'Kidal',
    });
    expect(location.statusCode, location.body).toBe(201);
    const loc = location.json();
    expect(
      (
        await admin.request('PATCH', `/api/v1/reference/mission-locations/${loc.id}`, {
          version: 1,
          active: false,
        })
      ).json(),
    ).toMatchObject({ version: 2, active: false });
    const listed = (await staff.request('GET', '/api/v1/reference/mission-locations')).json();
    expect(listed.find((l: { id: string }) => l.id === loc.id)).toMatchObject({
      missionCode: 'MINUSMA',
      active: false,
    });
    expect(await history('mission-locations', loc.id)).toHaveLength(2);

    // Mission and course: their own routes, open to the administrator too.
    const mission = (await admin.request('GET', `/api/v1/missions/${t.ids.otherMission}`)).json();
    const edited = await admin.request('PATCH', `/api/v1/missions/${t.ids.otherMission}`, {
      version: mission.version,
      nameFr: 'Mission des Nations Unies pour la stabilisation en Haïti (MINUSTAH)',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await history('missions', t.ids.otherMission))[0].changes.nameFr[1]).toContain(
      'stabilisation',
    );
    const course = await admin.request('POST', '/api/v1/courses', {
      code: 'TEST-ADMIN',
      nameEn: 'Test course',
      nameFr: 'Cours d’essai',
      delivery: 'virtual',
      durationDays: 1,
    });
    expect(course.statusCode, course.body).toBe(201);
    const courseId = course.json().id;
    expect(
      (await admin.request('PATCH', `/api/v1/courses/${courseId}`, { version: 1, active: false }))
        .statusCode,
    ).toBe(200);
    expect((await history('courses', courseId))[0].changes).toEqual({ active: [true, false] });
  });

  it('requires both names: a blank one is refused naming the field, by the database too', async () => {
    const res = await admin.request('POST', '/api/v1/reference/organizations', {
      code: 'XYZ',
      kind: 'other',
      nameEn: 'Something',
      nameFr: '  ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'nameFr', code: 'validation.required' }),
    ]);
    const missing = await admin.request('POST', '/api/v1/reference/ranks', {
      code: 'aspirant',
      ordinal: 60,
      nameFr: 'Aspirant',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0]).toMatchObject({ path: 'nameEn' });
    const edit = await admin.request('PATCH', `/api/v1/agencies/${t.ids.ownAgency}`, {
      version: 1,
      nameEn: '',
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.fields[0]).toMatchObject({ path: 'nameEn' });
    for (const table of ['organizations', 'agencies', 'missions', 'mission_locations', 'ranks'])
      await expect(
        t.db.execute(sql.raw(`update ${table} set name_fr = ' ' where true`)),
      ).rejects.toThrow();
  });

  it('refuses an edit from a stale version, and anyone but an administrator', async () => {
    const stale = await admin.request('PATCH', '/api/v1/reference/organizations/UN', {
      version: 99,
      nameEn: 'UN',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(
      (
        await staff.request('PATCH', '/api/v1/reference/organizations/UN', {
          version: 1,
          nameEn: 'UN',
        })
      ).statusCode,
    ).toBe(403);
    const officer = await t.as('officer');
    expect((await officer.request('GET', '/api/v1/reference/ranks/x/history')).statusCode).toBe(
      403,
    );
  });
});
