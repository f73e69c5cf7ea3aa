import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/kernel/db/client.ts';
import { dutyOfCareOf, escalateMissedCheckIns } from '../../src/modules/checkins/checkins.ts';
import { currentSettings } from '../../src/modules/settings/settings.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { addContingent, addDeploymentsInTheatre } from '../support/contingent.ts';
import { addPeopleFixtures } from '../support/people.ts';
import {
  signedInContexts,
  axe,
  ensureWebBuild,
  escapeRegExp,
  label,
  launchChromium,
  ready,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * Duty of care in Chromium, on the real server with a fake clock: the officer's page and the
 * contingent board pass axe in English and French; then the walk of the issue: the commander
 * declares a lockdown, officers check in (the fixture officer from their phone-sized page), one
 * misses, the escalation job runs after the delay and the commander sees the alert; the mission
 * is evacuated and the contingent shows as remote; then it returns to theatre.
 */

type Role = 'officer' | 'contingent_commander' | 'program_officer';

let t: TestApp;
let staffApi: Client;
let browser: Browser;
let base = '';
let own = '';
let colleagues: string[] = [];
const HOUR = 3_600_000;

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
  (role) =>
    role === 'officer'
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } },
);
const signedIn = (role: Role) => sessions.signedIn(role);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp({
    sessionIdleMinutes: 100_000,
    sessionAbsoluteHours: 10_000,
    dutyOfficerEmail: 'duty@rcmp.example.ca',
    dutyOfficerPhone: '+1 613 555 0199',
  });
  Object.assign(t.ids, await addPeopleFixtures(t));
  await t.db.execute(
    sql`update missions set risk_level = 'moderate' where id = ${t.ids.ownMission}`,
  );
  own = (await addDeploymentsInTheatre(t, t.ids.ownMission, [t.ids.ownOfficer!]))[0]!;
  colleagues = await addContingent(t, t.ids.ownMission, 3, 'K');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  staffApi = await t.as('program_officer');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

const holding = (text: string) => new RegExp(escapeRegExp(text));

async function open(role: Role, lang: Lang, path: string, heading: string | RegExp) {
  const page = await watchedPage(await signedIn(role));
  await page.goto(`${base}/${lang}/${path}`);
  await ready(page, heading);
  return page;
}

const contingentPage = (lang: Lang) =>
  open(
    'contingent_commander',
    lang,
    `missions/${t.ids.ownMission}/contingent`,
    holding(tr(lang, 'dutyofcare', 'contingent.title', { mission: 'MINUSMA' })),
  );

async function declare(page: Page, kind: string, destination?: string) {
  const form = page.locator('form[aria-labelledby="declare-event"]');
  await form.getByLabel(holding(tr('en', 'dutyofcare', `eventKinds.${kind}`))).check();
  if (destination)
    await form.getByLabel(holding(tr('en', 'dutyofcare', `destinations.${destination}`))).check();
  await form
    .getByLabel(label(tr('en', 'dutyofcare', 'declare.instructionsEn')))
    .fill('Stay in your quarters. Check in every day.');
  await form
    .getByLabel(label(tr('en', 'dutyofcare', 'declare.instructionsFr')))
    .fill('Restez dans vos quartiers. Donnez des nouvelles chaque jour.');
  await form.getByRole('button', { name: tr('en', 'dutyofcare', 'declare.submit') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: tr('en', 'dutyofcare', `eventKinds.${kind}`) })
    .waitFor();
}

