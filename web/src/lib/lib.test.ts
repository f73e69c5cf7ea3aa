import { describe, expect, it } from 'vitest';
import { byName, formatDate, nameIn } from './format.ts';
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
