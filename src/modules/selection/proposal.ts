import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  writeAudit,
  writeAudits,
  type AuditContext,
  type AuditInput,
} from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { screeningOf } from '../calls/applications.ts';
import { findCall, type CallDetail } from '../calls/calls.ts';
import { inSelection } from '../calls/rules.ts';
import { applications, assessments, calls } from '../calls/schema.ts';
import type { ScreeningThresholds } from '../calls/screening.ts';
import { deployments } from '../deployments/schema.ts';
import { posts } from '../missions/schema.ts';
import { officers, priorMissions, qualifications } from '../officers/schema.ts';
import { agencies } from '../reference/schema.ts';
import { solveSelection, type SelectionProblem, type UnplacedReason } from './optimizer.ts';
import { suitabilityOf, type Suitability } from './suitability.ts';

/** What the selection board asks of a proposal: placements to keep, candidates to leave out. */
export interface BoardChoices {
  pinned?: Array<{ applicationId: string; postId: string }> | undefined;
  excluded?: string[] | undefined;
}

interface Candidate {
  applicationId: string;
  status: string;
  createdAt: Date;
  officer: {
    id: string;
    givenName: string;
    familyName: string;
    gender: string;
    agencyId: string;
    agencyCode: string;
  };
}

/** The facts of a call's selection: candidates, eligible pairs with their suitability. */
async function selectionFacts(tx: Tx, call: CallDetail, thresholds: ScreeningThresholds) {
  const rows: Candidate[] = await tx
    .select({
      applicationId: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
        gender: officers.gender,
        agencyId: officers.agencyId,
        agencyCode: agencies.code,
      },
    })
    .from(applications)
    .innerJoin(officers, eq(officers.id, applications.officerId))
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .where(and(eq(applications.callId, call.id), inArray(applications.status, [...inSelection])))
    .orderBy(asc(applications.createdAt), asc(applications.id));
  const screening = await screeningOf(
    tx,
    call,
    rows.map((r) => ({ id: r.applicationId, officerId: r.officer.id })),
    thresholds,
  );
  const officerIds = rows.map((r) => r.officer.id);
  const appIds = rows.map((r) => r.applicationId);
  const tests = appIds.length
    ? await tx
        .select()
        .from(assessments)
        .where(inArray(assessments.applicationId, appIds))
        .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt))
    : [];
  const held = officerIds.length
    ? await tx
        .select()
        .from(qualifications)
        .where(
          and(
            inArray(qualifications.officerId, officerIds),
            inArray(qualifications.kind, ['specialisation', 'un_assessment']),
          ),
        )
    : [];
  const tours = officerIds.length
    ? await tx
        .select({ officerId: priorMissions.officerId, n: sql<number>`count(*)::int` })
        .from(priorMissions)
        .where(inArray(priorMissions.officerId, officerIds))
        .groupBy(priorMissions.officerId)
    : [];

  const pairs: Array<{ candidate: number; post: number; suitability: Suitability }> = [];
  rows.forEach((row, candidate) => {
    const own = tests.filter((a) => a.applicationId === row.applicationId);
    const interview = own.filter((a) => a.kind === 'interview').at(-1)?.score ?? null;
    const specialisations = held
      .filter((q) => q.officerId === row.officer.id && q.kind === 'specialisation')
      .map((q) => q.code);
    const priorCount = tours.find((x) => x.officerId === row.officer.id)?.n ?? 0;
    for (const choice of screening.get(row.applicationId) ?? []) {
      if (choice.outcome === 'fail') continue;
      const post = call.posts.findIndex((p) => p.id === choice.postId);
      const tourStart = call.posts[post]!.tourStart;
      const language = choice.rules.find(
        (r) => r.rule === 'language' && r.params.language === call.mission.workingLanguage,
      );
      const unScores = [
        ...own.filter((a) => a.kind === 'un_assessment' && a.passed),
        ...held.filter((q) => q.officerId === row.officer.id && q.kind === 'un_assessment'),
      ]
        .filter((a) => !a.expiresOn || a.expiresOn >= tourStart)
        .map((a) => a.score ?? 0);
      pairs.push({
        candidate,
        post,
        suitability: suitabilityOf({
          preference: choice.preference,
          workingLanguageScore:
            language?.outcome === 'pass' ? Number(language.params.score ?? 0) : null,
          languagePassMark: thresholds.languagePassMark,
          interviewScore: interview,
          unAssessmentScore: unScores.length ? Math.max(...unScores) : null,
          postTeam: call.posts[post]!.teamCode,
          specialisations,
          priorMissions: priorCount,
        }),
      });
    }
  });
  return { rows, pairs };
}

