import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { codeAt, stepOf } from '../../kernel/auth/totp.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import {
  loginAtProvider,
  startOidcProvider,
  type TestProvider,
} from '../../../test/support/oidc.ts';
import { users } from '../users/schema.ts';
import { oidcLogins } from './schema.ts';

/**
 * Sign-in through an identity provider, end to end against a real OpenID Connect provider
 * (oidc-provider) running in this process: the app's start route, the provider's own login and
 * consent forms, the callback, then the session it opened.
 */

const redirectUri = 'http://app.peaceops.test/api/v1/session/oidc/callback';

describeDb('sign-in through the identity provider', () => {
  let t: TestApp;
  let idp: TestProvider;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUris: [redirectUri], clientSecret: 'test-secret' });
    idp.accounts.set('officer-at-idp', {
      email: 'OFFICER@test.peaceops.ca',
      email_verified: true,
      name: 'An officer',
    });
    idp.accounts.set('stranger', { email: 'nobody@elsewhere.example', email_verified: true });
    idp.accounts.set('unverified', { email: 'auditor@test.peaceops.ca', email_verified: false });
    idp.accounts.set('disabled', { email: 'partner_ps@test.peaceops.ca', email_verified: true });
    t = await startTestApp({
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri,
        scopes: 'openid email profile',
        accountClaim: 'email',
        label: { en: 'Sign in with Test IdP', fr: 'Se connecter avec Test IdP' },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** The browser's cookie binding it to its pending sign-in (set by the start route). */
  let browser = '';

  /** GET the start route: the provider's authorization URL. */
  async function start(query = '?lang=fr&next=/requests') {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/session/oidc${query}` });
    expect(res.statusCode, res.body).toBe(302);
    const binding = res.cookies.find((c) => c.name === 'peaceops_oidc')!;
    expect(binding).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/v1/session/oidc',
      maxAge: 600,
    });
    browser = `peaceops_oidc=${binding.value}`;
    return new URL(res.headers.location as string);
  }

  /** Visit the callback URL the provider sent the browser to (by default, the same browser). */
  async function callback(url: string, cookie = browser) {
    const { pathname, search } = new URL(url);
    return t.app.inject({
      method: 'GET',
      url: pathname + search,
      headers: cookie ? { cookie } : {},
    });
  }

  async function lastSignInAudit() {
    const [entry] = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'session.create'))
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    return entry!;
  }

  it('tells the sign-in page which methods there are', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session/methods' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      password: true,
      oidc: { label: { en: 'Sign in with Test IdP', fr: 'Se connecter avec Test IdP' } },
    });
  });

  it('signs in an existing account (e-mail matched without regard to case) with PKCE, state and nonce', async () => {
    const authorization = await start();
    expect(authorization.origin).toBe(idp.issuer);
    const params = authorization.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('redirect_uri')).toBe(redirectUri);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    // The pending sign-in is kept by the hash of its state, never the state itself.
    const [pending] = await t.db
      .select()
      .from(oidcLogins)
      .where(eq(oidcLogins.id, createHash('sha256').update(params.get('state')!).digest('hex')));
    expect(pending).toMatchObject({ lang: 'fr', next: '/requests' });

    const back = await loginAtProvider(authorization.href, 'officer-at-idp', redirectUri);
    const done = await callback(back);
    expect(done.statusCode, done.body).toBe(302);
    expect(done.headers.location).toBe('/fr/requests');
    // PKCE: the verifier went to the provider's token endpoint, and it matches the challenge.
    const verifier = idp.verifiers.at(-1)!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
      params.get('code_challenge'),
    );
    const cookie = done.cookies.find((c) => c.name === 'peaceops_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `peaceops_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: t.users.officer!.id, role: 'officer' });
    expect(await lastSignInAudit()).toMatchObject({
      actorId: t.users.officer!.id,
      recordId: t.users.officer!.id,
      outcome: 'ok',
      changes: { method: [null, 'oidc'] },
    });

    // The pending sign-in is used up: the same answer a second time is refused.
    const replay = await callback(back);
    expect(replay.statusCode).toBe(302);
    expect(replay.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(replay.cookies.find((c) => c.name === 'peaceops_session')).toBeUndefined();
    expect(await lastSignInAudit()).toMatchObject({
      outcome: 'denied',
      actorId: null,
      changes: { method: [null, 'oidc'], reason: [null, 'unknown_state'] },
    });
  });

  it('refuses an identity with no account here, audited without the e-mail', async () => {
    const back = await loginAtProvider((await start('?lang=en')).href, 'stranger', redirectUri);
    const done = await callback(back);
    expect(done.headers.location).toBe('/en/sign-in?error=oidc_no_account');
    expect(done.cookies.find((c) => c.name === 'peaceops_session')).toBeUndefined();
    const entry = await lastSignInAudit();
    expect(entry).toMatchObject({
      outcome: 'denied',
      recordType: 'session',
      changes: { reason: [null, 'no_account'] },
    });
    expect(JSON.stringify(entry)).not.toContain('elsewhere.example');
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const back = await loginAtProvider((await start('?lang=fr')).href, 'unverified', redirectUri);
    const done = await callback(back);
    expect(done.headers.location).toBe('/fr/sign-in?error=oidc_email_unverified');
    expect(await lastSignInAudit()).toMatchObject({
      outcome: 'denied',
      changes: { reason: [null, 'email_unverified'] },
    });
  });

  it('refuses a disabled account', async () => {
    await t.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.id, t.users.partner_ps!.id));
    const back = await loginAtProvider((await start()).href, 'disabled', redirectUri);
    const done = await callback(back);
    expect(done.headers.location).toBe('/fr/sign-in?error=oidc_no_account');
    expect(await lastSignInAudit()).toMatchObject({
      outcome: 'denied',
      recordId: t.users.partner_ps!.id,
      changes: { reason: [null, 'disabled'] },
    });
  });

  it('refuses a forged state, a missing one, and a callback without parameters', async () => {
    const back = new URL(
      await loginAtProvider((await start()).href, 'officer-at-idp', redirectUri),
    );
    back.searchParams.set('state', 'forged-state');
    const forged = await callback(back.href);
    expect(forged.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({
      changes: { reason: [null, 'unknown_state'] },
    });
    back.searchParams.delete('state');
    expect((await callback(back.href)).headers.location).toBe('/en/sign-in?error=oidc_failed');
    const bare = await t.app.inject({ method: 'GET', url: '/api/v1/session/oidc/callback' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({ changes: { reason: [null, 'no_state'] } });
  });

  it('refuses the answer in another browser than the one that started (login CSRF)', async () => {
    // Someone signs in at the provider as themself and sends the answer to a victim.
    const back = await loginAtProvider(
      (await start('?lang=en')).href,
      'officer-at-idp',
      redirectUri,
    );
    const victim = await callback(back, '');
    expect(victim.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(victim.cookies.find((c) => c.name === 'peaceops_session')).toBeUndefined();
    expect(await lastSignInAudit()).toMatchObject({
      changes: { reason: [null, 'other_browser'] },
    });
    // A browser with another pending sign-in of its own does no better, and the answer is used up.
    await start('?lang=en');
    const other = await callback(back);
    expect(other.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({
      changes: { reason: [null, 'unknown_state'] },
    });
  });

  it('refuses the code when the verifier does not match the challenge (the provider checks PKCE)', async () => {
    const authorization = await start('?lang=en');
    const state = authorization.searchParams.get('state')!;
    await t.db
      .update(oidcLogins)
      .set({ codeVerifier: 'x'.repeat(43) })
      .where(eq(oidcLogins.id, createHash('sha256').update(state).digest('hex')));
    const done = await callback(
      await loginAtProvider(authorization.href, 'officer-at-idp', redirectUri),
    );
    expect(done.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({ changes: { reason: [null, 'invalid_grant'] } });
  });

  it('refuses a pending sign-in older than 10 minutes', async () => {
    const authorization = await start('?lang=en');
    const back = await loginAtProvider(authorization.href, 'officer-at-idp', redirectUri);
    t.clock.advance(11 * 60_000);
    const done = await callback(back);
    expect(done.headers.location).toBe('/en/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({ changes: { reason: [null, 'expired'] } });
  });

  it('refuses the answer of a user who cancelled at the provider', async () => {
    const authorization = await start('?lang=fr');
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({
      error: 'access_denied',
      state: authorization.searchParams.get('state')!,
      iss: idp.issuer,
    }).toString();
    const done = await callback(back.href);
    expect(done.headers.location).toBe('/fr/sign-in?error=oidc_failed');
    expect(await lastSignInAudit()).toMatchObject({ changes: { reason: [null, 'access_denied'] } });
  });

  it('keeps `next` inside the site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const authorization = await start(`?lang=en&next=${encodeURIComponent(next)}`);
      const state = authorization.searchParams.get('state')!;
      const [pending] = await t.db
        .select()
        .from(oidcLogins)
        .where(eq(oidcLogins.id, createHash('sha256').update(state).digest('hex')));
      expect(pending!.next).toBe('/');
    }
  });
});

describeDb('sign-in through the identity provider: off, unreachable, rate-limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      loginRateLimit: 3,
      oidc: {
        // Nothing listens on port 9 (discard) here: discovery fails.
        issuer: 'http://127.0.0.1:9',
        clientId: 'peaceops',
        clientSecret: undefined,
        redirectUri,
        scopes: 'openid email',
        accountClaim: 'email',
        label: { en: 'IdP', fr: 'IdP' },
      },
    });
  });
  afterAll(() => t?.close());

  it('sends the browser back to the sign-in page when the provider cannot be reached, then limits the rate', async () => {
    const go = () => t.app.inject({ method: 'GET', url: '/api/v1/session/oidc?lang=fr' });
    const first = await go();
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('/fr/sign-in?error=oidc_unavailable');
    await go();
    await go();
    expect((await go()).statusCode).toBe(429);
  });

  it('without a provider configured, both routes send the browser back to the sign-in page', async () => {
    const off = await startTestApp();
    try {
      const methods = await off.app.inject({ method: 'GET', url: '/api/v1/session/methods' });
      expect(methods.json()).toEqual({ password: true, oidc: null });
      for (const url of ['/api/v1/session/oidc?lang=fr', '/api/v1/session/oidc/callback?code=x']) {
        const res = await off.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toMatch(/^\/(en|fr)\/sign-in\?error=oidc_unavailable$/);
      }
    } finally {
      await off.close();
    }
  });
});

