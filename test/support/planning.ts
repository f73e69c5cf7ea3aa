import { recordDecision, recordPosition } from '../../src/modules/decisions/decisions.ts';
import { createEvaluation } from '../../src/modules/evaluations/evaluations.ts';
import { createPosts } from '../../src/modules/missions/posts.ts';
import { attachDocument } from '../../src/modules/requests/documents.ts';
import { registerRequest, type RequestInput } from '../../src/modules/requests/requests.ts';
import { isoDateOf } from '../../src/kernel/dates.ts';
import type { TestApp } from './app.ts';

/** The smallest file a request accepts: a PDF header is what the type check reads. */
export const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export function requestInput(
  missionId: string,
  today: string,
  over: Partial<RequestInput> = {},
): RequestInput {
  return {
    organizationCode: 'UN',
    missionId,
    noteReference: 'NV/2019/117',
    receivedOn: today,
    responseDue: today,
    startDate: today,
    tourMonths: 12,
    summary: 'Individual police officers for capacity building',
    lines: [
      {
        postCount: 6,
        postTypeCode: 'individual_police_officer',
        languages: [{ language: 'fr', minScore: 60 }],
        minYearsService: 5,
        womenSought: true,
      },
      { postCount: 2, postTypeCode: 'gender_adviser', teamCode: 'sgbv', minRankCode: 'sergeant' },
    ],
    ...over,
  };
}

/**
 * An approved request with posts in the fixture's own mission (MINUSMA) and in another mission
 * (MINUSTAH), a document, and an evaluation of each: the records the matrix reaches for.
 */
export async function addPlanningFixtures(t: TestApp) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const today = isoDateOf(ctx.now);
  const approve = async (missionId: string) => {
    const request = await registerRequest(t.db, ctx, requestInput(missionId, today));
    for (const partner of ['GAC', 'PS', 'RCMP'] as const)
      await recordPosition(t.db, ctx, partner, request.id, {
        stance: 'support',
        reasons: 'Clear mandate',
      });
    const decision = await recordDecision(t.db, ctx, 'unanimous', request.id, {
      outcome: 'approved',
      ceiling: 8,
      decidedOn: today,
      requestVersion: request.version + 1,
    });
    return { request, decision };
  };
  const own = await approve(t.ids.ownMission);
  const other = await approve(t.ids.otherMission);
  const { findRequest } = await import('../../src/modules/requests/requests.ts');
  const lineOf = async (requestId: string) =>
    (await findRequest(t.db, requestId, today, 7))!.lines[0]!.id;
  const tour = {
    tourStart: today,
    tourEnd: isoDateOf(new Date(ctx.now.getTime() + 364 * 86_400_000)),
  };
  const [ownPost] = await createPosts(t.db, ctx, t.ids.ownMission, {
    requestLineId: await lineOf(own.request.id),
    count: 2,
    ...tour,
  });
  const [otherPost] = await createPosts(t.db, ctx, t.ids.otherMission, {
    requestLineId: await lineOf(other.request.id),
    count: 1,
    ...tour,
  });
  const document = await attachDocument(t.db, ctx, own.request.id, {
    fileName: 'note-verbale.pdf',
    content: tinyPdf,
  });
  const evaluation = (missionId: string) =>
    createEvaluation(t.db, ctx, {
      missionId,
      kind: 'periodic',
      periodStart: '2020-01-01',
      periodEnd: '2020-06-30',
      rating: 'met',
      indicators: [{ name: 'Officers trained', value: '240', target: '200' }],
    });
  return {
    request: own.request.id,
    decision: own.decision.id,
    document: document.id,
    ownPost: ownPost!.id,
    otherPost: otherPost!.id,
    ownLine: await lineOf(own.request.id),
    otherLine: await lineOf(other.request.id),
    ownEvaluation: (await evaluation(t.ids.ownMission)).id,
    otherEvaluation: (await evaluation(t.ids.otherMission)).id,
  };
}

/** A request for a mission with these lines, approved by the three partners: its line ids. */
export async function approvedLines(
  t: TestApp,
  missionId: string,
  lines: RequestInput['lines'],
  ceiling = 20,
): Promise<string[]> {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const today = isoDateOf(ctx.now);
  const request = await registerRequest(t.db, ctx, requestInput(missionId, today, { lines }));
  for (const partner of ['GAC', 'PS', 'RCMP'] as const)
    await recordPosition(t.db, ctx, partner, request.id, {
      stance: 'support',
      reasons: 'Clear mandate',
    });
  await recordDecision(t.db, ctx, 'unanimous', request.id, {
    outcome: 'approved',
    ceiling,
    decidedOn: today,
    requestVersion: request.version + 1,
  });
  const { findRequest } = await import('../../src/modules/requests/requests.ts');
  return (await findRequest(t.db, request.id, today, 7))!.lines.map((l) => l.id);
}
