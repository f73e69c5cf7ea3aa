/**
 * The pure rules of the generated program history (no I/O): months, the monthly shape of the
 * numbers deployed, and the draws of who goes (agency, gender, name). plan.ts plans the tours
 * with them; history.ts writes the plan.
 */
import { addDays, type IsoDate } from '../../kernel/dates.ts';
import { agencyWeights } from '../demo/people.ts';
import type { AgencyRow } from '../reference/data/agencies.ts';
import type { MissionRow } from '../reference/data/missions.ts';
import { contingents, laterTotals, type Contingent } from './data/contingents.ts';
import { UN_POLICE_FROM, unPoliceByMonth } from './data/un-police.ts';

// --- Months ------------------------------------------------------------------------------------

/** The generated history starts with the first deployment, UNTAG, in October 1989. */
export const FIRST_MONTH = '1989-10';

/** Months since January 1989 ('1989-01' is 0). */
export function monthIndex(month: string): number {
  return (Number(month.slice(0, 4)) - 1989) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOf(index: number): string {
  return `${1989 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthStart(index: number): IsoDate {
  return `${monthOf(index)}-01`;
}

export function monthEnd(index: number): IsoDate {
  return addDays(monthStart(index + 1), -1);
}

export const yearOf = (index: number) => 1989 + Math.floor(index / 12);

// --- The monthly shape -------------------------------------------------------------------------

/** A month is in the mission's life if the mission began by mid-month and had not ended by its end. */
export function missionRunsIn(mission: Pick<MissionRow, 'startDate' | 'endDate'>, m: number) {
  return (
    mission.startDate <= addDays(monthEnd(m), -14) &&
    (mission.endDate === null || mission.endDate >= monthEnd(m))
  );
}

const inWindow = (c: Contingent, month: string) =>
  c.from <= month && (c.to === null || month <= c.to);

/** The program's total after the IPI file: straight lines between the anchors of `laterTotals`. */
export function laterTotal(month: string): number {
  const m = monthIndex(month);
  const anchors = laterTotals.map(([k, v]) => [monthIndex(k), v] as const);
  if (m <= anchors[0]![0]) return anchors[0]![1];
  for (let i = 1; i < anchors.length; i++) {
    const [m1, v1] = anchors[i]!;
    if (m <= m1) {
      const [m0, v0] = anchors[i - 1]!;
      return Math.round(v0 + ((v1 - v0) * (m - m0)) / (m1 - m0));
    }
  }
  return anchors[anchors.length - 1]![1];
}

/**
 * Share `total` officers among contingents: each its `min` first (largest minimum first, while
 * the total lasts), the rest by weight, in whole officers (largest remainders).
 */
export function share(total: number, entries: readonly Contingent[]): number[] {
  const out = entries.map(() => 0);
  let left = Math.max(0, Math.round(total));
  const byMin = entries.map((e, i) => [i, e.min ?? 0] as const).sort((a, b) => b[1] - a[1]);
  for (const [i, min] of byMin) {
    const given = Math.min(min, left);
    out[i] = given;
    left -= given;
  }
  const sum = entries.reduce((s, e) => s + e.weight, 0);
  if (left <= 0 || sum <= 0) return out;
  const exact = entries.map((e) => (left * e.weight) / sum);
  exact.forEach((x, i) => (out[i]! += Math.floor(x)));
  let rest = left - exact.reduce((s, x) => s + Math.floor(x), 0);
  const order = exact
    .map((x, i) => [i, x - Math.floor(x)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i] of order) {
    if (rest-- <= 0) break;
    out[i]! += 1;
  }
  return out;
}

export interface MonthlyTargets {
  /** The first month (index) of the series: October 1989. */
  first: number;
  /** The last month (index): today's. */
  last: number;
  /** Officers to have deployed at each month's end, by mission code (index m - first). */
  byMission: Map<string, number[]>;
  /** Of those, in UN missions (comparable with the IPI file). */
  un: number[];
  total: number[];
}

/**
 * How many officers Canada has deployed at the end of each month, by mission, from October 1989
 * to `today`'s month, times `multiplier` (the shape stays, the size scales). Where the IPI file
 * covers (1990-11 to 2014-03) the UN missions share its figure and the other missions (EU,
 * OSCE, bilateral) add their own; after it, every running contingent shares the hand-made total.
 * Only months in a mission's life count.
 */
export function monthlyTargets(
  missions: readonly Pick<MissionRow, 'code' | 'organizationCode' | 'startDate' | 'endDate'>[],
  today: IsoDate,
  multiplier = 1,
): MonthlyTargets {
  const byCode = new Map(missions.map((m) => [m.code, m]));
  const first = monthIndex(FIRST_MONTH);
  const last = monthIndex(today.slice(0, 7));
  const fileFrom = monthIndex(UN_POLICE_FROM);
  const fileTo = fileFrom + unPoliceByMonth.size - 1;
  const byMission = new Map<string, number[]>();
  const un: number[] = [];
  const total: number[] = [];
  for (let m = first; m <= last; m++) {
    const month = monthOf(m);
    const running = contingents.filter((c) => {
      const mission = byCode.get(c.mission);
      return mission !== undefined && inWindow(c, month) && missionRunsIn(mission, m);
    });
    const isUn = (c: Contingent) => byCode.get(c.mission)!.organizationCode === 'UN';
    const counts = new Map<Contingent, number>();
    // Set teams first; the others share what is left of the month's figure.
    const fixed = running.filter((c) => c.fixed);
    for (const c of fixed) counts.set(c, c.weight);
    const shared = running.filter((c) => !c.fixed);
    const fixedIn = (entries: Contingent[]) =>
      entries.filter((c) => c.fixed).reduce((s, c) => s + c.weight, 0);
    if (m < fileFrom) {
      for (const c of shared) counts.set(c, c.weight);
    } else if (m <= fileTo) {
      const unEntries = shared.filter(isUn);
      const unFigure = (unPoliceByMonth.get(month) ?? 0) - fixedIn(running.filter(isUn));
      share(unFigure, unEntries).forEach((n, i) => counts.set(unEntries[i]!, n));
      for (const c of shared.filter((c) => !isUn(c))) counts.set(c, c.weight);
    } else {
      share(laterTotal(month) - fixedIn(running), shared).forEach((n, i) =>
        counts.set(shared[i]!, n),
      );
    }
    let unCount = 0;
    let all = 0;
    for (const [c, n] of counts) {
      const scaled = Math.round(n * multiplier);
      const series = byMission.get(c.mission) ?? new Array<number>(last - first + 1).fill(0);
      byMission.set(c.mission, series);
      series[m - first]! += scaled;
      all += scaled;
      if (isUn(c)) unCount += scaled;
    }
    un.push(unCount);
    total.push(all);
  }
  return { first, last, byMission, un, total };
}

/** Pearson's correlation of two series of the same length. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// --- Who goes ----------------------------------------------------------------------------------

/**
 * Women's share of officers deployed for the first time in a year: about 6% in 1989, rising to
 * about 30% by 2024 (the UN's parity push), held after.
 */
export function womenShareIn(year: number): number {
  const t = Math.min(1, Math.max(0, (year - 1990) / (2024 - 1990)));
  return 0.06 + 0.24 * t;
}

/**
 * The RCMP's share of officers deployed for the first time: most of the early contingents, about
 * a third once the partner agencies supplied 60-70% (DESIGN.md); about 36% over the whole history.
 */
export function rcmpShareIn(year: number): number {
  return year < 1996 ? 0.5 : year < 2004 ? 0.4 : 0.32;
}

/**
 * A partner agency for a new officer, weighted by size (agencyWeights: about each service's sworn
 * strength, First Nations services weighted up); Quebec's services count three times as much
 * for a mission working in French.
 */
export function partnerWeights(
  partners: readonly AgencyRow[],
  french: boolean,
): Array<readonly [AgencyRow, number]> {
  return partners.map(
    (a) =>
      [
        a,
        (agencyWeights[a.code] ?? 50) * (french && a.province === 'QC' && a.code !== 'KPK' ? 3 : 1),
      ] as const,
  );
}