describeDb('sign-in through the identity provider: another claim than e-mail', () => {
  let t: TestApp;
  let idp: TestProvider;
  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUris: [redirectUri] });
    // The organization's user name is the peaceops e-mail; its e-mail is something else, unverified.
    idp.accounts.set('auditor-at-idp', {
      preferred_username: 'Auditor@Test.Peaceops.ca',
      email: 'someone@elsewhere.example',
      email_verified: false,
    });
    idp.accounts.set('no-username', { email: 'auditor@test.peaceops.ca', email_verified: true });
    t = await startTestApp({
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: undefined,
        redirectUri,
        scopes: 'openid profile',
        accountClaim: 'preferred_username',
        label: { en: 'IdP', fr: 'IdP' },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  async function signInAs(login: string) {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session/oidc?lang=en' });
    const binding = res.cookies.find((c) => c.name === 'peaceops_oidc')!.value;
    const back = new URL(await loginAtProvider(res.headers.location as string, login, redirectUri));
    return t.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: `peaceops_oidc=${binding}` },
    });
  }

  it('maps the configured claim (a public client, PKCE alone)', async () => {
    const done = await signInAs('auditor-at-idp');
    expect(done.headers.location).toBe('/en/');
    const cookie = done.cookies.find((c) => c.name === 'peaceops_session')!;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `peaceops_session=${cookie.value}` },
    });
    expect(me.json().user.id).toBe(t.users.auditor!.id);
  });

  it('refuses an identity without the claim', async () => {
    const done = await signInAs('no-username');
    expect(done.headers.location).toBe('/en/sign-in?error=oidc_no_account');
  });
});

