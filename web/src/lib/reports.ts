/** GET /api/v1/reports: the reports, the filters each takes, their columns. */
export type ReportFilterKey =
  'from' | 'to' | 'missionId' | 'countryCode' | 'organizationCode' | 'agencyId' | 'role' | 'gender';

export interface ReportColumn {
  key: string;
  kind: 'text' | 'code' | 'bilingual' | 'count' | 'percent';
}

export interface ReportSummary {
  id: string;
  filters: ReportFilterKey[];
  columns: ReportColumn[];
  chart:
    | { category: string; series: string[] }
    | { category: string; stackBy: string; value: string }
    | null;
}

/** GET /api/v1/reports/:id: the rows, each cell already in the caller's language. */
export interface ReportAnswer {
  id: string;
  columns: ReportColumn[];
  rows: Array<Record<string, string | number | null>>;
}

export const isNumeric = (c: ReportColumn) => c.kind === 'count' || c.kind === 'percent';

/** The API's query for a report: its own filters only, plus the format and language of an export. */
export function reportQuery(
  report: ReportSummary,
  values: Record<string, string>,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams();
  for (const key of report.filters) if (values[key]) query.set(key, values[key]);
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return query.toString();
}

export interface ChartData {
  categories: string[];
  series: Array<{ name: string; data: number[] }>;
}

/** How many stacked values a chart shows before grouping the rest as "other". */
export const MAX_STACKS = 7;

/**
 * The chart of a report's rows: a bar per category value (in the rows' order; periods oldest
 * first), stacking the series columns (named by `label`) or, for a `stackBy` chart, the value
 * split by the stacking column (the largest MAX_STACKS, the rest together as `other`).
 */
export function chartOf(
  chart: NonNullable<ReportSummary['chart']>,
  rows: ReportAnswer['rows'],
  label: (column: string) => string,
  other: string,
): ChartData | null {
  if (rows.length === 0) return null;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const categories = [...new Set(rows.map((r) => text(r[chart.category])))];
  if (chart.category === 'period') categories.sort();
  const at = new Map(categories.map((c, i) => [c, i]));
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  if ('series' in chart) {
    const series = chart.series.map((key) => ({
      name: label(key),
      data: categories.map(() => 0),
    }));
    for (const row of rows)
      chart.series.forEach((key, i) => {
        series[i]!.data[at.get(text(row[chart.category]))!]! += num(row[key]);
      });
    return { categories, series };
  }
  const totals = new Map<string, number>();
  for (const row of rows)
    totals.set(
      text(row[chart.stackBy]),
      (totals.get(text(row[chart.stackBy])) ?? 0) + num(row[chart.value]),
    );
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked
    .slice(0, ranked.length > MAX_STACKS ? MAX_STACKS - 1 : MAX_STACKS)
    .map(([k]) => k);
  const names = ranked.length > shown.length ? [...shown, other] : shown;
  const series = names.map((name) => ({ name, data: categories.map(() => 0) }));
  for (const row of rows) {
    const stack = text(row[chart.stackBy]);
    const index = shown.includes(stack) ? shown.indexOf(stack) : names.length - 1;
    series[index]!.data[at.get(text(row[chart.category]))!]! += num(row[chart.value]);
  }
  return { categories, series };
}
