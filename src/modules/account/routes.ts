import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../kernel/auth/sessions.ts';
import { auditContextOf, requireActor } from '../../kernel/http/context.ts';
import { abilitiesOf } from '../../kernel/policies.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { partners, roles } from '../users/schema.ts';
import { deviceOf } from '../users/rules.ts';
import { changePassword, signIn, signOut } from './account.ts';

const me = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      displayName: z.string(),
      role: z.enum(roles),
      partner: z.enum(partners).nullable(),
      agencyId: z.uuid().nullable(),
      missionId: z.uuid().nullable(),
      locale: z.enum(['en', 'fr']),
    }),
    csrfToken: z.string().meta({
      description: 'Send it in the x-csrf-token header of every POST, PUT, PATCH and DELETE.',
    }),
    abilities: z
      .array(z.string())
      .meta({ description: 'Policy actions this user may attempt; the UI shows only these.' }),
  })
  .meta({ id: 'Me' });

function meOf(actor: Actor, csrfToken: string) {
  return { user: actor, csrfToken, abilities: abilitiesOf(actor) };
}

function setSessionCookie(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
) {
  const secure =
    request.protocol === 'https' || (app.ctx.config.publicUrl?.startsWith('https:') ?? false);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;

  app.post(
    '/api/v1/session',
    {
      config: {
        action: 'public',
        csrf: false,
        rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Sign in',
        description:
          'Checks the email and password, starts a new session (a new id every time) and sets the session cookie. ' +
          `After ${config.loginMaxFailures} failures in a row the account is locked for ${config.loginLockMinutes} minutes (429).`,
        tags: ['session'],
        security: [],
        body: z.object({
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1024),
        }),
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const { actor, cookieToken, csrfToken } = await signIn(
        app.ctx.database.db,
        auditContextOf(app, request),
        request.body,
        {
          session: {
            idleMinutes: config.sessionIdleMinutes,
            absoluteHours: config.sessionAbsoluteHours,
          },
          lockout: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes },
        },
        deviceOf(request.headers['user-agent']),
      );
      setSessionCookie(app, request, reply, cookieToken);
      return meOf(actor, csrfToken);
    },
  );

  app.delete(
    '/api/v1/session',
    {
      config: { action: 'signed_in' },
      schema: { summary: 'Sign out', tags: ['session'], response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await signOut(
        app.ctx.database.db,
        auditContextOf(app, request),
        request.session!.sessionId,
        actor,
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { action: 'signed_in' },
      schema: {
        summary: 'The signed-in user, their role, scope and abilities',
        tags: ['session'],
        response: { 200: me },
      },
    },
    async (request) => meOf(requireActor(request), request.session!.csrfToken),
  );

  app.put(
    '/api/v1/me/password',
    {
      config: { action: 'signed_in', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        summary: 'Change my password',
        description: 'Ends every other session of the account.',
        tags: ['session'],
        body: z.object({
          currentPassword: z.string().min(1).max(1024),
          newPassword: z.string().min(1).max(1024),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await changePassword(
        app.ctx.database.db,
        auditContextOf(app, request),
        actor,
        request.session!.sessionId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );
};
