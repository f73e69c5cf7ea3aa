import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { idParams, isoDate, text } from '../../kernel/http/schemas.ts';
import { officerIdOfUser } from '../officers/officers.ts';
import { officers } from '../officers/schema.ts';
import {
  createCourse,
  findSession,
  listCourses,
  listSessions,
  scheduleSession,
  trainingRecord,
  updateCourse,
} from './catalogue.ts';
import { enrolOfficer, recordResult, withdrawEnrolment } from './enrolments.ts';
import { deliveries, enrolments } from './schema.ts';

const requirement = z
  .object({
    everyone: z.boolean().default(false),
    postTypes: z.array(z.string().max(60)).max(30).default([]),
    teams: z.array(z.string().max(60)).max(30).default([]),
    missionCodes: z.array(z.string().max(40)).max(60).default([]),
  })
  .meta({
    description:
      'Who must hold the certificate: everyone deployed, or these post types, teams, missions.',
  });

const courseBody = z
  .object({
    code: z
      .string()
      .trim()
      .min(2)
      .max(20)
      .regex(/^[A-Z0-9-]+$/),
    nameEn: text(300),
    nameFr: text(300),
    descriptionEn: z.string().max(4000).optional(),
    descriptionFr: z.string().max(4000).optional(),
    delivery: z.enum(deliveries),
    durationDays: z.number().int().min(1).max(365),
    passMark: z.number().int().min(0).max(100).nullish(),
    validityMonths: z.number().int().min(1).max(240).nullish(),
    requiredFor: requirement.optional(),
  })
  .strict();

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  /** The officer an enrolment is for, checked against the caller's scope. */
  const officerInScope = async (
    request: Parameters<typeof authorize>[1],
    action: 'enrolment.create' | 'enrolment.withdraw',
    officerId: string,
  ) => {
    const [officer] = await db()
      .select({ id: officers.id, agencyId: officers.agencyId, userId: officers.userId })
      .from(officers)
      .where(eq(officers.id, officerId));
    if (!officer) throw new AppError('not_found');
    await authorize(app, request, action, officer);
    return officer;
  };

  app.get(
    '/api/v1/courses',
    {
      config: { action: 'course.list' },
      schema: { summary: 'The course catalogue', tags: ['training'] },
    },
    async (request) => {
      await authorize(app, request, 'course.list');
      return listCourses(db());
    },
  );

  app.post(
    '/api/v1/courses',
    {
      config: { action: 'course.manage' },
      schema: { summary: 'Add a course to the catalogue', tags: ['training'], body: courseBody },
    },
    async (request, reply) => {
      await authorize(app, request, 'course.manage');
      return reply
        .status(201)
        .send(await createCourse(db(), auditContextOf(app, request), request.body));
    },
  );

  app.patch(
    '/api/v1/courses/:id',
    {
      config: { action: 'course.manage' },
      schema: {
        summary: 'Edit a course (with the version it was read at)',
        tags: ['training'],
        params: idParams,
        body: courseBody
          .partial()
          .extend({
            version: z.number().int().min(1),
            active: z
              .boolean()
              .optional()
              .meta({ description: 'False: retired from the catalogue.' }),
          })
          .strict(),
      },
    },
    async (request) => {
      await authorize(app, request, 'course.manage');
      const { version, ...changes } = request.body;
      return updateCourse(db(), auditContextOf(app, request), request.params.id, version, changes);
    },
  );

  app.get(
    '/api/v1/sessions',
    {
      config: { action: 'session.list' },
      schema: {
        summary: 'Course sessions, with seats taken and the waiting list',
        tags: ['training'],
        querystring: z.object({
          courseId: z.uuid().optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
      },
    },
    async (request) => {
      await authorize(app, request, 'session.list');
      return listSessions(db(), request.query);
    },
  );

  app.post(
    '/api/v1/sessions',
    {
      config: { action: 'session.manage' },
      schema: {
        summary: 'Schedule a session: in person (a place), virtual (a link), or both',
        tags: ['training'],
        body: z
          .object({
            courseId: z.uuid(),
            startsOn: isoDate,
            endsOn: isoDate,
            place: z.string().max(200).nullish(),
            virtualLink: z.url().max(500).nullish(),
            capacity: z.number().int().min(1).max(500),
            language: z.enum(['en', 'fr', 'bilingual']),
            instructors: z.array(text(120)).max(20).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'session.manage');
      const created = await scheduleSession(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(await findSession(db(), created.id));
    },
  );

  app.get(
    '/api/v1/sessions/:id',
    {
      config: { action: 'session.read' },
      schema: {
        summary:
          'A session and its enrolments (a coordinator: their agency’s; an officer: their own)',
        tags: ['training'],
        params: idParams,
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'session.read');
      const only =
        actor.role === 'agency_coordinator'
          ? { agencyId: actor.agencyId ?? '-' }
          : actor.role === 'officer'
            ? { officerUserId: actor.id }
            : ['program_admin', 'program_officer', 'auditor'].includes(actor.role)
              ? undefined
              : { none: true };
      const found = await findSession(db(), request.params.id, only);
      if (!found) throw new AppError('not_found');
      return found;
    },
  );

  app.post(
    '/api/v1/sessions/:id/enrolments',
    {
      config: { action: 'enrolment.create' },
      schema: {
        summary: 'Enrol an officer: a seat while one is free, else the waiting list',
        description: 'An officer enrols themself (`officerId` may be left out).',
        tags: ['training'],
        params: idParams,
        body: z.object({ officerId: z.uuid().optional() }).strict(),
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'enrolment.create');
      const officerId =
        actor.role === 'officer' ? await officerIdOfUser(db(), actor.id) : request.body.officerId;
      if (!officerId)
        throw new AppError('validation_failed', {}, [
          { path: 'officerId', code: 'validation.required' },
        ]);
      await officerInScope(request, 'enrolment.create', officerId);
      const created = await enrolOfficer(
        db(),
        auditContextOf(app, request),
        request.params.id,
        officerId,
      );
      return reply.status(201).send(created);
    },
  );

  const enrolmentFor = (
    request: Parameters<typeof authorize>[1],
    action: 'enrolment.withdraw' | 'enrolment.result',
    id: string,
  ) =>
    authorizedRecord(
      app,
      request,
      action,
      async () =>
        (
          await db()
            .select({ id: enrolments.id, agencyId: officers.agencyId, userId: officers.userId })
            .from(enrolments)
            .innerJoin(officers, eq(officers.id, enrolments.officerId))
            .where(eq(enrolments.id, id))
        )[0] ?? null,
      (found) => found,
    );

  app.post(
    '/api/v1/enrolments/:id/withdraw',
    {
      config: { action: 'enrolment.withdraw' },
      schema: {
        summary:
          'Withdraw from a session or its waiting list; a seat given up goes to the next waiting',
        tags: ['training'],
        params: idParams,
        body: z.object({ version: z.number().int().min(1) }).strict(),
      },
    },
    async (request) => {
      await enrolmentFor(request, 'enrolment.withdraw', request.params.id);
      return withdrawEnrolment(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body.version,
      );
    },
  );

  app.post(
    '/api/v1/enrolments/:id/result',
    {
      config: { action: 'enrolment.result' },
      schema: {
        summary: 'Record attendance and the result; a pass issues the certificate',
        tags: ['training'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            attended: z.boolean(),
            grade: z.number().int().min(0).max(100).nullish(),
            passed: z.boolean().optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      await enrolmentFor(request, 'enrolment.result', request.params.id);
      const { version, ...input } = request.body;
      return recordResult(db(), auditContextOf(app, request), request.params.id, version, input);
    },
  );

  app.get(
    '/api/v1/officers/:id/training',
    {
      config: { action: 'training.read' },
      schema: {
        summary: 'An officer’s training record: sessions taken and upcoming, certificates',
        tags: ['training'],
        params: idParams,
      },
    },
    async (request) => {
      await authorizedRecord(
        app,
        request,
        'training.read',
        async () =>
          (
            await db()
              .select({ id: officers.id, agencyId: officers.agencyId, userId: officers.userId })
              .from(officers)
              .where(eq(officers.id, request.params.id))
          )[0] ?? null,
        (found) => found,
      );
      return trainingRecord(db(), request.params.id);
    },
  );
};
