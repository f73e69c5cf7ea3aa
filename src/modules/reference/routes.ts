import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bilingual } from '../../kernel/http/schemas.ts';
import { authorize } from '../../kernel/http/context.ts';
import {
  listCountries,
  listMissionRoles,
  listOrganizations,
  listPostTypes,
  listRanks,
} from './reference.ts';
import { organizationKinds } from './schema.ts';

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
const rank = z.object({ code: z.string(), ordinal: z.number(), ...bilingual }).meta({ id: 'Rank' });
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
};
