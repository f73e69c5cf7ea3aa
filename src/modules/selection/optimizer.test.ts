import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Highs } from 'highs';
import { solveSelection, type SelectionProblem, type SelectionResult } from './optimizer.ts';
import { loadHighs, solveWithHighs } from './optimizer-highs.ts';

type Cand = SelectionProblem['candidates'][number];

const woman = (id: string, agencyId = 'A'): Cand => ({ id, woman: true, agencyId });
const man = (id: string, agencyId = 'A'): Cand => ({ id, woman: false, agencyId });
const post = (id: string, womenOnly = false) => ({ id, womenOnly });

function problem(partial: Partial<SelectionProblem>): SelectionProblem {
  return {
    candidates: [],
    posts: [],
    pairs: [],
    agencyCaps: {},
    womenFloorPercent: 0,
    ...partial,
  };
}

/** Every constraint of the problem holds for the result, and its figures add up. */
function checkFeasible(pb: SelectionProblem, r: SelectionResult): void {
  if (r.status === 'infeasible') {
    expect(r.assignments).toEqual([]);
    return;
  }
  const excluded = new Set(pb.excluded ?? []);
  const best = new Map<string, number>();
  for (const x of pb.pairs) {
    const key = `${x.candidate}/${x.post}`;
    best.set(key, Math.max(x.score, best.get(key) ?? -1));
  }
  const posts = new Set<number>();
  const cands = new Set<number>();
  const perAgency = new Map<string, number>();
  let women = 0;
  let score = 0;
  for (const a of r.assignments) {
    expect(posts.has(a.post)).toBe(false);
    expect(cands.has(a.candidate)).toBe(false);
    posts.add(a.post);
    cands.add(a.candidate);
    expect(best.get(`${a.candidate}/${a.post}`)).toBe(a.score);
    const c = pb.candidates[a.candidate]!;
    if (pb.posts[a.post]!.womenOnly) expect(c.woman).toBe(true);
    expect(excluded.has(a.candidate)).toBe(false);
    perAgency.set(c.agencyId, (perAgency.get(c.agencyId) ?? 0) + 1);
    if (c.woman) women++;
    score += a.score;
  }
  for (const [agency, n] of perAgency)
    expect(n).toBeLessThanOrEqual(pb.agencyCaps[agency] ?? Infinity);
  expect(100 * women).toBeGreaterThanOrEqual(pb.womenFloorPercent * r.assignments.length);
  for (const pin of pb.pinned ?? [])
    expect(r.assignments).toContainEqual(expect.objectContaining(pin));
  expect(r.filled).toBe(r.assignments.length);
  expect(r.women).toBe(women);
  expect(r.totalScore).toBe(score);
  expect(r.proof.upperBound).toBeGreaterThanOrEqual(score);
  // Everyone not placed is explained once.
  const unplaced = r.unplaced.map((u) => u.candidate).sort((a, b) => a - b);
  const expected = pb.candidates.map((_, i) => i).filter((i) => !cands.has(i));
  expect(unplaced).toEqual(expected);
  for (const u of r.unplaced) if (excluded.has(u.candidate)) expect(u.reason).toBe('excluded');
}

interface Brute {
  feasible: boolean;
  filled: number;
  score: number;
  maxFill: number;
  maxWomenAtMaxFill: number;
}

