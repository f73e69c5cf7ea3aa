import { describe, expect, it } from 'vitest';
import { agencies } from '../reference/data/agencies.ts';
import { countryRows } from '../reference/data/countries.ts';
import { missionRows } from '../reference/data/missions.ts';
import { postTypes } from '../reference/data/roles.ts';
import {
  countryAliasRows,
  countrySuccessionRows,
  missionAliasRows,
  otherMissionCountries,
} from './aliases.ts';
import { templateCsv } from './format.ts';
import {
  countryProblem,
  indexReferences,
  missionDateProblems,
  nameKey,
  overlappingLines,
  resolveCountry,
  resolveMission,
  resolvePost,
  sameName,
} from './rules.ts';
import { validateLines } from './validate.ts';
import type { Table } from '../officers/import-file.ts';

// The real reference data, with each mission's code as its id.
const ix = indexReferences({
  agencyCodes: agencies.map((a) => a.code),
  missions: missionRows().map((m) => ({ ...m, id: m.code })),
  missionAliases: missionAliasRows.map((a) => ({
    aliasKey: nameKey(a.alias),
    missionId: a.mission,
    validFrom: a.validFrom ?? null,
    validTo: a.validTo ?? null,
  })),
  countries: countryRows(),
  countryAliases: countryAliasRows.map((a) => ({
    aliasKey: nameKey(a.alias),
    countryCode: a.country,
  })),
  successions: countrySuccessionRows.flatMap((s) =>
    s.successors.map((successorCode) => ({ predecessorCode: s.predecessor, successorCode })),
  ),
  otherMissionCountries,
  postTypes,
});
const mission = (code: string) => ix.missionById.get(code)!;
const resolved = (name: string, start: string) => resolveMission(name, start, ix).mission?.code;

describe('the mapping data', () => {
  it('names only missions and countries of the reference data', () => {
    for (const a of missionAliasRows) expect(ix.missionById.has(a.mission), a.alias).toBe(true);
    for (const a of countryAliasRows) expect(ix.countryByCode.has(a.country), a.alias).toBe(true);
    for (const s of countrySuccessionRows)
      for (const c of [s.predecessor, ...s.successors])
        expect(ix.countryByCode.has(c), c).toBe(true);
    for (const code of Object.keys(otherMissionCountries))
      expect(ix.missionById.has(code)).toBe(true);
  });

  it('starts each succession on a day its successor runs', () => {
    for (const a of missionAliasRows.filter((r) => r.validFrom)) {
      const m = mission(a.mission);
      expect(
        m.startDate <= a.validFrom! && (!m.endDate || a.validFrom! <= m.endDate),
        a.alias,
      ).toBe(true);
    }
  });
});

describe('finding the mission a name means', () => {
  it('takes codes, acronyms and names in either language, ignoring case and accents', () => {
    expect(resolved('minustah', '2010-01-01')).toBe('MINUSTAH');
    expect(resolved('UNAVEM II', '1993-01-01')).toBe('UNAVEM-II');
    expect(resolved('unavem-ii', '1993-01-01')).toBe('UNAVEM-II');
    expect(resolved('Mission des Nations Unies pour la stabilisation en Haïti', '2010-01-01')).toBe(
      'MINUSTAH',
    );
  });

  it('maps French acronyms and components', () => {
    expect(resolved('MINUAR', '1994-08-01')).toBe('UNAMIR');
    expect(resolved('IPTF', '1998-01-01')).toBe('UNMIBH');
    expect(resolved('FORPRONU', '1993-01-01')).toBe('UNPROFOR');
  });

  it('maps the former name of a renamed mission by the tour start', () => {
    expect(resolved('MONUC', '2009-05-01')).toBe('MONUC');
    expect(resolved('MONUC', '2011-05-01')).toBe('MONUSCO');
    expect(resolved('MINUSTAH', '2018-01-10')).toBe('MINUJUSTH');
    expect(resolved('UNMIH', '1996-09-01')).toBe('UNSMIH');
  });

  it('gives a name used outside every date its own mission (refused by the date rule)', () => {
    expect(resolved('UNTAG', '1992-01-01')).toBe('UNTAG');
    expect(resolveMission('UNKNOWNMIS', '1992-01-01', ix)).toEqual({
      mission: null,
      problem: 'unknown_mission',
    });
  });
});

