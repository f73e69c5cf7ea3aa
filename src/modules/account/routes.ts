import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../kernel/auth/sessions.ts';
import { secretKeyFor } from '../../kernel/auth/secretbox.ts';
import {
  auditContextOf,
  authorize,
  requireActor,
  requireRecentAuthentication,
} from '../../kernel/http/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { abilitiesOf } from '../../kernel/policies.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { partners, roles, sessionStates } from '../users/schema.ts';
import { deviceOf } from '../users/rules.ts';
import { changePassword, signIn, signOut } from './account.ts';
import {
  changeEmail,
  completeSignIn,
  confirmEnrolment,
  reauthenticate,
  regenerateRecoveryCodes,
  removeSecondFactor,
  secondFactorStatus,
  startEnrolment,
} from './second-factor.ts';

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

/** The answer of a sign-in that is not complete yet: no user, no abilities, only the next step. */
const pendingSignIn = z
  .object({
    secondFactor: z.enum(['required', 'enrolment_required']).meta({
      description:
        'required: send a code to POST /api/v1/session/second-factor; enrolment_required: the role ' +
        'requires a second factor, enrol it (POST /api/v1/me/second-factor, then .../confirm).',
    }),
    user: z.null(),
    csrfToken: z.string(),
    abilities: z.array(z.string()).max(0),
  })
  .meta({ id: 'PendingSignIn' });

const recoveryCodesAnswer = z.object({
  recoveryCodes: z
    .array(z.string())
    .meta({ description: 'Shown once; each works once, instead of a code.' }),
});

const code = z.string().trim().min(1).max(16);

function meOf(actor: Actor, csrfToken: string) {
  return { user: actor, csrfToken, abilities: abilitiesOf(actor) };
}

