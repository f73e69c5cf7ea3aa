/**
 * Optimal selection: which screened-in candidates fill which posts of a call, provably optimal.
 *
 * The problem. Assign candidates to posts, each post at most once and each candidate at most
 * once, on eligible pairs only (the candidate applied and passed screening; men never on a
 * women-only post); at most `agencyCaps[agency]` candidates per agency; pinned placements kept,
 * excluded candidates left out; and the women's floor `100 * women >= p * selected` over the
 * whole selection (pins included). Objective, lexicographic: most posts filled, then the largest
 * total suitability score.
 *
 * Without the floor this is a min-cost flow on
 *
 *     Σ --(cap 1, reward M)--> post --(cap 1, reward score)--> candidate --(cap 1)--> agency
 *       --(cap = agency cap)--> S0 --(cap = fill limit)--> Σ
 *
 * (a circulation; M rewards a filled post more than any score difference can, which makes the
 * objective lexicographic). The floor crosses the agency partition, so it is a side constraint,
 * handled in two exact phases:
 *
 * 1. Posts filled. Let G(t) = max over flows filling exactly t posts of Σ w, w = 100 - p for a
 *    woman and -p for a man (so Σ w = 100 * women - p * t). G is the optimal value of a
 *    parametric min-cost flow in the flow value, hence concave; the floor holds for some
 *    selection of size t (with the pins) iff G(t) >= b0, the pins' deficit. So the feasible fill
 *    counts form an interval and the best one, T, is found exactly by one flow at full fill, one
 *    at the peak of G and a binary search in between (each G(t) is a flow with the fill capped at
 *    t). A fill of T + 1 is therefore impossible: this half of the optimum needs no search.
 *
 * 2. Score at fill T. With t = T fixed, the floor is the integer constraint women >= aMin
 *    (aMin = ceil((p * T + b0) / 100)). Lagrangian relaxation of that one constraint: a bonus mu
 *    per selected woman, h(mu) = max score + mu * women over flows filling T posts, and
 *    UB = min over mu >= 0 of h(mu) - mu * aMin bounds the score of every feasible selection.
 *    Every flow optimal for some mu gives a line mu -> score + mu * (women - aMin) under h; the
 *    best mu is where the lines of a flow below the floor and one above it meet on h. A few
 *    probes bracket it closely (a guess from the two ends, then the women count taken as linear
 *    in mu), then Newton's method on the piecewise-linear h finds it exactly (intersect the two
 *    lines, evaluate h there, keep the new line on its side, until h adds nothing). mu = N / D
 *    stays rational and every flow runs on integer costs D * score + N * [woman], so all
 *    comparisons are exact. A selection optimal for some mu with exactly aMin women is optimal
 *    (complementary slackness: its score equals its bound). Such a selection is looked for among
 *    the probes and Newton points, then by walking along the optimal face at the best mu:
 *    exchange cycles of zero reduced cost that swap one man for one woman (or back) keep the
 *    flow optimal for h(mu) while moving the women count by one. When neither closes the gap
 *    (the women counts on the face jump over aMin, or the bound is fractional: the candidate
 *    sets of flows with agency caps are not a matroid, so this happens), branch-and-bound on
 *    pairs (pin it / forbid it) finishes the proof, with the same Lagrangian bound at every node
 *    and the parent's solutions and multiplier as the child's starting points.
 *
 * The flows. Posts are added one at a time to an optimal circulation (the Hungarian /
 * Jonker-Volgenant scheme): enabling one post's Σ -> post arc, the new optimum is the old one
 * plus the cheapest cycle through that arc (any better circulation differs by that cycle plus
 * residual cycles of the old optimum, none of them negative), found by Dijkstra from the post
 * with node potentials (reduced costs stay non-negative; only the nodes settled before the
 * target are re-priced, so most searches stay local). Candidates are folded into arcs (see
 * FlowSolver), so a search runs over posts and agencies only. When the agency caps bind, later
 * posts can only displace earlier ones and searches widen; then all potentials are re-priced by
 * one reverse Dijkstra from Σ, which makes the following searches goal-directed again. Posts
 * are processed best-scored first, and in later runs those filled in the previous run first.
 * Costs are integers, so ties are exact and the result is deterministic (same input, same
 * sequence of flows, heap ties broken by node number).
 *
 * Everything is integer arithmetic in doubles; the magnitudes are checked against 2^53 (fine
 * for calls of thousands of posts). `proof.upperBound` is the proven bound on the total score at
 * the optimal fill (equal to `totalScore` when the root relaxation closes the gap; otherwise
 * branch-and-bound closed it in `proof.nodes` nodes).
 */

export interface SelectionProblem {
  candidates: { id: string; woman: boolean; agencyId: string }[];
  posts: { id: string; womenOnly: boolean }[];
  /** Eligible pairs (applied and screened in), by index into candidates and posts. */
  pairs: { candidate: number; post: number; score: number }[];
  /** Most candidates selected per agency; an agency not listed is unlimited. */
  agencyCaps: Record<string, number>;
  /** Integer 0..100: 100 * women >= womenFloorPercent * selected. */
  womenFloorPercent: number;
  pinned?: { candidate: number; post: number }[];
  excluded?: number[];
}

export type UnplacedReason =
  'no_eligible_post' | 'agency_cap' | 'outscored' | 'women_floor' | 'excluded';

export interface SelectionResult {
  status: 'optimal' | 'floor_not_met_at_full_fill' | 'infeasible';
  assignments: { candidate: number; post: number; score: number }[];
  filled: number;
  totalScore: number;
  women: number;
  /** Posts fillable ignoring the women's floor (caps and pins kept). */
  maxFillWithoutFloor: number;
  /** Highest women's share (percent, floored) possible while filling maxFillWithoutFloor posts. */
  bestFloorAtFullFill: number | null;
  /** upperBound: proven bound on the total score at the optimal fill; nodes: B&B nodes (1 = root). */
  proof: { upperBound: number; nodes: number; method: string };
  unplaced: { candidate: number; reason: UnplacedReason }[];
}

const SIGMA = 0;
const S0 = 1;
const MAX_EXACT = 2 ** 53;

/** The free part of the problem, after pins, exclusions and the women-only rule. */
interface Core {
  nA: number;
  nC: number;
  nP: number;
  candOrig: number[];
  postOrig: number[];
  candAgency: Int32Array;
  candWoman: Uint8Array;
  /** Pairs grouped by post: postStart[p] .. postStart[p + 1] - 1, by candidate within a post. */
  postStart: Int32Array;
  pairCand: Int32Array;
  pairScore: Int32Array;
  pairPost: Int32Array;
  /** The same pairs by candidate: candPairs[candStart[c] .. candStart[c + 1] - 1]. */
  candStart: Int32Array;
  candPairs: Int32Array;
  /** Agency caps left after the pins (nC + 1 when unlimited). */
  cap: Int32Array;
  maxScore: number;
  /** Upper bound on the total score of any selection. */
  maxTotal: number;
}

/** A branch-and-bound node: the core with some pairs forbidden and some pinned. */
interface Node {
  candOff: Uint8Array;
  postOff: Uint8Array;
  pairOff: Uint8Array;
  cap: Int32Array;
  /** Posts to fill (exactly), women required, score of the node's pins. */
  t: number;
  aMin: number;
  offset: number;
  pins: number[];
}

interface RunParams {
  /** Most posts filled (the S0 -> Σ capacity). */
  capT: number;
  /** Reward filling (lexicographic big M) or not (M = 0). */
  fill: boolean;
  pairMul: number;
  bonusWoman: number;
  bonusMan: number;
}

