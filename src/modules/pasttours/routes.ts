import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import { acceptImportFiles, answerImport, importFileOf } from '../../kernel/http/imports.ts';
import { templateCsv } from './format.ts';
import { fileNameHeader, staleSecondsFor } from '../../kernel/imports/imports.ts';
import { importPastTours } from './pasttours.ts';

const report = z
  .object({
    rows: z.number().int(),
    created: z.number().int().meta({ description: 'Tours added.' }),
    updated: z
      .number()
      .int()
      .meta({ description: 'Tours on file whose end date, post or country the file corrected.' }),
    unchanged: z
      .number()
      .int()
      .meta({ description: 'Tours already on file as the file has them.' }),
    officersCreated: z.number().int(),
    dryRun: z.boolean(),
  })
  .meta({ id: 'PastTourImportReport' });

export const pastTourRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  acceptImportFiles(app);

  app.post(
    '/api/v1/past-tours/import',
    {
      config: { action: 'pastTour.import' },
      schema: {
        summary: 'Import past tours (the program’s history before the system): all or nothing',
        description:
          'Send the file (CSV UTF-8 or XLSX) as the raw body (text/csv, the .xlsx type, or application/octet-stream), in the format of `GET /api/v1/past-tours/import-template` (docs/history-import.md): `badge_number, agency, family_name, given_name, gender, mission, country, post, start_date, end_date`. Missions by code, name or a former name (renamed missions mapped by date); countries by ISO code or name, dissolved states accepted for tours that began before they ceased to exist. Any invalid line and nothing is imported: the answer (400 `import_invalid`) lists every problem with its line and column. Tours match on officer + mission + start date, so the same file twice changes nothing. `?dryRun=true` checks and reports without writing.\n\nProgress: with `Accept: application/x-ndjson` the answer is 200 and a stream of JSON lines, as for the officer import.',
        tags: ['past-tours'],
        querystring: z.object({
          dryRun: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: report },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'pastTour.import');
      const file = importFileOf(request, 'past_tours.empty');
      const ctx = auditContextOf(app, request);
      const options = {
        dryRun: request.query.dryRun ?? false,
        fileName: fileNameHeader(request.headers['x-file-name']),
        staleSeconds: staleSecondsFor(app.ctx.database, app.ctx.config.importStaleSeconds),
      };
      return answerImport(request, reply, (onProgress) =>
        importPastTours(db(), ctx, file, { ...options, onProgress }),
      );
    },
  );

  app.get(
    '/api/v1/past-tours/import-template',
    {
      config: { action: 'pastTour.import' },
      schema: {
        summary: 'The history import template: the English headers and a sample line (CSV)',
        tags: ['past-tours'],
        produces: ['text/csv; charset=utf-8'],
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'pastTour.import');
      const name = request.locale === 'fr' ? 'modele-affectations-passees' : 'past-tours-template';
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(`\uFEFF${templateCsv()}`);
    },
  );
};
