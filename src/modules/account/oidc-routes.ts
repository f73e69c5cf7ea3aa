import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../kernel/http/context.ts';
import {
  afterProviderSignIn,
  beginOidcLogin,
  completeOidcLogin,
  langOf,
  oidcClient,
  type OidcError,
  OidcRefusal,
  PENDING_MINUTES,
} from './oidc.ts';
import { setSessionCookie } from './routes.ts';
import { deviceOf } from '../users/rules.ts';

/** Binds a pending sign-in to the browser that started it; Lax, as the provider sends the browser back cross-site. */
export const OIDC_COOKIE = 'peaceops_oidc';
const OIDC_COOKIE_PATH = '/api/v1/session/oidc';

const redirect = z.null().meta({ description: 'A redirect (302); see the Location header.' });

function signInPage(lang: 'en' | 'fr', error: OidcError): string {
  return `/${lang}/sign-in?error=${error}`;
}

/**
 * Sign-in through the organization's identity provider (OpenID Connect), when OIDC_ISSUER is
 * set. Both routes are browser navigations: they answer redirects, never JSON, so a failure
 * lands on the sign-in page with a translated message (?error=<code>).
 */
export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const oidc = config.oidc ? oidcClient(config.oidc) : null;
  const secureCookies = (protocol: string) =>
    protocol === 'https' || (config.publicUrl?.startsWith('https:') ?? false);
  const rateLimit = { max: config.loginRateLimit, timeWindow: '1 minute' };
  const sessionPolicy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    mfaRequiredRoles: config.mfaRequiredRoles,
  };

  app.get(
    '/api/v1/session/methods',
    {
      config: { action: 'public', rateLimit },
      schema: {
        summary: 'The ways to sign in',
        description:
          'Password sign-in always; the identity provider (OpenID Connect) with its button text when configured.',
        tags: ['session'],
        security: [],
        response: {
          200: z.object({
            password: z.literal(true),
            oidc: z.object({ label: z.object({ en: z.string(), fr: z.string() }) }).nullable(),
          }),
        },
      },
    },
    async () => ({
      password: true as const,
      oidc: config.oidc ? { label: config.oidc.label } : null,
    }),
  );

  app.get(
    '/api/v1/session/oidc',
    {
      config: { action: 'public', csrf: false, rateLimit },
      schema: {
        summary: 'Sign in through the identity provider',
        description:
          'Redirects (302) to the identity provider with a new state, nonce and PKCE challenge (S256); the ' +
          'pending sign-in is kept 10 minutes. `next` is a path inside the app (without its language) to land ' +
          'on after signing in; anything else is ignored. Without a provider configured, or when it cannot be ' +
          'reached, redirects to `/{lang}/sign-in?error=oidc_unavailable`.',
        tags: ['session'],
        security: [],
        querystring: z.object({
          lang: z.string().max(5).optional(),
          next: z.string().max(2000).optional(),
        }),
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const lang = langOf(request.query.lang);
      if (!oidc) return reply.redirect(signInPage(lang, 'oidc_unavailable'), 302);
      try {
        const { url, browserBinding } = await beginOidcLogin(
          app.ctx.database.db,
          oidc,
          app.ctx.clock.now(),
          { lang, next: request.query.next ?? '/' },
        );
        reply.setCookie(OIDC_COOKIE, browserBinding, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookies(request.protocol),
          maxAge: PENDING_MINUTES * 60,
        });
        return reply.redirect(url.href, 302);
      } catch (error) {
        if (error instanceof OidcRefusal) {
          request.log.warn({ reason: error.reason }, 'identity provider unavailable');
          return reply.redirect(signInPage(lang, error.code), 302);
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/session/oidc/callback',
    {
      config: { action: 'public', csrf: false, rateLimit },
      schema: {
        summary: 'Return from the identity provider',
        description:
          'The redirect URI registered at the identity provider (OIDC_REDIRECT_URI). Consumes the pending ' +
          'sign-in (once), exchanges the code with the PKCE verifier, checks the ID token and its nonce, and ' +
          'maps the configured claim (OIDC_ACCOUNT_CLAIM, e-mail by default, which must be verified) to an ' +
          'existing, enabled account. Success: sets the session cookie and redirects (302) to `/{lang}{next}`. ' +
          'Any failure, including a call without parameters, a replayed or forged state, is audited and ' +
          'redirects (302) to `/{lang}/sign-in?error=<code>` (oidc_failed, oidc_no_account, ' +
          'oidc_email_unverified, oidc_unavailable).',
        tags: ['session'],
        security: [],
        querystring: z
          .object({
            code: z.string().max(4096).optional(),
            state: z.string().max(1024).optional(),
            iss: z.string().max(2048).optional(),
            error: z.string().max(1024).optional(),
            error_description: z.string().max(4096).optional(),
          })
          .loose(),
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const query = request.raw.url?.split('?')[1] ?? '';
      if (!oidc) return reply.redirect(signInPage('en', 'oidc_unavailable'), 302);
      const browserBinding = request.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      try {
        const done = await completeOidcLogin(
          app.ctx.database.db,
          auditContextOf(app, request),
          oidc,
          query,
          browserBinding,
          sessionPolicy,
          deviceOf(request.headers['user-agent']),
        );
        setSessionCookie(app, request, reply, done.cookieToken);
        return reply.redirect(afterProviderSignIn(done), 302);
      } catch (error) {
        if (error instanceof OidcRefusal) {
          request.log.info(
            { reason: error.reason },
            'sign-in through the identity provider refused',
          );
          return reply.redirect(signInPage(error.lang, error.code), 302);
        }
        throw error;
      }
    },
  );
};
