import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed.ts';
import { posts } from '../../src/modules/missions/schema.ts';
import { missions } from '../../src/modules/reference/schema.ts';
import { updateRequest } from '../../src/modules/requests/requests.ts';
import { requests } from '../../src/modules/requests/schema.ts';
import { buildApp, type App } from '../../src/server.ts';
import { freshDatabase } from '../support/db.ts';

/**
 * The planning pages in Debian's Chromium, against the real server on a fresh embedded database
 * with the demo data: correcting an open request, editing a post of a mission's plan,
 * registering a mission and moving it through its statuses; axe (WCAG 2.1 AA) on each new page
 * and form state in English and French.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webOut = path.join(root, 'dist/web/index.html');

type Lang = 'en' | 'fr';
const langs = ['en', 'fr'] as const;
type Json = { [key: string]: string | Json };
const locale = (lang: Lang, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'locales', lang, `${ns}.json`), 'utf8')) as Json;
const text = { en: {} as Record<string, Json>, fr: {} as Record<string, Json> };
for (const lang of langs) {
  for (const ns of ['common', 'auth', 'home', 'reference', 'errors', 'requests', 'planning'])
    text[lang][ns] = locale(lang, ns);
}
/** A translated string by namespace and dotted key, with {{placeholders}} filled in. */
function tr(lang: Lang, ns: string, key: string, values: Record<string, string> = {}): string {
  let node: string | Json | undefined = text[lang][ns];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no translation ${lang}:${ns}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

/** The newest source file of the web app: rebuild dist/web when it is older (or missing). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
function ensureWebBuild() {
  const sources = Math.max(
    newestSource(path.join(root, 'web')),
    newestSource(path.join(root, 'locales')),
    fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(webOut) && fs.statSync(webOut).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: App;
let browser: Browser;
let base = '';
let officer: BrowserContext;
let decisionPartner: BrowserContext;
const contexts: BrowserContext[] = [];
let minusmaId = '';
/** A demo request still open (received), and one decided (closed to corrections). */
let openRequest = { id: '', number: '' };
let decidedRequestId = '';

const cspMessages: string[] = [];
const pageErrors: string[] = [];

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      cspMessages.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** Wait until the page shows this h1 and the GC Design System header and footer are rendered. */
async function ready(page: Page, heading: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('gcds-header.hydrated').waitFor();
  await page.locator('gcds-footer.hydrated').waitFor();
  await page.locator('main [role="status"].loading').waitFor({ state: 'detached' });
}

async function axe(page: Page, label: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
  expect(violations, `axe violations on ${label}:\n${violations.join('\n')}`).toEqual([]);
}

/** A field's label: its text, then possibly "(required)". */
function label(value: string): RegExp {
  return new RegExp(`^${escape(value)}`);
}
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where focus is now: the element's id, or its class when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.className || '');

async function signIn(email: string): Promise<BrowserContext> {
  const context = await newContext();
  const page = await newPage(context);
  await page.goto(`${base}/en/sign-in`);
  await ready(page, tr('en', 'auth', 'signIn.title'));
  await page.getByLabel(label(tr('en', 'auth', 'signIn.email'))).fill(email);
  await page.getByLabel(label(tr('en', 'auth', 'signIn.password'))).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: tr('en', 'auth', 'signIn.submit') }).click();
  await page
    .locator('gcds-header')
    .getByRole('button', { name: /Sign out/ })
    .waitFor();
  await page.close();
  return context;
}

const auditCtx = () => ({ actorId: null, actorRole: 'test', requestId: null, now: new Date() });

async function requestVersion(id: string): Promise<number> {
  const [row] = await database.db
    .select({ version: requests.version })
    .from(requests)
    .where(eq(requests.id, id));
  return row!.version;
}

/** The row of a post in the mission's posts table. */
const postRow = (page: Page, lang: Lang, reference: string) =>
  page
    .getByRole('table', { name: tr(lang, 'planning', 'table.caption', { mission: 'MINUSMA' }) })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: reference, exact: true }) });

/** A figure of the plan's summary ("Filled posts": 14). */
const planFigure = (page: Page, lang: Lang, key: string) =>
  page
    .getByTestId('plan-summary')
    .locator('div')
    .filter({ has: page.getByText(tr(lang, 'planning', key), { exact: true }) })
    .locator('dd');

