import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate, text, bilingual, idParams } from '../../kernel/http/schemas.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize, authorizedRecord } from '../../kernel/http/context.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { decisionFile } from '../decisions/decision-file.ts';
import { recordPosition } from '../decisions/decisions.ts';
import { stances } from '../decisions/schema.ts';
import { newMission } from '../missions/routes.ts';
import { partners } from '../users/schema.ts';
import { attachDocument, readDocument } from './documents.ts';
import {
  findRequest,
  listRequests,
  moveRequest,
  registerRequest,
  updateRequest,
} from './requests.ts';
import { requestSteps } from './rules.ts';
import { decisionOutcomes, requestStatuses } from './schema.ts';

const languageRequirement = z.object({
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .meta({ description: 'ISO 639-1 code: en, fr, ar, es...' }),
  minScore: z
    .number()
    .int()
    .min(0)
    .max(100)
    .meta({ description: 'Percent; the UN pass mark is 60.' }),
});

const lineInput = z
  .object({
    postCount: z.number().int().min(1).max(500),
    postTypeCode: text(60),
    teamCode: z.string().max(60).nullish(),
    locationId: z.uuid().nullish(),
    languages: z.array(languageRequirement).max(10).optional(),
    minRankCode: z.string().max(60).nullish(),
    minYearsService: z.number().int().min(0).max(45).nullish(),
    skills: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
    womenSought: z.boolean().optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'RequestLineInput' });

const requestFields = {
  organizationCode: z.string().max(20).nullish(),
  requestingCountryCode: z.string().length(2).nullish(),
  noteReference: text(200).meta({ description: 'Reference of the diplomatic note or letter.' }),
  receivedOn: isoDate,
  responseDue: isoDate,
  startDate: isoDate,
  tourMonths: z.number().int().min(1).max(60),
  summary: z.string().max(5000).optional(),
  lines: z.array(lineInput).min(1).max(50),
};

const newRequest = z
  .object({
    ...requestFields,
    missionId: z.uuid().nullish(),
    newMission: newMission.nullish(),
  })
  .strict()
  .refine((r) => r.organizationCode || r.requestingCountryCode, {
    path: ['organizationCode'],
    message: 'organization or country',
  })
  .refine((r) => r.missionId || r.newMission, { path: ['missionId'], message: 'mission' })
  .meta({ id: 'NewRequest' });

const requestChanges = z
  .object({
    version: z.number().int().min(1),
    ...Object.fromEntries(Object.entries(requestFields).map(([k, v]) => [k, v.optional()])),
  })
  .strict() as unknown as z.ZodObject<{
  version: z.ZodNumber;
  organizationCode: z.ZodOptional<typeof requestFields.organizationCode>;
  requestingCountryCode: z.ZodOptional<typeof requestFields.requestingCountryCode>;
  noteReference: z.ZodOptional<typeof requestFields.noteReference>;
  receivedOn: z.ZodOptional<typeof isoDate>;
  responseDue: z.ZodOptional<typeof isoDate>;
  startDate: z.ZodOptional<typeof isoDate>;
  tourMonths: z.ZodOptional<typeof requestFields.tourMonths>;
  summary: typeof requestFields.summary;
  lines: z.ZodOptional<typeof requestFields.lines>;
}>;

const deadline = z
  .enum(['overdue', 'due_today', 'due_soon', 'on_time'])
  .nullable()
  .meta({ description: 'How close the response deadline is (null once decided or withdrawn).' });

const requestBase = z.object({
  id: z.uuid(),
  number: z.string(),
  organizationCode: z.string().nullable(),
  requestingCountryCode: z.string().nullable(),
  missionId: z.uuid(),
  noteReference: z.string(),
  receivedOn: z.string(),
  responseDue: z.string(),
  startDate: z.string(),
  tourMonths: z.number(),
  summary: z.string(),
  status: z.enum(requestStatuses),
  outcome: z.enum(decisionOutcomes).nullable(),
  withdrawnReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const requestSummary = requestBase
  .extend({
    mission: z.object({
      id: z.uuid(),
      acronym: z.string(),
      ...bilingual,
      hostCountryCode: z.string(),
    }),
    postsWanted: z.number().int(),
    deadline,
  })
  .meta({ id: 'RequestSummary' });

const documentMeta = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.date(),
  })
  .meta({ id: 'RequestDocument' });