/**
 * The proposal for a call: the optimal placement of its screened-in candidates on its posts,
 * with the board's pins and exclusions, each placement and each candidate left out explained.
 */
export async function proposeSelection(
  db: Tx,
  callId: string,
  thresholds: ScreeningThresholds,
  board: BoardChoices = {},
) {
  const call = await findCall(db, callId);
  if (!call) throw new AppError('not_found');
  const { rows, pairs } = await selectionFacts(db, call, thresholds);
  const candidateOf = new Map(rows.map((r, i) => [r.applicationId, i]));
  const postOf = new Map(call.posts.map((p, i) => [p.id, i]));
  const pinned = (board.pinned ?? []).map((pin, i) => {
    const candidate = candidateOf.get(pin.applicationId);
    const post = postOf.get(pin.postId);
    if (candidate === undefined || post === undefined)
      throw new AppError('validation_failed', {}, [
        { path: `pinned.${i}`, code: 'selection.pin_unknown' },
      ]);
    return { candidate, post };
  });
  const excluded = (board.excluded ?? []).map((id, i) => {
    const candidate = candidateOf.get(id);
    if (candidate === undefined)
      throw new AppError('validation_failed', {}, [
        { path: `excluded.${i}`, code: 'selection.exclude_unknown' },
      ]);
    return candidate;
  });
  const agencyCaps: Record<string, number> = {};
  for (const a of call.agencies) if (a.cap !== null) agencyCaps[a.agencyId] = a.cap;
  const problem: SelectionProblem = {
    candidates: rows.map((r) => ({
      id: r.applicationId,
      woman: r.officer.gender === 'woman',
      agencyId: r.officer.agencyId,
    })),
    posts: call.posts.map((p) => ({ id: p.id, womenOnly: p.requirements.womenSought })),
    pairs: pairs.map((p) => ({
      candidate: p.candidate,
      post: p.post,
      score: p.suitability.score,
    })),
    agencyCaps,
    womenFloorPercent: call.womenFloorPercent,
    pinned,
    excluded,
  };
  const result = solveSelection(problem);
  // Each candidate's eligible pairs, best first: their best post and score, and a pair's parts.
  const pairsOf = new Map<number, typeof pairs>();
  for (const pair of pairs)
    pairsOf.set(pair.candidate, [...(pairsOf.get(pair.candidate) ?? []), pair]);
  for (const own of pairsOf.values())
    own.sort((a, b) => b.suitability.score - a.suitability.score || a.post - b.post);
  const suitabilityOfPair = (candidate: number, post: number) =>
    pairsOf.get(candidate)!.find((p) => p.post === post)!.suitability;
  const bestPostOf = (candidate: number) => {
    const best = pairsOf.get(candidate)?.[0];
    return best ? call.posts[best.post]!.reference : null;
  };
  const person = (i: number) => {
    const r = rows[i]!;
    return {
      applicationId: r.applicationId,
      officerId: r.officer.id,
      name: `${r.officer.givenName} ${r.officer.familyName}`,
      gender: r.officer.gender,
      agencyCode: r.officer.agencyCode,
    };
  };
  const pinnedSet = new Set(pinned.map((p) => `${p.candidate}:${p.post}`));
  const assignments = result.assignments
    .map((a) => ({
      ...person(a.candidate),
      postId: call.posts[a.post]!.id,
      postReference: call.posts[a.post]!.reference,
      score: a.score,
      parts: suitabilityOfPair(a.candidate, a.post).parts,
      pinned: pinnedSet.has(`${a.candidate}:${a.post}`),
      // Their best post by suitability, when placed elsewhere (the board sees why).
      bestPostReference: bestPostOf(a.candidate),
    }))
    .sort((x, y) => x.postReference.localeCompare(y.postReference));
  // Candidates left out, best first: the reserve list in order.
  const bestScore = (candidate: number) => pairsOf.get(candidate)?.[0]?.suitability.score ?? -1;
  const unplaced = result.unplaced
    .map((u) => ({
      ...person(u.candidate),
      reason: u.reason as UnplacedReason,
      bestScore: bestScore(u.candidate),
    }))
    .sort(
      (x, y) =>
        y.bestScore - x.bestScore ||
        candidateOf.get(x.applicationId)! - candidateOf.get(y.applicationId)!,
    );
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        result.status,
        assignments.map((a) => [a.applicationId, a.postId, a.score]),
        unplaced.map((u) => [u.applicationId, u.reason]),
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    call: { id: call.id, number: call.number, status: call.status, version: call.version },
    status: result.status,
    posts: call.posts.length,
    candidates: rows.length,
    filled: result.filled,
    totalScore: result.totalScore,
    women: result.women,
    womenSharePercent: result.filled ? Math.floor((100 * result.women) / result.filled) : 0,
    womenFloorPercent: call.womenFloorPercent,
    maxFillWithoutFloor: result.maxFillWithoutFloor,
    bestFloorAtFullFill: result.bestFloorAtFullFill,
    agencyCaps: call.agencies
      .filter((a) => a.cap !== null)
      .map((a) => ({
        agencyCode: a.code,
        cap: a.cap!,
        selected: assignments.filter((s) => s.agencyCode === a.code).length,
      })),
    vacant: call.posts
      .filter((p) => !assignments.some((a) => a.postId === p.id))
      .map((p) => ({ postId: p.id, postReference: p.reference })),
    assignments,
    unplaced,
    proof: result.proof,
    digest,
  };
}

