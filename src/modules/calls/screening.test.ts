import { describe, expect, it } from 'vitest';
import {
  overallOf,
  screen,
  screenedIn,
  unMinimums,
  type ApplicantFacts,
  type PostFacts,
  type ScreeningRule,
} from './screening.ts';

const post: PostFacts = {
  tourStart: '2027-03-01',
  tourEnd: '2028-02-29',
  workingLanguage: 'fr',
  armed: false,
  languages: [],
  minRank: null,
  minYearsService: null,
  specialisations: [],
  womenSought: false,
};

const valid = (kind: ApplicantFacts['qualifications'][number]['kind'], over = {}) => ({
  kind,
  code: '',
  score: null,
  passed: true,
  obtainedOn: '2020-01-01',
  expiresOn: '2030-01-01',
  ...over,
});

const officer: ApplicantFacts = {
  gender: 'woman',
  dateOfBirth: '1985-06-15',
  serviceStart: '2010-09-01',
  rankOrdinal: 3,
  recordFlag: false,
  qualifications: [
    valid('language', { code: 'fr', score: 75, expiresOn: null }),
    valid('driving_licence', { obtainedOn: '2004-05-01' }),
    valid('medical'),
    valid('security_clearance'),
    valid('passport'),
  ],
};

const ruleOf = (rule: ScreeningRule, facts: ApplicantFacts, p: PostFacts = post) =>
  screen(facts, p, unMinimums).find((r) => r.rule === rule)!;

