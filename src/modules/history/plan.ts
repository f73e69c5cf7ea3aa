/**
 * The plan of a generated program history (pure: no I/O, the same plan for the same seed): who
 * served where and when. Month by month from October 1989, each mission's contingent is brought
 * to its target (rules.ts, `monthlyTargets`): an officer whose tour ends hands the post to a
 * successor who arrives the next day; a contingent that grows opens new posts; one that shrinks
 * brings the officers nearest their end home early. Tours last about twelve months (some six,
 * some extended to fifteen) inside the mission's dates. Some officers serve again, years later
 * (two to four tours in a career), within the UN's minimums: five years of service, aged 25 to
 * 62 at deployment.
 */
import { Rng } from '../../kernel/random.ts';
import { addDays, daysBetween, tourEndOf, type IsoDate } from '../../kernel/dates.ts';
import {
  addYears,
  ascii,
  firstNationsFamilies,
  mixOf,
  pools,
  rankFor,
  titleOf,
  unisexNames,
  type NamePool,
} from '../demo/people.ts';
import { agencies as agencyData, type AgencyRow } from '../reference/data/agencies.ts';
import { missionRows, type MissionRow } from '../reference/data/missions.ts';
import type { Gender } from '../officers/schema.ts';
import {
  monthEnd,
  monthIndex,
  monthlyTargets,
  monthStart,
  partnerWeights,
  rcmpShareIn,
  womenShareIn,
  yearOf,
  type MonthlyTargets,
} from './rules.ts';

export interface PlannedOfficer {
  agencyCode: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  dateOfBirth: IsoDate;
  serviceStart: IsoDate;
  rankCode: string;
  agencyRankTitle: string;
  preferredLanguage: 'en' | 'fr';
  email: string;
}

export interface PlannedTour {
  /** Index in `officers`. */
  officer: number;
  mission: string;
  start: IsoDate;
  end: IsoDate;
  /** When the tour was extended: the end first planned (twelve months). */
  extendedFrom: IsoDate | null;
  /** The tour (index in `tours`) whose post this one takes over, arriving the day after it ends. */
  predecessor: number | null;
  postType: string;
  team: string | null;
  /** A town of the mission (English name, as in the reference data). */
  location: string;
}

export interface HistoryPlan {
  officers: PlannedOfficer[];
  tours: PlannedTour[];
  targets: MonthlyTargets;
}

export interface PlanOptions {
  seed: number;
  today: IsoDate;
  /** Times the real program's size (the monthly shape stays). */
  multiplier: number;
  /** Plan tours that begin before this day only (the demo stops where its curated records begin). */
  until?: IsoDate;
  missions?: readonly MissionRow[];
  agencies?: readonly AgencyRow[];
}

/** The chance that a post is taken by an officer who has served before (when one is free). */
const REPEAT_SHARE = 0.05;
/** Tours in a career, at most. */
const MAX_TOURS = 4;

/** Post types of a new post, weighted; the first post of a contingent is its commander's. */
function postTypeFor(rng: Rng, year: number): string {
  return rng.weighted<string>([
    ['individual_police_officer', 52],
    ['patrol_team_leader', 8],
    ['investigator_mentor', 8],
    ['trainer', 8],
    ['human_rights_mentor', 5],
    ['planning_officer', 5],
    ['senior_police_adviser', 3],
    ['community_policing_adviser', 3],
    ['gender_adviser', year >= 2000 ? 4 : 0],
    ['sgbv_investigator', year >= 2010 ? 3 : 0],
  ]);
}

const teams = [
  'training_mentoring_monitoring',
  'community_policing',
  'management_development',
  'serious_organized_crime',
  'human_rights_investigation',
] as const;

/**
 * Tour length in months: mostly twelve; six in some (more in the 1990s, when six- and
 * nine-month rotations were common); fifteen when extended.
 */
function tourMonths(rng: Rng, year: number): { months: number; extended: boolean } {
  const early = year < 2000;
  return rng.weighted<{ months: number; extended: boolean }>([
    [{ months: 6, extended: false }, early ? 40 : 20],
    [{ months: 9, extended: false }, early ? 30 : 15],
    [{ months: 12, extended: false }, early ? 22 : 53],
    [{ months: 15, extended: true }, early ? 8 : 12],
  ]);
}

/** Years of police service when first deployed: at least five (the UN's minimum), most 8-20. */
function serviceYearsFor(rng: Rng): number {
  const band = rng.weighted<[number, number]>([
    [[5, 7], 14],
    [[8, 12], 32],
    [[13, 17], 26],
    [[18, 22], 16],
    [[23, 28], 9],
    [[29, 32], 3],
  ]);
  return rng.int(band[0], band[1]);
}

