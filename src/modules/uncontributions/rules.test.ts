import { describe, expect, it } from 'vitest';
import {
  crossFlags,
  figureColumns,
  indexHeaders,
  isMonthEnd,
  monthEndOf,
  normaliseMissionCode,
  parseFigure,
  parseLine,
  requiredHeaders,
  rowFlags,
  womenShare,
  type ContributionRow,
} from './rules.ts';

const { index } = indexHeaders(requiredHeaders);
const known = new Set(['MINUSMA', 'UNMISS', 'MONUSCO']);

/** A line in the file's layout: date, contributor, ISO-3, mission, then the 15 figures. */
function cells(
  month: string,
  contributor: string,
  iso: string,
  mission: string,
  figures: string[],
) {
  return [month, contributor, iso, mission, ...figures];
}
const NA3 = ['NA', 'NA', 'NA'];
function row(line: number, c: string[]): ContributionRow {
  const { row: r, errors } = parseLine(line, c, index);
  expect(errors).toEqual([]);
  return r!;
}

describe('UN contribution rules', () => {
  it('normalises only stray punctuation at the ends of a mission code', () => {
    expect(normaliseMissionCode("UNMISS'")).toBe('UNMISS');
    expect(normaliseMissionCode(' ‘MINUSMA’. ')).toBe('MINUSMA');
    expect(normaliseMissionCode('EUCAP-SAHEL-MALI')).toBe('EUCAP-SAHEL-MALI');
    expect(normaliseMissionCode('Minusma')).toBe('Minusma');
    expect(normaliseMissionCode('all')).toBe('all');
  });

  it('reads NA as null, 0 as 0, and refuses what is not a whole number', () => {
    expect(parseFigure('NA')).toBeNull();
    expect(parseFigure('0')).toBe(0);
    expect(parseFigure(' 42 ')).toBe(42);
    for (const bad of ['', 'na', '-1', '1.5', '1,200', 'x'])
      expect(parseFigure(bad)).toBeUndefined();
  });

  it('accepts a month end only', () => {
    expect(isMonthEnd('2015-01-31')).toBe(true);
    expect(isMonthEnd('2016-02-29')).toBe(true);
    expect(isMonthEnd('2015-02-29')).toBe(false);
    expect(isMonthEnd('2015-02-15')).toBe(false);
    expect(isMonthEnd('31/01/2015')).toBe(false);
    expect(isMonthEnd('2015-13-31')).toBe(false);
    expect(monthEndOf('2015-02')).toBe('2015-02-28');
    expect(monthEndOf('2016-02')).toBe('2016-02-29');
    expect(monthEndOf('2015-12')).toBe('2015-12-31');
  });

  it('names the missing columns of a header', () => {
    const { errors } = indexHeaders(requiredHeaders.filter((h) => h !== 'Troops_Female'));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'Troops_Female',
        code: 'un_import.column_missing',
      }),
    ]);
    expect(figureColumns).toHaveLength(15);
  });

  it('parses a line exactly as reported, and lists every unreadable cell by column', () => {
    const r = row(
      5,
      cells('2015-01-31', 'Norway', 'NOR', "UNMISS'", [
        '7',
        '0',
        '7',
        ...NA3,
        ...NA3,
        ...NA3,
        '7',
        '0',
        '7',
      ]),
    );
    expect(r).toMatchObject({
      line: 5,
      month: '2015-01-31',
      contributor: 'Norway',
      contributorIso3: 'NOR',
      mission: 'UNMISS',
      missionRaw: "UNMISS'",
      aggregate: false,
      policeMale: 7,
      policeFemale: 0,
      fpuMale: null,
      totalTotal: 7,
    });
    const bad = parseLine(
      9,
      cells('2015-01-30', 'Norway', 'NOR', 'UNMISS', [
        '7',
        'x',
        '7',
        ...NA3,
        ...NA3,
        ...NA3,
        '7',
        '1.5',
        '7',
      ]),
      index,
    );
    expect(bad.row).toBeNull();
    expect(bad.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual([
      '9:Date:un_import.date',
      '9:Individual_Police_Female:un_import.figure',
      '9:Total_Female:un_import.figure',
    ]);
  });

  it('flags a total that disagrees with men + women, a Total_* off the sum of types, a stripped or unknown code', () => {
    const r = row(
      3,
      cells('2015-01-31', 'Senegal', 'SEN', 'MINUSTAH.', [
        '5',
        '2',
        '8',
        ...NA3,
        'NA',
        '1',
        '1',
        ...NA3,
        '5',
        '3',
        '9',
      ]),
    );
    // Men + women of the police disagree with their total.
    expect(rowFlags(r, known)).toEqual([
      { line: 3, kind: 'mission_normalised', details: { raw: 'MINUSTAH.', code: 'MINUSTAH' } },
      { line: 3, kind: 'unknown_mission', details: { code: 'MINUSTAH' } },
      {
        line: 3,
        kind: 'total_mismatch',
        details: { type: 'Individual_Police', male: 5, female: 2, total: 8 },
      },
      // The Total_* columns add up over the types, so they carry the same disagreement.
      { line: 3, kind: 'total_mismatch', details: { type: 'Total', male: 5, female: 3, total: 9 } },
    ]);
  });

  it('keeps a consistent row unflagged, with NA counted as none', () => {
    const r = row(
      4,
      cells('2015-01-31', 'Jordan', 'JOR', 'MINUSMA', [
        '37',
        '14',
        '51',
        ...NA3,
        ...NA3,
        ...NA3,
        '37',
        '14',
        '51',
      ]),
    );
    expect(rowFlags(r, known)).toEqual([]);
    const off = row(
      5,
      cells('2015-01-31', 'Senegal', 'SEN', 'MINUSMA', [
        '0',
        '0',
        '0',
        ...NA3,
        ...NA3,
        '20',
        '10',
        '30',
        '62',
        '12',
        '74',
      ]),
    );
    expect(rowFlags(off, known)).toEqual([
      {
        line: 5,
        kind: 'types_sum_mismatch',
        details: { column: 'Total_Male', reported: 62, sum: 20 },
      },
      {
        line: 5,
        kind: 'types_sum_mismatch',
        details: { column: 'Total_Female', reported: 12, sum: 10 },
      },
      {
        line: 5,
        kind: 'types_sum_mismatch',
        details: { column: 'Total_Total', reported: 74, sum: 30 },
      },
    ]);
  });

  it('flags aggregates that do not match the sum of their parts, and duplicates', () => {
    const police = (m: number, f: number) => [
      String(m),
      String(f),
      String(m + f),
      ...NA3,
      ...NA3,
      ...NA3,
      String(m),
      String(f),
      String(m + f),
    ];
    const rows = [
      row(2, cells('2015-01-31', 'all', 'all', 'all', police(30, 10))),
      row(3, cells('2015-01-31', 'Norway', 'NOR', 'all', police(10, 5))),
      row(4, cells('2015-01-31', 'all', 'all', 'MINUSMA', police(21, 5))),
      row(5, cells('2015-01-31', 'Norway', 'NOR', 'MINUSMA', police(7, 3))),
      row(6, cells('2015-01-31', 'Norway', 'NOR', 'UNMISS', police(3, 2))),
      row(7, cells('2015-01-31', 'Senegal', 'SEN', 'MINUSMA', police(13, 2))),
      row(8, cells('2015-01-31', 'Senegal', 'SEN', 'MINUSMA', police(0, 0))),
      // Another month: its own sums.
      row(9, cells('2015-02-28', 'Norway', 'NOR', 'all', police(1, 1))),
      row(10, cells('2015-02-28', 'Norway', 'NOR', 'UNMISS', police(1, 1))),
    ];
    const flags = crossFlags(rows);
    // Line 2 (all/all): 30/10 vs 23/7 over the four detail rows of the month.
    expect(flags.filter((f) => f.line === 2).map((f) => f.details)).toEqual([
      { column: 'Individual_Police_Male', reported: 30, sum: 23, parts: 4 },
      { column: 'Individual_Police_Female', reported: 10, sum: 7, parts: 4 },
      { column: 'Individual_Police_Total', reported: 40, sum: 30, parts: 4 },
      { column: 'Total_Male', reported: 30, sum: 23, parts: 4 },
      { column: 'Total_Female', reported: 10, sum: 7, parts: 4 },
      { column: 'Total_Total', reported: 40, sum: 30, parts: 4 },
    ]);
    // Line 3 (Norway, all) matches its two missions; line 4 (all, MINUSMA): 26 vs 25 men+women.
    expect(flags.filter((f) => f.line === 3)).toEqual([]);
    expect(flags.filter((f) => f.line === 4).map((f) => f.details.column)).toEqual([
      'Individual_Police_Male',
      'Individual_Police_Total',
      'Total_Male',
      'Total_Total',
    ]);
    expect(flags.filter((f) => f.line === 4)[0]!.details).toEqual({
      column: 'Individual_Police_Male',
      reported: 21,
      sum: 20,
      parts: 3,
    });
    expect(flags.filter((f) => f.kind === 'duplicate')).toEqual([
      { line: 8, kind: 'duplicate', details: { firstLine: 7 } },
    ]);
    expect(flags.filter((f) => f.line >= 9)).toEqual([]);
    expect(flags.every((f) => f.kind === 'duplicate' || f.kind === 'aggregate_mismatch')).toBe(
      true,
    );
  });

  it('computes women’s share of a total', () => {
    expect(womenShare(9, 45)).toBe(20);
    expect(womenShare(1, 3)).toBe(33.3);
    expect(womenShare(null, 45)).toBeNull();
    expect(womenShare(0, 0)).toBeNull();
    expect(womenShare(0, null)).toBeNull();
  });
});
