import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bilingual, idParams, text } from '../../kernel/http/schemas.ts';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import {
  createLocation,
  createOrganization,
  createRank,
  listLocations,
  recordHistory,
  referenceKinds,
  updateLocation,
  updateOrganization,
  updateRank,
} from './manage.ts';
import {
  listCountries,
  listMissionRoles,
  listOrganizations,
  listPostTypes,
  listRanks,
} from './reference.ts';
import { organizationKinds } from './schema.ts';

const organization = z
  .object({
    code: z.string(),
    kind: z.enum(organizationKinds),
    ...bilingual,
    version: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'Organization' });
const country = z
  .object({
    code: z.string(),
    iso3: z.string().nullable(),
    ...bilingual,
    dissolvedOn: z.string().nullable(),
  })
  .meta({ id: 'Country' });
const missionRole = z
  .object({ code: z.string(), kind: z.enum(['role', 'specialised_team']), ...bilingual })
  .meta({ id: 'MissionRole' });
const postType = z.object({ code: z.string(), ...bilingual }).meta({ id: 'PostType' });
const rank = z
  .object({
    code: z.string(),
    ordinal: z.number(),
    ...bilingual,
    version: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'Rank' });
const location = z
  .object({
    id: z.uuid(),
    missionId: z.uuid(),
    ...bilingual,
    latitude: z.string().nullable(),
    longitude: z.string().nullable(),
    version: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'MissionLocation' });

/** Codes: capitals, digits and dashes (organizations), or lower case and underscores (ranks). */
const orgCode = z
  .string()
  .trim()
  .min(2)
  .max(20)
  .regex(/^[A-Z0-9-]+$/);
const rankCode = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
/** Both names required: a missing or blank one is refused naming the field. */
const names = { nameEn: text(300), nameFr: text(300) };
const nameChanges = { nameEn: text(300).optional(), nameFr: text(300).optional() };
const version = z.number().int().min(1);
const coordinate = z.string().trim().max(20).nullish();

const historyEntry = z
  .object({
    seq: z.number().int(),
    at: z.date(),
    action: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    changes: z
      .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
      .nullable()
      .meta({ description: 'Changed fields: { field: [before, after] }.' }),
  })
  .meta({ id: 'HistoryEntry' });
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const lists = [
    [
      '/api/v1/reference/organizations',
      'Organizations that request police (UN, EU, OSCE...)',
      organization,
      listOrganizations,
    ],
    [
      '/api/v1/reference/countries',
      'Countries, in English and French (ISO 3166-1, with Kosovo and former states)',
      country,
      listCountries,
    ],
    [
      '/api/v1/reference/mission-roles',
      'Roles in mission and specialised teams',
      missionRole,
      listMissionRoles,
    ],
    [
      '/api/v1/reference/post-types',
      'Types of post (individual police officer, gender adviser...)',
      postType,
      listPostTypes,
    ],
    ['/api/v1/reference/ranks', 'The common rank scale, most junior first', rank, listRanks],
  ] as const;
  for (const [url, summary, item, list] of lists) {
    app.get(
      url,
      {
        config: { action: 'reference.read' },
        schema: { summary, tags: ['reference'], response: { 200: z.array(item) } },
      },
      async (request) => {
        await authorize(app, request, 'reference.read');
        return list(db());
      },
    );
  }

  app.get(
    '/api/v1/reference/mission-locations',
    {
      config: { action: 'reference.read' },
      schema: {
        summary: 'Towns of the missions where officers serve',
        tags: ['reference'],
        response: { 200: z.array(location.extend({ missionCode: z.string() })) },
      },
    },
    async (request) => {
      await authorize(app, request, 'reference.read');
      return listLocations(db());
    },
  );

  const manage = { action: 'reference.manage' } as const;

  app.post(
    '/api/v1/reference/organizations',
    {
      config: manage,
      schema: {
        summary: 'Add an organization that requests police',
        tags: ['reference'],
        body: z.object({ code: orgCode, kind: z.enum(organizationKinds), ...names }).strict(),
        response: { 201: organization },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'reference.manage');
      const created = await createOrganization(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/reference/organizations/:code',
    {
      config: manage,
      schema: {
        summary: 'Edit or retire an organization (with the version it was read at)',
        tags: ['reference'],
        params: z.object({ code: z.string().max(20) }),
        body: z
          .object({
            version,
            kind: z.enum(organizationKinds).optional(),
            ...nameChanges,
            active: z.boolean().optional(),
          })
          .strict(),
        response: { 200: organization },
      },
    },
    async (request) => {
      await authorize(app, request, 'reference.manage');
      const { version: v, ...changes } = request.body;
      return updateOrganization(
        db(),
        auditContextOf(app, request),
        request.params.code,
        v,
        changes,
      );
    },
  );

  app.post(
    '/api/v1/reference/ranks',
    {
      config: manage,
      schema: {
        summary: 'Add a level to the common rank scale',
        description: 'The ordinal places it: higher is more senior; two levels cannot share one.',
        tags: ['reference'],
        body: z
          .object({ code: rankCode, ordinal: z.number().int().min(1).max(100), ...names })
          .strict(),
        response: { 201: rank },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'reference.manage');
      const created = await createRank(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/reference/ranks/:code',
    {
      config: manage,
      schema: {
        summary: 'Edit, move or retire a level of the rank scale',
        tags: ['reference'],
        params: z.object({ code: z.string().max(40) }),
        body: z
          .object({
            version,
            ordinal: z.number().int().min(1).max(100).optional(),
            ...nameChanges,
            active: z.boolean().optional(),
          })
          .strict(),
        response: { 200: rank },
      },
    },
    async (request) => {
      await authorize(app, request, 'reference.manage');
      const { version: v, ...changes } = request.body;
      return updateRank(db(), auditContextOf(app, request), request.params.code, v, changes);
    },
  );

  app.post(
    '/api/v1/reference/mission-locations',
    {
      config: manage,
      schema: {
        summary: 'Add a town to a mission',
        tags: ['reference'],
        body: z
          .object({
            missionId: z.uuid(),
            ...names,
            latitude: coordinate,
            longitude: coordinate,
          })
          .strict(),
        response: { 201: location },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'reference.manage');
      const created = await createLocation(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/reference/mission-locations/:id',
    {
      config: manage,
      schema: {
        summary: 'Edit or retire a mission’s town',
        tags: ['reference'],
        params: idParams,
        body: z
          .object({
            version,
            ...nameChanges,
            latitude: coordinate,
            longitude: coordinate,
            active: z.boolean().optional(),
          })
          .strict(),
        response: { 200: location },
      },
    },
    async (request) => {
      await authorize(app, request, 'reference.manage');
      const { version: v, ...changes } = request.body;
      return updateLocation(db(), auditContextOf(app, request), request.params.id, v, changes);
    },
  );

  app.get(
    '/api/v1/reference/:kind/:id/history',
    {
      config: { action: 'reference.history' },
      schema: {
        summary: 'A reference record’s history: its audit entries, newest first',
        description:
          'For agencies, missions, mission locations, organizations, courses and ranks: each change with who made it, when, and the fields before and after.',
        tags: ['reference'],
        params: z.object({
          kind: z.enum(Object.keys(referenceKinds) as [keyof typeof referenceKinds]),
          id: z.string().max(100),
        }),
        response: { 200: z.array(historyEntry) },
      },
    },
    async (request) => {
      await authorize(app, request, 'reference.history');
      return recordHistory(db(), request.params.kind, request.params.id);
    },
  );
};
