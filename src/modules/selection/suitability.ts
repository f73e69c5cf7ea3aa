/**
 * Suitability: how well a screened-in candidate fits a post, as an integer from 0 to 1000 the
 * optimizer maximises (after filling as many posts as it can). Six documented parts, each shown
 * to the selection board beside the placement:
 *
 * | part           | points | from                                                                |
 * | -------------- | ------ | ------------------------------------------------------------------- |
 * | preference     | 0-150  | the applicant's order: first choice 150, second 100, third 50        |
 * | language       | 0-150  | working-language score above the pass mark, 5 points a percent      |
 * | interview      | 0-300  | the interview's score (mean competency as a percentage) times 3      |
 * | unAssessment   | 0-100  | a valid UN assessment (SAAT/AMS): 2.5 points a percent above 60     |
 * | specialisation | 0-150  | the post's team is one of the officer's specialisations              |
 * | experience     | 0-150  | 50 a prior mission, up to three                                     |
 *
 * Pure; the selection module gathers the facts.
 */

export interface SuitabilityFacts {
  /** 1 = first choice. */
  preference: number;
  /** Best valid score in the mission's working language, or null. */
  workingLanguageScore: number | null;
  languagePassMark: number;
  /** The interview's score in percent, or null when not interviewed. */
  interviewScore: number | null;
  /** A valid UN assessment score in percent, or null. */
  unAssessmentScore: number | null;
  /** The post's team (specialised team or role), and the officer's specialisations. */
  postTeam: string | null;
  specialisations: readonly string[];
  priorMissions: number;
}

export interface Suitability {
  score: number;
  parts: {
    preference: number;
    language: number;
    interview: number;
    unAssessment: number;
    specialisation: number;
    experience: number;
  };
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));

export function suitabilityOf(f: SuitabilityFacts): Suitability {
  const parts = {
    preference: f.preference === 1 ? 150 : f.preference === 2 ? 100 : f.preference === 3 ? 50 : 0,
    language:
      f.workingLanguageScore === null
        ? 0
        : clamp((f.workingLanguageScore - f.languagePassMark) * 5, 150),
    interview: f.interviewScore === null ? 0 : clamp(f.interviewScore * 3, 300),
    unAssessment: f.unAssessmentScore === null ? 0 : clamp((f.unAssessmentScore - 60) * 2.5, 100),
    specialisation: f.postTeam && f.specialisations.includes(f.postTeam) ? 150 : 0,
    experience: clamp(f.priorMissions * 50, 150),
  };
  const score = Object.values(parts).reduce((a, b) => a + b, 0);
  return { score, parts };
}