/** A flow's figures and its pairs (per core post, -1 when vacant). */
interface Summary {
  total: number;
  women: number;
  score: number;
  pairs: Int32Array;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Min-cost circulation on the selection network, built post by post (see the header). Holds the
 * flow (who is where), the node potentials (the dual proof of optimality) and scratch space.
 *
 * The graph is kept small: a candidate has a single way out in the residual network (to its
 * agency when unselected, back to its post when selected), so candidate nodes are folded into
 * the arcs through them and the nodes are Σ, S0, the agencies and the posts. A pair (q, c) is
 * an arc q -> agency(c) ("c is selected and takes q") when c is unselected, q -> post(c)
 * ("c moves to q") when c is selected elsewhere; agency -> post(c) means "c is deselected". The
 * potential of a folded candidate is implied (the tight value of its one way out).
 */
class FlowSolver {
  readonly core: Core;
  readonly baseP: number;
  node!: Node;
  params!: RunParams;
  M = 0;
  total = 0;
  readonly candPost: Int32Array;
  readonly candPair: Int32Array;
  /** Per candidate, for the current rewards: its bonus, and the reward of the pair it holds. */
  readonly candBonus: Float64Array;
  readonly candHeld: Float64Array;
  readonly postCand: Int32Array;
  readonly agencyFlow: Int32Array;
  /** Selected candidates per agency: setItems[setStart[a] .. setStart[a] + setLen[a] - 1]. */
  readonly setStart: Int32Array;
  readonly setLen: Int32Array;
  readonly setItems: Int32Array;
  readonly setPos: Int32Array;
  /** All pairs by the candidate's agency: agencyPairs[agencyStart[a] .. agencyStart[a + 1] - 1]. */
  readonly agencyStart: Int32Array;
  readonly agencyPairs: Int32Array;
  /** Posts in processing order: best pair score first (fewer displacements later). */
  readonly order: Int32Array;
  readonly processed: Uint8Array;
  readonly pot: Float64Array;
  readonly dist: Float64Array;
  readonly seen: Int32Array;
  readonly done: Int32Array;
  readonly parent: Int32Array;
  readonly parentPair: Int32Array;
  readonly settled: Int32Array;
  readonly heap: Int32Array;
  readonly heapPos: Int32Array;
  /** Arcs from each node to Σ on the shortest-path tree of the last re-pricing. */
  readonly hops: Int32Array;
  heapSize = 0;
  stamp = 0;
  /** Searches that settle more nodes than this trigger a re-pricing before the next one. */
  readonly wide: number;
  repriceDue = false;

  constructor(core: Core) {
    this.core = core;
    this.baseP = 2 + core.nA;
    const n = this.baseP + core.nP;
    this.candPost = new Int32Array(core.nC);
    this.candPair = new Int32Array(core.nC);
    this.candBonus = new Float64Array(core.nC);
    this.candHeld = new Float64Array(core.nC);
    this.postCand = new Int32Array(core.nP);
    this.agencyFlow = new Int32Array(core.nA);
    this.setStart = new Int32Array(core.nA + 1);
    for (let c = 0; c < core.nC; c++) this.setStart[core.candAgency[c]! + 1]!++;
    for (let a = 0; a < core.nA; a++) this.setStart[a + 1]! += this.setStart[a]!;
    this.setLen = new Int32Array(core.nA);
    this.setItems = new Int32Array(core.nC);
    this.setPos = new Int32Array(core.nC);
    const nE = core.pairCand.length;
    this.agencyStart = new Int32Array(core.nA + 1);
    for (let e = 0; e < nE; e++) this.agencyStart[core.candAgency[core.pairCand[e]!]! + 1]!++;
    for (let a = 0; a < core.nA; a++) this.agencyStart[a + 1]! += this.agencyStart[a]!;
    this.agencyPairs = new Int32Array(nE);
    const at = this.agencyStart.slice(0, core.nA);
    for (let e = 0; e < nE; e++) this.agencyPairs[at[core.candAgency[core.pairCand[e]!]!]!++] = e;
    const top = new Int32Array(core.nP);
    for (let p = 0; p < core.nP; p++)
      for (let e = core.postStart[p]!; e < core.postStart[p + 1]!; e++)
        top[p] = Math.max(top[p]!, core.pairScore[e]!);
    this.order = Int32Array.from({ length: core.nP }, (_, p) => p).sort(
      (a, b) => top[b]! - top[a]! || a - b,
    );
    this.processed = new Uint8Array(core.nP);
    this.pot = new Float64Array(n);
    this.dist = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.done = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.parentPair = new Int32Array(n);
    this.settled = new Int32Array(n);
    this.heap = new Int32Array(n);
    this.heapPos = new Int32Array(n);
    this.hops = new Int32Array(n);
    this.wide = 32 + (n >> 3);
  }

  bonus(c: number): number {
    return this.candBonus[c]!;
  }

  /** Reward of the pair a selected candidate holds now. */
  private held(c: number): number {
    return this.candHeld[c]!;
  }

  /** Optimal circulation for the node and the rewards; leaves the flow and potentials in place. */
  run(node: Node, params: RunParams): Summary {
    const { core, pot } = this;
    this.node = node;
    this.params = params;
    const hiB = Math.max(params.bonusWoman, params.bonusMan);
    const loB = Math.min(params.bonusWoman, params.bonusMan);
    const rhoMax = params.pairMul * core.maxScore + hiB;
    const rhoMin = Math.min(0, loB);
    // Any flow filling one more post must be worth more, whatever the scores and bonuses.
    this.M = params.fill ? (core.nP + 1) * (rhoMax - rhoMin + 1) + 1 : 0;
    if ((this.M + rhoMax - rhoMin) * (core.nP + 4) * 4 >= MAX_EXACT)
      throw new RangeError('selection too large for exact arithmetic');
    this.candPost.fill(-1);
    this.postCand.fill(-1);
    for (let c = 0; c < core.nC; c++)
      this.candBonus[c] = core.candWoman[c] ? params.bonusWoman : params.bonusMan;
    this.agencyFlow.fill(0);
    this.setLen.fill(0);
    this.setPos.fill(-1);
    this.total = 0;
    this.processed.fill(0);
    this.hops.fill(0);
    this.repriceDue = false;
    pot.fill(0);
    const { postStart, pairCand, pairScore } = core;
    for (const p of this.order) {
      if (node.postOff[p]) continue;
      if (this.repriceDue) this.reprice();
      // Price the new post so that its arcs (to the agencies of unselected applicants, to the
      // posts of selected ones) have non-negative reduced costs, the best one zero.
      let best = -Infinity;
      for (let e = postStart[p]!; e < postStart[p + 1]!; e++) {
        const c = pairCand[e]!;
        if (node.pairOff[e] || node.candOff[c]) continue;
        const q = this.candPost[c]!;
        const v =
          q >= 0
            ? pot[this.baseP + q]! + params.pairMul * pairScore[e]! - this.held(c)
            : pot[2 + core.candAgency[c]!]! + params.pairMul * pairScore[e]! + this.bonus(c);
        if (v > best) best = v;
      }
      if (best === -Infinity) continue;
      pot[this.baseP + p] = best;
      this.processed[p] = 1;
      this.dijkstra(this.baseP + p);
    }
    // Next time, the posts filled now go first: fewer displacements at the end of the run.
    let k = 0;
    const next = new Int32Array(core.nP);
    for (const p of this.order) if (this.postCand[p]! >= 0) next[k++] = p;
    for (const p of this.order) if (this.postCand[p]! < 0) next[k++] = p;
    this.order.set(next);
    return this.summary();
  }