beforeAll(async () => {
  ensureWebBuild();
  database = await freshDatabase();
  await seedDemo(database.db, auditCtx());
  const [minusma] = await database.db
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, 'MINUSMA'));
  if (!minusma) throw new Error('demo mission MINUSMA missing');
  minusmaId = minusma.id;
  const [open] = await database.db
    .select({ id: requests.id, number: requests.number })
    .from(requests)
    .where(eq(requests.status, 'received'));
  if (!open) throw new Error('no open demo request');
  openRequest = open;
  const [decided] = await database.db
    .select({ id: requests.id })
    .from(requests)
    .where(eq(requests.status, 'decided'));
  if (!decided) throw new Error('no decided demo request');
  decidedRequestId = decided.id;

  app = await buildApp({ database, config: { ...loadConfig({}), port: 0 }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  officer = await signIn('program.officer@demo.peaceops.ca');
  decisionPartner = await signIn('gac.partner@demo.peaceops.ca');
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await app?.close();
  await database?.drop();
});

describe('planning pages in Chromium', () => {
  describe('axe (WCAG 2.1 AA) on each new page and form state, in English and in French', () => {
    it.each(langs)('editing an open request, with its errors [%s]', async (lang) => {
      const page = await newPage(officer);
      // The request page links to the edit form while the request is open.
      await page.goto(`${base}/${lang}/requests/${openRequest.id}`);
      await ready(page, new RegExp(escape(openRequest.number)));
      await page.getByRole('link', { name: tr(lang, 'requests', 'edit.link') }).click();
      await ready(page, tr(lang, 'requests', 'edit.title', { number: openRequest.number }));
      expect(new URL(page.url()).pathname).toBe(`/${lang}/requests/${openRequest.id}/edit`);
      await axe(page, `edit request (${lang})`);

      // A blank reference: required (it would otherwise be left out of the changes).
      const reference = page.getByLabel(label(tr(lang, 'requests', 'new.noteReference')));
      const recorded = await reference.inputValue();
      await reference.fill('');
      const submit = page.getByRole('button', { name: tr(lang, 'requests', 'edit.submit') });
      await submit.click();
      await page
        .locator('#request-noteReference-error')
        .getByText(tr(lang, 'errors', 'validation.required'))
        .waitFor();
      await expect.poll(() => focused(page)).toBe('error-summary');
      // A line without posts: the server's message, beside its field.
      await reference.fill(recorded);
      const line = page.getByRole('group', {
        name: tr(lang, 'requests', 'new.lineLegend', { number: '1' }),
      });
      await line.getByLabel(label(tr(lang, 'requests', 'new.lineFields.postCount'))).fill('0');
      await submit.click();
      await page.locator('#request-lines-0-postCount-error').waitFor();
      expect(await page.locator('#request-noteReference-error').count()).toBe(0);
      await expect.poll(() => focused(page)).toBe('error-summary');
      await axe(page, `edit request with errors (${lang})`);
      await page.close();
    });

    it.each(langs)('a decided request cannot be edited [%s]', async (lang) => {
      const page = await newPage(officer);
      await page.goto(`${base}/${lang}/requests/${decidedRequestId}`);
      await ready(page, /R-\d{4}-\d{3}/);
      expect(
        await page.getByRole('link', { name: tr(lang, 'requests', 'edit.link') }).count(),
      ).toBe(0);
      await page.goto(`${base}/${lang}/requests/${decidedRequestId}/edit`);
      await ready(page, /R-\d{4}-\d{3}/);
      // "This request can no longer be edited (status: Decided: Approved)..."
      await page.getByText(tr(lang, 'requests', 'edit.closed').split('(')[0]!.trim()).waitFor();
      expect(await page.locator('form.form').count()).toBe(0);
      await axe(page, `edit a decided request (${lang})`);
      // Without the ability (a decision partner), no link and no such page.
      const partner = await newPage(decisionPartner);
      await partner.goto(`${base}/${lang}/requests/${openRequest.id}/edit`);
      await ready(partner, tr(lang, 'common', 'notFound.title'));
      await partner.close();
      await page.close();
    });

    it.each(langs)('registering a mission, with its errors [%s]', async (lang) => {
      const page = await newPage(officer);
      await page.goto(`${base}/${lang}/missions`);
      await ready(page, tr(lang, 'reference', 'missions.title'));
      await page
        .getByRole('link', { name: tr(lang, 'planning', 'missionForm.registerLink') })
        .click();
      await ready(page, tr(lang, 'planning', 'missionForm.newTitle'));
      expect(new URL(page.url()).pathname).toBe(`/${lang}/missions/new`);
      // A location row, to check its fields too.
      await page.getByRole('button', { name: tr(lang, 'requests', 'new.addPlace') }).click();
      await expect.poll(() => focused(page)).toBe('mission-locations-0-nameEn');
      await axe(page, `register a mission (${lang})`);

      // Nothing chosen: the working language is asked for first, then the server's messages.
      await page
        .getByRole('button', { name: tr(lang, 'planning', 'missionForm.register') })
        .click();
      await page
        .locator('#mission-workingLanguage-error')
        .getByText(tr(lang, 'requests', 'new.workingLanguageRequired'))
        .waitFor();
      await page
        .getByLabel(label(tr(lang, 'requests', 'new.missionFields.workingLanguage')))
        .selectOption('fr');
      await page
        .getByRole('button', { name: tr(lang, 'planning', 'missionForm.register') })
        .click();
      await page.locator('#mission-acronym-error').waitFor();
      await page.locator('#mission-locations-0-nameEn-error').waitFor();
      await expect.poll(() => focused(page)).toBe('error-summary');
      await axe(page, `register a mission with errors (${lang})`);
      await page.close();
    });

    it.each(langs)('editing a post and a mission on the mission page [%s]', async (lang) => {
      const page = await newPage(officer);
      await page.goto(`${base}/${lang}/missions/${minusmaId}`);
      await ready(page, /MINUSMA/);
      const openPost = page.getByRole('button', {
        name: tr(lang, 'planning', 'postEdit.open', { reference: 'MINUSMA-015' }),
      });
      await openPost.click();
      const form = page.getByRole('form', {
        name: tr(lang, 'planning', 'postEdit.heading', { reference: 'MINUSMA-015' }),
      });
      await expect.poll(() => focused(page)).toMatch(/^edit-post-/);
      await axe(page, `post edit form (${lang})`);
      // A tour that ends before it starts: the server's message beside the field.
      await form.getByLabel(label(tr(lang, 'planning', 'form.tourEnd'))).fill('2019-01-01');
      await form.getByRole('button', { name: tr(lang, 'planning', 'postEdit.submit') }).click();
      await page
        .locator('#post-tourEnd-error')
        .getByText(tr(lang, 'errors', 'plan.tour_end_before_start'))
        .waitFor();
      await axe(page, `post edit form with an error (${lang})`);
      // Cancel: the form closes and focus returns to the button that opened it.
      await form.getByRole('button', { name: tr(lang, 'common', 'cancel') }).click();
      await expect.poll(() => form.count()).toBe(0);
      await expect.poll(() => focused(page)).toMatch(/^edit-post-button-/);

      await page.getByRole('button', { name: tr(lang, 'planning', 'missionForm.edit') }).click();
      await expect.poll(() => focused(page)).toBe('edit-mission');
      const missionForm = page.getByRole('form', {
        name: tr(lang, 'planning', 'missionForm.editHeading'),
      });
      // MINUSMA is closed: no more moves.
      await missionForm.getByText(tr(lang, 'planning', 'missionForm.closedForGood')).waitFor();
      await axe(page, `mission edit form (${lang})`);
      await missionForm
        .getByLabel(label(tr(lang, 'requests', 'new.missionFields.nameEn')))
        .fill('');
      await missionForm
        .getByRole('button', { name: tr(lang, 'planning', 'missionForm.save') })
        .click();
      await page.locator('#mission-nameEn-error').waitFor();
      await axe(page, `mission edit form with an error (${lang})`);
      await missionForm.getByRole('button', { name: tr(lang, 'common', 'cancel') }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe(tr(lang, 'planning', 'missionForm.edit'));
      await page.close();
    });
  });

  it('the program officer corrects an open request: the summary and a line', async () => {
    const lang = 'en';
    const page = await newPage(officer);
    await page.goto(`${base}/${lang}/requests/${openRequest.id}/edit`);
    await ready(page, tr(lang, 'requests', 'edit.title', { number: openRequest.number }));
    const summary = 'Corrected in the e2e walk: police advisers for Kyiv and Kharkiv.';
    await page.getByLabel(label(tr(lang, 'requests', 'new.summary'))).fill(summary);
    const line = page.getByRole('group', {
      name: tr(lang, 'requests', 'new.lineLegend', { number: '1' }),
    });
    await line.getByLabel(label(tr(lang, 'requests', 'new.lineFields.postCount'))).fill('4');
    await page.getByRole('button', { name: tr(lang, 'requests', 'edit.submit') }).click();

    // Back on the request: saved, with the new summary and the new count.
    await ready(page, tr(lang, 'requests', 'detail.title', { number: openRequest.number }));
    expect(new URL(page.url()).pathname).toBe(`/${lang}/requests/${openRequest.id}`);
    await page
      .getByRole('status')
      .getByText(tr(lang, 'requests', 'edit.saved', { number: openRequest.number }))
      .waitFor();
    await page.getByText(summary).waitFor();
    const lines = page.getByRole('table', {
      name: tr(lang, 'requests', 'detail.linesCaption', { number: openRequest.number }),
    });
    const first = lines.getByRole('row').nth(1);
    await expect.poll(() => first.getByRole('cell').nth(2).textContent()).toBe('4');
    await axe(page, 'request saved (en)');
    await page.close();
  });

  it('a change made meanwhile by someone else is refused (stale version), and the form reloads', async () => {
    const lang = 'fr';
    const page = await newPage(officer);
    await page.goto(`${base}/${lang}/requests/${openRequest.id}/edit`);
    await ready(page, tr(lang, 'requests', 'edit.title', { number: openRequest.number }));
    const field = page.getByLabel(label(tr(lang, 'requests', 'new.summary')));
    await field.fill('Ma version');
    // Someone else saves the request first.
    const theirs = 'Leur version, enregistrée pendant que le formulaire était ouvert.';
    await updateRequest(
      database.db,
      auditCtx(),
      openRequest.id,
      await requestVersion(openRequest.id),
      {
        summary: theirs,
      },
    );
    await page.getByRole('button', { name: tr(lang, 'requests', 'edit.submit') }).click();
    await page
      .locator('.error-summary')
      .getByText(tr(lang, 'errors', 'stale_version'))
      .waitFor();
    await expect.poll(() => focused(page)).toBe('error-summary');
    await axe(page, 'edit request, stale version (fr)');
    await page.getByRole('button', { name: tr(lang, 'requests', 'edit.reload') }).click();
    await page
      .getByRole('status')
      .getByText(tr(lang, 'requests', 'edit.reloaded'))
      .waitFor();
    await expect.poll(() => field.inputValue()).toBe(theirs);
    expect(await page.locator('.error-summary').count()).toBe(0);
    await page.close();
  });

  it('the program officer edits a post of MINUSMA: filled, then vacant again; the table follows', async () => {
    const lang = 'en';
    const page = await newPage(officer);
    await page.goto(`${base}/${lang}/missions/${minusmaId}`);
    await ready(page, /MINUSMA/);
    const row = postRow(page, lang, 'MINUSMA-010');
    await row.getByText(tr(lang, 'planning', 'statuses.vacant'), { exact: true }).waitFor();
    const filledBefore = Number(await planFigure(page, lang, 'summary.filled').textContent());
    const vacantBefore = Number(await planFigure(page, lang, 'summary.vacant').textContent());

    const edit = async (status: 'filled' | 'vacant') => {
      await row
        .getByRole('button', {
          name: tr(lang, 'planning', 'postEdit.open', { reference: 'MINUSMA-010' }),
        })
        .click();
      const form = page.getByRole('form', {
        name: tr(lang, 'planning', 'postEdit.heading', { reference: 'MINUSMA-010' }),
      });
      await form
        .getByRole('radio', { name: tr(lang, 'planning', `statuses.${status}`), exact: true })
        .check();
      await form.getByRole('button', { name: tr(lang, 'planning', 'postEdit.submit') }).click();
      const notice = page
        .getByRole('status')
        .getByText(tr(lang, 'planning', 'postEdit.saved', { reference: 'MINUSMA-010' }));
      await notice.waitFor();
      await expect.poll(() => form.count()).toBe(0);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('notice')))
        .toBe(true);
    };

    await edit('filled');
    await row.getByText(tr(lang, 'planning', 'statuses.filled'), { exact: true }).waitFor();
    await expect
      .poll(() => planFigure(page, lang, 'summary.filled').textContent())
      .toBe(String(filledBefore + 1));
    await expect
      .poll(() => planFigure(page, lang, 'summary.vacant').textContent())
      .toBe(String(vacantBefore - 1));
    await axe(page, 'post saved (en)');

    await edit('vacant');
    await row.getByText(tr(lang, 'planning', 'statuses.vacant'), { exact: true }).waitFor();
    await expect
      .poll(() => planFigure(page, lang, 'summary.vacant').textContent())
      .toBe(String(vacantBefore));
    await page.close();
  });

  it('a post moved above the ceiling is refused with the server message', async () => {
    const lang = 'fr';
    // Lower MINUSMA's ceiling below the plan's peak: moving a tour then goes above it.
    const [before] = await database.db
      .select({ strength: missions.authorizedStrength })
      .from(missions)
      .where(eq(missions.id, minusmaId));
    await database.db
      .update(missions)
      .set({ authorizedStrength: 15 })
      .where(eq(missions.id, minusmaId));
    try {
      const [post] = await database.db
        .select({ seq: posts.seq })
        .from(posts)
        .where(and(eq(posts.missionId, minusmaId), eq(posts.seq, 16)));
      expect(post).toBeDefined();
      const page = await newPage(officer);
      await page.goto(`${base}/${lang}/missions/${minusmaId}`);
      await ready(page, /MINUSMA/);
      await page
        .getByRole('button', {
          name: tr(lang, 'planning', 'postEdit.open', { reference: 'MINUSMA-016' }),
        })
        .click();
      const form = page.getByRole('form', {
        name: tr(lang, 'planning', 'postEdit.heading', { reference: 'MINUSMA-016' }),
      });
      await form.getByLabel(label(tr(lang, 'planning', 'form.tourStart'))).fill('2020-06-01');
      await form.getByRole('button', { name: tr(lang, 'planning', 'postEdit.submit') }).click();
      await page
        .locator('.error-summary')
        .getByText(tr(lang, 'errors', 'ceiling_exceeded', { peak: '16', ceiling: '15' }))
        .waitFor();
      await expect.poll(() => focused(page)).toBe('error-summary');
      await axe(page, 'post refused above the ceiling (fr)');
      await page.close();
    } finally {
      await database.db
        .update(missions)
        .set({ authorizedStrength: before!.strength })
        .where(eq(missions.id, minusmaId));
    }
  });

  it('the program officer registers a mission, in French, then makes it active', async () => {
    const lang = 'fr';
    const t = (ns: string, key: string, values: Record<string, string> = {}) =>
      tr(lang, ns, key, values);
    const page = await newPage(officer);
    await page.goto(`${base}/fr/missions/new`);
    await ready(page, t('planning', 'missionForm.newTitle'));
    const main = page.locator('main');
    const field = (key: string) =>
      main.getByLabel(label(t('requests', `new.missionFields.${key}`)));
    await field('acronym').fill('UNMHA-E2E');
    await field('nameEn').first().fill('United Nations Mission to support the Hodeidah Agreement');
    await field('nameFr').first().fill("Mission des Nations Unies en appui à l'Accord sur Hodeïda");
    await field('organizationCode').selectOption('UN');
    await field('hostCountryCode').selectOption('YE');
    await field('startDate').fill('2027-01-15');
    await field('workingLanguage').selectOption('en');
    await field('riskLevel').selectOption('high');
    await field('headquarters').fill('Hodeïda');
    await page.getByRole('button', { name: t('requests', 'new.addPlace') }).click();
    const place = page.getByRole('group', {
      name: t('requests', 'new.placeLegend', { number: '1' }),
    });
    await place.getByLabel(label(t('requests', 'new.missionFields.nameEn'))).fill('Hodeidah');
    await place.getByLabel(label(t('requests', 'new.missionFields.nameFr'))).fill('Hodeïda');
    await page.getByRole('button', { name: t('planning', 'missionForm.register') }).click();

    await ready(page, /UNMHA-E2E/);
    expect(new URL(page.url()).pathname).toMatch(/^\/fr\/missions\/[0-9a-f-]{36}$/);
    await page
      .getByRole('status')
      .getByText(t('planning', 'missionForm.registered', { acronym: 'UNMHA-E2E' }))
      .waitFor();
    const details = page.locator('section', {
      has: page.getByRole('heading', { name: t('reference', 'mission.detailsHeading') }),
    });
    await details.getByText(t('reference', 'missionStatuses.planned'), { exact: true }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Hodeïda' }).waitFor();
    await axe(page, 'mission registered (fr)');

    // Planned -> active.
    await page.getByRole('button', { name: t('planning', 'missionForm.edit') }).click();
    const form = page.getByRole('form', { name: t('planning', 'missionForm.editHeading') });
    await form.getByRole('radio', { name: t('planning', 'missionForm.moves.active') }).check();
    await axe(page, 'mission edit form, a move chosen (fr)');
    await form.getByRole('button', { name: t('planning', 'missionForm.save') }).click();
    await page
      .getByRole('status')
      .getByText(t('planning', 'missionForm.saved', { acronym: 'UNMHA-E2E' }))
      .waitFor();
    await details.getByText(t('reference', 'missionStatuses.active'), { exact: true }).waitFor();

    // And it is in the list, as active.
    await page.goto(`${base}/fr/missions?q=UNMHA-E2E`);
    await ready(page, t('reference', 'missions.title'));
    const listed = page.getByRole('row').filter({ hasText: 'UNMHA-E2E' });
    await listed.getByText(t('reference', 'missionStatuses.active'), { exact: true }).waitFor();
    await page.close();
  }, 120_000);

  it('logged no Content Security Policy violation and no script error', () => {
    expect(cspMessages).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
