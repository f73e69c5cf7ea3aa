import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, authorizedRecord } from '../../kernel/http/context.ts';
import { idParams } from '../../kernel/http/schemas.ts';
import { findCall, invitedAgencyIds } from '../calls/calls.ts';
import { proposeSelection, ratifySelection } from './proposal.ts';
import { currentSettings } from '../settings/settings.ts';

const boardChoices = {
  pinned: z
    .array(z.object({ applicationId: z.uuid(), postId: z.uuid() }))
    .max(500)
    .optional()
    .meta({ description: 'Placements the board keeps.' }),
  excluded: z
    .array(z.uuid())
    .max(5000)
    .optional()
    .meta({ description: 'Applications the board leaves out.' }),
};

export const selectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const thresholds = async () => (await currentSettings(db(), app.ctx.config)).screening;
  const callFor = (request: Parameters<typeof authorizedRecord>[1], id: string) =>
    authorizedRecord(
      app,
      request,
      'call.select',
      () => findCall(db(), id),
      (call) => ({ id: call.id, agencyIds: invitedAgencyIds(call) }),
    );

  app.get(
    '/api/v1/calls/:id/proposal',
    {
      config: { action: 'call.select' },
      schema: {
        summary:
          'The optimal selection for a call, each placement and each candidate left out explained',
        description:
          'Screened-in and assessed candidates are placed to fill as many posts as possible, then to maximise total suitability (see the score’s parts), within the agencies’ caps, the women’s floor and women-only posts. `status` says when the floor costs posts (`floor_not_met_at_full_fill`, with `bestFloorAtFullFill`) and `proof` gives the optimality bound. `digest` identifies this proposal for ratification.',
        tags: ['selection'],
        params: idParams,
      },
    },
    async (request) => {
      await callFor(request, request.params.id);
      return proposeSelection(db(), request.params.id, await thresholds());
    },
  );

  app.post(
    '/api/v1/calls/:id/proposal',
    {
      config: { action: 'call.select' },
      schema: {
        summary: 'Solve again with the board’s pins and exclusions',
        tags: ['selection'],
        params: idParams,
        body: z.object(boardChoices).strict(),
      },
    },
    async (request) => {
      await callFor(request, request.params.id);
      return proposeSelection(db(), request.params.id, await thresholds(), request.body);
    },
  );

  app.post(
    '/api/v1/calls/:id/ratify',
    {
      config: { action: 'call.select' },
      schema: {
        summary:
          'Ratify the proposal reviewed: selected officers get deployments, reserves are kept in order',
        description:
          'Send the call’s version, the pins and exclusions the proposal was made with, and its `digest`. The proposal is computed again; if it changed since (an application or a record changed), the answer is 409 `proposal_changed`.',
        tags: ['selection'],
        params: idParams,
        body: z
          .object({
            version: z.number().int().min(1),
            digest: z.string().min(1).max(64),
            ...boardChoices,
          })
          .strict(),
      },
    },
    async (request) => {
      await callFor(request, request.params.id);
      return ratifySelection(
        db(),
        auditContextOf(app, request),
        request.params.id,
        request.body,
        await thresholds(),
      );
    },
  );
};
