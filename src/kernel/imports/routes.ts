import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../http/context.ts';
import { translator } from '../i18n.ts';
import { listImportRuns, staleSecondsFor } from './imports.ts';
import { importKinds, importRunStatuses } from './schema.ts';

const knownFailures = new Set(['import_invalid', 'import_interrupted', 'internal']);

const importRun = z
  .object({
    id: z.uuid(),
    kind: z.enum(importKinds),
    fileName: z.string(),
    sha256: z.string(),
    status: z.enum(importRunStatuses),
    rowCount: z.number().int().nullable(),
    failureCode: z.string().nullable(),
    failureMessage: z
      .string()
      .nullable()
      .meta({ description: 'What the failure means, in the caller’s language.' }),
    actorRole: z.string(),
    startedAt: z.date(),
    heartbeatAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'ImportRun' });

export const importRunRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/imports',
    {
      config: { action: 'import.read' },
      schema: {
        summary: 'Recent import runs of every kind, newest first',
        description:
          'Every import (officers, UN contributions, past tours) leaves a run: `running`, `succeeded` with its row count, or `failed` with a stable failure code (`import_invalid`, `import_interrupted` when the process or the database died mid-import, `internal`). An import is all or nothing: a failed run imported nothing. Running runs whose heartbeat is stale are marked failed before listing. No personal data: the file’s name and sha256, counts, the role that ran it.',
        tags: ['imports'],
        querystring: z.object({
          kind: z.enum(importKinds).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(importRun) }) },
      },
    },
    async (request) => {
      await authorize(app, request, 'import.read');
      const t = translator(request.locale);
      const runs = await listImportRuns(app.ctx.database.db, {
        kind: request.query.kind,
        limit: request.query.limit,
        staleSeconds: staleSecondsFor(app.ctx.database, app.ctx.config.importStaleSeconds),
      });
      return {
        items: runs.map((r) => ({
          ...r,
          failureMessage: r.failureCode
            ? t(`imports:failures.${knownFailures.has(r.failureCode) ? r.failureCode : 'other'}`)
            : null,
        })),
      };
    },
  );
};
