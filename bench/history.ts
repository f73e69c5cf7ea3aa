/**
 * A 35-year program history for benchmarks, written straight to the tables in bulk (no use
 * cases: the point is volume, not the audit trail). Deterministic from a seed. Officers of every
 * seeded agency (the RCMP about 35%), tours of about twelve months on seeded missions running at
 * the time, one to five tours each with gaps between, the share of women rising from about 8% in
 * 1989 to about 30% now. Tours before `loadedHistoryBefore` are the loaded history
 * (`prior_missions`); later ones are deployments, each with a post, every move and a weekly
 * check-in in theatre.
 * The demo's history and `seed --history` (issue 9) are the realistic, use-case-driven ones.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/kernel/db/client.ts';
import { queryRows } from '../src/kernel/db/client.ts';
import { bulkInsert } from '../src/kernel/db/bulk.ts';
import { addDays, type IsoDate } from '../src/kernel/dates.ts';
import { checkIns } from '../src/modules/checkins/schema.ts';
import {
  deploymentMoves,
  deployments,
  type DeploymentState,
} from '../src/modules/deployments/schema.ts';
import { posts } from '../src/modules/missions/schema.ts';
import { officers, priorMissions } from '../src/modules/officers/schema.ts';

/** mulberry32: a small, fast, seeded generator (the same history for the same seed). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistorySize {
  officers: number;
  /** Weekly check-ins from this year on (earlier tours predate the program's check-ins). */
  checkInsSince: number;
  /**
   * Tours that began before this year are the loaded history (`prior_missions`: no post, no
   * moves, no check-ins), as tours from before the system are; later ones are deployments.
   */
  loadedHistoryBefore: number;
  seed: number;
}

export interface HistoryCounts {
  officers: number;
  deployments: number;
  /** Tours in the loaded history (`prior_missions`). */
  priorTours: number;
  moves: number;
  checkIns: number;
  /** Moves and check-ins: the deployment events. */
  events: number;
}

const closedPath: DeploymentState[] = [
  'selected',
  'preparing',
  'ready',
  'in_transit',
  'in_theatre',
  'repatriating',
  'returned',
  'closed',
];

