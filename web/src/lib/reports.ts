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
  chart: { category: string; series: string[] } | null;
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
