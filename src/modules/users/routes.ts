import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
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

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/api/v1/users',
    {
      config: { action: 'user.list' },
      schema: { summary: 'Accounts', tags: ['users'], response: { 200: z.array(user) } },
    },
    async (request) => {
      await authorize(app, request, 'user.list');
      return listUsers(db());
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
};