  summary(): Summary {
    const { core } = this;
    const pairs = new Int32Array(core.nP).fill(-1);
    let women = 0;
    let score = 0;
    let total = 0;
    for (let p = 0; p < core.nP; p++) {
      const c = this.postCand[p]!;
      if (c < 0) continue;
      const e = this.candPair[c]!;
      pairs[p] = e;
      total++;
      women += core.candWoman[c]!;
      score += core.pairScore[e]!;
    }
    return { total, women, score, pairs };
  }

  /**
   * Heap order: distance, then fewer hops to Σ at the last re-pricing (goal-directed among the
   * many ties of zero reduced cost), then node number. Any order is correct; this one is fast.
   */
  private less(a: number, b: number): boolean {
    const da = this.dist[a]!;
    const db = this.dist[b]!;
    if (da !== db) return da < db;
    const ha = this.hops[a]!;
    const hb = this.hops[b]!;
    return ha < hb || (ha === hb && a < b);
  }

  private siftUp(i: number): void {
    const { heap, heapPos } = this;
    const v = heap[i]!;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const u = heap[up]!;
      if (!this.less(v, u)) break;
      heap[i] = u;
      heapPos[u] = i;
      i = up;
    }
    heap[i] = v;
    heapPos[v] = i;
  }

  private pop(): number {
    const { heap, heapPos } = this;
    const top = heap[0]!;
    const last = heap[--this.heapSize]!;
    if (this.heapSize > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.heapSize) break;
        const r = l + 1;
        const m = r < this.heapSize && this.less(heap[r]!, heap[l]!) ? r : l;
        if (!this.less(heap[m]!, last)) break;
        heap[i] = heap[m]!;
        heapPos[heap[i]!] = i;
        i = m;
      }
      heap[i] = last;
      heapPos[last] = i;
    }
    return top;
  }

  /** Forward relaxation of u -> v (cost before potentials); `pair` records the pair used. */
  private relax(u: number, du: number, v: number, cost: number, pair: number): void {
    if (this.done[v] === this.stamp) return;
    const nd = du + cost + this.pot[u]! - this.pot[v]!;
    // A node no closer than Σ's tentative distance is never settled before Σ (ties go to Σ).
    if (this.seen[SIGMA] === this.stamp && nd >= this.dist[SIGMA]! && v !== SIGMA) return;
    if (this.seen[v] !== this.stamp) {
      this.seen[v] = this.stamp;
      this.dist[v] = nd;
      this.parent[v] = u;
      this.parentPair[v] = pair;
      this.heap[this.heapSize] = v;
      this.siftUp(this.heapSize++);
    } else if (nd < this.dist[v]!) {
      this.dist[v] = nd;
      this.parent[v] = u;
      this.parentPair[v] = pair;
      this.siftUp(this.heapPos[v]!);
    }
  }

  /**
   * Cheapest cycle through the new arc Σ -> post: a shortest path post ~> Σ in the residual
   * network, profitable when its reduced length is below theta. Augments it, and re-prices the
   * settled nodes (pot += dist - D) so that every residual arc keeps a non-negative reduced cost
   * (the classic argument: settled nodes have dist <= D, the others >= D).
   */
  private dijkstra(src: number): void {
    const { core, node, params, pot, dist, baseP } = this;
    const { postStart, pairCand, pairScore, candAgency } = core;
    const stamp = ++this.stamp;
    const theta = this.M + pot[src]! - pot[SIGMA]!;
    this.seen[src] = stamp;
    dist[src] = 0;
    this.parent[src] = -1;
    this.heap[0] = src;
    this.heapPos[src] = 0;
    this.heapSize = 1;
    let nSettled = 0;
    let found = false;
    while (this.heapSize > 0) {
      const u = this.pop();
      const du = dist[u]!;
      if (du >= theta) break;
      this.done[u] = stamp;
      this.settled[nSettled++] = u;
      if (u === SIGMA) {
        found = true;
        break;
      }
      if (u >= baseP) {
        // Post: a candidate takes it (selected now, or moving from another post); or it is
        // vacated.
        const p = u - baseP;
        const occupant = this.postCand[p]!;
        for (let e = postStart[p]!; e < postStart[p + 1]!; e++) {
          const c = pairCand[e]!;
          if (c === occupant || node.pairOff[e] || node.candOff[c]) continue;
          const q = this.candPost[c]!;
          const gain = params.pairMul * pairScore[e]!;
          if (q >= 0) this.relax(u, du, baseP + q, this.held(c) - gain, e);
          else this.relax(u, du, 2 + candAgency[c]!, -gain - this.bonus(c), e);
        }
        if (occupant >= 0) this.relax(u, du, SIGMA, this.M, -1);
      } else if (u >= 2) {
        // Agency: room for one more, or one of its selected candidates is deselected.
        const a = u - 2;
        if (this.agencyFlow[a]! < node.cap[a]!) this.relax(u, du, S0, 0, -1);
        const start = this.setStart[a]!;
        for (let i = start, end = start + this.setLen[a]!; i < end; i++) {
          const c = this.setItems[i]!;
          this.relax(u, du, baseP + this.candPost[c]!, this.bonus(c) + this.held(c), -1);
        }
      } else if (u === S0) {
        if (this.total < params.capT) this.relax(u, du, SIGMA, 0, -1);
        for (let a = 0; a < core.nA; a++)
          if (this.agencyFlow[a]! > 0) this.relax(u, du, 2 + a, 0, -1);
      }
    }
    this.heapSize = 0;
    if (nSettled > this.wide) this.repriceDue = true;
    const D = found ? dist[SIGMA]! : theta;
    for (let i = 0; i < nSettled; i++) {
      const v = this.settled[i]!;
      pot[v] = pot[v]! + dist[v]! - D;
    }
    if (found) this.augment();
  }

  private relaxBack(v: number, dv: number, u: number, cost: number): void {
    if (this.done[u] === this.stamp) return;
    const nd = dv + cost + this.pot[u]! - this.pot[v]!;
    if (this.seen[u] !== this.stamp) {
      this.seen[u] = this.stamp;
      this.dist[u] = nd;
      this.hops[u] = this.hops[v]! + 1;
      this.heap[this.heapSize] = u;
      this.siftUp(this.heapSize++);
    } else if (nd < this.dist[u]!) {
      this.dist[u] = nd;
      this.hops[u] = this.hops[v]! + 1;
      this.siftUp(this.heapPos[u]!);
    }
  }

  /**
   * Re-prices every node by its reduced distance to Σ (Dijkstra on the reversed residual
   * network): pot += Dmax - dist for the nodes that reach Σ, a valid potential (for an arc
   * u -> v, dist(u) <= rc(u, v) + dist(v); nodes that cannot reach Σ have no arc into those that
   * can). Afterwards a new post's search runs along zero reduced costs straight to Σ instead of
   * settling everything cheaper than a vacated post's big M.
   */
  private reprice(): void {
    const { core, node, params, pot, dist, baseP } = this;
    const { candStart, candPairs, pairPost, pairScore } = core;
    const stamp = ++this.stamp;
    this.repriceDue = false;
    this.hops[SIGMA] = 0;
    this.seen[SIGMA] = stamp;
    dist[SIGMA] = 0;
    this.heap[0] = SIGMA;
    this.heapPos[SIGMA] = 0;
    this.heapSize = 1;
    let nSettled = 0;
    let dMax = 0;
    while (this.heapSize > 0) {
      const v = this.pop();
      const dv = dist[v]!;
      this.done[v] = stamp;
      this.settled[nSettled++] = v;
      dMax = dv;
      if (v === SIGMA) {
        if (this.total < params.capT) this.relaxBack(v, dv, S0, 0);
        for (let p = 0; p < core.nP; p++)
          if (this.postCand[p]! >= 0) this.relaxBack(v, dv, baseP + p, this.M);
      } else if (v === S0) {
        for (let a = 0; a < core.nA; a++)
          if (this.agencyFlow[a]! < node.cap[a]!) this.relaxBack(v, dv, 2 + a, 0);
        if (this.total > 0) this.relaxBack(v, dv, SIGMA, 0);
      } else if (v < baseP) {
        // Into an agency: a post taking one of its unselected candidates; S0 (one fewer).
        const a = v - 2;
        for (let k = this.agencyStart[a]!; k < this.agencyStart[a + 1]!; k++) {
          const e = this.agencyPairs[k]!;
          const c = core.pairCand[e]!;
          const u = baseP + pairPost[e]!;
          if (this.done[u] === stamp || this.setPos[c]! >= 0 || node.candOff[c]) continue;
          if (node.pairOff[e] || !this.processed[u - baseP]) continue;
          this.relaxBack(v, dv, u, -params.pairMul * pairScore[e]! - this.candBonus[c]!);
        }
        if (this.agencyFlow[a]! > 0) this.relaxBack(v, dv, S0, 0);
      } else {
        // Into a post: its occupant moves to another post or is deselected; or Σ fills it.
        const p = v - baseP;
        const c = this.postCand[p]!;
        if (c >= 0) {
          const held = this.held(c);
          this.relaxBack(v, dv, 2 + core.candAgency[c]!, this.bonus(c) + held);
          for (let k = candStart[c]!; k < candStart[c + 1]!; k++) {
            const e = candPairs[k]!;
            const q = pairPost[e]!;
            if (q === p || node.pairOff[e] || !this.processed[q]) continue;
            this.relaxBack(v, dv, baseP + q, held - params.pairMul * pairScore[e]!);
          }
        } else if (this.processed[p]) this.relaxBack(v, dv, SIGMA, -this.M);
      }
    }
    for (let i = 0; i < nSettled; i++) {
      const v = this.settled[i]!;
      pot[v] = pot[v]! + dMax - dist[v]!;
    }
  }

  private addSelected(c: number): void {
    const a = this.core.candAgency[c]!;
    const i = this.setStart[a]! + this.setLen[a]!++;
    this.setItems[i] = c;
    this.setPos[c] = i;
  }

  private removeSelected(c: number): void {
    const a = this.core.candAgency[c]!;
    const i = this.setPos[c]!;
    const last = this.setStart[a]! + --this.setLen[a]!;
    const moved = this.setItems[last]!;
    this.setItems[i] = moved;
    this.setPos[moved] = i;
    this.setPos[c] = -1;
  }

  /** Candidate c takes post p through pair e (selected now, or moving from its old post). */
  private take(p: number, c: number, e: number): void {
    const old = this.candPost[c]!;
    if (old >= 0 && this.postCand[old] === c) this.postCand[old] = -1;
    if (old < 0) this.addSelected(c);
    this.postCand[p] = c;
    this.candPost[c] = p;
    this.candPair[c] = e;
    this.candHeld[c] = this.params.pairMul * this.core.pairScore[e]!;
  }

  /** The occupant of post p is deselected. */
  private release(p: number): void {
    const c = this.postCand[p]!;
    this.removeSelected(c);
    this.candPost[c] = -1;
    this.postCand[p] = -1;
  }

  /** Pushes one unit around the cycle Σ -> source ~> Σ found by the last search. */
  private augment(): void {
    const path: number[] = [];
    for (let v = SIGMA; v !== -1; v = this.parent[v]!) path.push(v);
    path.reverse();
    const { baseP, core } = this;
    for (let i = 0; i + 1 < path.length; i++) {
      const u = path[i]!;
      const v = path[i + 1]!;
      if (u >= baseP && v !== SIGMA) {
        // Post u takes the candidate of pair e (who leaves post v, or enters through agency v).
        const e = this.parentPair[v]!;
        this.take(u - baseP, core.pairCand[e]!, e);
      } else if (u >= 2 && u < baseP && v >= baseP) {
        this.release(v - baseP);
      } else if (u >= 2 && u < baseP && v === S0) {
        this.agencyFlow[u - 2]!++;
      } else if (u === S0 && v >= 2) {
        this.agencyFlow[v - 2]!--;
      } else if (u === S0 && v === SIGMA) {
        this.total++;
      }
      // post -> Σ: the post is vacated (its occupant already left).
    }
  }

  /** Reduced costs of the folded arcs: deselect c, select c into post q, move c to post q. */
  private rcLeave(c: number): number {
    const p = this.candPost[c]!;
    return (
      this.bonus(c) +
      this.held(c) +
      this.pot[2 + this.core.candAgency[c]!]! -
      this.pot[this.baseP + p]!
    );
  }

  private rcEnter(e: number, q: number, c: number): number {
    return (
      -this.params.pairMul * this.core.pairScore[e]! -
      this.bonus(c) +
      this.pot[this.baseP + q]! -
      this.pot[2 + this.core.candAgency[c]!]!
    );
  }

  private rcMove(e: number, q: number, c: number): number {
    return (
      this.held(c) -
      this.params.pairMul * this.core.pairScore[e]! +
      this.pot[this.baseP + q]! -
      this.pot[this.baseP + this.candPost[c]!]!
    );
  }

  /** Reduced cost of Σ -> p (fill p); its reverse, vacating p, has the opposite one. */
  private rcFill(p: number): number {
    return -this.M + this.pot[SIGMA]! - this.pot[this.baseP + p]!;
  }

  /**
   * Moves the women count to `target` along the optimal face: each step applies a cycle of zero
   * reduced cost that takes one candidate of one gender out and one of the other in (the rest of
   * the cycle moves candidates between posts, or vacates one post to fill another), so the flow
   * stays optimal for the current rewards. False when no such cycle exists (the caller then
   * branches).
   */
  walk(target: number): boolean {
    let women = 0;
    for (let c = 0; c < this.core.nC; c++)
      if (this.setPos[c]! >= 0) women += this.core.candWoman[c]!;
    while (women !== target) {
      const up = women < target;
      if (!this.walkStep(up ? 1 : 0)) return false;
      women += up ? 1 : -1;
    }
    return true;
  }

  private walkStep(genderIn: number): boolean {
    const { core, node } = this;
    const leavers: number[] = [];
    for (let c = 0; c < core.nC; c++)
      if (
        this.setPos[c]! >= 0 &&
        core.candWoman[c] !== genderIn &&
        !node.candOff[c] &&
        this.rcLeave(c) === 0
      )
        leavers.push(c);
    if (leavers.length === 0) return false;
    const tight = (a: number) => this.pot[2 + a] === this.pot[S0];
    const inOk = (a: number) => tight(a) && this.agencyFlow[a]! < node.cap[a]!;
    const outOk = (a: number) => tight(a) && this.agencyFlow[a]! > 0;
    const entering = (c: number) =>
      this.setPos[c]! < 0 && core.candWoman[c] === genderIn && !node.candOff[c];
    // Across agencies (through S0), then within each agency.
    const across = leavers.filter((c) => outOk(core.candAgency[c]!));
    if (across.length > 0 && this.exchange(across, (c) => entering(c) && inOk(core.candAgency[c]!)))
      return true;
    for (let a = 0; a < core.nA; a++) {
      const own = leavers.filter((c) => core.candAgency[c] === a);
      if (own.length > 0 && this.exchange(own, (c) => entering(c) && core.candAgency[c] === a))
        return true;
    }
    return false;
  }

  /**
   * Breadth-first search over posts for a zero-reduced-cost exchange: a leaving candidate's post
   * is taken by another candidate (whose post is then free), and so on, or vacated so that a
   * vacant post can be filled, until a post takes an entering candidate. Applies it if found.
   */
  private exchange(sources: number[], isTarget: (c: number) => boolean): boolean {
    const { core, node } = this;
    const nP = core.nP;
    const parPost = new Int32Array(nP).fill(-2);
    const parCand = new Int32Array(nP).fill(-1);
    const parPair = new Int32Array(nP).fill(-1);
    const origin = new Int32Array(nP).fill(-1);
    const queue: number[] = [];
    for (const m of sources) {
      const p = this.candPost[m]!;
      parPost[p] = -1;
      origin[p] = m;
      queue.push(p);
    }
    let sigmaUsed = false;
    for (let head = 0; head < queue.length; head++) {
      const q = queue[head]!;
      const occupant = this.postCand[q]!;
      for (let e = core.postStart[q]!; e < core.postStart[q + 1]!; e++) {
        const c = core.pairCand[e]!;
        if (c === occupant || node.pairOff[e] || node.candOff[c]) continue;
        const p2 = this.candPost[c]!;
        if (p2 >= 0) {
          if (parPost[p2] !== -2 || this.rcMove(e, q, c) !== 0) continue;
          parPost[p2] = q;
          parCand[p2] = c;
          parPair[p2] = e;
          origin[p2] = origin[q]!;
          queue.push(p2);
        } else if (isTarget(c) && this.rcEnter(e, q, c) === 0) {
          this.applyExchange(q, c, e, parPost, parCand, parPair, origin[q]!);
          return true;
        }
      }
      if (!sigmaUsed && this.rcFill(q) === 0) {
        // Vacate q; fill a vacant post at zero reduced cost instead.
        sigmaUsed = true;
        for (let p = 0; p < nP; p++) {
          if (!this.processed[p] || this.postCand[p]! >= 0 || parPost[p] !== -2) continue;
          if (this.rcFill(p) !== 0) continue;
          parPost[p] = q;
          parCand[p] = -1;
          origin[p] = origin[q]!;
          queue.push(p);
        }
      }
    }
    return false;
  }

  private applyExchange(
    last: number,
    cIn: number,
    eIn: number,
    parPost: Int32Array,
    parCand: Int32Array,
    parPair: Int32Array,
    out: number,
  ): void {
    const { core } = this;
    this.release(this.candPost[out]!);
    this.take(last, cIn, eIn);
    // Walk back: the candidate that left post p took post q = parPost[p] (or q was vacated).
    for (let p = last; parPost[p]! >= 0; p = parPost[p]!) {
      const q = parPost[p]!;
      const c = parCand[p]!;
      if (c < 0) this.postCand[q] = -1;
      else this.take(q, c, parPair[p]!);
    }
    const aIn = core.candAgency[cIn]!;
    const aOut = core.candAgency[out]!;
    if (aIn !== aOut) {
      this.agencyFlow[aIn]!++;
      this.agencyFlow[aOut]!--;
    }
  }
}

