import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditContextOf,
  authorize,
  authorizedRecord,
  requireActor,
} from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { idParams, isoDate, text } from '../../kernel/http/schemas.ts';
import {
  auditIncidentRead,
  createIncident,
  findIncident,
  listIncidents,
  officersOfMission,
  shownTo,
  updateIncident,
} from './incidents.ts';
import { deploymentStates } from '../deployments/schema.ts';
import { incidentSeverities, incidentStatuses, incidentTypes } from './schema.ts';

const mission = z.object({
  id: z.uuid(),
  acronym: z.string(),
  nameEn: z.string(),
  nameFr: z.string(),
});

const fields = {
  type: z.enum(incidentTypes),
  severity: z.enum(incidentSeverities),
  occurredOn: isoDate,
  place: text(500),
  officerIds: z
    .array(z.uuid())
    .max(100)
    .meta({ description: 'Each deployed (any deployment) on the incident’s mission.' }),
  narrative: text(20_000),
  actions: z.string().trim().max(20_000),
};

const listed = z
  .object({
    id: z.uuid(),
    missionId: z.uuid(),
    mission,
    type: z.enum(incidentTypes),
    severity: z.enum(incidentSeverities),
    occurredOn: z.string(),
    place: z.string(),
    status: z.enum(incidentStatuses),
    version: z.number(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'IncidentSummary' });

const incident = listed
  .extend({
    narrative: z.string(),
    actions: z.string(),
    reportedByName: z.string().nullable().meta({ description: 'Null for an officer involved.' }),
    closedAt: z.date().nullable(),
    officers: z
      .array(z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }))
      .meta({ description: 'An officer involved sees only themself.' }),
    nextStatuses: z.array(z.enum(incidentStatuses)),
  })
  .meta({ id: 'Incident' });

export const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  const incidentFor = (
    request: Parameters<typeof authorize>[1],
    action: 'incident.read' | 'incident.update',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findIncident(db(), id),
      (found) => ({
        id: found.id,
        missionId: found.missionId,
        userIds: found.officers.flatMap((o) => (o.userId ? [o.userId] : [])),
      }),
    );

  app.get(
    '/api/v1/incidents',
    {
      config: { action: 'incident.list' },
      schema: {
        summary: 'Incidents, latest first (confidential)',
        description:
          'Program officers see all; a contingent commander their mission’s; an officer those they are involved in. Open one to read its narrative.',
        tags: ['incidents'],
        querystring: z.object({
          missionId: z.uuid().optional(),
          status: z.enum(incidentStatuses).optional(),
          ...pageQuery,
        }),
        response: { 200: pageOf(listed, 'IncidentPage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'incident.list');
      const { page, pageSize, ...filters } = request.query;
      const only =
        actor.role === 'contingent_commander'
          ? { missionId: actor.missionId ?? '' }
          : actor.role === 'officer'
            ? { userId: actor.id }
            : undefined;
      return listIncidents(db(), filters, { page, pageSize }, only);
    },
  );

  app.post(
    '/api/v1/incidents',
    {
      config: { action: 'incident.create' },
      schema: {
        summary: 'Record an incident',
        description:
          'A contingent commander records incidents of their own mission. 400 `validation_failed` names each officer never deployed on the mission (`incident.officer_not_deployed`).',
        tags: ['incidents'],
        body: z
          .object({ missionId: z.uuid(), ...fields, actions: fields.actions.optional() })
          .strict(),
        response: { 201: incident },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'incident.create');
      await authorize(app, request, 'incident.create', {
        id: request.body.missionId,
        missionId: request.body.missionId,
      });
      const created = await createIncident(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(shownTo(actor, (await findIncident(db(), created.id))!));
    },
  );

  app.get(
    '/api/v1/incidents/officers',
    {
      config: { action: 'incident.create' },
      schema: {
        summary: 'The officers an incident of this mission may name (those deployed on it)',
        description:
          'Each with the state of their latest deployment on the mission; `serving` is true for the contingent now. A contingent commander asks for their own mission.',
        tags: ['incidents'],
        querystring: z.object({ missionId: z.uuid() }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              givenName: z.string(),
              familyName: z.string(),
              state: z.enum(deploymentStates),
              serving: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => {
      await authorize(app, request, 'incident.create');
      await authorize(app, request, 'incident.create', {
        id: request.query.missionId,
        missionId: request.query.missionId,
      });
      return officersOfMission(db(), request.query.missionId);
    },
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      config: { action: 'incident.read' },
      schema: {
        summary: 'One incident (the read is audited)',
        tags: ['incidents'],
        params: idParams,
        response: { 200: incident },
      },
    },
    async (request) => {
      const found = await incidentFor(request, 'incident.read', request.params.id);
      await auditIncidentRead(db(), auditContextOf(app, request), found.id);
      return shownTo(requireActor(request), found);
    },
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      config: { action: 'incident.update' },
      schema: {
        summary: 'Edit an incident or move its status',
        description:
          'Status: `open -> under_review -> closed`, `under_review -> open`, `closed -> under_review` (reopen). A closed incident answers 409 `incident_closed` to an edit that does not reopen it.',
        tags: ['incidents'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            type: fields.type.optional(),
            severity: fields.severity.optional(),
            occurredOn: fields.occurredOn.optional(),
            place: fields.place.optional(),
            officerIds: fields.officerIds.optional(),
            narrative: fields.narrative.optional(),
            actions: fields.actions.optional(),
            status: z.enum(incidentStatuses).optional(),
          })
          .strict(),
        response: { 200: incident },
      },
    },
    async (request) => {
      await incidentFor(request, 'incident.update', request.params.id);
      const { version, ...changes } = request.body;
      await updateIncident(db(), auditContextOf(app, request), request.params.id, version, changes);
      return shownTo(requireActor(request), (await findIncident(db(), request.params.id))!);
    },
  );
};