/** Every assignment of candidates to posts, checked one by one. */
function bruteForce(pb: SelectionProblem): Brute {
  const excluded = new Set(pb.excluded ?? []);
  const nP = pb.posts.length;
  const options: { cand: number; score: number }[][] = pb.posts.map(() => []);
  const best = new Map<string, number>();
  for (const x of pb.pairs) {
    if (excluded.has(x.candidate)) continue;
    if (pb.posts[x.post]!.womenOnly && !pb.candidates[x.candidate]!.woman) continue;
    const key = `${x.candidate}/${x.post}`;
    best.set(key, Math.max(x.score, best.get(key) ?? -1));
  }
  for (const [key, score] of best) {
    const [c, q] = key.split('/').map(Number) as [number, number];
    options[q]!.push({ cand: c, score });
  }
  const pinOf = new Map<number, number>();
  for (const pin of pb.pinned ?? []) {
    if (pinOf.has(pin.post))
      return { feasible: false, filled: 0, score: 0, maxFill: 0, maxWomenAtMaxFill: 0 };
    pinOf.set(pin.post, pin.candidate);
  }
  const out: Brute = { feasible: false, filled: -1, score: -1, maxFill: -1, maxWomenAtMaxFill: -1 };
  const used = new Set<number>();
  const perAgency = new Map<string, number>();
  let filled = 0;
  let women = 0;
  let score = 0;
  const visit = (q: number): void => {
    if (q === nP) {
      if ((pb.pinned ?? []).some((pin) => !used.has(pin.candidate))) return;
      if (filled > out.maxFill) {
        out.maxFill = filled;
        out.maxWomenAtMaxFill = women;
      } else if (filled === out.maxFill)
        out.maxWomenAtMaxFill = Math.max(out.maxWomenAtMaxFill, women);
      if (100 * women < pb.womenFloorPercent * filled) return;
      out.feasible = true;
      if (filled > out.filled || (filled === out.filled && score > out.score)) {
        out.filled = filled;
        out.score = score;
      }
      return;
    }
    const pinned = pinOf.get(q);
    if (pinned === undefined) visit(q + 1);
    for (const { cand, score: s } of options[q]!) {
      if (pinned !== undefined && cand !== pinned) continue;
      if (used.has(cand)) continue;
      const c = pb.candidates[cand]!;
      const n = perAgency.get(c.agencyId) ?? 0;
      if (n >= (pb.agencyCaps[c.agencyId] ?? Infinity)) continue;
      used.add(cand);
      perAgency.set(c.agencyId, n + 1);
      filled++;
      score += s;
      if (c.woman) women++;
      visit(q + 1);
      used.delete(cand);
      perAgency.set(c.agencyId, n);
      filled--;
      score -= s;
      if (c.woman) women--;
    }
  };
  visit(0);
  return out;
}

describe('solveSelection: each constraint alone', () => {
  it('fills every post with the best scores when nothing binds', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a'), woman('b'), man('c')],
        posts: [post('p'), post('q')],
        pairs: [
          { candidate: 0, post: 0, score: 90 },
          { candidate: 1, post: 0, score: 80 },
          { candidate: 1, post: 1, score: 50 },
          { candidate: 2, post: 1, score: 60 },
        ],
      }),
    );
    // 0 -> p, 2 -> q is 150; 1 -> p, 2 -> q is 140; 0 -> p, 1 -> q is 140.
    expect(r.status).toBe('optimal');
    expect(r.assignments).toEqual([
      { candidate: 0, post: 0, score: 90 },
      { candidate: 2, post: 1, score: 60 },
    ]);
    expect(r.proof).toMatchObject({ upperBound: 150, nodes: 1 });
    expect(r.unplaced).toEqual([{ candidate: 1, reason: 'outscored' }]);
  });

  it('prefers filling one more post to a higher score', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a'), man('b')],
        posts: [post('p'), post('q')],
        pairs: [
          { candidate: 0, post: 0, score: 1000 },
          { candidate: 0, post: 1, score: 0 },
          { candidate: 1, post: 0, score: 0 },
        ],
      }),
    );
    expect(r.filled).toBe(2);
    expect(r.totalScore).toBe(0);
  });

  it('keeps an agency within its cap', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a', 'RCMP'), man('b', 'RCMP'), man('c', 'SPVM')],
        posts: [post('p'), post('q'), post('r')],
        pairs: [
          { candidate: 0, post: 0, score: 100 },
          { candidate: 1, post: 1, score: 90 },
          { candidate: 2, post: 2, score: 30 },
          { candidate: 2, post: 0, score: 20 },
        ],
        agencyCaps: { RCMP: 1 },
      }),
    );
    expect(r.filled).toBe(2);
    expect(r.assignments).toEqual([
      { candidate: 0, post: 0, score: 100 },
      { candidate: 2, post: 2, score: 30 },
    ]);
    expect(r.unplaced).toEqual([{ candidate: 1, reason: 'agency_cap' }]);
  });

  it('meets the women’s floor at the best score', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a'), man('b'), woman('c'), woman('d')],
        posts: [post('p'), post('q')],
        pairs: [
          { candidate: 0, post: 0, score: 100 },
          { candidate: 1, post: 1, score: 100 },
          { candidate: 2, post: 0, score: 40 },
          { candidate: 3, post: 1, score: 70 },
        ],
        womenFloorPercent: 50,
      }),
    );
    expect(r.status).toBe('optimal');
    expect(r.assignments).toEqual([
      { candidate: 0, post: 0, score: 100 },
      { candidate: 3, post: 1, score: 70 },
    ]);
    expect(r.women).toBe(1);
    expect(r.unplaced).toEqual([
      { candidate: 1, reason: 'women_floor' },
      { candidate: 2, reason: 'outscored' },
    ]);
  });

  it('places only women on a women-only post, even when a man scores higher', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a'), woman('b')],
        posts: [post('svg', true)],
        pairs: [
          { candidate: 0, post: 0, score: 900 },
          { candidate: 1, post: 0, score: 100 },
        ],
      }),
    );
    expect(r.assignments).toEqual([{ candidate: 1, post: 0, score: 100 }]);
    expect(r.unplaced).toEqual([{ candidate: 0, reason: 'no_eligible_post' }]);
  });

  it('keeps pins and leaves excluded candidates out', () => {
    const r = solveSelection(
      problem({
        candidates: [man('a'), man('b'), man('c')],
        posts: [post('p'), post('q')],
        pairs: [
          { candidate: 0, post: 0, score: 100 },
          { candidate: 1, post: 0, score: 10 },
          { candidate: 1, post: 1, score: 80 },
          { candidate: 2, post: 1, score: 90 },
        ],
        pinned: [{ candidate: 1, post: 0 }],
        excluded: [2],
      }),
    );
    expect(r.assignments).toEqual([{ candidate: 1, post: 0, score: 10 }]);
    expect(r.unplaced).toEqual([
      { candidate: 0, reason: 'no_eligible_post' },
      { candidate: 2, reason: 'excluded' },
    ]);
  });
});

