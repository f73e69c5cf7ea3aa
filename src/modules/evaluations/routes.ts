import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate, idParams } from '../../kernel/http/schemas.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import {
  createEvaluation,
  findEvaluation,
  listEvaluations,
  updateEvaluation,
} from './evaluations.ts';
import { evaluationKinds, evaluationRatings } from './schema.ts';

const indicator = z.object({
  name: z.string().trim().min(1).max(200),
  value: z.string().trim().min(1).max(200),
  target: z.string().trim().max(200).nullish(),
});

const evaluationFields = {
  kind: z.enum(evaluationKinds),
  periodStart: isoDate,
  periodEnd: isoDate,
  rating: z.enum(evaluationRatings).meta({ description: 'Against the mission’s objectives.' }),
  indicators: z.array(indicator).max(50).optional(),
  lessonsLearned: z.string().max(20_000).optional(),
  recommendations: z.string().max(20_000).optional(),
};

const evaluation = z
  .object({
    id: z.uuid(),
    missionId: z.uuid(),
    mission: z.object({
      id: z.uuid(),
      acronym: z.string(),
      nameEn: z.string(),
      nameFr: z.string(),
    }),
    kind: z.enum(evaluationKinds),
    periodStart: z.string(),
    periodEnd: z.string(),
    rating: z.enum(evaluationRatings),
    indicators: z.array(indicator),
    lessonsLearned: z.string(),
    recommendations: z.string(),
    authorName: z.string().nullable(),
    version: z.number(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Evaluation' });

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/api/v1/evaluations',
    {
      config: { action: 'evaluation.list' },
      schema: {
        summary: 'Mission evaluations, latest period first',
        tags: ['evaluations'],
        querystring: z.object({
          missionId: z.uuid().optional(),
          kind: z.enum(evaluationKinds).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          ...pageQuery,
        }),
        response: { 200: pageOf(evaluation, 'EvaluationPage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'evaluation.list');
      const { page, pageSize, ...filters } = request.query;
      const only =
        actor.role === 'contingent_commander' ? { missionId: actor.missionId ?? '' } : undefined;
      return listEvaluations(db(), filters, { page, pageSize }, only);
    },
  );

  app.post(
    '/api/v1/evaluations',
    {
      config: { action: 'evaluation.create' },
      schema: {
        summary: 'Record a mission evaluation',
        tags: ['evaluations'],
        body: z.object({ missionId: z.uuid(), ...evaluationFields }).strict(),
        response: { 201: evaluation },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'evaluation.create');
      await authorize(app, request, 'evaluation.create', {
        id: request.body.missionId,
        missionId: request.body.missionId,
      });
      const created = await createEvaluation(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send((await findEvaluation(db(), created.id))!);
    },
  );

  async function evaluationFor(
    request: Parameters<typeof authorize>[1],
    action: 'evaluation.read' | 'evaluation.update',
    id: string,
  ) {
    return authorizedRecord(
      app,
      request,
      action,
      () => findEvaluation(db(), id),
      (found) => ({ id: found.id, missionId: found.missionId }),
    );
  }

  app.get(
    '/api/v1/evaluations/:id',
    {
      config: { action: 'evaluation.read' },
      schema: {
        summary: 'One mission evaluation',
        tags: ['evaluations'],
        params: idParams,
        response: { 200: evaluation },
      },
    },
    async (request) => evaluationFor(request, 'evaluation.read', request.params.id),
  );

  app.patch(
    '/api/v1/evaluations/:id',
    {
      config: { action: 'evaluation.update' },
      schema: {
        summary: 'Edit a mission evaluation',
        tags: ['evaluations'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            kind: evaluationFields.kind.optional(),
            periodStart: isoDate.optional(),
            periodEnd: isoDate.optional(),
            rating: evaluationFields.rating.optional(),
            indicators: evaluationFields.indicators,
            lessonsLearned: evaluationFields.lessonsLearned,
            recommendations: evaluationFields.recommendations,
          })
          .strict(),
        response: { 200: evaluation },
      },
    },
    async (request) => {
      await evaluationFor(request, 'evaluation.update', request.params.id);
      const { version, ...changes } = request.body;
      await updateEvaluation(
        db(),
        auditContextOf(app, request),
        request.params.id,
        version,
        changes,
      );
      return (await findEvaluation(db(), request.params.id))!;
    },
  );
};
