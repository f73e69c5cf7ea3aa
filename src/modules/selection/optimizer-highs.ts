/**
 * The selection problem as a mixed-integer program for HiGHS, the independent check of the
 * optimizer (tests and bench only; the app never loads HiGHS). One binary variable per eligible
 * pair, objective Σ (M + score) x with M > the largest possible total score (so filling posts
 * comes first), a row per post, per candidate and per capped agency, the women's floor as one
 * row Σ (100 * woman - p) x >= 0, pins fixed to 1. CPLEX LP format.
 */
import type { Highs } from 'highs';
import type { SelectionProblem } from './optimizer.ts';

export interface SelectionLp {
  lp: string;
  /** Weight of a filled post in the objective. */
  M: number;
  /** Variable name -> pair (candidate, post, score). */
  variables: Map<string, { candidate: number; post: number; score: number }>;
}

/** Terms written a few to a line (LP readers limit line length). */
function terms(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(`   ${parts.slice(i, i + 8).join(' ')}`);
  return lines.join('\n');
}

function signed(coef: number, name: string, first: boolean): string {
  if (coef < 0) return `- ${-coef} ${name}`;
  return first ? `${coef} ${name}` : `+ ${coef} ${name}`;
}

export function selectionLp(problem: SelectionProblem): SelectionLp {
  const excluded = new Set(problem.excluded ?? []);
  const nP = problem.posts.length;
  // Best score per eligible pair (men never on a women-only post).
  const best = new Map<number, number>();
  for (const { candidate, post, score } of problem.pairs) {
    if (excluded.has(candidate)) continue;
    if (problem.posts[post]!.womenOnly && !problem.candidates[candidate]!.woman) continue;
    const key = candidate * nP + post;
    best.set(key, Math.max(score, best.get(key) ?? -1));
  }
  const topPerPost = new Array<number>(nP).fill(0);
  for (const [key, score] of best) topPerPost[key % nP] = Math.max(topPerPost[key % nP]!, score);
  const M = topPerPost.reduce((a, b) => a + b, 0) + 1;

  const variables = new Map<string, { candidate: number; post: number; score: number }>();
  const byPost = new Map<number, string[]>();
  const byCand = new Map<number, string[]>();
  const byAgency = new Map<string, string[]>();
  const floor: string[] = [];
  const p = problem.womenFloorPercent;
  const keys = [...best.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const candidate = Math.floor(key / nP);
    const post = key % nP;
    const name = `x${candidate}_${post}`;
    variables.set(name, { candidate, post, score: best.get(key)! });
    const cand = problem.candidates[candidate]!;
    (byPost.get(post) ?? byPost.set(post, []).get(post)!).push(name);
    (byCand.get(candidate) ?? byCand.set(candidate, []).get(candidate)!).push(name);
    (byAgency.get(cand.agencyId) ?? byAgency.set(cand.agencyId, []).get(cand.agencyId)!).push(name);
    const w = (cand.woman ? 100 : 0) - p;
    if (w !== 0) floor.push(signed(w, name, floor.length === 0));
  }
  const names = [...variables.keys()];
  const rows: string[] = [];
  const sum = (list: string[]) => list.map((n, i) => (i === 0 ? n : `+ ${n}`));
  for (const [post, list] of byPost) rows.push(` post${post}:\n${terms(sum(list))} <= 1`);
  for (const [cand, list] of byCand) rows.push(` cand${cand}:\n${terms(sum(list))} <= 1`);
  let a = 0;
  for (const [agency, list] of byAgency) {
    const cap = problem.agencyCaps[agency];
    if (cap !== undefined) rows.push(` agency${a++}:\n${terms(sum(list))} <= ${cap}`);
  }
  if (floor.length > 0) rows.push(` floor:\n${terms(floor)} >= 0`);
  const fixed: string[] = [];
  for (const { candidate, post } of problem.pinned ?? []) {
    const name = `x${candidate}_${post}`;
    // A pin on an ineligible pair makes the model infeasible.
    if (variables.has(name)) fixed.push(` ${name} = 1`);
    else rows.push(` pin${fixed.length}_${rows.length}: dummy = 1`);
  }
  const objective = names.map((n, i) => signed(M + variables.get(n)!.score, n, i === 0));
  const lp = [
    'Maximize',
    ` obj:\n${names.length > 0 ? terms(objective) : '   0 dummy'}`,
    'Subject To',
    ...(rows.length > 0 ? rows : [' none: dummy >= 0']),
    'Bounds',
    ' 0 <= dummy <= 0',
    ...fixed,
    'Binary',
    ...(names.length > 0 ? [terms(names)] : []),
    'End',
  ].join('\n');
  return { lp, M, variables };
}

/**
 * Loads the HiGHS WebAssembly module. The package's type declarations describe its CommonJS
 * build, while Node loads its ES module, whose default export is the loader itself.
 */
export async function loadHighs(): Promise<Highs> {
  const mod = (await import('highs')) as unknown as { default: unknown };
  const loader =
    typeof mod.default === 'function' ? mod.default : (mod.default as { default: unknown }).default;
  return (loader as () => Promise<Highs>)();
}

export interface HighsSelection {
  status: string;
  filled: number;
  totalScore: number;
  women: number;
  assignments: { candidate: number; post: number; score: number }[];
  ms: number;
}

/** Solves the selection MIP with HiGHS (exact gap: mip_rel_gap 0, absolute gap below 1). */
export function solveWithHighs(
  highs: Highs,
  problem: SelectionProblem,
  timeLimitSeconds = 600,
): HighsSelection {
  const { lp, variables } = selectionLp(problem);
  const start = performance.now();
  const solution = highs.solve(lp, {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0.5,
    time_limit: timeLimitSeconds,
  });
  const ms = performance.now() - start;
  const assignments: HighsSelection['assignments'] = [];
  if (solution.Status === 'Optimal' || solution.Status === 'Time limit reached') {
    for (const [name, column] of Object.entries(solution.Columns)) {
      const pair = variables.get(name);
      if (pair && 'Primal' in column && column.Primal > 0.5) assignments.push(pair);
    }
  }
  assignments.sort((x, y) => x.post - y.post);
  return {
    status: solution.Status,
    filled: assignments.length,
    totalScore: assignments.reduce((s, x) => s + x.score, 0),
    women: assignments.filter((x) => problem.candidates[x.candidate]!.woman).length,
    assignments,
    ms,
  };
}
