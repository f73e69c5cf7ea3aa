import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate, text, bilingual, idParams } from '../../kernel/http/schemas.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { missionStatuses, riskLevels } from '../reference/schema.ts';
import { createMission, findMission, listMissions, updateMission } from './missions.ts';
import { createPosts, missionPlan, updatePost } from './posts.ts';
import { postStatuses } from './schema.ts';

export const mission = z
  .object({
    id: z.uuid(),
    code: z.string(),
    acronym: z.string(),
    ...bilingual,
    organizationCode: z.string(),
    hostCountryCode: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    status: z.enum(missionStatuses),
    workingLanguage: z.enum(['en', 'fr']),
    riskLevel: z.enum(riskLevels),
    armed: z.boolean(),
    headquarters: z.string().nullable(),
    authorizedStrength: z.number().int(),
    version: z.number(),
  })
  .meta({ id: 'Mission' });

const missionDetail = mission
  .extend({
    locations: z.array(
      z.object({
        id: z.uuid(),
        ...bilingual,
        latitude: z.string().nullable(),
        longitude: z.string().nullable(),
      }),
    ),
    commanders: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  })
  .meta({ id: 'MissionDetail' });

export const newMission = z
  .object({
    code: z.string().trim().max(60).nullish(),
    acronym: text(40),
    nameEn: text(300),
    nameFr: text(300),
    organizationCode: text(20),
    hostCountryCode: z.string().length(2),
    startDate: isoDate,
    endDate: isoDate.nullish(),
    workingLanguage: z.enum(['en', 'fr']),
    riskLevel: z.enum(riskLevels).optional(),
    armed: z.boolean().optional(),
    headquarters: z.string().trim().max(200).nullish(),
    locations: z
      .array(
        z.object({
          nameEn: text(200),
          nameFr: text(200),
          latitude: z.string().max(20).nullish(),
          longitude: z.string().max(20).nullish(),
        }),
      )
      .max(100)
      .optional(),
  })
  .strict()
  .meta({ id: 'NewMission' });

const missionChanges = z
  .object({
    version: z.number().int().min(1),
    nameEn: text(300).optional(),
    nameFr: text(300).optional(),
    acronym: text(40).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.nullish(),
    status: z.enum(missionStatuses).optional(),
    workingLanguage: z.enum(['en', 'fr']).optional(),
    riskLevel: z.enum(riskLevels).optional(),
    armed: z.boolean().optional(),
    headquarters: z.string().trim().max(200).nullish(),
  })
  .strict();

const languageRequirement = z.object({ language: z.string(), minScore: z.number() });
const post = z
  .object({
    id: z.uuid(),
    missionId: z.uuid(),
    seq: z.number().int(),
    reference: z.string(),
    requestLineId: z.uuid().nullable(),
    postTypeCode: z.string(),
    teamCode: z.string().nullable(),
    locationId: z.uuid().nullable(),
    requirements: z.object({
      languages: z.array(languageRequirement),
      minRankCode: z.string().nullable(),
      minYearsService: z.number().nullable(),
      skills: z.array(z.string()),
      womenSought: z.boolean(),
    }),
    tourStart: z.string(),
    tourEnd: z.string(),
    status: z.enum(postStatuses),
    succeedsPostId: z.uuid().nullable(),
    successorId: z.uuid().nullable(),
    gapBeforeDays: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Days from the predecessor’s end: >0 a gap, <0 a hand-over overlap.' }),
    version: z.number(),
  })
  .meta({ id: 'Post' });

const plan = z
  .object({
    missionId: z.uuid(),
    authorizedStrength: z.number().int(),
    peak: z.number().int().meta({ description: 'Most posts held at once on any day.' }),
    heldToday: z.number().int(),
    counts: z.object({ vacant: z.number(), filled: z.number(), cancelled: z.number() }),
    posts: z.array(post),
  })
  .meta({ id: 'MissionPlan' });

const postParams = z.object({ id: z.uuid(), postId: z.uuid() });

