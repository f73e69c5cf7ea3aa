import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deployments } from '../../src/modules/deployments/schema.ts';
import { addOfficer } from '../../src/modules/officers/officers.ts';
import { createCourse, scheduleSession } from '../../src/modules/training/catalogue.ts';
import { enrolOfficer, recordResult } from '../../src/modules/training/enrolments.ts';
import { certificateExpiry } from '../../src/modules/training/rules.ts';
import { formatDate } from '../../web/src/lib/format.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../support/app.ts';
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
 * Pre-deployment training and readiness in Chromium, on the real server with the test fixtures
 * (the SQ officer and their coordinator, a program officer, a program administrator): every new
 * page passes axe in English and in French; then the walk: the program officer adds a course
 * required of everyone and schedules a session, the SQ officer enrols in French, the program
 * officer records a pass (the certificate is issued), the course turns done on the officer's
 * deployment, "ready" is refused with the server's reason until the other documents are on
 * record, then allowed; and a program administrator marks another deployment ready anyway.
 */

type Role = 'program_officer' | 'program_admin' | 'agency_coordinator' | 'officer';

let t: TestApp;
let staffApi: Client;
let browser: Browser;
let base = '';
let today = '';
const OWN = 'Marie Tremblay-SQ-1001';
const OTHER = 'Marie Tremblay-SPVM-2002';
const ids = {
  /** A full session (two seats, one waiting) of a team course, the SQ officer seated. */
  fullSession: '',
  /** A session over, with a pass (certificate) and a failure. */
  pastSession: '',
  /** The SQ officer to MINUSMA in 60 days (selected). */
  deploymentA: '',
  deploymentAStart: '',
  /** The SPVM officer to MINUSMA in 45 days (preparing), for the administrator's override. */
  deploymentB: '',
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
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };

  // Two more SQ officers, to fill a session and to fail a course.
  const extra: string[] = [];
  for (const [badge, given, family] of [
    ['SQ-2201', 'Luc', 'Gagnon'],
    ['SQ-2202', 'Anne', 'Roy'],
  ] as const)
    extra.push(
      (
        await addOfficer(t.db, ctx, {
          agencyId: t.ids.ownAgency,
          badgeNumber: badge,
          givenName: given,
          familyName: family,
          gender: given === 'Anne' ? 'woman' : 'man',
          rankCode: 'constable',
          serviceStart: '2014-01-06',
        })
      ).id,
    );

  // Courses for a team and for a mission (neither applies to the walk's deployments).
  const heat = await createCourse(t.db, ctx, {
    code: 'HEAT',
    nameEn: 'Hostile environment awareness',
    nameFr: 'Sensibilisation aux environnements hostiles',
    descriptionEn: 'First aid, convoy drills and kidnap awareness.',
    descriptionFr: "Premiers soins, exercices de convoi et sensibilisation à l'enlèvement.",
    delivery: 'in_person',
    durationDays: 5,
    passMark: 70,
    validityMonths: 36,
    requiredFor: { everyone: false, postTypes: [], teams: ['sgbv'], missionCodes: [] },
  });
  const sgbv = await createCourse(t.db, ctx, {
    code: 'SGBV-INV',
    nameEn: 'Investigating sexual and gender-based violence',
    nameFr: 'Enquêtes sur la violence sexuelle et fondée sur le genre',
    delivery: 'virtual',
    durationDays: 5,
    passMark: null,
    validityMonths: null,
    requiredFor: { everyone: false, postTypes: [], teams: [], missionCodes: ['MINUSTAH'] },
  });
  const full = await scheduleSession(t.db, ctx, {
    courseId: heat.id,
    startsOn: addDays(today, 20),
    endsOn: addDays(today, 24),
    place: 'Canadian Police College, Ottawa',
    virtualLink: 'https://meet.example.ca/heat',
    capacity: 2,
    language: 'bilingual',
    instructors: ['Sgt. Nadia Roy'],
  });
  ids.fullSession = full.id;
  await enrolOfficer(t.db, ctx, full.id, t.ids.ownOfficer!);
  await enrolOfficer(t.db, ctx, full.id, extra[0]!);
  await enrolOfficer(t.db, ctx, full.id, t.ids.otherOfficer!);
  const past = await scheduleSession(t.db, ctx, {
    courseId: sgbv.id,
    startsOn: addDays(today, -40),
    endsOn: addDays(today, -36),
    virtualLink: 'https://meet.example.ca/sgbv',
    capacity: 10,
    language: 'fr',
  });
  ids.pastSession = past.id;
  const passed = await enrolOfficer(t.db, ctx, past.id, t.ids.ownOfficer!);
  await recordResult(t.db, ctx, passed.id, passed.version, { attended: true, passed: true });
  const failed = await enrolOfficer(t.db, ctx, past.id, extra[1]!);
  await recordResult(t.db, ctx, failed.id, failed.version, { attended: true, passed: false });

  // Deployments, as the selection creates them (src/modules/deployments/readiness.int.test.ts).
  ids.deploymentAStart = addDays(today, 60);
  const [a] = await t.db
    .insert(deployments)
    .values({
      officerId: t.ids.ownOfficer!,
      missionId: t.ids.ownMission,
      plannedStart: ids.deploymentAStart,
      plannedEnd: addDays(today, 424),
    })
    .returning();
  ids.deploymentA = a!.id;
  const [b] = await t.db
    .insert(deployments)
    .values({
      officerId: t.ids.otherOfficer!,
      missionId: t.ids.ownMission,
      state: 'preparing',
      plannedStart: addDays(today, 45),
      plannedEnd: addDays(today, 410),
    })
    .returning();
  ids.deploymentB = b!.id;

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

