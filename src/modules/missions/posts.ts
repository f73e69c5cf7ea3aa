import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { missionLocations, missions } from '../reference/schema.ts';
import { requestLines, requests } from '../requests/schema.ts';
import { assertWithinCeiling, peakOf, rotationGapDays, type Tour } from './rules.ts';
import { posts, type PostStatus } from './schema.ts';

export type Post = typeof posts.$inferSelect;

/** Posts that count against the ceiling: every one not cancelled. */
const counted = ne(posts.status, 'cancelled');

async function assertLocationOf(tx: Tx, missionId: string, locationId: string | null | undefined) {
  if (!locationId) return;
  const [row] = await tx
    .select({ id: missionLocations.id })
    .from(missionLocations)
    .where(and(eq(missionLocations.id, locationId), eq(missionLocations.missionId, missionId)));
  if (!row)
    throw new AppError('validation_failed', {}, [
      { path: 'locationId', code: 'plan.location_not_in_mission' },
    ]);
}

function assertTour(t: Tour) {
  if (t.tourEnd <= t.tourStart)
    throw new AppError('validation_failed', {}, [
      { path: 'tourEnd', code: 'plan.tour_end_before_start' },
    ]);
}

export interface NewPosts {
  requestLineId: string;
  count: number;
  locationId?: string | null;
  tourStart: string;
  tourEnd: string;
  succeedsPostId?: string | null;
}

/**
 * Create posts from an approved request line. The mission row is locked for the transaction, so
 * concurrent creations are checked one after the other against the ceiling.
 */
