import { describe, expect, it } from 'vitest';
import { lateness } from './dutyofcare.ts';

describe('lateness', () => {
  it('splits minutes overdue into days, hours and minutes; nothing when not late', () => {
    expect(lateness(-30)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(lateness(125)).toEqual({ days: 0, hours: 2, minutes: 5 });
    expect(lateness(3 * 1440 + 61)).toEqual({ days: 3, hours: 1, minutes: 1 });
  });
});
