import type { FieldError } from '../../kernel/errors.ts';
import type { FlagKind, ImportFlag } from './schema.ts';

/**
 * The UN's monthly contributions "by country, mission and personnel type, with gender", in the
 * layout compiled by the International Peace Institute: pure rules (no I/O). A line becomes a row
 * kept exactly as reported; what is inconsistent is flagged, never fixed or dropped; what cannot be
 * read (a bad date, a figure that is not a whole number) fails the whole file.
 */

export const personnelTypes = [
  'Individual_Police',
  'Formed_Police_Units',
  'Experts_on_Mission',
  'Troops',
  'Total',
] as const;
export type PersonnelType = (typeof personnelTypes)[number];
export const genders = ['Male', 'Female', 'Total'] as const;

/** The row's property for each personnel type (see schema.ts). */
const prefixOf: Record<PersonnelType, 'police' | 'fpu' | 'experts' | 'troops' | 'total'> = {
  Individual_Police: 'police',
  Formed_Police_Units: 'fpu',
  Experts_on_Mission: 'experts',
  Troops: 'troops',
  Total: 'total',
};

export type FigureKey =
  `${'police' | 'fpu' | 'experts' | 'troops' | 'total'}${'Male' | 'Female' | 'Total'}`;

/** Every figure column: its header in the file and its property on the row. */
export const figureColumns: Array<{ header: string; key: FigureKey; type: PersonnelType }> =
  personnelTypes.flatMap((type) =>
    genders.map((g) => ({
      header: `${type}_${g}`,
      key: `${prefixOf[type]}${g}` as FigureKey,
      type,
    })),
  );

export const requiredHeaders = [
  'Date',
  'Contributor',
  'Contributor_ISO-3',
  'Mission',
  ...figureColumns.map((c) => c.header),
];

export type Figures = Record<FigureKey, number | null>;

export interface ContributionRow extends Figures {
  line: number;
  /** The `Date` column, a month end (YYYY-MM-DD). */
  month: string;
  contributor: string;
  contributorIso3: string;
  /** The mission code as normalised (stray punctuation stripped). */
  mission: string;
  /** The mission code as the file had it. */
  missionRaw: string;
  /** Contributor or mission is `all`: one of the report's aggregates. */
  aggregate: boolean;
}

export const ALL = 'all';