describeDb('sign-in through the identity provider, then the second factor', () => {
  let t: TestApp;
  let idp: TestProvider;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUris: [redirectUri], clientSecret: 'test-secret' });
    idp.accounts.set('officer-at-idp', { email: 'officer@test.peaceops.ca', email_verified: true });
    idp.accounts.set('planner-at-idp', {
      email: 'program_officer@test.peaceops.ca',
      email_verified: true,
    });
    t = await startTestApp({
      mfaRequiredRoles: ['program_officer'],
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri,
        scopes: 'openid email profile',
        accountClaim: 'email',
        label: { en: 'IdP', fr: 'IdP' },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Sign in at the provider; the app's answer and the session cookie it set. */
  async function signInAs(login: string) {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session/oidc?lang=en&next=/requests',
    });
    const binding = res.cookies.find((c) => c.name === 'peaceops_oidc')!.value;
    const back = new URL(await loginAtProvider(res.headers.location as string, login, redirectUri));
    const done = await t.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: `peaceops_oidc=${binding}` },
    });
    const session = done.cookies.find((c) => c.name === 'peaceops_session')!;
    return { done, cookie: `peaceops_session=${session.value}` };
  }

  const get = (url: string, cookie: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('a role that requires a second factor goes to enrol first, and reaches nothing else', async () => {
    const { done, cookie } = await signInAs('planner-at-idp');
    expect(done.headers.location).toBe('/en/account/second-factor?next=%2Frequests');
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/requests', cookie)).statusCode).toBe(401);
    const session = await get('/api/v1/session', cookie);
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ state: 'enrolment' });
    expect((await get('/api/v1/me/second-factor', cookie)).statusCode).toBe(200);
  });

  it('an account with a second factor gives its code after the provider', async () => {
    // The officer turns a second factor on (with a password session).
    const c = await t.as('officer');
    const started = await c.request('POST', '/api/v1/me/second-factor');
    const secret = started.json().secret as string;
    const step = stepOf(t.clock.now().getTime());
    const confirmed = await c.request('POST', '/api/v1/me/second-factor/confirm', {
      code: codeAt(secret, step),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const { done, cookie } = await signInAs('officer-at-idp');
    expect(done.headers.location).toBe('/en/sign-in?step=code&next=%2Frequests');
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    const session = await get('/api/v1/session', cookie);
    expect(session.json()).toMatchObject({ state: 'second_factor' });
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/second-factor',
      headers: { cookie, 'x-csrf-token': session.json().csrfToken },
      payload: { code: codeAt(secret, step + 1) },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const active = answer.cookies.find((k) => k.name === 'peaceops_session')!;
    const me = await get('/api/v1/me', `peaceops_session=${active.value}`);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: t.users.officer!.id });
  });
});
