import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import {
  signedInContexts,
  axe,
  ensureWebBuild,
  launchChromium,
  ready,
  root,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * The UN contribution reports page in Chromium: it passes axe in English and in French, for a
 * program officer (with the import form) and a decision partner (reports only); then a program
 * officer imports the sample file through the page and sees the rows it had to flag.
 */

type Role = 'program_officer' | 'decision_partner';
const sample = fs.readFileSync(path.join(root, 'test/fixtures/un-contributions-sample.csv'));

let t: TestApp;
let browser: Browser;
let base = '';

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);
const signedIn = (role: Role) => sessions.signedIn(role);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp({
    unWomenPoliceTargets: [
      { year: 2015, percent: 20 },
      { year: 2028, percent: 30 },
    ],
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

describe('UN contribution reports in Chromium', () => {
  it('lets a program officer import the sample through the page and see its flags', async () => {
    const lang: Lang = 'en';
    const page = await watchedPage(await signedIn('program_officer'));
    await page.goto(`${base}/${lang}/un-contributions`);
    await ready(page, tr(lang, 'uncontributions', 'title'));
    await page.getByText(tr(lang, 'uncontributions', 'imports.empty')).waitFor();
    await page
      .getByLabel(tr(lang, 'uncontributions', 'import.file'), { exact: true })
      .setInputFiles({ name: 'un-contributions-sample.csv', mimeType: 'text/csv', buffer: sample });
    await page
      .getByRole('button', { name: tr(lang, 'uncontributions', 'import.submit'), exact: true })
      .click();
    await page
      .getByRole('heading', { name: tr(lang, 'uncontributions', 'import.importedHeading') })
      .waitFor();
    // The flags, each with its line and what it says.
    const flags = page.getByRole('table', {
      name: tr(lang, 'uncontributions', 'flagsTable.caption_other', { total: 10 }),
    });
    await flags.waitFor();
    await expect.poll(() => flags.locator('tbody tr').count()).toBe(10);
    const normalised = flags.locator('tbody tr', { hasText: "UNMISS'" });
    await expect.poll(() => normalised.locator('th').textContent()).toBe('11');
    await expect
      .poll(() => normalised.textContent())
      .toContain(tr(lang, 'uncontributions', 'kinds.mission_normalised'));
    await expect
      .poll(() => flags.locator('tbody tr', { hasText: 'Total_Total is 74' }).count())
      .toBe(1);
    // The import run is listed, and the reports show the figures.
    await page
      .getByRole('table', { name: tr(lang, 'uncontributions', 'imports.caption') })
      .getByRole('cell', { name: 'un-contributions-sample.csv' })
      .waitFor();
    const compared = page.getByRole('table', {
      name: tr(lang, 'uncontributions', 'canada.caption'),
    });
    await expect
      .poll(() => compared.locator('tbody tr', { hasText: 'February 2015' }).textContent())
      .toMatch(/96.*11.*11\.5%.*430.*17%.*20%.*30%.*-8\.5 points/);
    await axe(page, 'after the import (en)');
    await page.close();
  });

  describe('the page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const cases = (['program_officer', 'decision_partner'] as const).flatMap((as) =>
      (['en', 'fr'] as const).map((lang) => ({ as, lang })),
    );
    it.each(cases)('$as [$lang]', async ({ as, lang }) => {
      const page = await watchedPage(await signedIn(as));
      const before = watched.csp.length;
      await page.goto(`${base}/${lang}/un-contributions?contributor=CAN`);
      await ready(page, tr(lang, 'uncontributions', 'title'));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await page
        .getByRole('table', { name: tr(lang, 'uncontributions', 'police.caption') })
        .waitFor();
      await page
        .getByRole('table', { name: tr(lang, 'uncontributions', 'canada.caption') })
        .waitFor();
      const canImport = await page
        .getByRole('heading', { name: tr(lang, 'uncontributions', 'import.heading') })
        .count();
      expect(canImport).toBe(as === 'program_officer' ? 1 : 0);
      await axe(page, `un contributions, ${as} (${lang})`);
      expect(watched.csp.slice(before)).toEqual([]);
      await page.close();
    });
  });
});
