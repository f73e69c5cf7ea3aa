import type { IsoDate } from '../../kernel/dates.ts';
import { foldName } from '../officers/rules.ts';

/**
 * Pure rules of the history import (no I/O): how a name written in a file finds its mission or
 * country, when a tour's dates fit its mission, and when two tours of one officer overlap.
 */

/** A name folded for matching: lower case, no accents, punctuation as spaces, single spaces. */
export function nameKey(value: string): string {
  return foldName(value.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface MissionRef {
  id: string;
  code: string;
  acronym: string;
  nameEn: string;
  nameFr: string;
  hostCountryCode: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface MissionAliasRef {
  aliasKey: string;
  missionId: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface CountryRef {
  code: string;
  iso3: string | null;
  nameEn: string;
  nameFr: string;
  dissolvedOn: IsoDate | null;
}

export interface PostTypeRef {
  code: string;
  nameEn: string;
  nameFr: string;
}

export interface References {
  agencyCodes: Iterable<string>;
  missions: MissionRef[];
  missionAliases: MissionAliasRef[];
  countries: CountryRef[];
  countryAliases: Array<{ aliasKey: string; countryCode: string }>;
  successions: Array<{ predecessorCode: string; successorCode: string }>;
  /** Countries besides the host where a mission served, by mission code. */
  otherMissionCountries: Record<string, string[]>;
  postTypes: PostTypeRef[];
}

/** The references, indexed for the lookups of every line. */
export interface ReferenceIndex {
  agencyCodes: Set<string>;
  missionById: Map<string, MissionRef>;
  missionByKey: Map<string, MissionRef>;
  aliasesByKey: Map<string, MissionAliasRef[]>;
  countryByCode: Map<string, CountryRef>;
  countryByKey: Map<string, CountryRef>;
  countryByIso3: Map<string, CountryRef>;
  successorsOf: Map<string, Set<string>>;
  otherMissionCountries: Record<string, string[]>;
  postTypeByKey: Map<string, PostTypeRef>;
}

export function indexReferences(refs: References): ReferenceIndex {
  const missionByKey = new Map<string, MissionRef>();
  for (const m of refs.missions)
    for (const name of [m.nameEn, m.nameFr, m.acronym, m.code]) missionByKey.set(nameKey(name), m);
  const aliasesByKey = new Map<string, MissionAliasRef[]>();
  for (const a of refs.missionAliases)
    aliasesByKey.set(a.aliasKey, [...(aliasesByKey.get(a.aliasKey) ?? []), a]);
  const countryByCode = new Map(refs.countries.map((c) => [c.code, c]));
  const countryByKey = new Map<string, CountryRef>();
  for (const c of refs.countries)
    for (const name of [c.nameEn, c.nameFr]) countryByKey.set(nameKey(name), c);
  for (const a of refs.countryAliases) {
    const c = countryByCode.get(a.countryCode);
    if (c) countryByKey.set(a.aliasKey, c);
  }
  // Successors, transitively: Yugoslavia's include Serbia and Montenegro's.
  const direct = new Map<string, string[]>();
  for (const s of refs.successions)
    direct.set(s.predecessorCode, [...(direct.get(s.predecessorCode) ?? []), s.successorCode]);
  const successorsOf = new Map<string, Set<string>>();
  for (const start of direct.keys()) {
    const seen = new Set<string>();
    const todo = [...(direct.get(start) ?? [])];
    while (todo.length) {
      const next = todo.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...(direct.get(next) ?? []));
    }
    successorsOf.set(start, seen);
  }
  const postTypeByKey = new Map<string, PostTypeRef>();
  for (const p of refs.postTypes)
    for (const name of [p.nameEn, p.nameFr, p.code]) postTypeByKey.set(nameKey(name), p);
  return {
    agencyCodes: new Set(refs.agencyCodes),
    missionById: new Map(refs.missions.map((m) => [m.id, m])),
    missionByKey,
    aliasesByKey,
    countryByCode,
    countryByKey,
    countryByIso3: new Map(refs.countries.filter((c) => c.iso3).map((c) => [c.iso3!, c])),
    successorsOf,
    otherMissionCountries: refs.otherMissionCountries,
    postTypeByKey,
  };
}

const within = (day: IsoDate, from: IsoDate | null, to: IsoDate | null) =>
  (!from || day >= from) && (!to || day <= to);

export const missionCovers = (m: MissionRef, day: IsoDate) => within(day, m.startDate, m.endDate);

export type MissionMatch =
  { mission: MissionRef; via: 'mission' | 'alias' } | { mission: null; problem: 'unknown_mission' };

/**
 * The mission a written name means for a tour starting on `start`. In order: a mission whose code,
 * acronym or name (English or French) it is, when the tour starts within the mission's dates; an
 * alias valid on that day (a French acronym, a component such as IPTF, or the former name of a
 * renamed mission: MONUC from 2010-07-01 is MONUSCO); the mission of that name anyway (its dates
 * are then checked and refused); any alias of that name.
 */
export function resolveMission(written: string, start: IsoDate, ix: ReferenceIndex): MissionMatch {
  const key = nameKey(written);
  const named = ix.missionByKey.get(key);
  if (named && missionCovers(named, start)) return { mission: named, via: 'mission' };
  const aliases = (ix.aliasesByKey.get(key) ?? []).filter((a) => ix.missionById.has(a.missionId));
  const valid = aliases.find((a) => within(start, a.validFrom, a.validTo));
  if (valid) return { mission: ix.missionById.get(valid.missionId)!, via: 'alias' };
  if (named) return { mission: named, via: 'mission' };
  if (aliases[0]) return { mission: ix.missionById.get(aliases[0].missionId)!, via: 'alias' };
  return { mission: null, problem: 'unknown_mission' };
}

/** The mission that took over from `m` and runs on `day`, if any (a dated alias of m's name). */
export function successorOn(m: MissionRef, day: IsoDate, ix: ReferenceIndex): MissionRef | null {
  for (const name of [m.acronym, m.code]) {
    for (const a of ix.aliasesByKey.get(nameKey(name)) ?? []) {
      const s = ix.missionById.get(a.missionId);
      if (s && s.id !== m.id && a.validFrom && within(day, a.validFrom, a.validTo))
        if (missionCovers(s, day)) return s;
    }
  }
  return null;
}

export interface DateProblem {
  column: 'startDate' | 'endDate';
  code: string;
  params: Record<string, unknown>;
}

/**
 * Does the tour fit its mission's dates? It must start within them; it may end after the mission
 * only when a successor took over (a tour that spans a renaming stays under the mission it
 * started in). An empty end date is allowed only for a mission that has ended (the tour ended by
 * then, day unknown): a tour with no end in a running mission would still be running, so it is a
 * deployment, not history.
 */
export function missionDateProblems(
  m: MissionRef,
  start: IsoDate,
  end: IsoDate | null,
  ix: ReferenceIndex,
): DateProblem[] {
  const params = { mission: m.acronym, start: m.startDate, end: m.endDate ?? '' };
  if (start < m.startDate)
    return [{ column: 'startDate', code: 'past_tours.before_mission', params }];
  if (m.endDate && start > m.endDate)
    return [{ column: 'startDate', code: 'past_tours.after_mission', params }];
  if (!end && !m.endDate) return [{ column: 'endDate', code: 'past_tours.end_required', params }];
  if (end && m.endDate && end > m.endDate && !successorOn(m, end, ix))
    return [{ column: 'endDate', code: 'past_tours.after_mission', params }];
  return [];
}

/** The country a written value means: ISO alpha-2, a name or former name, or ISO alpha-3. */
export function resolveCountry(written: string, ix: ReferenceIndex): CountryRef | null {
  const value = written.trim();
  if (/^[A-Za-z]{2}$/.test(value)) return ix.countryByCode.get(value.toUpperCase()) ?? null;
  const named = ix.countryByKey.get(nameKey(value));
  if (named) return named;
  if (/^[A-Za-z]{3}$/.test(value)) return ix.countryByIso3.get(value.toUpperCase()) ?? null;
  return null;
}

/**
 * Does the country fit the tour? It must be the mission's host country (or another country the
 * mission served in), or a dissolved state one of whose successors that is. A dissolved state is
 * kept as written (history keeps the name of the day) for a tour that began before it ceased to
 * exist; a tour that began on or after that day is refused (name the successor instead).
 */
export function countryProblem(
  c: CountryRef,
  m: MissionRef,
  start: IsoDate,
  ix: ReferenceIndex,
): { code: string; params: Record<string, unknown> } | null {
  if (c.dissolvedOn && start >= c.dissolvedOn)
    return {
      code: 'past_tours.country_dissolved',
      params: { country: c.code, dissolvedOn: c.dissolvedOn },
    };
  const served = [m.hostCountryCode, ...(ix.otherMissionCountries[m.code] ?? [])];
  if (served.includes(c.code)) return null;
  const successors = ix.successorsOf.get(c.code);
  if (c.dissolvedOn && successors && served.some((s) => successors.has(s))) return null;
  return {
    code: 'past_tours.country_mismatch',
    params: { mission: m.acronym, host: m.hostCountryCode, country: c.code },
  };
}

/** The days a tour occupies for the overlap rule: an unknown end counts as its first day only. */
export function spanOf(t: { startDate: IsoDate; endDate: IsoDate | null }): [IsoDate, IsoDate] {
  return [t.startDate, t.endDate ?? t.startDate];
}

/** Two spans share at least one day (both ends inclusive). */
export function overlaps(a: [IsoDate, IsoDate], b: [IsoDate, IsoDate]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/**
 * Within one officer's tours (in file order), the pairs that overlap: each later line against an
 * earlier one it overlaps (by start date, then line). Sweep by start date: O(n log n).
 */
export function overlappingLines<
  T extends { line: number; startDate: IsoDate; endDate: IsoDate | null },
>(tours: T[]): Array<{ tour: T; other: T }> {
  const sorted = [...tours].sort((a, b) =>
    a.startDate === b.startDate ? a.line - b.line : a.startDate < b.startDate ? -1 : 1,
  );
  const out: Array<{ tour: T; other: T }> = [];
  let reach: T | null = null;
  for (const t of sorted) {
    if (reach && spanOf(reach)[1] >= t.startDate) out.push({ tour: t, other: reach });
    if (!reach || spanOf(t)[1] > spanOf(reach)[1]) reach = t;
  }
  return out;
}

/** The same person's name, ignoring case, accents, spaces and hyphens (Côté = COTE). */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** A post as written: a post type (by code or name, either language), or the words of a role. */
export function resolvePost(
  written: string,
  ix: ReferenceIndex,
): { postTypeCode: string | null; role: string | null } {
  const value = written.trim();
  if (!value) return { postTypeCode: null, role: null };
  const type = ix.postTypeByKey.get(nameKey(value));
  if (type) return { postTypeCode: type.code, role: type.code === value ? type.nameEn : value };
  return { postTypeCode: null, role: value };
}
