import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { addContingent } from '../support/contingent.ts';
import { addPeopleFixtures } from '../support/people.ts';
import {
  axe,
  ensureWebBuild,
  label,
  launchChromium,
  ready,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * Reports in Chromium: the page passes axe in English and French; a program officer narrows the
 * current contingent to women and downloads it as CSV, which holds the figures the page shows.
 */
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let base = '';

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 });
  Object.assign(t.ids, await addPeopleFixtures(t));
  await addContingent(t, t.ids.ownMission!, 5, 'E');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const answer = await context.request.post(`${base}/api/v1/session`, {
    data: { email: t.users.program_officer!.email, password: PASSWORD },
  });
  expect(answer.status()).toBe(200);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.close();
});

describe('reports in Chromium', () => {
  it.each(['en', 'fr'] as const)('the reports page passes axe [%s]', async (lang: Lang) => {
    const before = watched.csp.length;
    const page = await watchedPage(context);
    await page.goto(`${base}/${lang}/reports?report=incidents-by-type`);
    await ready(page, tr(lang, 'reports', 'title'));
    await page
      .getByRole('heading', { name: tr(lang, 'reports', 'titles.incidents-by-type') })
      .waitFor();
    await page.getByText(tr(lang, 'reports', 'empty')).waitFor();
    await axe(page, `reports (${lang})`);
    await page.goto(`${base}/${lang}/reports`);
    await page
      .getByRole('heading', { name: tr(lang, 'reports', 'titles.deployments-over-time') })
      .waitFor();
    await page.locator('table.data-table').waitFor();
    await page.getByTestId('report-chart').locator('svg').waitFor();
    await axe(page, `deployments over time, with its chart (${lang})`);
    await page.close();
    expect(watched.csp.slice(before)).toEqual([]);
  });

  it('narrows the current contingent to women and exports it as CSV', async () => {
    const page = await watchedPage(context);
    await page.goto(`${base}/en/reports?report=current-contingent`);
    await ready(page, tr('en', 'reports', 'title'));
    await page
      .getByLabel(label(tr('en', 'reports', 'filters.gender')))
      .selectOption({ label: tr('en', 'people', 'genders.woman') });
    await page.getByRole('button', { name: tr('en', 'common', 'filters.apply') }).click();
    await expect.poll(() => page.url()).toMatch(/report=current-contingent.*gender=woman/);
    // Five officers, every other one a woman: three women, all in theatre in Bamako.
    const row = page.locator('table.data-table tbody tr').first();
    await expect.poll(() => row.locator('th').textContent()).toBe('MINUSMA');
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('3');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: tr('en', 'reports', 'export.csv') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^peaceops-current-contingent-.*\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Mission,Location,In theatre/);
    expect(lines[1]).toBe('MINUSMA,Bamako,3,0,0,3,3,100');
    expect(lines).toHaveLength(2);
    await page.close();
    expect(watched.errors).toEqual([]);
  });
});