describe('solveSelection: the floor against the fill', () => {
  it('leaves a post vacant when the floor demands it, and says what full fill would give', () => {
    // Three posts, one woman: filling 3 gives 33 % women, the floor asks 50 %.
    const r = solveSelection(
      problem({
        candidates: [woman('w'), man('a'), man('b')],
        posts: [post('p'), post('q'), post('r')],
        pairs: [
          { candidate: 0, post: 0, score: 10 },
          { candidate: 1, post: 1, score: 50 },
          { candidate: 2, post: 2, score: 60 },
        ],
        womenFloorPercent: 50,
      }),
    );
    expect(r.status).toBe('floor_not_met_at_full_fill');
    expect(r.filled).toBe(2);
    expect(r.maxFillWithoutFloor).toBe(3);
    expect(r.bestFloorAtFullFill).toBe(33);
    expect(r.assignments).toEqual([
      { candidate: 0, post: 0, score: 10 },
      { candidate: 2, post: 2, score: 60 },
    ]);
    expect(r.unplaced).toEqual([{ candidate: 1, reason: 'women_floor' }]);
  });

  it('reports the women’s share a full fill could reach at best', () => {
    const r = solveSelection(
      problem({
        candidates: [woman('w1'), woman('w2'), man('a'), man('b')],
        posts: [post('p'), post('q'), post('r'), post('s')],
        pairs: [
          { candidate: 0, post: 0, score: 1 },
          { candidate: 1, post: 0, score: 1 },
          { candidate: 2, post: 1, score: 1 },
          { candidate: 3, post: 2, score: 1 },
          { candidate: 1, post: 3, score: 1 },
        ],
        womenFloorPercent: 60,
      }),
    );
    // Full fill is 4 with both women: 50 %; 60 % needs 3 posts (2 women, 1 man).
    expect(r.maxFillWithoutFloor).toBe(4);
    expect(r.bestFloorAtFullFill).toBe(50);
    expect(r.status).toBe('floor_not_met_at_full_fill');
    expect(r.filled).toBe(3);
    expect(r.women).toBe(2);
  });

  it('is infeasible when pins clash or leave the floor out of reach', () => {
    const base = problem({
      candidates: [man('a', 'X'), man('b', 'X'), woman('c')],
      posts: [post('p'), post('q'), post('r', true)],
      pairs: [
        { candidate: 0, post: 0, score: 1 },
        { candidate: 1, post: 1, score: 1 },
        { candidate: 2, post: 2, score: 1 },
        { candidate: 0, post: 2, score: 1 },
      ],
    });
    const cases: Partial<SelectionProblem>[] = [
      {
        pinned: [
          { candidate: 0, post: 0 },
          { candidate: 1, post: 0 },
        ],
      },
      {
        pinned: [
          { candidate: 0, post: 0 },
          { candidate: 0, post: 1 },
        ],
      },
      { pinned: [{ candidate: 1, post: 0 }] }, // not an eligible pair
      { pinned: [{ candidate: 0, post: 2 }] }, // a man on a women-only post
      { pinned: [{ candidate: 0, post: 0 }], excluded: [0] },
      {
        pinned: [
          { candidate: 0, post: 0 },
          { candidate: 1, post: 1 },
        ],
        agencyCaps: { X: 1 },
      },
      // Two men pinned, one woman available: 33 % < 50 %.
      {
        pinned: [
          { candidate: 0, post: 0 },
          { candidate: 1, post: 1 },
        ],
        womenFloorPercent: 50,
      },
    ];
    for (const c of cases) {
      const r = solveSelection({ ...base, ...c });
      expect(r.status).toBe('infeasible');
      expect(r.assignments).toEqual([]);
    }
    // With the woman, one pinned man is fine at 50 % (the other man then stays out).
    const ok = solveSelection({
      ...base,
      pinned: [{ candidate: 0, post: 0 }],
      womenFloorPercent: 50,
    });
    expect(ok.status).toBe('floor_not_met_at_full_fill');
    expect(ok.assignments).toEqual([
      { candidate: 0, post: 0, score: 1 },
      { candidate: 2, post: 2, score: 1 },
    ]);
  });

  it('closes a Lagrangian gap by branch-and-bound', () => {
    // The best multiplier's optimal face jumps over the women count needed, and the score bound
    // it gives (1200) is not reachable: the optimum (1157) needs the search.
    const pb = problem({
      candidates: [
        man('c0', 'A2'),
        woman('c1', 'A2'),
        woman('c2', 'A2'),
        man('c3', 'A0'),
        woman('c4', 'A2'),
        woman('c5', 'A0'),
        woman('c6', 'A0'),
        woman('c7', 'A0'),
      ],
      posts: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((id) => post(id)),
      pairs: [
        [0, 0, 404],
        [0, 1, 497],
        [0, 3, 0],
        [0, 4, 114],
        [1, 1, 20],
        [1, 2, 315],
        [1, 5, 10],
        [2, 2, 5],
        [2, 4, 0],
        [2, 5, 169],
        [3, 1, 10],
        [3, 2, 624],
        [3, 4, 383],
        [3, 5, 105],
        [4, 0, 10],
        [4, 2, 0],
        [4, 4, 133],
        [4, 5, 493],
        [5, 2, 20],
        [6, 1, 235],
        [6, 2, 418],
        [6, 3, 20],
        [7, 5, 10],
      ].map(([candidate, post, score]) => ({ candidate: candidate!, post: post!, score: score! })),
      agencyCaps: { A0: 2, A1: 0, A2: 3 },
      womenFloorPercent: 67,
    });
    const r = solveSelection(pb);
    checkFeasible(pb, r);
    expect([r.filled, r.totalScore]).toEqual([5, 1157]);
    expect(bruteForce(pb)).toMatchObject({ filled: 5, score: 1157 });
    expect(r.proof.upperBound).toBe(1200);
    expect(r.proof.nodes).toBeGreaterThan(1);
    expect(r.proof.method).toContain('branch-and-bound');
  });

  it('refuses malformed input', () => {
    expect(() => solveSelection(problem({ womenFloorPercent: 101 }))).toThrow(RangeError);
    expect(() => solveSelection(problem({ pairs: [{ candidate: 0, post: 0, score: 1 }] }))).toThrow(
      RangeError,
    );
  });
});

