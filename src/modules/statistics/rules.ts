/**
 * Small-cell suppression for published statistics (DESIGN.md section 2: the public sees aggregate
 * statistics only, with small counts suppressed), and the pure shaping of the public answer.
 *
 * The rule: any count under 5 in a cell is suppressed ("fewer than 5"), and no suppressed cell can
 * be recovered by subtraction. A table declares its additive relations (a total and its parts: a
 * row and its total, the women and the others of a year, the missions making up those deployed
 * now); whenever one relation holds exactly one suppressed member, that member could be computed
 * from the others, so a complementary cell of the relation is suppressed too: an unpublished part
 * if there is one (free), else the next smallest published part, or the total when no part is left. This repeats until no relation has exactly
 * one suppressed member (a complementary cell may in turn expose another relation).
 *
 * Cells that are never published (the "others" of a women/others split) take part like any cell:
 * when small they are protected, and the complementary rule then hides a published one.
 */

export const SMALL_CELL_THRESHOLD = 5;

/** Why a cell is withheld: it is small, or it would let someone compute a small one. */
export type SuppressionReason = 'fewer_than_5' | 'complementary';

/** A published count: the number, or a marker that it is withheld. */
export type PublishedCount = number | { suppressed: true; reason: SuppressionReason };

/** total = sum(parts): cell ids. */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/**
 * The cells to withhold and why. `values` holds every cell, published or not; relations name
 * cells by id. A complement is a cell that is never published when the relation has one, else
 * the smallest published part; ties go to the one listed first.
 */
export function suppressCells(
  values: Readonly<Record<string, number>>,
  relations: readonly Relation[],
  options: { threshold?: number; unpublished?: ReadonlySet<string> } = {},
): Map<string, SuppressionReason> {
  const threshold = options.threshold ?? SMALL_CELL_THRESHOLD;
  // Hiding a cell that is never published costs nothing: such cells are the first complements.
  const costOf = (id: string) => (options.unpublished?.has(id) ? 0 : 1);
  const suppressed = new Map<string, SuppressionReason>();
  for (const [id, value] of Object.entries(values))
    if (value < threshold) suppressed.set(id, 'fewer_than_5');
  const valueOf = (id: string) => {
    const v = values[id];
    if (v === undefined) throw new Error(`relation names an unknown cell ${id}`);
    return v;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts];
      if (members.filter((id) => suppressed.has(id)).length !== 1) continue;
      const candidates = relation.parts
        .filter((id) => !suppressed.has(id))
        .map((id, order) => ({ id, value: valueOf(id), order, cost: costOf(id) }))
        .sort((a, b) => a.cost - b.cost || a.value - b.value || a.order - b.order);
      const pick = candidates[0]?.id ?? relation.total;
      if (suppressed.has(pick)) continue; // a relation of a single part equal to its total
      suppressed.set(pick, 'complementary');
      changed = true;
    }
  }
  return suppressed;
}

/** The published form of a cell. */
export function published(
  id: string,
  values: Readonly<Record<string, number>>,
  suppressed: ReadonlyMap<string, SuppressionReason>,
): PublishedCount {
  const reason = suppressed.get(id);
  if (reason) return { suppressed: true, reason };
  const value = values[id];
  if (value === undefined) throw new Error(`unknown cell ${id}`);
  return value;
}

/** Women's share in percent, one decimal; null when nobody was deployed. */
export function shareOf(women: number, total: number): number | null {
  return total === 0 ? null : Math.round((women / total) * 1000) / 10;
}