export async function generateHistory(
  db: Db,
  today: IsoDate,
  size: HistorySize,
): Promise<HistoryCounts> {
  const rnd = random(size.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const agencyRows = await queryRows<{ id: string; code: string }>(
    db,
    sql`select id, code from agencies order by code`,
  );
  const rcmp = agencyRows.find((a) => a.code === 'RCMP')!;
  const partners = agencyRows.filter((a) => a !== rcmp);
  const missionRows = await queryRows<{ id: string; start: string; end: string | null }>(
    db,
    sql`select id, start_date::text as start, end_date::text as "end" from missions order by code`,
  );
  const postTypes = (
    await queryRows<{ code: string }>(db, sql`select code from post_types order by code`)
  ).map((r) => r.code);
  const teams = (
    await queryRows<{ code: string }>(db, sql`select code from mission_roles order by code`)
  ).map((r) => r.code);
  const ranks = (
    await queryRows<{ code: string }>(db, sql`select code from ranks order by code`)
  ).map((r) => r.code);
  const running = (day: IsoDate) =>
    missionRows.filter((m) => m.start <= day && (m.end === null || m.end >= addDays(day, 60)));
  const seqOf = new Map<string, number>();

  const people: Array<typeof officers.$inferInsert> = [];
  const tours: Array<typeof deployments.$inferInsert> = [];
  const postRows: Array<typeof posts.$inferInsert> = [];
  const moves: Array<typeof deploymentMoves.$inferInsert> = [];
  const checks: Array<typeof checkIns.$inferInsert> = [];
  const prior: Array<typeof priorMissions.$inferInsert> = [];
  const todayYear = Number(today.slice(0, 4));

  for (let i = 0; i < size.officers; i++) {
    const firstYear = 1989 + Math.floor(rnd() * (todayYear - 1989 + 1));
    const womanChance = 0.08 + ((firstYear - 1989) / (todayYear - 1989)) * 0.22;
    const id = crypto.randomUUID();
    people.push({
      id,
      agencyId: rnd() < 0.35 ? rcmp.id : pick(partners).id,
      badgeNumber: `H${String(i).padStart(6, '0')}`,
      givenName: 'Alex',
      familyName: `History ${String(i).padStart(6, '0')}`,
      gender: rnd() < womanChance ? 'woman' : 'man',
      rankCode: pick(ranks),
      serviceStart: `${firstYear - 5 - Math.floor(rnd() * 15)}-09-01`,
      email: `h${i}@history.example.ca`,
    });
    let start: IsoDate = `${firstYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-01`;
    const count = 1 + Math.floor(rnd() * 5);
    for (let n = 0; n < count && start <= addDays(today, 90); n++) {
      const candidates = running(start);
      if (candidates.length === 0) {
        start = addDays(start, 180);
        continue;
      }
      const mission = pick(candidates);
      const end = addDays(start, 300 + Math.floor(rnd() * 130));
      if (Number(start.slice(0, 4)) < size.loadedHistoryBefore && end < today) {
        prior.push({
          officerId: id,
          missionId: mission.id,
          missionName: 'History',
          startDate: start,
          endDate: end,
        });
        start = addDays(end, 120 + Math.floor(rnd() * 1500));
        continue;
      }
      const deploymentId = crypto.randomUUID();
      const seq = (seqOf.get(mission.id) ?? 0) + 1;
      seqOf.set(mission.id, seq);
      const postId = crypto.randomUUID();
      postRows.push({
        id: postId,
        missionId: mission.id,
        seq,
        postTypeCode: pick(postTypes),
        teamCode: rnd() < 0.15 ? pick(teams) : null,
        requirements: {
          languages: [],
          minRankCode: null,
          minYearsService: null,
          skills: [],
          womenSought: false,
        },
        tourStart: start,
        tourEnd: end,
        status: 'filled',
      });
      const state: DeploymentState =
        start > today
          ? 'preparing'
          : end < today
            ? 'closed'
            : rnd() < 0.85
              ? 'in_theatre'
              : 'remote';
      const path =
        state === 'closed'
          ? closedPath
          : state === 'preparing'
            ? closedPath.slice(0, 2)
            : [...closedPath.slice(0, 5), ...(state === 'remote' ? ['remote' as const] : [])];
      tours.push({
        id: deploymentId,
        officerId: id,
        missionId: mission.id,
        postId,
        state,
        plannedStart: start,
        plannedEnd: end,
        actualStart: state === 'preparing' ? null : start,
        actualEnd: state === 'closed' ? end : null,
        mode: state === 'preparing' ? null : state === 'remote' ? 'remote' : 'in_theatre',
        location: null,
      });
      const first = new Date(`${addDays(start, -90)}T14:00:00Z`).getTime();
      for (let k = 1; k < path.length; k++)
        moves.push({
          deploymentId,
          fromState: path[k - 1]!,
          toState: path[k]!,
          actorRole: 'history',
          at: new Date(
            k <= 4
              ? first + (k * 90 * 86_400_000) / 4
              : new Date(`${end}T14:00:00Z`).getTime() + (k - 5) * 7 * 86_400_000,
          ),
        });
      if (Number(start.slice(0, 4)) >= size.checkInsSince && state !== 'preparing') {
        const last = state === 'closed' ? end : today;
        for (let day = addDays(start, 7); day <= last; day = addDays(day, 7))
          checks.push({
            deploymentId,
            missionId: mission.id,
            status: rnd() < 0.97 ? 'ok' : rnd() < 0.8 ? 'needs_support' : 'urgent',
            at: new Date(`${day}T10:00:00Z`),
          });
      }
      start = addDays(end, 120 + Math.floor(rnd() * 1500));
    }
  }

  await db.transaction(async (tx) => {
    await bulkInsert(tx, officers, people);
    await bulkInsert(tx, priorMissions, prior);
    await bulkInsert(tx, posts, postRows);
    await bulkInsert(tx, deployments, tours);
    await bulkInsert(tx, deploymentMoves, moves, 10_000);
    await bulkInsert(tx, checkIns, checks, 10_000);
  });
  return {
    officers: people.length,
    deployments: tours.length,
    priorTours: prior.length,
    moves: moves.length,
    checkIns: checks.length,
    events: moves.length + checks.length,
  };
}
