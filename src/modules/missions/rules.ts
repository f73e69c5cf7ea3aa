import { daysBetween, type IsoDate } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import type { missionStatuses } from '../reference/schema.ts';

export type MissionStatus = (typeof missionStatuses)[number];

/** A mission's life: planned -> active -> closing -> closed; suspension is lifted back to active. */
const missionMoves: Record<MissionStatus, readonly MissionStatus[]> = {
  planned: ['active', 'closed'],
  active: ['suspended', 'closing'],
  suspended: ['active', 'closing'],
  closing: ['closed', 'active'],
  closed: [],
};

export function assertMissionMove(from: MissionStatus, to: MissionStatus) {
  if (from !== to && !missionMoves[from].includes(to))
    throw new AppError('invalid_transition', { from, to });
}

/** A post's tour, both days included. */
export interface Tour {
  tourStart: IsoDate;
  tourEnd: IsoDate;
}

/**
 * The most posts held at once on any day covered by `added`, counting the existing ones too.
 * Only the days of the new posts matter: an older excess (a ceiling since lowered) does not
 * block posts in another period.
 */
export function peakWithin(existing: readonly Tour[], added: readonly Tour[]): number {
  const all = [...existing, ...added];
  let peak = 0;
  for (const a of added) {
    // Concurrency only rises at a start, so the peak within [a.start, a.end] is at one of these.
    const points = new Set([a.tourStart]);
    for (const t of all)
      if (t.tourStart > a.tourStart && t.tourStart <= a.tourEnd) points.add(t.tourStart);
    for (const day of points) {
      const held = all.filter((t) => t.tourStart <= day && day <= t.tourEnd).length;
      if (held > peak) peak = held;
    }
  }
  return peak;
}

/** The most posts held at once over the whole plan. */
export function peakOf(tours: readonly Tour[]): number {
  return tours.length ? peakWithin([], tours) : 0;
}

/** Refuse posts that would put the mission above its authorised strength on any day. */
export function assertWithinCeiling(
  existing: readonly Tour[],
  added: readonly Tour[],
  ceiling: number,
) {
  const peak = peakWithin(existing, added);
  if (peak > ceiling) throw new AppError('ceiling_exceeded', { ceiling, peak });
}

/**
 * Days between a post's end and its successor's start: 0 when one follows the other, positive
 * for a vacant gap, negative for a hand-over overlap.
 */
export function rotationGapDays(predecessor: Tour, successor: Tour): number {
  return daysBetween(predecessor.tourEnd, successor.tourStart) - 1;
}