export const missionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const today = () => isoDateOf(app.ctx.clock.now());

  /** The mission, or 404 when it is missing or outside the caller's scope for the action. */
  async function missionFor(
    request: Parameters<typeof authorize>[1],
    action: 'mission.read' | 'mission.update' | 'post.list' | 'post.create' | 'post.update',
    id: string,
  ) {
    return authorizedRecord(
      app,
      request,
      action,
      () => findMission(db(), id),
      (found) => ({ id: found.id, missionId: found.id }),
    );
  }

  app.get(
    '/api/v1/missions',
    {
      config: { action: 'mission.list' },
      schema: {
        summary: 'Missions since 1989, with search and filters',
        tags: ['missions'],
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          organization: z.string().max(20).optional(),
          country: z.string().length(2).optional(),
          status: z.enum(missionStatuses).optional(),
          from: isoDate.optional().meta({ description: 'Running on or after this date.' }),
          to: isoDate.optional().meta({ description: 'Started on or before this date.' }),
          ...pageQuery,
        }),
        response: { 200: pageOf(mission, 'MissionPage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'mission.list');
      const { page, pageSize, ...filters } = request.query;
      // A contingent commander's list holds their own mission only.
      const only =
        actor.role === 'contingent_commander' ? { missionId: actor.missionId ?? '' } : undefined;
      return listMissions(db(), filters, { page, pageSize }, only);
    },
  );

  app.post(
    '/api/v1/missions',
    {
      config: { action: 'mission.create' },
      schema: {
        summary: 'Register a mission (it starts planned)',
        tags: ['missions'],
        body: newMission,
        response: { 201: mission },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'mission.create');
      const created = await db().transaction((tx) =>
        createMission(tx, auditContextOf(app, request), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/missions/:id',
    {
      config: { action: 'mission.read' },
      schema: {
        summary: 'One mission, its locations and its contingent commander',
        tags: ['missions'],
        params: idParams,
        response: { 200: missionDetail },
      },
    },
    async (request) => missionFor(request, 'mission.read', request.params.id),
  );

  app.patch(
    '/api/v1/missions/:id',
    {
      config: { action: 'mission.update' },
      schema: {
        summary: 'Edit a mission or move it through planned, active, closing, closed',
        tags: ['missions'],
        params: idParams,
        body: missionChanges,
        response: { 200: mission },
      },
    },
    async (request) => {
      await missionFor(request, 'mission.update', request.params.id);
      const { version, ...changes } = request.body;
      return updateMission(db(), auditContextOf(app, request), request.params.id, version, changes);
    },
  );

  app.get(
    '/api/v1/missions/:id/posts',
    {
      config: { action: 'post.list' },
      schema: {
        summary: "The mission's posts and planning view",
        description:
          'Every post with its tour and rotation (gap or overlap with the post it succeeds), the ceiling (authorized strength) and the most posts held at once.',
        tags: ['missions'],
        params: idParams,
        response: { 200: plan },
      },
    },
    async (request) => {
      await missionFor(request, 'post.list', request.params.id);
      return (await missionPlan(db(), request.params.id, today()))!;
    },
  );

  app.post(
    '/api/v1/missions/:id/posts',
    {
      config: { action: 'post.create' },
      schema: {
        summary: 'Create posts from an approved request line',
        description:
          'Refused with 409 `ceiling_exceeded` when the mission would hold more posts at once than its authorized strength, and `line_count_exceeded` beyond the line’s count.',
        tags: ['missions'],
        params: idParams,
        body: z
          .object({
            requestLineId: z.uuid(),
            count: z.number().int().min(1).max(200),
            locationId: z.uuid().nullish(),
            tourStart: isoDate,
            tourEnd: isoDate,
            succeedsPostId: z.uuid().nullish(),
          })
          .strict(),
        response: { 201: z.array(post.omit({ successorId: true, gapBeforeDays: true })) },
      },
    },
    async (request, reply) => {
      await missionFor(request, 'post.create', request.params.id);
      const created = await createPosts(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/missions/:id/posts/:postId',
    {
      config: { action: 'post.update' },
      schema: {
        summary: 'Move, re-date, fill or cancel a post',
        tags: ['missions'],
        params: postParams,
        body: z
          .object({
            version: z.number().int().min(1),
            locationId: z.uuid().nullish(),
            tourStart: isoDate.optional(),
            tourEnd: isoDate.optional(),
            status: z.enum(postStatuses).optional(),
            succeedsPostId: z.uuid().nullish(),
          })
          .strict(),
        response: { 200: post.omit({ reference: true, successorId: true, gapBeforeDays: true }) },
      },
    },
    async (request) => {
      await missionFor(request, 'post.update', request.params.id);
      const { version, ...changes } = request.body;
      return updatePost(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.params.postId,
        version,
        changes,
      );
    },
  );
};