type NodeOutcome =
  | { kind: 'infeasible' }
  | { kind: 'pruned' }
  | { kind: 'solved'; best: Incumbent; bound: number; closedBy: string }
  | {
      kind: 'open';
      best: Incumbent | null;
      bound: number;
      branch: number;
      hint: Hint;
    };

/**
 * What a node can start from: its best score (lo) and most women (hi) solutions when the parent's
 * are still optimal in it, and the parent's multiplier N / D as a first guess.
 */
interface Hint {
  lo?: Summary;
  hi?: Summary;
  /** Optimal for the multiplier mu, with fewer / more women than needed. */
  nearLow?: Summary;
  nearHigh?: Summary;
  mu?: [number, number];
}

interface Incumbent {
  score: number;
  /** Core pairs, the node's pins included. */
  pairs: number[];
}

function incumbentOf(node: Node, s: Summary): Incumbent {
  const pairs = [...node.pins];
  for (const e of s.pairs) if (e >= 0) pairs.push(e);
  return { score: node.offset + s.score, pairs };
}

/**
 * Best selection of the node: exactly node.t posts filled, at least node.aMin women (core part),
 * highest score. Lagrangian relaxation of the women constraint: every flow x optimal for the
 * bonus mu per woman gives the bound score(x) + mu * (women(x) - aMin) on the node, and the
 * lines mu -> score(x) + mu * (women(x) - aMin) of such flows bracket the best multiplier.
 * Probes first look for flows just below and just above aMin women, Newton's method then finds
 * the best multiplier exactly (the two lines meet on h), and the face walk looks for exactly
 * aMin women there. `open` when a gap remains (with a pair to branch on).
 */
