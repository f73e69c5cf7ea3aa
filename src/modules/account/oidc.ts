import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { actorOf, type Actor } from '../../kernel/auth/actor.ts';
import { beginSession, type SessionPolicy } from '../../kernel/auth/sessions.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { users, type Role, type SessionState } from '../users/schema.ts';
import { oidcLogins } from './schema.ts';

/**
 * Sign-in through the organization's identity provider: OpenID Connect authorization code flow
 * with PKCE (S256), state and nonce, by openid-client. The pending sign-in lives in the
 * database (oidc_logins), so any app server can take the callback. The provider's answer is
 * mapped to an existing account by one claim (e-mail by default); nobody is created here.
 */

export const PENDING_MINUTES = 10;

/** Why a sign-in through the provider did not start or did not finish: a code the sign-in page translates. */
export const oidcErrors = [
  'oidc_unavailable',
  'oidc_failed',
  'oidc_no_account',
  'oidc_email_unverified',
] as const;
export type OidcError = (typeof oidcErrors)[number];

export class OidcRefusal extends Error {
  readonly code: OidcError;
  /** The audited reason (never a claim's value). */
  readonly reason: string;
  /** The language to answer in (the pending sign-in's, once known). */
  readonly lang: 'en' | 'fr';
  constructor(code: OidcError, reason: string, lang: 'en' | 'fr' = 'en') {
    super(code);
    this.code = code;
    this.reason = reason;
    this.lang = lang;
  }
}

