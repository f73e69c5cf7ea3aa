/** Pure helpers of the people register's pages (officers, import, expiring qualifications). */

/** The officers list's filters, in the query string and in the API's. */
export const officerFilterNames = [
  'q',
  'agencyId',
  'rank',
  'gender',
  'language',
  'minScore',
  'specialisation',
  'qualification',
  'validOn',
] as const;

/** The export's address: the list's filters (not its page), the format, the page's language. */
export function exportHref(
  format: 'csv' | 'xlsx',
  lang: string,
  filters: Record<string, string>,
): string {
  const query = new URLSearchParams({ format, lang });
  for (const name of officerFilterNames) if (filters[name]) query.set(name, filters[name]);
  return `/api/v1/officers/export?${query.toString()}`;
}

/** The import template's address, with its headers in the page's language. */
export function templateHref(format: 'csv' | 'xlsx', lang: string): string {
  return `/api/v1/officers/import-template?format=${format}&lang=${lang}`;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file with the type the server expects (browsers name CSV files in several ways). */
export function asImportFile(file: File): File {
  const name = file.name.toLowerCase();
  const type = name.endsWith('.xlsx')
    ? xlsxType
    : name.endsWith('.csv') || name.endsWith('.txt')
      ? 'text/csv'
      : 'application/octet-stream';
  return file.type === type ? file : new File([file], file.name, { type });
}

/** The windows offered on the expiring qualifications page, in days. */
export const expiryWindows = ['30', '60', '90', '180'] as const;
export const defaultExpiryWindow = '90';

/** The window asked for, when it is one of those offered; 90 days otherwise. */
export function expiryWindowOf(value: string | undefined): string {
  return value && (expiryWindows as readonly string[]).includes(value)
    ? value
    : defaultExpiryWindow;
}