function solveNode(
  solver: FlowSolver,
  node: Node,
  bestKnown: number,
  known: Hint = {},
): NodeOutcome {
  const K = solver.core.maxTotal + 1;
  const { t, aMin, offset } = node;
  const at = (n: number, d: number) =>
    solver.run(node, { capT: t, fill: true, pairMul: d, bonusWoman: n, bonusMan: 0 });
  const solved = (x: Summary, closedBy: string): NodeOutcome => ({
    kind: 'solved',
    best: incumbentOf(node, x),
    bound: offset + x.score,
    closedBy,
  });
  // The ends: the best score (multiplier 0) and the most women (multiplier "infinite").
  let lo = known.lo;
  let hi = known.hi;
  const checkLo = (x: Summary): NodeOutcome | null => {
    if (x.total < t) return { kind: 'infeasible' };
    if (x.women >= aMin) return solved(x, 'flow');
    if (offset + x.score <= bestKnown) return { kind: 'pruned' };
    return null;
  };
  const checkHi = (x: Summary): NodeOutcome | null =>
    x.total < t || x.women < aMin ? { kind: 'infeasible' } : null;
  if (lo) {
    const r = checkLo(lo);
    if (r) return r;
  }
  if (hi) {
    const r = checkHi(hi);
    if (r) return r;
  }
  let low: Summary | undefined = lo;
  let high: Summary | undefined = hi;
  let muLow = lo ? 0 : -1;
  let muHigh = Infinity;
  let best: Summary | undefined = hi;
  // The parent's solutions around its multiplier that are still solutions here stay optimal for
  // that multiplier (the node's flows are a subset of the parent's).
  let mu: [number, number] | undefined = known.mu;
  const parentMu = mu ? mu[0] / mu[1] : 0;
  if (known.nearLow) {
    low = known.nearLow;
    muLow = parentMu;
  }
  if (known.nearHigh && known.nearHigh.women >= aMin) {
    high = known.nearHigh;
    muHigh = parentMu;
    if (!best || high.score > best.score) best = high;
  }
  let near = (muLow > 0 ? 1 : 0) + (muHigh < Infinity ? 1 : 0);

  // Probes: the parent's multiplier, or else a guess from the ends. The average price of a woman
  // between the ends is (lo.score - hi.score) / (hi.women - lo.women); if the price grows
  // linearly with the women added (h is convex), the k-th costs 2 k / (hi.women - lo.women)
  // times that average. Then the women count is taken as linear in the multiplier through
  // (0, lo.women) and the closest point (or the multiplier moved by an eighth). Probes only
  // choose where to look: each is an actual optimum for its bonus.
  if (!mu && lo && hi) {
    const span = hi.women - lo.women;
    mu = [Math.round((2 * (lo.score - hi.score) * (aMin - lo.women)) / (span * span)), 1];
  }
  const nextProbe = (): [number, number] | undefined => {
    if (near === 0) return mu;
    const above = muHigh < Infinity;
    const m1 = above ? muHigh : muLow;
    const a1 = above ? high!.women : low!.women;
    let next = above ? m1 * 0.875 : m1 * 1.125;
    if (lo && a1 !== lo.women) next = ((aMin - lo.women) * m1) / (a1 - lo.women);
    return [above ? Math.floor(next) : Math.ceil(next), 1];
  };
  for (let probe = 0; probe < 6 && near < 2; probe++) {
    const m = nextProbe();
    if (!m || m[0] / m[1] <= Math.max(muLow, 0) || m[0] / m[1] >= muHigh) break;
    const [n, d] = m;
    const x = at(n, d);
    if (x.total < t) return { kind: 'infeasible' };
    if (x.women === aMin) return solved(x, 'lagrangian');
    if (offset + Math.floor((d * x.score + n * (x.women - aMin)) / d) <= bestKnown)
      return { kind: 'pruned' };
    if (x.women > aMin) {
      high = x;
      muHigh = n / d;
      if (!best || x.score > best.score) best = x;
    } else {
      low = x;
      muLow = n / d;
    }
    near = (muLow > 0 ? 1 : 0) + (muHigh < Infinity ? 1 : 0);
  }
  // The ends, if still needed to bracket the multiplier.
  if (!low) {
    lo = at(0, 1);
    const r = checkLo(lo);
    if (r) return r;
    low = lo;
  }
  if (!high) {
    hi = solver.run(node, { capT: t, fill: true, pairMul: 1, bonusWoman: K, bonusMan: 0 });
    const r = checkHi(hi);
    if (r) return r;
    high = hi;
    if (!best || hi.score > best.score) best = hi;
  }
  best ??= high;

  // Newton's method: the multiplier where the lines of low and high meet; stop when h there is
  // no higher than the lines (that multiplier is then the best one, and the common value the
  // bound).
  let N: number;
  let D: number;
  let line: number;
  for (;;) {
    N = low.score - high.score;
    D = high.women - low.women;
    // The highest score is reachable above the floor.
    if (N === 0) return solved(high, 'lagrangian');
    const g = gcd(N, D);
    N /= g;
    D /= g;
    line = D * low.score + N * (low.women - aMin);
    const x = at(N, D);
    const value = D * x.score + N * (x.women - aMin);
    if (value < line) throw new Error('selection: Lagrangian step below its lines');
    if (x.women >= aMin && x.score > best.score) best = x;
    // Complementary slackness: optimal for the multiplier with exactly aMin women, so optimal.
    if (x.women === aMin) return solved(x, 'lagrangian');
    if (value === line) break;
    // This multiplier's bound is value / D: prune as soon as it cannot beat the incumbent.
    if (offset + Math.floor(value / D) <= bestKnown) return { kind: 'pruned' };
    if (x.women > aMin) high = x;
    else low = x;
  }
  const bound = Math.floor(line / D);
  if (best.score === bound) return solved(best, 'lagrangian');
  // Complementary slackness needs exactly aMin women on the optimal face at N / D.
  if (line % D === 0 && solver.walk(aMin)) {
    const s = solver.summary();
    if (s.score !== bound || s.women !== aMin || s.total !== t)
      throw new Error('selection: the exchange walk left the optimal face');
    return {
      kind: 'solved',
      best: incumbentOf(node, s),
      bound: offset + bound,
      closedBy: 'lagrangian + exchange',
    };
  }
  // Branch on the first post where the two solutions around the multiplier differ.
  let branch = -1;
  for (let p = 0; p < low.pairs.length && branch < 0; p++)
    if (low.pairs[p] !== high.pairs[p])
      branch = high.pairs[p]! >= 0 ? high.pairs[p]! : low.pairs[p]!;
  return {
    kind: 'open',
    best: incumbentOf(node, best),
    bound: offset + bound,
    branch,
    hint: {
      ...(lo ? { lo } : {}),
      ...(hi ? { hi } : {}),
      nearLow: low,
      nearHigh: high,
      mu: [N, D],
    },
  };
}

