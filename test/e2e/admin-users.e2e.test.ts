import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { smtpSink } from '../support/smtp.ts';
import {
  axe,
  ensureWebBuild,
  label,
  launchChromium,
  ready,
  signedInContexts,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * Account administration in Chromium: a program administrator invites a user from the
 * Administration pages; the invitation goes out over real SMTP in the invitee's language; the
 * invitee opens the link in a fresh browser, chooses a password and signs in. Every new page
 * passes axe in English and in French.
 */

let t: TestApp;
let browser: Browser;
let sink: Awaited<ReturnType<typeof smtpSink>>;
let base = '';
const NEW_PASSWORD = 'a long and uncommon passphrase 19';
const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);

beforeAll(async () => {
  ensureWebBuild();
  sink = await smtpSink();
  t = await startTestApp({ smtpUrl: sink.url });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Links in e-mail point to this server.
  t.config.appUrl = base;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
  sink?.close();
});

describe('account administration in Chromium', () => {
  it('invites a user, who accepts in a fresh browser and signs in', async () => {
    const page = await watchedPage(await sessions.signedIn('program_admin'));
    await page.goto(`${base}/en/`);
    await page.getByRole('link', { name: tr('en', 'common', 'nav.admin'), exact: true }).click();
    await ready(page, tr('en', 'users', 'admin.title'));
    await page.getByRole('link', { name: tr('en', 'users', 'admin.users.title') }).click();
    await ready(page, tr('en', 'users', 'list.title'));
    await page.getByRole('link', { name: tr('en', 'users', 'list.invite') }).click();
    await ready(page, tr('en', 'users', 'invite.title'));

    const email = 'e2e-invitee@test.peaceops.ca';
    await page.getByLabel(label(tr('en', 'users', 'fields.email'))).fill(email);
    await page.getByLabel(label(tr('en', 'users', 'fields.displayName'))).fill('Élise Invitée');
    await page.getByLabel(label(tr('en', 'users', 'fields.role'))).selectOption('auditor');
    await page.getByLabel(label(tr('en', 'users', 'fields.locale'))).selectOption('fr');
    await page.getByRole('button', { name: tr('en', 'users', 'invite.submit') }).click();
    await ready(page, 'Élise Invitée');
    await page.getByText(tr('en', 'users', 'invite.sent', { email })).waitFor();
    await page
      .getByText(tr('en', 'users', 'statuses.invited'))
      .first()
      .waitFor();
    await axe(page, 'a user just invited (en)');
    await page.close();

    await t.app.ctx.mailer!.deliver();
    const mail = sink.received.find((m) => m.to.includes(email));
    expect(mail?.language).toBe('fr-CA');
    expect(mail?.subject).toBe(tr('fr', 'mail', 'invitation.subject'));
    const link = /(http:\/\/\S+\/fr\/invitation#[A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    expect(link).toBeTruthy();

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const invitee = await watchedPage(fresh);
      await invitee.goto(link!);
      await ready(invitee, tr('fr', 'users', 'setPassword.invitationTitle'));
      await axe(invitee, 'invitation (fr)');
      await invitee
        .getByLabel(label(tr('fr', 'users', 'setPassword.password')), { exact: false })
        .first()
        .fill(NEW_PASSWORD);
      await invitee.getByLabel(label(tr('fr', 'users', 'setPassword.confirm'))).fill(NEW_PASSWORD);
      await invitee.getByRole('button', { name: tr('fr', 'users', 'setPassword.submit') }).click();
      await invitee.getByText(tr('fr', 'users', 'setPassword.doneTitle')).waitFor();
      await axe(invitee, 'invitation accepted (fr)');
      await invitee.getByRole('link', { name: tr('fr', 'users', 'setPassword.signIn') }).click();
      await ready(invitee, tr('fr', 'auth', 'signIn.title'));
      await invitee.getByLabel(label(tr('fr', 'auth', 'signIn.email'))).fill(email);
      await invitee.getByLabel(label(tr('fr', 'auth', 'signIn.password'))).fill(NEW_PASSWORD);
      await invitee.getByRole('button', { name: tr('fr', 'auth', 'signIn.submit') }).click();
      await invitee.getByText('Élise Invitée').first().waitFor();
      // The link works once.
      await invitee.goto(link!);
      await ready(invitee, tr('fr', 'users', 'setPassword.invitationTitle'));
      await invitee
        .getByLabel(label(tr('fr', 'users', 'setPassword.password')))
        .first()
        .fill(NEW_PASSWORD);
      await invitee.getByLabel(label(tr('fr', 'users', 'setPassword.confirm'))).fill(NEW_PASSWORD);
      await invitee.getByRole('button', { name: tr('fr', 'users', 'setPassword.submit') }).click();
      await invitee
        .getByText(tr('fr', 'errors', 'invitation_invalid'))
        .first()
        .waitFor();
    } finally {
      await fresh.close();
    }
  });

  describe('the new pages pass axe (WCAG 2.1 AA) in English and in French', () => {
    it.each(['en', 'fr'] as const)('%s', async (lang: Lang) => {
      const page = await watchedPage(await sessions.signedIn('program_admin'));
      // The officer has a session for the administrator to see.
      await sessions.signedIn('officer');
      const before = watched.csp.length;
      const visit = async (path: string, heading: string, name: string) => {
        await page.goto(`${base}/${lang}${path}`);
        await ready(page, heading);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await axe(page, `${name} (${lang})`);
      };
      await visit('/admin', tr(lang, 'users', 'admin.title'), 'administration');
      await visit('/admin/users', tr(lang, 'users', 'list.title'), 'users');
      await visit('/admin/users?role=officer', tr(lang, 'users', 'list.title'), 'users filtered');
      await visit('/admin/users/new', tr(lang, 'users', 'invite.title'), 'invite');
      await visit(
        `/admin/users/${t.users.officer!.id}`,
        t.users.officer!.email.split('@')[0]!,
        'a user',
      );
      await page.getByRole('table', { name: tr(lang, 'users', 'sessions.caption') }).waitFor();
      await visit('/account', tr(lang, 'account', 'title'), 'my account with sessions');
      await page.getByRole('heading', { name: tr(lang, 'users', 'sessions.yours') }).waitFor();
      await visit(
        '/reset-password#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        tr(lang, 'users', 'setPassword.resetTitle'),
        'reset password',
      );
      await visit(
        '/invitation',
        tr(lang, 'users', 'setPassword.invitationTitle'),
        'invitation without a link',
      );
      expect(watched.csp.slice(before)).toEqual([]);
      await page.close();
    });
  });

  it('shows no Administration link to a program officer', async () => {
    const page = await watchedPage(await sessions.signedIn('program_officer'));
    await page.goto(`${base}/en/`);
    await page.locator('gcds-header.hydrated').waitFor();
    await page
      .getByRole('link', { name: tr('en', 'common', 'nav.statistics') })
      .first()
      .waitFor();
    expect(
      await page.getByRole('link', { name: tr('en', 'common', 'nav.admin'), exact: true }).count(),
    ).toBe(0);
    await page.close();
  });
});
