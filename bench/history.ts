/**
 * The benchmarks' 35-year program history: the realistic generator of src/modules/history (the
 * one `peaceops seed --history` runs), sized by a number of officers. Deterministic from a seed.
 * Tours before `loadedHistoryBefore` are the loaded history (`prior_missions`); later ones are
 * deployments, each with a post, every move and a weekly check-in in theatre from `checkInsSince`.
 */
import type { Db } from '../src/kernel/db/client.ts';
import type { IsoDate } from '../src/kernel/dates.ts';
import {
  OFFICERS_AT_SMALL_SCALE,
  seedProgramHistory,
  type HistoryCounts,
} from '../src/modules/history/history.ts';

export type { HistoryCounts };

export interface HistorySize {
  /** About this many officers (the program's shape, scaled). */
  officers: number;
  /** Weekly check-ins from this year on. */
  checkInsSince: number;
  /** Tours that began before this year are the loaded history; later ones are deployments. */
  loadedHistoryBefore: number;
  seed: number;
}

export async function generateHistory(
  db: Db,
  today: IsoDate,
  size: HistorySize,
): Promise<HistoryCounts> {
  return seedProgramHistory(
    db,
    { actorId: null, actorRole: 'cli', requestId: null, now: new Date(`${today}T23:00:00Z`) },
    {
      multiplier: size.officers / OFFICERS_AT_SMALL_SCALE,
      seed: size.seed,
      today,
      cutover: size.loadedHistoryBefore,
      checkInsSince: size.checkInsSince,
    },
  );
}
