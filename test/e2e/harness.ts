import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';

/**
 * What the browser tests share: translations by key, the web build, Chromium, axe, and a watch on
 * every page for Content Security Policy messages and script errors.
 */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webOut = path.join(root, 'dist/web/index.html');

export type Lang = 'en' | 'fr';
type Json = { [key: string]: string | Json };

const text = { en: {} as Record<string, Json>, fr: {} as Record<string, Json> };
for (const lang of ['en', 'fr'] as const) {
  for (const file of fs.readdirSync(path.join(root, 'locales', lang))) {
    if (!file.endsWith('.json')) continue;
    text[lang][file.slice(0, -'.json'.length)] = JSON.parse(
      fs.readFileSync(path.join(root, 'locales', lang, file), 'utf8'),
    ) as Json;
  }
}

/** A translated string by namespace and dotted key, with {{placeholders}} filled in. */
export function tr(
  lang: Lang,
  ns: string,
  key: string,
  values: Record<string, string | number> = {},
): string {
  let node: string | Json | undefined = text[lang][ns];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no translation ${lang}:${ns}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
    values[name] !== undefined ? String(values[name]) : `{{${name}}}`,
  );
}

/** A field's label: its text, then possibly "(required)". */
export function label(value: string): RegExp {
  return new RegExp(`^${escapeRegExp(value)}`);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

export function ensureWebBuild() {
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** Pages opened through `watch` report CSP messages and script errors here. */
export const watched = { csp: [] as string[], errors: [] as string[], loads: 0 };

export async function watchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      watched.csp.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watched.errors.push(`${page.url()}: ${error.message}`));
  page.on('load', () => watched.loads++);
  return page;
}

/** Wait until the page shows this h1 and the GC Design System header and footer are rendered. */
export async function ready(page: Page, heading: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('gcds-header.hydrated').waitFor();
  await page.locator('gcds-footer.hydrated').waitFor();
  // Every section still loading (a page may load several at once) has finished.
  await expect
    .poll(() => page.locator('main [role="status"].loading').count(), { timeout: 30_000 })
    .toBe(0);
}

/** axe with the WCAG 2.1 A and AA rules: no violation. */
export async function axe(page: Page, name: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
  expect(violations, `axe violations on ${name}:\n${violations.join('\n')}`).toEqual([]);
}

/** The id of the element that has focus. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

/** Does focus sit inside (or on) the element matched by this selector? */
export function focusWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    (s) => document.activeElement?.closest(s) !== null && document.activeElement !== document.body,
    selector,
  );
}

/**
 * Browser contexts signed in as each user, made on first use (the session cookie is set through
 * the API, not the sign-in page) and closed together. `optionsFor` chooses a user's screen (a
 * phone for an officer in the field); a desktop window by default.
 */
export function signedInContexts(
  target: () => { browser: Browser; base: string },
  credentials: (user: string) => { email: string; password: string },
  optionsFor: (user: string) => BrowserContextOptions = () => ({
    viewport: { width: 1280, height: 900 },
  }),
) {
  const made = new Map<string, BrowserContext>();
  return {
    async signedIn(user: string): Promise<BrowserContext> {
      const existing = made.get(user);
      if (existing) return existing;
      const { browser, base } = target();
      const context = await browser.newContext(optionsFor(user));
      const answer = await context.request.post(`${base}/api/v1/session`, {
        data: credentials(user),
      });
      expect(answer.status(), `sign-in of ${user}`).toBe(200);
      made.set(user, context);
      return context;
    },
    async closeAll() {
      for (const context of made.values()) await context.close().catch(() => {});
      made.clear();
    },
  };
}