describe('a tour within its mission’s dates', () => {
  const problems = (code: string, start: string, end: string | null) =>
    missionDateProblems(mission(code), start, end, ix).map((p) => `${p.column}:${p.code}`);

  it('accepts a tour within the mission', () => {
    expect(problems('UNMIH', '1995-03-01', '1996-02-28')).toEqual([]);
  });

  it('refuses a start before or after the mission', () => {
    expect(problems('UNTAG', '1989-01-01', '1989-12-31')).toEqual([
      'startDate:past_tours.before_mission',
    ]);
    expect(problems('UNTAG', '1990-06-01', '1990-12-31')).toEqual([
      'startDate:past_tours.after_mission',
    ]);
  });

  it('lets a tour run past a renaming, but not past a plain end', () => {
    expect(problems('MINUSTAH', '2017-03-01', '2018-02-28')).toEqual([]);
    expect(problems('UNTAG', '1989-10-01', '1990-06-01')).toEqual([
      'endDate:past_tours.after_mission',
    ]);
  });

  it('needs an end date only while the mission runs', () => {
    expect(problems('UNTAG', '1989-10-01', null)).toEqual([]);
    expect(problems('MONUSCO', '2015-01-01', null)).toEqual(['endDate:past_tours.end_required']);
  });
});

describe('countries', () => {
  it('reads ISO codes, names and former names', () => {
    expect(resolveCountry('ht', ix)?.code).toBe('HT');
    expect(resolveCountry('Haïti', ix)?.code).toBe('HT');
    expect(resolveCountry('HTI', ix)?.code).toBe('HT');
    expect(resolveCountry('Zaïre', ix)?.code).toBe('ZR');
    expect(resolveCountry('Federal Republic of Yugoslavia', ix)?.code).toBe('YU');
    expect(resolveCountry('Serbie-et-Monténégro', ix)?.code).toBe('CS');
    expect(resolveCountry('East Timor', ix)?.code).toBe('TL');
    expect(resolveCountry('Atlantis', ix)).toBeNull();
  });

  const check = (country: string, code: string, start: string) =>
    countryProblem(resolveCountry(country, ix)!, mission(code), start, ix)?.code ?? null;

  it('accepts the host country and the other countries a mission served in', () => {
    expect(check('HT', 'UNMIH', '1995-03-01')).toBeNull();
    expect(check('BA', 'UNPROFOR', '1993-03-01')).toBeNull();
    expect(check('ML', 'UNMIH', '1995-03-01')).toBe('past_tours.country_mismatch');
  });

  it('accepts a dissolved state before its end, for a mission in a successor', () => {
    expect(check('Yugoslavia', 'UNPROFOR', '1993-03-01')).toBeNull();
    expect(check('Yugoslavia', 'UNMIK', '2001-03-01')).toBeNull();
    expect(check('Serbia and Montenegro', 'UNMIK', '2004-03-01')).toBeNull();
    expect(check('Zaire', 'UNTAG', '1989-10-01')).toBe('past_tours.country_mismatch');
  });

  it('refuses a dissolved state for a tour that began after it ceased to exist', () => {
    expect(check('Zaire', 'MONUC', '2001-01-01')).toBe('past_tours.country_dissolved');
    expect(check('Yugoslavia', 'UNMIK', '2003-06-01')).toBe('past_tours.country_dissolved');
  });
});

