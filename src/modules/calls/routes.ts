import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageQuery } from '../../kernel/http/paging.ts';
import { idParams, isoDate, text } from '../../kernel/http/schemas.ts';
import { withMessages } from '../../kernel/i18n.ts';
import { officerIdOfUser } from '../officers/officers.ts';
import { officers } from '../officers/schema.ts';
import { eq } from 'drizzle-orm';
import {
  applyToCall,
  decideRelease,
  findApplication,
  listApplications,
  recordAssessment,
  screenCall,
  withdrawApplication,
} from './applications.ts';
import { findCall, invitedAgencyIds, listCalls, openCall } from './calls.ts';
import { applicationStatuses, assessmentKinds, callStatuses } from './schema.ts';
import { currentSettings } from '../settings/settings.ts';

const versionBody = { version: z.number().int().min(1) };

export const callRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const config = () => app.ctx.config;
  const settings = () => currentSettings(db(), app.ctx.config);
  const deliverMail = () => void app.ctx.mailer?.deliver().catch(() => undefined);

  const callFor = (
    request: Parameters<typeof authorize>[1],
    action: 'call.read' | 'call.screen' | 'call.select',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findCall(db(), id),
      (call) => ({ id: call.id, agencyIds: invitedAgencyIds(call) }),
    );

  const applicationFor = (
    request: Parameters<typeof authorize>[1],
    action:
      'application.read' | 'application.release' | 'application.withdraw' | 'assessment.record',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      async () => findApplication(db(), id, (await settings()).screening),
      (a) => ({ id: a.id, agencyId: a.officer.agencyId, userId: a.officer.userId }),
    );

  app.get(
    '/api/v1/calls',
    {
      config: { action: 'call.list' },
      schema: {
        summary: 'Calls for candidates (an agency and its officers: those sent to their agency)',
        tags: ['calls'],
        querystring: z.object({
          ...pageQuery,
          status: z.enum(callStatuses).optional(),
          missionId: z.uuid().optional(),
        }),
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'call.list');
      const { page, pageSize, ...filters } = request.query;
      const reaching =
        actor.role === 'agency_coordinator' || actor.role === 'officer'
          ? { agencyId: actor.agencyId ?? '-' }
          : undefined;
      const found = await listCalls(db(), filters, { page, pageSize }, reaching);
      return { ...found, page, pageSize };
    },
  );

  app.post(
    '/api/v1/calls',
    {
      config: { action: 'call.open' },
      schema: {
        summary: 'Open a call for candidates for vacant posts of a mission',
        description:
          'The invited agencies’ coordinators are told by e-mail, each in their language. `agencies` lists the agencies invited (audience `chosen`) and, for any audience, how many officers each can release (`cap`). The women’s floor defaults to the program’s target (WPS_TARGET_PERCENT).',
        tags: ['calls'],
        body: z
          .object({
            missionId: z.uuid(),
            postIds: z.array(z.uuid()).min(1).max(500),
            closesOn: isoDate,
            audience: z.enum(['all', 'chosen']),
            agencies: z
              .array(
                z.object({ agencyId: z.uuid(), cap: z.number().int().min(0).max(500).nullish() }),
              )
              .max(200)
              .default([]),
            womenFloorPercent: z.number().int().min(0).max(100).optional(),
            notes: z.string().max(4000).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'call.open');
      const call = await openCall(db(), auditContextOf(app, request), request.body, {
        defaultWomenFloorPercent: (await settings()).wpsTargetPercent,
        appUrl: config().appUrl,
      });
      deliverMail();
      return reply.status(201).send(await findCall(db(), call.id));
    },
  );

  app.get(
    '/api/v1/calls/:id',
    {
      config: { action: 'call.read' },
      schema: {
        summary: 'One call: mission, posts, agencies and caps',
        tags: ['calls'],
        params: idParams,
      },
    },
    async (request) => callFor(request, 'call.read', request.params.id),
  );

  app.post(
    '/api/v1/calls/:id/screening',
    {
      config: { action: 'call.screen' },
      schema: {
        summary:
          'Screen the call’s endorsed applications against the rules, with the records as they are now',
        tags: ['calls'],
        params: idParams,
      },
    },
    async (request) => {
      await callFor(request, 'call.screen', request.params.id);
      return screenCall(
        db(),
        auditContextOf(app, request),
        request.params.id,
        (await settings()).screening,
      );
    },
  );

  app.get(
    '/api/v1/applications',
    {
      config: { action: 'application.list' },
      schema: {
        summary: 'Applications (an officer: their own; a coordinator: their agency’s officers’)',
        tags: ['applications'],
        querystring: z.object({
          ...pageQuery,
          callId: z.uuid().optional(),
          status: z.enum(applicationStatuses).optional(),
        }),
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'application.list');
      const { page, pageSize, ...filters } = request.query;
      const only =
        actor.role === 'agency_coordinator'
          ? { agencyId: actor.agencyId ?? '-' }
          : actor.role === 'officer'
            ? { officerUserId: actor.id }
            : undefined;
      const found = await listApplications(db(), filters, { page, pageSize }, only);
      return { ...found, page, pageSize };
    },
  );

  app.post(
    '/api/v1/applications',
    {
      config: { action: 'application.create' },
      schema: {
        summary: 'Apply to a call (an officer), or nominate an officer (their agency, the program)',
        description:
          'An officer applies for themself (`officerId` may be left out). Posts are listed in order of preference.',
        tags: ['applications'],
        body: z
          .object({
            callId: z.uuid(),
            officerId: z.uuid().optional(),
            postIds: z.array(z.uuid()).min(1).max(10),
            statement: z.string().max(4000).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'application.create');
      const officerId =
        actor.role === 'officer'
          ? await officerIdOfUser(db(), actor.id)
          : (request.body.officerId ?? null);
      if (!officerId)
        throw new AppError('validation_failed', {}, [
          { path: 'officerId', code: 'validation.required' },
        ]);
      const [officer] = await db()
        .select({ id: officers.id, agencyId: officers.agencyId, userId: officers.userId })
        .from(officers)
        .where(eq(officers.id, officerId));
      if (!officer)
        throw new AppError('unknown_reference', { field: 'officerId', value: officerId });
      await authorize(app, request, 'application.create', officer);
      const created = await applyToCall(
        db(),
        auditContextOf(app, request),
        { ...request.body, officerId },
        { nominated: actor.role !== 'officer' },
      );
      return reply
        .status(201)
        .send(await findApplication(db(), created.id, (await settings()).screening));
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { action: 'application.read' },
      schema: {
        summary: 'One application: posts chosen, screening rule by rule with reasons, assessments',
        tags: ['applications'],
        params: idParams,
      },
    },
    async (request) => {
      const found = await applicationFor(request, 'application.read', request.params.id);
      return {
        ...found,
        posts: found.posts.map((p) => ({
          ...p,
          screening: { ...p.screening, rules: withMessages(request.locale, p.screening.rules) },
        })),
      };
    },
  );

  app.post(
    '/api/v1/applications/:id/release',
    {
      config: { action: 'application.release' },
      schema: {
        summary: 'The agency’s answer: endorse the officer’s release, or decline with a reason',
        tags: ['applications'],
        params: idParams,
        body: z
          .object({
            ...versionBody,
            decision: z.enum(['endorse', 'decline']),
            reason: z.string().max(2000).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      await applicationFor(request, 'application.release', request.params.id);
      await decideRelease(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body.version,
        {
          endorse: request.body.decision === 'endorse',
          reason: request.body.reason,
        },
      );
      return findApplication(db(), request.params.id, (await settings()).screening);
    },
  );

  app.post(
    '/api/v1/applications/:id/withdraw',
    {
      config: { action: 'application.withdraw' },
      schema: {
        summary: 'Withdraw an application, until the selection is ratified',
        tags: ['applications'],
        params: idParams,
        body: z.object({ ...versionBody, reason: text(2000) }).strict(),
      },
    },
    async (request) => {
      await applicationFor(request, 'application.withdraw', request.params.id);
      await withdrawApplication(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body.version,
        request.body.reason,
      );
      return findApplication(db(), request.params.id, (await settings()).screening);
    },
  );

  app.post(
    '/api/v1/applications/:id/assessments',
    {
      config: { action: 'assessment.record' },
      schema: {
        summary: 'Record a test or an interview for an application',
        description:
          'Tests (language, driving, firearms, UN assessment) give a score in percent and pass at 60% unless `passed` says otherwise; an interview scores competencies 1 to 5. An interview moves a screened-in application to assessed.',
        tags: ['applications'],
        params: idParams,
        body: z
          .object({
            kind: z.enum(assessmentKinds),
            code: z.string().max(10).optional(),
            score: z.number().int().min(0).max(100).nullish(),
            passed: z.boolean().optional(),
            competencies: z.record(z.string().max(60), z.number().int().min(1).max(5)).optional(),
            assessedOn: isoDate,
            notes: z.string().max(4000).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await applicationFor(request, 'assessment.record', request.params.id);
      if (request.body.assessedOn > isoDateOf(app.ctx.clock.now()))
        throw new AppError('validation_failed', {}, [
          { path: 'assessedOn', code: 'validation.not_in_future' },
        ]);
      const created = await recordAssessment(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );
};
