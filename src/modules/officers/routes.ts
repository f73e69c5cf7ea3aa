import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { acceptImportFiles, answerImport, importFileOf } from '../../kernel/http/imports.ts';
import { fileNameHeader, staleSecondsFor } from '../../kernel/imports/imports.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { isoDate, text } from '../../kernel/http/schemas.ts';
import { can } from '../../kernel/policies.ts';
import {
  addOfficer,
  addPriorMission,
  addQualification,
  auditSensitiveRead,
  expiringQualifications,
  findOfficer,
  listOfficers,
  officerIdOfUser,
  qualificationsOf,
  removeQualification,
  updateContacts,
  updateOfficer,
  updateQualification,
} from './officers.ts';
import { rescreenOfficer } from '../calls/applications.ts';
import { exportOfficers, importTemplate } from './export.ts';
import { importOfficers } from './import.ts';
import { sensitiveFieldsOf, withoutSensitive } from './rules.ts';
import { genders, qualificationKinds } from './schema.ts';
import { currentSettings } from '../settings/settings.ts';

/** How many days ahead a qualification shows as expiring on an officer's record. */
const WARNING_DAYS = 90;

const validity = z.enum(['valid', 'expiring', 'expired', 'no_expiry']);

const qualification = z
  .object({
    id: z.uuid(),
    officerId: z.uuid(),
    kind: z.enum(qualificationKinds),
    code: z.string(),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
    obtainedOn: z.string(),
    expiresOn: z.string().nullable(),
    documentNumber: z
      .string()
      .nullable()
      .meta({ description: 'Sensitive: null unless the caller may read sensitive fields.' }),
    detail: z
      .string()
      .nullable()
      .meta({ description: 'Medical and clearance detail is sensitive (null when not readable).' }),
    validity,
    version: z.number(),
  })
  .meta({ id: 'Qualification' });

const priorMission = z
  .object({
    id: z.uuid(),
    missionId: z.uuid().nullable(),
    missionName: z.string(),
    role: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
  })
  .meta({ id: 'PriorMission' });

const contact = z.object({
  name: text(200),
  relationship: text(100),
  phone: text(40),
  email: z.email().max(320).nullish(),
  nextOfKin: z.boolean().optional(),
});

const officerSummary = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    agencyCode: z.string(),
    badgeNumber: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    gender: z.enum(genders),
    rankCode: z.string(),
    serviceStart: z.string(),
    yearsOfService: z.number().int(),
    version: z.number(),
  })
  .meta({ id: 'OfficerSummary' });

const officer = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    badgeNumber: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    gender: z.enum(genders),
    dateOfBirth: z.string().nullable().meta({ description: 'Sensitive.' }),
    rankCode: z.string(),
    agencyRankTitle: z.string().nullable(),
    serviceStart: z.string(),
    yearsOfService: z.number().int(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferredLanguage: z.enum(['en', 'fr']),
    userId: z.uuid().nullable(),
    contacts: z
      .array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          relationship: z.string(),
          phone: z.string(),
          email: z.string().nullable(),
          nextOfKin: z.boolean(),
        }),
      )
      .nullable()
      .meta({
        description: 'Emergency contacts and next of kin. Sensitive: null when not readable.',
      }),
    qualifications: z.array(qualification),
    priorMissions: z.array(priorMission),
    sensitiveVisible: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'Officer' });

const officerFields = {
  badgeNumber: text(40),
  givenName: text(100),
  familyName: text(100),
  gender: z.enum(genders),
  dateOfBirth: isoDate.nullish(),
  rankCode: text(60),
  agencyRankTitle: z.string().trim().max(100).nullish(),
  serviceStart: isoDate,
  email: z.email().max(320).nullish(),
  phone: z.string().trim().max(40).nullish(),
  preferredLanguage: z.enum(['en', 'fr']).optional(),
};

