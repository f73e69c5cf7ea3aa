import type { IsoDate } from '../../kernel/dates.ts';
import type { FieldError } from '../../kernel/errors.ts';
import { genderWords } from '../officers/exchange-format.ts';
import type { Table } from '../officers/import-file.ts';
import type { Gender } from '../officers/schema.ts';
import { columns, keyOfHeader, type ColumnKey } from './format.ts';
import {
  countryProblem,
  missionDateProblems,
  overlappingLines,
  resolveCountry,
  resolveMission,
  resolvePost,
  sameName,
  type MissionRef,
  type ReferenceIndex,
} from './rules.ts';

/** One valid line of the file: a past tour, its officer as written, its mission resolved. */
export interface TourLine {
  line: number;
  agencyCode: string;
  badgeNumber: string;
  familyName: string;
  givenName: string;
  gender: Gender | null;
  /** The mission's name as written (kept in the audit entry). */
  missionWritten: string;
  mission: MissionRef;
  countryCode: string | null;
  postTypeCode: string | null;
  role: string | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const validDate = (v: string) =>
  ISO_DATE.test(v) &&
  !Number.isNaN(Date.parse(v)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** A cell a spreadsheet would run as a formula (CSV injection): refused, never stored. */
const looksLikeFormula = (value: string) =>
  /^[=@]/.test(value) || /^[+-][^\d\s]/.test(value) || /^[\t\r]/.test(value);

export const officerKeyOf = (r: { agencyCode: string; badgeNumber: string }) =>
  `${r.agencyCode}|${r.badgeNumber}`;

/**
 * Check every line on its own and against the other lines of the file, collecting every problem
 * (line and column as in the file). Returns the lines that passed their own checks (the file is
 * valid only when there is no error at all): the checks against the records on file (an
 * officer's name, overlaps with their tours and deployments) run on those, in pasttours.ts, so
 * one answer lists every problem.
 */
export function validateLines(
  table: Table,
  ix: ReferenceIndex,
  today: IsoDate,
): { rows: TourLine[]; errors: FieldError[]; columnOf: Record<ColumnKey, string> } {
  const errors: FieldError[] = [];
  const index = new Map<ColumnKey, number>();
  table.headers.forEach((h, i) => {
    const key = keyOfHeader(h);
    if (key && !index.has(key)) index.set(key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length)
    return {
      rows: [],
      columnOf: {} as Record<ColumnKey, string>,
      errors: missing.map((c) => ({
        path: 'header',
        code: 'past_tours.column_missing',
        params: { column: `${c.en} / ${c.fr}` },
        line: 1,
        column: c.en,
      })),
    };
  const headerOf = (key: ColumnKey) => table.headers[index.get(key)!]!.trim();
  const columnOf = Object.fromEntries(
    columns.map((c) => [c.key, index.has(c.key) ? headerOf(c.key) : c.en]),
  ) as Record<ColumnKey, string>;
  const problem = (line: number, key: ColumnKey, code: string, params = {}): FieldError => ({
    path: `${line}.${key}`,
    code,
    params,
    line,
    column: index.has(key) ? headerOf(key) : key,
  });

  const rows: TourLine[] = [];
  for (const { line, cells } of table.rows) {
    const rowErrors: FieldError[] = [];
    const fail = (key: ColumnKey, code: string, params: Record<string, unknown> = {}) =>
      rowErrors.push(problem(line, key, code, params));
    const get = (key: ColumnKey) => (index.has(key) ? (cells[index.get(key)!] ?? '').trim() : '');
    for (const key of index.keys())
      if (looksLikeFormula(cells[index.get(key)!] ?? '')) fail(key, 'past_tours.formula');
    const required = (key: ColumnKey) => {
      const v = get(key);
      if (!v) fail(key, 'past_tours.required');
      return v;
    };
    const date = (key: ColumnKey, needed: boolean) => {
      const v = needed ? required(key) : get(key);
      if (!v) return null;
      if (!validDate(v)) {
        fail(key, 'past_tours.date', { value: v });
        return null;
      }
      if (v > today) {
        fail(key, 'past_tours.future');
        return null;
      }
      return v;
    };

    const badgeNumber = required('badgeNumber');
    const agencyCode = required('agency').toUpperCase();
    if (agencyCode && !ix.agencyCodes.has(agencyCode))
      fail('agency', 'past_tours.unknown_agency', { value: agencyCode });
    const familyName = required('familyName');
    const givenName = required('givenName');
    const genderWord = get('gender').toLowerCase();
    const gender = genderWord ? (genderWords[genderWord] ?? null) : null;
    if (genderWord && !gender) fail('gender', 'past_tours.gender');

    const startDate = date('startDate', true);
    const endDate = date('endDate', false);
    if (startDate && endDate && endDate < startDate) fail('endDate', 'past_tours.end_before_start');

    const missionWritten = required('mission');
    let mission: MissionRef | null = null;
    if (missionWritten && startDate) {
      const match = resolveMission(missionWritten, startDate, ix);
      if (!match.mission) fail('mission', 'past_tours.unknown_mission', { value: missionWritten });
      else {
        mission = match.mission;
        if (!endDate || endDate >= startDate)
          for (const p of missionDateProblems(mission, startDate, endDate, ix))
            fail(p.column, p.code, p.params);
      }
    } else if (missionWritten && !resolveMission(missionWritten, '0000-01-01', ix).mission) {
      // Without a start date the alias cannot be chosen, but an unknown name is still reported.
      fail('mission', 'past_tours.unknown_mission', { value: missionWritten });
    }

    const countryWritten = get('country');
    let countryCode: string | null = null;
    if (countryWritten) {
      const country = resolveCountry(countryWritten, ix);
      if (!country) fail('country', 'past_tours.unknown_country', { value: countryWritten });
      else {
        countryCode = country.code;
        if (mission && startDate) {
          const p = countryProblem(country, mission, startDate, ix);
          // The messages name the country as the file writes it.
          if (p) fail('country', p.code, { ...p.params, value: countryWritten });
        }
      }
    }
    const { postTypeCode, role } = resolvePost(get('post'), ix);
    if (role && role.length > 200) fail('post', 'past_tours.too_long', { maximum: 200 });

    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      agencyCode,
      badgeNumber,
      familyName,
      givenName,
      gender,
      missionWritten,
      mission: mission!,
      countryCode,
      postTypeCode,
      role,
      startDate: startDate!,
      endDate,
    });
  }

  // Across lines: one officer, one name; one tour per officer, mission and start; no overlaps.
  const byOfficer = new Map<string, TourLine[]>();
  for (const r of rows)
    byOfficer.set(officerKeyOf(r), [...(byOfficer.get(officerKeyOf(r)) ?? []), r]);
  for (const tours of byOfficer.values()) {
    const first = tours[0]!;
    for (const r of tours.slice(1)) {
      if (!sameName(r.familyName, first.familyName))
        errors.push(problem(r.line, 'familyName', 'past_tours.name_differs', { line: first.line }));
      if (!sameName(r.givenName, first.givenName))
        errors.push(problem(r.line, 'givenName', 'past_tours.name_differs', { line: first.line }));
    }
    const seen = new Map<string, TourLine>();
    const distinct: TourLine[] = [];
    for (const r of tours) {
      const key = `${r.mission.id}|${r.startDate}`;
      const earlier = seen.get(key);
      if (earlier)
        errors.push(problem(r.line, 'startDate', 'past_tours.duplicate', { line: earlier.line }));
      else {
        seen.set(key, r);
        distinct.push(r);
      }
    }
    for (const { tour, other } of overlappingLines(distinct))
      errors.push(
        problem(tour.line, 'startDate', 'past_tours.overlap_line', {
          line: other.line,
          mission: other.mission.acronym,
        }),
      );
  }
  if (!table.rows.length)
    errors.push({ path: 'file', code: 'past_tours.empty', line: 1, column: '' });
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { rows, errors, columnOf };
}