export const position = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    partner: z.enum(partners),
    stance: z.enum(stances),
    reasons: z.string(),
    conditions: z.string().nullable(),
    recordedAt: z.date(),
    version: z.number(),
  })
  .meta({ id: 'PartnerPosition' });

export const decision = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    sequence: z.number().int(),
    outcome: z.enum(decisionOutcomes),
    ceiling: z.number().int(),
    conditions: z.string().nullable(),
    fundingNote: z.string().nullable(),
    decidedOn: z.string(),
    rule: z.string(),
    positions: z.array(
      z.object({
        partner: z.enum(partners),
        stance: z.enum(stances),
        reasons: z.string(),
        conditions: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
    supersedesId: z.uuid().nullable(),
    recordedAt: z.date(),
  })
  .meta({ id: 'Decision' });

const requestDetail = requestBase
  .extend({
    mission: z.object({
      id: z.uuid(),
      code: z.string(),
      acronym: z.string(),
      ...bilingual,
      hostCountryCode: z.string(),
      authorizedStrength: z.number().int(),
    }),
    deadline,
    lines: z.array(
      lineInput
        .extend({
          id: z.uuid(),
          lineNo: z.number().int(),
          languages: z.array(languageRequirement),
          skills: z.array(z.string()),
          womenSought: z.boolean(),
          notes: z.string(),
          teamCode: z.string().nullable(),
          locationId: z.uuid().nullable(),
          minRankCode: z.string().nullable(),
          minYearsService: z.number().nullable(),
          postsCreated: z.number().int(),
        })
        .strip(),
    ),
    documents: z.array(documentMeta),
    positions: z.array(position),
    decisions: z.array(decision),
  })
  .meta({ id: 'RequestDetail' });

/** Document types a request accepts, as sent by a browser or a script. */
const documentTypes = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/octet-stream',
];

