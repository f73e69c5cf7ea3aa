/**
 * The selection optimizer at scale: generated calls from 100 candidates x 20 posts to 5,000 x
 * 500, solved by `solveSelection` (median of 5 runs after a warm-up) and by HiGHS on the same
 * mixed-integer program (one run, time limit BENCH_HIGHS_LIMIT seconds, default 300; skipped for
 * the larger sizes once a size took HiGHS over 120 s). Prints a table and writes
 * bench/results/selection.json. Run with `node bench/selection.ts` (BENCH_SIZES=3 for the first
 * three sizes only).
 *
 * The generated call: each candidate applies to 1 to 5 posts (their first choice scores best),
 * about 22 % of candidates are women, 10 % of the posts are women-only (men do not apply to them),
 * 20 to 40 agencies of very different sizes whose caps add up to 90 % of the posts (so the
 * caps bind), and a 30 % women's floor. The floor must bind (the best selection without it has
 * fewer than 30 % women), so each size takes the first seed from 2026 on for which it does (the
 * seed is reported).
 */
import { seededRandom } from '../src/kernel/random.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveSelection, type SelectionProblem } from '../src/modules/selection/optimizer.ts';
import { loadHighs, solveWithHighs } from '../src/modules/selection/optimizer-highs.ts';

const root = path.resolve(import.meta.dirname, '..');
const highsLimit = Number(process.env.BENCH_HIGHS_LIMIT ?? 300);
const sizes: [number, number][] = [
  [100, 20],
  [500, 50],
  [1000, 100],
  [2000, 200],
  [5000, 500],
].slice(0, Number(process.env.BENCH_SIZES ?? 5)) as [number, number][];

function generateCall(nCandidates: number, nPosts: number, seed = 2026): SelectionProblem {
  // Seeded, so every run solves the same calls.
  const random = seededRandom(seed + nCandidates * 7 + nPosts);
  const nAgencies = Math.min(40, 20 + Math.floor(nPosts / 25));
  // Agency sizes: one large national service, a few large city services, many small ones.
  const weights = Array.from({ length: nAgencies }, (_, a) => (a === 0 ? 12 : 1 / (1 + a / 4)));
  const totalWeight = weights.reduce((x, y) => x + y, 0);
  const pickAgency = () => {
    let r = random() * totalWeight;
    for (let a = 0; a < nAgencies; a++) if ((r -= weights[a]!) < 0) return a;
    return nAgencies - 1;
  };
  const posts = Array.from({ length: nPosts }, (_, q) => ({
    id: `post-${q}`,
    womenOnly: random() < 0.1,
  }));
  const open = posts.map((_, q) => q).filter((q) => !posts[q]!.womenOnly);
  const candidates = Array.from({ length: nCandidates }, (_, c) => ({
    id: `officer-${c}`,
    woman: random() < 0.22,
    agencyId: `agency-${pickAgency()}`,
  }));
  const pairs: SelectionProblem['pairs'] = [];
  for (let c = 0; c < nCandidates; c++) {
    const choices = candidates[c]!.woman ? posts.map((_, q) => q) : open;
    const k = 1 + Math.floor(random() * 5);
    const chosen: number[] = [];
    while (chosen.length < Math.min(k, choices.length)) {
      const q = choices[Math.floor(random() * choices.length)]!;
      if (!chosen.includes(q)) chosen.push(q);
    }
    // Quality of the officer (assessment), fit to the post, and preference order.
    const quality = Math.floor(random() * 500);
    chosen.forEach((q, rank) =>
      pairs.push({
        candidate: c,
        post: q,
        score: quality + Math.floor(random() * 300) + 50 * (4 - rank),
      }),
    );
  }
  const agencyCaps: Record<string, number> = {};
  const budget = Math.floor(nPosts * 0.9);
  for (let a = 0; a < nAgencies; a++)
    agencyCaps[`agency-${a}`] = Math.max(1, Math.round((budget * weights[a]!) / totalWeight));
  return { candidates, posts, pairs, agencyCaps, womenFloorPercent: 30 };
}

function median(values: number[]) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const highs = await loadHighs();
const results = [];
let highsSlow = false;
for (const [n, p] of sizes) {
  let seed = 2026;
  let problem = generateCall(n, p, seed);
  let free = solveSelection({ ...problem, womenFloorPercent: 0 });
  while (100 * free.women >= 30 * free.filled && seed < 2046) {
    problem = generateCall(n, p, ++seed);
    free = solveSelection({ ...problem, womenFloorPercent: 0 });
  }
  let result = solveSelection(problem);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    result = solveSelection(problem);
    times.push(performance.now() - start);
  }
  const ours = median(times);
  let highsMs: number | null = null;
  let highsStatus = 'skipped';
  let highsObjective: { filled: number; totalScore: number } | null = null;
  if (!highsSlow) {
    const h = solveWithHighs(highs, problem, highsLimit);
    highsMs = h.ms;
    highsStatus = h.status;
    highsObjective = { filled: h.filled, totalScore: h.totalScore };
    if (h.ms > 120_000) highsSlow = true;
  }
  const row = {
    size: `${n} x ${p}`,
    seed,
    pairs: problem.pairs.length,
    filled: result.filled,
    totalScore: result.totalScore,
    womenPercent: Math.round((1000 * result.women) / Math.max(1, result.filled)) / 10,
    womenWithoutFloor: Math.round((1000 * free.women) / Math.max(1, free.filled)) / 10,
    method: result.proof.method,
    nodes: result.proof.nodes,
    oursMs: Math.round(ours * 10) / 10,
    highsMs: highsMs === null ? null : Math.round(highsMs),
    highsStatus,
    highs: highsObjective,
    equal:
      highsObjective === null
        ? null
        : highsObjective.filled === result.filled &&
          highsObjective.totalScore === result.totalScore,
    speedup: highsMs === null ? null : Math.round(highsMs / ours),
  };
  results.push(row);
  console.log(JSON.stringify(row));
}
console.table(
  results.map((r) => ({
    size: r.size,
    seed: r.seed,
    pairs: r.pairs,
    'filled / score': `${r.filled} / ${r.totalScore}`,
    'women % (no floor)': `${r.womenPercent} (${r.womenWithoutFloor})`,
    proof: `${r.method}, ${r.nodes} node(s)`,
    'ours ms': r.oursMs,
    'HiGHS ms': r.highsMs ?? r.highsStatus,
    'HiGHS filled / score': r.highs ? `${r.highs.filled} / ${r.highs.totalScore}` : '',
    equal: r.equal ?? '',
    'x faster': r.speedup ?? '',
  })),
);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/selection.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      highsTimeLimitSeconds: highsLimit,
      results,
    },
    null,
    2,
  )}\n`,
);
