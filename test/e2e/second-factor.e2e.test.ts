import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { secondFactors } from '../../src/modules/account/schema.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepOf } from '../../src/kernel/auth/totp.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import {
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
 * The second factor in Chromium: an officer enrols from the account page (QR code, manual key,
 * first code computed here with otpauth, recovery codes shown once), signs out and signs in with
 * a code; in French, with a recovery code; an auditor, whose role requires it here, is sent to
 * enrol right after the password; a stale session is asked to re-authenticate before an e-mail
 * change. Every page passes axe in English and French.
 */

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp({ mfaRequiredRoles: ['auditor'], reauthMinutes: 10 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const step = () => stepOf(t.clock.now().getTime());

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return watchedPage(context);
}

async function signIn(page: Page, lang: Lang, key: string) {
  await page.goto(`${base}/${lang}/sign-in`);
  await ready(page, tr(lang, 'auth', 'signIn.title'));
  await page.getByLabel(label(tr(lang, 'auth', 'signIn.email'))).fill(t.users[key]!.email);
  await page.getByLabel(label(tr(lang, 'auth', 'signIn.password'))).fill(PASSWORD);
  await page.getByRole('button', { name: tr(lang, 'auth', 'signIn.submit') }).click();
}

/** On the second-factor page: set it up, confirm with a code, and read the recovery codes. */
async function enrol(page: Page, lang: Lang) {
  await page.getByRole('button', { name: tr(lang, 'account', 'secondFactor.start') }).click();
  await page.getByRole('img', { name: tr(lang, 'account', 'secondFactor.qrAlt') }).waitFor();
  await axe(page, `second factor setup (${lang})`);
  const secret = (
    await page.getByLabel(tr(lang, 'account', 'secondFactor.manualKey')).innerText()
  ).replace(/\s+/g, '');
  // A wrong code first: the field says so.
  await page
    .getByLabel(label(tr(lang, 'account', 'secondFactor.code')))
    .fill(codeAt(secret, step() + 3));
  await page.getByRole('button', { name: tr(lang, 'account', 'secondFactor.confirm') }).click();
  await page.locator('.field__error').first().waitFor();
  await axe(page, `second factor setup with an error (${lang})`);
  await page
    .getByLabel(label(tr(lang, 'account', 'secondFactor.code')))
    .fill(codeAt(secret, step()));
  await page.getByRole('button', { name: tr(lang, 'account', 'secondFactor.confirm') }).click();
  await page
    .getByRole('heading', { name: tr(lang, 'account', 'secondFactor.codesHeading') })
    .waitFor();
  const codes = await page.locator('.recovery-codes code').allInnerTexts();
  expect(codes).toHaveLength(10);
  await axe(page, `recovery codes (${lang})`);
  return { secret, codes };
}

describe('the second factor in Chromium', () => {
  it('an officer enrols from the account page, signs out, and signs in with a code', async () => {
    const page = await newPage();
    await signIn(page, 'en', 'officer');
    await page.waitForURL(`${base}/en/`);
    await page.goto(`${base}/en/account`);
    await ready(page, tr('en', 'account', 'title'));
    await page.getByText(tr('en', 'account', 'secondFactor.statusOff')).waitFor();
    await axe(page, 'account page (en)');
    await page.getByRole('link', { name: tr('en', 'account', 'secondFactor.manage') }).click();
    await ready(page, tr('en', 'account', 'secondFactor.title'));
    await axe(page, 'second factor page (en)');
    const { secret } = await enrol(page, 'en');
    await page.getByRole('link', { name: tr('en', 'account', 'secondFactor.continue') }).click();
    await ready(page, tr('en', 'account', 'title'));
    await page.getByText(tr('en', 'account', 'secondFactor.statusOn')).waitFor();
    await page.getByRole('button', { name: tr('en', 'common', 'header.signOut') }).click();
    await page.waitForURL(`${base}/en/`);

    t.clock.advance(30_000);
    await signIn(page, 'en', 'officer');
    await ready(page, tr('en', 'auth', 'signIn.codeTitle'));
    await axe(page, 'sign-in code step (en)');
    await page.getByLabel(label(tr('en', 'auth', 'signIn.code'))).fill(codeAt(secret, step()));
    await page.getByRole('button', { name: tr('en', 'auth', 'signIn.codeSubmit') }).click();
    await page.waitForURL(`${base}/en/`);
    await page.goto(`${base}/en/account`);
    await ready(page, tr('en', 'account', 'title'));

    // Eleven minutes on, changing the e-mail asks for the password and a code first.
    t.clock.advance(11 * 60_000);
    await page
      .getByLabel(label(tr('en', 'account', 'email.new')))
      .fill('officer.new@test.peaceops.ca');
    await page.getByRole('button', { name: tr('en', 'account', 'email.submit') }).click();
    await page.getByRole('heading', { name: tr('en', 'account', 'reauth.heading') }).waitFor();
    await axe(page, 're-authentication (en)');
    await page.getByLabel(label(tr('en', 'account', 'reauth.password'))).fill(PASSWORD);
    await page.getByLabel(label(tr('en', 'account', 'reauth.code'))).fill(codeAt(secret, step()));
    await page.getByRole('button', { name: tr('en', 'account', 'reauth.submit') }).click();
    await page.getByText(tr('en', 'account', 'email.success')).waitFor();
    await page.getByText('officer.new@test.peaceops.ca').first().waitFor();
    await page.context().close();
  });

  it('in French, enrols and signs in with a recovery code', async () => {
    const page = await newPage();
    await signIn(page, 'fr', 'agency_coordinator');
    await page.waitForURL(`${base}/fr/`);
    await page.goto(`${base}/fr/account/second-factor`);
    await ready(page, tr('fr', 'account', 'secondFactor.title'));
    await axe(page, 'second factor page (fr)');
    const { codes } = await enrol(page, 'fr');
    await page.context().clearCookies();

    await signIn(page, 'fr', 'agency_coordinator');
    await ready(page, tr('fr', 'auth', 'signIn.codeTitle'));
    await axe(page, 'sign-in code step (fr)');
    await page.getByRole('button', { name: tr('fr', 'auth', 'signIn.useRecoveryCode') }).click();
    await page.getByLabel(label(tr('fr', 'auth', 'signIn.recoveryCode'))).fill(codes[0]!);
    await page.getByRole('button', { name: tr('fr', 'auth', 'signIn.codeSubmit') }).click();
    await page.waitForURL(`${base}/fr/`);
    await page.context().close();
  });

  it('sends an auditor, whose role requires it, to enrol right after the password', async () => {
    for (const lang of ['en', 'fr'] as const) {
      if (lang === 'fr') {
        // The auditor enrolled in English: reset for the French pass.
        await t.db.delete(secondFactors).where(eq(secondFactors.userId, t.users.auditor!.id));
      }
      const page = await newPage();
      await signIn(page, lang, 'auditor');
      await ready(page, tr(lang, 'account', 'secondFactor.title'));
      await page.getByText(tr(lang, 'account', 'secondFactor.requiredNotice')).waitFor();
      await axe(page, `forced enrolment (${lang})`);
      await enrol(page, lang);
      await page.getByRole('link', { name: tr(lang, 'account', 'secondFactor.continue') }).click();
      await page.waitForURL(`${base}/${lang}/`);
      await page.context().close();
      t.clock.advance(30_000);
    }
  });

  it('saw no CSP message and no script error', () => {
    expect(watched.csp).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