export function planHistory(options: PlanOptions): HistoryPlan {
  const rng = new Rng(options.seed);
  const missions = options.missions ?? missionRows();
  const agencies = options.agencies ?? agencyData;
  const rcmp = agencies.find((a) => a.code === 'RCMP')!;
  const partners = agencies.filter((a) => a.code !== 'RCMP');
  const weightsEn = partnerWeights(partners, false);
  const weightsFr = partnerWeights(partners, true);
  const byCode = new Map(missions.map((m) => [m.code, m]));
  const targets = monthlyTargets(missions, options.today, options.multiplier);
  const lastStart = options.until ? addDays(options.until, -1) : options.today;
  const lastMonth = Math.min(targets.last, monthIndex(lastStart.slice(0, 7)));

  const officers: PlannedOfficer[] = [];
  const tourCount: number[] = [];
  const tours: PlannedTour[] = [];
  const badges = new Map<string, number>();
  const emails = new Set<string>();

  // Officers who have served and may serve again, by the month they become free.
  const freeFrom = new Map<number, number[]>();
  const free: number[] = [];
  const lastEnd: IsoDate[] = [];

  const newOfficer = (start: IsoDate, mission: MissionRow): number => {
    const year = Number(start.slice(0, 4));
    const agency = rng.chance(rcmpShareIn(year))
      ? rcmp
      : rng.weighted(mission.workingLanguage === 'fr' ? weightsFr : weightsEn);
    const w = womenShareIn(year);
    const gender = rng.weighted<Gender>([
      ['woman', w],
      ['man', 0.995 - w],
      ['another', 0.002],
      ['undisclosed', 0.003],
    ]);
    const woman = gender === 'woman';
    const culture = rng.weighted(mixOf(agency));
    const pool = pools[culture];
    const givenPool = pools[pool.givenFrom ?? culture];
    const quebec = agency.province === 'QC' && agency.code !== 'KPK';
    const local = quebec || culture === 'haitian' ? pools.french : pools.english;
    const names = (p: NamePool) => (woman ? p.women : p.men) ?? [];
    const givenName =
      gender === 'another' || gender === 'undisclosed'
        ? rng.pick(unisexNames)
        : rng.pick(names(rng.chance(0.25) ? local : givenPool));
    const familyName =
      agency.type === 'first_nations' && culture === 'indigenous' && rng.chance(0.7)
        ? rng.pick(firstNationsFamilies[agency.code] ?? pool.family)
        : rng.pick(pool.family);
    const francophone = culture === 'french' || culture === 'acadian' || culture === 'haitian';
    const french = quebec ? rng.chance(0.9) : francophone && rng.chance(0.7);

    // Career: at least five years of service, hired at 21-34, aged 25-62 at deployment.
    const years = serviceYearsFor(rng);
    const serviceStart = addDays(addYears(start, -years), -rng.int(1, 330));
    const ageAtHire = Math.min(21 + Math.floor(rng.next() ** 2 * 14), 58 - years);
    const dateOfBirth = addDays(addYears(serviceStart, -ageAtHire), -rng.int(0, 364));
    const rankCode = rankFor(rng, years);

    const seq = (badges.get(agency.code) ?? 0) + rng.int(1, 9);
    badges.set(agency.code, seq);
    const badgeNumber = String(100_000 + seq);
    const base = `${ascii(givenName)}.${ascii(familyName)}`;
    const domain = `${agency.code.toLowerCase()}.example.ca`;
    let email = `${base}@${domain}`;
    for (let i = 2; emails.has(email); i++) email = `${base}${i}@${domain}`;
    emails.add(email);

    officers.push({
      agencyCode: agency.code,
      badgeNumber,
      givenName,
      familyName,
      gender,
      dateOfBirth,
      serviceStart,
      rankCode,
      agencyRankTitle: titleOf(agency, rankCode, woman, french),
      preferredLanguage: french ? 'fr' : 'en',
      email,
    });
    tourCount.push(0);
    lastEnd.push(start);
    return officers.length - 1;
  };

  /** A returning officer free at `m`, still within the age limit at `start`; or null. */
  const veteran = (start: IsoDate): number | null => {
    while (free.length) {
      const i = rng.int(0, free.length - 1);
      const officer = free[i]!;
      free[i] = free[free.length - 1]!;
      free.pop();
      const o = officers[officer]!;
      const age = daysBetween(o.dateOfBirth, start) / 365.25;
      if (age <= 61 && lastEnd[officer]! < start) return officer;
    }
    return null;
  };

  const release = (officer: number, end: IsoDate) => {
    lastEnd[officer] = end;
    if (tourCount[officer]! >= MAX_TOURS) return;
    // Back with their agency for two to ten years before another tour.
    const at = monthIndex(end.slice(0, 7)) + rng.int(24, 120);
    const list = freeFrom.get(at) ?? [];
    list.push(officer);
    freeFrom.set(at, list);
  };

  /** Per mission: tours running (indices), tours that ended last month (their posts free). */
  const running = new Map<string, number[]>();
  const monthsOf = new Map<number, { start: number; months: number }>();

  for (let m = targets.first; m <= lastMonth; m++) {
    for (const officer of freeFrom.get(m) ?? []) free.push(officer);
    freeFrom.delete(m);
    const year = yearOf(m);
    for (const [code, series] of targets.byMission) {
      const target = series[m - targets.first]!;
      const mission = byCode.get(code)!;
      const active = running.get(code) ?? [];
      running.set(code, active);
      // Tours that ended by the end of last month leave; their posts can pass on.
      const handed: number[] = [];
      for (let i = active.length - 1; i >= 0; i--) {
        const t = monthsOf.get(active[i]!)!;
        if (t.start + t.months <= m) {
          handed.push(active[i]!);
          active.splice(i, 1);
          monthsOf.delete(handed[handed.length - 1]!);
        }
      }
      // A shrinking contingent: the officers nearest their end come home early (at the end of
      // last month), after at least two months in theatre.
      if (active.length > target) {
        const nearest = [...active].sort(
          (a, b) =>
            monthsOf.get(a)!.start +
            monthsOf.get(a)!.months -
            (monthsOf.get(b)!.start + monthsOf.get(b)!.months),
        );
        for (const t of nearest) {
          if (active.length <= target) break;
          const span = monthsOf.get(t)!;
          if (m - span.start < 2) continue;
          span.months = m - span.start;
          const tour = tours[t]!;
          tour.end = monthEnd(m - 1) < tour.end ? monthEnd(m - 1) : tour.end;
          if (tour.end <= tour.start) tour.end = addDays(tour.start, 1);
          tour.extendedFrom = null;
          active.splice(active.indexOf(t), 1);
          monthsOf.delete(t);
          release(tour.officer, tour.end);
        }
      }
      if (active.length >= target) continue;
      // How long the contingent keeps this size or more: tours end by then.
      let runEnd = m;
      while (runEnd + 1 <= targets.last && series[runEnd + 1 - targets.first]! > 0) runEnd++;
      const fresh = active.length === 0 && handed.length === 0;
      for (let k = active.length; k < target; k++) {
        const predecessor = handed.pop() ?? null;
        const before = predecessor === null ? null : tours[predecessor]!;
        let start =
          before && before.end >= addDays(monthStart(m), -1)
            ? addDays(before.end, 1)
            : addDays(monthStart(m), rng.int(0, 20));
        if (start < mission.startDate) start = mission.startDate;
        // The successor arrives after the period planned: the post waits.
        if (start > lastStart) continue;
        const drawn = tourMonths(rng, year);
        const months = Math.max(1, Math.min(drawn.months, runEnd - m + 1));
        let end = tourEndOf(start, months);
        let extendedFrom = drawn.extended && months === drawn.months ? tourEndOf(start, 12) : null;
        if (mission.endDate !== null && end > mission.endDate) {
          end = mission.endDate;
          extendedFrom = null;
        }
        if (end <= start) end = addDays(start, 1);
        const officer =
          (rng.chance(REPEAT_SHARE) ? veteran(start) : null) ?? newOfficer(start, mission);
        tourCount[officer]! += 1;
        const sgbv = code === 'MONUSCO' && year >= 2021;
        tours.push({
          officer,
          mission: code,
          start,
          end,
          extendedFrom,
          predecessor,
          postType:
            before?.postType ??
            (fresh && k === 0 && target >= 5 * options.multiplier
              ? 'contingent_commander'
              : sgbv
                ? 'sgbv_investigator'
                : postTypeFor(rng, year)),
          team: before ? before.team : sgbv ? 'sgbv' : rng.chance(0.15) ? rng.pick(teams) : null,
          location: before?.location ?? rng.pick(mission.locations).nameEn,
        });
        const index = tours.length - 1;
        monthsOf.set(index, { start: m, months });
        active.push(index);
      }
    }
    // Officers whose tours ended this month are back home and may go again later.
    for (const [index, span] of monthsOf) {
      if (span.start + span.months === m + 1) release(tours[index]!.officer, tours[index]!.end);
    }
  }
  return { officers, tours, targets };
}