/** Small random instances: up to 7 candidates, 5 posts, 3 agencies. */
const smallProblem = fc
  .record({
    nC: fc.integer({ min: 1, max: 7 }),
    nP: fc.integer({ min: 1, max: 5 }),
    nA: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 120, maxLength: 120 }),
    floor: fc.constantFrom(0, 20, 25, 30, 34, 40, 50, 60, 67, 75, 100),
    tiedScores: fc.boolean(),
    pins: fc.integer({ min: 0, max: 2 }),
    exclusions: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ nC, nP, nA, seed, floor, tiedScores, pins, exclusions }): SelectionProblem => {
    let i = 0;
    const next = () => seed[i++ % seed.length]!;
    const candidates = Array.from({ length: nC }, (_, c) => ({
      id: `c${c}`,
      woman: next() % 3 === 0,
      agencyId: `A${next() % nA}`,
    }));
    const posts = Array.from({ length: nP }, (_, q) => ({
      id: `p${q}`,
      womenOnly: next() % 5 === 0,
    }));
    const pairs: SelectionProblem['pairs'] = [];
    for (let c = 0; c < nC; c++)
      for (let q = 0; q < nP; q++)
        if (next() % 2 === 0)
          pairs.push({
            candidate: c,
            post: q,
            score: tiedScores ? (next() % 3) * 10 : next() % 1001,
          });
    const agencyCaps: Record<string, number> = {};
    for (let a = 0; a < nA; a++) if (next() % 2 === 0) agencyCaps[`A${a}`] = next() % 3;
    const pinned = Array.from({ length: pins }, () =>
      pairs.length > 0 && next() % 4 !== 0
        ? (({ candidate, post }) => ({ candidate, post }))(pairs[next() % pairs.length]!)
        : { candidate: next() % nC, post: next() % nP },
    );
    const excluded = Array.from({ length: exclusions }, () => next() % nC);
    return { candidates, posts, pairs, agencyCaps, womenFloorPercent: floor, pinned, excluded };
  });