export function stateKey(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/** Where to go after signing in: only a path inside this site (no //host, no backslash, no scheme). */
/**
 * Pure rule: where the browser goes after the provider's answer. A full session goes to the page
 * asked for; one that must still give its code goes to the sign-in page's code step; one that
 * must enrol a second factor (its role requires one) to the enrolment page, then on.
 */
export function afterProviderSignIn(done: {
  state: SessionState;
  lang: 'en' | 'fr';
  next: string;
}): string {
  const next = encodeURIComponent(done.next);
  if (done.state === 'second_factor') return `/${done.lang}/sign-in?step=code&next=${next}`;
  if (done.state === 'enrolment') return `/${done.lang}/account/second-factor?next=${next}`;
  return `/${done.lang}${done.next}`;
}

export function safeNextPath(next: string | undefined | null): string {
  if (!next || next.length > 500) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return '/';
  return next;
}

export function langOf(value: unknown): 'en' | 'fr' {
  return value === 'fr' ? 'fr' : 'en';
}

/** http issuers are allowed only on this machine (tests, a local provider); anything else must be https. */
export function insecureAllowed(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The provider's configuration, discovered on first use and kept (a failed discovery is retried). */
export function oidcClient(config: OidcConfig) {
  let discovered: Promise<client.Configuration> | null = null;
  return {
    config,
    async configuration(): Promise<client.Configuration> {
      discovered ??= client
        .discovery(
          new URL(config.issuer),
          config.clientId,
          config.clientSecret,
          config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(),
          insecureAllowed(config.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          discovered = null;
          throw error;
        });
      return discovered;
    },
  };
}
export type OidcClient = ReturnType<typeof oidcClient>;

/** Start a sign-in: store the pending login and return the provider's authorization URL. */
export async function beginOidcLogin(
  db: Db,
  oidc: OidcClient,
  now: Date,
  input: { lang: 'en' | 'fr'; next: string },
): Promise<{ url: URL; browserBinding: string }> {
  let configuration: client.Configuration;
  try {
    configuration = await oidc.configuration();
  } catch {
    throw new OidcRefusal('oidc_unavailable', 'discovery_failed', input.lang);
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const browserBinding = client.randomState();
  await db.transaction(async (tx) => {
    // The abandoned ones go as new ones come.
    await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
    await tx.insert(oidcLogins).values({
      id: stateKey(state),
      nonce,
      codeVerifier,
      browserHash: stateKey(browserBinding),
      lang: input.lang,
      next: safeNextPath(input.next),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
    });
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.config.redirectUri,
    scope: oidc.config.scopes,
    response_type: 'code',
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    ui_locales: input.lang === 'fr' ? 'fr-CA fr en' : 'en-CA en fr',
  });
  return { url, browserBinding };
}

/**
 * The one place a session starts for a user authenticated elsewhere than by their password.
 * The session and its audit entry are exactly those of a password sign-in, with the method.
 */
export async function signInWithProvider(
  tx: Tx,
  ctx: AuditContext,
  user: typeof users.$inferSelect,
  method: 'oidc',
  policy: SessionPolicy & { mfaRequiredRoles: readonly Role[] },
  device: string | null = null,
): Promise<{ actor: Actor; cookieToken: string; csrfToken: string; state: SessionState }> {
  // The same gate as a password sign-in: an account with a second factor, or whose role requires
  // one, still gives its code (or enrols) here; the provider proved the first factor only.
  const started = await beginSession(tx, user, ctx.now, policy, {
    secondFactorSatisfied: false,
    device,
  });
  await writeAudit(
    tx,
    { ...ctx, actorId: user.id, actorRole: user.role },
    {
      action: 'session.create',
      recordType: 'user',
      recordId: user.id,
      changes: {
        method: [null, method],
        ...(started.state === 'active' ? {} : { state: [null, started.state] }),
      },
    },
  );
  return { actor: actorOf(user), ...started };
}

async function refuse(
  db: Db,
  ctx: AuditContext,
  refusal: OidcRefusal,
  user?: typeof users.$inferSelect,
): Promise<never> {
  await db.transaction((tx) =>
    writeAudit(tx, user ? { ...ctx, actorId: user.id, actorRole: user.role } : ctx, {
      action: 'session.create',
      recordType: user ? 'user' : 'session',
      recordId: user?.id ?? null,
      outcome: 'denied',
      changes: { method: [null, 'oidc'], reason: [null, refusal.reason] },
    }),
  );
  throw refusal;
}

/**
 * Finish a sign-in at the callback: consume the pending login (single use), check it comes back
 * to the browser that started it, let openid-client
 * check the answer (state, issuer, code exchange with the PKCE verifier, ID token signature and
 * nonce), map the claim to an account and start a session. Every refusal is audited and thrown
 * as an OidcRefusal carrying the language to answer in.
 */
export async function completeOidcLogin(
  db: Db,
  ctx: AuditContext,
  oidc: OidcClient,
  callbackQuery: string,
  /** The value of the browser's peaceops_oidc cookie, if it sent one. */
  browserBinding: string | undefined,
  policy: SessionPolicy & { mfaRequiredRoles: readonly Role[] },
  device: string | null = null,
): Promise<{
  actor: Actor;
  cookieToken: string;
  csrfToken: string;
  state: SessionState;
  lang: 'en' | 'fr';
  next: string;
}> {
  const currentUrl = new URL(oidc.config.redirectUri);
  currentUrl.search = callbackQuery;
  const state = currentUrl.searchParams.get('state');
  if (!state) return refuse(db, ctx, new OidcRefusal('oidc_failed', 'no_state'));
  const [pending] = await db
    .delete(oidcLogins)
    .where(eq(oidcLogins.id, stateKey(state)))
    .returning();
  if (!pending) return refuse(db, ctx, new OidcRefusal('oidc_failed', 'unknown_state'));
  const lang = langOf(pending.lang);
  if (pending.expiresAt <= ctx.now)
    return refuse(db, ctx, new OidcRefusal('oidc_failed', 'expired', lang));
  // Another browser than the one that started (a captured answer sent to a victim): refused.
  if (!browserBinding || stateKey(browserBinding) !== pending.browserHash)
    return refuse(db, ctx, new OidcRefusal('oidc_failed', 'other_browser', lang));
  let configuration: client.Configuration;
  try {
    configuration = await oidc.configuration();
  } catch {
    return refuse(db, ctx, new OidcRefusal('oidc_unavailable', 'discovery_failed', lang));
  }
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    // Providers may give the profile claims only at the userinfo endpoint.
    if (claims[oidc.config.accountClaim] === undefined && tokens.access_token) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
  } catch (error) {
    // The provider's error code (access_denied, invalid_grant...) or the library's, never a value.
    const code =
      (error as { error?: unknown }).error ?? (error as { code?: unknown }).code ?? 'rejected';
    const reason = typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : 'rejected';
    return refuse(db, ctx, new OidcRefusal('oidc_failed', reason, lang));
  }
  const value = claims[oidc.config.accountClaim];
  if (typeof value !== 'string' || value.trim() === '')
    return refuse(db, ctx, new OidcRefusal('oidc_no_account', 'claim_missing', lang));
  if (oidc.config.accountClaim === 'email' && claims.email_verified !== true)
    return refuse(db, ctx, new OidcRefusal('oidc_email_unverified', 'email_unverified', lang));
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${value.trim()})`);
  if (!user) return refuse(db, ctx, new OidcRefusal('oidc_no_account', 'no_account', lang));
  if (user.disabledAt)
    return refuse(db, ctx, new OidcRefusal('oidc_no_account', 'disabled', lang), user);
  const started = await db.transaction((tx) =>
    signInWithProvider(tx, ctx, user, 'oidc', policy, device),
  );
  return { ...started, lang, next: safeNextPath(pending.next) };
}