/**
 * A parent's solution that stays optimal in a child: when the child forbids pair e and the
 * solution does not use it, or when the child pins e and the solution uses it (then without e).
 */
function inherit(core: Core, s: Summary | undefined, e: number, pin: boolean): Summary | undefined {
  if (!s) return undefined;
  const p = core.pairPost[e]!;
  const uses = s.pairs[p] === e;
  if (!pin) return uses ? undefined : s;
  if (!uses) return undefined;
  const pairs = s.pairs.slice();
  pairs[p] = -1;
  return {
    total: s.total - 1,
    women: s.women - core.candWoman[core.pairCand[e]!]!,
    score: s.score - core.pairScore[e]!,
    pairs,
  };
}

function childHint(core: Core, hint: Hint, e: number, pin: boolean): Hint {
  const out: Hint = {};
  const lo = inherit(core, hint.lo, e, pin);
  const hi = inherit(core, hint.hi, e, pin);
  const nearLow = inherit(core, hint.nearLow, e, pin);
  const nearHigh = inherit(core, hint.nearHigh, e, pin);
  if (lo) out.lo = lo;
  if (hi) out.hi = hi;
  if (nearLow) out.nearLow = nearLow;
  if (nearHigh) out.nearHigh = nearHigh;
  if (hint.mu) out.mu = hint.mu;
  return out;
}

function childNode(core: Core, node: Node, e: number, pin: boolean): Node {
  const child: Node = {
    candOff: node.candOff,
    postOff: node.postOff,
    pairOff: node.pairOff.slice(),
    cap: node.cap,
    t: node.t,
    aMin: node.aMin,
    offset: node.offset,
    pins: node.pins,
  };
  if (!pin) {
    child.pairOff[e] = 1;
    return child;
  }
  const c = core.pairCand[e]!;
  const p = core.pairPost[e]!;
  child.candOff = node.candOff.slice();
  child.postOff = node.postOff.slice();
  child.cap = node.cap.slice();
  child.candOff[c] = 1;
  child.postOff[p] = 1;
  child.cap[core.candAgency[c]!]!--;
  child.t = node.t - 1;
  child.aMin = node.aMin - core.candWoman[c]!;
  child.offset = node.offset + core.pairScore[e]!;
  child.pins = [...node.pins, e];
  return child;
}

function validate(problem: SelectionProblem): void {
  const nC = problem.candidates.length;
  const nP = problem.posts.length;
  const p = problem.womenFloorPercent;
  if (!Number.isInteger(p) || p < 0 || p > 100)
    throw new RangeError('womenFloorPercent must be an integer from 0 to 100');
  for (const pair of problem.pairs) {
    if (!Number.isInteger(pair.candidate) || pair.candidate < 0 || pair.candidate >= nC)
      throw new RangeError(`pair candidate out of range: ${pair.candidate}`);
    if (!Number.isInteger(pair.post) || pair.post < 0 || pair.post >= nP)
      throw new RangeError(`pair post out of range: ${pair.post}`);
    if (!Number.isInteger(pair.score) || pair.score < 0 || pair.score > 1_000_000)
      throw new RangeError(`pair score must be a non-negative integer: ${pair.score}`);
  }
  for (const pin of problem.pinned ?? [])
    if (
      !Number.isInteger(pin.candidate) ||
      pin.candidate < 0 ||
      pin.candidate >= nC ||
      !Number.isInteger(pin.post) ||
      pin.post < 0 ||
      pin.post >= nP
    )
      throw new RangeError('pinned placement out of range');
  for (const c of problem.excluded ?? [])
    if (!Number.isInteger(c) || c < 0 || c >= nC)
      throw new RangeError(`excluded candidate out of range: ${c}`);
  for (const [agency, cap] of Object.entries(problem.agencyCaps))
    if (!Number.isInteger(cap) || cap < 0)
      throw new RangeError(`agency cap must be a non-negative integer: ${agency}`);
}