const qualificationInput = z
  .object({
    kind: z.enum(qualificationKinds),
    code: z.string().trim().max(60).optional(),
    score: z.number().int().min(0).max(100).nullish(),
    passed: z.boolean().nullish(),
    obtainedOn: isoDate,
    expiresOn: isoDate
      .nullish()
      .meta({ description: 'Absent: none, except a UN assessment (24 months from obtainedOn).' }),
    documentNumber: z.string().trim().max(60).nullish(),
    detail: z.string().trim().max(2000).nullish(),
  })
  .strict();

const officerParams = z.object({ id: z.uuid() });
const qualificationParams = z.object({ id: z.uuid(), qualificationId: z.uuid() });

export const officerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const today = () => isoDateOf(app.ctx.clock.now());
  // An applicant's record changed: their screened applications follow (calls module).
  const rescreen = async (request: FastifyRequest, officerId: string | null) =>
    rescreenOfficer(
      db(),
      auditContextOf(app, request),
      officerId,
      (await currentSettings(db(), app.ctx.config)).screening,
    );
  type Action = Parameters<typeof authorize>[2];

  const officerFor = (request: Parameters<typeof authorize>[1], action: Action, id: string) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findOfficer(db(), id, today(), WARNING_DAYS),
      (found) => ({ id: found.id, agencyId: found.agencyId, userId: found.userId }),
    );

  /** The officer as this caller may see it: sensitive fields only for those who need them. */
  function shown(
    request: Parameters<typeof authorize>[1],
    found: NonNullable<Awaited<ReturnType<typeof findOfficer>>>,
  ) {
    const actor = request.session!.actor;
    const scope = { id: found.id, agencyId: found.agencyId, userId: found.userId };
    if (can(actor, 'officer.sensitive.read', scope)) return { ...found, sensitiveVisible: true };
    const { officer: o, qualifications } = withoutSensitive(found, found.qualifications);
    return { ...o, qualifications, sensitiveVisible: false };
  }

  /**
   * The officer as shown, the read audited (`officer.read_sensitive`, the fields' names only)
   * when it discloses someone else's sensitive fields; an officer reading their own is not.
   * `part`: only the qualifications are returned (their list).
   */
  async function shownAudited(
    request: Parameters<typeof authorize>[1],
    found: NonNullable<Awaited<ReturnType<typeof findOfficer>>>,
    part: 'record' | 'qualifications' = 'record',
  ) {
    const result = shown(request, found);
    const actor = request.session!.actor;
    if (result.sensitiveVisible && found.userId !== actor.id) {
      const fields =
        part === 'record'
          ? sensitiveFieldsOf(found, found.qualifications)
          : sensitiveFieldsOf({ dateOfBirth: null, contacts: null }, found.qualifications);
      if (fields.length)
        await auditSensitiveRead(db(), auditContextOf(app, request), {
          action: 'officer.read_sensitive',
          officerId: found.id,
          fields,
        });
    }
    return result;
  }

  const sheetTypes = {
    csv: 'text/csv; charset=utf-8',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  } as const;
  acceptImportFiles(app);

  const officerFilters = {
    q: z.string().trim().max(100).optional().meta({ description: 'Name or badge number.' }),
    agencyId: z.uuid().optional(),
    rank: z.string().max(60).optional().meta({ description: 'This rank or above.' }),
    gender: z.enum(genders).optional(),
    language: z.string().length(2).optional(),
    minScore: z.coerce.number().int().min(0).max(100).optional(),
    specialisation: z.string().max(60).optional(),
    qualification: z.enum(qualificationKinds).optional(),
    validOn: isoDate
      .optional()
      .meta({ description: 'Date qualifications must be valid on (default today).' }),
  };

  app.post(
    '/api/v1/officers/import',
    {
      config: { action: 'officer.import' },
      schema: {
        summary: 'Import officers and qualifications (CSV or XLSX, all or nothing)',
        description:
          'Send the file as the raw body (text/csv, the .xlsx type, or application/octet-stream), in the format of `GET /api/v1/officers/import-template`. Any invalid row and nothing is imported: the answer (400 `import_invalid`) lists every error with its line and column. Officers match on agency + badge number, so the same file imported twice changes nothing; an empty cell never erases a value on file. `?dryRun=true` checks and reports without writing. An optional `x-file-name` header (URI-encoded) names the file on the import run (`GET /api/v1/imports`).\n\nProgress: with `Accept: application/x-ndjson` the answer is 200 and a stream of JSON lines: `{type: "progress", phase: "checking" | "writing", done, total}` as the import goes, then `{type: "report", report}` or `{type: "error", status, error}` (the status and error body the plain call would have answered).',
        tags: ['officers'],
        querystring: z.object({
          dryRun: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: {
          200: z
            .object({
              rows: z.number().int(),
              created: z.number().int(),
              updated: z.number().int(),
              unchanged: z.number().int(),
              qualificationsAdded: z.number().int(),
              qualificationsUpdated: z.number().int(),
              dryRun: z.boolean(),
            })
            .meta({ id: 'ImportReport' }),
        },
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'officer.import');
      const file = importFileOf(request, 'import.empty');
      const options = {
        onlyAgencyId: actor.role === 'agency_coordinator' ? (actor.agencyId ?? '-') : null,
        dryRun: request.query.dryRun ?? false,
        fileName: fileNameHeader(request.headers['x-file-name']),
        staleSeconds: staleSecondsFor(app.ctx.database, app.ctx.config.importStaleSeconds),
      };
      const ctx = auditContextOf(app, request);
      return answerImport(request, reply, async (onProgress) => {
        const report = await importOfficers(db(), ctx, file, { ...options, onProgress });
        if (!report.dryRun && report.created + report.updated > 0) await rescreen(request, null);
        return report;
      });
    },
  );

  app.get(
    '/api/v1/officers/import-template',
    {
      config: { action: 'officer.import' },
      schema: {
        summary: 'The import file template, headers in the caller’s language',
        tags: ['officers'],
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        produces: [sheetTypes.csv, sheetTypes.xlsx],
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'officer.import');
      const { format } = request.query;
      const name = request.locale === 'fr' ? 'modele-policiers' : 'officers-template';
      return reply
        .header('content-type', sheetTypes[format])
        .header('content-disposition', `attachment; filename="${name}.${format}"`)
        .send(await importTemplate(format, request.locale));
    },
  );

  app.get(
    '/api/v1/officers/export',
    {
      config: { action: 'officer.export' },
      schema: {
        summary: 'Export the (filtered) officers in the import format',
        description:
          'The caller’s scope applies (a coordinator exports their agency’s officers), and sensitive columns stay empty for whoever may not read them.',
        tags: ['officers'],
        querystring: z.object({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          ...officerFilters,
        }),
        produces: [sheetTypes.csv, sheetTypes.xlsx],
      },
    },
    async (request, reply) => {
      const actor = await authorize(app, request, 'officer.export');
      const { format, ...filters } = request.query;
      const only =
        actor.role === 'agency_coordinator' ? { agencyId: actor.agencyId ?? '' } : undefined;
      const { file, sensitive } = await exportOfficers(
        db(),
        actor,
        filters,
        today(),
        format,
        request.locale,
        only,
      );
      if (sensitive.officers > 0)
        await auditSensitiveRead(db(), auditContextOf(app, request), {
          action: 'officer.export_sensitive',
          officerId: null,
          fields: sensitive.fields,
          officers: sensitive.officers,
        });
      const name = request.locale === 'fr' ? 'policiers' : 'officers';
      return reply
        .header('content-type', sheetTypes[format])
        .header('content-disposition', `attachment; filename="${name}-${today()}.${format}"`)
        .send(file);
    },
  );

  app.get(
    '/api/v1/officers',
    {
      config: { action: 'officer.list' },
      schema: {
        summary: 'Officers, by name, with search and filters',
        tags: ['officers'],
        querystring: z.object({
          ...officerFilters,
          ...pageQuery,
        }),
        response: { 200: pageOf(officerSummary, 'OfficerPage') },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'officer.list');
      const { page, pageSize, ...filters } = request.query;
      const only =
        actor.role === 'agency_coordinator' ? { agencyId: actor.agencyId ?? '' } : undefined;
      return listOfficers(db(), filters, { page, pageSize }, today(), only);
    },
  );

  app.post(
    '/api/v1/officers',
    {
      config: { action: 'officer.create' },
      schema: {
        summary: 'Register an officer',
        tags: ['officers'],
        body: z.object({ agencyId: z.uuid(), ...officerFields }).strict(),
        response: { 201: officer },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'officer.create');
      await authorize(app, request, 'officer.create', {
        id: request.body.agencyId,
        agencyId: request.body.agencyId,
      });
      const created = await addOfficer(db(), auditContextOf(app, request), request.body);
      const found = (await findOfficer(db(), created.id, today(), WARNING_DAYS))!;
      return reply.status(201).send(shown(request, found));
    },
  );

  app.get(
    '/api/v1/me/officer',
    {
      config: { action: 'officer.self' },
      schema: {
        summary: 'The signed-in officer’s own record (self-service)',
        description: '404 when no officer record is linked to this account.',
        tags: ['officers'],
        response: { 200: officer },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'officer.self');
      const id = await officerIdOfUser(db(), actor.id);
      if (!id) throw new AppError('not_found');
      return shown(request, await officerFor(request, 'officer.read', id));
    },
  );

  app.get(
    '/api/v1/officers/:id',
    {
      config: { action: 'officer.read' },
      schema: {
        summary: 'An officer, with contacts and qualifications as the caller may see them',
        tags: ['officers'],
        params: officerParams,
        response: { 200: officer },
      },
    },
    async (request) =>
      shownAudited(request, await officerFor(request, 'officer.read', request.params.id)),
  );

  app.patch(
    '/api/v1/officers/:id',
    {
      config: { action: 'officer.update' },
      schema: {
        summary: "Correct an officer's identity or service data",
        tags: ['officers'],
        params: officerParams,
        body: z
          .object({
            version: z.number().int().min(1),
            ...Object.fromEntries(Object.entries(officerFields).map(([k, v]) => [k, v.optional()])),
          })
          .strict() as unknown as z.ZodObject<
          { version: z.ZodNumber } & {
            [K in keyof typeof officerFields]: z.ZodOptional<(typeof officerFields)[K]>;
          }
        >,
        response: { 200: officer },
      },
    },
    async (request) => {
      await officerFor(request, 'officer.update', request.params.id);
      const { version, ...changes } = request.body;
      await updateOfficer(db(), auditContextOf(app, request), request.params.id, version, changes);
      await rescreen(request, request.params.id);
      return shownAudited(
        request,
        (await findOfficer(db(), request.params.id, today(), WARNING_DAYS))!,
      );
    },
  );

  app.put(
    '/api/v1/officers/:id/contact',
    {
      config: { action: 'officer.contacts.update' },
      schema: {
        summary: 'Correct contact details and emergency contacts (self-service)',
        tags: ['officers'],
        params: officerParams,
        body: z
          .object({
            version: z.number().int().min(1),
            email: z.email().max(320).nullish(),
            phone: z.string().trim().max(40).nullish(),
            contacts: z.array(contact).max(10),
          })
          .strict(),
        response: { 200: officer },
      },
    },
    async (request) => {
      await officerFor(request, 'officer.contacts.update', request.params.id);
      const { version, ...input } = request.body;
      await updateContacts(db(), auditContextOf(app, request), request.params.id, version, input);
      return shownAudited(
        request,
        (await findOfficer(db(), request.params.id, today(), WARNING_DAYS))!,
      );
    },
  );

  app.get(
    '/api/v1/officers/:id/qualifications',
    {
      config: { action: 'qualification.list' },
      schema: {
        summary: "An officer's qualifications with their validity today",
        tags: ['officers'],
        params: officerParams,
        response: { 200: z.array(qualification) },
      },
    },
    async (request) =>
      (
        await shownAudited(
          request,
          await officerFor(request, 'qualification.list', request.params.id),
          'qualifications',
        )
      ).qualifications,
  );

  app.post(
    '/api/v1/officers/:id/qualifications',
    {
      config: { action: 'qualification.create' },
      schema: {
        summary: 'Record a qualification',
        tags: ['officers'],
        params: officerParams,
        body: qualificationInput,
        response: { 201: qualification },
      },
    },
    async (request, reply) => {
      await officerFor(request, 'qualification.create', request.params.id);
      const created = await addQualification(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
      );
      const [withValidity] = await qualificationsOf(
        db(),
        [request.params.id],
        today(),
        WARNING_DAYS,
      ).then((all) => all.filter((q) => q.id === created.id));
      await rescreen(request, request.params.id);
      return reply.status(201).send(withValidity!);
    },
  );

  app.put(
    '/api/v1/officers/:id/qualifications/:qualificationId',
    {
      config: { action: 'qualification.update' },
      schema: {
        summary: 'Replace a qualification (with the version it was read at)',
        tags: ['officers'],
        params: qualificationParams,
        body: qualificationInput.extend({ version: z.number().int().min(1) }),
        response: { 200: qualification },
      },
    },
    async (request) => {
      await officerFor(request, 'qualification.update', request.params.id);
      const { version, ...input } = request.body;
      await updateQualification(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.params.qualificationId,
        version,
        input,
      );
      await rescreen(request, request.params.id);
      const all = await qualificationsOf(db(), [request.params.id], today(), WARNING_DAYS);
      return all.find((q) => q.id === request.params.qualificationId)!;
    },
  );

  app.delete(
    '/api/v1/officers/:id/qualifications/:qualificationId',
    {
      config: { action: 'qualification.delete' },
      schema: {
        summary: 'Remove a qualification recorded in error',
        tags: ['officers'],
        params: qualificationParams,
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      await officerFor(request, 'qualification.delete', request.params.id);
      await removeQualification(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.params.qualificationId,
        request.query.version,
      );
      await rescreen(request, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/officers/:id/prior-missions',
    {
      config: { action: 'officer.update' },
      schema: {
        summary: 'Record a mission served before these records (history)',
        tags: ['officers'],
        params: officerParams,
        body: z
          .object({
            missionId: z.uuid().nullish(),
            missionName: text(200),
            role: z.string().trim().max(200).nullish(),
            startDate: isoDate,
            endDate: isoDate.nullish(),
          })
          .strict(),
        response: { 201: priorMission.extend({ officerId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      await officerFor(request, 'officer.update', request.params.id);
      const created = await addPriorMission(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/qualifications/expiring',
    {
      config: { action: 'qualification.expiring' },
      schema: {
        summary: 'Qualifications expiring within N days (and those expired in the last N days)',
        tags: ['officers'],
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(730).default(90),
          agencyId: z.uuid().optional(),
          ...pageQuery,
        }),
        response: {
          200: pageOf(
            z.object({
              qualificationId: z.uuid(),
              kind: z.enum(qualificationKinds),
              code: z.string(),
              expiresOn: z.string().nullable(),
              validity,
              officerId: z.uuid(),
              givenName: z.string(),
              familyName: z.string(),
              badgeNumber: z.string(),
              agencyId: z.uuid(),
              agencyCode: z.string(),
            }),
            'ExpiringQualificationPage',
          ),
        },
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'qualification.expiring');
      const { days, agencyId, page, pageSize } = request.query;
      const agency = actor.role === 'agency_coordinator' ? (actor.agencyId ?? '') : agencyId;
      return expiringQualifications(db(), today(), days, { page, pageSize }, agency);
    },
  );
};
