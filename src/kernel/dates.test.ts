import { expect, it } from 'vitest';
import { addDays, daysBetween, isoDateOf, tourEndOf } from './dates.ts';

it('counts and moves calendar days in UTC', () => {
  expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
  expect(daysBetween('2020-03-01', '2020-02-28')).toBe(-2);
  expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
  expect(isoDateOf(new Date('2026-11-23T23:59:59Z'))).toBe('2026-11-23');
});

it('ends a tour the day before the same date months later', () => {
  expect(tourEndOf('2019-04-01', 12)).toBe('2020-03-31');
  expect(tourEndOf('2021-01-15', 6)).toBe('2021-07-14');
});