/** Punctuation that is never part of a mission code, when it stands at either end. */
const STRAY = /^[\s'’‘`"“”.,;:*]+|[\s'’‘`"“”.,;:*]+$/g;

/**
 * The mission code without stray punctuation at either end (`UNMISS'` -> `UNMISS`). Nothing else
 * changes (case, inner hyphens or spaces): only what is unambiguous.
 */
export function normaliseMissionCode(raw: string): string {
  return raw.replace(STRAY, '');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this YYYY-MM-DD the last day of its month? (false when it is no date at all) */
export function isMonthEnd(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day === last;
}

/** The last day of a month given as YYYY-MM ("2015-02" -> "2015-02-28"). */
export function monthEndOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** A figure: `NA` (none reported) is null, a whole number >= 0 is itself; else undefined. */
export function parseFigure(value: string): number | null | undefined {
  const v = value.trim();
  if (v === 'NA') return null;
  if (!/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

/** Where each required header is in the file; errors name those missing. */
export function indexHeaders(headers: string[]): {
  index: Map<string, number>;
  errors: FieldError[];
} {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const name = h.trim().replace(/^\uFEFF/, '');
    if (!index.has(name)) index.set(name, i);
  });
  const errors = requiredHeaders
    .filter((h) => !index.has(h))
    .map((h) => ({
      path: 'header',
      code: 'un_import.column_missing',
      params: { column: h },
      line: 1,
      column: h,
    }));
  return { index, errors };
}

/**
 * Parse one line (cells as in the file) into a row, or the errors that make it unreadable, each
 * with the line and the column's header.
 */
export function parseLine(
  line: number,
  cells: string[],
  index: Map<string, number>,
): { row: ContributionRow | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const get = (header: string) => (cells[index.get(header)!] ?? '').trim();
  const fail = (header: string, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ path: `${line}.${header}`, code, params, line, column: header });

  const month = get('Date');
  if (!isMonthEnd(month)) fail('Date', 'un_import.date', { value: month });
  const contributor = get('Contributor');
  if (!contributor) fail('Contributor', 'un_import.required');
  const contributorIso3 = get('Contributor_ISO-3');
  if (!contributorIso3) fail('Contributor_ISO-3', 'un_import.required');
  const missionRaw = get('Mission');
  const mission = normaliseMissionCode(missionRaw);
  if (!mission) fail('Mission', 'un_import.required');
  const figures = {} as Figures;
  for (const c of figureColumns) {
    const raw = get(c.header);
    const value = parseFigure(raw);
    if (value === undefined) fail(c.header, 'un_import.figure', { value: raw });
    figures[c.key] = value ?? null;
  }
  if (errors.length) return { row: null, errors };
  return {
    row: {
      line,
      month,
      contributor,
      contributorIso3,
      mission,
      missionRaw,
      aggregate: contributor === ALL || mission === ALL,
      ...figures,
    },
    errors,
  };
}

const n = (v: number | null) => v ?? 0;
const flag = (line: number, kind: FlagKind, details: ImportFlag['details']): ImportFlag => ({
  line,
  kind,
  details,
});

/**
 * What one row says against itself: a stripped mission code, an unknown mission, a total that
 * disagrees with men + women (per personnel type), a `Total_*` that disagrees with the sum of the
 * personnel types. `NA` counts as none (0) in the sums; a type entirely `NA` is consistent.
 */
export function rowFlags(row: ContributionRow, knownMissions: ReadonlySet<string>): ImportFlag[] {
  const flags: ImportFlag[] = [];
  if (row.mission !== row.missionRaw)
    flags.push(flag(row.line, 'mission_normalised', { raw: row.missionRaw, code: row.mission }));
  if (row.mission !== ALL && !knownMissions.has(row.mission.toUpperCase()))
    flags.push(flag(row.line, 'unknown_mission', { code: row.mission }));
  for (const type of personnelTypes) {
    const p = prefixOf[type];
    const [male, female, total] = [row[`${p}Male`], row[`${p}Female`], row[`${p}Total`]];
    if (male === null && female === null && total === null) continue;
    if (n(male) + n(female) !== n(total))
      flags.push(flag(row.line, 'total_mismatch', { type, male, female, total }));
  }
  for (const g of genders) {
    const parts = personnelTypes.filter((t) => t !== 'Total');
    const sum = parts.reduce((s, t) => s + n(row[`${prefixOf[t]}${g}`]), 0);
    const reported = row[`total${g}`];
    if (reported === null && parts.every((t) => row[`${prefixOf[t]}${g}`] === null)) continue;
    if (n(reported) !== sum)
      flags.push(flag(row.line, 'types_sum_mismatch', { column: `Total_${g}`, reported, sum }));
  }
  return flags;
}

/**
 * What the rows say against each other, month by month: the same month, contributor and mission
 * twice; an aggregate row that does not match the sum of its parts (contributor `all` for a
 * mission: the sum over contributors; mission `all` for a contributor: the sum over missions;
 * both `all`: the sum of every detail row of the month), one flag per figure that differs.
 */
export function crossFlags(rows: readonly ContributionRow[]): ImportFlag[] {
  const flags: ImportFlag[] = [];
  const seen = new Map<string, number>();
  const sums = new Map<string, { figures: Record<FigureKey, number>; parts: number }>();
  const add = (key: string, row: ContributionRow) => {
    let entry = sums.get(key);
    if (!entry) {
      entry = {
        figures: Object.fromEntries(figureColumns.map((c) => [c.key, 0])) as Record<
          FigureKey,
          number
        >,
        parts: 0,
      };
      sums.set(key, entry);
    }
    for (const c of figureColumns) entry.figures[c.key] += n(row[c.key]);
    entry.parts++;
  };
  const keyOf = (month: string, contributor: string, mission: string) =>
    `${month}|${contributor}|${mission}`;
  for (const row of rows) {
    const key = keyOf(row.month, row.contributorIso3, row.mission);
    const first = seen.get(key);
    if (first !== undefined) flags.push(flag(row.line, 'duplicate', { firstLine: first }));
    else seen.set(key, row.line);
    if (row.aggregate) continue;
    add(keyOf(row.month, ALL, row.mission), row);
    add(keyOf(row.month, row.contributorIso3, ALL), row);
    add(keyOf(row.month, ALL, ALL), row);
  }
  for (const row of rows) {
    if (!row.aggregate) continue;
    const contributor = row.contributor === ALL ? ALL : row.contributorIso3;
    const parts = sums.get(keyOf(row.month, contributor, row.mission));
    for (const c of figureColumns) {
      const sum = parts?.figures[c.key] ?? 0;
      if (n(row[c.key]) !== sum)
        flags.push(
          flag(row.line, 'aggregate_mismatch', {
            column: c.header,
            reported: row[c.key],
            sum,
            parts: parts?.parts ?? 0,
          }),
        );
    }
  }
  return flags.sort((a, b) => a.line - b.line);
}

/** Every flag of a file's rows, in line order. */
export function flagRows(
  rows: readonly ContributionRow[],
  knownMissions: ReadonlySet<string>,
): ImportFlag[] {
  return [...rows.flatMap((r) => rowFlags(r, knownMissions)), ...crossFlags(rows)].sort(
    (a, b) => a.line - b.line,
  );
}

/** Women's share of a total, in percent with one decimal; null when there is no total. */
export function womenShare(female: number | null, total: number | null): number | null {
  if (female === null || !total) return null;
  return Math.round((female / total) * 1000) / 10;
}
