import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import { defaultExpiryOf, passedOf } from './rules.ts';
import type { QualificationKind } from './schema.ts';
import {
  columns,
  genderWords,
  keyOfHeader,
  qualificationColumns,
  type Column,
} from './exchange-format.ts';

/** A file's cells: the header row, then data rows, each cell as text. */
export interface Table {
  headers: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isXlsx(content: Buffer) {
  return content.length > 4 && content.readUInt32LE(0) === 0x04034b50; // "PK\3\4"
}

/** Read a CSV (UTF-8, comma or semicolon) or XLSX file into a table; refuse what is not one. */
export async function readTable(content: Buffer): Promise<Table> {
  if (isXlsx(content)) return readXlsx(content);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new AppError('import_invalid', {}, [
      { path: 'file', code: 'import.encoding', line: 1, column: '' },
    ]);
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new AppError('import_invalid', {}, [
      { path: 'file', code: 'import.malformed', line, column: '' },
    ]);
  }
  const [headers = [], ...rest] = records;
  return {
    headers,
    rows: rest
      .map((cells, i) => ({ line: i + 2, cells }))
      .filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

async function readXlsx(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_invalid', {}, [
      { path: 'file', code: 'import.malformed', line: 1, column: '' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    throw new AppError('import_invalid', {}, [
      { path: 'file', code: 'import.empty', line: 1, column: '' },
    ]);
  const table: Table = { headers: [], rows: [] };
  const formulas: FieldError[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      let text = '';
      if (v === null || v === undefined) text = '';
      else if (v instanceof Date) text = v.toISOString().slice(0, 10);
      else if (typeof v === 'object' && 'formula' in v) {
        formulas.push({ path: 'file', code: 'import.formula', line, column: String(col) });
      } else if (typeof v === 'object' && 'richText' in v)
        text = v.richText.map((r) => r.text).join('');
      else if (typeof v === 'object' && 'text' in v) text = String(v.text);
      else text = String(v);
      cells[col - 1] = text;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (line === 1) table.headers = cells;
    else table.rows.push({ line, cells });
  });
  if (formulas.length) {
    for (const f of formulas) f.column = table.headers[Number(f.column) - 1] ?? f.column;
    throw new AppError('import_invalid', { count: formulas.length }, formulas);
  }
  return table;
}

export interface ImportQualification {
  kind: QualificationKind;
  code: string;
  score: number | null;
  passed: boolean | null;
  obtainedOn: string;
  expiresOn: string | null;
  documentNumber: string | null;
}

export interface ImportRow {
  line: number;
  agencyCode: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: 'woman' | 'man' | 'another' | 'undisclosed';
  dateOfBirth: string | null;
  rankCode: string;
  agencyRankTitle: string | null;
  serviceStart: string;
  email: string | null;
  phone: string | null;
  preferredLanguage: 'en' | 'fr';
  qualifications: ImportQualification[];
  specialisations: string[];
}

export interface ImportReferences {
  agencyCodes: Set<string>;
  rankCodes: Set<string>;
  /** A coordinator may import their own agency's officers only. */
  onlyAgency?: string | null;
  today: string;
}

/** A cell a spreadsheet would run as a formula (CSV injection): refused, never stored. */
function looksLikeFormula(value: string) {
  return /^[=@]/.test(value) || /^[+-][^\d\s]/.test(value) || /^[\t\r]/.test(value);
}

/**
 * Check every row and collect every error (line and column as in the file), so a person can fix
 * the file in one pass. Returns the rows only when there is no error at all.
 */
export function validateTable(
  table: Table,
  refs: ImportReferences,
): { rows: ImportRow[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const key = keyOfHeader(h);
    if (key && !index.has(key)) index.set(key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length) {
    return {
      rows: [],
      errors: missing.map((c) => ({
        path: 'header',
        code: 'import.column_missing',
        params: { column: `${c.en} / ${c.fr}` },
        line: 1,
        column: c.en,
      })),
    };
  }
  const headerOf = (key: string) => table.headers[index.get(key)!]!.trim();
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const rowErrors: FieldError[] = [];
    const fail = (col: Column | string, code: string, params: Record<string, unknown> = {}) => {
      const key = typeof col === 'string' ? col : col.key;
      rowErrors.push({
        path: `${line}.${key}`,
        code,
        params,
        line,
        column: index.has(key) ? headerOf(key) : key,
      });
    };
    const get = (key: string) => (index.has(key) ? (cells[index.get(key)!] ?? '').trim() : '');
    for (const key of index.keys()) {
      const raw = cells[index.get(key)!] ?? '';
      if (looksLikeFormula(raw)) fail(key, 'import.formula');
    }
    const required = (key: string) => {
      const v = get(key);
      if (!v) fail(key, 'import.required');
      return v;
    };
    const date = (key: string, needed = false) => {
      const v = needed ? required(key) : get(key);
      if (!v) return null;
      if (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) {
        fail(key, 'import.date');
        return null;
      }
      return v;
    };
    const score = (key: string) => {
      const v = get(key);
      if (!v) return null;
      const n = Number(v.replace('%', ''));
      if (!Number.isInteger(n) || n < 0 || n > 100) {
        fail(key, 'import.score');
        return null;
      }
      return n;
    };

    const agencyCode = required('agencyCode').toUpperCase();
    if (agencyCode && !refs.agencyCodes.has(agencyCode))
      fail('agencyCode', 'import.unknown_agency', { value: agencyCode });
    else if (agencyCode && refs.onlyAgency && agencyCode !== refs.onlyAgency)
      fail('agencyCode', 'import.other_agency', { value: agencyCode });
    const badgeNumber = required('badgeNumber');
    const givenName = required('givenName');
    const familyName = required('familyName');
    const genderWord = required('gender').toLowerCase();
    const gender = genderWords[genderWord];
    if (genderWord && !gender) fail('gender', 'import.gender');
    const rankCode = required('rankCode').toLowerCase();
    if (rankCode && !refs.rankCodes.has(rankCode))
      fail('rankCode', 'import.unknown_rank', { value: rankCode });
    const serviceStart = date('serviceStart', true);
    if (serviceStart && serviceStart > refs.today) fail('serviceStart', 'import.future');
    const dateOfBirth = date('dateOfBirth');
    const email = get('email') || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('email', 'import.email');
    const language = (get('preferredLanguage') || 'en').toLowerCase();
    if (language !== 'en' && language !== 'fr') fail('preferredLanguage', 'import.language');

    const qualifications: ImportQualification[] = [];
    for (const q of qualificationColumns) {
      const obtainedOn = date(q.obtained);
      const s = q.score ? score(q.score) : null;
      const expiresOn = q.expires ? date(q.expires) : null;
      const code = q.codeColumn ? get(q.codeColumn).toLowerCase() : (q.code ?? '');
      const documentNumber = q.documentNumber ? get(q.documentNumber) || null : null;
      const anything = s !== null || expiresOn || documentNumber || (q.codeColumn && code);
      if (!obtainedOn) {
        if (anything) fail(q.obtained, 'import.required');
        continue;
      }
      if (expiresOn && expiresOn < obtainedOn) fail(q.expires!, 'import.expiry_before');
      qualifications.push({
        kind: q.kind,
        code,
        score: s,
        passed: passedOf(q.kind, s, null),
        obtainedOn,
        expiresOn: expiresOn ?? defaultExpiryOf(q.kind, obtainedOn),
        documentNumber,
      });
    }
    const specialisations = get('specialisations')
      .split(/[;|]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);

    const naturalKey = `${agencyCode}|${badgeNumber}`;
    if (agencyCode && badgeNumber) {
      const first = seen.get(naturalKey);
      if (first) fail('badgeNumber', 'import.duplicate', { line: first });
      else seen.set(naturalKey, line);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      agencyCode,
      badgeNumber,
      givenName,
      familyName,
      gender: gender!,
      dateOfBirth,
      rankCode,
      agencyRankTitle: get('agencyRankTitle') || null,
      serviceStart: serviceStart!,
      email,
      phone: get('phone') || null,
      preferredLanguage: language as 'en' | 'fr',
      qualifications,
      specialisations,
    });
  }
  if (!table.rows.length) errors.push({ path: 'file', code: 'import.empty', line: 1, column: '' });
  return { rows: errors.length ? [] : rows, errors };
}
