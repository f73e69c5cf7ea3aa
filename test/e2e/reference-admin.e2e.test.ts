import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import {
  axe,
  ensureWebBuild,
  launchChromium,
  ready,
  signedInContexts,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * Reference data administration in Chromium: a program administrator reaches it from the home
 * page, edits an agency's French name and sees the change in its history, adds an organization,
 * and changes a program setting; every page passes axe in English and in French.
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
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

const admin = async () => watchedPage(await sessions.signedIn('program_admin'));

describe('reference data administration in Chromium', () => {
  it('is reachable from the home page of a program administrator', async () => {
    const page = await admin();
    await page.goto(`${base}/en/`);
    await page
      .getByRole('link', { name: tr('en', 'home', 'signedIn.pages.referenceAdmin') })
      .first()
      .click();
    await ready(page, tr('en', 'refadmin', 'hub.title'));
    await page
      .getByRole('link', { name: tr('en', 'refadmin', 'kinds.agencies.title'), exact: true })
      .click();
    await ready(page, tr('en', 'refadmin', 'kinds.agencies.title'));
    await page.close();
  });

  it('edits an agency’s French name and shows the change in its history', async () => {
    const page = await admin();
    await page.goto(`${base}/en/admin/reference/agencies/${t.ids.ownAgency}`);
    await ready(page, /^Edit /);
    const field = page.getByLabel(tr('en', 'refadmin', 'fields.nameFr'));
    const before = await field.inputValue();
    await field.fill('Sûreté du Québec (SQ)');
    await page.getByRole('button', { name: tr('en', 'refadmin', 'form.save') }).click();
    await page.getByText(tr('en', 'refadmin', 'record.saved')).waitFor();
    const history = page.getByRole('table', { name: tr('en', 'refadmin', 'history.caption') });
    await history.waitFor();
    const row = history.locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain(before);
    await expect.poll(() => row.textContent()).toContain('Sûreté du Québec (SQ)');
    await expect.poll(() => row.textContent()).toContain('program_admin');
    await axe(page, 'agency edit with its history (en)');
    await page.close();
  });

  it('adds an organization, then refuses a blank French name naming the field', async () => {
    const page = await admin();
    await page.goto(`${base}/fr/admin/reference/organizations/new`);
    await ready(page, tr('fr', 'refadmin', 'kinds.organizations.add'));
    await page.getByLabel(tr('fr', 'refadmin', 'fields.code')).fill('CEDEAO');
    await page
      .getByLabel(tr('fr', 'refadmin', 'fields.kind'))
      .selectOption({ label: tr('fr', 'refadmin', 'organizationKinds.regional') });
    await page
      .getByLabel(tr('fr', 'refadmin', 'fields.nameEn'))
      .fill('Economic Community of West African States');
    await page
      .getByLabel(tr('fr', 'refadmin', 'fields.nameFr'))
      .fill('Communauté économique des États de l’Afrique de l’Ouest');
    await page.getByRole('button', { name: tr('fr', 'refadmin', 'form.create') }).click();
    await ready(page, /^Modifier/);
    await page.getByLabel(tr('fr', 'refadmin', 'fields.nameFr')).fill('');
    await page.getByRole('button', { name: tr('fr', 'refadmin', 'form.save') }).click();
    await expect
      .poll(() => page.locator('.field--error').first().textContent())
      .toContain(tr('fr', 'refadmin', 'form.required'));
    await axe(page, 'organization edit with an error (fr)');
    await page.close();
  });

  it('changes a program setting and shows who changed it', async () => {
    const page = await admin();
    await page.goto(`${base}/en/admin/settings`);
    await ready(page, tr('en', 'refadmin', 'settings.title'));
    const name = tr('en', 'refadmin', 'settings.keys.wps_target_percent.title');
    await page.locator('#setting-wps_target_percent-value').fill('33');
    await page
      .getByRole('button', { name: tr('en', 'refadmin', 'settings.save', { name }) })
      .click();
    await page.getByText(tr('en', 'refadmin', 'settings.saved', { name })).waitFor();
    const section = page.getByRole('region', { name });
    await expect.poll(() => section.locator('dl').textContent()).toContain('program_admin');
    await expect.poll(() => section.locator('dl').textContent()).toContain('33');
    const settings = (await t.as('program_officer')).request('GET', '/api/v1/settings');
    const wps = (await settings)
      .json()
      .find((s: { key: string }) => s.key === 'wps_target_percent');
    expect(wps.current).toMatchObject({ version: 2, value: 33 });
    await page.close();
  });

  const pages = (lang: Lang) =>
    [
      [`/${lang}/admin/reference`, tr(lang, 'refadmin', 'hub.title')],
      [`/${lang}/admin/reference/agencies`, tr(lang, 'refadmin', 'kinds.agencies.title')],
      [`/${lang}/admin/reference/ranks`, tr(lang, 'refadmin', 'kinds.ranks.title')],
      [
        `/${lang}/admin/reference/mission-locations/new`,
        tr(lang, 'refadmin', 'kinds.mission-locations.add'),
      ],
      [
        `/${lang}/admin/reference/missions/${t.ids.ownMission}`,
        lang === 'en' ? /^Edit / : /^Modifier/,
      ],
      [`/${lang}/admin/settings`, tr(lang, 'refadmin', 'settings.title')],
    ] as const;

  for (const lang of ['en', 'fr'] as const)
    it(`passes axe on every new page (${lang})`, async () => {
      const page = await admin();
      for (const [url, heading] of pages(lang)) {
        await page.goto(`${base}${url}`);
        await ready(page, heading);
        await axe(page, `${url}`);
      }
      await page.close();
      expect(watched.csp).toEqual([]);
      expect(watched.errors).toEqual([]);
    });
});
