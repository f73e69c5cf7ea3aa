import type { AddressInfo } from 'node:net';
import { inArray } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployments } from '../../src/modules/deployments/schema.ts';
import { officers, priorMissions } from '../../src/modules/officers/schema.ts';
import { agencies, missions } from '../../src/modules/reference/schema.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import {
  axe,
  ensureWebBuild,
  launchChromium,
  ready,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * The public statistics page in Chromium, signed out, in English and French (axe clean, no CSP
 * violation): the headline figure, the women's share chart with its data table and summary, the
 * world map with the countries served, the current missions (one of 3 officers: "fewer than 5");
 * and the dashboard for a program officer.
 *
 * History: 12 officers (4 women) served with UNTAG (Namibia) in 1989-90; 8 of them, 3 women, are
 * in theatre with MONUSCO (DR Congo) now, and 3 men with BINUH (Haiti).
 */
let t: TestApp;
let browser: Browser;
let base = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  const [agency] = await t.db
    .select({ id: agencies.id })
    .from(agencies)
    .where(inArray(agencies.code, ['SQ']));
  const rows = await t.db
    .select({ id: missions.id, code: missions.code })
    .from(missions)
    .where(inArray(missions.code, ['UNTAG', 'MONUSCO', 'BINUH']));
  const mission = Object.fromEntries(rows.map((m) => [m.code, m.id]));
  const people = await t.db
    .insert(officers)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        agencyId: agency!.id,
        badgeNumber: `E2E-${i}`,
        givenName: `Given${i}`,
        familyName: `Family${i}`,
        gender: i < 4 ? ('woman' as const) : ('man' as const),
        rankCode: 'sergeant',
        serviceStart: '1980-01-01',
      })),
    )
    .returning({ id: officers.id });
  await t.db.insert(priorMissions).values(
    people.map((p) => ({
      officerId: p.id,
      missionId: mission.UNTAG!,
      missionName: 'UNTAG',
      startDate: '1989-10-01',
      endDate: '1990-03-21',
    })),
  );
  await t.db.insert(deployments).values(
    people.slice(1).map((p, i) => ({
      officerId: p.id,
      missionId: i < 8 ? mission.MONUSCO! : mission.BINUH!,
      state: 'in_theatre' as const,
      plannedStart: '2026-01-01',
      plannedEnd: '2027-01-01',
      actualStart: '2026-01-01',
      mode: 'in_theatre' as const,
    })),
  );
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await t?.close();
});

async function context(): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(c);
  return c;
}

describe('the statistics pages in Chromium', () => {
  it.each(['en', 'fr'] as const)(
    'shows the public page signed out, with the figure, chart table and map [%s]',
    async (lang: Lang) => {
      const page = await watchedPage(await context());
      const csp = watched.csp.length;
      const errors = watched.errors.length;
      await page.goto(`${base}/${lang}/statistics`);
      await ready(page, tr(lang, 'statistics', 'public.title'));
      expect(page.url()).toBe(`${base}/${lang}/statistics`); // not sent to sign-in
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await expect.poll(() => page.getByTestId('officers-deployed').textContent()).toBe('12');
      // The chart (ECharts' SVG), its summary and its data table.
      await page.getByTestId('women-chart').locator('svg').waitFor();
      expect(
        await page.getByRole('img', { name: tr(lang, 'statistics', 'women.chartLabel') }).count(),
      ).toBe(1);
      expect(await page.getByTestId('women-summary').textContent()).toMatch(/2026/);
      const table = page.getByRole('table', { name: tr(lang, 'statistics', 'women.caption') });
      await table.waitFor();
      expect(await table.getByRole('row', { name: /^1989/ }).count()).toBe(1);
      // The map: Namibia, DR Congo and Haiti shaded.
      await page.getByTestId('world-map').locator('svg').waitFor();
      expect(await page.locator('[data-testid="world-map"] path[data-served]').count()).toBe(3);
      // DR Congo and Haiti now (MONUSCO, BINUH), Namibia before (UNTAG).
      expect(await page.locator('[data-testid="world-map"] path[data-current]').count()).toBe(2);
      expect(
        await page
          .getByRole('img', { name: tr(lang, 'statistics', 'countries.mapLabel', { count: 3 }) })
          .count(),
      ).toBe(1);
      // BINUH's 3 officers are withheld, and MONUSCO's 8 with them (11 is published).
      const current = page.getByRole('table', { name: tr(lang, 'statistics', 'missions.caption') });
      await expect
        .poll(() => current.getByRole('row', { name: /BINUH/ }).textContent())
        .toContain(tr(lang, 'statistics', 'suppressed.fewer_than_5'));
      expect(await current.getByRole('row', { name: /MONUSCO/ }).textContent()).toContain(
        tr(lang, 'statistics', 'suppressed.complementary'),
      );
      await axe(page, `public statistics (${lang})`);
      expect(watched.csp.slice(csp)).toEqual([]);
      expect(watched.errors.slice(errors)).toEqual([]);
      await page.close();
    },
  );

  it('is linked from the home page for everyone', async () => {
    const page = await watchedPage(await context());
    await page.goto(`${base}/en/`);
    await ready(page, tr('en', 'home', 'public.title'));
    await page.getByRole('link', { name: tr('en', 'home', 'public.statistics') }).click();
    await ready(page, tr('en', 'statistics', 'public.title'));
    await page.close();
  });

  it.each(['en', 'fr'] as const)('shows the dashboard to a program officer [%s]', async (lang) => {
    const c = await context();
    const answer = await c.request.post(`${base}/api/v1/session`, {
      data: { email: t.users.program_officer!.email, password: PASSWORD },
    });
    expect(answer.status()).toBe(200);
    const page = await watchedPage(c);
    const csp = watched.csp.length;
    await page.goto(`${base}/${lang}/dashboard`);
    await ready(page, tr(lang, 'statistics', 'dashboard.title'));
    await expect.poll(() => page.getByTestId('officers-deployed').textContent()).toBe('12');
    const byAgency = page.getByRole('table', {
      name: tr(lang, 'statistics', 'dashboard.agencyCaption'),
    });
    expect(await byAgency.getByRole('row', { name: /Sûreté du Québec/ }).textContent()).toMatch(
      /12/,
    );
    await axe(page, `dashboard (${lang})`);
    expect(watched.csp.slice(csp)).toEqual([]);
    await page.close();
  });
});
