import { describe, expect, it } from 'vitest';
import { defaultUnPoliceTargets, parseTargetSteps, targetFor } from './targets.ts';

describe('Women, Peace and Security targets', () => {
  it('defaults to steps that reach 30% in 2028', () => {
    expect(parseTargetSteps(undefined, 'X')).toEqual(defaultUnPoliceTargets);
    expect(targetFor(defaultUnPoliceTargets, 2028)).toBe(30);
    expect(targetFor(defaultUnPoliceTargets, 2035)).toBe(30);
  });

  it('reads year:percent steps in any order and sorts them', () => {
    expect(parseTargetSteps(' 2028:30, 2020:24.5 ', 'X')).toEqual([
      { year: 2020, percent: 24.5 },
      { year: 2028, percent: 30 },
    ]);
  });

  it('refuses malformed, out-of-range and repeated steps, naming the variable', () => {
    expect(() => parseTargetSteps('2020=24', 'UN_WOMEN_POLICE_TARGETS')).toThrow(
      /UN_WOMEN_POLICE_TARGETS.*"2020=24"/,
    );
    expect(() => parseTargetSteps('2020:140', 'X')).toThrow(/year:percent/);
    expect(() => parseTargetSteps('2020:20,2020:22', 'X')).toThrow(/2020 twice/);
  });

  it('gives the step in force: the last at or before the year, none before the first', () => {
    const steps = parseTargetSteps('2020:24,2024:28', 'X');
    expect(targetFor(steps, 2019)).toBeNull();
    expect(targetFor(steps, 2020)).toBe(24);
    expect(targetFor(steps, 2023)).toBe(24);
    expect(targetFor(steps, 2024)).toBe(28);
  });
});
