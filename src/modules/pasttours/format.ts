/**
 * The documented file format of the history import (docs/history-import.md): one row per past
 * tour, a header row, UTF-8, comma-separated (or the same columns in an .xlsx sheet). Headers are
 * written in English (the template) or in French; case and spaces are ignored.
 */
export interface Column {
  key: ColumnKey;
  en: string;
  fr: string;
  required: boolean;
  example: string;
}

export type ColumnKey =
  | 'badgeNumber'
  | 'agency'
  | 'familyName'
  | 'givenName'
  | 'gender'
  | 'mission'
  | 'country'
  | 'post'
  | 'startDate'
  | 'endDate';

export const columns: Column[] = [
  { key: 'badgeNumber', en: 'badge_number', fr: 'matricule', required: true, example: '41872' },
  { key: 'agency', en: 'agency', fr: 'service', required: true, example: 'RCMP' },
  { key: 'familyName', en: 'family_name', fr: 'nom', required: true, example: 'Tremblay' },
  { key: 'givenName', en: 'given_name', fr: 'prenom', required: true, example: 'Louise' },
  { key: 'gender', en: 'gender', fr: 'genre', required: false, example: 'woman' },
  { key: 'mission', en: 'mission', fr: 'mission', required: true, example: 'UNMIH' },
  { key: 'country', en: 'country', fr: 'pays', required: false, example: 'HT' },
  { key: 'post', en: 'post', fr: 'poste', required: false, example: 'individual_police_officer' },
  { key: 'startDate', en: 'start_date', fr: 'date_debut', required: true, example: '1995-03-01' },
  { key: 'endDate', en: 'end_date', fr: 'date_fin', required: false, example: '1996-02-28' },
];

/** The column a header names, in either language (case, spaces and hyphens ignored). */
export function keyOfHeader(header: string): ColumnKey | null {
  const h = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return columns.find((c) => c.en === h || c.fr === h)?.key ?? null;
}

/** The template: the English headers and one sample line. */
export function templateCsv(): string {
  return `${columns.map((c) => c.en).join(',')}\r\n${columns.map((c) => c.example).join(',')}\r\n`;
}
