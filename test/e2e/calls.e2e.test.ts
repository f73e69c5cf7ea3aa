import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import {
  applyToCall,
  decideRelease,
  recordAssessment,
  screenCall,
} from '../../src/modules/calls/applications.ts';
import { openCall } from '../../src/modules/calls/calls.ts';
import { unMinimums } from '../../src/modules/calls/screening.ts';
import { recordDecision, recordPosition } from '../../src/modules/decisions/decisions.ts';
import { createPosts } from '../../src/modules/missions/posts.ts';
import { addOfficer, addQualification } from '../../src/modules/officers/officers.ts';
import { officers } from '../../src/modules/officers/schema.ts';
import { missions } from '../../src/modules/reference/schema.ts';
import { findRequest, registerRequest } from '../../src/modules/requests/requests.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { requestInput } from '../support/planning.ts';
import {
  signedInContexts,
  axe,
  ensureWebBuild,
  escapeRegExp,
  focusedId,
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
 * Calls for candidates, applications and the selection in Chromium, on the real server with the
 * test fixtures (the SQ coordinator, the SQ officer, a program officer): every new page passes
 * axe in English and in French; then the whole walk: the program officer opens a call, the SQ
 * officer applies in French, their coordinator endorses the release, two SPVM officers are
 * nominated through the API, the program officer screens and reads the reasons, records an
 * interview, reviews the proposal (exclusion, pin, a proposal that changed) and ratifies it.
 */

type Role = 'program_officer' | 'agency_coordinator' | 'officer';

let t: TestApp;
let staffApi: Client;
let browser: Browser;
let base = '';
let today = '';
const ids = {
  missionId: '',
  missionName: '',
  /** Posts for the call the walk opens, and their references. */
  walkPosts: [] as Array<{ id: string; reference: string }>,
  /** A call with applications in several states (for the axe pages). */
  callB: '',
  callBNumber: '',
  /** A call nobody applied to yet (the officer's apply form). */
  callC: '',
  callCNumber: '',
  etienne: '',
  nadia: '',
  luc: '',
  etienneOnB: '',
  nadiaOnB: '',
};

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);
const signedIn = (role: Role) => sessions.signedIn(role);

