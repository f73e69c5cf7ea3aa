import { describe, expect, it } from 'vitest';
import { canMoveEnrolment, certificateExpiry, passes, placeFor } from './rules.ts';

describe('certificate expiry', () => {
  it('adds calendar months to the day of issue', () => {
    expect(certificateExpiry('2026-03-15', 12)).toBe('2027-03-15');
    expect(certificateExpiry('2026-11-30', 3)).toBe('2027-02-28');
    expect(certificateExpiry('2027-08-31', 6)).toBe('2028-02-29');
    expect(certificateExpiry('2026-01-31', 1)).toBe('2026-02-28');
    expect(certificateExpiry('2026-12-01', 24)).toBe('2028-12-01');
  });
  it('is null for a course whose certificates do not expire', () => {
    expect(certificateExpiry('2026-03-15', null)).toBeNull();
  });
});

describe('results', () => {
  it('pass at the pass mark exactly, not a point under', () => {
    expect(passes(70, 70)).toBe(true);
    expect(passes(69, 70)).toBe(false);
    expect(passes(null, 70)).toBe(false);
    expect(passes(null, null, true)).toBe(true);
  });
});

describe('enrolment', () => {
  it('takes a seat while there is one, then joins the waiting list in order', () => {
    expect(placeFor(10, 9, 0)).toEqual({ status: 'enrolled', waitlistPosition: null });
    expect(placeFor(10, 10, 0)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect(placeFor(10, 10, 4)).toEqual({ status: 'waitlisted', waitlistPosition: 5 });
  });
  it('moves from the waiting list to a seat, and records results only once enrolled', () => {
    expect(canMoveEnrolment('waitlisted', 'enrolled')).toBe(true);
    expect(canMoveEnrolment('waitlisted', 'passed')).toBe(false);
    expect(canMoveEnrolment('enrolled', 'passed')).toBe(true);
    expect(canMoveEnrolment('passed', 'failed')).toBe(false);
  });
});
