import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import { acceptImportFiles, answerImport, importFileOf } from '../../kernel/http/imports.ts';
import { fileNameHeader, staleSecondsFor } from '../../kernel/imports/imports.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { flagKinds, importStatuses } from './schema.ts';
import {
  canadaVsAll,
  importUnContributions,
  listImports,
  MAX_LISTED_FLAGS,
  policeByContributor,
  policeFigures,
} from './uncontributions.ts';
import { currentSettings } from '../settings/settings.ts';

const flag = z
  .object({
    line: z.number().int(),
    kind: z.enum(flagKinds),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  })
  .meta({ id: 'UnContributionFlag' });

const importReport = z
  .object({
    importId: z.uuid(),
    fileName: z.string(),
    rows: z.number().int(),
    aggregates: z.number().int(),
    months: z.array(z.string()),
    replaced: z.number().int(),
    flagCount: z.number().int(),
    flagsByKind: z.partialRecord(z.enum(flagKinds), z.number().int()),
    flags: z.array(flag).meta({ description: 'The first 1,000 flags, in line order.' }),
  })
  .meta({ id: 'UnContributionImportReport' });

const importRun = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    importedAt: z.date(),
    importedBy: z.string().nullable(),
    importedByRole: z.string().nullable(),
    rows: z.number().int(),
    months: z.array(z.string()),
    status: z.enum(importStatuses),
    flagCount: z.number().int(),
    flags: z.array(flag).meta({ description: 'The first 1,000 flags, in line order.' }),
  })
  .meta({ id: 'UnContributionImport' });

const policeRow = z
  .object({
    month: z.string(),
    contributor: z.string(),
    contributorIso3: z.string(),
    mission: z.string(),
    missionRaw: z.string(),
    aggregate: z.boolean(),
    line: z.number().int(),
    male: z.number().int().nullable(),
    female: z.number().int().nullable(),
    total: z.number().int().nullable(),
  })
  .meta({ id: 'UnPoliceRow' });

const figures = {
  male: z.number().int().nullable(),
  female: z.number().int().nullable(),
  total: z.number().int().nullable(),
  womenShare: z.number().nullable().meta({ description: 'Women / total, percent, one decimal.' }),
  source: z.enum(['reported', 'sum']).meta({
    description:
      '`reported`: the report’s own aggregate row; `sum`: the sum of the mission rows (the report gave no aggregate).',
  }),
};

const shareMonth = z
  .object({ month: z.string(), contributor: z.string(), contributorIso3: z.string(), ...figures })
  .meta({ id: 'UnWomenShareMonth' });

const comparedMonth = z
  .object({
    month: z.string(),
    canada: z.object(figures).nullable(),
    all: z.object(figures).nullable(),
    unTarget: z.number().nullable().meta({ description: 'UN_WOMEN_POLICE_TARGETS for the year.' }),
    programTarget: z.number().meta({ description: 'WPS_TARGET_PERCENT.' }),
    gapToUnTarget: z.number().nullable(),
  })
  .meta({ id: 'UnCanadaVsAllMonth' });

const contributorParam = z
  .string()
  .trim()
  .max(100)
  .optional()
  .meta({ description: 'ISO-3 code (CAN), `all`, or the name as reported.' });

