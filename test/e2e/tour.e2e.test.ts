import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deployments, type DeploymentState } from '../../src/modules/deployments/schema.ts';
import { formatDate } from '../../web/src/lib/format.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { addPeopleFixtures } from '../support/people.ts';
import {
  signedInContexts,
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
 * The tour's details on the deployment page, in Chromium: every view passes axe in English and
 * in French; then the walk: the mission's contingent commander asks for an extension, a program
 * officer approves it; the officer writes and submits their end-of-tour report; the program
 * officer records the debrief and closes the deployment.
 */

type Role = 'program_officer' | 'program_admin' | 'contingent_commander' | 'officer';

let t: TestApp;
let browser: Browser;
let base = '';
let today = '';
const OWN = 'Marie Tremblay-SQ-1001';
const OTHER = 'Marie Tremblay-SPVM-2002';
const ids = {
  /** The SQ officer in theatre in MINUSMA: extensions, location, rotation. */
  inTheatre: '',
  /** The SQ officer repatriating: the report and the debrief. */
  repatriating: '',
  /** The SPVM officer returned, with no report or debrief: the administrator closes anyway. */
  returned: '',
};

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);
const signedIn = (role: Role) => sessions.signedIn(role);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  Object.assign(t.ids, await addPeopleFixtures(t));
  today = isoDateOf(t.clock.now());
  const insert = async (
    officerId: string,
    state: DeploymentState,
    start: number,
    end: number,
    actualEnd: number | null = null,
  ) =>
    (
      await t.db
        .insert(deployments)
        .values({
          officerId,
          missionId: t.ids.ownMission,
          state,
          plannedStart: addDays(today, start),
          plannedEnd: addDays(today, end),
          actualStart: addDays(today, start),
          actualEnd: actualEnd === null ? null : addDays(today, actualEnd),
          location: 'Bamako',
        })
        .returning()
    )[0]!.id;
  ids.inTheatre = await insert(t.ids.ownOfficer!, 'in_theatre', 400, 700);
  ids.repatriating = await insert(t.ids.ownOfficer!, 'repatriating', -300, 10);
  ids.returned = await insert(t.ids.otherOfficer!, 'returned', -400, -20, -20);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

const eqId = (id: string) => eq(deployments.id, id);
const formatToday = () => formatDate('en', today);

const title = (lang: Lang, name: string) =>
  tr(lang, 'training', 'deployment.title', { name, mission: 'MINUSMA' });

