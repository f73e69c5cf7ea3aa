import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { authorize } from '../../kernel/http/context.ts';
import { isoDate } from '../../kernel/http/schemas.ts';
import { translator } from '../../kernel/i18n.ts';
import { genders } from '../officers/schema.ts';
import { buildReport, filterKeys, isReportId, reportIds, reports } from './definitions.ts';
import { rowsIn, tableToCsv, tableToPdf, tableToXlsx } from './tables.ts';

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

const filters = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  missionId: z.uuid().optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2,3}$/)
    .optional(),
  organizationCode: z.string().min(1).max(40).optional(),
  agencyId: z.uuid().optional(),
  role: z.string().min(1).max(60).optional(),
  gender: z.enum(genders).optional(),
};

const column = z.object({
  key: z.string(),
  kind: z.enum(['text', 'code', 'bilingual', 'count', 'percent']),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const today = () => isoDateOf(app.ctx.clock.now());

  app.get(
    '/api/v1/reports',
    {
      config: { action: 'report.read' },
      schema: {
        summary: 'The reports, with the filters each takes and its columns',
        tags: ['reports'],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                filters: z.array(z.enum(filterKeys)),
                columns: z.array(column),
                chart: z
                  .union([
                    z.object({ category: z.string(), series: z.array(z.string()) }),
                    z.object({ category: z.string(), stackBy: z.string(), value: z.string() }),
                  ])
                  .nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      await authorize(app, request, 'report.read');
      return {
        items: reportIds.map((id) => ({
          id,
          filters: [...reports[id].filters],
          columns: reports[id].columns.map(({ key, kind }) => ({ key, kind })),
          chart: reports[id].chart,
        })),
      };
    },
  );

  app.get(
    '/api/v1/reports/:report',
    {
      config: { action: 'report.read' },
      schema: {
        summary: 'One report, computed from the records now; JSON, or exported as CSV, XLSX or PDF',
        description:
          'Filters a report does not take are ignored. CSV and XLSX are in the caller’s language (`lang` or Accept-Language); the PDF is bilingual. Aggregates only: no report names a person.',
        tags: ['reports'],
        params: z.object({ report: z.string().max(60) }),
        querystring: z.object({
          format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
          lang: z.enum(['en', 'fr']).optional(),
          ...filters,
        }),
        produces: ['application/json', contentTypes.csv, contentTypes.xlsx, contentTypes.pdf],
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'report.read');
      const { report: id } = request.params;
      if (!isReportId(id)) throw new AppError('not_found');
      const { format, lang: _lang, ...chosen } = request.query;
      if (chosen.from && chosen.to && chosen.from > chosen.to)
        throw new AppError('report_period_reversed');
      const table = await buildReport(db(), id, chosen, today());
      const lang = request.locale;
      const t = translator(lang);
      if (format === 'json')
        return {
          id,
          columns: table.columns.map(({ key, kind }) => ({ key, kind })),
          rows: rowsIn(t, lang, table),
        };
      const title = t(`reports:titles.${id}`);
      const file =
        format === 'csv'
          ? tableToCsv(t, lang, table)
          : format === 'xlsx'
            ? await tableToXlsx(t, lang, title, table)
            : await tableToPdf(
                { en: translator('en'), fr: translator('fr') },
                {
                  title: {
                    en: translator('en')(`reports:titles.${id}`),
                    fr: translator('fr')(`reports:titles.${id}`),
                  },
                  filters: Object.entries(chosen)
                    .filter(([, v]) => v)
                    .map(([k, v]) => ({
                      en: `${translator('en')(`reports:filters.${k}`)}: ${v}`,
                      fr: `${translator('fr')(`reports:filters.${k}`)} : ${v}`,
                    })),
                  generatedAt: app.ctx.clock.now(),
                },
                table,
              );
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="peaceops-${id}-${today()}.${format}"`)
        .send(file);
    },
  );
};