describe('duty of care in Chromium', () => {
  it.each(['en', 'fr'] as const)(
    'the officer’s page and the contingent board pass axe [%s]',
    async (lang) => {
      const before = watched.csp.length;
      const mine = await open(
        'officer',
        lang,
        'my-deployment',
        holding(tr(lang, 'dutyofcare', 'mine.titleOf', { mission: 'MINUSMA' })),
      );
      await axe(mine, `my deployment (${lang})`);
      await mine.close();
      const board = await contingentPage(lang);
      await axe(board, `contingent (${lang})`);
      await board.close();
      expect(watched.csp.slice(before)).toEqual([]);
    },
  );

  it('lockdown, check-ins, a missed one alerts the commander, evacuation to remote, return to theatre', async () => {
    // The commander declares a lockdown.
    const board = await contingentPage('en');
    await declare(board, 'lockdown');
    await board
      .getByRole('region', { name: tr('en', 'dutyofcare', 'events.inForce') })
      .getByRole('heading', { name: tr('en', 'dutyofcare', 'eventKinds.lockdown') })
      .waitFor();

    // The officer sees the instructions and checks in from their phone.
    const mine = await open(
      'officer',
      'en',
      'my-deployment',
      holding(tr('en', 'dutyofcare', 'mine.titleOf', { mission: 'MINUSMA' })),
    );
    await expect.poll(() => mine.getByText('Stay in your quarters').count()).toBe(1);
    await mine.getByLabel(tr('en', 'dutyofcare', 'checkInStatuses.ok')).check();
    await mine
      .getByLabel(label(tr('en', 'dutyofcare', 'checkIn.location')))
      .fill('Hotel Azalaï, room 12');
    await mine.getByRole('button', { name: tr('en', 'dutyofcare', 'checkIn.submit') }).click();
    await mine.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    await mine.close();

    // The next day, the officer and two colleagues check in again (a program officer records
    // them); the third colleague has not checked in since the lockdown began.
    t.clock.advance(20 * HOUR);
    for (const id of [own, ...colleagues.slice(1)])
      expect(
        (await staffApi.request('POST', `/api/v1/deployments/${id}/check-ins`, { status: 'ok' }))
          .statusCode,
      ).toBe(201);

    // Eight more hours: the missed check-in is four hours late; the escalation job has reminded
    // the officer and alerted the commander.
    t.clock.advance(8 * HOUR);
    const ctx = { actorId: null, actorRole: 'system', requestId: null, now: t.clock.now() };
    const run = await escalateMissedCheckIns(
      t.db,
      ctx,
      dutyOfCareOf(t.config, await currentSettings(t.db, t.config)),
    );
    expect(run.commanders).toBeGreaterThanOrEqual(1);
    await board.reload();
    await ready(board, holding(tr('en', 'dutyofcare', 'contingent.title', { mission: 'MINUSMA' })));
    const firstRow = board.locator('table.data-table').first().locator('tbody tr').first();
    await expect.poll(() => firstRow.locator('th').textContent()).toMatch(/K0001/);
    await expect
      .poll(() => firstRow.textContent())
      .toMatch(new RegExp(escapeRegExp(tr('en', 'dutyofcare', 'alertSteps.commander'))));
    await expect.poll(() => firstRow.textContent()).toMatch(/Overdue by/);
    expect(await board.getByText(/Overdue by/).count()).toBe(1);
    await axe(board, 'contingent with an alert (en)');
    // The commander reaches the officer by phone and records the check-in for them.
    const missed = (await firstRow.locator('th').textContent())!.match(/\S+ K0001/)![0];
    await firstRow
      .getByRole('button', {
        name: tr('en', 'dutyofcare', 'contingent.recordFor', { name: missed }),
      })
      .click();
    await board
      .getByRole('status')
      .filter({ hasText: tr('en', 'dutyofcare', 'contingent.recorded', { name: missed }) })
      .waitFor();
    await expect.poll(() => board.getByText(/Overdue by/).count()).toBe(0);

    // The mission is evacuated to remote work: the whole contingent shows as remote.
    const lift = board.getByRole('button', { name: tr('en', 'dutyofcare', 'events.end.lockdown') });
    await lift.click();
    await board
      .getByRole('status')
      .filter({ hasText: tr('en', 'dutyofcare', 'events.ended', { kind: 'Lockdown' }) })
      .waitFor();
    await declare(board, 'evacuation', 'remote');
    const remote = tr('en', 'training', 'deploymentStates.remote');
    const states = () =>
      board
        .locator('table.data-table')
        .first()
        .locator('tbody tr td:nth-child(2)')
        .allTextContents();
    await expect.poll(async () => new Set(await states())).toEqual(new Set([remote]));
    // The roll-call: the officer checked in during the lockdown, not since the evacuation.
    await board.getByRole('heading', { name: /Roll-call: Evacuation/ }).waitFor();
    await axe(board, 'contingent after the evacuation (en)');

    // Working remotely, the officer (in French) acknowledges the program's notice and starts the
    // end-of-tour report on their own page.
    const sent = await staffApi.request('POST', '/api/v1/notices', {
      missionId: t.ids.ownMission,
      titleEn: 'Remote work',
      titleFr: 'Travail à distance',
      bodyEn: 'Work from home until further notice.',
      bodyFr: 'Travaillez de la maison jusqu’à nouvel ordre.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const home = await open(
      'officer',
      'fr',
      'my-deployment',
      holding(tr('fr', 'dutyofcare', 'mine.titleOf', { mission: 'MINUSMA' })),
    );
    const notices = home.getByRole('region', { name: tr('fr', 'notices', 'mine.heading') });
    await notices.getByRole('heading', { name: 'Travail à distance' }).waitFor();
    await notices
      .getByRole('button', {
        name: tr('fr', 'notices', 'mine.acknowledgeLabel', { title: 'Travail à distance' }),
      })
      .click();
    await home
      .getByRole('status')
      .filter({ hasText: tr('fr', 'notices', 'mine.done', { title: 'Travail à distance' }) })
      .waitFor();
    const report = home.getByRole('region', { name: tr('fr', 'tour', 'report.heading') });
    await report
      .getByLabel(label(tr('fr', 'tour', 'report.parts.achievements')))
      .fill('Formation de 40 policiers locaux.');
    await report.getByRole('button', { name: tr('fr', 'tour', 'report.saveDraft') }).click();
    await home
      .getByRole('status')
      .filter({ hasText: tr('fr', 'tour', 'report.saved') })
      .waitFor();
    await axe(home, 'my deployment, working remotely (fr)');
    await home.close();
    const [ack] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from notice_recipients where acknowledged_at is not null`,
    );
    expect(ack?.n).toBe(1);

    // Return to theatre.
    await declare(board, 'return_to_theatre');
    const inTheatre = tr('en', 'training', 'deploymentStates.in_theatre');
    await expect.poll(async () => new Set(await states())).toEqual(new Set([inTheatre]));
    await board.close();
    expect(watched.errors).toEqual([]);
  });
});