describe('solveSelection: against brute force', () => {
  it('finds the optimum of every small instance', () => {
    fc.assert(
      fc.property(smallProblem, (pb) => {
        const r = solveSelection(pb);
        const b = bruteForce(pb);
        checkFeasible(pb, r);
        expect(r.status === 'infeasible').toBe(!b.feasible);
        if (!b.feasible) return;
        expect([r.filled, r.totalScore]).toEqual([b.filled, b.score]);
        expect(r.maxFillWithoutFloor).toBe(b.maxFill);
        expect(r.status).toBe(b.filled < b.maxFill ? 'floor_not_met_at_full_fill' : 'optimal');
        expect(r.bestFloorAtFullFill).toBe(
          b.maxFill > 0 ? Math.floor((100 * b.maxWomenAtMaxFill) / b.maxFill) : null,
        );
        expect(solveSelection(pb)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * A deterministic medium instance, in the spirit of the bench: each candidate applies to 1 to 4
 * posts (first choice scores best), a quarter are women, some posts are women-only, every
 * agency is capped; the floor and the pins vary with the seed.
 */
function mediumProblem(seed: number, nC = 60, nP = 20, nA = 6): SelectionProblem {
  let s = seed;
  const random = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const candidates = Array.from({ length: nC }, (_, c) => ({
    id: `c${c}`,
    woman: random() < 0.25,
    agencyId: `A${Math.floor(random() * nA)}`,
  }));
  const posts = Array.from({ length: nP }, (_, q) => ({ id: `p${q}`, womenOnly: random() < 0.1 }));
  const pairs: SelectionProblem['pairs'] = [];
  for (let c = 0; c < nC; c++) {
    const k = Math.min(nP, 1 + Math.floor(random() * 4));
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(random() * nP));
    let rank = 0;
    for (const q of chosen)
      pairs.push({ candidate: c, post: q, score: Math.floor(random() * 700) + 100 * (4 - rank++) });
  }
  const agencyCaps: Record<string, number> = {};
  for (let a = 0; a < nA; a++) agencyCaps[`A${a}`] = 1 + Math.floor((random() * 2 * nP) / nA);
  return {
    candidates,
    posts,
    pairs,
    agencyCaps,
    womenFloorPercent: [30, 40, 50, 35][seed % 4]!,
    pinned: seed % 3 === 0 ? [{ candidate: pairs[0]!.candidate, post: pairs[0]!.post }] : [],
  };
}

/** Up to 25 candidates and 10 posts, for the property test against HiGHS. */
const mediumSmall = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    nC: fc.integer({ min: 5, max: 25 }),
    nP: fc.integer({ min: 2, max: 10 }),
    nA: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ seed, nC, nP, nA }) => mediumProblem(seed, nC, nP, nA));

describe('solveSelection: against HiGHS', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  const check = (pb: SelectionProblem) => {
    const r = solveSelection(pb);
    const h = solveWithHighs(highs, pb, 60);
    checkFeasible(pb, r);
    if (h.status === 'Infeasible') expect(r.status).toBe('infeasible');
    else {
      expect(h.status).toBe('Optimal');
      expect([r.filled, r.totalScore]).toEqual([h.filled, h.totalScore]);
    }
    return r;
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('matches the MIP optimum, 60 x 20, seed %i', (seed) => {
    check(mediumProblem(seed));
  });

  it.each([1, 2, 3, 4, 5, 6])('matches the MIP optimum, 200 x 40, seed %i', (seed) => {
    check(mediumProblem(seed, 200, 40, 10));
  });

  it('matches the MIP optimum on random instances up to 25 x 10', () => {
    fc.assert(
      fc.property(mediumSmall, (pb) => {
        check(pb);
      }),
      { numRuns: 300 },
    );
  });
});