export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const { config } = app.ctx;
  const today = () => isoDateOf(app.ctx.clock.now());

  app.addContentTypeParser(
    documentTypes,
    { parseAs: 'buffer', bodyLimit: config.documentMaxBytes },
    (_req, body, done) => done(null, body),
  );

  async function requestFor(
    request: Parameters<typeof authorize>[1],
    action: Parameters<typeof authorize>[2],
    id: string,
  ) {
    return authorizedRecord(
      app,
      request,
      action,
      () => findRequest(db(), id, today(), config.deadlineWarningDays),
      (found) => ({ id: found.id, missionId: found.missionId }),
    );
  }

  app.get(
    '/api/v1/requests',
    {
      config: { action: 'request.list' },
      schema: {
        summary: 'Requests, open ones first by deadline',
        tags: ['requests'],
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          status: z.enum(requestStatuses).optional(),
          organization: z.string().max(20).optional(),
          country: z.string().length(2).optional(),
          missionId: z.uuid().optional(),
          from: isoDate.optional().meta({ description: 'Received on or after.' }),
          to: isoDate.optional().meta({ description: 'Received on or before.' }),
          ...pageQuery,
        }),
        response: { 200: pageOf(requestSummary, 'RequestPage') },
      },
    },
    async (request) => {
      await authorize(app, request, 'request.list');
      const { page, pageSize, ...filters } = request.query;
      return listRequests(db(), filters, { page, pageSize }, today(), config.deadlineWarningDays);
    },
  );

  app.post(
    '/api/v1/requests',
    {
      config: { action: 'request.create' },
      schema: {
        summary: 'Register a request',
        description:
          'For a mission Canada has not served in, send `newMission` instead of `missionId`: the mission is registered, planned, with the request.',
        tags: ['requests'],
        body: newRequest,
        response: { 201: requestBase },
      },
    },
    async (request, reply) => {
      await authorize(app, request, 'request.create');
      const created = await registerRequest(db(), auditContextOf(app, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/requests/:id',
    {
      config: { action: 'request.read' },
      schema: {
        summary: 'A request, its lines, documents, partner positions and decisions',
        tags: ['requests'],
        params: idParams,
        response: { 200: requestDetail },
      },
    },
    async (request) => requestFor(request, 'request.read', request.params.id),
  );

  app.patch(
    '/api/v1/requests/:id',
    {
      config: { action: 'request.update' },
      schema: {
        summary: 'Correct an open request (lines, when sent, replace the current ones)',
        tags: ['requests'],
        params: idParams,
        body: requestChanges,
        response: { 200: requestBase },
      },
    },
    async (request) => {
      await requestFor(request, 'request.update', request.params.id);
      const { version, ...changes } = request.body;
      return updateRequest(db(), auditContextOf(app, request), request.params.id, version, changes);
    },
  );

  app.post(
    '/api/v1/requests/:id/transitions',
    {
      config: { action: 'request.move' },
      schema: {
        summary: 'Put under review, withdraw, or reopen a decided request for reconsideration',
        tags: ['requests'],
        params: idParams,
        body: z
          .object({
            step: z.enum(Object.keys(requestSteps) as [keyof typeof requestSteps]),
            version: z.number().int().min(1),
            reason: z.string().trim().max(2000).nullish(),
          })
          .strict(),
        response: { 200: requestBase },
      },
    },
    async (request) => {
      await requestFor(request, 'request.move', request.params.id);
      const { step, version, reason } = request.body;
      return moveRequest(
        db(),
        auditContextOf(app, request),
        request.params.id,
        version,
        step,
        reason ?? null,
      );
    },
  );

  app.post(
    '/api/v1/requests/:id/documents',
    {
      config: { action: 'request.document.attach' },
      schema: {
        summary: 'Attach a PDF or Word document',
        description: `Send the file as the raw body (Content-Type application/pdf, application/msword, the .docx type, or application/octet-stream) and its name, URI-encoded, in the \`x-file-name\` header. The type is checked from the content; at most ${config.documentMaxBytes} bytes.`,
        tags: ['requests'],
        params: idParams,
        response: { 201: documentMeta },
      },
    },
    async (request, reply) => {
      await requestFor(request, 'request.document.attach', request.params.id);
      if (!Buffer.isBuffer(request.body)) throw new AppError('document_type_refused');
      const sentName = request.headers['x-file-name'];
      if (typeof sentName !== 'string' || !sentName.trim() || sentName.length > 600)
        throw new AppError('validation_failed', {}, [
          { path: 'x-file-name', code: 'validation.required' },
        ]);
      let fileName = sentName;
      try {
        fileName = decodeURIComponent(sentName);
      } catch {
        // Not URI-encoded: keep it as sent.
      }
      const created = await attachDocument(db(), auditContextOf(app, request), request.params.id, {
        fileName,
        content: request.body,
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/requests/:id/documents/:documentId',
    {
      config: { action: 'request.document.read' },
      schema: {
        summary: 'Download a document of a request',
        tags: ['requests'],
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      await requestFor(request, 'request.document.read', request.params.id);
      const doc = await readDocument(db(), request.params.id, request.params.documentId);
      if (!doc) throw new AppError('not_found');
      return reply
        .header('content-type', doc.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        )
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(doc.content);
    },
  );

  app.get(
    '/api/v1/requests/:id/positions',
    {
      config: { action: 'position.list' },
      schema: {
        summary: "The three partners' current positions",
        tags: ['decisions'],
        params: idParams,
        response: { 200: z.array(position) },
      },
    },
    async (request) => (await requestFor(request, 'position.list', request.params.id)).positions,
  );

  app.put(
    '/api/v1/requests/:id/positions',
    {
      config: { action: 'position.record' },
      schema: {
        summary: "Record or change your partner's position",
        description:
          "A decision partner records the position of the partner they represent (GAC, PS or RCMP). To change it, send the current position's `version`. Closed once the request is decided.",
        tags: ['decisions'],
        params: idParams,
        body: z
          .object({
            stance: z.enum(stances),
            reasons: text(5000),
            conditions: z.string().trim().max(5000).nullish(),
            version: z.number().int().min(1).nullish(),
          })
          .strict(),
        response: { 200: position },
      },
    },
    async (request) => {
      const found = await requestFor(request, 'position.record', request.params.id);
      const actor = request.session!.actor;
      if (!actor.partner) throw new AppError('scope_required', { scope: 'partner' });
      return recordPosition(
        db(),
        auditContextOf(app, request),
        actor.partner,
        found.id,
        request.body,
      );
    },
  );

  app.get(
    '/api/v1/requests/:id/decision-file',
    {
      config: { action: 'decision.read' },
      schema: {
        summary: 'The decision file as a bilingual PDF',
        description:
          'The request, the posts wanted, the partners’ positions, every decision (current and superseded) and the documents attached, in English and French.',
        tags: ['decisions'],
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const found = await requestFor(request, 'decision.read', request.params.id);
      const pdf = await decisionFile(db(), found, app.ctx.clock.now());
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="decision-file-${found.number}.pdf"`)
        .send(pdf);
    },
  );
};
