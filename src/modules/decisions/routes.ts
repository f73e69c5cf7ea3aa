import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../kernel/http/schemas.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { decision } from '../requests/routes.ts';
import { decisionOutcomes } from '../requests/schema.ts';
import { findDecision, listDecisions, recordDecision } from './decisions.ts';

const decisionListed = decision
  .extend({
    requestNumber: z.string(),
    mission: z.object({
      id: z.uuid(),
      acronym: z.string(),
      nameEn: z.string(),
      nameFr: z.string(),
    }),
    supersededById: z.uuid().nullable(),
  })
  .meta({ id: 'DecisionListed' });

export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/api/v1/decisions',
    {
      config: { action: 'decision.list' },
      schema: {
        summary: 'Joint decisions, newest first',
        tags: ['decisions'],
        querystring: z.object({
          outcome: z.enum(decisionOutcomes).optional(),
          missionId: z.uuid().optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          current: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({ description: 'true: only decisions in force (not superseded).' }),
          ...pageQuery,
        }),
        response: { 200: pageOf(decisionListed, 'DecisionPage') },
      },
    },
    async (request) => {
      await authorize(app, request, 'decision.list');
      const { page, pageSize, ...filters } = request.query;
      return listDecisions(db(), filters, { page, pageSize });
    },
  );

  app.get(
    '/api/v1/decisions/:id',
    {
      config: { action: 'decision.read' },
      schema: {
        summary: 'One decision (final: never edited; a later one may supersede it)',
        tags: ['decisions'],
        params: z.object({ id: z.uuid() }),
        response: {
          200: decision
            .extend({
              requestNumber: z.string(),
              missionId: z.uuid(),
              supersededById: z.uuid().nullable(),
            })
            .meta({ id: 'DecisionDetail' }),
        },
      },
    },
    async (request) => {
      return authorizedRecord(
        app,
        request,
        'decision.read',
        () => findDecision(db(), request.params.id),
        (found) => ({ id: found.id, missionId: found.missionId }),
      );
    },
  );

  app.post(
    '/api/v1/decisions',
    {
      config: { action: 'decision.record' },
      schema: {
        summary: 'Record the joint decision on a request',
        description:
          'Allowed when the partners’ positions allow the outcome under the configured rule (DECISION_RULE, default unanimous). Final once recorded: to change it, reopen the request (transition `reconsider`) and record a new decision, which supersedes this one.',
        tags: ['decisions'],
        body: z
          .object({
            requestId: z.uuid(),
            requestVersion: z.number().int().min(1),
            outcome: z.enum(decisionOutcomes),
            ceiling: z.number().int().min(0).max(2000).nullish(),
            conditions: z.string().trim().max(5000).nullish(),
            fundingNote: z.string().trim().max(5000).nullish(),
            decidedOn: isoDate,
          })
          .strict(),
        response: { 201: decision },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'decision.record');
      const { requestId, ...input } = request.body;
      const created = await recordDecision(
        db(),
        auditContextOf(app, request),
        app.ctx.config.decisionRule,
        requestId,
        input,
      );
      return reply.status(201).send(created);
    },
  );
};
