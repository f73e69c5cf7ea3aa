import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { idParams } from '../../kernel/http/schemas.ts';
import { withMessages, type Locale } from '../../kernel/i18n.ts';
import type { ReadinessItem } from '../training/readiness.ts';
import {
  findDeployment,
  moveDeployment,
  readinessBoard,
  scopeOfDeployment,
} from './deployments.ts';
import { deploymentStates } from './schema.ts';

/** A deployment as answered: its readiness items with their messages in the caller's language. */
function shown<D extends { readiness: { items: ReadinessItem[]; blocking: number } }>(
  locale: Locale,
  deployment: D,
) {
  return {
    ...deployment,
    readiness: { ...deployment.readiness, items: withMessages(locale, deployment.readiness.items) },
  };
}

export const deploymentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const today = () => isoDateOf(app.ctx.clock.now());
  const deploymentFor = (
    request: Parameters<typeof authorize>[1],
    action: 'deployment.read' | 'deployment.move',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findDeployment(db(), id, today()),
      scopeOfDeployment,
    );

  app.get(
    '/api/v1/deployments/:id',
    {
      config: { action: 'deployment.read' },
      schema: {
        summary:
          'A deployment with its readiness checklist (each item done, missing or expiring, and what to do)',
        tags: ['deployments'],
        params: idParams,
      },
    },
    async (request) => {
      const found = await deploymentFor(request, 'deployment.read', request.params.id);
      return shown(request.locale, found);
    },
  );

  app.post(
    '/api/v1/deployments/:id/transitions',
    {
      config: { action: 'deployment.move' },
      schema: {
        summary: 'Move a deployment (ready needs every readiness item done)',
        description:
          'A program administrator may move a deployment to `ready` with items not done by giving `override.reason`; the override is audited with the items that were not done. Otherwise 409 `readiness_incomplete` names them.',
        tags: ['deployments'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            to: z.enum(deploymentStates),
            reason: z.string().max(2000).optional(),
            override: z
              .object({ reason: z.string().max(2000) })
              .strict()
              .optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.move', request.params.id);
      const { version, ...input } = request.body;
      await moveDeployment(
        db(),
        auditContextOf(app, request),
        request.params.id,
        version,
        input,
        today(),
      );
      const found = (await findDeployment(db(), request.params.id, today()))!;
      return shown(request.locale, found);
    },
  );

  app.get(
    '/api/v1/readiness',
    {
      config: { action: 'readiness.board' },
      schema: {
        summary: 'The readiness board: deployments still to leave, with what blocks each',
        description:
          'A coordinator sees their agency’s officers; a contingent commander, their mission.',
        tags: ['deployments'],
        querystring: z.object({ missionId: z.uuid().optional(), agencyId: z.uuid().optional() }),
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'readiness.board');
      const filters = { ...request.query };
      if (actor.role === 'agency_coordinator') filters.agencyId = actor.agencyId ?? undefined;
      if (actor.role === 'contingent_commander') filters.missionId = actor.missionId ?? undefined;
      const rows = await readinessBoard(db(), filters, today());
      return rows.map((r) => shown(request.locale, r));
    },
  );
};