/** An officer who meets the UN's minimums (but `noLicence`: no driving licence on record). */
async function candidate(
  agencyId: string,
  person: {
    badge: string;
    given: string;
    family: string;
    gender: 'woman' | 'man';
    french: number;
    noLicence?: boolean;
  },
) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const officer = await addOfficer(t.db, ctx, {
    agencyId,
    badgeNumber: person.badge,
    givenName: person.given,
    familyName: person.family,
    gender: person.gender,
    dateOfBirth: '1985-03-14',
    rankCode: 'sergeant',
    serviceStart: '2010-06-01',
  });
  const q = (input: Parameters<typeof addQualification>[3]) =>
    addQualification(t.db, ctx, officer.id, input);
  await q({ kind: 'language', code: 'fr', score: person.french, obtainedOn: addDays(today, -60) });
  if (!person.noLicence) await q({ kind: 'driving_licence', obtainedOn: '2005-01-01' });
  await q({ kind: 'firearms', obtainedOn: addDays(today, -30), expiresOn: addDays(today, 700) });
  await q({ kind: 'medical', obtainedOn: today, expiresOn: addDays(today, 800) });
  await q({ kind: 'security_clearance', obtainedOn: today, expiresOn: addDays(today, 1800) });
  await q({
    kind: 'passport',
    obtainedOn: '2022-01-01',
    expiresOn: addDays(today, 3000),
    documentNumber: `P${person.badge}`,
  });
  return officer.id;
}

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  today = isoDateOf(t.clock.now());
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  ids.missionId = t.ids.ownMission;
  const [mission] = await t.db.select().from(missions).where(eq(missions.id, ids.missionId));
  ids.missionName = mission!.nameEn;

  // An approved request line for MINUSMA, and five posts from it.
  const request = await registerRequest(
    t.db,
    ctx,
    requestInput(ids.missionId, today, {
      lines: [{ postCount: 5, postTypeCode: 'individual_police_officer' }],
    }),
  );
  for (const partner of ['GAC', 'PS', 'RCMP'] as const)
    await recordPosition(t.db, ctx, partner, request.id, {
      stance: 'support',
      reasons: 'Clear mandate',
    });
  await recordDecision(t.db, ctx, 'unanimous', request.id, {
    outcome: 'approved',
    ceiling: 10,
    decidedOn: today,
    requestVersion: request.version + 1,
  });
  const lineId = (await findRequest(t.db, request.id, today, 7))!.lines[0]!.id;
  const posts = await createPosts(t.db, ctx, ids.missionId, {
    requestLineId: lineId,
    count: 5,
    tourStart: addDays(today, 90),
    tourEnd: addDays(today, 455),
  });
  const [b1, b2, c1, w1, w2] = posts;
  ids.walkPosts = [w1!, w2!].map((p) => ({ id: p.id, reference: p.reference }));

  // The SQ officer (the fixture officer's record) and two SPVM officers.
  ids.etienne = await candidate(t.ids.ownAgency, {
    badge: 'SQ-3101',
    given: 'Étienne',
    family: 'Lavoie',
    gender: 'man',
    french: 88,
    noLicence: true,
  });
  await t.db
    .update(officers)
    .set({ userId: t.users.officer!.id })
    .where(eq(officers.id, ids.etienne));
  ids.nadia = await candidate(t.ids.otherAgency, {
    badge: 'SPVM-4201',
    given: 'Nadia',
    family: 'Roy',
    gender: 'woman',
    french: 80,
  });
  ids.luc = await candidate(t.ids.otherAgency, {
    badge: 'SPVM-4202',
    given: 'Luc',
    family: 'Bergeron',
    gender: 'man',
    french: 62,
  });

  // Call B: the SQ officer's application waits for the agency; the SPVM officers' are screened
  // in, and one is interviewed.
  const options = { defaultWomenFloorPercent: 30, appUrl: 'http://localhost' };
  const callB = await openCall(
    t.db,
    ctx,
    {
      missionId: ids.missionId,
      postIds: [b1!.id, b2!.id],
      closesOn: addDays(today, 30),
      audience: 'all',
      agencies: [{ agencyId: t.ids.ownAgency, cap: 1 }],
      notes: 'Two posts in Bamako for community policing advisers.',
    },
    options,
  );
  ids.callB = callB.id;
  ids.callBNumber = callB.number;
  const apply = (officerId: string, postIds: string[], nominated: boolean) =>
    applyToCall(
      t.db,
      ctx,
      { callId: callB.id, officerId, postIds, statement: 'Served two tours in Haiti.' },
      { nominated },
    );
  ids.etienneOnB = (await apply(ids.etienne, [b2!.id, b1!.id], false)).id;
  ids.nadiaOnB = (await apply(ids.nadia, [b1!.id], true)).id;
  const lucOnB = (await apply(ids.luc, [b1!.id, b2!.id], true)).id;
  for (const id of [ids.nadiaOnB, lucOnB]) await decideRelease(t.db, ctx, id, 1, { endorse: true });
  await screenCall(t.db, ctx, callB.id, unMinimums);
  await recordAssessment(t.db, ctx, ids.nadiaOnB, {
    kind: 'interview',
    assessedOn: today,
    competencies: { communication: 4, teamwork: 5 },
  });

  // Call C: sent to SQ only, nobody applied yet.
  const callC = await openCall(
    t.db,
    ctx,
    {
      missionId: ids.missionId,
      postIds: [c1!.id],
      closesOn: addDays(today, 20),
      audience: 'chosen',
      agencies: [{ agencyId: t.ids.ownAgency, cap: null }],
    },
    options,
  );
  ids.callC = callC.id;
  ids.callCNumber = callC.number;

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