export const unContributionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  acceptImportFiles(app);

  app.post(
    '/api/v1/un-contributions/import',
    {
      config: { action: 'uncontribution.import' },
      schema: {
        summary:
          'Import a UN monthly contribution report (all or nothing; a month replaces itself)',
        description:
          'Send the file (CSV UTF-8, or XLSX) as the raw body (text/csv, the .xlsx type, or application/octet-stream), its name URI-encoded in `x-file-name`, in the layout of the UN’s monthly contributions by country, mission and personnel type, with gender: `Date` (month end), `Contributor`, `Contributor_ISO-3`, `Mission`, then `_Male`, `_Female`, `_Total` for `Individual_Police`, `Formed_Police_Units`, `Experts_on_Mission`, `Troops` and `Total`. Figures are kept as reported (`NA` as null, 0 as 0). A bad date or a figure that is not a whole number or `NA` and nothing is imported (400 `import_invalid`, every error by line and column). The rows it had to flag are listed, not fixed: `mission_normalised`, `unknown_mission`, `total_mismatch`, `types_sum_mismatch`, `aggregate_mismatch`, `duplicate`. The file’s months replace what was on file for them.\n\nProgress: with `Accept: application/x-ndjson` the answer is 200 and a stream of JSON lines, as for the officer import.',
        tags: ['un-contributions'],
        response: { 200: importReport },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'uncontribution.import');
      const file = {
        name: fileNameHeader(request.headers['x-file-name']) ?? 'upload.csv',
        content: importFileOf(request, 'un_import.empty'),
      };
      const ctx = auditContextOf(app, request);
      const staleSeconds = staleSecondsFor(app.ctx.database, app.ctx.config.importStaleSeconds);
      return answerImport(request, reply, async (onProgress) => {
        const report = await importUnContributions(db(), ctx, file, { staleSeconds, onProgress });
        return { ...report, flags: report.flags.slice(0, MAX_LISTED_FLAGS) };
      });
    },
  );

  app.get(
    '/api/v1/un-contributions/imports',
    {
      config: { action: 'uncontribution.read' },
      schema: {
        summary: 'The UN contribution imports, newest first, with the rows each had to flag',
        tags: ['un-contributions'],
        response: { 200: z.object({ items: z.array(importRun) }) },
      },
    },
    async (request) => {
      await authorize(app, request, 'uncontribution.read');
      return { items: await listImports(db()) };
    },
  );

  app.get(
    '/api/v1/un-contributions/police',
    {
      config: { action: 'uncontribution.read' },
      schema: {
        summary: 'Individual police men, women and total exactly as reported',
        description:
          'One item per row of the reports on file, aggregates (`all`) included; `null` is `NA` (none reported), distinct from 0.',
        tags: ['un-contributions'],
        querystring: z.object({
          contributor: contributorParam,
          mission: z.string().trim().max(60).optional().meta({ description: 'Code, or `all`.' }),
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
            .optional()
            .meta({ description: 'YYYY-MM.' }),
          ...pageQuery,
        }),
        response: { 200: pageOf(policeRow, 'UnPolicePage') },
      },
    },
    async (request) => {
      await authorize(app, request, 'uncontribution.read');
      return policeFigures(db(), request.query);
    },
  );

  app.get(
    '/api/v1/un-contributions/women-share',
    {
      config: { action: 'uncontribution.read' },
      schema: {
        summary: 'Women’s share of individual police by contributor, month by month',
        description:
          'Each contributor’s row for all missions as reported, else the sum of its mission rows. Without `contributor`: every contributor, and `all`.',
        tags: ['un-contributions'],
        querystring: z.object({
          contributor: z
            .string()
            .trim()
            .regex(/^([A-Za-z]{3}|all)$/)
            .optional()
            .meta({ description: 'ISO-3 code (CAN) or `all`.' }),
        }),
        response: { 200: z.object({ items: z.array(shareMonth) }) },
      },
    },
    async (request) => {
      await authorize(app, request, 'uncontribution.read');
      return { items: await policeByContributor(db(), request.query.contributor) };
    },
  );

  app.get(
    '/api/v1/un-contributions/canada-vs-all',
    {
      config: { action: 'uncontribution.read' },
      schema: {
        summary: 'Canada against all contributors, month by month, with the targets',
        description:
          'Individual police: Canada (CAN) and all contributors, women’s share of each, the UN’s target for the year (`UN_WOMEN_POLICE_TARGETS`) and the program’s (`WPS_TARGET_PERCENT`).',
        tags: ['un-contributions'],
        response: { 200: z.object({ items: z.array(comparedMonth) }) },
      },
    },
    async (request) => {
      await authorize(app, request, 'uncontribution.read');
      const settings = await currentSettings(db(), app.ctx.config);
      return {
        items: await canadaVsAll(db(), {
          unSteps: settings.unWomenPoliceTargets,
          programPercent: settings.wpsTargetPercent,
        }),
      };
    },
  );
};