/** Eligible pairs sorted by (post, candidate), each once with its best score. */
interface Eligible {
  post: Int32Array;
  cand: Int32Array;
  score: Int32Array;
}

/** Men are removed from women-only posts; excluded candidates from everything. */
function eligiblePairs(problem: SelectionProblem, excluded: Uint8Array): Eligible {
  const nCand = problem.candidates.length;
  const { pairs, posts, candidates } = problem;
  const keys = new Float64Array(pairs.length);
  let n = 0;
  const packed = posts.length * nCand * 2 ** 22 < MAX_EXACT && pairs.length < 2 ** 22;
  for (let i = 0; i < pairs.length; i++) {
    const { candidate, post } = pairs[i]!;
    if (excluded[candidate] || (posts[post]!.womenOnly && !candidates[candidate]!.woman)) continue;
    // Packed keys (post, candidate, index) sort numerically, fast and deterministic.
    keys[n++] = packed ? (post * nCand + candidate) * 2 ** 22 + i : i;
  }
  const key = (i: number) => pairs[i]!.post * nCand + pairs[i]!.candidate;
  const order = keys.subarray(0, n);
  if (packed) order.sort();
  else order.sort((a, b) => key(a) - key(b) || a - b);
  const post = new Int32Array(n);
  const cand = new Int32Array(n);
  const score = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const x = pairs[packed ? order[k]! % 2 ** 22 : order[k]!]!;
    if (m > 0 && post[m - 1] === x.post && cand[m - 1] === x.candidate) {
      score[m - 1] = Math.max(score[m - 1]!, x.score);
      continue;
    }
    post[m] = x.post;
    cand[m] = x.candidate;
    score[m++] = x.score;
  }
  return { post: post.subarray(0, m), cand: cand.subarray(0, m), score: score.subarray(0, m) };
}

