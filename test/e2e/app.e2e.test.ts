import { formatDate } from '../../web/src/lib/format.ts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed.ts';
import { createEvaluation } from '../../src/modules/evaluations/evaluations.ts';
import { registerRequest } from '../../src/modules/requests/requests.ts';
import { missions } from '../../src/modules/reference/schema.ts';
import { users } from '../../src/modules/users/schema.ts';
import { buildApp, type App } from '../../src/server.ts';
import { freshDatabase } from '../support/db.ts';

/**
 * The built web app in Debian's Chromium, against the real server on a fresh embedded database
 * with the demo data: signing in as every role, the language switch, axe on every page in both
 * languages, no CSP violation, changing a password, and the sign-in redirect.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webOut = path.join(root, 'dist/web/index.html');

type Lang = 'en' | 'fr';
type Json = { [key: string]: string | Json };
const locale = (lang: Lang, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'locales', lang, `${ns}.json`), 'utf8')) as Json;
const text = { en: {} as Record<string, Json>, fr: {} as Record<string, Json> };
for (const lang of ['en', 'fr'] as const) {
  for (const ns of [
    'common',
    'auth',
    'account',
    'home',
    'reference',
    'errors',
    'requests',
    'planning',
    'evaluations',
  ])
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
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

const roles = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'agency_coordinator',
  'officer',
  'contingent_commander',
  'auditor',
] as const;
type Role = (typeof roles)[number];

interface Account {
  role: Role;
  email: string;
  displayName: string;
  partner: string | null;
}

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: App;
let browser: Browser;
let base = '';
/** One account per role (for decision partners, the first: GAC), and each partner's account. */
const accounts = {} as Record<Role, Account>;
const partnerAccounts: Record<string, Account> = {};
/** One signed-in browser context per role, made by test (a). */
const signedIn: Partial<Record<Role, BrowserContext>> = {};
const contexts: BrowserContext[] = [];
let minusmaId = '';
let eucapId = '';
/** Records made for the pages that show one: an open request and an evaluation. */
let openRequestId = '';
let evaluationId = '';

/** Every console message about the Content Security Policy, on any page, and page crashes. */
const cspMessages: string[] = [];
const pageErrors: string[] = [];
let pagesVisited = 0;

