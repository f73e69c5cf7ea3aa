import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { bilingual, idParams, text } from '../../kernel/http/schemas.ts';
import { agencyTypes, provinces } from '../reference/schema.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { createAgency } from '../reference/manage.ts';
import { contributionLedger, findAgency, listAgencies, updateAgency } from './agencies.ts';

const agreementStatuses = ['active', 'inactive', 'pending'] as const;

const agency = z
  .object({
    id: z.uuid(),
    code: z.string(),
    ...bilingual,
    type: z.enum(agencyTypes),
    province: z.string().nullable(),
    agreementStatus: z.enum(agreementStatuses),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    officers: z.number().int().meta({ description: 'Officers of the agency on file.' }),
    version: z.number(),
    active: z.boolean().meta({ description: 'False: retired, kept for the records naming it.' }),
  })
  .meta({ id: 'Agency' });

const agencyDetail = agency
  .extend({ coordinators: z.array(z.object({ id: z.uuid(), displayName: z.string() })) })
  .meta({ id: 'AgencyDetail' });

const count = (description: string) => z.number().int().meta({ description });

const contributionLedgerSchema = z
  .object({
    deployedNow: count('Distinct officers of the agency on a tour today.'),
    deployedEver: count('Distinct officers of the agency who have ever served a tour.'),
    tours: count('Tours served (an officer may serve several).'),
    byYear: z.array(
      z.object({
        year: z.number().int(),
        released: count('Tours that started in the year: officers the agency released.'),
        deployed: count('Distinct officers on a tour at any time in the year.'),
        women: count('Of those deployed, the women.'),
      }),
    ),
  })
  .meta({ id: 'ContributionLedger' });

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const agencyFor = (
    request: Parameters<typeof authorize>[1],
    action: 'agency.read' | 'agency.update',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findAgency(db(), id),
      (found) => ({ id: found.id, agencyId: found.id }),
    );

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
        summary: 'One agency, its program contact and coordinators',
        tags: ['agencies'],
        params: idParams,
        response: { 200: agencyDetail },
      },
    },
    async (request) => agencyFor(request, 'agency.read', request.params.id),
  );

  app.get(
    '/api/v1/agencies/:id/contributions',
    {
      config: { action: 'agency.read' },
      schema: {
        summary: 'What an agency has given the program: officers released and deployed, by year',
        description:
          'Counted from its officers’ tours on record. Aggregates only: no officer is named.',
        tags: ['agencies'],
        params: idParams,
        response: { 200: contributionLedgerSchema },
      },
    },
    async (request) => {
      await agencyFor(request, 'agency.read', request.params.id);
      return contributionLedger(db(), request.params.id, isoDateOf(app.ctx.clock.now()));
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { action: 'agency.manage' },
      schema: {
        summary: 'Add a partner police agency',
        tags: ['agencies'],
        body: z
          .object({
            code: z
              .string()
              .trim()
              .min(2)
              .max(20)
              .regex(/^[A-Z0-9-]+$/),
            nameEn: text(200),
            nameFr: text(200),
            type: z.enum(agencyTypes),
            province: z.enum(provinces).nullish(),
            agreementStatus: z.enum(agreementStatuses).optional(),
          })
          .strict(),
        response: { 201: agencyDetail },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'agency.manage');
      const created = await createAgency(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send((await findAgency(db(), created.id))!);
    },
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: { action: 'agency.update' },
      schema: {
        summary: 'Edit an agency: names, agreement status, program contact',
        description:
          'Program administrators edit any agency; a coordinator, their own agency’s contact.',
        tags: ['agencies'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            nameEn: text(200).optional(),
            nameFr: text(200).optional(),
            agreementStatus: z.enum(agreementStatuses).optional(),
            active: z.boolean().optional(),
            contactName: z.string().trim().max(200).nullish(),
            contactEmail: z.email().max(320).nullish(),
            contactPhone: z.string().trim().max(40).nullish(),
          })
          .strict(),
        response: { 200: agencyDetail },
      },
    },
    async (request) => {
      const actor = request.session!.actor;
      await agencyFor(request, 'agency.update', request.params.id);
      const { version, ...changes } = request.body;
      // A coordinator keeps the agency's contact up to date; names and agreement are the program's.
      if (
        actor.role === 'agency_coordinator' &&
        (changes.nameEn !== undefined ||
          changes.nameFr !== undefined ||
          changes.agreementStatus !== undefined ||
          changes.active !== undefined)
      )
        await authorize(app, request, 'agency.manage');
      await updateAgency(db(), auditContextOf(app, request), request.params.id, version, changes);
      return (await findAgency(db(), request.params.id))!;
    },
  );
};
