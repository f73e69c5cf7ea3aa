import type { IsoDate } from '../../kernel/dates.ts';
import { yearsOfService } from '../officers/rules.ts';
import type { Gender, QualificationKind } from '../officers/schema.ts';

/**
 * Screening: the UN's minimums and the post's own requirements, checked for one applicant and
 * one post. Each rule answers pass, fail or unknown (the record does not say) with a reason the
 * applicant and staff read in their language: a message key under `screening.` and its values.
 * Pure: the thresholds come in as configuration, the facts as plain data.
 */

export type Outcome = 'pass' | 'fail' | 'unknown';

export const screeningRules = [
  'age',
  'service',
  'language',
  'driving',
  'firearms',
  'rank',
  'specialisation',
  'women_sought',
  'record',
  'medical',
  'security_clearance',
  'passport',
] as const;
export type ScreeningRule = (typeof screeningRules)[number];

export interface RuleResult {
  rule: ScreeningRule;
  outcome: Outcome;
  /** Message key (`screening.<rule>.<outcome or case>`) and its values. */
  reason: string;
  params: Record<string, string | number>;
}

/** Thresholds: configuration (SCREENING_* variables), defaults from the UN's minimums. */
export interface ScreeningThresholds {
  minAge: number;
  maxAge: number;
  minServiceYears: number;
  /** Language tests pass at this score (percent). */
  languagePassMark: number;
  minDrivingYears: number;
}

export const unMinimums: ScreeningThresholds = {
  minAge: 25,
  maxAge: 62,
  minServiceYears: 5,
  languagePassMark: 60,
  minDrivingYears: 1,
};

export interface ApplicantFacts {
  gender: Gender;
  dateOfBirth: IsoDate | null;
  serviceStart: IsoDate;
  /** Position of the officer's rank on the common scale. */
  rankOrdinal: number;
  recordFlag: boolean;
  qualifications: Array<{
    kind: QualificationKind;
    code: string;
    score: number | null;
    passed: boolean | null;
    obtainedOn: IsoDate;
    expiresOn: IsoDate | null;
  }>;
}

export interface PostFacts {
  tourStart: IsoDate;
  tourEnd: IsoDate;
  /** The mission's working language (en or fr). */
  workingLanguage: string;
  armed: boolean;
  /** Other languages the post asks for, with their minimum score. */
  languages: Array<{ language: string; minScore: number }>;
  minRank: { code: string; ordinal: number } | null;
  minYearsService: number | null;
  /** Specialisations or skills the post requires (its team's, and those listed). */
  specialisations: string[];
  womenSought: boolean;
}

const result = (
  rule: ScreeningRule,
  outcome: Outcome,
  reason: string,
  params: Record<string, string | number> = {},
): RuleResult => ({ rule, outcome, reason: `screening.${rule}.${reason}`, params });

/** Whole years from one date to another (an age, years held). */
const wholeYears = yearsOfService;

/** The best qualification of a kind (and code) that is valid on a date: not expired. */
function validOn<Q extends ApplicantFacts['qualifications'][number]>(
  qualifications: Q[],
  on: IsoDate,
): Q[] {
  return qualifications.filter((q) => q.obtainedOn <= on && (!q.expiresOn || q.expiresOn >= on));
}

function languageRule(
  facts: ApplicantFacts,
  language: string,
  minScore: number,
  on: IsoDate,
): RuleResult {
  const tests = facts.qualifications.filter((q) => q.kind === 'language' && q.code === language);
  if (!tests.length) return result('language', 'unknown', 'no_result', { language, minScore });
  const best = Math.max(...validOn(tests, on).map((q) => q.score ?? 0), -1);
  if (best < 0) return result('language', 'unknown', 'expired', { language, minScore });
  return best >= minScore
    ? result('language', 'pass', 'pass', { language, score: best, minScore })
    : result('language', 'fail', 'fail', { language, score: best, minScore });
}

/** A document that must be valid through the end of the tour. */
function validThrough(
  rule: 'medical' | 'security_clearance' | 'passport',
  facts: ApplicantFacts,
  post: PostFacts,
): RuleResult {
  const held = facts.qualifications.filter((q) => q.kind === rule && q.passed !== false);
  if (!held.length) return result(rule, 'unknown', 'missing');
  const latest = held.reduce((a, b) =>
    (a.expiresOn ?? '9999-12-31') >= (b.expiresOn ?? '9999-12-31') ? a : b,
  );
  if (!latest.expiresOn || latest.expiresOn >= post.tourEnd)
    return result(rule, 'pass', 'pass', { tourEnd: post.tourEnd });
  return result(rule, 'fail', 'expires', { expiresOn: latest.expiresOn, tourEnd: post.tourEnd });
}