async function newContext(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
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
  page.on('load', () => pagesVisited++);
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

/** Sign in on the sign-in page with the keyboard only: focus email, type, Tab, type, Enter. */
async function typeCredentials(page: Page, lang: Lang, email: string, password: string) {
  await page.getByLabel(label(tr(lang, 'auth', 'signIn.email'))).focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** A field's label: its text, then possibly "(required)". */
function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

function roleLabel(lang: Lang, account: Account): string {
  const role = tr(lang, 'common', `roles.${account.role}`);
  return account.partner
    ? tr(lang, 'common', 'roleWithScope', {
        role,
        scope: tr(lang, 'common', `partners.${account.partner}`),
      })
    : role;
}

function roleSummary(lang: Lang, account: Account): string {
  return tr(lang, 'home', `roles.${account.role}`, {
    partner: account.partner ? tr(lang, 'common', `partners.${account.partner}`) : '',
  });
}

beforeAll(async () => {
  ensureWebBuild();
  database = await freshDatabase();
  const logins = await seedDemo(database.db, {
    actorId: null,
    actorRole: 'test',
    requestId: null,
    now: new Date(),
  });
  for (const login of logins) {
    const [user] = await database.db.select().from(users).where(eq(users.email, login.email));
    if (!user) throw new Error(`demo account ${login.email} missing`);
    const account: Account = {
      role: login.role as Role,
      email: login.email,
      displayName: user.displayName,
      partner: user.partner,
    };
    accounts[account.role] ??= account;
    if (account.partner && account.role === 'decision_partner')
      partnerAccounts[account.partner] = account;
  }
  expect(Object.keys(partnerAccounts).sort()).toEqual(['GAC', 'PS', 'RCMP']);
  expect(Object.keys(accounts).sort()).toEqual([...roles].sort());
  const [minusma] = await database.db
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, 'MINUSMA'));
  if (!minusma) throw new Error('demo mission MINUSMA missing');
  minusmaId = minusma.id;
  const [eucap] = await database.db
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, 'EUCAP-SAHEL-MALI'));
  if (!eucap) throw new Error('demo mission EUCAP-SAHEL-MALI missing');
  eucapId = eucap.id;
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: new Date() };
  const today = ctx.now.toISOString().slice(0, 10);
  openRequestId = (
    await registerRequest(database.db, ctx, {
      organizationCode: 'UN',
      missionId: minusmaId,
      noteReference: 'NV/E2E/001',
      receivedOn: today,
      responseDue: today,
      startDate: today,
      tourMonths: 12,
      summary: 'Gender advisers for the police component',
      lines: [
        {
          postCount: 2,
          postTypeCode: 'gender_adviser',
          teamCode: 'sgbv',
          languages: [{ language: 'fr', minScore: 60 }],
          womenSought: true,
        },
      ],
    })
  ).id;
  evaluationId = (
    await createEvaluation(database.db, ctx, {
      missionId: minusmaId,
      kind: 'periodic',
      periodStart: '2020-01-01',
      periodEnd: '2020-06-30',
      rating: 'met',
      indicators: [{ name: 'Officers trained', value: '240', target: '200' }],
      lessonsLearned: 'Posts outside Bamako need a second vehicle.',
      recommendations: 'Keep a gender adviser in Mopti.',
    })
  ).id;

  app = await buildApp({ database, config: { ...loadConfig({}), port: 0 }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Every page needs the built scripts and styles: when the server cannot serve them, say so
  // once, here, rather than as a timeout in every test.
  const shell = await (await fetch(`${base}/en/`)).text();
  for (const [, asset] of shell.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const response = await fetch(`${base}${asset}`);
    if (!response.ok) {
      throw new Error(
        `GET ${asset} answered ${response.status}: the server does not serve the web app's assets`,
      );
    }
  }

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
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await app?.close();
  await database?.drop();
});

