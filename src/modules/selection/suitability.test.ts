import { describe, expect, it } from 'vitest';
import { suitabilityOf, type SuitabilityFacts } from './suitability.ts';

const base: SuitabilityFacts = {
  preference: 1,
  workingLanguageScore: 85,
  languagePassMark: 60,
  interviewScore: 80,
  unAssessmentScore: 78,
  postTeam: 'sgbv',
  specialisations: ['sgbv'],
  priorMissions: 2,
};

describe('suitability', () => {
  it('adds its six documented parts', () => {
    expect(suitabilityOf(base)).toEqual({
      score: 150 + 125 + 240 + 45 + 150 + 100,
      parts: {
        preference: 150,
        language: 125,
        interview: 240,
        unAssessment: 45,
        specialisation: 150,
        experience: 100,
      },
    });
  });

  it('stays within 0 to 1000, each part within its range', () => {
    const best = suitabilityOf({
      ...base,
      workingLanguageScore: 100,
      interviewScore: 100,
      unAssessmentScore: 100,
      priorMissions: 9,
    });
    expect(best.score).toBe(1000);
    const none = suitabilityOf({
      ...base,
      preference: 4,
      workingLanguageScore: null,
      interviewScore: null,
      unAssessmentScore: 50,
      postTeam: null,
      priorMissions: 0,
    });
    expect(none).toEqual({
      score: 0,
      parts: {
        preference: 0,
        language: 0,
        interview: 0,
        unAssessment: 0,
        specialisation: 0,
        experience: 0,
      },
    });
  });

  it('prefers an applicant’s first choice to their second', () => {
    expect(suitabilityOf(base).score - suitabilityOf({ ...base, preference: 2 }).score).toBe(50);
  });
});
