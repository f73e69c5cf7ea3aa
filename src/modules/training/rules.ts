import type { IsoDate } from '../../kernel/dates.ts';
import type { EnrolmentStatus } from './schema.ts';

/**
 * A certificate's expiry: `months` calendar months after the day it was issued; a day that the
 * month does not have falls back to its last day (issued 2026-08-31, 6 months: 2027-02-28).
 * Null when the course's certificates do not expire.
 */
export function certificateExpiry(issuedOn: IsoDate, months: number | null): IsoDate | null {
  if (months === null) return null;
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A grade passes at the course's pass mark; a course without one records pass or fail. */
export function passes(grade: number | null, passMark: number | null, passed?: boolean): boolean {
  if (passMark === null) return passed ?? false;
  return grade !== null && grade >= passMark;
}

/** Enrolment states, and where each may go (results only after the session). */
const moves: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  enrolled: ['withdrawn', 'attended', 'absent', 'passed', 'failed'],
  waitlisted: ['enrolled', 'withdrawn'],
  withdrawn: [],
  attended: ['passed', 'failed'],
  absent: [],
  passed: [],
  failed: [],
};

export function canMoveEnrolment(from: EnrolmentStatus, to: EnrolmentStatus): boolean {
  return moves[from].includes(to);
}

/** Whether a new enrolment takes a seat or joins the waiting list. */
export function placeFor(
  capacity: number,
  seatsTaken: number,
  waiting: number,
): { status: 'enrolled' | 'waitlisted'; waitlistPosition: number | null } {
  return seatsTaken < capacity
    ? { status: 'enrolled', waitlistPosition: null }
    : { status: 'waitlisted', waitlistPosition: waiting + 1 };
}
