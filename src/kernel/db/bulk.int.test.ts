import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, freshDatabase } from '../../../test/support/db.ts';
import { bulkInsert } from './bulk.ts';
import { countries } from '../../modules/reference/schema.ts';
import { qualifications, officers } from '../../modules/officers/schema.ts';
import { agencies } from '../../modules/reference/schema.ts';
import { seedReferenceData } from '../../modules/reference/seed.ts';

describeDb('bulkInsert', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
    await seedReferenceData(database.db);
  });
  afterAll(() => database?.drop());

  it('writes rows as Drizzle would: names, nulls, dates, numbers, booleans and defaults', async () => {
    const { db } = database;
    await bulkInsert(db, countries, [
      {
        code: 'ZZ',
        iso3: null,
        nameEn: 'Testland',
        nameFr: 'Testlande',
        dissolvedOn: '1991-12-26',
      },
    ]);
    const [zz] = await db.select().from(countries).where(eq(countries.code, 'ZZ'));
    expect(zz).toEqual({
      code: 'ZZ',
      iso3: null,
      nameEn: 'Testland',
      nameFr: 'Testlande',
      dissolvedOn: '1991-12-26',
    });

    const [agency] = await db.select().from(agencies).limit(1);
    const id = randomUUID();
    const now = new Date('2026-02-03T04:05:06.789Z');
    await bulkInsert(db, officers, [
      {
        id,
        agencyId: agency!.id,
        badgeNumber: 'BULK-1',
        givenName: "O'Neil",
        familyName: 'Côté "Jr"',
        gender: 'man',
        rankCode: 'constable',
        serviceStart: '2010-01-01',
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await bulkInsert(db, qualifications, [
      {
        officerId: id,
        kind: 'language',
        code: 'fr',
        score: 61,
        passed: true,
        obtainedOn: '2024-01-01',
        expiresOn: null,
      },
    ]);
    const [o] = await db.select().from(officers).where(eq(officers.id, id));
    expect(o).toMatchObject({
      givenName: "O'Neil",
      familyName: 'Côté "Jr"',
      createdAt: now,
      version: 1,
      preferredLanguage: 'en',
    });
    const [q] = await db.select().from(qualifications).where(eq(qualifications.officerId, id));
    expect(q).toMatchObject({ score: 61, passed: true, expiresOn: null, version: 1 });
  });
});
