import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed.ts';
import { officers } from '../../src/modules/officers/schema.ts';
import { agencies } from '../../src/modules/reference/schema.ts';
import { users } from '../../src/modules/users/schema.ts';
import { buildApp, type App } from '../../src/server.ts';
import { freshDatabase } from '../support/db.ts';
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
 * The people register in Chromium, on the real server with the demo data: the officers list,
 * an officer's record, registration, import, expiring qualifications, self-service and the
 * agencies, each passing axe in English and in French for the roles that see it; then an agency
 * coordinator's import (errors first, then the corrected file), the imported officer as the
 * coordinator sees them, and an officer correcting an emergency contact.
 */

const emails = {
  program_admin: 'admin@demo.peaceops.ca',
  program_officer: 'program.officer@demo.peaceops.ca',
  agency_coordinator: 'coordinator.sq@demo.peaceops.ca',
  officer: 'officer@demo.peaceops.ca',
  auditor: 'auditor@demo.peaceops.ca',
} as const;
type Role = keyof typeof emails;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: App;
let browser: Browser;
let base = '';
const names: Partial<Record<Role, string>> = {};
const ids = { sq: '', rcmp: '', sqOfficer: '', sqOfficerName: '', sam: '' };

/** Whole years from a date to today (the years of service the server computes). */
function yearsSince(start: string): number {
  const now = new Date();
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const month = now.getMonth() + 1;
  return now.getFullYear() - y - (month < m || (month === m && now.getDate() < d) ? 1 : 0);
}

const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: emails[role as Role], password: DEMO_PASSWORD }),
);
const signedIn = (role: Role) => sessions.signedIn(role);