export function setSessionCookie(
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
        response: { 200: z.union([me, pendingSignIn]) },
      },
    },
    async (request, reply) => {
      const { actor, cookieToken, csrfToken, state } = await signIn(
        app.ctx.database.db,
        auditContextOf(app, request),
        request.body,
        {
          session: {
            idleMinutes: config.sessionIdleMinutes,
            absoluteHours: config.sessionAbsoluteHours,
          },
          lockout: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes },
          mfaRequiredRoles: config.mfaRequiredRoles,
        },
        deviceOf(request.headers['user-agent']),
      );
      setSessionCookie(app, request, reply, cookieToken);
      if (state === 'active') return meOf(actor, csrfToken);
      return {
        secondFactor:
          state === 'second_factor' ? ('required' as const) : ('enrolment_required' as const),
        user: null,
        csrfToken,
        abilities: [],
      };
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { action: 'signed_in', sessionStates: ['second_factor', 'enrolment'] },
      schema: {
        summary: 'The state of my session',
        description:
          '`active`, `second_factor` (a code is awaited: `POST /api/v1/session/second-factor`) or `enrolment` (the role requires a second factor: enrol first), with the CSRF token, so a page opened after a redirect (sign-in through the identity provider) or reloaded can carry on the step.',
        tags: ['session'],
        response: {
          200: z.object({
            state: z.enum(sessionStates),
            csrfToken: z.string(),
          }),
        },
      },
    },
    async (request) => ({
      state: request.session!.state,
      csrfToken: request.session!.csrfToken,
    }),
  );

  app.delete(
    '/api/v1/session',
    {
      config: { action: 'signed_in', sessionStates: ['second_factor', 'enrolment'] },
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
      // The current password the body carries is the re-authentication here.
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

  const lockout = () => ({
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
  });
  const key = () =>
    secretKeyFor({
      secretKey: config.secretKey,
      dataDir: config.dataDir,
      embedded: app.ctx.database.kind === 'embedded',
    });

  app.post(
    '/api/v1/session/second-factor',
    {
      config: {
        action: 'signed_in',
        sessionStates: ['second_factor'],
        rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Sign in: the second step',
        description:
          'After the password, an account with a second factor sends a code from its authenticator ' +
          'app (one step of drift either way is accepted; a code works once) or one of its recovery ' +
          'codes. Wrong codes count toward the lockout. The session then gets a new cookie.',
        tags: ['session'],
        body: z
          .object({ code: code.optional(), recoveryCode: code.max(32).optional() })
          .refine((b) => !!b.code !== !!b.recoveryCode, {
            message: 'Send either code or recoveryCode',
          }),
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const session = request.session!;
      if (session.state !== 'second_factor') throw new AppError('invalid_transition');
      const { actor, cookieToken } = await completeSignIn(
        app.ctx.database.db,
        auditContextOf(app, request),
        session,
        request.body,
        lockout(),
        key(),
      );
      setSessionCookie(app, request, reply, cookieToken);
      return meOf(actor, session.csrfToken);
    },
  );

  app.post(
    '/api/v1/session/reauthenticate',
    {
      // An enrolment session too: enrolling needs a recent authentication.
      config: {
        action: 'signed_in',
        sessionStates: ['enrolment'],
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Confirm who I am before a sensitive change',
        description:
          'The password, and a code when the account has a second factor. Sensitive changes (second ' +
          `factor, e-mail, administration) need a sign-in or re-authentication in the last ${config.reauthMinutes} minutes ` +
          '(else 403 reauthentication_required).',
        tags: ['session'],
        body: z.object({
          password: z.string().min(1).max(1024),
          code: code.optional(),
          recoveryCode: code.max(32).optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await reauthenticate(
        app.ctx.database.db,
        auditContextOf(app, request),
        actor,
        request.session!.sessionId,
        request.body,
        lockout(),
        key,
      );
      return reply.status(204).send(null);
    },
  );

  const status = z
    .object({
      enabled: z.boolean(),
      enabledAt: z.iso.datetime({ offset: true }).nullable(),
      required: z.boolean().meta({ description: 'The role requires a second factor.' }),
      recoveryCodesLeft: z.number().int(),
    })
    .meta({ id: 'SecondFactorStatus' });

  app.get(
    '/api/v1/me/second-factor',
    {
      config: { action: 'account.second_factor', sessionStates: ['enrolment'] },
      schema: {
        summary: 'My second factor: on or off, required or not, recovery codes left',
        tags: ['session'],
        response: { 200: status },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'account.second_factor');
      return secondFactorStatus(app.ctx.database.db, actor, config.mfaRequiredRoles);
    },
  );

  app.post(
    '/api/v1/me/second-factor',
    {
      config: { action: 'account.second_factor', sessionStates: ['enrolment'] },
      schema: {
        summary: 'Start setting up a second factor (TOTP)',
        description:
          'A new secret, to scan as a QR code or type in an authenticator app; not active until ' +
          'confirmed with a first code. Needs a recent sign-in or re-authentication.',
        tags: ['session'],
        response: {
          200: z
            .object({
              otpauthUri: z.string(),
              secret: z.string().meta({ description: 'Base32, for manual entry.' }),
              qrCode: z.string().meta({ description: 'data:image/svg+xml URL of the QR code.' }),
            })
            .meta({ id: 'SecondFactorEnrolment' }),
        },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'account.second_factor');
      requireRecentAuthentication(app, request);
      reply.header('cache-control', 'no-store');
      return startEnrolment(app.ctx.database.db, auditContextOf(app, request), actor, key());
    },
  );

  app.post(
    '/api/v1/me/second-factor/confirm',
    {
      config: {
        action: 'account.second_factor',
        sessionStates: ['enrolment'],
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Confirm the second factor with a first code',
        description:
          'Activates it and answers 10 recovery codes, shown this once. Other sessions of the account end; ' +
          'a session that could only enrol becomes a full session (new cookie).',
        tags: ['session'],
        body: z.object({ code }),
        response: { 200: recoveryCodesAnswer },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'account.second_factor');
      requireRecentAuthentication(app, request);
      const done = await confirmEnrolment(
        app.ctx.database.db,
        auditContextOf(app, request),
        actor,
        request.session!,
        request.body.code,
        key(),
      );
      if (done.cookieToken) setSessionCookie(app, request, reply, done.cookieToken);
      reply.header('cache-control', 'no-store');
      return { recoveryCodes: done.recoveryCodes };
    },
  );

  app.delete(
    '/api/v1/me/second-factor',
    {
      config: { action: 'account.second_factor' },
      schema: {
        summary: 'Remove my second factor',
        description: 'Refused (409) when my role requires one. Needs a recent re-authentication.',
        tags: ['session'],
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'account.second_factor');
      requireRecentAuthentication(app, request);
      await removeSecondFactor(
        app.ctx.database.db,
        auditContextOf(app, request),
        actor,
        config.mfaRequiredRoles,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/second-factor/recovery-codes',
    {
      config: { action: 'account.second_factor' },
      schema: {
        summary: 'New recovery codes',
        description: 'The old ones stop working. Needs a recent re-authentication.',
        tags: ['session'],
        response: { 200: recoveryCodesAnswer },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'account.second_factor');
      requireRecentAuthentication(app, request);
      reply.header('cache-control', 'no-store');
      return {
        recoveryCodes: await regenerateRecoveryCodes(
          app.ctx.database.db,
          auditContextOf(app, request),
          actor,
        ),
      };
    },
  );

  app.put(
    '/api/v1/me/email',
    {
      config: { action: 'account.change_email', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        summary: 'Change my e-mail address',
        description:
          'Needs a recent re-authentication; the old address is told by e-mail (409 email_taken when another account has it).',
        tags: ['session'],
        body: z.object({ email: z.email().max(320) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'account.change_email');
      requireRecentAuthentication(app, request);
      await changeEmail(
        app.ctx.database.db,
        auditContextOf(app, request),
        actor,
        request.body.email,
      );
      return reply.status(204).send(null);
    },
  );
};