export type Proposal = Awaited<ReturnType<typeof proposeSelection>>;

/**
 * Ratify the proposal the board reviewed: recomputed with the same pins and exclusions, it must
 * be the one reviewed (same digest), else 409 proposal_changed. Those placed are selected and a
 * deployment is created for each (state `selected`); those left out who were screened in are
 * kept as reserves, best first; every other open application ends not selected. The posts are
 * filled and the call ratified, in one transaction, each change audited.
 */
export async function ratifySelection(
  db: Db,
  ctx: AuditContext,
  callId: string,
  input: BoardChoices & { version: number; digest: string },
  thresholds: ScreeningThresholds,
) {
  return db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
    if (!call) throw new AppError('not_found');
    assertVersion(call.version, input.version);
    if (call.status === 'ratified' || call.status === 'cancelled')
      throw new AppError('invalid_transition', { from: call.status, to: 'ratified' });
    const proposal = await proposeSelection(tx, callId, thresholds, input);
    if (proposal.digest !== input.digest) throw new AppError('proposal_changed');
    if (proposal.status === 'infeasible')
      throw new AppError('invalid_transition', { from: call.status, to: 'ratified' });
    const detail = (await findCall(tx, callId))!;
    const audits: AuditInput[] = [];
    const move = async (
      applicationId: string,
      status: 'selected' | 'reserve' | 'not_selected',
      reserveRank: number | null,
    ) => {
      const [current] = await tx
        .select({ status: applications.status, version: applications.version })
        .from(applications)
        .where(eq(applications.id, applicationId));
      await tx
        .update(applications)
        .set({ status, reserveRank, version: current!.version + 1, updatedAt: ctx.now })
        .where(eq(applications.id, applicationId));
      audits.push({
        action: `application.${status}`,
        recordType: 'application',
        recordId: applicationId,
        changes: {
          status: [current!.status, status],
          ...(reserveRank ? { reserveRank: [null, reserveRank] } : {}),
        },
      });
    };
    for (const a of proposal.assignments) {
      await move(a.applicationId, 'selected', null);
      const post = detail.posts.find((p) => p.id === a.postId)!;
      const [deployment] = await tx
        .insert(deployments)
        .values({
          officerId: a.officerId,
          missionId: detail.missionId,
          postId: a.postId,
          applicationId: a.applicationId,
          plannedStart: post.tourStart,
          plannedEnd: post.tourEnd,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: deployments.id });
      await tx
        .update(posts)
        .set({ status: 'filled', version: sql`${posts.version} + 1`, updatedAt: ctx.now })
        .where(eq(posts.id, a.postId));
      audits.push({
        action: 'deployment.create',
        recordType: 'deployment',
        recordId: deployment!.id,
        changes: {
          state: [null, 'selected'],
          officerId: [null, a.officerId],
          postId: [null, a.postId],
        },
      });
    }
    let rank = 0;
    for (const u of proposal.unplaced)
      await move(
        u.applicationId,
        u.reason === 'excluded' ? 'not_selected' : 'reserve',
        u.reason === 'excluded' ? null : ++rank,
      );
    // Applications that never reached the selection end here.
    const rest = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.callId, callId),
          inArray(applications.status, ['submitted', 'endorsed', 'screened_out']),
        ),
      );
    for (const r of rest) await move(r.id, 'not_selected', null);
    await tx
      .update(calls)
      .set({ status: 'ratified', version: call.version + 1, updatedAt: ctx.now })
      .where(eq(calls.id, callId));
    await writeAudit(tx, ctx, {
      action: 'call.ratify',
      recordType: 'call',
      recordId: callId,
      changes: {
        status: [call.status, 'ratified'],
        selected: [null, proposal.assignments.length],
        reserves: [null, rank],
        digest: [null, proposal.digest],
      },
    });
    await writeAudits(tx, ctx, audits);
    return {
      ...proposal,
      call: { ...proposal.call, status: 'ratified', version: call.version + 1 },
    };
  });
}
