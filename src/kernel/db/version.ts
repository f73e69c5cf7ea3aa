import { AppError } from '../errors.ts';

/** Optimistic locking: an edit names the version it was based on; a newer one refuses it (409). */
export function assertVersion(current: number, expected: number) {
  if (current !== expected) throw new AppError('stale_version', { current, expected });
}
