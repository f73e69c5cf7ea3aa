import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { idParams } from '../../kernel/http/schemas.ts';
import { withMessages } from '../../kernel/i18n.ts';
import { findDeployment, scopeOfDeployment } from '../deployments/deployments.ts';
import { canWriteTourReport } from '../deployments/rules.ts';
import { deployments } from '../deployments/schema.ts';
import { activeEvents } from '../events/events.ts';
import { findMission } from '../missions/missions.ts';
import { officerIdOfUser } from '../officers/officers.ts';
import { users } from '../users/schema.ts';
import {
  contingentOf,
  dutyOfCareOf,
  expectedCheckIns,
  listCheckIns,
  recordCheckIn,
} from './checkins.ts';
import { currentSettings } from '../settings/settings.ts';
import { checkInStatuses } from './schema.ts';

export const checkInRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const options = async () =>
    dutyOfCareOf(app.ctx.config, await currentSettings(db(), app.ctx.config));
  const deploymentFor = (
    request: Parameters<typeof authorize>[1],
    action: 'checkin.record' | 'checkin.list',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findDeployment(db(), id, isoDateOf(app.ctx.clock.now())),
      scopeOfDeployment,
    );

  app.post(
    '/api/v1/deployments/:id/check-ins',
    {
      config: { action: 'checkin.record' },
      schema: {
        summary: 'Check in: OK, needs support, or urgent, with where you are and a note',
        description:
          'By the officer, or by their commander or a program officer who reached them. “Needs support” and “urgent” alert the commander and the duty officer at once. 409 `not_checking_in` when the deployment is not in theatre, remote or repatriating.',
        tags: ['duty of care'],
        params: idParams,
        body: z
          .object({
            status: z.enum(checkInStatuses),
            location: z.string().trim().max(200).optional(),
            note: z.string().max(2000).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await deploymentFor(request, 'checkin.record', request.params.id);
      const checkIn = await recordCheckIn(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
        await options(),
      );
      await app.ctx.mailer?.deliver().catch(() => undefined);
      reply.code(201);
      return checkIn;
    },
  );

  app.get(
    '/api/v1/deployments/:id/check-ins',
    {
      config: { action: 'checkin.list' },
      schema: {
        summary: 'A deployment’s check-ins, newest first, and when the next is due',
        tags: ['duty of care'],
        params: idParams,
      },
    },
    async (request) => {
      await deploymentFor(request, 'checkin.list', request.params.id);
      const [expected] = await expectedCheckIns(
        db(),
        { deploymentId: request.params.id },
        app.ctx.clock.now(),
        (await options()).cadence,
      );
      return {
        next: expected
          ? {
              dueAt: expected.dueAt,
              overdueMinutes: expected.overdueMinutes,
              cadenceHours: expected.cadenceHours,
            }
          : null,
        checkIns: await listCheckIns(db(), request.params.id),
      };
    },
  );

  app.get(
    '/api/v1/missions/:id/contingent',
    {
      config: { action: 'contingent.read' },
      schema: {
        summary:
          'The contingent at a glance: state, location, last check-in, next due (overdue first), contacts',
        tags: ['duty of care'],
        params: idParams,
      },
    },
    async (request) => {
      const mission = await authorizedRecord(
        app,
        request,
        'contingent.read',
        () => findMission(db(), request.params.id),
        (m) => ({ id: m.id, missionId: m.id }),
      );
      const contingent = await contingentOf(
        db(),
        mission.id,
        app.ctx.clock.now(),
        (await options()).cadence,
      );
      return {
        mission: {
          id: mission.id,
          acronym: mission.acronym,
          nameEn: mission.nameEn,
          nameFr: mission.nameFr,
          status: mission.status,
        },
        events: await activeEvents(db(), mission.id),
        ...contingent,
      };
    },
  );

  app.get(
    '/api/v1/me/deployment',
    {
      config: { action: 'deployment.self' },
      schema: {
        summary:
          'The signed-in officer’s current deployment: dates, post, readiness, next check-in, events in force, emergency contacts',
        description: '404 when the officer has no deployment under way or to come.',
        tags: ['duty of care'],
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'deployment.self');
      const officerId = await officerIdOfUser(db(), actor.id);
      if (!officerId) throw new AppError('not_found');
      const [current] = await db()
        .select({ id: deployments.id })
        .from(deployments)
        .where(
          and(
            eq(deployments.officerId, officerId),
            notInArray(deployments.state, ['closed', 'withdrawn']),
          ),
        )
        .orderBy(desc(deployments.plannedStart))
        .limit(1);
      if (!current) throw new AppError('not_found');
      const now = app.ctx.clock.now();
      const deployment = (await findDeployment(db(), current.id, isoDateOf(now)))!;
      const [expected] = await expectedCheckIns(
        db(),
        { deploymentId: current.id },
        now,
        (await options()).cadence,
      );
      const commanders = await db()
        .select({ displayName: users.displayName, email: users.email })
        .from(users)
        .where(
          and(eq(users.role, 'contingent_commander'), eq(users.missionId, deployment.mission.id)),
        );
      const [last] = await listCheckIns(db(), current.id, 1);
      return {
        ...deployment,
        readiness: {
          ...deployment.readiness,
          items: withMessages(request.locale, deployment.readiness.items),
        },
        checkIn: {
          expected: !!expected,
          dueAt: expected?.dueAt ?? null,
          overdueMinutes: expected?.overdueMinutes ?? null,
          cadenceHours: expected?.cadenceHours ?? null,
          last: last ?? null,
        },
        events: await activeEvents(db(), deployment.mission.id),
        can: {
          writeEndOfTourReport:
            canWriteTourReport(deployment.state) &&
            deployment.endOfTourReport?.status !== 'submitted',
        },
        contacts: {
          commanders,
          dutyOfficer: {
            email: app.ctx.config.dutyOfficerEmail ?? null,
            phone: app.ctx.config.dutyOfficerPhone ?? null,
          },
        },
      };
    },
  );
};