/** How far below the target a share is, in points (negative: above it); null without both. */
export function gapTo(target: number | null, share: number | null): number | null {
  return target === null || share === null ? null : Math.round((target - share) * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// The figures (as computed from the records) and their public form.

export interface DeployedNow {
  total: number;
  inTheatre: number;
  remote: number;
  /** On the way back to theatre, or leaving it (in transit, repatriating). */
  travelling: number;
  /** On a tour of the loaded history that is not over: where they work is not recorded. */
  history: number;
}

export interface NamedMission {
  code: string;
  acronym: string;
  nameEn: string;
  nameFr: string;
  countryCode: string;
  iso3: string | null;
  countryNameEn: string;
  countryNameFr: string;
}

export interface Figures {
  asOf: string;
  /** The year of the first tour on record; null with none. */
  since: number | null;
  officersDeployed: number;
  women: number;
  tours: number;
  /** Tours whose mission is not linked (history loaded with a name only). */
  unlinkedTours: number;
  countries: number;
  missions: number;
  deployedNow: DeployedNow;
  byAgency: Array<{
    code: string;
    nameEn: string;
    nameFr: string;
    officers: number;
    women: number;
    tours: number;
    deployedNow: number;
  }>;
  byYear: Array<{ year: number; deployed: number; women: number }>;
  byMission: Array<NamedMission & { officers: number; women: number; tours: number }>;
  countriesServed: Array<{
    code: string;
    iso3: string | null;
    nameEn: string;
    nameFr: string;
    officers: number;
    tours: number;
    firstYear: number;
    lastYear: number;
  }>;
  currentMissions: Array<NamedMission & DeployedNow>;
  wpsPosts: {
    sgbvTeam: { posts: number; filled: number };
    genderAdviser: { posts: number; filled: number };
  };
}

export interface Targets {
  /** The UN's target in force in a year (null before its first step). */
  un: (year: number) => number | null;
  program: number;
}

/** A year's women's share against the targets. */
export function womenYear(
  row: { year: number; deployed: number; women: number },
  targets: Targets,
) {
  const share = shareOf(row.women, row.deployed);
  const unTarget = targets.un(row.year);
  return {
    ...row,
    share,
    unTarget,
    programTarget: targets.program,
    gapToUnTarget: gapTo(unTarget, share),
    gapToProgramTarget: gapTo(targets.program, share),
  };
}

/**
 * The public answer: the headline figures, the countries served, the current missions and the
 * women's share over time, every count passed through the suppression rule, no person anywhere.
 * A share derived from a withheld count is withheld too (share x total gives the count back).
 */
export function publicFigures(figures: Figures, targets: Targets) {
  const values: Record<string, number> = {
    people: figures.officersDeployed,
    women: figures.women,
    others: figures.officersDeployed - figures.women,
    tours: figures.tours,
    countries: figures.countries,
    missions: figures.missions,
    'now.total': figures.deployedNow.total,
    'now.inTheatre': figures.deployedNow.inTheatre,
    'now.remote': figures.deployedNow.remote,
    'now.travelling': figures.deployedNow.travelling,
    'now.history': figures.deployedNow.history,
  };
  const relations: Relation[] = [
    { total: 'people', parts: ['women', 'others'] },
    {
      total: 'now.total',
      parts: ['now.inTheatre', 'now.remote', 'now.travelling', 'now.history'],
    },
  ];
  for (const m of figures.currentMissions) values[`mission.${m.code}`] = m.total;
  // Those deployed now on a history tour with no mission linked are in the total, in no mission:
  // an unpublished remainder keeps the sum exact (when there are any).
  const inMissions = figures.currentMissions.reduce((sum, m) => sum + m.total, 0);
  const missionParts = figures.currentMissions.map((m) => `mission.${m.code}`);
  if (figures.deployedNow.total > inMissions) {
    values['now.others'] = figures.deployedNow.total - inMissions;
    missionParts.push('now.others');
  }
  relations.push({ total: 'now.total', parts: missionParts });
  for (const c of figures.countriesServed) {
    // Distinct people: a person may have served in several countries, so no sum relates them.
    values[`country.${c.code}.officers`] = c.officers;
  }
  for (const y of figures.byYear) {
    values[`year.${y.year}.deployed`] = y.deployed;
    values[`year.${y.year}.women`] = y.women;
    values[`year.${y.year}.others`] = y.deployed - y.women;
    relations.push({
      total: `year.${y.year}.deployed`,
      parts: [`year.${y.year}.women`, `year.${y.year}.others`],
    });
  }
  const unpublished = new Set(
    Object.keys(values).filter((id) => id === 'others' || id.endsWith('.others')),
  );
  const hidden = suppressCells(values, relations, { unpublished });
  const cell = (id: string) => published(id, values, hidden);
  const shareCell = (womenId: string, totalId: string, women: number, total: number) =>
    hidden.has(womenId) || hidden.has(totalId) ? null : shareOf(women, total);
  const womenShare = shareCell('women', 'people', figures.women, figures.officersDeployed);
  return {
    asOf: figures.asOf,
    since: figures.since,
    headline: {
      officersDeployed: cell('people'),
      women: cell('women'),
      womenShare,
      tours: cell('tours'),
      countries: cell('countries'),
      missions: cell('missions'),
      deployedNow: {
        total: cell('now.total'),
        inTheatre: cell('now.inTheatre'),
        remote: cell('now.remote'),
        travelling: cell('now.travelling'),
        history: cell('now.history'),
      },
    },
    countries: figures.countriesServed.map((c) => ({
      code: c.code,
      iso3: c.iso3,
      nameEn: c.nameEn,
      nameFr: c.nameFr,
      firstYear: c.firstYear,
      lastYear: c.lastYear,
      officers: cell(`country.${c.code}.officers`),
    })),
    currentMissions: figures.currentMissions.map((m) => ({
      code: m.code,
      acronym: m.acronym,
      nameEn: m.nameEn,
      nameFr: m.nameFr,
      countryCode: m.countryCode,
      iso3: m.iso3,
      countryNameEn: m.countryNameEn,
      countryNameFr: m.countryNameFr,
      deployed: cell(`mission.${m.code}`),
    })),
    womenOverTime: figures.byYear.map((y) => {
      const id = `year.${y.year}`;
      const share = shareCell(`${id}.women`, `${id}.deployed`, y.women, y.deployed);
      const unTarget = targets.un(y.year);
      return {
        year: y.year,
        deployed: cell(`${id}.deployed`),
        women: cell(`${id}.women`),
        share,
        unTarget,
        programTarget: targets.program,
        gapToUnTarget: gapTo(unTarget, share),
      };
    }),
    targets: { un: targets.un(Number(figures.asOf.slice(0, 4))), program: targets.program },
  };
}
