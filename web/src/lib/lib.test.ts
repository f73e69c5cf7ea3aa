import { describe, expect, it } from 'vitest';
import {
  byName,
  formatDate,
  formatNumber,
  monthTicks,
  nameIn,
  todayIso,
  tourEndOf,
} from './format.ts';
import { pageNumbers } from './paging.ts';
import { langOfPath, otherLanguageHref, safeNext } from './lang.ts';

describe('language of a path', () => {
  it('reads the first segment, English otherwise', () => {
    expect(langOfPath('/fr/missions')).toBe('fr');
    expect(langOfPath('/en/')).toBe('en');
    expect(langOfPath('/')).toBe('en');
    expect(langOfPath('/de/x')).toBe('en');
  });

  it('links to the same page in the other language', () => {
    expect(otherLanguageHref('/en/missions/42', '', '', 'en')).toBe('/fr/missions/42');
    expect(otherLanguageHref('/fr/sign-in', '?next=%2Fagencies', '', 'fr')).toBe(
      '/en/sign-in?next=%2Fagencies',
    );
    expect(otherLanguageHref('/en', '', '', 'en')).toBe('/fr/');
  });
});

describe('where to go after signing in', () => {
  it('keeps paths inside the app', () => {
    expect(safeNext('/agencies')).toBe('/agencies');
    expect(safeNext('/missions/1?x=2')).toBe('/missions/1?x=2');
  });

  it('refuses other sites and odd values', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'agencies',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

describe('formatting', () => {
  it('writes calendar dates as each language does, whatever the time zone', () => {
    expect(formatDate('en', '2013-04-25')).toBe('April 25, 2013');
    expect(formatDate('fr', '2013-04-25')).toBe('25 avril 2013');
    expect(formatDate('fr', '1989-04-01')).toBe('1er avril 1989');
    expect(formatDate('en', '1989-04-01')).toBe('April 1, 1989');
  });

  it('names and sorts bilingual records in the page language', () => {
    const rows = [
      { nameEn: 'Ontario Provincial Police', nameFr: 'Police provinciale de l’Ontario' },
      { nameEn: 'Sûreté du Québec', nameFr: 'Sûreté du Québec' },
      { nameEn: 'Royal Canadian Mounted Police', nameFr: 'Gendarmerie royale du Canada' },
    ];
    expect([...rows].sort(byName('fr')).map((r) => nameIn('fr', r))).toEqual([
      'Gendarmerie royale du Canada',
      'Police provinciale de l’Ontario',
      'Sûreté du Québec',
    ]);
    expect(nameIn('en', rows[2]!)).toBe('Royal Canadian Mounted Police');
  });
});

describe('numbers and tours', () => {
  it('writes numbers as each language does', () => {
    expect(formatNumber('en', 4000)).toBe('4,000');
    expect(formatNumber('fr', 4000)).toMatch(/^4\s000$/);
  });

  it('ends a tour the day before the same date, months later', () => {
    expect(tourEndOf('2026-01-15', 12)).toBe('2027-01-14');
    expect(tourEndOf('2026-03-01', 6)).toBe('2026-08-31');
    expect(tourEndOf('', 12)).toBe('');
  });

  it("writes today's date as YYYY-MM-DD where the user is", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('marks a time axis more sparsely as the range grows', () => {
    expect(monthTicks('2026-01-15', '2026-04-30')).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(monthTicks('2025-11-01', '2027-02-01')).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
      '2027-01-01',
    ]);
    expect(monthTicks('2019-07-15', '2023-06-30')).toEqual([
      '2020-01-01',
      '2021-01-01',
      '2022-01-01',
      '2023-01-01',
    ]);
  });
});

describe('pagination', () => {
  it('offers the first, the last and the pages around the current one', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 3)).toEqual([1, 2, 3]);
    expect(pageNumbers(6, 12)).toEqual([1, 'gap', 4, 5, 6, 7, 8, 'gap', 12]);
    expect(pageNumbers(12, 12)).toEqual([1, 'gap', 10, 11, 12]);
  });
});