describe('calls for candidates, applications and the selection in Chromium', () => {
  describe('every new page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const pages: Array<{
      name: string;
      as: Role;
      path: () => string;
      heading: (lang: Lang) => string | RegExp;
    }> = [
      {
        name: 'calls (program officer)',
        as: 'program_officer',
        path: () => 'calls',
        heading: (l) => tr(l, 'calls', 'list.title'),
      },
      {
        name: 'calls (officer, open ones)',
        as: 'officer',
        path: () => 'calls?status=open',
        heading: (l) => tr(l, 'calls', 'list.title'),
      },
      {
        name: 'open a call',
        as: 'program_officer',
        path: () => 'calls/new',
        heading: (l) => tr(l, 'calls', 'new.title'),
      },
      {
        name: 'call (program officer: applications, screening)',
        as: 'program_officer',
        path: () => `calls/${ids.callB}`,
        heading: (l) => tr(l, 'calls', 'detail.title', { number: ids.callBNumber }),
      },
      {
        name: 'call (coordinator: nominate)',
        as: 'agency_coordinator',
        path: () => `calls/${ids.callB}`,
        heading: (l) => tr(l, 'calls', 'detail.title', { number: ids.callBNumber }),
      },
      {
        name: 'call (officer: applied)',
        as: 'officer',
        path: () => `calls/${ids.callB}`,
        heading: (l) => tr(l, 'calls', 'detail.title', { number: ids.callBNumber }),
      },
      {
        name: 'call (officer: apply form)',
        as: 'officer',
        path: () => `calls/${ids.callC}`,
        heading: (l) => tr(l, 'calls', 'detail.title', { number: ids.callCNumber }),
      },
      {
        name: 'applications (program officer)',
        as: 'program_officer',
        path: () => 'applications',
        heading: (l) => tr(l, 'calls', 'applications.title'),
      },
      {
        name: 'applications (coordinator, filtered)',
        as: 'agency_coordinator',
        path: () => 'applications?status=submitted',
        heading: (l) => tr(l, 'calls', 'applications.title'),
      },
      {
        name: 'my applications (officer)',
        as: 'officer',
        path: () => 'applications',
        heading: (l) => tr(l, 'calls', 'applications.titleOwn'),
      },
      {
        name: 'application (coordinator: release)',
        as: 'agency_coordinator',
        path: () => `applications/${ids.etienneOnB}`,
        heading: (l) =>
          tr(l, 'calls', 'application.title', { name: 'Étienne Lavoie', number: ids.callBNumber }),
      },
      {
        name: 'application (officer: their own)',
        as: 'officer',
        path: () => `applications/${ids.etienneOnB}`,
        heading: (l) =>
          tr(l, 'calls', 'application.title', { name: 'Étienne Lavoie', number: ids.callBNumber }),
      },
      {
        name: 'application (program officer: assessments)',
        as: 'program_officer',
        path: () => `applications/${ids.nadiaOnB}`,
        heading: (l) =>
          tr(l, 'calls', 'application.title', { name: 'Nadia Roy', number: ids.callBNumber }),
      },
      {
        name: 'proposal (program officer)',
        as: 'program_officer',
        path: () => `calls/${ids.callB}/proposal`,
        heading: (l) => tr(l, 'calls', 'proposal.title', { number: ids.callBNumber }),
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

  it('shows the calls and applications in the menu by ability, and "My applications" to officers', async () => {
    const menu = async (role: Role | 'auditor') => {
      const context =
        role === 'auditor'
          ? await (async () => {
              const c = await browser.newContext();
              await c.request.post(`${base}/api/v1/session`, {
                data: { email: t.users.auditor!.email, password: PASSWORD },
              });
              return c;
            })()
          : await signedIn(role);
      const page = await watchedPage(context);
      await page.goto(`${base}/en/calls`);
      await ready(page, tr('en', 'calls', 'list.title'));
      const header = page.locator('gcds-header');
      const has = async (key: string) =>
        (await header.getByRole('link', { name: tr('en', 'common', key), exact: true }).count()) >
        0;
      const result = {
        calls: await has('nav.calls'),
        applications: await has('nav.applications'),
        mine: await has('nav.myApplications'),
        open: (await page.getByRole('link', { name: tr('en', 'calls', 'list.open') }).count()) > 0,
      };
      await page.close();
      if (role === 'auditor') await context.close();
      return result;
    };
    expect(await menu('program_officer')).toEqual({
      calls: true,
      applications: true,
      mine: false,
      open: true,
    });
    expect(await menu('agency_coordinator')).toEqual({
      calls: true,
      applications: true,
      mine: false,
      open: false,
    });
    expect(await menu('officer')).toEqual({
      calls: true,
      applications: false,
      mine: true,
      open: false,
    });
    expect(await menu('auditor')).toEqual({
      calls: true,
      applications: true,
      mine: false,
      open: false,
    });
    // A page the role may not use is not found.
    const page = await watchedPage(await signedIn('officer'));
    await page.goto(`${base}/en/calls/${ids.callB}/proposal`);
    await ready(page, tr('en', 'common', 'notFound.title'));
    await page.close();
  });

  it('(walk) opens a call, takes an application in French, endorses, screens, assesses, and ratifies the selection', async () => {
    const en = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr('en', ns, key, values);
    const fr = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr('fr', ns, key, values);
    const [first, second] = ids.walkPosts as [
      { id: string; reference: string },
      { id: string; reference: string },
    ];
    const noticeSays = (page: Page, text: string) =>
      page.locator('.notice--success').getByText(text, { exact: true }).waitFor();

    // 1. The program officer opens a call: the posts must start after it closes.
    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/calls`);
    await ready(staff, en('calls', 'list.title'));
    await staff.getByRole('link', { name: en('calls', 'list.open') }).click();
    await ready(staff, en('calls', 'new.title'));
    await staff
      .getByLabel(label(en('calls', 'new.mission')))
      .selectOption({ label: `MINUSMA – ${ids.missionName}` });
    const postBox = (reference: string) =>
      staff.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(reference)} `) });
    await postBox(first.reference).check();
    await postBox(second.reference).check();
    await staff.getByLabel(label(en('calls', 'new.closesOn'))).fill(addDays(today, 120));
    await staff.getByRole('radio', { name: en('calls', 'audiences.chosen') }).check();
    await staff
      .getByRole('checkbox', {
        name: en('calls', 'new.inviteAgency', { agency: 'Sûreté du Québec' }),
      })
      .check();
    await staff
      .getByRole('checkbox', {
        name: en('calls', 'new.inviteAgency', {
          agency: 'Service de police de la Ville de Montréal',
        }),
      })
      .check();
    await staff
      .getByLabel(en('calls', 'new.capFor', { agency: 'Sûreté du Québec' }), { exact: true })
      .fill('1');
    await staff.getByRole('button', { name: en('calls', 'new.submit') }).click();
    // The server's reason, beside the post and in the summary (which takes focus).
    const tooLate = en('errors', 'call.post_starts_before_closing', {
      post: first.reference,
      tourStart: addDays(today, 90),
    });
    await staff.locator('.field__error').getByText(tooLate).waitFor();
    await staff
      .locator('.error-summary')
      .getByRole('link', {
        name: en('common', 'fieldError', {
          field: en('calls', 'new.postLabel', { reference: first.reference }),
          message: tooLate,
        }),
      })
      .waitFor();
    await expect.poll(() => focusWithin(staff, '.error-summary')).toBe(true);
    await axe(staff, 'open a call, with the server’s error (en)');
    await staff.getByLabel(label(en('calls', 'new.closesOn'))).fill(addDays(today, 30));
    await staff.getByRole('button', { name: en('calls', 'new.submit') }).click();
    await staff.waitForURL(/\/en\/calls\/[0-9a-f-]{36}$/);
    const callId = staff.url().split('/').pop()!;
    const number = (
      (await staffApi.request('GET', `/api/v1/calls/${callId}`)).json() as {
        number: string;
      }
    ).number;
    await ready(staff, en('calls', 'detail.title', { number }));
    await noticeSays(staff, en('calls', 'detail.opened', { number }));
    const agenciesTable = staff.getByRole('table', {
      name: en('calls', 'detail.agenciesCaption', { number }),
    });
    await agenciesTable
      .getByRole('row', { name: /^Sûreté du Québec/ })
      .getByRole('cell', { name: '1', exact: true })
      .waitFor();
    await staff.close();

    // 2. The SQ officer applies, in French: second post first.
    const officer = await watchedPage(await signedIn('officer'));
    await officer.goto(`${base}/fr/calls/${callId}`);
    await ready(officer, fr('calls', 'detail.title', { number }));
    await officer
      .getByLabel(label(fr('calls', 'apply.choice.1')))
      .selectOption({ value: second.id });
    await officer
      .getByLabel(label(fr('calls', 'apply.choice.2')))
      .selectOption({ value: second.id });
    await officer.getByRole('button', { name: fr('calls', 'apply.submit') }).click();
    // The same post twice: said beside the second choice.
    await officer.locator('.field__error').getByText(fr('calls', 'apply.repeated')).waitFor();
    await expect.poll(() => focusWithin(officer, '.error-summary')).toBe(true);
    await officer
      .getByLabel(label(fr('calls', 'apply.choice.2')))
      .selectOption({ value: first.id });
    await officer
      .getByLabel(label(fr('calls', 'apply.statement')))
      .fill("J'ai formé des enquêteurs en Haïti pendant deux affectations.");
    await officer.getByRole('button', { name: fr('calls', 'apply.submit') }).click();
    await officer.waitForURL(/\/fr\/applications\/[0-9a-f-]{36}$/);
    const applicationId = officer.url().split('/').pop()!;
    await ready(officer, fr('calls', 'application.title', { name: 'Étienne Lavoie', number }));
    await noticeSays(officer, fr('calls', 'application.applied', { number }));
    await officer
      .locator('main')
      .getByText(fr('calls', 'applicationStatuses.submitted'), { exact: true })
      .first()
      .waitFor();
    await officer
      .getByRole('heading', {
        name: fr('calls', 'application.choiceHeading', {
          choice: fr('calls', 'apply.choice.1'),
          reference: second.reference,
        }),
      })
      .waitFor();
    await axe(officer, 'the application just sent (fr)');
    await officer.close();

    // 3. The SQ coordinator endorses the release (declining would need a reason).
    const coordinator = await watchedPage(await signedIn('agency_coordinator'));
    await coordinator.goto(`${base}/en/applications/${applicationId}`);
    await ready(coordinator, en('calls', 'application.title', { name: 'Étienne Lavoie', number }));
    await coordinator.getByRole('radio', { name: en('calls', 'release.decline') }).check();
    await coordinator.getByRole('button', { name: en('calls', 'release.submit') }).click();
    await coordinator
      .locator('.field__error')
      .getByText(en('calls', 'release.reasonRequired'))
      .waitFor();
    await axe(coordinator, 'release form with its error (en)');
    await coordinator.getByRole('radio', { name: en('calls', 'release.endorse') }).check();
    await coordinator.getByRole('button', { name: en('calls', 'release.submit') }).click();
    await noticeSays(coordinator, en('calls', 'release.endorsed', { name: 'Étienne Lavoie' }));
    await expect.poll(() => focusWithin(coordinator, '.notice--success')).toBe(true);
    await coordinator
      .locator('.details-list')
      .getByText(en('calls', 'applicationStatuses.endorsed'), { exact: true })
      .waitFor();
    await coordinator.close();

    // 4. Two SPVM officers are nominated through the API, their release endorsed.
    const nominated: Record<string, string> = {};
    for (const [name, officerId, postIds] of [
      ['Nadia', ids.nadia, [first.id]],
      ['Luc', ids.luc, [first.id, second.id]],
    ] as const) {
      const res = await staffApi.request('POST', '/api/v1/applications', {
        callId,
        officerId,
        postIds,
      });
      expect(res.statusCode, res.body).toBe(201);
      nominated[name] = res.json().id;
      const endorsed = await staffApi.request(
        'POST',
        `/api/v1/applications/${nominated[name]}/release`,
        { version: 1, decision: 'endorse' },
      );
      expect(endorsed.statusCode, endorsed.body).toBe(200);
    }

    // 5. The program officer screens the applications, and reads the reasons.
    const po = await watchedPage(await signedIn('program_officer'));
    await po.goto(`${base}/en/calls/${callId}`);
    await ready(po, en('calls', 'detail.title', { number }));
    await po.getByRole('button', { name: en('calls', 'screen.submit') }).click();
    await noticeSays(po, en('calls', 'screen.done', { screenedIn: 3, screenedOut: 0, changed: 3 }));
    await expect.poll(() => focusWithin(po, '.notice--success')).toBe(true);
    const applications = po.getByRole('table', {
      name: en('calls', 'callApplications.caption', { number }),
    });
    await applications
      .getByRole('row', { name: /^Étienne Lavoie/ })
      .getByText(en('calls', 'applicationStatuses.screened_in'))
      .waitFor();
    await applications.getByRole('link', { name: 'Étienne Lavoie' }).click();
    await ready(po, en('calls', 'application.title', { name: 'Étienne Lavoie', number }));
    const rules = po.getByRole('table', {
      name: en('calls', 'application.rulesCaption', { reference: second.reference }),
    });
    const passport = rules.getByRole('row', {
      name: new RegExp(`^${en('screening', 'rules.passport')}`),
    });
    await passport.getByText(en('screening', 'outcomes.pass'), { exact: true }).waitFor();
    await passport
      .getByText(en('screening', 'passport.pass', { tourEnd: addDays(today, 455) }))
      .waitFor();
    const driving = rules.getByRole('row', {
      name: new RegExp(`^${en('screening', 'rules.driving')}`),
    });
    await driving.getByText(en('screening', 'outcomes.unknown'), { exact: true }).waitFor();
    await driving.getByText(en('screening', 'driving.missing')).waitFor();

    // ... and records an interview: the application is assessed.
    await po.getByRole('radio', { name: en('calls', 'assessmentKinds.interview') }).check();
    await po
      .getByLabel(en('calls', 'competencies.communication'), { exact: true })
      .selectOption({ label: en('calls', 'assessment.levels.4') });
    await po
      .getByLabel(en('calls', 'competencies.judgement'), { exact: true })
      .selectOption({ label: en('calls', 'assessment.levels.5') });
    await axe(po, 'application with the assessment form (en)');
    await po.getByRole('button', { name: en('calls', 'assessment.submit') }).click();
    await noticeSays(
      po,
      en('calls', 'assessment.recorded', { kind: en('calls', 'assessmentKinds.interview') }),
    );
    await po
      .getByRole('table', { name: en('calls', 'assessments.caption') })
      .getByText(
        en('calls', 'assessments.competency', {
          name: en('calls', 'competencies.judgement'),
          score: 5,
        }),
      )
      .waitFor();
    await po
      .locator('.details-list')
      .getByText(en('calls', 'applicationStatuses.assessed'), { exact: true })
      .waitFor();

    // 6. The proposal: every placement and every candidate left out, explained.
    await po.getByRole('link', { name: number }).click();
    await ready(po, en('calls', 'detail.title', { number }));
    await po.getByRole('link', { name: en('calls', 'detail.toProposal') }).click();
    await ready(po, en('calls', 'proposal.title', { number }));
    const expected = (await staffApi.request('GET', `/api/v1/calls/${callId}/proposal`)).json() as {
      assignments: Array<{ name: string; postReference: string }>;
      unplaced: Array<{ name: string; reason: string }>;
    };
    expect(expected.assignments.map((a) => a.name).sort()).toEqual(['Nadia Roy', 'Étienne Lavoie']);
    expect(expected.unplaced.map((u) => u.name)).toEqual(['Luc Bergeron']);
    const summary = po.locator('section[aria-labelledby="proposal-summary"]');
    await summary.getByText(en('calls', 'proposal.filledValue', { filled: 2, posts: 2 })).waitFor();
    await summary
      .getByText(en('calls', 'proposal.womenValue', { women: 1, share: '50%', floor: '30%' }))
      .waitFor();
    const placements = po.getByRole('table', {
      name: en('calls', 'proposal.placementsCaption', { number }),
    });
    for (const a of expected.assignments)
      await placements
        .getByRole('row', { name: new RegExp(`^${escapeRegExp(a.postReference)}`) })
        .getByRole('link', { name: a.name })
        .waitFor();
    await po
      .getByRole('table', { name: en('calls', 'proposal.partsCaption') })
      .getByRole('rowheader', {
        name: en('calls', 'proposal.placement', {
          post: expected.assignments[0]!.postReference,
          name: expected.assignments[0]!.name,
        }),
      })
      .waitFor();
    const leftOut = po.getByRole('table', { name: en('calls', 'proposal.leftOutCaption') });
    await leftOut
      .getByRole('row', { name: /Luc Bergeron/ })
      .getByText(en('calls', `unplacedReasons.${expected.unplaced[0]!.reason}`))
      .waitFor();
    await axe(po, 'proposal (en)');

    // Exclude Luc: ratifying first asks to solve again; solved, he is left out as excluded.
    await po
      .getByRole('checkbox', { name: `${en('calls', 'proposal.exclude')} Luc Bergeron` })
      .check();
    await po.getByRole('button', { name: en('calls', 'proposal.ratify') }).click();
    await po.locator('.error-summary').getByText(en('calls', 'proposal.solveFirst')).waitFor();
    await expect.poll(() => focusWithin(po, '.error-summary')).toBe(true);
    await po.getByRole('button', { name: en('calls', 'proposal.solveAgain') }).click();
    await noticeSays(po, en('calls', 'proposal.solved', { pinned: 0, excluded: 1 }));
    await leftOut
      .getByRole('row', { name: /Luc Bergeron/ })
      .getByText(en('calls', 'unplacedReasons.excluded'))
      .waitFor();

    // Take him back, pin Étienne on his post, and solve again.
    const etienne = expected.assignments.find((a) => a.name === 'Étienne Lavoie')!;
    await po
      .getByRole('checkbox', { name: `${en('calls', 'proposal.exclude')} Luc Bergeron` })
      .uncheck();
    await po
      .getByRole('checkbox', {
        name: `${en('calls', 'proposal.pin')} ${en('calls', 'proposal.which', { name: 'Étienne Lavoie', post: etienne.postReference })}`,
      })
      .check();
    await po.getByRole('button', { name: en('calls', 'proposal.solveAgain') }).click();
    await noticeSays(po, en('calls', 'proposal.solved', { pinned: 1, excluded: 0 }));
    await placements
      .getByRole('row', { name: new RegExp(`^${escapeRegExp(etienne.postReference)}`) })
      .getByText(en('calls', 'proposal.pinnedNote'))
      .waitFor();

    // Meanwhile Luc withdraws: the proposal reviewed is no longer the one to ratify.
    const luc = (await staffApi.request('GET', `/api/v1/applications/${nominated.Luc}`)).json() as {
      version: number;
    };
    const withdrawn = await staffApi.request(
      'POST',
      `/api/v1/applications/${nominated.Luc}/withdraw`,
      {
        version: luc.version,
        reason: 'Family reasons',
      },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await po.getByRole('button', { name: en('calls', 'proposal.ratify') }).click();
    await po.locator('.error-summary').getByText(en('errors', 'proposal_changed')).waitFor();
    await po.getByText(en('calls', 'proposal.noneLeftOut')).waitFor();

    // 7. Ratified: the officers placed are selected.
    await po.getByRole('button', { name: en('calls', 'proposal.ratify') }).click();
    await noticeSays(
      po,
      en('calls', 'proposal.ratifiedNotice', { number, selected: 2, reserves: 0 }),
    );
    await expect.poll(() => focusWithin(po, '.notice--success')).toBe(true);
    expect(await po.getByRole('button', { name: en('calls', 'proposal.ratify') }).count()).toBe(0);
    await axe(po, 'proposal ratified (en)');
    await po.close();
    const etienneNow = (
      await staffApi.request('GET', `/api/v1/applications/${applicationId}`)
    ).json();
    expect(etienneNow.status).toBe('selected');

    // The officer reads it in French, in their applications.
    const mine = await watchedPage(await signedIn('officer'));
    await mine.goto(`${base}/fr/applications`);
    await ready(mine, fr('calls', 'applications.titleOwn'));
    await mine
      .getByRole('table', { name: fr('calls', 'applications.captionOwn') })
      .getByRole('row', {
        name: new RegExp(`^${escapeRegExp(fr('calls', 'applications.ownCell', { number }))}`),
      })
      .getByText(fr('calls', 'applicationStatuses.selected'))
      .waitFor();
    await mine.close();
    expect(watched.csp).toEqual([]);
    expect(watched.errors).toEqual([]);
  }, 240_000);
  it('(coordinator) nominates an officer of the agency: search, choose, posts', async () => {
    const en = (key: string, values: Record<string, string | number> = {}) =>
      tr('en', 'calls', key, values);
    const page = await watchedPage(await signedIn('agency_coordinator'));
    await page.goto(`${base}/en/calls/${ids.callC}`);
    await ready(page, en('detail.title', { number: ids.callCNumber }));
    // Nothing chosen yet: the summary links each problem to its field.
    await page.getByRole('button', { name: en('nominate.submit') }).click();
    const problems = page.locator('.error-summary');
    await problems
      .getByRole('link', {
        name: tr('en', 'common', 'fieldError', {
          field: en('nominate.officer'),
          message: en('nominate.officerRequired'),
        }),
      })
      .click();
    await expect.poll(() => focusedId(page)).toBe('nominate-officerId');
    await problems
      .getByRole('link', {
        name: tr('en', 'common', 'fieldError', {
          field: en('apply.choice.1'),
          message: en('apply.firstRequired'),
        }),
      })
      .waitFor();
    await axe(page, 'nomination with its errors (en)');
    await page.getByLabel(label(en('nominate.search'))).fill('Lavoie');
    await page.getByRole('button', { name: en('nominate.searchSubmit') }).click();
    await page
      .getByRole('radio', {
        name: en('nominate.officerOption', { name: 'Étienne Lavoie', badge: 'SQ-3101' }),
      })
      .check();
    await page.getByLabel(label(en('apply.choice.1'))).selectOption({ index: 1 });
    await page
      .getByLabel(label(en('apply.statement')))
      .fill('Sergeant Lavoie leads our community policing unit.');
    await page
      .getByRole('button', { name: en('nominate.submitWho', { name: 'Étienne Lavoie' }) })
      .click();
    await page.waitForURL(/\/en\/applications\/[0-9a-f-]{36}$/);
    await ready(page, en('application.title', { name: 'Étienne Lavoie', number: ids.callCNumber }));
    await page
      .locator('.notice--success')
      .getByText(en('application.nominated', { name: 'Étienne Lavoie', number: ids.callCNumber }))
      .waitFor();
    await page
      .locator('.details-list')
      .getByText(en('application.howNominated'), { exact: true })
      .waitFor();
    await axe(page, 'nomination sent (en)');
    await page.close();
    expect(watched.errors).toEqual([]);
  });
});