describe('web app in Chromium', () => {
  it.each(roles)(
    '(a) signs in as %s with the keyboard and shows that role its home page',
    async (role) => {
      const account = accounts[role];
      const context = await newContext();
      const page = await newPage(context);
      await page.goto(`${base}/en/sign-in`);
      await ready(page, tr('en', 'auth', 'signIn.title'));
      await typeCredentials(page, 'en', account.email, DEMO_PASSWORD);

      await ready(page, tr('en', 'home', 'signedIn.title', { name: account.displayName }));
      await expect.poll(() => new URL(page.url()).pathname).toBe('/en/');
      await page.getByText(roleSummary('en', account), { exact: true }).waitFor();
      await page
        .getByText(tr('en', 'home', 'signedIn.roleLine', { role: roleLabel('en', account) }))
        .waitFor();
      // The signed-in bar: name, role in words, sign-out button.
      const header = page.locator('gcds-header');
      await header.getByText(account.displayName, { exact: true }).waitFor();
      await header
        .getByText(tr('en', 'common', 'header.roleLine', { role: roleLabel('en', account) }))
        .waitFor();
      await header.getByRole('button', { name: tr('en', 'common', 'header.signOut') }).waitFor();
      expect(await page.title()).toBe(
        tr('en', 'common', 'pageTitle', { page: tr('en', 'common', 'nav.home') }),
      );
      // The menu shows what the abilities allow (every role may list missions and agencies today).
      await header.getByRole('link', { name: tr('en', 'common', 'nav.missions') }).waitFor();
      await header.getByRole('link', { name: tr('en', 'common', 'nav.account') }).waitFor();
      await page.close();
      signedIn[role] = context;
    },
  );

  it("shows the server's translated message when the password is wrong, in English and in French", async () => {
    const context = await newContext();
    const page = await newPage(context);
    for (const lang of ['en', 'fr'] as const) {
      await page.goto(`${base}/${lang}/sign-in`);
      await ready(page, tr(lang, 'auth', 'signIn.title'));
      await typeCredentials(page, lang, accounts.officer.email, 'not the right password');
      const summary = page.locator('.error-summary');
      await summary
        .getByRole('heading', { name: tr(lang, 'common', 'errorSummary.heading') })
        .waitFor();
      await summary.getByText(tr(lang, 'errors', 'invalid_credentials')).waitFor();
      // Focus moves to the summary so it is announced.
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.classList.contains('error-summary')),
        )
        .toBe(true);
      await axe(page, `sign-in with an error (${lang})`);
    }
    // Nothing typed: the form's own messages, without a request.
    await page.goto(`${base}/en/sign-in`);
    await ready(page, tr('en', 'auth', 'signIn.title'));
    await page.getByRole('button', { name: tr('en', 'auth', 'signIn.submit') }).click();
    await page
      .locator('.error-summary')
      .getByText(tr('en', 'auth', 'signIn.emailRequired'))
      .waitFor();
    await page
      .locator('#email-error')
      .getByText(tr('en', 'auth', 'signIn.emailRequired'))
      .waitFor();
    expect(
      await page.getByLabel(label(tr('en', 'auth', 'signIn.email'))).getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('(b) switches from English to French with the header toggle, on the same page', async () => {
    const page = await newPage(signedIn.program_officer!);
    // A filtered list is a link: the filter lives in the query string, and survives the switch.
    await page.goto(`${base}/en/missions?country=ML`);
    await ready(page, tr('en', 'reference', 'missions.title'));
    await page.getByRole('table', { name: tr('en', 'reference', 'missions.caption') }).waitFor();

    await page.locator('gcds-lang-toggle').getByRole('link', { name: 'Français' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe('/fr/missions');
    expect(new URL(page.url()).searchParams.get('country')).toBe('ML');
    await page.getByRole('table', { name: tr('fr', 'reference', 'missions.caption') }).waitFor();
    await page
      .getByRole('columnheader', { name: tr('fr', 'reference', 'missions.columns.hostCountry') })
      .waitFor();
    await page
      .locator('gcds-header')
      .getByRole('button', { name: tr('fr', 'common', 'header.signOut') })
      .waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect
      .poll(() => page.title())
      .toBe(tr('fr', 'common', 'pageTitle', { page: tr('fr', 'reference', 'missions.title') }));
    // Reference data in French, dates as French writes them.
    await page.getByRole('cell', { name: 'Mali', exact: true }).first().waitFor();
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(
        /\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
      );
    // And back to English.
    await page.locator('gcds-lang-toggle').getByRole('link', { name: 'English' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/en/missions');
    await page.getByRole('table', { name: tr('en', 'reference', 'missions.caption') }).waitFor();
    await page.close();
  });

  describe('(c) every page passes axe (WCAG 2.1 AA) in English and in French', () => {
    const pages: Array<{
      name: string;
      as: Role | null;
      path: string;
      heading: (lang: Lang) => string | RegExp;
    }> = [
      { name: 'sign-in', as: null, path: 'sign-in', heading: (l) => tr(l, 'auth', 'signIn.title') },
      {
        name: 'home (signed out)',
        as: null,
        path: '',
        heading: (l) => tr(l, 'home', 'public.title'),
      },
      {
        name: 'not found (signed out)',
        as: null,
        path: 'no-such-page',
        heading: (l) => tr(l, 'common', 'notFound.title'),
      },
      ...(['program_officer', 'decision_partner', 'contingent_commander'] as const).map((role) => ({
        name: `home (${role})`,
        as: role,
        path: '',
        heading: (l: Lang) => tr(l, 'home', 'signedIn.title', { name: accounts[role].displayName }),
      })),
      {
        name: 'account',
        as: 'program_officer',
        path: 'account',
        heading: (l) => tr(l, 'account', 'title'),
      },
      {
        name: 'agencies',
        as: 'program_officer',
        path: 'agencies',
        heading: (l) => tr(l, 'reference', 'agencies.title'),
      },
      {
        name: 'missions',
        as: 'program_officer',
        path: 'missions',
        heading: (l) => tr(l, 'reference', 'missions.title'),
      },
      {
        name: 'mission detail',
        as: 'program_officer',
        path: 'missions/:minusma',
        heading: () => /MINUSMA/,
      },
      {
        name: 'missions, filtered',
        as: 'program_officer',
        path: 'missions?organization=UN&page=2',
        heading: (l) => tr(l, 'reference', 'missions.title'),
      },
      {
        name: 'requests',
        as: 'program_officer',
        path: 'requests',
        heading: (l) => tr(l, 'requests', 'list.title'),
      },
      {
        name: 'register a request',
        as: 'program_officer',
        path: 'requests/new',
        heading: (l) => tr(l, 'requests', 'new.title'),
      },
      {
        name: 'request (program officer)',
        as: 'program_officer',
        path: 'requests/:open',
        heading: () => /R-\d{4}-\d{3}/,
      },
      {
        name: 'request (decision partner, with the position form)',
        as: 'decision_partner',
        path: 'requests/:open',
        heading: () => /R-\d{4}-\d{3}/,
      },
      {
        name: 'decisions',
        as: 'decision_partner',
        path: 'decisions?current=true',
        heading: (l) => tr(l, 'requests', 'decisionsList.title'),
      },
      {
        name: 'evaluations',
        as: 'contingent_commander',
        path: 'evaluations',
        heading: (l) => tr(l, 'evaluations', 'list.title'),
      },
      {
        name: 'record an evaluation',
        as: 'contingent_commander',
        path: 'evaluations/new',
        heading: (l) => tr(l, 'evaluations', 'new.title'),
      },
      {
        name: 'evaluation',
        as: 'program_officer',
        path: 'evaluations/:evaluation',
        heading: () => /MINUSMA/,
      },
      {
        name: 'not found (signed in)',
        as: 'program_officer',
        path: 'missions/not-a-mission',
        heading: (l) => tr(l, 'common', 'notFound.title'),
      },
    ];
    const cases = pages.flatMap((p) => (['en', 'fr'] as const).map((lang) => ({ ...p, lang })));

    it.each(cases)('$name [$lang]', async ({ as, path: pagePath, heading, lang, name }) => {
      const context = as ? signedIn[as]! : await newContext();
      const page = await newPage(context);
      const before = cspMessages.length;
      await page.goto(
        `${base}/${lang}/${pagePath
          .replace(':minusma', minusmaId)
          .replace(':open', openRequestId)
          .replace(':evaluation', evaluationId)}`,
      );
      await ready(page, heading(lang));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.title()).toMatch(/ - peaceops$/);
      await axe(page, `${name} (${lang})`);
      // (d) no Content Security Policy violation on this page.
      expect(cspMessages.slice(before)).toEqual([]);
      await page.close();
    });

    it('shows the mission detail with its locations and the names of the day', async () => {
      const page = await newPage(signedIn.contingent_commander!);
      await page.goto(`${base}/fr/missions/${minusmaId}`);
      await ready(page, /MINUSMA/);
      await page
        .getByRole('heading', { level: 2, name: tr('fr', 'reference', 'mission.locations') })
        .waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Tombouctou' }).waitFor();
      await page.getByText(tr('fr', 'reference', 'mission.workingLanguage')).waitFor();
      await page.close();
    });
  });

  it('renders the API reference at /api/docs under the same strict CSP', async () => {
    const page = await newPage(await newContext());
    await page.goto(`${base}/api/docs`);
    await page.getByText('peaceops API').first().waitFor({ timeout: 30_000 });
    await page.getByText('/api/v1/session').first().waitFor();
    await page.close();
  });

  it('(d) logged no Content Security Policy violation and no script error on any page', () => {
    expect(pagesVisited).toBeGreaterThan(30);
    expect(cspMessages).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('(e) changes the password on the account page; a wrong current password shows the translated error', async () => {
    const account = accounts.auditor;
    const page = await newPage(signedIn.auditor!);
    const newPassword = 'a long walk to the river 2026';
    const fill = async (lang: Lang, current: string, next: string) => {
      await page.getByLabel(label(tr(lang, 'account', 'password.current'))).fill(current);
      await page.getByLabel(label(tr(lang, 'account', 'password.new'))).fill(next);
      await page.getByLabel(label(tr(lang, 'account', 'password.confirm'))).fill(next);
      await page.getByRole('button', { name: tr(lang, 'account', 'password.submit') }).click();
    };

    for (const lang of ['en', 'fr'] as const) {
      await page.goto(`${base}/${lang}/account`);
      await ready(page, tr(lang, 'account', 'title'));
      await fill(lang, 'this is not my password', newPassword);
      await page
        .locator('#current-password-error')
        .getByText(tr(lang, 'errors', 'password_incorrect'))
        .waitFor();
      await page
        .locator('.error-summary')
        .getByText(tr(lang, 'errors', 'password_incorrect'))
        .waitFor();
      await axe(page, `account with an error (${lang})`);
    }

    // The two new passwords differ: caught before any request.
    await page.getByLabel(label(tr('fr', 'account', 'password.current'))).fill(DEMO_PASSWORD);
    await page.getByLabel(label(tr('fr', 'account', 'password.new'))).fill(newPassword);
    await page.getByLabel(label(tr('fr', 'account', 'password.confirm'))).fill(`${newPassword}!`);
    await page.getByRole('button', { name: tr('fr', 'account', 'password.submit') }).click();
    await page
      .locator('#confirm-password-error')
      .getByText(tr('fr', 'account', 'password.mismatch'))
      .waitFor();

    await page.goto(`${base}/en/account`);
    await ready(page, tr('en', 'account', 'title'));
    await fill('en', DEMO_PASSWORD, newPassword);
    await page
      .getByRole('status')
      .getByText(tr('en', 'account', 'password.success'))
      .waitFor();
    expect(await page.locator('.error-summary').count()).toBe(0);

    // Sign out, then in again with the new password.
    await page
      .locator('gcds-header')
      .getByRole('button', { name: tr('en', 'common', 'header.signOut') })
      .click();
    await ready(page, tr('en', 'home', 'public.title'));
    await page.getByText(tr('en', 'common', 'signedOut')).waitFor();
    await page.goto(`${base}/en/sign-in`);
    await ready(page, tr('en', 'auth', 'signIn.title'));
    await typeCredentials(page, 'en', account.email, newPassword);
    await ready(page, tr('en', 'home', 'signedIn.title', { name: account.displayName }));
    await page.close();
  });

  it('(f) sends a signed-out visit to /en/agencies to sign-in, and back after signing in', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${base}/en/agencies`);
    await ready(page, tr('en', 'auth', 'signIn.title'));
    await expect.poll(() => new URL(page.url()).pathname).toBe('/en/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/agencies');
    await page.getByText(tr('en', 'auth', 'signIn.continueNotice')).waitFor();

    await typeCredentials(page, 'en', accounts.program_admin.email, DEMO_PASSWORD);
    await ready(page, tr('en', 'reference', 'agencies.title'));
    await expect.poll(() => new URL(page.url()).pathname).toBe('/en/agencies');
    await page.getByRole('table', { name: tr('en', 'reference', 'agencies.caption') }).waitFor();
    // Names in the page's language.
    await page.getByRole('rowheader', { name: 'Royal Canadian Mounted Police' }).waitFor();
    await page.close();
  });
  it('(g) in French: a request is registered, the three partners support it, the decision approves it, and its posts are planned', async () => {
    const lang = 'fr';
    const t = (ns: string, key: string, values: Record<string, string> = {}) =>
      tr(lang, ns, key, values);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    // 1. The program officer registers the request, in French, for EUCAP Sahel Mali.
    const officer = await newPage(signedIn.program_officer!);
    await officer.goto(`${base}/fr/requests/new`);
    await ready(officer, t('requests', 'new.title'));
    await officer.getByLabel(label(t('requests', 'new.organization'))).selectOption('UN');
    await officer.getByLabel(label(t('requests', 'new.mission'))).selectOption(eucapId);
    await officer.getByLabel(label(t('requests', 'new.noteReference'))).fill('NV/2026/E2E-17');
    await officer.getByLabel(label(t('requests', 'new.receivedOn'))).fill(day(-2));
    await officer.getByLabel(label(t('requests', 'new.responseDue'))).fill(day(14));
    await officer.getByLabel(label(t('requests', 'new.startDate'))).fill(day(60));
    await officer
      .getByLabel(label(t('requests', 'new.summary')))
      .fill('Policiers francophones pour le renforcement des capacités à Bamako.');
    const line = officer.getByRole('group', {
      name: t('requests', 'new.lineLegend', { number: '1' }),
    });
    await line
      .getByLabel(label(t('requests', 'new.lineFields.postTypeCode')))
      .selectOption('individual_police_officer');
    await line.getByLabel(label(t('requests', 'new.lineFields.postCount'))).fill('3');
    await line
      .getByLabel(label(t('requests', 'new.lineFields.locationId')))
      .selectOption({ label: 'Bamako' });
    await line
      .getByRole('button', { name: t('requests', 'new.addLanguage', { line: '1' }) })
      .click();
    // Focus moves to the new row's first field.
    await expect
      .poll(() => officer.evaluate(() => document.activeElement?.id))
      .toBe('request-lines-0-languages-0-language');
    await line.getByLabel(label(t('requests', 'new.lineFields.language'))).selectOption('fr');
    await line.getByLabel(label(t('requests', 'new.lineFields.minScore'))).fill('60');
    await line.getByLabel(t('requests', 'new.lineFields.womenSought')).check();
    await officer.getByRole('button', { name: t('requests', 'new.submit') }).click();

    await ready(officer, /R-\d{4}-\d{3}/);
    const requestPath = new URL(officer.url()).pathname;
    expect(requestPath).toMatch(/^\/fr\/requests\/[0-9a-f-]{36}$/);
    const number = /R-\d{4}-\d{3}/.exec(
      (await officer.getByRole('heading', { level: 1 }).textContent()) ?? '',
    )![0];
    await officer.getByText(t('requests', 'detail.registered', { number })).waitFor();
    const lines = officer.getByRole('table', {
      name: t('requests', 'detail.linesCaption', { number }),
    });
    await lines.getByRole('cell', { name: 'Bamako' }).waitFor();
    await lines.getByText(t('requests', 'detail.womenSought')).waitFor();

    // The note verbale is attached to the file.
    await officer.getByLabel(t('requests', 'documents.file'), { exact: true }).setInputFiles({
      name: 'note-verbale.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await officer.getByRole('button', { name: t('requests', 'documents.attach') }).click();
    await officer
      .getByRole('status')
      .getByText(t('requests', 'documents.attached', { name: 'note-verbale.pdf' }))
      .waitFor();
    await officer.getByRole('link', { name: 'note-verbale.pdf' }).waitFor();
    await axe(officer, 'request registered (fr)');

    // 2. Each partner records its support, each from its own account.
    for (const partner of ['GAC', 'PS', 'RCMP'] as const) {
      const account = partnerAccounts[partner]!;
      let context = partner === 'GAC' ? signedIn.decision_partner : undefined;
      if (!context || accounts.decision_partner.email !== account.email) {
        context = await newContext();
        const signIn = await newPage(context);
        await signIn.goto(`${base}/fr/sign-in`);
        await ready(signIn, t('auth', 'signIn.title'));
        await typeCredentials(signIn, lang, account.email, DEMO_PASSWORD);
        await ready(signIn, t('home', 'signedIn.title', { name: account.displayName }));
        await signIn.close();
      }
      const page = await newPage(context);
      await page.goto(`${base}${requestPath}`);
      await ready(page, t('requests', 'detail.title', { number }));
      const partnerName = t('common', `partners.${partner}`);
      const form = page.getByRole('form', {
        name: t('requests', 'positions.recordHeading', { partner: partnerName }),
      });
      await form
        .getByRole('radio', { name: t('requests', 'stances.support'), exact: true })
        .check();
      await form
        .getByLabel(label(t('requests', 'file.reasons')))
        .fill(`Mandat clair; position de ${partnerName}.`);
      if (partner === 'GAC') await axe(page, 'request with the position form (fr)');
      await form.getByRole('button', { name: t('requests', 'positions.record') }).click();
      await page
        .getByRole('status')
        .getByText(t('requests', 'positions.recorded', { partner: partnerName }))
        .waitFor();
      const row = page
        .getByRole('table', { name: t('requests', 'positions.caption', { number }) })
        .getByRole('row', { name: new RegExp(`^${partnerName}`) });
      await row.getByText(t('requests', 'stances.support'), { exact: true }).waitFor();
      await page.close();
    }

    // 3. The program officer records the decision: approved, ceiling of 3 officers.
    await officer.goto(`${base}${requestPath}`);
    await ready(officer, t('requests', 'detail.title', { number }));
    const decisionForm = officer.getByRole('form', { name: t('requests', 'decision.formHeading') });
    await decisionForm
      .getByRole('radio', { name: t('requests', 'outcomes.approved'), exact: true })
      .check();
    await decisionForm.getByLabel(label(t('requests', 'decision.ceiling'))).fill('3');
    await decisionForm.getByRole('button', { name: t('requests', 'decision.submit') }).click();
    await officer
      .getByRole('status')
      .getByText(
        t('requests', 'decision.recorded', { outcome: t('requests', 'outcomes.approved') }),
      )
      .waitFor();
    await officer
      .getByRole('heading', {
        level: 3,
        name: new RegExp(t('requests', 'decision.heading', { sequence: '1' })),
      })
      .getByText(t('requests', 'file.inForce'))
      .waitFor();
    // Closed to positions now; the status says decided.
    await officer.getByText(t('requests', 'statuses.decided'), { exact: false }).first().waitFor();
    // The bilingual decision file downloads as a PDF.
    const href = await officer
      .getByRole('link', { name: t('requests', 'detail.downloadFile') })
      .getAttribute('href');
    const pdf = await officer.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await axe(officer, 'request decided (fr)');

    // The decisions list links to it.
    await officer.goto(`${base}/fr/decisions?current=true`);
    await ready(officer, t('requests', 'decisionsList.title'));
    await officer.getByRole('link', { name: number }).waitFor();

    // 4. On the mission page, the program officer creates the posts from the approved line.
    await officer.goto(`${base}/fr/missions/${eucapId}`);
    await ready(officer, /EUCAP/);
    const postsForm = officer.getByRole('form', { name: t('planning', 'form.heading') });
    const option = postsForm.locator('option', { hasText: number });
    await option.waitFor({ state: 'attached' });
    await postsForm
      .getByLabel(label(t('planning', 'form.line')))
      .selectOption((await option.getAttribute('value'))!);
    // The line fills in its count, location and tour.
    await expect
      .poll(() => postsForm.getByLabel(label(t('planning', 'form.count'))).inputValue())
      .toBe('3');
    expect(await postsForm.getByLabel(label(t('planning', 'form.tourStart'))).inputValue()).toBe(
      day(60),
    );
    await postsForm.getByRole('button', { name: t('planning', 'form.submit') }).click();
    await officer
      .getByRole('status')
      .getByText(t('planning', 'form.created_other', { posts: '3' }))
      .waitFor();

    // The planning view shows them: in the table (vacant, in Bamako, from the tour start) ...
    const posts = officer.getByRole('table', {
      name: t('planning', 'table.caption', { mission: 'EUCAP Sahel Mali' }),
    });
    // As the app writes it (the first of a month is « 1er » in French).
    const startText = formatDate('fr', day(60));
    const newRows = posts
      .getByRole('row')
      .filter({ hasText: startText })
      .filter({ hasText: t('planning', 'statuses.vacant') });
    await expect.poll(() => newRows.count()).toBe(3);
    await newRows.first().getByText('Bamako').waitFor();
    // ... and in the timeline, whose caption points to the table.
    await officer.getByRole('figure', { name: t('planning', 'timeline.caption') }).waitFor();
    // The line has no posts left to create.
    await expect.poll(() => postsForm.locator('option', { hasText: number }).count()).toBe(0);
    await axe(officer, 'mission planning with the new posts (fr)');

    // Back on the request, the line counts its posts.
    await officer.goto(`${base}${requestPath}`);
    await ready(officer, t('requests', 'detail.title', { number }));
    await lines.getByRole('row').nth(1).getByRole('cell').last().getByText('3').waitFor();
    expect(cspMessages).toEqual([]);
    expect(pageErrors).toEqual([]);
    await officer.close();
  }, 180_000);
});
