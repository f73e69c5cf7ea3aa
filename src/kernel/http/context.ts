import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Actor } from '../auth/actor.ts';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  recentlyAuthenticated,
  resolveSession,
  type ResolvedSession,
} from '../auth/sessions.ts';
import type { SessionState } from '../../modules/users/schema.ts';
import { writeAudit, type AuditContext } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import type { Mailer } from '../mail/mail.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { AppError } from '../errors.ts';
import { pickLocale, type Locale } from '../i18n.ts';
import { actionExists, inScope, roleMay, type Action, type ScopedRecord } from '../policies.ts';

export interface AppContext {
  database: Database;
  config: Config;
  clock: Clock;
  /** Set when the server starts closing (SIGTERM): readiness answers 503 from then on. */
  shuttingDown: boolean;
  /** Sends queued e-mail over SMTP; null without SMTP_URL (messages stay in the outbox). */
  mailer: Mailer | null;
  /** The job queue, when started (the server); null in most tests. */
  jobs: Jobs | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    locale: Locale;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** The policy action this route is authorized by, or 'public' for routes open to anyone. */
    action?: Action | 'public' | 'signed_in';
    /** false: route accepts unsafe methods without a CSRF token (sign-in only). */
    csrf?: boolean;
    /**
     * Pending session states this route also serves (the second sign-in step, enrolment, sign
     * out). Every other route sees a pending session as no session at all (401).
     */
    sessionStates?: SessionState[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The host of an Origin header, or null when it is not a URL ("null", garbage). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Session, locale and CSRF for every API request. */
export function registerRequestContext(app: FastifyInstance) {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('session', null);
  refuseNulCharacters(app);

  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    request.locale = pickLocale(
      request.headers['accept-language'],
      typeof query?.lang === 'string' ? query.lang : undefined,
    );
    if (!request.url.startsWith('/api/v1/')) return;

    const cookieToken = request.cookies[SESSION_COOKIE];
    if (cookieToken) {
      const { database, clock, config } = app.ctx;
      request.session = await resolveSession(database.db, cookieToken, clock.now(), {
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
      });
      // A session waiting for its second factor (or an enrolment) reaches only the routes made
      // for that step: everywhere else it is as if signed out.
      const state = request.session?.state;
      if (
        state &&
        state !== 'active' &&
        !request.routeOptions.config?.sessionStates?.includes(state)
      )
        request.session = null;
    }

    // Authentication before validation: a signed-out caller learns nothing about a route's input.
    const action = request.routeOptions.config?.action;
    if (!request.session && action !== 'public' && request.routeOptions.url)
      throw new AppError('unauthenticated');

    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return;
    // A cross-site page cannot send JSON or custom headers without CORS (which we never grant);
    // on top of that, an Origin that is not ours is refused, and a session needs its token.
    const origin = request.headers.origin;
    if (origin && hostOf(origin) !== request.headers.host) throw new AppError('csrf_invalid');
    if (request.session) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
        await auditDenied(app, request, 'csrf', 'session', null);
        throw new AppError('csrf_invalid');
      }
    }
  });
}

/** Where a value holds a NUL character (dotted paths, "" for the value itself). */
export function nulCharacterPaths(value: unknown, path = '', depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 64) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    nulCharacterPaths(v, path ? `${path}.${k}` : k, depth + 1),
  );
}

/**
 * PostgreSQL text cannot hold a NUL character: a request that sends one (in a path, a query
 * string or a JSON body) is refused at the edge, naming the field, before any query sees it.
 */
export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const paths = [
      ...nulCharacterPaths(request.params),
      ...nulCharacterPaths(request.query),
      ...nulCharacterPaths(request.body),
    ];
    if (paths.length)
      throw new AppError(
        'validation_failed',
        {},
        paths.map((path) => ({ path, code: 'validation.nul_character' })),
      );
  });
}

export function auditContextOf(app: FastifyInstance, request: FastifyRequest): AuditContext {
  const actor = request.session?.actor;
  return {
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    requestId: request.id,
    now: app.ctx.clock.now(),
  };
}

async function auditDenied(
  app: FastifyInstance,
  request: FastifyRequest,
  action: string,
  recordType: string,
  recordId: string | null,
) {
  await app.ctx.database.db.transaction((tx) =>
    writeAudit(tx, auditContextOf(app, request), {
      action,
      recordType,
      recordId,
      outcome: 'denied',
    }),
  );
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('unauthenticated');
  return request.session.actor;
}

/**
 * Sensitive changes (second factor, password, e-mail, administration): 403
 * `reauthentication_required` unless the session signed in or re-authenticated within
 * REAUTH_MINUTES (POST /api/v1/session/reauthenticate).
 */
export function requireRecentAuthentication(app: FastifyInstance, request: FastifyRequest): void {
  const session = request.session;
  if (!session) throw new AppError('unauthenticated');
  const { clock, config } = app.ctx;
  if (!recentlyAuthenticated(session.authenticatedAt, clock.now(), config.reauthMinutes))
    throw new AppError('reauthentication_required', { minutes: config.reauthMinutes });
}

/**
 * Ask the policy registry. A role that may never do the action gets 403; a record outside the
 * actor's scope gets 404, the same answer as a missing record. Refusals are audited.
 */
export async function authorize(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Action,
  record?: ScopedRecord & { type?: string },
): Promise<Actor> {
  const actor = requireActor(request);
  if (!actionExists(action)) throw new Error(`unknown policy action ${action}`);
  const [recordType] = action.split('.');
  if (!roleMay(actor, action)) {
    await auditDenied(app, request, action, recordType ?? action, record?.id ?? null);
    throw new AppError('forbidden');
  }
  if (record && !inScope(actor, action, record)) {
    await auditDenied(app, request, action, recordType ?? action, record.id);
    throw new AppError('not_found');
  }
  return actor;
}

/**
 * The record an action is about, once the actor may act on it: 403 when the role may never do
 * the action (asked before the database is read), 404 when the record is missing or outside the
 * actor's scope (the same answer for both).
 */
export async function authorizedRecord<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Action,
  find: () => Promise<T | null>,
  scopeOf: (record: T) => ScopedRecord,
): Promise<T> {
  await authorize(app, request, action);
  const found = await find();
  if (!found) throw new AppError('not_found');
  await authorize(app, request, action, scopeOf(found));
  return found;
}