/** Index of the eligible pair (post, candidate), or -1. */
function findEligible(el: Eligible, post: number, cand: number): number {
  let lo = 0;
  let hi = el.post.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = el.post[mid]! - post || el.cand[mid]! - cand;
    if (d === 0) return mid;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function capOf(problem: SelectionProblem, agencyId: string): number {
  const cap = problem.agencyCaps[agencyId];
  return cap === undefined ? Infinity : cap;
}

export function solveSelection(problem: SelectionProblem): SelectionResult {
  validate(problem);
  const nCand = problem.candidates.length;
  const nPost = problem.posts.length;
  const p = problem.womenFloorPercent;
  const excluded = new Uint8Array(nCand);
  for (const c of problem.excluded ?? []) excluded[c] = 1;
  const eligible = eligiblePairs(problem, excluded);
  const pins = problem.pinned ?? [];

  const infeasible = (
    method: string,
    maxFillWithoutFloor = 0,
    bestFloorAtFullFill: number | null = null,
  ): SelectionResult => ({
    status: 'infeasible',
    assignments: [],
    filled: 0,
    totalScore: 0,
    women: 0,
    maxFillWithoutFloor,
    bestFloorAtFullFill,
    proof: { upperBound: 0, nodes: 0, method },
    unplaced: [],
  });

  // Pins: each post and candidate once, on an eligible pair, within the agency caps.
  const pinnedPost = new Int32Array(nPost).fill(-1);
  const pinnedCand = new Int32Array(nCand).fill(-1);
  const pinnedPerAgency = new Map<string, number>();
  let pinScore = 0;
  let pinWomen = 0;
  for (const { candidate, post } of pins) {
    if (pinnedPost[post] !== -1 || pinnedCand[candidate] !== -1)
      return infeasible('infeasible: a post or a candidate is pinned twice');
    const at = findEligible(eligible, post, candidate);
    if (at < 0) return infeasible('infeasible: a pin is on an ineligible pair');
    const score = eligible.score[at]!;
    pinnedPost[post] = candidate;
    pinnedCand[candidate] = post;
    pinScore += score;
    const cand = problem.candidates[candidate]!;
    if (cand.woman) pinWomen++;
    const n = (pinnedPerAgency.get(cand.agencyId) ?? 0) + 1;
    pinnedPerAgency.set(cand.agencyId, n);
    if (n > capOf(problem, cand.agencyId))
      return infeasible('infeasible: the pins exceed an agency cap');
  }
  const tPin = pins.length;
  // The floor with pins: 100 * (women + pinWomen) >= p * (t + tPin), i.e. Σ w >= b0.
  const b0 = p * tPin - 100 * pinWomen;

  // The core: free candidates and posts with at least one free eligible pair.
  const hasPair = new Uint8Array(nCand);
  const postPairs = new Int32Array(nPost);
  const freePairs: number[] = [];
  for (let k = 0; k < eligible.post.length; k++) {
    const c = eligible.cand[k]!;
    const post = eligible.post[k]!;
    if (pinnedCand[c] !== -1 || pinnedPost[post] !== -1) continue;
    freePairs.push(k);
    hasPair[c] = 1;
    postPairs[post]!++;
  }
  const agencyIndex = new Map<string, number>();
  const candOrig: number[] = [];
  const candIndex = new Int32Array(nCand).fill(-1);
  for (let c = 0; c < nCand; c++) {
    if (!hasPair[c]) continue;
    candIndex[c] = candOrig.length;
    candOrig.push(c);
    const id = problem.candidates[c]!.agencyId;
    if (!agencyIndex.has(id)) agencyIndex.set(id, agencyIndex.size);
  }
  const postOrig: number[] = [];
  const postIndex = new Int32Array(nPost).fill(-1);
  for (let q = 0; q < nPost; q++)
    if (postPairs[q]! > 0) {
      postIndex[q] = postOrig.length;
      postOrig.push(q);
    }
  const nC = candOrig.length;
  const nP = postOrig.length;
  const nA = agencyIndex.size;
  const candAgency = new Int32Array(nC);
  const candWoman = new Uint8Array(nC);
  for (let i = 0; i < nC; i++) {
    const cand = problem.candidates[candOrig[i]!]!;
    candAgency[i] = agencyIndex.get(cand.agencyId)!;
    candWoman[i] = cand.woman ? 1 : 0;
  }
  const cap = new Int32Array(nA);
  for (const [id, a] of agencyIndex) {
    const limit = capOf(problem, id) - (pinnedPerAgency.get(id) ?? 0);
    cap[a] = Math.min(limit, nC + 1);
  }
  // The free pairs keep the (post, candidate) order, so they come grouped by post.
  const nE = freePairs.length;
  const postStart = new Int32Array(nP + 1);
  const pairCandList = new Int32Array(nE);
  const pairScoreList = new Int32Array(nE);
  const pairPost = new Int32Array(nE);
  const topOf = new Int32Array(nP);
  for (let e = 0; e < nE; e++) {
    const k = freePairs[e]!;
    const q = postIndex[eligible.post[k]!]!;
    pairCandList[e] = candIndex[eligible.cand[k]!]!;
    pairScoreList[e] = eligible.score[k]!;
    pairPost[e] = q;
    postStart[q + 1]!++;
    topOf[q] = Math.max(topOf[q]!, eligible.score[k]!);
  }
  let maxScore = 0;
  let maxTotal = 0;
  for (let q = 0; q < nP; q++) {
    postStart[q + 1]! += postStart[q]!;
    maxScore = Math.max(maxScore, topOf[q]!);
    maxTotal += topOf[q]!;
  }
  const candStart = new Int32Array(nC + 1);
  for (const c of pairCandList) candStart[c + 1]!++;
  for (let c = 0; c < nC; c++) candStart[c + 1]! += candStart[c]!;
  const candPairs = new Int32Array(pairCandList.length);
  const at = candStart.slice(0, nC);
  for (let e = 0; e < pairCandList.length; e++) candPairs[at[pairCandList[e]!]!++] = e;
  const core: Core = {
    nA,
    nC,
    nP,
    candOrig,
    postOrig,
    candAgency,
    candWoman,
    postStart,
    pairCand: pairCandList,
    pairScore: pairScoreList,
    pairPost,
    candStart,
    candPairs,
    cap,
    maxScore,
    maxTotal,
  };
  const root: Node = {
    candOff: new Uint8Array(nC),
    postOff: new Uint8Array(nP),
    pairOff: new Uint8Array(pairCandList.length),
    cap,
    t: nP,
    aMin: 0,
    offset: 0,
    pins: [],
  };
  const solver = new FlowSolver(core);
  const K = maxTotal + 1;
  const share = (women: number, filled: number) =>
    filled > 0 ? Math.floor((100 * women) / filled) : null;

  // Without the floor: most posts, then best score.
  const free = solver.run(root, { capT: nP, fill: true, pairMul: 1, bonusWoman: 0, bonusMan: 0 });
  const fullFill = free.total;
  // Most women at that fill (the relaxation staff see, and G at full fill).
  const fullWomen = solver.run(root, {
    capT: fullFill,
    fill: true,
    pairMul: 1,
    bonusWoman: K,
    bonusMan: 0,
  });
  const maxFillWithoutFloor = fullFill + tPin;
  const bestFloorAtFullFill = share(fullWomen.women + pinWomen, maxFillWithoutFloor);
  const G = (s: Summary) => 100 * s.women - p * s.total;

  let chosen: Incumbent;
  let upperBound: number;
  let nodes = 1;
  let method: string;
  let fill: number;
  const floorBinding = G(free) < b0;
  if (!floorBinding) {
    chosen = incumbentOf(root, free);
    upperBound = free.score;
    method = 'min-cost flow (floor not binding)';
    fill = fullFill;
  } else {
    // Phase 1: the largest fill T with G(T) >= b0 (G concave).
    let T = fullFill;
    let hiAtT = fullWomen;
    if (G(fullWomen) < b0) {
      const peak = solver.run(root, {
        capT: nP,
        fill: false,
        pairMul: 1,
        bonusWoman: K * (100 - p),
        bonusMan: -K * p,
      });
      if (G(peak) < b0)
        return infeasible(
          'infeasible: the pins leave the women’s floor out of reach',
          maxFillWithoutFloor,
          bestFloorAtFullFill,
        );
      let lo = peak.total;
      let hi = fullFill;
      hiAtT = peak;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        const x = solver.run(root, {
          capT: mid,
          fill: true,
          pairMul: 1,
          bonusWoman: K,
          bonusMan: 0,
        });
        if (x.total === mid && G(x) >= b0) {
          lo = mid;
          hiAtT = x;
        } else hi = mid;
      }
      T = lo;
    }
    fill = T;
    const rootNode: Node = { ...root, t: T, aMin: Math.ceil((p * T + b0) / 100) };
    // Phase 2: the best score at fill T under the floor.
    const outcome = solveNode(solver, rootNode, -1, {
      hi: hiAtT,
      ...(T === fullFill ? { lo: free } : {}),
    });
    if (outcome.kind === 'infeasible' || outcome.kind === 'pruned')
      throw new Error('selection: phase 2 lost the feasible fill');
    if (outcome.kind === 'solved') {
      chosen = outcome.best;
      upperBound = outcome.bound;
      method = outcome.closedBy;
    } else {
      upperBound = outcome.bound;
      chosen = outcome.best!;
      method = 'lagrangian + branch-and-bound';
      // Depth first, the pinned child first (it keeps the feasible side of the multiplier).
      const children = (node: Node, branch: number, hint: Hint) =>
        [false, true].map((pin) => ({
          node: childNode(core, node, branch, pin),
          hint: childHint(core, hint, branch, pin),
        }));
      const stack = children(rootNode, outcome.branch, outcome.hint);
      while (stack.length > 0) {
        const { node, hint } = stack.pop()!;
        nodes++;
        const r = solveNode(solver, node, chosen.score, hint);
        if (r.kind === 'infeasible' || r.kind === 'pruned') continue;
        if (r.best && r.best.score > chosen.score) chosen = r.best;
        if (r.kind === 'solved' || r.bound <= chosen.score) continue;
        stack.push(...children(node, r.branch, r.hint));
      }
    }
  }

  // The selection in the caller's indexes.
  const assignments: SelectionResult['assignments'] = [];
  for (const { candidate, post } of pins)
    assignments.push({
      candidate,
      post,
      score: eligible.score[findEligible(eligible, post, candidate)]!,
    });
  for (const e of chosen.pairs) {
    const q = pairPost[e]!;
    assignments.push({
      candidate: candOrig[pairCandList[e]!]!,
      post: postOrig[q]!,
      score: pairScoreList[e]!,
    });
  }
  assignments.sort((x, y) => x.post - y.post);
  let women = 0;
  let totalScore = 0;
  const placed = new Uint8Array(nCand);
  const perAgency = new Map<string, number>();
  for (const a of assignments) {
    const cand = problem.candidates[a.candidate]!;
    placed[a.candidate] = 1;
    if (cand.woman) women++;
    totalScore += a.score;
    perAgency.set(cand.agencyId, (perAgency.get(cand.agencyId) ?? 0) + 1);
  }
  if (assignments.length !== fill + tPin) throw new Error('selection: fill mismatch');

  // Why the others were not placed (first reason that applies).
  const canPlace = new Uint8Array(nCand);
  for (let k = 0; k < eligible.post.length; k++)
    if (pinnedPost[eligible.post[k]!] === -1) canPlace[eligible.cand[k]!] = 1;
  const unplaced: SelectionResult['unplaced'] = [];
  for (let c = 0; c < nCand; c++) {
    if (placed[c]) continue;
    const cand = problem.candidates[c]!;
    let reason: UnplacedReason;
    if (excluded[c]) reason = 'excluded';
    else if (!canPlace[c]) reason = 'no_eligible_post';
    else if ((perAgency.get(cand.agencyId) ?? 0) >= capOf(problem, cand.agencyId))
      reason = 'agency_cap';
    else if (!cand.woman && floorBinding && 100 * women < p * (assignments.length + 1))
      reason = 'women_floor';
    else reason = 'outscored';
    unplaced.push({ candidate: c, reason });
  }

  return {
    status: fill < fullFill ? 'floor_not_met_at_full_fill' : 'optimal',
    assignments,
    filled: assignments.length,
    totalScore,
    women,
    maxFillWithoutFloor,
    bestFloorAtFullFill,
    proof: { upperBound: upperBound + pinScore, nodes, method },
    unplaced,
  };
}
