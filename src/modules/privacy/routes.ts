import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { officers } from '../officers/schema.ts';
import { officerIdOfUser } from '../officers/officers.ts';
import { users } from '../users/schema.ts';
import { auditExport, personalDataOf } from './export.ts';
import { personalDataPdf } from './pdf.ts';
import { runRetention } from './retention.ts';
import { isoDateOf } from '../../kernel/dates.ts';

const exportQuery = z.object({
  format: z.enum(['json', 'pdf']).default('json'),
  lang: z.enum(['en', 'fr']).optional().meta({
    description: 'Default: the officer’s own language (their account’s, else their record’s).',
  }),
});

const exportDescription =
  'Everything the system holds about the officer: the officer record (sensitive fields included), contacts, qualifications, past tours, the account (never its password), applications with their screening and assessments, selections, deployments with their moves, extensions, check-ins, end-of-tour report and debrief, training, the incidents they are involved in (their own part), notices, e-mail sent to them, and the audit entries about their records (action, time, the role of who acted). JSON, or a PDF in the officer’s language. Audited (`officer.personal_data_export`). The file name carries the record id, never the person’s name.';

const candidate = z.object({ id: z.uuid(), agencyId: z.uuid(), lastUse: z.string() });
const retentionReport = z
  .object({
    today: z.string(),
    years: z.number().int(),
    cutoff: z.string(),
    dryRun: z.boolean(),
    due: z.array(candidate),
    anonymised: z.number().int(),
  })
  .meta({ id: 'RetentionReport' });

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  /** The officer's own language: the account's, else the record's; `lang` overrides. */
  async function languageOf(officerId: string, explicit: Locale | undefined): Promise<Locale> {
    if (explicit) return explicit;
    const [row] = await db()
      .select({ preferred: officers.preferredLanguage, locale: users.locale })
      .from(officers)
      .leftJoin(users, eq(users.id, officers.userId))
      .where(eq(officers.id, officerId));
    return row?.locale ?? row?.preferred ?? 'en';
  }

  async function exported(
    request: FastifyRequest,
    officerId: string,
    query: z.infer<typeof exportQuery>,
  ): Promise<{ type: string; disposition: string; body: Buffer | string }> {
    const language = await languageOf(officerId, query.lang);
    const now = app.ctx.clock.now();
    const data = await personalDataOf(db(), officerId, now, language);
    await auditExport(db(), auditContextOf(app, request), officerId, query.format);
    const name = `${language === 'fr' ? 'donnees-personnelles' : 'personal-data'}-${officerId}-${isoDateOf(now)}`;
    if (query.format === 'json')
      return {
        type: 'application/json; charset=utf-8',
        disposition: `attachment; filename="${name}.json"`,
        body: JSON.stringify(data, null, 2),
      };
    return {
      type: 'application/pdf',
      disposition: `attachment; filename="${name}.pdf"`,
      body: await personalDataPdf(data, language),
    };
  }

  app.get(
    '/api/v1/me/personal-data',
    {
      config: { action: 'personalData.exportOwn' },
      schema: {
        summary: 'Everything the system holds about me (JSON or PDF)',
        description: `${exportDescription} 404 when no officer record is linked to this account.`,
        tags: ['privacy'],
        querystring: exportQuery,
        produces: ['application/json', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'personalData.exportOwn');
      const id = await officerIdOfUser(db(), actor.id);
      if (!id) throw new AppError('not_found');
      const file = await exported(request, id, request.query);
      return reply
        .header('content-type', file.type)
        .header('content-disposition', file.disposition)
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/officers/:id/personal-data',
    {
      config: { action: 'personalData.export' },
      schema: {
        summary: 'Everything the system holds about an officer, on their behalf (JSON or PDF)',
        description: exportDescription,
        tags: ['privacy'],
        params: z.object({ id: z.uuid() }),
        querystring: exportQuery,
        produces: ['application/json', 'application/pdf'],
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'personalData.export');
      const [found] = await db()
        .select({ id: officers.id, agencyId: officers.agencyId, userId: officers.userId })
        .from(officers)
        .where(eq(officers.id, request.params.id));
      if (!found) throw new AppError('not_found');
      await authorize(app, request, 'personalData.export', found);
      const file = await exported(request, found.id, request.query);
      return reply
        .header('content-type', file.type)
        .header('content-disposition', file.disposition)
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/retention/preview',
    {
      config: { action: 'retention.preview' },
      schema: {
        summary: 'The retention’s dry run: the officers it would anonymise now',
        description:
          'Officers whose last administrative use is over `RETENTION_YEARS` old (never one with a deployment not yet over), with their id, agency and last use only.',
        tags: ['privacy'],
        response: { 200: retentionReport },
      },
    },
    async (request) => {
      await authorize(app, request, 'retention.preview');
      return runRetention(db(), auditContextOf(app, request), {
        years: app.ctx.config.retentionYears,
        dryRun: true,
      });
    },
  );

  app.post(
    '/api/v1/retention/run',
    {
      config: { action: 'retention.run' },
      schema: {
        summary: 'Run the retention now: anonymise the officers due',
        description:
          'One transaction per batch, one audit entry per officer (field names only) and one for the run (`retention.run`). What aggregates and published figures use stays, so they answer the same.',
        tags: ['privacy'],
        response: { 200: retentionReport },
      },
    },
    async (request) => {
      await authorize(app, request, 'retention.run');
      return runRetention(db(), auditContextOf(app, request), {
        years: app.ctx.config.retentionYears,
      });
    },
  );
};
