import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import {
  auditContextOf,
  authorize,
  authorizedRecord,
  requireActor,
} from '../../kernel/http/context.ts';
import { idParams, isoDate, text } from '../../kernel/http/schemas.ts';
import { withMessages, type Locale } from '../../kernel/i18n.ts';
import { can, type Action } from '../../kernel/policies.ts';
import type { ReadinessItem } from '../training/readiness.ts';
import {
  findDeployment,
  moveDeployment,
  readinessBoard,
  scopeOfDeployment,
} from './deployments.ts';
import { canDebrief, canExtend, canWriteTourReport, isOpen, mayDecideExtension } from './rules.ts';
import { deploymentStates } from './schema.ts';
import {
  addSuccessor,
  decideExtension,
  extendDeployment,
  findEndOfTourReport,
  recordDebrief,
  saveEndOfTourReport,
  setDeploymentLocation,
} from './tour.ts';

/** A deployment as answered: its readiness items with their messages in the caller's language. */
function shown<D extends { readiness: { items: ReadinessItem[]; blocking: number } }>(
  locale: Locale,
  deployment: D,
) {
  return {
    ...deployment,
    readiness: { ...deployment.readiness, items: withMessages(locale, deployment.readiness.items) },
  };
}

type Found = NonNullable<Awaited<ReturnType<typeof findDeployment>>>;

/**
 * One deployment for this actor: with what they may do on it now (policy and rule together), so
 * the web app shows forms and buttons without re-deriving a rule; each extension says whether
 * this actor may decide it.
 */
function forActor(locale: Locale, actor: Actor, d: Found) {
  const scope = scopeOfDeployment(d);
  const pending = d.extensions.some((e) => e.status === 'requested');
  const mayDecide = can(actor, 'deployment.extension.decide', scope);
  return {
    ...shown(locale, d),
    extensions: d.extensions.map(({ requestedBy, ...e }) => ({
      ...e,
      decidable: mayDecide && mayDecideExtension({ status: e.status, requestedBy }, actor.id),
      requestedByMe: requestedBy === actor.id,
    })),
    can: {
      move: can(actor, 'deployment.move', scope) && d.nextStates.length > 0,
      editLocation: can(actor, 'deployment.update', scope) && isOpen(d.state),
      requestExtension: can(actor, 'deployment.extend', scope) && canExtend(d.state) && !pending,
      addSuccessor:
        can(actor, 'deployment.rotate', scope) && isOpen(d.state) && !d.rotation.successor,
      recordDebrief: can(actor, 'deployment.debrief', scope) && canDebrief(d.state),
      readEndOfTourReport: can(actor, 'deployment.report.read', scope),
      writeEndOfTourReport:
        can(actor, 'deployment.report.write', scope) &&
        canWriteTourReport(d.state) &&
        d.endOfTourReport?.status !== 'submitted',
    },
  };
}

const version = z.number().int().min(1);

