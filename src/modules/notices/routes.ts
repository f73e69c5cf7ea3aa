import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { idParams, text } from '../../kernel/http/schemas.ts';
import {
  acknowledgeNotice,
  findNotice,
  listNotices,
  myNotice,
  myNotices,
  sendNotice,
} from './notices.ts';

const mission = z
  .object({ id: z.uuid(), acronym: z.string(), nameEn: z.string(), nameFr: z.string() })
  .nullable()
  .meta({ description: 'Null: sent to every deployed officer.' });

const summary = z
  .object({
    id: z.uuid(),
    missionId: z.uuid().nullable(),
    mission,
    titleEn: z.string(),
    titleFr: z.string(),
    bodyEn: z.string(),
    bodyFr: z.string(),
    sentAt: z.date(),
    authorName: z.string().nullable(),
    recipients: z.number().int(),
    acknowledged: z.number().int(),
  })
  .meta({ id: 'NoticeSummary' });

const notice = summary
  .extend({
    recipientList: z.array(
      z.object({
        officerId: z.uuid(),
        givenName: z.string(),
        familyName: z.string(),
        mission: z.object({ id: z.uuid(), acronym: z.string() }),
        acknowledgedAt: z.date().nullable(),
      }),
    ),
  })
  .meta({ id: 'Notice' });

const mine = z
  .object({
    id: z.uuid(),
    missionId: z.uuid().nullable(),
    mission,
    titleEn: z.string(),
    titleFr: z.string(),
    bodyEn: z.string(),
    bodyFr: z.string(),
    sentAt: z.date(),
    acknowledgedAt: z.date().nullable().meta({ description: 'Null until acknowledged.' }),
  })
  .meta({ id: 'MyNotice' });

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const onlyFor = (actor: { role: string; missionId: string | null }) =>
    actor.role === 'contingent_commander' ? { missionId: actor.missionId ?? '' } : undefined;

  app.get(
    '/api/v1/notices',
    {
      config: { action: 'notice.list' },
      schema: {
        summary: 'Notices sent, newest first, with how many recipients acknowledged each',
        description:
          'A contingent commander sees their mission’s notices and those sent to all deployed (counting their own officers).',
        tags: ['notices'],
        querystring: z.object({ missionId: z.uuid().optional(), ...pageQuery }),
        response: { 200: pageOf(summary, 'NoticePage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'notice.list');
      const { page, pageSize, ...filters } = request.query;
      return listNotices(db(), filters, { page, pageSize }, onlyFor(actor));
    },
  );

  app.post(
    '/api/v1/notices',
    {
      config: { action: 'notice.create' },
      schema: {
        summary:
          'Send a notice to a mission’s contingent (or, with `missionId: null`, to all deployed)',
        description:
          'The recipients are the officers deployed now (in transit, in theatre, remote or repatriating); each gets it in the app and by e-mail in their language, and a reminder if they have not acknowledged it after NOTICE_REMINDER_HOURS. 409 `notice_no_recipients` when nobody is deployed there. A contingent commander sends to their own mission only.',
        tags: ['notices'],
        body: z
          .object({
            missionId: z.uuid().nullable(),
            titleEn: text(200),
            titleFr: text(200),
            bodyEn: text(10_000),
            bodyFr: text(10_000),
          })
          .strict(),
        response: { 201: notice },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'notice.create');
      await authorize(app, request, 'notice.create', {
        id: request.body.missionId ?? 'all',
        missionId: request.body.missionId,
      });
      const sent = await sendNotice(db(), auditContextOf(app, request), request.body, {
        appUrl: app.ctx.config.appUrl,
      });
      void app.ctx.mailer?.deliver().catch(() => undefined);
      return reply.status(201).send((await findNotice(db(), sent.id, onlyFor(actor)))!);
    },
  );

  app.get(
    '/api/v1/notices/:id',
    {
      config: { action: 'notice.read' },
      schema: {
        summary: 'One notice, with each recipient’s acknowledgement',
        description: 'A contingent commander sees their own mission’s recipients.',
        tags: ['notices'],
        params: idParams,
        response: { 200: notice },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'notice.read');
      return authorizedRecord(
        app,
        request,
        'notice.read',
        () => findNotice(db(), request.params.id, onlyFor(actor)),
        (found) => ({ id: found.id, missionId: found.missionId }),
      );
    },
  );

  app.get(
    '/api/v1/me/notices',
    {
      config: { action: 'notice.mine' },
      schema: {
        summary: 'The notices sent to the signed-in officer, newest first',
        tags: ['notices'],
        querystring: z.object(pageQuery),
        response: { 200: pageOf(mine, 'MyNoticePage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'notice.mine');
      return myNotices(db(), actor.id, request.query);
    },
  );

  app.post(
    '/api/v1/notices/:id/acknowledgement',
    {
      config: { action: 'notice.acknowledge' },
      schema: {
        summary: 'The signed-in officer acknowledges a notice sent to them (idempotent)',
        description:
          'The first acknowledgement is kept (and audited); sending it again changes nothing.',
        tags: ['notices'],
        params: idParams,
        response: { 200: mine },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'notice.acknowledge');
      await authorizedRecord(
        app,
        request,
        'notice.acknowledge',
        () => myNotice(db(), request.params.id, actor.id),
        (found) => ({ id: found.id, userId: found.userId }),
      );
      const {
        recipientId: _r,
        userId: _u,
        ...shown
      } = await acknowledgeNotice(db(), auditContextOf(app, request), request.params.id, actor.id);
      return shown;
    },
  );
};
