import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc.ts';
import { axe, ensureWebBuild, launchChromium, ready, tr, watched, watchedPage } from './harness.ts';

/**
 * Sign-in through the identity provider in Chromium: the sign-in page shows the provider's
 * button, the user logs in at a real OpenID Connect provider (oidc-provider, its own login and
 * consent forms) and lands signed in on the page asked for. The provider is on `localhost`, the
 * app on 127.0.0.1: two sites, so the return to the app is a cross-site navigation, as in
 * production. The page passes axe in English and in French, with the button and with an error.
 */

let t: TestApp;
let idp: TestProvider;
let browser: Browser;
let base = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  ensureWebBuild();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const redirectUri = `${base}/api/v1/session/oidc/callback`;
  idp = await startOidcProvider({ redirectUris: [redirectUri], host: 'localhost' });
  idp.accounts.set('coordinator-at-idp', {
    email: 'agency_coordinator@test.peaceops.ca',
    email_verified: true,
  });
  t = await startTestApp({
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: undefined,
      redirectUri,
      scopes: 'openid email profile',
      accountClaim: 'email',
      label: { en: 'Sign in with Test IdP', fr: 'Se connecter avec Test IdP' },
    },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await idp?.close();
});

describe('sign-in through the identity provider in Chromium', () => {
  it('signs in at the provider and lands on the page asked for, signed in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await watchedPage(context);
    await page.goto(`${base}/en/sign-in?next=/account`);
    await ready(page, tr('en', 'auth', 'signIn.title'));
    await page.getByRole('link', { name: 'Sign in with Test IdP', exact: true }).click();
    // The provider's own development login form, then its consent form.
    await page.waitForURL((url) => url.hostname === 'localhost');
    await page.locator('input[name="login"]').fill('coordinator-at-idp');
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/en/account`);
    await ready(page, tr('en', 'account', 'title'));
    await expect
      .poll(() => page.getByText('agency_coordinator@test.peaceops.ca').count())
      .toBeGreaterThan(0);
    await context.close();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`shows the provider's button, and passes axe (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await watchedPage(context);
      await page.goto(`${base}/${lang}/sign-in`);
      await ready(page, tr(lang, 'auth', 'signIn.title'));
      const label = lang === 'en' ? 'Sign in with Test IdP' : 'Se connecter avec Test IdP';
      const button = page.getByRole('link', { name: label, exact: true });
      await button.waitFor();
      expect(await button.getAttribute('href')).toBe(`/api/v1/session/oidc?lang=${lang}&next=%2F`);
      await page
        .getByRole('heading', { level: 2, name: tr(lang, 'auth', 'signIn.providerHeading') })
        .waitFor();
      await axe(page, `sign-in with the provider (${lang})`);
      await context.close();
    });

    it(`shows why the provider's sign-in was refused, and passes axe (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await watchedPage(context);
      await page.goto(`${base}/${lang}/sign-in?error=oidc_no_account`);
      await ready(page, tr(lang, 'auth', 'signIn.title'));
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(tr(lang, 'errors', 'oidc_no_account'));
      await page.getByRole('link', { name: /Test IdP/ }).waitFor();
      await axe(page, `sign-in refused by the provider (${lang})`);
      await context.close();
    });
  }

  it('an unknown error code shows nothing', async () => {
    const context = await browser.newContext();
    const page = await watchedPage(context);
    await page.goto(`${base}/en/sign-in?error=<script>`);
    await ready(page, tr('en', 'auth', 'signIn.title'));
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('had no Content Security Policy message and no script error', () => {
    expect(watched.csp).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