export async function createPosts(
  db: Db,
  ctx: AuditContext,
  missionId: string,
  input: NewPosts,
): Promise<Array<Post & { reference: string }>> {
  assertTour(input);
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .select()
      .from(missions)
      .where(eq(missions.id, missionId))
      .for('update');
    if (!mission) throw new AppError('not_found');
    const [line] = await tx
      .select({ line: requestLines, request: requests })
      .from(requestLines)
      .innerJoin(requests, eq(requests.id, requestLines.requestId))
      .where(and(eq(requestLines.id, input.requestLineId), eq(requests.missionId, missionId)));
    if (!line)
      throw new AppError('unknown_reference', {
        field: 'requestLineId',
        value: input.requestLineId,
      });
    if (
      line.request.status !== 'decided' ||
      line.request.outcome === 'declined' ||
      !line.request.outcome
    )
      throw new AppError('request_not_approved');
    const [made] = await tx
      .select({ n: count() })
      .from(posts)
      .where(and(eq(posts.requestLineId, line.line.id), counted));
    const existing = made?.n ?? 0;
    if (existing + input.count > line.line.postCount)
      throw new AppError('line_count_exceeded', {
        count: line.line.postCount,
        existing,
        left: Math.max(0, line.line.postCount - existing),
      });
    const locationId = input.locationId ?? line.line.locationId;
    await assertLocationOf(tx, missionId, locationId);
    if (input.succeedsPostId) await findPostIn(tx, missionId, input.succeedsPostId);
    const held = await tx
      .select({ tourStart: posts.tourStart, tourEnd: posts.tourEnd })
      .from(posts)
      .where(and(eq(posts.missionId, missionId), counted));
    const added = Array.from({ length: input.count }, () => ({
      tourStart: input.tourStart,
      tourEnd: input.tourEnd,
    }));
    assertWithinCeiling(held, added, mission.authorizedStrength);
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${posts.seq}), 0)` })
      .from(posts)
      .where(eq(posts.missionId, missionId));
    const first = Number(last?.seq ?? 0) + 1;
    const created = await tx
      .insert(posts)
      .values(
        added.map((tour, i) => ({
          missionId,
          seq: first + i,
          requestLineId: line.line.id,
          postTypeCode: line.line.postTypeCode,
          teamCode: line.line.teamCode,
          locationId,
          requirements: {
            languages: line.line.languages,
            minRankCode: line.line.minRankCode,
            minYearsService: line.line.minYearsService,
            skills: line.line.skills,
            womenSought: line.line.womenSought,
          },
          ...tour,
          succeedsPostId: i === 0 ? (input.succeedsPostId ?? null) : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })),
      )
      .returning();
    for (const post of created) {
      await writeAudit(tx, ctx, {
        action: 'post.create',
        recordType: 'post',
        recordId: post.id,
        changes: diff(null, {
          missionId,
          seq: post.seq,
          requestLineId: post.requestLineId,
          postTypeCode: post.postTypeCode,
          locationId: post.locationId,
          tourStart: post.tourStart,
          tourEnd: post.tourEnd,
        }),
      });
    }
    return created.map((post) => ({ ...post, reference: referenceOf(mission.code, post.seq) }));
  });
}

/** A post's reference: the mission's code and the post's order, MINUSMA-007. */
export function referenceOf(missionCode: string, seq: number) {
  return `${missionCode}-${String(seq).padStart(3, '0')}`;
}

async function findPostIn(tx: Tx, missionId: string, postId: string): Promise<Post> {
  const [post] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.missionId, missionId)));
  if (!post) throw new AppError('unknown_reference', { field: 'succeedsPostId', value: postId });
  return post;
}

export interface PostChanges {
  locationId?: string | null;
  tourStart?: string;
  tourEnd?: string;
  status?: PostStatus;
  succeedsPostId?: string | null;
}

/** Move, re-date, fill or cancel a post; re-checked against the ceiling when it counts. */
export async function updatePost(
  db: Db,
  ctx: AuditContext,
  missionId: string,
  postId: string,
  version: number,
  changes: PostChanges,
): Promise<Post> {
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .select()
      .from(missions)
      .where(eq(missions.id, missionId))
      .for('update');
    if (!mission) throw new AppError('not_found');
    const [current] = await tx
      .select()
      .from(posts)
      .where(and(eq(posts.id, postId), eq(posts.missionId, missionId)));
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const next = { ...current, ...changes };
    assertTour(next);
    if (changes.locationId !== undefined) await assertLocationOf(tx, missionId, changes.locationId);
    if (changes.succeedsPostId) {
      if (changes.succeedsPostId === postId)
        throw new AppError('unknown_reference', { field: 'succeedsPostId', value: postId });
      await findPostIn(tx, missionId, changes.succeedsPostId);
    }
    const datesMoved = next.tourStart !== current.tourStart || next.tourEnd !== current.tourEnd;
    const revived = current.status === 'cancelled' && next.status !== 'cancelled';
    if (next.status !== 'cancelled' && (datesMoved || revived)) {
      const others = await tx
        .select({ tourStart: posts.tourStart, tourEnd: posts.tourEnd })
        .from(posts)
        .where(and(eq(posts.missionId, missionId), counted, ne(posts.id, postId)));
      assertWithinCeiling(others, [next], mission.authorizedStrength);
    }
    const [updated] = await tx
      .update(posts)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(posts.id, postId))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'post.update',
      recordType: 'post',
      recordId: postId,
      changes: diff(current, updated!, ['version', 'updatedAt', 'createdAt']),
    });
    return updated!;
  });
}

/** The planning view of a mission: its posts with rotation gaps, counts and the ceiling used. */
export async function missionPlan(db: Db, missionId: string, today: string) {
  const [mission] = await db.select().from(missions).where(eq(missions.id, missionId));
  if (!mission) return null;
  const rows = await db
    .select()
    .from(posts)
    .where(eq(posts.missionId, missionId))
    .orderBy(asc(posts.tourStart), asc(posts.seq));
  const byId = new Map(rows.map((p) => [p.id, p]));
  const successorOf = new Map(
    rows.filter((p) => p.succeedsPostId).map((p) => [p.succeedsPostId!, p] as const),
  );
  const live = rows.filter((p) => p.status !== 'cancelled');
  const current = live.filter((p) => p.tourStart <= today && today <= p.tourEnd);
  return {
    missionId,
    authorizedStrength: mission.authorizedStrength,
    peak: peakOf(live),
    heldToday: current.length,
    counts: {
      vacant: live.filter((p) => p.status === 'vacant').length,
      filled: live.filter((p) => p.status === 'filled').length,
      cancelled: rows.length - live.length,
    },
    posts: rows.map((p) => {
      const predecessor = p.succeedsPostId ? byId.get(p.succeedsPostId) : undefined;
      const successor = successorOf.get(p.id);
      return {
        ...p,
        reference: referenceOf(mission.code, p.seq),
        gapBeforeDays: predecessor ? rotationGapDays(predecessor, p) : null,
        successorId: successor?.id ?? null,
      };
    }),
  };
}

/** The missions' posts from one request's lines (for the request page). */
export async function postsOfLines(db: Db, lineIds: string[]) {
  if (!lineIds.length) return [];
  return db
    .select({ requestLineId: posts.requestLineId, n: count() })
    .from(posts)
    .where(and(inArray(posts.requestLineId, lineIds), counted))
    .groupBy(posts.requestLineId);
}
