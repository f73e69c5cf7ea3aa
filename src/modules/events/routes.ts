import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { idParams, text } from '../../kernel/http/schemas.ts';
import { findMission } from '../missions/missions.ts';
import {
  declareMissionEvent,
  endMissionEvent,
  findMissionEvent,
  listMissionEvents,
  markAccountedFor,
} from './events.ts';
import { evacuationDestinations, missionEventKinds } from './schema.ts';

export const missionEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const missionFor = (
    request: Parameters<typeof authorize>[1],
    action: 'mission_event.list' | 'mission_event.declare',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findMission(db(), id),
      (m) => ({ id: m.id, missionId: m.id }),
    );
  const eventFor = (
    request: Parameters<typeof authorize>[1],
    action: 'mission_event.read' | 'mission_event.declare' | 'roll_call.mark',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findMissionEvent(db(), id),
      (e) => ({ id: e.id, missionId: e.missionId }),
    );

  app.get(
    '/api/v1/missions/:id/events',
    {
      config: { action: 'mission_event.list' },
      schema: {
        summary: 'The mission-wide events of a mission (lockdowns, evacuations...), newest first',
        tags: ['duty of care'],
        params: idParams,
      },
    },
    async (request) => {
      await missionFor(request, 'mission_event.list', request.params.id);
      return listMissionEvents(db(), request.params.id);
    },
  );

  app.post(
    '/api/v1/missions/:id/events',
    {
      config: { action: 'mission_event.declare' },
      schema: {
        summary: 'Declare a lockdown, an evacuation, the return to theatre or a suspension',
        description:
          'One action moves the whole contingent: an evacuation moves every deployment in theatre to `remote` or `repatriating` (its `destination`), a return to theatre brings those sent to remote work back in theatre. Each move is recorded and audited; the roll-call opens with everyone the event concerns. 409 `event_in_force`, `no_evacuation` or `evacuated` when the event does not fit the mission’s situation.',
        tags: ['duty of care'],
        params: idParams,
        body: z
          .object({
            kind: z.enum(missionEventKinds),
            destination: z.enum(evacuationDestinations).optional(),
            instructionsEn: text(4000),
            instructionsFr: text(4000),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await missionFor(request, 'mission_event.declare', request.params.id);
      const event = await declareMissionEvent(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
      );
      reply.code(201);
      return { ...(await findMissionEvent(db(), event.id))!, moved: event.moved };
    },
  );

  app.get(
    '/api/v1/mission-events/:id',
    {
      config: { action: 'mission_event.read' },
      schema: {
        summary:
          'An event with its roll-call: who it concerned, where each went, who is accounted for',
        tags: ['duty of care'],
        params: idParams,
      },
    },
    async (request) => eventFor(request, 'mission_event.read', request.params.id),
  );

  app.post(
    '/api/v1/mission-events/:id/end',
    {
      config: { action: 'mission_event.declare' },
      schema: {
        summary: 'Lift a lockdown or a suspension (an evacuation ends with the return to theatre)',
        tags: ['duty of care'],
        params: idParams,
      },
    },
    async (request) => {
      await eventFor(request, 'mission_event.declare', request.params.id);
      await endMissionEvent(db(), auditContextOf(app, request), request.params.id);
      return findMissionEvent(db(), request.params.id);
    },
  );

  app.post(
    '/api/v1/mission-events/:id/roll-call',
    {
      config: { action: 'roll_call.mark' },
      schema: {
        summary: 'Mark an officer accounted for (reached by phone, seen in person)',
        description: 'A check-in after the event accounts for the officer by itself.',
        tags: ['duty of care'],
        params: idParams,
        body: z.object({ deploymentId: z.uuid(), note: z.string().max(1000).optional() }).strict(),
      },
    },
    async (request) => {
      await eventFor(request, 'roll_call.mark', request.params.id);
      await markAccountedFor(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body.deploymentId,
        request.body.note,
      );
      return findMissionEvent(db(), request.params.id);
    },
  );
};
