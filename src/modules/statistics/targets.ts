/**
 * Women, Peace and Security targets: the share of women the UN asks for among individual police
 * officers, by year (the UN's Uniformed Gender Parity Strategy rises to 30% by 2028), and the
 * program's own target (`WPS_TARGET_PERCENT`). Targets are configuration, never code: the UN
 * publishes its interim steps, and the program may set its own.
 */

/** From `year` on (until the next step), the target is `percent`. */
export interface TargetStep {
  year: number;
  percent: number;
}

/**
 * The default steps for individual police officers. The 2028 figure (30%) is the UN's published
 * end target; the interim steps are approximate and meant to be replaced by the official table
 * through `UN_WOMEN_POLICE_TARGETS`.
 */
export const defaultUnPoliceTargets: readonly TargetStep[] = [
  { year: 2018, percent: 22 },
  { year: 2020, percent: 24 },
  { year: 2022, percent: 26 },
  { year: 2024, percent: 28 },
  { year: 2026, percent: 29 },
  { year: 2028, percent: 30 },
];

/**
 * Reads `2018:22,2020:24,2028:30` (year:percent, comma-separated, in any order) into steps sorted
 * by year. Throws a message naming the variable when a step is malformed or repeated.
 */
export function parseTargetSteps(value: string | undefined, name: string): TargetStep[] {
  if (!value || !value.trim()) return [...defaultUnPoliceTargets];
  const steps = value.split(',').map((part) => {
    const match = /^\s*(\d{4})\s*:\s*(\d{1,3}(?:\.\d+)?)\s*$/.exec(part);
    const percent = match ? Number(match[2]) : NaN;
    if (!match || percent > 100)
      throw new Error(`${name} must read like "2020:24,2028:30" (year:percent), got "${part}"`);
    return { year: Number(match[1]), percent };
  });
  steps.sort((a, b) => a.year - b.year);
  for (let i = 1; i < steps.length; i++)
    if (steps[i]!.year === steps[i - 1]!.year)
      throw new Error(`${name} gives ${steps[i]!.year} twice`);
  return steps;
}

/** The target in force in `year`: the last step at or before it; null before the first step. */
export function targetFor(steps: readonly TargetStep[], year: number): number | null {
  let found: number | null = null;
  for (const step of steps) if (step.year <= year) found = step.percent;
  return found;
}
