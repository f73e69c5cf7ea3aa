import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officers, qualifications } from '../../src/modules/officers/schema.ts';
import { users } from '../../src/modules/users/schema.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { addPeopleFixtures } from '../support/people.ts';
import { pdfText } from '../support/pdf.ts';
import {
  axe,
  ensureWebBuild,
  launchChromium,
  ready,
  signedInContexts,
  tr,
  watched,
  watchedPage,
} from './harness.ts';

/**
 * Privacy rights in Chromium: an officer downloads all their data from their profile (in their
 * language), a program officer on their behalf from the officer page, and an administrator sees
 * the retention's dry run and runs it; every page passes axe in English and in French.
 */

let t: TestApp;
let browser: Browser;
let base = '';
const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  Object.assign(t.ids, await addPeopleFixtures(t));
  await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, t.users.officer!.id));
  // Another agency's officer, last used five years ago: due for anonymisation.
  const fiveYearsAgo = new Date(t.clock.now().getTime() - 5 * 366 * 86_400_000);
  await t.db
    .update(officers)
    .set({ updatedAt: fiveYearsAgo })
    .where(eq(officers.id, t.ids.otherOfficer!));
  await t.db
    .update(qualifications)
    .set({ expiresOn: null })
    .where(eq(qualifications.officerId, t.ids.otherOfficer!));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

describe('privacy rights in Chromium', () => {
  it('an officer downloads all their data from their profile, in French', async () => {
    const page = await watchedPage(await sessions.signedIn('officer'));
    await page.goto(`${base}/fr/my-profile`);
    await ready(page, tr('fr', 'people', 'profile.title'));
    const pdfLink = page.getByRole('link', { name: tr('fr', 'privacy', 'download.pdf') });
    const jsonLink = page.getByRole('link', { name: tr('fr', 'privacy', 'download.json') });
    const pdf = await page.request.get(`${base}${await pdfLink.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(await pdf.body())).toContain('Vos renseignements personnels');
    const json = await page.request.get(`${base}${await jsonLink.getAttribute('href')}`);
    expect((await json.json()).officer.id).toBe(t.ids.ownOfficer);
    await page.close();
  });

  it('a program officer downloads them on the officer’s behalf', async () => {
    const page = await watchedPage(await sessions.signedIn('program_officer'));
    await page.goto(`${base}/en/officers/${t.ids.ownOfficer}`);
    await ready(page, /Tremblay-SQ-1001/);
    const link = page.getByRole('link', { name: tr('en', 'privacy', 'download.pdfFor') });
    const pdf = await page.request.get(`${base}${await link.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    // In the officer's language (French), whoever asks.
    expect(pdfText(await pdf.body())).toContain('Vos renseignements personnels');
    await axe(page, 'officer page with the personal data section (en)');
    await page.close();
  });

  it('an administrator sees the retention preview and runs it', async () => {
    const page = await watchedPage(await sessions.signedIn('program_admin'));
    await page.goto(`${base}/en/`);
    await page.getByRole('link', { name: tr('en', 'common', 'nav.admin'), exact: true }).click();
    await page.getByRole('link', { name: tr('en', 'users', 'admin.retention.title') }).click();
    await ready(page, tr('en', 'privacy', 'retention.title'));
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent()).toContain(t.ids.otherOfficer);
    await expect.poll(() => table.textContent()).not.toContain(t.ids.ownOfficer);
    await axe(page, 'retention preview (en)');
    await page.getByRole('button', { name: tr('en', 'privacy', 'retention.run') }).click();
    await page.getByText(tr('en', 'privacy', 'retention.done', { count: 1 })).waitFor();
    await page.getByText(tr('en', 'privacy', 'retention.empty')).waitFor();
    await axe(page, 'retention after a run (en)');
    const [gone] = await t.db.select().from(officers).where(eq(officers.id, t.ids.otherOfficer!));
    expect(gone!.anonymisedAt).not.toBeNull();
    await page.close();
  });

  describe('the pages pass axe (WCAG 2.1 AA) in English and in French', () => {
    it.each(['en', 'fr'] as const)('%s', async (lang) => {
      const before = watched.csp.length;
      const officer = await watchedPage(await sessions.signedIn('officer'));
      await officer.goto(`${base}/${lang}/my-profile`);
      await ready(officer, tr(lang, 'people', 'profile.title'));
      await officer
        .getByRole('heading', { name: tr(lang, 'privacy', 'download.heading') })
        .waitFor();
      await expect.poll(() => officer.evaluate(() => document.documentElement.lang)).toBe(lang);
      await axe(officer, `my profile with the personal data section (${lang})`);
      await officer.close();
      const admin = await watchedPage(await sessions.signedIn('program_admin'));
      await admin.goto(`${base}/${lang}/admin/retention`);
      await ready(admin, tr(lang, 'privacy', 'retention.title'));
      await axe(admin, `retention page (${lang})`);
      await admin.close();
      const po = await watchedPage(await sessions.signedIn('program_officer'));
      await po.goto(`${base}/${lang}/officers/${t.ids.ownOfficer}`);
      await ready(po, /Tremblay-SQ-1001/);
      await po.getByRole('heading', { name: tr(lang, 'privacy', 'download.headingFor') }).waitFor();
      await axe(po, `officer page with the personal data section (${lang})`);
      await po.close();
      expect(watched.csp.slice(before)).toEqual([]);
    });
  });
});