describe('the tour’s details in Chromium', () => {
  const views: Array<{ name: string; as: Role; id: () => string; officer: string }> = [
    {
      name: 'in theatre (program officer)',
      as: 'program_officer',
      id: () => ids.inTheatre,
      officer: OWN,
    },
    {
      name: 'in theatre (commander)',
      as: 'contingent_commander',
      id: () => ids.inTheatre,
      officer: OWN,
    },
    {
      name: 'repatriating (officer: report)',
      as: 'officer',
      id: () => ids.repatriating,
      officer: OWN,
    },
    {
      name: 'repatriating (program officer: debrief)',
      as: 'program_officer',
      id: () => ids.repatriating,
      officer: OWN,
    },
    {
      name: 'returned (administrator: close anyway)',
      as: 'program_admin',
      id: () => ids.returned,
      officer: OTHER,
    },
  ];
  const cases = views.flatMap((v) => (['en', 'fr'] as const).map((lang) => ({ ...v, lang })));

  it.each(cases)('$name [$lang] passes axe', async ({ as, id, officer, lang, name }) => {
    const page = await watchedPage(await signedIn(as));
    const before = watched.csp.length;
    await page.goto(`${base}/${lang}/deployments/${id()}`);
    await ready(page, new RegExp(title(lang, officer)));
    await axe(page, `${name} (${lang})`);
    expect(watched.csp.slice(before)).toEqual([]);
    await page.close();
  });

  const noticeSays = (page: Page, text: string) =>
    page.locator('.notice--success').getByText(text, { exact: true }).waitFor();
  const en = (ns: string, key: string, values: Record<string, string | number> = {}) =>
    tr('en', ns, key, values);

  it('(walk) the commander asks for an extension; a program officer approves it', async () => {
    const newEnd = addDays(today, 730);
    const commander = await watchedPage(await signedIn('contingent_commander'));
    await commander.goto(`${base}/en/deployments/${ids.inTheatre}`);
    await ready(commander, new RegExp(title('en', OWN)));
    // The commander may ask, not decide.
    expect(
      await commander.getByRole('heading', { name: en('tour', 'extension.decideHeading') }).count(),
    ).toBe(0);
    await commander.getByLabel(label(en('tour', 'extension.newEnd'))).fill(newEnd);
    await commander.getByLabel(label(en('tour', 'extension.reason'))).fill('Elections postponed');
    await commander.getByRole('button', { name: en('tour', 'extension.askSubmit') }).click();
    await commander
      .getByRole('table', { name: en('tour', 'extension.caption') })
      .getByText(en('tour', 'extension.statuses.requested'))
      .waitFor();
    await commander.close();

    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/deployments/${ids.inTheatre}`);
    await ready(staff, new RegExp(title('en', OWN)));
    await staff.getByRole('button', { name: en('tour', 'extension.approve') }).click();
    await staff
      .getByRole('table', { name: en('tour', 'extension.caption') })
      .getByText(en('tour', 'extension.statuses.approved'))
      .waitFor();
    await staff.close();
    const [row] = await t.db.select().from(deployments).where(eqId(ids.inTheatre));
    expect(row!.plannedEnd).toBe(newEnd);
  });

  it('(walk) the officer submits the report; the program officer records the debrief and closes', async () => {
    const officer = await watchedPage(await signedIn('officer'));
    await officer.goto(`${base}/en/deployments/${ids.repatriating}`);
    await ready(officer, new RegExp(title('en', OWN)));
    await officer
      .getByLabel(label(en('tour', 'report.parts.achievements')))
      .fill('Trained 40 officers');
    await officer.getByRole('button', { name: en('tour', 'report.saveDraft') }).click();
    await noticeSays(officer, en('tour', 'report.saved'));
    // Submitting needs the challenges and the recommendations.
    await officer.getByRole('button', { name: en('tour', 'report.submit') }).click();
    await officer.locator('.error-summary, [role="alert"]').first().waitFor();
    await officer.getByLabel(label(en('tour', 'report.parts.challenges'))).fill('Fuel shortages');
    await officer
      .getByLabel(label(en('tour', 'report.parts.recommendations')))
      .fill('A longer hand-over');
    await officer.getByRole('button', { name: en('tour', 'report.submit') }).click();
    await noticeSays(officer, en('tour', 'report.submitted'));
    await officer.close();

    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/deployments/${ids.repatriating}`);
    await ready(staff, new RegExp(title('en', OWN)));
    await staff.getByText('Trained 40 officers').waitFor();
    await staff.getByLabel(label(en('tour', 'debrief.notes'))).fill('Went well; tired.');
    await staff.getByRole('button', { name: en('tour', 'debrief.submit') }).click();
    await noticeSays(staff, en('tour', 'debrief.done', { date: formatToday() }));
    await staff
      .getByRole('button', {
        name: en('training', 'move.to', { state: en('training', 'deploymentStates.returned') }),
      })
      .click();
    await noticeSays(
      staff,
      en('training', 'move.done', { state: en('training', 'deploymentStates.returned') }),
    );
    await staff
      .getByRole('button', {
        name: en('training', 'move.to', { state: en('training', 'deploymentStates.closed') }),
      })
      .click();
    await noticeSays(
      staff,
      en('training', 'move.done', { state: en('training', 'deploymentStates.closed') }),
    );
    await staff.close();
    expect(watched.errors).toEqual([]);
  });
});
