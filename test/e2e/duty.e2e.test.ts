import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deployments } from '../../src/modules/deployments/schema.ts';
import { createIncident } from '../../src/modules/incidents/incidents.ts';
import { sendNotice } from '../../src/modules/notices/notices.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { addPeopleFixtures } from '../support/people.ts';
import {
  signedInContexts,
  axe,
  ensureWebBuild,
  escapeRegExp,
  focusWithin,
  label,
  launchChromium,
  ready,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * Incidents and notices in Chromium, on the real server with the test fixtures (both fixture
 * officers in theatre with MINUSMA, the fixture commander's mission): every new page passes axe
 * in English and in French; then the commander records an incident in French (the error summary
 * first), and sends a notice to the contingent, which shows who has acknowledged it.
 */

type Role = 'program_officer' | 'contingent_commander';

let t: TestApp;
let browser: Browser;
let base = '';
const ids = { incident: '', notice: '' };

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);
const signedIn = (role: Role) => sessions.signedIn(role);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  Object.assign(t.ids, await addPeopleFixtures(t));
  const today = isoDateOf(t.clock.now());
  const ctx = {
    actorId: t.users.program_officer!.id,
    actorRole: 'program_officer',
    requestId: null,
    now: t.clock.now(),
  };
  await t.db.insert(deployments).values(
    [t.ids.ownOfficer!, t.ids.otherOfficer!].map((officerId) => ({
      officerId,
      missionId: t.ids.ownMission,
      state: 'in_theatre' as const,
      plannedStart: addDays(today, -30),
      plannedEnd: addDays(today, 335),
    })),
  );
  ids.incident = (
    await createIncident(t.db, ctx, {
      missionId: t.ids.ownMission,
      type: 'accident',
      severity: 'moderate',
      occurredOn: addDays(today, -4),
      place: 'Gao',
      officerIds: [t.ids.ownOfficer!],
      narrative: 'Vehicle rolled over on the road to the airport.',
      actions: 'Seen at the level 2 hospital; two days of rest.',
    })
  ).id;
  ids.notice = (
    await sendNotice(
      t.db,
      ctx,
      {
        missionId: t.ids.ownMission,
        titleEn: 'Curfew',
        titleFr: 'Couvre-feu',
        bodyEn: 'A curfew applies from 22:00.',
        bodyFr: 'Un couvre-feu s’applique dès 22 h.',
      },
      { appUrl: 'http://localhost' },
    )
  ).id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

const holding = (text: string) => new RegExp(escapeRegExp(text));

describe('incidents and notices in Chromium', () => {
  describe('every new page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const incidentTitle = (l: Lang) =>
      holding(
        tr(l, 'incidents', 'detail.title', {
          type: tr(l, 'incidents', 'types.accident'),
          place: 'Gao',
        }),
      );
    const pages: Array<{
      name: string;
      as: Role;
      path: () => string;
      heading: (lang: Lang) => string | RegExp;
    }> = [
      {
        name: 'incidents (program officer)',
        as: 'program_officer',
        path: () => 'incidents',
        heading: (l) => tr(l, 'incidents', 'list.title'),
      },
      {
        name: 'incidents (commander)',
        as: 'contingent_commander',
        path: () => 'incidents',
        heading: (l) => tr(l, 'incidents', 'list.title'),
      },
      {
        name: 'record an incident (commander)',
        as: 'contingent_commander',
        path: () => 'incidents/new',
        heading: (l) => tr(l, 'incidents', 'new.title'),
      },
      {
        name: 'an incident (program officer)',
        as: 'program_officer',
        path: () => `incidents/${ids.incident}`,
        heading: incidentTitle,
      },
      {
        name: 'notices (program officer)',
        as: 'program_officer',
        path: () => 'notices',
        heading: (l) => tr(l, 'notices', 'list.title'),
      },
      {
        name: 'send a notice (program officer)',
        as: 'program_officer',
        path: () => 'notices/new',
        heading: (l) => tr(l, 'notices', 'new.title'),
      },
      {
        name: 'a notice (commander)',
        as: 'contingent_commander',
        path: () => `notices/${ids.notice}`,
        heading: (l) => holding(l === 'fr' ? 'Couvre-feu' : 'Curfew'),
      },
    ];
    const cases = pages.flatMap((p) => (['en', 'fr'] as const).map((lang) => ({ ...p, lang })));

    it.each(cases)('$name [$lang]', async ({ as, path, heading, lang, name }) => {
      const page = await watchedPage(await signedIn(as));
      const before = watched.csp.length;
      await page.goto(`${base}/${lang}/${path()}`);
      await ready(page, heading(lang));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.title()).toMatch(/ - peaceops$/);
      await axe(page, `${name} (${lang})`);
      expect(watched.csp.slice(before)).toEqual([]);
      await page.close();
    });
  });

  it('lets the commander record an incident in French, after the error summary', async () => {
    const lang = 'fr';
    const page = await watchedPage(await signedIn('contingent_commander'));
    await page.goto(`${base}/${lang}/incidents/new`);
    await ready(page, tr(lang, 'incidents', 'new.title'));
    await page.getByRole('button', { name: tr(lang, 'incidents', 'form.create') }).click();
    await expect.poll(() => focusWithin(page, '.error-summary')).toBe(true);
    await axe(page, 'incident error summary (fr)');
    await page.getByRole('radio', { name: tr(lang, 'incidents', 'types.health_exposure') }).check();
    await page.getByRole('radio', { name: tr(lang, 'incidents', 'severities.high') }).check();
    await page
      .getByLabel(label(tr(lang, 'incidents', 'fields.occurredOn')))
      .fill(isoDateOf(t.clock.now()));
    await page.getByLabel(label(tr(lang, 'incidents', 'fields.place'))).fill('Mopti');
    await page.getByRole('checkbox', { name: /Tremblay-SPVM-2002/ }).check();
    await page
      .getByLabel(label(tr(lang, 'incidents', 'fields.narrative')))
      .fill('Piqûre d’aiguille en portant secours lors d’un accident.');
    await page.getByRole('button', { name: tr(lang, 'incidents', 'form.create') }).click();
    await ready(
      page,
      holding(
        tr(lang, 'incidents', 'detail.title', {
          type: tr(lang, 'incidents', 'types.health_exposure'),
          place: 'Mopti',
        }),
      ),
    );
    await expect
      .poll(() => page.getByText(tr(lang, 'incidents', 'detail.created')).count())
      .toBe(1);
    expect(await page.getByText('Marie Tremblay-SPVM-2002').count()).toBe(1);
    await page.close();
    expect(watched.errors).toEqual([]);
  });

  it('lets the commander send a notice to the contingent and see who acknowledged it', async () => {
    const lang = 'en';
    const page = await watchedPage(await signedIn('contingent_commander'));
    await page.goto(`${base}/${lang}/notices/new`);
    await ready(page, tr(lang, 'notices', 'new.title'));
    await page.getByLabel(label(tr(lang, 'notices', 'fields.titleEn'))).fill('Water outage');
    await page
      .getByLabel(label(tr(lang, 'notices', 'fields.bodyEn')))
      .fill('No water at the camp tonight.');
    await page.getByLabel(label(tr(lang, 'notices', 'fields.titleFr'))).fill('Coupure d’eau');
    await page
      .getByLabel(label(tr(lang, 'notices', 'fields.bodyFr')))
      .fill('Pas d’eau au camp ce soir.');
    await page.getByRole('button', { name: tr(lang, 'notices', 'new.send') }).click();
    await ready(page, holding('Water outage'));
    await expect
      .poll(() =>
        page
          .getByText(tr(lang, 'notices', 'detail.summary', { acknowledged: 0, recipients: 2 }))
          .count(),
      )
      .toBe(1);
    await page.close();
    expect(watched.errors).toEqual([]);
  });
});