beforeAll(async () => {
  ensureWebBuild();
  database = await freshDatabase();
  await seedDemo(database.db, {
    actorId: null,
    actorRole: 'test',
    requestId: null,
    now: new Date(),
  });
  const db = database.db;
  for (const role of Object.keys(emails) as Role[]) {
    const [user] = await db.select().from(users).where(eq(users.email, emails[role]));
    if (!user) throw new Error(`demo account ${emails[role]} missing`);
    names[role] = user.displayName;
  }
  const [sq] = await db.select().from(agencies).where(eq(agencies.code, 'SQ'));
  const [rcmp] = await db.select().from(agencies).where(eq(agencies.code, 'RCMP'));
  if (!sq || !rcmp) throw new Error('demo agencies SQ and RCMP missing');
  ids.sq = sq.id;
  ids.rcmp = rcmp.id;
  const [sqOfficer] = await db
    .select()
    .from(officers)
    .where(eq(officers.agencyId, sq.id))
    .orderBy(officers.familyName)
    .limit(1);
  if (!sqOfficer) throw new Error('no demo officer in SQ');
  ids.sqOfficer = sqOfficer.id;
  ids.sqOfficerName = `${sqOfficer.givenName} ${sqOfficer.familyName}`;
  const [officerUser] = await db.select().from(users).where(eq(users.email, emails.officer));
  const [sam] = await db
    .select()
    .from(officers)
    .where(and(eq(officers.userId, officerUser!.id)));
  if (!sam) throw new Error("the demo officer's record is missing");
  ids.sam = sam.id;

  app = await buildApp({ database, config: { ...loadConfig({}), port: 0 }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await app?.close();
  await database?.drop();
});

describe('the people register in Chromium', () => {
  describe('every new page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const pages: Array<{
      name: string;
      as: Role;
      path: () => string;
      heading: (lang: Lang) => string | RegExp;
    }> = [
      {
        name: 'home (agency coordinator)',
        as: 'agency_coordinator',
        path: () => '',
        heading: (l) => tr(l, 'home', 'signedIn.title', { name: names.agency_coordinator! }),
      },
      {
        name: 'home (officer)',
        as: 'officer',
        path: () => '',
        heading: (l) => tr(l, 'home', 'signedIn.title', { name: names.officer! }),
      },
      {
        name: 'officers (program officer, filtered, page 2)',
        as: 'program_officer',
        path: () => 'officers?rank=sergeant&language=fr&minScore=70&qualification=passport&page=2',
        heading: (l) => tr(l, 'people', 'list.title'),
      },
      {
        name: 'officers (agency coordinator)',
        as: 'agency_coordinator',
        path: () => 'officers',
        heading: (l) => tr(l, 'people', 'list.title'),
      },
      {
        name: 'officer (program officer: sensitive fields shown)',
        as: 'program_officer',
        path: () => `officers/${ids.sam}`,
        heading: () => 'Sam Whitehorse',
      },
      {
        name: 'officer (auditor: read only)',
        as: 'auditor',
        path: () => `officers/${ids.sam}`,
        heading: () => 'Sam Whitehorse',
      },
      {
        name: 'officer (agency coordinator: sensitive fields not shown)',
        as: 'agency_coordinator',
        path: () => `officers/${ids.sqOfficer}`,
        heading: () => ids.sqOfficerName,
      },
      {
        name: 'register an officer',
        as: 'agency_coordinator',
        path: () => 'officers/new',
        heading: (l) => tr(l, 'people', 'new.title'),
      },
      {
        name: 'import officers',
        as: 'agency_coordinator',
        path: () => 'officers/import',
        heading: (l) => tr(l, 'people', 'import.title'),
      },
      {
        name: 'expiring qualifications (program officer)',
        as: 'program_officer',
        path: () => 'qualifications/expiring',
        heading: (l) => tr(l, 'people', 'expiring.title'),
      },
      {
        name: 'expiring qualifications (agency coordinator, 30 days)',
        as: 'agency_coordinator',
        path: () => 'qualifications/expiring?days=30',
        heading: (l) => tr(l, 'people', 'expiring.title'),
      },
      {
        name: 'my profile (officer)',
        as: 'officer',
        path: () => 'my-profile',
        heading: (l) => tr(l, 'people', 'profile.title'),
      },
      {
        name: 'agencies (program administrator)',
        as: 'program_admin',
        path: () => 'agencies',
        heading: (l) => tr(l, 'reference', 'agencies.title'),
      },
      {
        name: 'agency (program administrator)',
        as: 'program_admin',
        path: () => `agencies/${ids.rcmp}`,
        heading: (l) =>
          l === 'fr' ? 'Gendarmerie royale du Canada' : 'Royal Canadian Mounted Police',
      },
      {
        name: 'agency (its coordinator)',
        as: 'agency_coordinator',
        path: () => `agencies/${ids.sq}`,
        heading: () => 'Sûreté du Québec',
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

  it('shows each role the people pages its abilities allow, in the menu and on the home page', async () => {
    const menu = async (role: Role) => {
      const page = await watchedPage(await signedIn(role));
      await page.goto(`${base}/en/`);
      await ready(page, tr('en', 'home', 'signedIn.title', { name: names[role]! }));
      const header = page.locator('gcds-header');
      const has = async (key: string) =>
        (await header.getByRole('link', { name: tr('en', 'common', key), exact: true }).count()) >
        0;
      const result = { officers: await has('nav.officers'), profile: await has('nav.myProfile') };
      const pages = page.locator('.page-list');
      const listed = async (key: string) =>
        (await pages.getByRole('link', { name: tr('en', 'home', key), exact: true }).count()) > 0;
      const home = {
        expiring: await listed('signedIn.pages.expiring'),
        import: await listed('signedIn.pages.import'),
        ownAgency: await listed('signedIn.pages.ownAgency'),
      };
      await page.close();
      return { ...result, ...home };
    };
    expect(await menu('program_officer')).toEqual({
      officers: true,
      profile: false,
      expiring: true,
      import: true,
      ownAgency: false,
    });
    expect(await menu('agency_coordinator')).toEqual({
      officers: true,
      profile: false,
      expiring: true,
      import: true,
      ownAgency: true,
    });
    expect(await menu('officer')).toEqual({
      officers: false,
      profile: true,
      expiring: false,
      import: false,
      ownAgency: true,
    });
    expect(await menu('program_admin')).toEqual({
      officers: false,
      profile: false,
      expiring: false,
      import: false,
      ownAgency: false,
    });
    // A page the role may not use is not found, rather than broken.
    const page = await watchedPage(await signedIn('officer'));
    await page.goto(`${base}/en/officers/import`);
    await ready(page, tr('en', 'common', 'notFound.title'));
    await page.close();
  });

  it('(walk, in French) the SQ coordinator imports a file, errors first, finds the new officer and opens their record; Sam Whitehorse updates an emergency contact', async () => {
    const lang = 'fr';
    const t = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr(lang, ns, key, values);
    const coordinator = await watchedPage(await signedIn('agency_coordinator'));

    // 1. The import page offers the template in the page's language.
    await coordinator.goto(`${base}/fr/officers/import`);
    await ready(coordinator, t('people', 'import.title'));
    const templateHref = await coordinator
      .getByRole('link', { name: t('people', 'import.templateCsv') })
      .getAttribute('href');
    const template = await coordinator.request.get(`${base}${templateHref}`);
    expect(template.status()).toBe(200);
    expect(template.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await template.text()).replace(/^\uFEFF/, '')).toMatch(/^code_service,matricule,/);

    // 2. A file with a wrong date on line 3: nothing is imported; the table says where.
    const header =
      'code_service,matricule,prenom,nom,genre,date_naissance,grade,debut_service,francais_note,francais_date';
    const rows = (serviceStart: string) =>
      [
        header,
        'SQ,E2E-501,Noémie,Lachance-Essai,femme,1988-02-14,sergeant,2009-05-04,88,2025-03-01',
        `SQ,E2E-502,Félix,Bergeron-Essai,homme,1990-07-30,constable,${serviceStart},71,2025-03-01`,
      ].join('\n') + '\n';
    const fileInput = coordinator.getByLabel(t('people', 'import.file'), { exact: true });
    await fileInput.setInputFiles({
      name: 'policiers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows('2031-13-01')),
    });
    // The server answers when it is done: meanwhile, a status message says what is happening.
    await coordinator.route('**/api/v1/officers/import*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await coordinator
      .getByRole('button', { name: t('people', 'import.submit'), exact: true })
      .click();
    await coordinator
      .getByRole('status')
      .getByText(t('people', 'import.importing', { name: 'policiers.csv' }))
      .waitFor();
    await coordinator
      .getByRole('heading', {
        name: t('people', 'import.problems.heading', { name: 'policiers.csv' }),
      })
      .waitFor();
    // Focus moves to the outcome, so that it is announced.
    await expect.poll(() => focusWithin(coordinator, '#import-outcome')).toBe(true);
    const problems = coordinator.getByRole('table', {
      name: t('people', 'import.problems.caption_one', { total: '1' }),
    });
    const problem = problems.getByRole('row').nth(1);
    await problem.getByRole('rowheader', { name: '3', exact: true }).waitFor();
    await problem.getByRole('cell', { name: 'debut_service', exact: true }).waitFor();
    await problem.getByText(/AAAA-MM-JJ/).waitFor();
    await coordinator.getByText(/1 problème\(s\) à corriger/).waitFor();
    await axe(coordinator, 'import with its problems (fr)');

    // 3. The corrected file: checked first (nothing changes), then imported.
    await fileInput.setInputFiles({
      name: 'policiers-corrige.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows('2012-09-17')),
    });
    await coordinator.getByRole('button', { name: t('people', 'import.check') }).click();
    await coordinator
      .getByRole('heading', { name: t('people', 'import.report.checkedHeading') })
      .waitFor();
    const checked = coordinator.getByRole('table', {
      name: t('people', 'import.report.captionDryRun'),
    });
    await checked
      .getByRole('row', {
        name: new RegExp(`^${escapeRegExp(t('people', 'import.report.created'))}`),
      })
      .getByRole('cell', { name: '2' })
      .waitFor();
    await coordinator
      .getByRole('button', { name: t('people', 'import.submit'), exact: true })
      .click();
    await coordinator
      .getByRole('heading', { name: t('people', 'import.report.importedHeading') })
      .waitFor();
    await expect.poll(() => focusWithin(coordinator, '#import-outcome')).toBe(true);
    const report = coordinator.getByRole('table', { name: t('people', 'import.report.caption') });
    await report
      .getByRole('row', {
        name: new RegExp(`^${escapeRegExp(t('people', 'import.report.created'))}`),
      })
      .getByRole('cell', { name: '2' })
      .waitFor();
    await report
      .getByRole('row', {
        name: new RegExp(`^${escapeRegExp(t('people', 'import.report.qualificationsAdded'))}`),
      })
      .getByRole('cell', { name: '2' })
      .waitFor();
    await axe(coordinator, 'import report (fr)');

    // 4. The coordinator finds the new officer in the list, by name.
    await coordinator.getByRole('link', { name: t('people', 'import.report.toList') }).click();
    await ready(coordinator, t('people', 'list.title'));
    await coordinator
      .getByLabel(t('people', 'list.filters.q'), { exact: true })
      .fill('Lachance-Essai');
    await coordinator.getByRole('button', { name: t('common', 'filters.apply') }).click();
    await expect
      .poll(() => new URL(coordinator.url()).searchParams.get('q'))
      .toBe('Lachance-Essai');
    const list = coordinator.getByRole('table', { name: t('people', 'list.caption') });
    await list.getByRole('cell', { name: 'E2E-501' }).waitFor();
    expect(await list.getByRole('row').count()).toBe(2);
    // The export applies the same filters, in the page's language.
    const exportHref = await coordinator
      .getByRole('link', { name: t('people', 'list.exportCsv') })
      .getAttribute('href');
    expect(exportHref).toContain('q=Lachance-Essai');
    const exported = await coordinator.request.get(`${base}${exportHref}`);
    expect(exported.status()).toBe(200);
    const csv = await exported.text();
    expect(csv).toContain('E2E-501');
    expect(csv).not.toContain('E2E-502');
    expect(csv).not.toContain('1988-02-14');

    // 5. ... and opens the record: sensitive fields are not shown, and it says so.
    await list.getByRole('link', { name: 'Lachance-Essai, Noémie' }).click();
    await ready(coordinator, 'Noémie Lachance-Essai');
    const identity = coordinator.locator('section[aria-labelledby="officer-service"]');
    await identity.getByText(t('people', 'sensitive.dateOfBirth')).waitFor();
    await identity.getByText('Sûreté du Québec').waitFor();
    await identity
      .getByText(t('people', 'detail.years_other', { count: yearsSince('2009-05-04') }))
      .waitFor();
    expect(await coordinator.locator('main').textContent()).not.toMatch(/14 février 1988/);
    await coordinator.getByText(t('people', 'sensitive.contacts')).waitFor();
    await coordinator.getByText(t('people', 'sensitive.qualifications')).waitFor();
    const qualifications = coordinator.getByRole('table', {
      name: t('people', 'qualifications.caption', { name: 'Noémie Lachance-Essai' }),
    });
    const french = qualifications.getByRole('row', {
      name: new RegExp(
        `^${escapeRegExp(t('people', 'qualification.languageTest', { language: 'français' }))}`,
        'i',
      ),
    });
    await french.getByText(t('people', 'qualification.score', { score: 88 })).waitFor();
    await french.getByText(t('people', 'validity.no_expiry')).waitFor();
    // A coordinator corrects service data and qualifications, not emergency contacts.
    await coordinator.getByRole('button', { name: t('people', 'detail.edit') }).waitFor();
    expect(
      await coordinator.getByRole('button', { name: t('people', 'contact.edit') }).count(),
    ).toBe(0);
    await axe(coordinator, 'imported officer, as the coordinator sees them (fr)');
    await coordinator.close();

    // 6. Sam Whitehorse corrects an emergency contact on his own profile.
    const sam = await watchedPage(await signedIn('officer'));
    await sam.goto(`${base}/fr/my-profile`);
    await ready(sam, t('people', 'profile.title'));
    await sam
      .locator('gcds-header')
      .getByRole('link', { name: t('common', 'nav.myProfile') })
      .waitFor();
    // His own qualifications, with their expiry in words.
    await sam
      .getByRole('table', { name: t('people', 'qualifications.captionOwn') })
      .getByText(t('people', 'validity.expiring'))
      .first()
      .waitFor();
    await sam.getByRole('button', { name: t('people', 'contact.editOwn') }).click();
    await expect
      .poll(() => sam.evaluate(() => document.activeElement?.id))
      .toBe('contact-form-heading');
    const second = sam.getByRole('group', { name: t('people', 'contact.legend', { number: 2 }) });
    await second.getByLabel(label(t('people', 'contact.fields.phone'))).fill('306-555-0199');
    await second
      .getByLabel(label(t('people', 'contact.fields.relationship')))
      .fill('Mère (à Regina)');
    // A new contact left empty: the form says what is missing, next to the field and above.
    await sam.getByRole('button', { name: t('people', 'contact.add') }).click();
    await expect
      .poll(() => sam.evaluate(() => document.activeElement?.id))
      .toBe('contact-contacts-2-name');
    await sam.getByRole('button', { name: t('people', 'contact.submit') }).click();
    const summary = sam.locator('.error-summary');
    await summary
      .getByRole('link', {
        name: `${t('people', 'contact.legend', { number: 3 })} – ${t('people', 'contact.fields.name')} : ${t('people', 'form.required')}`,
      })
      .waitFor();
    await expect.poll(() => focusWithin(sam, '.error-summary')).toBe(true);
    await axe(sam, 'self-service contact form with errors (fr)');
    await sam.getByRole('button', { name: t('people', 'contact.remove', { number: 3 }) }).click();
    await sam.getByRole('button', { name: t('people', 'contact.submit') }).click();
    await sam.getByRole('status').getByText(t('people', 'contact.saved')).waitFor();
    await expect.poll(() => focusWithin(sam, '.notice--success')).toBe(true);
    const contacts = sam.getByRole('table', { name: t('people', 'contact.caption') });
    const ruth = contacts.getByRole('row', { name: /^Ruth Whitehorse/ });
    await ruth.getByRole('cell', { name: '306-555-0199' }).waitFor();
    await ruth.getByRole('cell', { name: 'Mère (à Regina)' }).waitFor();
    await axe(sam, 'self-service after saving (fr)');
    await sam.close();

    // The program sees the change on his record.
    const staff = await watchedPage(await signedIn('program_officer'));
    await staff.goto(`${base}/en/officers/${ids.sam}`);
    await ready(staff, 'Sam Whitehorse');
    await staff
      .getByRole('table', { name: tr('en', 'people', 'contact.caption') })
      .getByRole('cell', { name: '306-555-0199' })
      .waitFor();
    await staff.close();
    expect(watched.csp).toEqual([]);
    expect(watched.errors).toEqual([]);
  }, 180_000);

  it('(program officer, in English) records, corrects and removes a qualification, and corrects service data', async () => {
    const t = (ns: string, key: string, values: Record<string, string | number> = {}) =>
      tr('en', ns, key, values);
    const page = await watchedPage(await signedIn('program_officer'));
    await page.goto(`${base}/en/officers/${ids.sqOfficer}`);
    await ready(page, ids.sqOfficerName);

    // Record a passport.
    await page.getByRole('button', { name: t('people', 'qualifications.add') }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('qualification-panel');
    const form = page.getByRole('form', { name: t('people', 'qualifications.addHeading') });
    // Nothing chosen: the form's own messages.
    await form.getByRole('button', { name: t('people', 'qualifications.addSubmit') }).click();
    await page
      .locator('#qualification-kind-error')
      .getByText(t('people', 'form.required'))
      .waitFor();
    await form
      .getByLabel(label(t('people', 'qualifications.fields.kind')))
      .selectOption('passport');
    await form
      .getByLabel(label(t('people', 'qualifications.fields.obtainedOn')))
      .fill('2024-01-10');
    await form.getByLabel(label(t('people', 'qualifications.fields.expiresOn'))).fill('2023-01-10');
    await form
      .getByLabel(label(t('people', 'qualifications.fields.documentNumber')))
      .fill('AB123456');
    await form.getByRole('button', { name: t('people', 'qualifications.addSubmit') }).click();
    await page
      .locator('#qualification-expiresOn-error')
      .getByText(t('people', 'qualifications.expiryBeforeObtained'))
      .waitFor();
    await axe(page, 'qualification form with an error (en)');
    await form.getByLabel(label(t('people', 'qualifications.fields.expiresOn'))).fill('2034-01-09');
    await form.getByRole('button', { name: t('people', 'qualifications.addSubmit') }).click();
    const passport = t('people', 'kinds.passport');
    await page
      .getByRole('status')
      .getByText(t('people', 'qualifications.added', { qualification: passport }))
      .waitFor();
    const table = page.getByRole('table', {
      name: t('people', 'qualifications.caption', { name: ids.sqOfficerName }),
    });
    const row = table.getByRole('row').filter({ hasText: 'AB123456' });
    await row.getByText('January 9, 2034').waitFor();
    await row.getByText(t('people', 'validity.valid')).waitFor();

    // Correct it: the expiry moves within 90 days, so it is "expiring soon".
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await row
      .getByRole('button', { name: new RegExp(`^${t('people', 'qualifications.edit')}`) })
      .click();
    const edit = page.getByRole('form', {
      name: t('people', 'qualifications.editHeading', { qualification: passport }),
    });
    await edit.getByLabel(label(t('people', 'qualifications.fields.expiresOn'))).fill(soon);
    await edit.getByRole('button', { name: t('people', 'qualifications.save') }).click();
    await page
      .getByRole('status')
      .getByText(t('people', 'qualifications.updated', { qualification: passport }))
      .waitFor();
    await row.getByText(t('people', 'validity.expiring')).waitFor();

    // Remove it (recorded in error).
    await row
      .getByRole('button', { name: new RegExp(`^${t('people', 'qualifications.remove')}`) })
      .click();
    await page
      .getByRole('heading', { name: t('people', 'qualifications.removeHeading') })
      .waitFor();
    await axe(page, 'remove a qualification (en)');
    await page.getByRole('button', { name: t('people', 'qualifications.removeSubmit') }).click();
    await page
      .getByRole('status')
      .getByText(t('people', 'qualifications.removed', { qualification: passport }))
      .waitFor();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'AB123456' }).count()).toBe(0);

    // Correct the service data: a promotion.
    await page.getByRole('button', { name: t('people', 'detail.edit') }).click();
    const service = page.locator('section[aria-labelledby="officer-service"]');
    await service
      .getByRole('combobox', { name: label(t('people', 'fields.rank')) })
      .selectOption('staff_sergeant');
    await axe(page, 'service data form (en)');
    await service.getByRole('button', { name: t('people', 'form.save') }).click();
    await page.getByRole('status').getByText(t('people', 'detail.saved')).waitFor();
    await service.getByText(/^Staff sergeant/).waitFor();
    await page.close();
  }, 120_000);

  it('(agency coordinator, in English) registers an officer of their agency; a badge number taken is refused next to its field', async () => {
    const t = (key: string, values: Record<string, string | number> = {}) =>
      tr('en', 'people', key, values);
    const page = await watchedPage(await signedIn('agency_coordinator'));
    const fill = async (badge: string) => {
      await page.goto(`${base}/en/officers/new`);
      await ready(page, t('new.title'));
      // A coordinator registers for their own agency only: it is chosen already.
      const agency = page.getByRole('combobox', { name: label(t('fields.agency')) });
      expect(await agency.locator('option').allTextContents()).toEqual([
        t('form.choose'),
        'Sûreté du Québec (SQ)',
      ]);
      await expect.poll(() => agency.inputValue()).toBe(ids.sq);
      await page.getByLabel(label(t('fields.badgeNumber'))).fill(badge);
      await page.getByLabel(label(t('fields.givenName'))).fill('Maya');
      await page.getByLabel(label(t('fields.familyName'))).fill('Okafor-Essai');
      await page.getByRole('radio', { name: t('genders.woman'), exact: true }).check();
      await page.getByRole('combobox', { name: label(t('fields.rank')) }).selectOption('sergeant');
      await page.getByLabel(label(t('fields.serviceStart'))).fill('2011-03-14');
      await page.getByRole('button', { name: t('form.register') }).click();
    };

    // Nothing entered: the form's own messages, linked from the summary.
    await page.goto(`${base}/en/officers/new`);
    await ready(page, t('new.title'));
    await page.getByRole('button', { name: t('form.register') }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: `${t('fields.badgeNumber')}: ${t('form.required')}` })
      .waitFor();
    await page.locator('#officer-gender-error').getByText(t('form.required')).waitFor();
    await axe(page, 'register an officer, with errors (en)');

    await fill('E2E-701');
    await ready(page, 'Maya Okafor-Essai');
    await page.getByText(t('detail.created', { name: 'Maya Okafor-Essai' })).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/officers\/[0-9a-f-]{36}$/);

    await fill('E2E-701');
    await page
      .locator('#officer-badgeNumber-error')
      .getByText(tr('en', 'errors', 'officer.badge_taken'))
      .waitFor();
    await expect.poll(() => focusWithin(page, '.error-summary')).toBe(true);
    await page.close();
  }, 120_000);

  it('(program administrator) edits an agency; its coordinator corrects only the contact', async () => {
    const admin = await watchedPage(await signedIn('program_admin'));
    await admin.goto(`${base}/en/agencies/${ids.sq}`);
    await ready(admin, 'Sûreté du Québec');
    await admin.getByRole('button', { name: tr('en', 'reference', 'agency.edit') }).click();
    const form = admin.getByRole('form', { name: tr('en', 'reference', 'agency.editHeading') });
    const field = (key: string) => form.getByLabel(tr('en', 'reference', key), { exact: true });
    await field('agency.contactName').fill('Direction des opérations internationales');
    await field('agency.contactEmail').fill('operations.internationales@sq.example.ca');
    await field('agency.contactPhone').fill('514-555-0142');
    // Names and agreement: the program administrator's.
    await form
      .getByRole('radio', { name: tr('en', 'reference', 'agreementStatuses.active'), exact: true })
      .waitFor();
    await axe(admin, 'agency form (en)');
    await form.getByRole('button', { name: tr('en', 'reference', 'agency.save') }).click();
    await admin
      .getByRole('status')
      .getByText(tr('en', 'reference', 'agency.saved'))
      .waitFor();
    await admin.getByRole('link', { name: 'operations.internationales@sq.example.ca' }).waitFor();
    // The list shows the contact.
    await admin.goto(`${base}/en/agencies`);
    await ready(admin, tr('en', 'reference', 'agencies.title'));
    await admin
      .getByRole('row', { name: /^Sûreté du Québec/ })
      .getByText('Direction des opérations internationales')
      .waitFor();
    await admin.close();

    const coordinator = await watchedPage(await signedIn('agency_coordinator'));
    await coordinator.goto(`${base}/fr/agencies/${ids.sq}`);
    await ready(coordinator, 'Sûreté du Québec');
    await coordinator
      .getByRole('button', { name: tr('fr', 'reference', 'agency.editContact') })
      .click();
    const contact = coordinator.getByRole('form', {
      name: tr('fr', 'reference', 'agency.editContactHeading'),
    });
    expect(await contact.getByLabel(label(tr('fr', 'reference', 'agency.nameEn'))).count()).toBe(0);
    expect(await contact.getByRole('radio').count()).toBe(0);
    await contact
      .getByLabel(tr('fr', 'reference', 'agency.contactPhone'), { exact: true })
      .fill('514-555-0143');
    await contact.getByRole('button', { name: tr('fr', 'reference', 'agency.save') }).click();
    await coordinator
      .getByRole('status')
      .getByText(tr('fr', 'reference', 'agency.saved'))
      .waitFor();
    await coordinator.getByText('514-555-0143').waitFor();
    await coordinator.close();
    expect(watched.errors).toEqual([]);
  }, 120_000);
});
