import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const status = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { action: 'public' },
      schema: { summary: 'The process is up', tags: ['health'], response: { 200: status } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { action: 'public' },
      schema: {
        summary: 'The database is reachable and the process is not shutting down',
        tags: ['health'],
        response: { 200: status, 503: status },
      },
    },
    async (_request, reply) => {
      if (app.ctx.shuttingDown) return reply.status(503).send({ status: 'unavailable' });
      try {
        await app.ctx.database.ping();
        return { status: 'ok' as const, database: app.ctx.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: app.ctx.database.kind });
      }
    },
  );
};
