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
 * The history import page in Chromium: a program officer reaches it from the home page, uploads a
 * good file and sees what it did, then a bad file and sees every problem by line and column (in
 * French); the page passes axe in English and in French, before and after.
 */

const header =
  'badge_number,agency,family_name,given_name,gender,mission,country,post,start_date,end_date';
const good = [
  header,
  'E2E-1,RCMP,Tremblay,Louise,woman,UNMIH,HT,trainer,1995-03-01,1996-02-28',
  'E2E-1,RCMP,Tremblay,Louise,,MONUC,CD,,2011-01-10,2011-12-20',
  'E2E-2,SQ,Côté,Julie,femme,FORPRONU,Yugoslavia,,1993-03-01,1994-02-28',
].join('\n');
const bad = [
  header,
  'E2E-3,RCMP,Roy,Anne,woman,UNMIH,HT,,1995-03-01,1996-02-28',
  'E2E-4,RCMP,Roy,Marc,man,UNMYSTERY,HT,,1995-03-01,1996-02-28',
  'E2E-5,RCMP,Roy,Paul,man,MONUC,Zaïre,,2001-01-15,2001-12-15',
  'E2E-6,RCMP,Roy,Jean,man,UNTAG,NA,,1992-01-01,1992-12-31',
].join('\n');

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

async function upload(lang: Lang, name: string, content: string) {
  const page = await watchedPage(await sessions.signedIn('program_officer'));
  await page.goto(`${base}/${lang}/past-tours/import`);
  await ready(page, tr(lang, 'pasttours', 'import.title'));
  await page
    .getByLabel(tr(lang, 'pasttours', 'import.file'), { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page
    .getByRole('button', { name: tr(lang, 'pasttours', 'import.submit'), exact: true })
    .click();
  return page;
}

describe('the history import in Chromium', () => {
  it('is reachable from the home page of a program officer', async () => {
    const page = await watchedPage(await sessions.signedIn('program_officer'));
    await page.goto(`${base}/en/`);
    await page.getByRole('link', { name: tr('en', 'home', 'signedIn.pages.pastTours') }).click();
    await ready(page, tr('en', 'pasttours', 'import.title'));
    await page.close();
  });

  it('imports a good file and shows what it did', async () => {
    const page = await upload('en', 'history.csv', good);
    await page
      .getByRole('heading', { name: tr('en', 'pasttours', 'import.report.importedHeading') })
      .waitFor();
    const table = page.getByRole('table', { name: tr('en', 'pasttours', 'import.report.caption') });
    const value = (label: string) =>
      table
        .getByRole('row', { name: new RegExp(`^${label}`) })
        .getByRole('cell')
        .textContent();
    await expect.poll(() => value(tr('en', 'pasttours', 'import.report.created'))).toBe('3');
    await expect
      .poll(() => value(tr('en', 'pasttours', 'import.report.officersCreated')))
      .toBe('2');
    await axe(page, 'past tours, after an import (en)');
    await page.close();
  });

  it('refuses a bad file and lists every problem by line and column, in French', async () => {
    const page = await upload('fr', 'historique.csv', bad);
    await page
      .getByRole('heading', {
        name: tr('fr', 'pasttours', 'import.problems.heading', { name: 'historique.csv' }),
      })
      .waitFor();
    const problems = page.getByRole('table', {
      name: tr('fr', 'pasttours', 'import.problems.caption_other', { total: 3 }),
    });
    await problems.waitFor();
    const rows = problems.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(0).locator('th').textContent()).toBe('3');
    await expect.poll(() => rows.nth(0).locator('td').first().textContent()).toBe('mission');
    await expect.poll(() => rows.nth(0).textContent()).toContain('Aucune mission UNMYSTERY');
    await expect.poll(() => rows.nth(1).locator('th').textContent()).toBe('4');
    await expect.poll(() => rows.nth(1).locator('td').first().textContent()).toBe('country');
    await expect.poll(() => rows.nth(1).textContent()).toContain('Zaïre a cessé d’exister');
    await expect.poll(() => rows.nth(2).locator('th').textContent()).toBe('5');
    await expect.poll(() => rows.nth(2).locator('td').first().textContent()).toBe('start_date');
    await axe(page, 'past tours, problems listed (fr)');
    await page.close();
  });

  describe('the page passes axe (WCAG 2.1 AA) in English and in French', () => {
    it.each(['en', 'fr'] as const)('%s', async (lang) => {
      const page = await watchedPage(await sessions.signedIn('program_officer'));
      const before = watched.csp.length;
      await page.goto(`${base}/${lang}/past-tours/import`);
      await ready(page, tr(lang, 'pasttours', 'import.title'));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await axe(page, `past tours import (${lang})`);
      expect(watched.csp.slice(before)).toEqual([]);
      await page.close();
    });
  });
});