/** Every rule for one applicant and one post, in a fixed order. */
export function screen(
  facts: ApplicantFacts,
  post: PostFacts,
  thresholds: ScreeningThresholds,
): RuleResult[] {
  const t = thresholds;
  const start = post.tourStart;
  const results: RuleResult[] = [];

  // Age on the tour start: 25 to 62 inclusive.
  if (!facts.dateOfBirth)
    results.push(result('age', 'unknown', 'missing', { minAge: t.minAge, maxAge: t.maxAge }));
  else {
    const age = wholeYears(facts.dateOfBirth, start);
    const params = { age, minAge: t.minAge, maxAge: t.maxAge };
    results.push(
      age < t.minAge
        ? result('age', 'fail', 'too_young', params)
        : age > t.maxAge
          ? result('age', 'fail', 'too_old', params)
          : result('age', 'pass', 'pass', params),
    );
  }

  // Years of police service on the tour start: the UN's minimum, or the post's if higher.
  const minYears = Math.max(t.minServiceYears, post.minYearsService ?? 0);
  const years = wholeYears(facts.serviceStart, start);
  results.push(
    years >= minYears
      ? result('service', 'pass', 'pass', { years, minYears })
      : result('service', 'fail', 'fail', { years, minYears }),
  );

  // The mission's working language at the pass mark (or the post's higher minimum), then any
  // other language the post asks for.
  const asked = new Map<string, number>([[post.workingLanguage, t.languagePassMark]]);
  for (const l of post.languages)
    asked.set(l.language, Math.max(asked.get(l.language) ?? 0, l.minScore, t.languagePassMark));
  for (const [language, minScore] of asked)
    results.push(languageRule(facts, language, minScore, start));

  // A driving licence held at least a year on the tour start.
  const licences = facts.qualifications.filter((q) => q.kind === 'driving_licence');
  if (!licences.length) results.push(result('driving', 'unknown', 'missing'));
  else {
    const since = licences.map((q) => q.obtainedOn).sort()[0]!;
    const held = wholeYears(since, start);
    const valid = validOn(licences, start).length > 0;
    results.push(
      !valid
        ? result('driving', 'fail', 'expired', { minYears: t.minDrivingYears })
        : held >= t.minDrivingYears
          ? result('driving', 'pass', 'pass', { years: held, minYears: t.minDrivingYears })
          : result('driving', 'fail', 'too_recent', { since, minYears: t.minDrivingYears }),
    );
  }

  // Firearms: only for an armed mission, valid on the tour start.
  if (!post.armed) results.push(result('firearms', 'pass', 'not_required'));
  else {
    const firearms = facts.qualifications.filter(
      (q) => q.kind === 'firearms' && q.passed !== false,
    );
    results.push(
      !firearms.length
        ? result('firearms', 'unknown', 'missing')
        : validOn(firearms, start).length
          ? result('firearms', 'pass', 'pass')
          : result('firearms', 'fail', 'expired'),
    );
  }

  // Rank on the common scale.
  if (!post.minRank) results.push(result('rank', 'pass', 'not_required'));
  else
    results.push(
      facts.rankOrdinal >= post.minRank.ordinal
        ? result('rank', 'pass', 'pass', { minRank: post.minRank.code })
        : result('rank', 'fail', 'fail', { minRank: post.minRank.code }),
    );

  // Specialisations and skills the post requires.
  if (!post.specialisations.length) results.push(result('specialisation', 'pass', 'not_required'));
  else {
    const held = new Set(
      facts.qualifications
        .filter((q) => q.kind === 'specialisation' || q.kind === 'skill')
        .map((q) => q.code),
    );
    const missing = post.specialisations.filter((s) => !held.has(s));
    results.push(
      missing.length
        ? result('specialisation', 'fail', 'fail', { missing: missing.join(', ') })
        : result('specialisation', 'pass', 'pass'),
    );
  }

  // A post that seeks a woman officer (an SGBV team, for instance).
  if (post.womenSought)
    results.push(
      facts.gender === 'woman'
        ? result('women_sought', 'pass', 'pass')
        : result('women_sought', 'fail', 'fail'),
    );

  // No conviction or pending investigation on record.
  results.push(
    facts.recordFlag ? result('record', 'fail', 'fail') : result('record', 'pass', 'pass'),
  );

  // Medical fitness, security clearance and passport valid through the tour's end.
  results.push(validThrough('medical', facts, post));
  results.push(validThrough('security_clearance', facts, post));
  results.push(validThrough('passport', facts, post));
  return results;
}

/** A post's overall outcome: fail if any rule fails, else unknown if any is unknown, else pass. */
export function overallOf(results: RuleResult[]): Outcome {
  if (results.some((r) => r.outcome === 'fail')) return 'fail';
  if (results.some((r) => r.outcome === 'unknown')) return 'unknown';
  return 'pass';
}

/**
 * An application is screened in when at least one of its posts has no failing rule: a rule the
 * record cannot answer (unknown) does not screen anyone out, staff confirm it.
 */
export function screenedIn(perPost: Outcome[]): boolean {
  return perPost.some((o) => o !== 'fail');
}
