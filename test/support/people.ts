import { isoDateOf, addDays } from '../../src/kernel/dates.ts';
import { addOfficer, addQualification } from '../../src/modules/officers/officers.ts';
import type { TestApp } from './app.ts';

/**
 * Two officers: one of the fixture agency (SQ), whose account is the fixture officer, and one of
 * another agency (SPVM); each with a passport (sensitive number) and a French test result.
 */
export async function addPeopleFixtures(t: TestApp) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const today = isoDateOf(ctx.now);
  const officer = async (agencyId: string, badgeNumber: string, userId: string | null) => {
    const created = await addOfficer(t.db, ctx, {
      agencyId,
      badgeNumber,
      givenName: 'Marie',
      familyName: `Tremblay-${badgeNumber}`,
      gender: 'woman',
      dateOfBirth: '1984-05-17',
      rankCode: 'sergeant',
      serviceStart: '2008-09-01',
      email: `${badgeNumber}@police.example.ca`,
    });
    if (userId) {
      const { officers } = await import('../../src/modules/officers/schema.ts');
      const { eq } = await import('drizzle-orm');
      await t.db.update(officers).set({ userId }).where(eq(officers.id, created.id));
    }
    const passport = await addQualification(t.db, ctx, created.id, {
      kind: 'passport',
      obtainedOn: addDays(today, -400),
      expiresOn: addDays(today, 30),
      documentNumber: 'HK123456',
    });
    await addQualification(t.db, ctx, created.id, {
      kind: 'language',
      code: 'fr',
      score: 85,
      obtainedOn: addDays(today, -100),
    });
    return { id: created.id, passport: passport.id };
  };
  const own = await officer(t.ids.ownAgency, 'SQ-1001', t.users.officer!.id);
  const other = await officer(t.ids.otherAgency, 'SPVM-2002', null);
  return {
    ownOfficer: own.id,
    ownQualification: own.passport,
    otherOfficer: other.id,
    otherQualification: other.passport,
  };
}
