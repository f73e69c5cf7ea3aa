import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { authorize } from '../../kernel/http/context.ts';
import {
  findAgency,
  findMission,
  listAgencies,
  listCountries,
  listMissionRoles,
  listMissions,
  listOrganizations,
  listPostTypes,
  listRanks,
} from './reference.ts';
import { agencyTypes, missionStatuses, organizationKinds, riskLevels } from './schema.ts';

const bilingual = { nameEn: z.string(), nameFr: z.string() };
const organization = z
  .object({ code: z.string(), kind: z.enum(organizationKinds), ...bilingual, version: z.number() })
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
  .object({ code: z.string(), ordinal: z.number(), ...bilingual })
  .meta({ id: 'Rank' });
const agency = z
  .object({
    id: z.uuid(),
    code: z.string(),
    ...bilingual,
    type: z.enum(agencyTypes),
    province: z.string().nullable(),
    agreementStatus: z.enum(['active', 'inactive', 'pending']),
    version: z.number(),
  })
  .meta({ id: 'Agency' });
const mission = z
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
    version: z.number(),
  })
  .meta({ id: 'Mission' });
const missionDetail = mission
  .extend({ locations: z.array(z.object({ id: z.uuid(), ...bilingual })) })
  .meta({ id: 'MissionDetail' });
const idParams = z.object({ id: z.uuid() });

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
    [
      '/api/v1/reference/ranks',
      'The common rank scale, most junior first',
      rank,
      listRanks,
    ],
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
    '/api/v1/agencies',
    {
      config: { action: 'agency.list' },
      schema: {
        summary: 'Partner police agencies',
        tags: ['agencies'],
        response: { 200: z.array(agency) },
      },
    },
    async (request) => {
      await authorize(app, request, 'agency.list');
      return listAgencies(db());
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { action: 'agency.read' },
      schema: {
        summary: 'One agency',
        tags: ['agencies'],
        params: idParams,
        response: { 200: agency },
      },
    },
    async (request) => {
      await authorize(app, request, 'agency.read');
      const found = await findAgency(db(), request.params.id);
      if (!found) throw new AppError('not_found');
      await authorize(app, request, 'agency.read', { id: found.id });
      return found;
    },
  );

  app.get(
    '/api/v1/missions',
    {
      config: { action: 'mission.list' },
      schema: {
        summary: 'Missions since 1989',
        tags: ['missions'],
        response: { 200: z.array(mission) },
      },
    },
    async (request) => {
      await authorize(app, request, 'mission.list');
      return listMissions(db());
    },
  );

  app.get(
    '/api/v1/missions/:id',
    {
      config: { action: 'mission.read' },
      schema: {
        summary: 'One mission and its locations',
        tags: ['missions'],
        params: idParams,
        response: { 200: missionDetail },
      },
    },
    async (request) => {
      await authorize(app, request, 'mission.read');
      const found = await findMission(db(), request.params.id);
      if (!found) throw new AppError('not_found');
      await authorize(app, request, 'mission.read', { id: found.id, missionId: found.id });
      return found;
    },
  );
};
