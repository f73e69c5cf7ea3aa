import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  auditContextOf,
  authorize,
  authorizedRecord,
  requireActor,
} from '../../kernel/http/context.ts';
import type { Action } from '../../kernel/policies.ts';
import {
  acceptInvitation,
  completePasswordReset,
  endSessions,
  forcePasswordReset,
  inviteUser,
  listSessions,
  resendInvitation,
  setUserDisabled,
  updateUser,
} from './admin.ts';
import { partners, roles } from './schema.ts';
import { addUser, findUser, listUsers } from './users.ts';

const user = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    partner: z.enum(partners).nullable(),
    agencyId: z.uuid().nullable(),
    missionId: z.uuid().nullable(),
    locale: z.enum(['en', 'fr']),
    disabled: z.boolean(),
    status: z.enum(['active', 'invited', 'disabled']),
    version: z.number(),
    createdAt: z.date(),
  })
  .meta({ id: 'User' });

const newUser = z
  .object({
    email: z.email().max(320),
    displayName: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(1024),
    role: z.enum(roles),
    partner: z.enum(partners).nullish(),
    agencyCode: z.string().max(40).nullish(),
    missionCode: z.string().max(60).nullish(),
    locale: z.enum(['en', 'fr']).optional(),
  })
  .strict();

const invitation = z
  .object({
    email: z.email().max(320),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    partner: z.enum(partners).nullish(),
    agencyCode: z.string().max(40).nullish(),
    missionCode: z.string().max(60).nullish(),
    locale: z.enum(['en', 'fr']).optional(),
  })
  .strict();

const userChange = z
  .object({
    role: z.enum(roles).optional(),
    partner: z.enum(partners).nullish(),
    agencyCode: z.string().max(40).nullish(),
    missionCode: z.string().max(60).nullish(),
    displayName: z.string().trim().min(1).max(200).optional(),
    locale: z.enum(['en', 'fr']).optional(),
    version: z.number().int().min(1),
  })
  .strict();

const versionOnly = z.object({ version: z.number().int().min(1) }).strict();

