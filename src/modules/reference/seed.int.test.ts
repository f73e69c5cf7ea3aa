import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeDb, freshDatabase } from '../../../test/support/db.ts';
import { agencies, countries, missionLocations, missions, organizations } from './schema.ts';
import { seedReferenceData } from './seed.ts';

describeDb('seedReferenceData', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    database = await freshDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('loads the reference data, and a second run adds nothing', async () => {
    const first = await seedReferenceData(database.db);
    expect(first.organizations).toBeGreaterThanOrEqual(6);
    expect(first.countries).toBeGreaterThanOrEqual(250);
    expect(first.agencies).toBeGreaterThanOrEqual(35);
    expect(first.missions).toBeGreaterThanOrEqual(40);
    expect(first.locations).toBeGreaterThan(first.missions);
    expect(first.roles).toBe(9);
    expect(first.postTypes).toBeGreaterThanOrEqual(9);
    expect(first.ranks).toBe(8);

    const second = await seedReferenceData(database.db);
    expect(second).toEqual(first);
  });

  it('stores bilingual rows that read back as written', async () => {
    const { db } = database;
    const [rcmp] = await db.select().from(agencies).where(eq(agencies.code, 'RCMP'));
    expect(rcmp).toMatchObject({
      nameFr: 'Gendarmerie royale du Canada',
      type: 'federal',
      province: null,
    });

    const [kosovo] = await db.select().from(countries).where(eq(countries.code, 'XK'));
    expect(kosovo).toMatchObject({ iso3: 'XKX', nameEn: 'Kosovo', dissolvedOn: null });
    const [yugoslavia] = await db.select().from(countries).where(eq(countries.code, 'YU'));
    expect(yugoslavia?.dissolvedOn).toBe('2003-02-04');

    const [eu] = await db.select().from(organizations).where(eq(organizations.code, 'EU'));
    expect(eu?.nameFr).toBe('Union européenne');

    const [untag] = await db.select().from(missions).where(eq(missions.code, 'UNTAG'));
    expect(untag).toMatchObject({
      startDate: '1989-04-01',
      status: 'closed',
      hostCountryCode: 'NA',
    });

    const [minusma] = await db.select().from(missions).where(eq(missions.code, 'MINUSMA'));
    expect(minusma).toBeDefined();
    const towns = await db
      .select({ nameEn: missionLocations.nameEn, nameFr: missionLocations.nameFr })
      .from(missionLocations)
      .where(eq(missionLocations.missionId, minusma!.id));
    expect(towns).toHaveLength(4);
    expect(towns).toEqual(expect.arrayContaining([{ nameEn: 'Timbuktu', nameFr: 'Tombouctou' }]));
  });
});