describe('overlaps, names and posts', () => {
  const t = (line: number, startDate: string, endDate: string | null) => ({
    line,
    startDate,
    endDate,
  });

  it('finds each tour that overlaps an earlier one, whatever the file order', () => {
    const found = overlappingLines([
      t(2, '2000-01-01', '2000-12-31'),
      t(3, '2003-01-01', '2003-06-30'),
      t(4, '2000-12-31', '2001-06-30'),
      t(5, '1999-01-01', '2005-01-01'),
      t(6, '2006-01-01', null),
      t(7, '2006-01-02', '2006-03-01'),
    ]);
    expect(found.map(({ tour, other }) => [tour.line, other.line])).toEqual([
      [2, 5],
      [4, 5],
      [3, 5],
    ]);
  });

  it('compares names without case, accents or hyphens', () => {
    expect(sameName('Côté', 'COTE')).toBe(true);
    expect(sameName('Marie-Ève', 'marie eve')).toBe(true);
    expect(sameName('Côté', 'Coté-Roy')).toBe(false);
  });

  it('reads a post type by code or name, else keeps the words', () => {
    expect(resolvePost('trainer', ix)).toEqual({ postTypeCode: 'trainer', role: 'Trainer' });
    expect(resolvePost('Formateur', ix)).toEqual({ postTypeCode: 'trainer', role: 'Formateur' });
    expect(resolvePost('Police monitor', ix)).toEqual({
      postTypeCode: null,
      role: 'Police monitor',
    });
  });
});

describe('checking the lines of a file', () => {
  const header = templateCsv().split('\r\n')[0]!.split(',');
  const table = (...rows: string[][]): Table => ({
    headers: header,
    rows: rows.map((cells, i) => ({ line: i + 2, cells })),
  });
  const line = (over: Partial<Record<string, string>> = {}) => {
    const base: Record<string, string> = {
      badge_number: '1001',
      agency: 'RCMP',
      family_name: 'Tremblay',
      given_name: 'Louise',
      gender: 'woman',
      mission: 'UNMIH',
      country: 'HT',
      post: 'trainer',
      start_date: '1995-03-01',
      end_date: '1996-02-28',
    };
    return header.map((h) => over[h] ?? base[h]!);
  };
  const codes = (t: Table) =>
    validateLines(t, ix, '2026-01-01').errors.map((e) => `${e.line}:${e.column}:${e.code}`);

  it('accepts the template’s sample line', () => {
    const [, sample] = templateCsv().split('\r\n');
    const { rows, errors } = validateLines(table(sample!.split(',')), ix, '2026-01-01');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      mission: { code: 'UNMIH' },
      postTypeCode: 'individual_police_officer',
    });
  });

  it('lists every problem of every line, by line and column as in the file', () => {
    expect(
      codes(
        table(
          line(),
          line({ badge_number: '', start_date: '1995-13-01', agency: 'XX' }),
          line({
            badge_number: '1002',
            mission: 'MONUC',
            country: 'Zaire',
            start_date: '2001-01-01',
            end_date: '2001-12-31',
          }),
          line({ badge_number: '1003', gender: 'q', end_date: '2030-01-01' }),
        ),
      ),
    ).toEqual([
      '3:badge_number:past_tours.required',
      '3:agency:past_tours.unknown_agency',
      '3:start_date:past_tours.date',
      '4:country:past_tours.country_dissolved',
      '5:gender:past_tours.gender',
      '5:end_date:past_tours.future',
    ]);
  });

  it('refuses a duplicate, an overlap and two names for one officer across lines', () => {
    expect(
      codes(
        table(
          line(),
          line({ end_date: '1996-03-31' }),
          line({ start_date: '1996-01-01', end_date: '1996-05-31' }),
          line({
            given_name: 'Lise',
            mission: 'MIPONUH',
            start_date: '1998-01-01',
            end_date: '1998-06-30',
          }),
        ),
      ),
    ).toEqual([
      '3:start_date:past_tours.duplicate',
      '4:start_date:past_tours.overlap_line',
      '5:given_name:past_tours.name_differs',
    ]);
  });

  it('names a missing column in both languages, and accepts French headers', () => {
    const t = table(line());
    expect(codes({ ...t, headers: header.filter((h) => h !== 'mission') })).toEqual([
      '1:mission:past_tours.column_missing',
    ]);
    const french = [
      'matricule',
      'service',
      'nom',
      'prenom',
      'genre',
      'mission',
      'pays',
      'poste',
      'date_debut',
      'date_fin',
    ];
    expect(codes({ ...t, headers: french })).toEqual([]);
  });
});