const linkUse = z
  .object({
    token: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .strict();

const session = z
  .object({
    id: z.string().meta({
      description: 'The stored id (a SHA-256 of the cookie token): it cannot open the session.',
    }),
    createdAt: z.date(),
    lastSeenAt: z.date(),
    expiresAt: z.date(),
    device: z
      .string()
      .nullable()
      .meta({ description: 'The browser at sign-in, coarse ("Chrome on Linux"); no IP address.' }),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

const idParams = z.object({ id: z.uuid() });
const sessionParams = z.object({ id: z.uuid(), sessionId: z.string().min(1).max(128) });

/**
 * The target account of an administration route, once the actor may act on it (403 for a role
 * that may not, 404 for an unknown account). Re-authentication before these changes goes here.
 */
async function adminTarget(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Action,
  id: string,
) {
  const actor = await authorize(app, request, action);
  const found = await findUser(app.ctx.database.db, id);
  if (!found) throw new AppError('not_found');
  return { actor, target: found };
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const { config } = app.ctx;
  const links = () => ({
    appUrl: config.appUrl,
    invitationHours: config.invitationHours,
    passwordResetHours: config.passwordResetHours,
  });
  const sessionPolicy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };
  const sendMail = () => void app.ctx.mailer?.deliver().catch(() => undefined);
  const sessionsOf = async (userId: string, currentId: string | null) =>
    (await listSessions(db(), userId, app.ctx.clock.now(), sessionPolicy)).map((s) => ({
      ...s,
      current: s.id === currentId,
    }));

  app.get(
    '/api/v1/users',
    {
      config: { action: 'user.list' },
      schema: {
        summary: 'Accounts',
        tags: ['users'],
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          role: z.enum(roles).optional(),
          status: z.enum(['active', 'invited', 'disabled']).optional(),
        }),
        response: { 200: z.array(user) },
      },
    },
    async (request) => {
      await authorize(app, request, 'user.list');
      return listUsers(db(), request.query);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { action: 'user.read' },
      schema: {
        summary: 'One account',
        tags: ['users'],
        params: z.object({ id: z.uuid() }),
        response: { 200: user },
      },
    },
    async (request) => {
      return authorizedRecord(
        app,
        request,
        'user.read',
        () => findUser(db(), request.params.id),
        (found) => ({ id: found.id, userId: found.id }),
      );
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { action: 'user.create' },
      schema: {
        summary: 'Create an account',
        description:
          'Scopes: a decision partner needs `partner`; an agency coordinator `agencyCode`; a contingent commander `missionCode`.',
        tags: ['users'],
        body: newUser,
        response: { 201: user },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'user.create');
      const created = await addUser(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/users/invitations',
    {
      config: { action: 'user.invite' },
      schema: {
        summary: 'Invite a user',
        description:
          'Creates the account with no usable password and e-mails a single-use link, valid ' +
          `${config.invitationHours} hours, in the invitee's language (the token is in the URL fragment). Scopes as for creating an account.`,
        tags: ['users'],
        body: invitation,
        response: { 201: user },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'user.invite');
      const created = await inviteUser(db(), auditContextOf(app, request), request.body, links());
      sendMail();
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/users/:id/invitation',
    {
      config: { action: 'user.invite' },
      schema: {
        summary: 'Send the invitation again',
        description: 'A new link replaces the previous one. Only for an account still invited.',
        tags: ['users'],
        params: idParams,
        body: versionOnly,
        response: { 200: user },
      },
    },
    async (request) => {
      await adminTarget(app, request, 'user.invite', request.params.id);
      const updated = await resendInvitation(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
        links(),
      );
      sendMail();
      return updated;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { action: 'user.update' },
      schema: {
        summary: 'Change an account’s role, scope, name or language',
        description:
          'A change of role or scope ends the account’s sessions. An administrator cannot change ' +
          'their own role or scope (403 self_change_refused); the last active administrator ' +
          'cannot be demoted (409 last_admin).',
        tags: ['users'],
        params: idParams,
        body: userChange,
        response: { 200: user },
      },
    },
    async (request) => {
      const { actor } = await adminTarget(app, request, 'user.update', request.params.id);
      return updateUser(db(), auditContextOf(app, request), actor, request.params.id, request.body);
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${verb}`,
      {
        config: { action: 'user.disable' },
        schema: {
          summary: disabled ? 'Disable an account' : 'Enable an account again',
          description: disabled
            ? 'Every session of the account ends. Not one’s own account, nor the last active administrator.'
            : 'The account can sign in again with its password.',
          tags: ['users'],
          params: idParams,
          body: disabled
            ? z
                .object({
                  reason: z.string().trim().min(1).max(500),
                  version: z.number().int().min(1),
                })
                .strict()
            : versionOnly,
          response: { 200: user },
        },
      },
      async (request) => {
        const { actor } = await adminTarget(app, request, 'user.disable', request.params.id);
        return setUserDisabled(
          db(),
          auditContextOf(app, request),
          actor,
          request.params.id,
          request.body as { version: number; reason?: string },
          disabled,
        );
      },
    );
  }

  app.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { action: 'user.resetPassword' },
      schema: {
        summary: 'Force a password reset',
        description:
          'The current password stops working, every session ends, and the user gets a ' +
          `single-use link valid ${config.passwordResetHours} hours to choose a new one.`,
        tags: ['users'],
        params: idParams,
        body: versionOnly,
        response: { 200: user },
      },
    },
    async (request) => {
      const { actor } = await adminTarget(app, request, 'user.resetPassword', request.params.id);
      const updated = await forcePasswordReset(
        db(),
        auditContextOf(app, request),
        actor,
        request.params.id,
        request.body,
        links(),
      );
      sendMail();
      return updated;
    },
  );

  app.get(
    '/api/v1/users/:id/sessions',
    {
      config: { action: 'user.session.list' },
      schema: {
        summary: 'An account’s active sessions',
        tags: ['users'],
        params: idParams,
        response: { 200: z.array(session) },
      },
    },
    async (request) => {
      await adminTarget(app, request, 'user.session.list', request.params.id);
      return sessionsOf(request.params.id, request.session?.sessionId ?? null);
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions',
    {
      config: { action: 'user.session.delete' },
      schema: {
        summary: 'End every session of an account',
        tags: ['users'],
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await adminTarget(app, request, 'user.session.delete', request.params.id);
      await endSessions(db(), auditContextOf(app, request), request.params.id, null);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions/:sessionId',
    {
      config: { action: 'user.session.delete' },
      schema: {
        summary: 'End one session of an account',
        tags: ['users'],
        params: sessionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await adminTarget(app, request, 'user.session.delete', request.params.id);
      await endSessions(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.params.sessionId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      config: { action: 'signed_in' },
      schema: {
        summary: 'My active sessions',
        tags: ['session'],
        response: { 200: z.array(session) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return sessionsOf(actor.id, request.session!.sessionId);
    },
  );

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      config: { action: 'signed_in' },
      schema: {
        summary: 'End one of my sessions',
        tags: ['session'],
        params: z.object({ sessionId: z.string().min(1).max(128) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await endSessions(db(), auditContextOf(app, request), actor.id, request.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  for (const [url, purpose] of [
    ['/api/v1/invitations/accept', 'invitation'],
    ['/api/v1/password-reset', 'password_reset'],
  ] as const) {
    app.post(
      url,
      {
        config: {
          action: 'public',
          csrf: false,
          rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' },
        },
        schema: {
          summary:
            purpose === 'invitation'
              ? 'Accept an invitation: choose a password'
              : 'Complete a password reset: choose a new password',
          description:
            'The token from the e-mailed link (its fragment). The link works once; a used, ' +
            'replaced or unknown one answers ' +
            (purpose === 'invitation'
              ? '`invitation_invalid`, an expired one `invitation_expired`.'
              : '`reset_invalid`, an expired one `reset_expired`.'),
          tags: ['session'],
          security: [],
          body: linkUse,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const use = purpose === 'invitation' ? acceptInvitation : completePasswordReset;
        await use(db(), auditContextOf(app, request), request.body);
        return reply.status(204).send(null);
      },
    );
  }
};
