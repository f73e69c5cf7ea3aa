import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  assertMissionMove,
  assertWithinCeiling,
  peakOf,
  peakWithin,
  rotationGapDays,
} from './rules.ts';

const tour = (tourStart: string, tourEnd: string) => ({ tourStart, tourEnd });

describe('peakWithin', () => {
  it('counts posts held on the same day, both ends included', () => {
    const existing = [tour('2019-01-01', '2019-12-31'), tour('2019-06-01', '2020-05-31')];
    expect(peakWithin(existing, [tour('2019-12-31', '2020-12-30')])).toBe(3);
    expect(peakWithin(existing, [tour('2020-06-01', '2021-05-31')])).toBe(1);
  });
  it('looks only at the days of the new posts', () => {
    const crowded = [tour('2015-01-01', '2015-12-31'), tour('2015-01-01', '2015-12-31')];
    expect(peakWithin(crowded, [tour('2019-01-01', '2019-12-31')])).toBe(1);
  });
  it('finds a peak that starts inside a new tour', () => {
    const existing = [tour('2019-03-01', '2019-04-01'), tour('2019-03-15', '2019-05-01')];
    expect(peakWithin(existing, [tour('2019-01-01', '2019-12-31')])).toBe(3);
  });
  it('is zero for an empty plan', () => {
    expect(peakOf([])).toBe(0);
  });
});

describe('assertWithinCeiling', () => {
  it('refuses the post that would exceed the authorised strength', () => {
    const existing = [tour('2019-01-01', '2019-12-31')];
    expect(() =>
      assertWithinCeiling(existing, [tour('2019-06-01', '2020-05-31')], 2),
    ).not.toThrow();
    expect(() => assertWithinCeiling(existing, [tour('2019-06-01', '2020-05-31')], 1)).toThrow(
      AppError,
    );
  });
});

describe('rotationGapDays', () => {
  it('is 0 when the successor starts the day after, positive for a gap, negative for an overlap', () => {
    const first = tour('2019-04-01', '2020-03-31');
    expect(rotationGapDays(first, tour('2020-04-01', '2021-03-31'))).toBe(0);
    expect(rotationGapDays(first, tour('2020-04-15', '2021-04-14'))).toBe(14);
    expect(rotationGapDays(first, tour('2020-03-25', '2021-03-24'))).toBe(-7);
  });
});

describe('assertMissionMove', () => {
  it('follows planned -> active -> closing -> closed', () => {
    expect(() => assertMissionMove('planned', 'active')).not.toThrow();
    expect(() => assertMissionMove('active', 'closing')).not.toThrow();
    expect(() => assertMissionMove('closing', 'closed')).not.toThrow();
    expect(() => assertMissionMove('closed', 'active')).toThrow(AppError);
    expect(() => assertMissionMove('planned', 'closing')).toThrow(AppError);
  });
});