export const deploymentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const today = () => isoDateOf(app.ctx.clock.now());
  const deploymentFor = (request: Parameters<typeof authorize>[1], action: Action, id: string) =>
    authorizedRecord(
      app,
      request,
      action,
      () => findDeployment(db(), id, today()),
      scopeOfDeployment,
    );
  /** The deployment after a change, as this caller sees it. */
  const answer = async (request: Parameters<typeof authorize>[1], id: string) =>
    forActor(request.locale, requireActor(request), (await findDeployment(db(), id, today()))!);

  app.get(
    '/api/v1/deployments/:id',
    {
      config: { action: 'deployment.read' },
      schema: {
        summary:
          'A deployment with its readiness checklist (each item done, missing or expiring, and what to do), moves, extensions, rotation, debrief and what the caller may do on it',
        tags: ['deployments'],
        params: idParams,
      },
    },
    async (request) => {
      const found = await deploymentFor(request, 'deployment.read', request.params.id);
      return forActor(request.locale, requireActor(request), found);
    },
  );

  app.post(
    '/api/v1/deployments/:id/transitions',
    {
      config: { action: 'deployment.move' },
      schema: {
        summary:
          'Move a deployment (ready needs every readiness item done; closed, a submitted end-of-tour report and a debrief)',
        description:
          'A program administrator may move a deployment to `ready` with items not done, or to `closed` without the end-of-tour report or the debrief, by giving `override.reason`; the override is audited with what was not done. Otherwise 409 `readiness_incomplete` or `closing_incomplete` names them.',
        tags: ['deployments'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            to: z.enum(deploymentStates),
            reason: z.string().max(2000).optional(),
            override: z
              .object({ reason: z.string().max(2000) })
              .strict()
              .optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.move', request.params.id);
      const { version, ...input } = request.body;
      await moveDeployment(
        db(),
        auditContextOf(app, request),
        request.params.id,
        version,
        input,
        today(),
      );
      return answer(request, request.params.id);
    },
  );

  app.patch(
    '/api/v1/deployments/:id',
    {
      config: { action: 'deployment.update' },
      schema: {
        summary: 'Change where the officer serves in the host country (the town or base)',
        tags: ['deployments'],
        params: idParams,
        body: z.object({ version, location: z.string().trim().max(200).nullable() }).strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.update', request.params.id);
      const { version: seen, location } = request.body;
      await setDeploymentLocation(
        db(),
        auditContextOf(app, request),
        request.params.id,
        seen,
        location,
      );
      return answer(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/deployments/:id/extensions',
    {
      config: { action: 'deployment.extend' },
      schema: {
        summary: 'Ask for a tour to be extended to a later end date (decided by program staff)',
        description:
          'The tour must be under way (ready to remote) and the new end later than the planned end (400 otherwise); one request waits for a decision at a time (409 `extension_pending`).',
        tags: ['deployments'],
        params: idParams,
        body: z.object({ version, newEnd: isoDate, reason: text(2000) }).strict(),
      },
    },
    async (request, reply) => {
      await deploymentFor(request, 'deployment.extend', request.params.id);
      const { version: seen, ...input } = request.body;
      await extendDeployment(db(), auditContextOf(app, request), request.params.id, seen, input);
      return reply.status(201).send(await answer(request, request.params.id));
    },
  );

  app.post(
    '/api/v1/deployments/:id/extensions/:extensionId/decision',
    {
      config: { action: 'deployment.extension.decide' },
      schema: {
        summary: 'Approve or decline an extension request (approval moves the planned end)',
        description:
          'Never by the person who asked (403 `own_request`). An approval re-checks the officer’s other deployments: a clash answers 409 `deployment_overlap` and nothing changes. `version` is the deployment’s.',
        tags: ['deployments'],
        params: z.object({ id: z.uuid(), extensionId: z.uuid() }),
        body: z
          .object({ version, approve: z.boolean(), note: z.string().max(2000).optional() })
          .strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.extension.decide', request.params.id);
      const { version: seen, ...input } = request.body;
      await decideExtension(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.params.extensionId,
        seen,
        input,
      );
      return answer(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/deployments/:id/successor',
    {
      config: { action: 'deployment.rotate' },
      schema: {
        summary: 'Name the officer who takes over the post (rotation): a new deployment, selected',
        description:
          'Same mission; the same post unless `postId` names another of the mission’s. The hand-over overlap (days both are on the post) shows on both deployments. `version` is this deployment’s.',
        tags: ['deployments'],
        params: idParams,
        body: z
          .object({
            version,
            officerId: z.uuid(),
            plannedStart: isoDate,
            plannedEnd: isoDate,
            postId: z.uuid().optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      await deploymentFor(request, 'deployment.rotate', request.params.id);
      const { version: seen, ...input } = request.body;
      const successor = await addSuccessor(
        db(),
        auditContextOf(app, request),
        request.params.id,
        seen,
        input,
      );
      return reply.status(201).send(await answer(request, successor.id));
    },
  );

  app.post(
    '/api/v1/deployments/:id/debrief',
    {
      config: { action: 'deployment.debrief' },
      schema: {
        summary: 'Record (or correct) the debrief of an officer repatriating or returned',
        tags: ['deployments'],
        params: idParams,
        body: z
          .object({
            version,
            heldOn: isoDate,
            notes: text(10_000),
            followUp: z.string().trim().max(4000).nullable().optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.debrief', request.params.id);
      const { version: seen, ...input } = request.body;
      await recordDebrief(
        db(),
        auditContextOf(app, request),
        request.params.id,
        seen,
        input,
        today(),
      );
      return answer(request, request.params.id);
    },
  );

  const reportAnswer = async (actor: Actor, d: Found) => ({
    report: await findEndOfTourReport(db(), d.id),
    state: d.state,
    editable:
      can(actor, 'deployment.report.write', scopeOfDeployment(d)) &&
      canWriteTourReport(d.state) &&
      d.endOfTourReport?.status !== 'submitted',
  });

  app.get(
    '/api/v1/deployments/:id/end-of-tour-report',
    {
      config: { action: 'deployment.report.read' },
      schema: {
        summary:
          'The officer’s end-of-tour report (null until they start it), and whether the caller may write it',
        tags: ['deployments'],
        params: idParams,
      },
    },
    async (request) => {
      const found = await deploymentFor(request, 'deployment.report.read', request.params.id);
      return reportAnswer(requireActor(request), found);
    },
  );

  const reportText = z.string().max(20_000).default('');
  app.put(
    '/api/v1/deployments/:id/end-of-tour-report',
    {
      config: { action: 'deployment.report.write' },
      schema: {
        summary: 'The officer writes their end-of-tour report: a draft, then submitted (final)',
        description:
          'Once the officer has left theatre (remote, repatriating or returned). `version` is the report’s: 0 for a new one. Submitting needs achievements, challenges and recommendations.',
        tags: ['deployments'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(0),
            achievements: reportText,
            challenges: reportText,
            recommendations: reportText,
            welfare: reportText,
            lessonsLearned: reportText,
            summary: reportText,
            submit: z.boolean().default(false),
          })
          .strict(),
      },
    },
    async (request) => {
      await deploymentFor(request, 'deployment.report.write', request.params.id);
      const { version: seen, ...input } = request.body;
      await saveEndOfTourReport(db(), auditContextOf(app, request), request.params.id, seen, input);
      const found = (await findDeployment(db(), request.params.id, today()))!;
      return reportAnswer(requireActor(request), found);
    },
  );

  app.get(
    '/api/v1/readiness',
    {
      config: { action: 'readiness.board' },
      schema: {
        summary: 'The readiness board: deployments still to leave, with what blocks each',
        description:
          'A coordinator sees their agency’s officers; a contingent commander, their mission.',
        tags: ['deployments'],
        querystring: z.object({ missionId: z.uuid().optional(), agencyId: z.uuid().optional() }),
      },
    },
    async (request) => {
      const actor = await authorize(app, request, 'readiness.board');
      const filters = { ...request.query };
      if (actor.role === 'agency_coordinator') filters.agencyId = actor.agencyId ?? undefined;
      if (actor.role === 'contingent_commander') filters.missionId = actor.missionId ?? undefined;
      const rows = await readinessBoard(db(), filters, today());
      return rows.map((r) => shown(request.locale, r));
    },
  );
};