describe('screening', () => {
  it('passes an officer who meets every minimum, with a reason for each rule', () => {
    const results = screen(officer, post, unMinimums);
    expect(results.every((r) => r.outcome === 'pass')).toBe(true);
    expect(results.map((r) => r.reason)).toContain('screening.age.pass');
    expect(overallOf(results)).toBe('pass');
  });

  it('takes the age on the tour start: exactly 25 passes, a day short fails; 62 passes, 63 fails', () => {
    expect(ruleOf('age', { ...officer, dateOfBirth: '2002-03-01' })).toMatchObject({
      outcome: 'pass',
      params: { age: 25 },
    });
    expect(ruleOf('age', { ...officer, dateOfBirth: '2002-03-02' })).toMatchObject({
      outcome: 'fail',
      reason: 'screening.age.too_young',
      params: { age: 24, minAge: 25 },
    });
    expect(ruleOf('age', { ...officer, dateOfBirth: '1964-03-02' }).outcome).toBe('pass');
    expect(ruleOf('age', { ...officer, dateOfBirth: '1964-03-01' })).toMatchObject({
      outcome: 'fail',
      reason: 'screening.age.too_old',
    });
    expect(ruleOf('age', { ...officer, dateOfBirth: null }).outcome).toBe('unknown');
  });

  it('counts service to the tour start: exactly 5 years passes, a day short fails; a post may ask more', () => {
    expect(ruleOf('service', { ...officer, serviceStart: '2022-03-01' }).outcome).toBe('pass');
    expect(ruleOf('service', { ...officer, serviceStart: '2022-03-02' })).toMatchObject({
      outcome: 'fail',
      params: { years: 4, minYears: 5 },
    });
    expect(
      ruleOf(
        'service',
        { ...officer, serviceStart: '2018-01-01' },
        { ...post, minYearsService: 10 },
      ),
    ).toMatchObject({ outcome: 'fail', params: { years: 9, minYears: 10 } });
  });

  it('passes a language at 60% and fails it at 59%; a post may ask a higher score or another language', () => {
    const withFrench = (score: number) => ({
      ...officer,
      qualifications: [valid('language', { code: 'fr', score })],
    });
    expect(ruleOf('language', withFrench(60)).outcome).toBe('pass');
    expect(ruleOf('language', withFrench(59))).toMatchObject({
      outcome: 'fail',
      params: { language: 'fr', score: 59, minScore: 60 },
    });
    const asksArabic = { ...post, languages: [{ language: 'ar', minScore: 50 }] };
    const arabic = screen(withFrench(80), asksArabic, unMinimums).filter(
      (r) => r.rule === 'language',
    );
    expect(arabic.map((r) => [r.params.language, r.outcome, r.params.minScore])).toEqual([
      ['fr', 'pass', 60],
      ['ar', 'unknown', 60],
    ]);
    expect(
      ruleOf('language', withFrench(70), { ...post, languages: [{ language: 'fr', minScore: 75 }] })
        .outcome,
    ).toBe('fail');
    expect(ruleOf('language', { ...officer, qualifications: [] }).outcome).toBe('unknown');
  });

  it('wants a driving licence held a year on the tour start', () => {
    const licence = (obtainedOn: string) => ({
      ...officer,
      qualifications: [valid('driving_licence', { obtainedOn })],
    });
    expect(ruleOf('driving', licence('2026-03-01')).outcome).toBe('pass');
    expect(ruleOf('driving', licence('2026-03-02'))).toMatchObject({
      outcome: 'fail',
      reason: 'screening.driving.too_recent',
    });
  });

  it('asks a valid firearms qualification only for an armed mission', () => {
    expect(ruleOf('firearms', officer).reason).toBe('screening.firearms.not_required');
    const armed = { ...post, armed: true };
    expect(ruleOf('firearms', officer, armed).outcome).toBe('unknown');
    const lapsed = {
      ...officer,
      qualifications: [valid('firearms', { expiresOn: '2027-02-28' })],
    };
    expect(ruleOf('firearms', lapsed, armed).outcome).toBe('fail');
    const current = {
      ...officer,
      qualifications: [valid('firearms', { expiresOn: '2027-03-01' })],
    };
    expect(ruleOf('firearms', current, armed).outcome).toBe('pass');
  });

  it('checks rank on the common scale, required specialisations, women-sought posts and the record', () => {
    const senior = { ...post, minRank: { code: 'staff_sergeant', ordinal: 4 } };
    expect(ruleOf('rank', officer, senior).outcome).toBe('fail');
    expect(ruleOf('rank', { ...officer, rankOrdinal: 4 }, senior).outcome).toBe('pass');
    const sgbv = { ...post, specialisations: ['sgbv'], womenSought: true };
    expect(ruleOf('specialisation', officer, sgbv)).toMatchObject({
      outcome: 'fail',
      params: { missing: 'sgbv' },
    });
    const specialist = {
      ...officer,
      qualifications: [...officer.qualifications, valid('specialisation', { code: 'sgbv' })],
    };
    expect(ruleOf('specialisation', specialist, sgbv).outcome).toBe('pass');
    expect(ruleOf('women_sought', specialist, sgbv).outcome).toBe('pass');
    expect(ruleOf('women_sought', { ...specialist, gender: 'man' }, sgbv).outcome).toBe('fail');
    expect(ruleOf('record', { ...officer, recordFlag: true }).outcome).toBe('fail');
  });

  it('wants medical, clearance and passport valid through the tour end', () => {
    const passport = (expiresOn: string) => ({
      ...officer,
      qualifications: [valid('passport', { expiresOn })],
    });
    expect(ruleOf('passport', passport('2028-02-29')).outcome).toBe('pass');
    expect(ruleOf('passport', passport('2028-02-28'))).toMatchObject({
      outcome: 'fail',
      reason: 'screening.passport.expires',
      params: { expiresOn: '2028-02-28', tourEnd: '2028-02-29' },
    });
    expect(ruleOf('medical', { ...officer, qualifications: [] }).outcome).toBe('unknown');
  });

  it('screens an application in when one of its posts has no failing rule', () => {
    expect(overallOf(screen({ ...officer, dateOfBirth: null }, post, unMinimums))).toBe('unknown');
    expect(screenedIn(['fail', 'unknown'])).toBe(true);
    expect(screenedIn(['fail', 'fail'])).toBe(false);
    expect(
      screen(officer, post, { ...unMinimums, minAge: 50 }).find((r) => r.rule === 'age')!.outcome,
    ).toBe('fail');
  });
});