/** A heading or name that holds this text (a page's h1 also holds its kicker). */
const holding = (text: string) => new RegExp(escapeRegExp(text));
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

describe('training and readiness in Chromium', () => {
  describe('every new page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const heatName = (l: Lang) =>
      l === 'fr' ? 'Sensibilisation aux environnements hostiles' : 'Hostile environment awareness';
    const sgbvName = (l: Lang) =>
      l === 'fr'
        ? 'Enquêtes sur la violence sexuelle et fondée sur le genre'
        : 'Investigating sexual and gender-based violence';
    const pages: Array<{
      name: string;
      as: Role;
      path: () => string;
      heading: (lang: Lang) => string | RegExp;
    }> = [
      {
        name: 'catalogue (program officer)',
        as: 'program_officer',
        path: () => 'training',
        heading: (l) => tr(l, 'training', 'catalogue.title'),
      },
      {
        name: 'catalogue (officer, all sessions)',
        as: 'officer',
        path: () => 'training?when=all',
        heading: (l) => tr(l, 'training', 'catalogue.title'),
      },
      {
        name: 'add a course',
        as: 'program_officer',
        path: () => 'training/courses/new',
        heading: (l) => tr(l, 'training', 'newCourse.title'),
      },
      {
        name: 'schedule a session',
        as: 'program_officer',
        path: () => 'training/sessions/new',
        heading: (l) => tr(l, 'training', 'newSession.title'),
      },
      {
        name: 'session (program officer: enrolments, waiting list)',
        as: 'program_officer',
        path: () => `training/sessions/${ids.fullSession}`,
        heading: (l) => holding(heatName(l)),
      },
      {
        name: 'session (coordinator: enrol an officer)',
        as: 'agency_coordinator',
        path: () => `training/sessions/${ids.fullSession}`,
        heading: (l) => holding(heatName(l)),
      },
      {
        name: 'session (officer: their seat)',
        as: 'officer',
        path: () => `training/sessions/${ids.fullSession}`,
        heading: (l) => holding(heatName(l)),
      },
      {
        name: 'session over (program officer: results)',
        as: 'program_officer',
        path: () => `training/sessions/${ids.pastSession}`,
        heading: (l) => holding(sgbvName(l)),
      },
      {
        name: 'my training (officer)',
        as: 'officer',
        path: () => 'my-training',
        heading: (l) => tr(l, 'training', 'record.titleOwn'),
      },
      {
        name: 'an officer’s training record (coordinator)',
        as: 'agency_coordinator',
        path: () => `officers/${t.ids.ownOfficer}/training`,
        heading: (l) => tr(l, 'training', 'record.title', { name: OWN }),
      },
      {
        name: 'readiness board (program officer)',
        as: 'program_officer',
        path: () => 'readiness',
        heading: (l) => tr(l, 'training', 'board.title'),
      },
      {
        name: 'readiness board (coordinator)',
        as: 'agency_coordinator',
        path: () => 'readiness',
        heading: (l) => tr(l, 'training', 'board.title'),
      },
      {
        name: 'deployment (program officer: moves)',
        as: 'program_officer',
        path: () => `deployments/${ids.deploymentA}`,
        heading: (l) => tr(l, 'training', 'deployment.title', { name: OWN, mission: 'MINUSMA' }),
      },
      {
        name: 'deployment (program administrator: override)',
        as: 'program_admin',
        path: () => `deployments/${ids.deploymentB}`,
        heading: (l) => tr(l, 'training', 'deployment.title', { name: OTHER, mission: 'MINUSMA' }),
      },
      {
        name: 'deployment (officer: their own)',
        as: 'officer',
        path: () => `deployments/${ids.deploymentA}`,
        heading: (l) => tr(l, 'training', 'deployment.title', { name: OWN, mission: 'MINUSMA' }),
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

  it('shows Training to all, Readiness by ability, and "My training" to officers', async () => {
    const menu = async (role: Role) => {
      const page = await watchedPage(await signedIn(role));
      await page.goto(`${base}/en/training`);
      await ready(page, tr('en', 'training', 'catalogue.title'));
      const header = page.locator('gcds-header');
      const has = async (key: string) =>
        (await header.getByRole('link', { name: tr('en', 'common', key), exact: true }).count()) >
        0;
      const result = {
        training: await has('nav.training'),
        readiness: await has('nav.readiness'),
        mine: await has('nav.myTraining'),
        addCourse:
          (await page
            .getByRole('link', { name: tr('en', 'training', 'catalogue.addCourse') })
            .count()) > 0,
      };
      await page.close();
      return result;
    };
    expect(await menu('program_officer')).toEqual({
      training: true,
      readiness: true,
      mine: false,
      addCourse: true,
    });
    expect(await menu('agency_coordinator')).toEqual({
      training: true,
      readiness: true,
      mine: false,
      addCourse: false,
    });
    expect(await menu('officer')).toEqual({
      training: true,
      readiness: false,
      mine: true,
      addCourse: false,
    });
    // A page the role may not use is not found.
    const page = await watchedPage(await signedIn('officer'));
    await page.goto(`${base}/en/readiness`);
    await ready(page, tr('en', 'common', 'notFound.title'));
    await page.close();
  });

  it('(board) lists the deployments still to leave, each linked to its page', async () => {
    const page = await watchedPage(await signedIn('agency_coordinator'));
    await page.goto(`${base}/en/readiness`);
    await ready(page, tr('en', 'training', 'board.title'));
    const board = page.getByRole('table', { name: tr('en', 'training', 'board.caption') });
    // A coordinator's board is their agency's: the SPVM officer is not on it.
    expect(await board.getByRole('link', { name: OTHER }).count()).toBe(0);
    await board.getByRole('link', { name: OWN }).click();
    await ready(page, tr('en', 'training', 'deployment.title', { name: OWN, mission: 'MINUSMA' }));
    expect(page.url()).toBe(`${base}/en/deployments/${ids.deploymentA}`);
    // Coordinators read it; they do not move it.
    expect(
      await page.getByRole('heading', { name: tr('en', 'training', 'move.heading') }).count(),
    ).toBe(0);
    await page.close();
    expect(watched.errors).toEqual([]);
  });

  it('(walk) adds a course and a session, enrols in French, records a pass, and clears the deployment for ready', async () => {
    const en = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr('en', ns, key, values);
    const fr = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr('fr', ns, key, values);
    const noticeSays = (page: Page, text: string) =>
      page.locator('.notice--success').getByText(text, { exact: true }).waitFor();

    // 1. The program officer adds a course required of everyone deployed.
    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/training`);
    await ready(staff, en('training', 'catalogue.title'));
    await staff.getByRole('link', { name: en('training', 'catalogue.addCourse') }).click();
    await ready(staff, en('training', 'newCourse.title'));
    await staff.getByRole('button', { name: en('training', 'newCourse.submit') }).click();
    await staff
      .locator('.error-summary')
      .getByRole('link', {
        name: en('common', 'fieldError', {
          field: en('training', 'newCourse.code'),
          message: en('training', 'newCourse.codeRequired'),
        }),
      })
      .waitFor();
    await expect.poll(() => focusWithin(staff, '.error-summary')).toBe(true);
    await axe(staff, 'add a course, with its errors (en)');
    // Only some posts, teams or missions: at least one must be chosen.
    await staff.getByRole('radio', { name: en('training', 'newCourse.audiences.some') }).check();
    await staff
      .getByRole('checkbox', { name: 'Sexual and gender-based violence', exact: true })
      .waitFor();
    await axe(staff, 'add a course, for some posts, teams or missions (en)');
    await staff
      .getByRole('radio', { name: en('training', 'newCourse.audiences.everyone') })
      .check();
    // A code the catalogue has: the server says so beside the field.
    await staff.getByLabel(label(en('training', 'newCourse.code'))).fill('HEAT');
    await staff
      .getByLabel(label(en('training', 'newCourse.nameEn')))
      .fill('Pre-deployment training');
    await staff
      .getByLabel(label(en('training', 'newCourse.nameFr')))
      .fill('Formation préalable au déploiement');
    await staff
      .getByRole('radio', { name: en('training', 'deliveries.in_person'), exact: true })
      .check();
    await staff.getByLabel(label(en('training', 'newCourse.durationDays'))).fill('10');
    await staff.getByLabel(label(en('training', 'newCourse.passMark'))).fill('70');
    await staff.getByLabel(label(en('training', 'newCourse.validityMonths'))).fill('24');
    expect(
      await staff
        .getByRole('radio', { name: en('training', 'newCourse.audiences.everyone') })
        .isChecked(),
    ).toBe(true);
    await staff.getByRole('button', { name: en('training', 'newCourse.submit') }).click();
    await staff.locator('.field__error').getByText(en('errors', 'course.code_taken')).waitFor();
    await expect.poll(() => focusWithin(staff, '.error-summary')).toBe(true);
    await staff.getByLabel(label(en('training', 'newCourse.code'))).fill('PDT');
    await staff.getByRole('button', { name: en('training', 'newCourse.submit') }).click();
    await staff.waitForURL(`${base}/en/training`);
    await ready(staff, en('training', 'catalogue.title'));
    await noticeSays(staff, en('training', 'catalogue.added', { code: 'PDT' }));
    await staff
      .getByRole('table', { name: en('training', 'catalogue.coursesCaption') })
      .getByRole('row', { name: /^PDT / })
      .getByText(en('training', 'requiredFor.everyone'), { exact: true })
      .waitFor();

    // 2. ... and schedules a virtual session in French: without a place or a link, refused.
    await staff.getByRole('link', { name: en('training', 'catalogue.schedule') }).click();
    await ready(staff, en('training', 'newSession.title'));
    await staff
      .getByLabel(label(en('training', 'newSession.course')))
      .selectOption({ label: 'PDT – Pre-deployment training' });
    await staff.getByLabel(label(en('training', 'newSession.startsOn'))).fill(addDays(today, 7));
    await staff.getByLabel(label(en('training', 'newSession.endsOn'))).fill(addDays(today, 11));
    await staff.getByLabel(label(en('training', 'newSession.capacity'))).fill('20');
    await staff.getByRole('radio', { name: en('training', 'languages.fr'), exact: true }).check();
    await staff
      .getByLabel(label(en('training', 'newSession.instructors')))
      .fill('Sgt. Nadia Roy\nCpl. Luc Gagnon');
    await staff.getByRole('button', { name: en('training', 'newSession.submit') }).click();
    await staff
      .locator('.field__error')
      .getByText(en('errors', 'session.place_or_link_required'))
      .waitFor();
    await expect.poll(() => focusWithin(staff, '.error-summary')).toBe(true);
    await axe(staff, 'schedule a session, with the server’s error (en)');
    await staff
      .getByLabel(label(en('training', 'newSession.virtualLink')))
      .fill('https://meet.example.ca/pdt-fr');
    await staff.getByRole('button', { name: en('training', 'newSession.submit') }).click();
    await staff.waitForURL(/\/en\/training\/sessions\/[0-9a-f-]{36}$/);
    const sessionId = staff.url().split('/').pop()!;
    await ready(staff, holding('Pre-deployment training'));
    await noticeSays(staff, en('training', 'session.scheduled'));
    await staff
      .locator('.details-list')
      .getByText(en('training', 'languages.fr'), { exact: true })
      .waitFor();

    // 3. The SQ officer finds it in the catalogue, in French, and enrols: a seat.
    const officer = await watchedPage(await signedIn('officer'));
    await officer.goto(`${base}/fr/training`);
    await ready(officer, fr('training', 'catalogue.title'));
    await officer
      .getByRole('table', { name: fr('training', 'sessions.captionUpcoming') })
      .getByRole('row', { name: /PDT/ })
      .getByRole('rowheader')
      .getByRole('link')
      .click();
    await ready(officer, holding('Formation préalable au déploiement'));
    expect(officer.url()).toBe(`${base}/fr/training/sessions/${sessionId}`);
    await officer.getByRole('button', { name: fr('training', 'enrol.self') }).click();
    await noticeSays(officer, fr('training', 'enrol.seatOwn'));
    await expect.poll(() => focusWithin(officer, '.notice--success')).toBe(true);
    await officer
      .locator('section[aria-labelledby="session-own"]')
      .getByText(fr('training', 'enrolmentStatuses.enrolled'), { exact: true })
      .waitFor();
    await axe(officer, 'the officer enrolled (fr)');
    // Withdrawing gives the seat up; enrolling again takes a free one.
    await officer.getByRole('button', { name: fr('training', 'withdraw.own') }).click();
    await expect.poll(() => focusWithin(officer, '#own-withdraw')).toBe(true);
    await officer.getByRole('button', { name: fr('training', 'withdraw.submit') }).click();
    await noticeSays(officer, fr('training', 'withdraw.doneOwn'));
    await officer.getByRole('button', { name: fr('training', 'enrol.self') }).click();
    await noticeSays(officer, fr('training', 'enrol.seatOwn'));
    await officer.close();

    // 4. The program officer records a pass: the certificate is issued.
    await staff.goto(`${base}/en/training/sessions/${sessionId}`);
    await ready(staff, holding('Pre-deployment training'));
    const enrolled = staff.getByRole('table', { name: en('training', 'enrolments.caption') });
    await enrolled
      .getByRole('button', { name: `${en('training', 'enrolments.recordResult')} ${OWN}` })
      .click();
    await expect.poll(() => focusWithin(staff, '#enrolment-panel')).toBe(true);
    await staff.getByRole('radio', { name: en('training', 'result.attendedYes') }).check();
    await staff
      .getByRole('button', { name: en('training', 'result.submit', { name: OWN }) })
      .click();
    await staff
      .locator('.field__error')
      .getByText(en('training', 'result.gradeRequired', { passMark: 70 }))
      .waitFor();
    await axe(staff, 'result form, with its error (en)');
    await staff.getByLabel(label(en('training', 'result.grade'))).fill('91');
    await staff
      .getByRole('button', { name: en('training', 'result.submit', { name: OWN }) })
      .click();
    const endsOn = addDays(today, 11);
    await noticeSays(
      staff,
      en('training', 'result.certificate', {
        name: OWN,
        issuedOn: formatDate('en', endsOn),
        expiresOn: formatDate('en', certificateExpiry(endsOn, 24)!),
      }),
    );
    await enrolled
      .getByRole('row', { name: startsWith(OWN) })
      .getByText(en('training', 'enrolmentStatuses.passed'), { exact: true })
      .waitFor();

    // The officer's record shows the certificate.
    const record = await watchedPage(await signedIn('officer'));
    await record.goto(`${base}/fr/my-training`);
    await ready(record, fr('training', 'record.titleOwn'));
    await record
      .getByRole('table', { name: fr('training', 'record.certificatesCaptionOwn') })
      .getByRole('row', { name: /^PDT/ })
      .getByText(fr('training', 'certificateStates.valid'), { exact: true })
      .waitFor();
    await record.close();

    // 5. On the officer's deployment the course is done; preparing starts.
    await staff.goto(`${base}/en/deployments/${ids.deploymentA}`);
    const title = en('training', 'deployment.title', { name: OWN, mission: 'MINUSMA' });
    await ready(staff, title);
    const checklist = staff.getByRole('table', {
      name: en('training', 'readiness.caption', {
        name: OWN,
        start: formatDate('en', ids.deploymentAStart),
      }),
    });
    const courseRow = checklist.getByRole('row', {
      name: startsWith(
        en('training', 'readiness.itemWith', { item: 'Mandatory course', detail: 'PDT' }),
      ),
    });
    await courseRow.getByText(en('training', 'readinessStatuses.done'), { exact: true }).waitFor();
    await staff.getByRole('button', { name: en('training', 'move.toPreparing') }).click();
    await noticeSays(
      staff,
      en('training', 'move.done', { state: en('training', 'deploymentStates.preparing') }),
    );
    await staff
      .locator('.details-list')
      .getByText(en('training', 'deploymentStates.preparing'), { exact: true })
      .waitFor();

    // "Ready" is refused while documents are missing: the server's reason, in the summary.
    const current = (
      await staffApi.request('GET', `/api/v1/deployments/${ids.deploymentA}`)
    ).json();
    const refused = await staffApi.request(
      'POST',
      `/api/v1/deployments/${ids.deploymentA}/transitions`,
      { version: current.version, to: 'ready' },
    );
    expect(refused.statusCode).toBe(409);
    const reason = refused.json().error.message as string;
    expect(reason).toContain(en('errors', 'readinessItems.passport'));
    await staff.getByRole('button', { name: en('training', 'move.toReady') }).click();
    await staff.locator('.error-summary').getByText(reason, { exact: true }).waitFor();
    await expect.poll(() => focusWithin(staff, '.error-summary')).toBe(true);
    await axe(staff, 'ready refused, with the server’s reason (en)');

    // 6. The other documents on record (through the API), ready is allowed.
    const q = async (body: object) => {
      const res = await staffApi.request(
        'POST',
        `/api/v1/officers/${t.ids.ownOfficer}/qualifications`,
        body,
      );
      expect(res.statusCode, res.body).toBe(201);
    };
    await q({ kind: 'medical', obtainedOn: today, expiresOn: addDays(today, 700) });
    await q({
      kind: 'security_clearance',
      code: 'secret',
      obtainedOn: today,
      expiresOn: addDays(today, 1800),
    });
    await q({
      kind: 'passport',
      obtainedOn: today,
      expiresOn: addDays(today, 3650),
      documentNumber: 'HK999999',
    });
    await q({ kind: 'visa', code: 'ML', obtainedOn: today, expiresOn: addDays(today, 500) });
    await q({ kind: 'un_assessment', code: 'SAAT', score: 80, obtainedOn: addDays(today, -30) });
    await q({ kind: 'vaccination', code: 'yellow_fever', obtainedOn: '2019-05-01' });
    await staff.reload();
    await ready(staff, title);
    await staff.getByText(en('training', 'readiness.allDone'), { exact: true }).waitFor();
    await staff.getByRole('button', { name: en('training', 'move.toReady') }).click();
    await noticeSays(
      staff,
      en('training', 'move.done', { state: en('training', 'deploymentStates.ready') }),
    );
    await staff
      .locator('.details-list')
      .getByText(en('training', 'deploymentStates.ready'), { exact: true })
      .waitFor();
    await axe(staff, 'deployment ready (en)');
    await staff.close();
    expect(
      (await staffApi.request('GET', `/api/v1/deployments/${ids.deploymentA}`)).json().state,
    ).toBe('ready');
    expect(watched.csp).toEqual([]);
    expect(watched.errors).toEqual([]);
  }, 240_000);

  it('(override) a program administrator marks a deployment ready anyway, with a reason', async () => {
    const en = (key: string, values: Record<string, string | number> = {}) =>
      tr('en', 'training', key, values);
    const before = (await staffApi.request('GET', `/api/v1/deployments/${ids.deploymentB}`)).json();
    expect(before.state).toBe('preparing');
    const blocking = before.readiness.blocking as number;
    expect(blocking).toBeGreaterThan(1);

    // A program officer has no override.
    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/deployments/${ids.deploymentB}`);
    await ready(staff, en('deployment.title', { name: OTHER, mission: 'MINUSMA' }));
    await staff.getByRole('heading', { name: en('move.heading') }).waitFor();
    expect(await staff.getByRole('button', { name: en('move.overrideSubmit') }).count()).toBe(0);
    await staff.close();

    const admin = await watchedPage(await signedIn('program_admin'));
    await admin.goto(`${base}/en/deployments/${ids.deploymentB}`);
    await ready(admin, en('deployment.title', { name: OTHER, mission: 'MINUSMA' }));
    await admin.getByRole('button', { name: en('move.overrideSubmit') }).click();
    await admin.locator('.field__error').getByText(en('move.reasonRequired')).waitFor();
    await expect.poll(() => focusWithin(admin, '.error-summary')).toBe(true);
    await admin
      .getByLabel(label(en('move.overrideReason')))
      .fill('Visa issued at the border by arrangement with the mission.');
    await admin.getByRole('button', { name: en('move.overrideSubmit') }).click();
    await admin
      .locator('.notice--success')
      .getByText(en('move.overridden_other', { n: blocking }), { exact: true })
      .waitFor();
    await expect.poll(() => focusWithin(admin, '.notice--success')).toBe(true);
    await admin
      .locator('.details-list')
      .getByText(en('deploymentStates.ready'), { exact: true })
      .waitFor();
    expect(await admin.getByRole('button', { name: en('move.overrideSubmit') }).count()).toBe(0);
    await axe(admin, 'deployment marked ready anyway (en)');
    await admin.close();
    expect(
      (await staffApi.request('GET', `/api/v1/deployments/${ids.deploymentB}`)).json().state,
    ).toBe('ready');
    expect(watched.errors).toEqual([]);
  });

  it('(coordinator) enrols an officer of the agency in a full session: the waiting list', async () => {
    const en = (key: string, values: Record<string, string | number> = {}) =>
      tr('en', 'training', key, values);
    const page = await watchedPage(await signedIn('agency_coordinator'));
    await page.goto(`${base}/en/training/sessions/${ids.fullSession}`);
    await ready(page, holding('Hostile environment awareness'));
    // Nobody chosen: the summary links to the search.
    await page.getByRole('button', { name: en('enrol.submit') }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', {
        name: tr('en', 'common', 'fieldError', {
          field: en('enrol.officer'),
          message: en('enrol.officerRequired'),
        }),
      })
      .waitFor();
    await expect.poll(() => focusWithin(page, '.error-summary')).toBe(true);
    await page.getByLabel(label(en('enrol.search'))).fill('Roy');
    await page.getByRole('button', { name: en('enrol.searchSubmit') }).click();
    await page
      .getByRole('radio', {
        name: en('enrol.officerOption', { name: 'Anne Roy', badge: 'SQ-2202' }),
      })
      .check();
    await axe(page, 'enrol an officer, chosen (en)');
    await page.getByRole('button', { name: en('enrol.submitWho', { name: 'Anne Roy' }) }).click();
    // The SPVM officer is first on the list (not shown to an SQ coordinator): Anne is second.
    await page
      .locator('.notice--success')
      .getByText(en('enrol.waitlistedOther', { name: 'Anne Roy', position: 2 }), { exact: true })
      .waitFor();
    const row = page
      .getByRole('table', { name: en('enrolments.captionAgency') })
      .getByRole('row', { name: startsWith('Anne Roy') });
    await row.getByText(en('enrolmentStatuses.waitlisted'), { exact: true }).waitFor();
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: OTHER }).count()).toBe(0);
    await page.close();
    expect(watched.errors).toEqual([]);
  });
});
