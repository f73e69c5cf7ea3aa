import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import { pageQuery } from '../../kernel/http/paging.ts';
import {
  auditEntriesFor,
  auditExport,
  findAuditEntry,
  searchAudit,
  verifyChain,
  type AuditFilters,
} from './audit.ts';
import { safeCell } from './rules.ts';

/** A day ('YYYY-MM-DD', UTC) or an instant (ISO 8601 with its offset). */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const filters = {
  actor: z
    .string()
    .trim()
    .max(320)
    .optional()
    .meta({ description: 'An account id, or a part of the actor’s display name or e-mail.' }),
  recordType: z.string().trim().max(60).optional(),
  recordId: z.string().trim().max(200).optional(),
  action: z.string().trim().max(500).optional().meta({
    description:
      'Exact (`officer.update`), a prefix ending in a dot (`officer.`), or with `*` wildcards (`*.read_sensitive`); several separated by commas.',
  }),
  outcome: z.enum(['ok', 'denied']).optional(),
  from: instant.optional().meta({ description: 'On or after (a date: from its start, UTC).' }),
  to: instant.optional().meta({ description: 'On or before (a date: to its end, UTC).' }),
};

function filtersOf(q: {
  actor?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  action?: string | undefined;
  outcome?: 'ok' | 'denied' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): AuditFilters {
  const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const from = q.from ? new Date(isDay(q.from) ? `${q.from}T00:00:00Z` : q.from) : undefined;
  let to: Date | undefined;
  if (q.to) {
    to = new Date(isDay(q.to) ? `${q.to}T00:00:00Z` : q.to);
    // A day ends at the next midnight; an instant is included (the bound is exclusive).
    to = new Date(to.getTime() + (isDay(q.to) ? 86_400_000 : 1));
  }
  return {
    actor: q.actor || undefined,
    recordType: q.recordType || undefined,
    recordId: q.recordId || undefined,
    action: q.action || undefined,
    outcome: q.outcome,
    from,
    to,
  };
}

const change = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

const entry = z
  .object({
    seq: z.number().int(),
    at: z.date(),
    actor: z
      .object({
        id: z.uuid().nullable(),
        displayName: z.string().nullable(),
        role: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'null for the system (seeds, jobs). The role is the one at the time.' }),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string().nullable(),
    outcome: z.enum(['ok', 'denied']),
    changes: z
      .array(change)
      .meta({ description: 'Changed fields as before/after pairs (secrets never appear).' }),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const csvColumns = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'record_type',
  'record_id',
  'outcome',
  'changes',
  'request_id',
];

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/api/v1/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        summary: 'Search the audit log (newest first)',
        description: `The count stops at 10,000 matches (\`totalCapped\`): the log grows without end.`,
        tags: ['audit'],
        querystring: z.object({ ...filters, ...pageQuery }),
        response: {
          200: z
            .object({
              items: z.array(entry),
              total: z.number().int(),
              totalCapped: z.boolean(),
              page: z.number().int(),
              pageSize: z.number().int(),
            })
            .meta({ id: 'AuditPage' }),
        },
      },
    },
    async (request) => {
      await authorize(app, request, 'audit.read');
      const { page, pageSize, ...q } = request.query;
      return searchAudit(db(), filtersOf(q), { page, pageSize });
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { action: 'audit.export' },
      schema: {
        summary: 'The matching entries as CSV (UTF-8 with BOM; the export is itself audited)',
        tags: ['audit'],
        querystring: z.object(filters),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'audit.export');
      const f = filtersOf(request.query);
      await auditExport(db(), auditContextOf(app, request), f);
      const csv = stringify({ bom: true, header: true, columns: csvColumns });
      Readable.from(
        (async function* () {
          for await (const e of auditEntriesFor(db(), f)) {
            const changes = e.changes.length
              ? JSON.stringify(
                  Object.fromEntries(e.changes.map((c) => [c.field, [c.before, c.after]])),
                )
              : '';
            yield [
              String(e.seq),
              e.at.toISOString(),
              e.actor?.id ?? '',
              e.actor?.displayName ?? '',
              e.actor?.role ?? '',
              e.action,
              e.recordType,
              e.recordId ?? '',
              e.outcome,
              changes,
              e.requestId ?? '',
            ].map(safeCell);
          }
        })(),
      )
        .on('error', (error) => csv.destroy(error))
        .pipe(csv);
      const name = `${request.locale === 'fr' ? 'journal-audit' : 'audit-log'}-${isoDateOf(app.ctx.clock.now())}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { action: 'audit.verify' },
      schema: {
        summary: 'Verify the hash chain of the audit log',
        description:
          '`firstBroken`: the first entry whose content was changed (`content_changed`) or whose predecessor is missing or changed (`link_broken`).',
        tags: ['audit'],
        response: {
          200: z
            .object({
              ok: z.boolean(),
              checked: z.number().int(),
              firstBroken: z
                .object({
                  seq: z.number().int(),
                  reason: z.enum(['content_changed', 'link_broken']),
                  at: z.date().nullable(),
                  action: z.string().nullable(),
                })
                .nullable(),
            })
            .meta({ id: 'AuditChainReport' }),
        },
      },
    },
    async (request) => {
      await authorize(app, request, 'audit.verify');
      return verifyChain(db());
    },
  );

  app.get(
    '/api/v1/audit/:seq',
    {
      config: { action: 'audit.read' },
      schema: {
        summary: 'One audit entry, with its hashes',
        tags: ['audit'],
        params: z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: entry.extend({ prevHash: z.string(), hash: z.string() }) },
      },
    },
    async (request) => {
      await authorize(app, request, 'audit.read');
      const found = await findAuditEntry(db(), request.params.seq);
      if (!found) throw new AppError('not_found');
      return found;
    },
  );
};
