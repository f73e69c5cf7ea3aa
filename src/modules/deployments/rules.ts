import type { DeploymentMode, DeploymentState } from './schema.ts';
import { daysBetween } from '../../kernel/dates.ts';

/**
 * The deployment's life (DESIGN.md section 3): selected -> preparing -> ready -> in_transit ->
 * in_theatre <-> remote -> repatriating -> returned -> closed, and withdrawn from any state
 * before in_theatre. A deployment delayed before travel may start virtually (ready -> remote,
 * mode virtual); travel postponed goes back to ready; an officer repatriated may keep working
 * remotely from Canada until the tour ends.
 */
const moves: Record<DeploymentState, readonly DeploymentState[]> = {
  selected: ['preparing', 'withdrawn'],
  preparing: ['ready', 'withdrawn'],
  ready: ['preparing', 'in_transit', 'remote', 'withdrawn'],
  in_transit: ['in_theatre', 'ready', 'withdrawn'],
  in_theatre: ['remote', 'repatriating'],
  remote: ['in_theatre', 'in_transit', 'repatriating', 'returned'],
  repatriating: ['remote', 'returned'],
  returned: ['closed'],
  closed: [],
  withdrawn: [],
};

export function canMoveDeployment(from: DeploymentState, to: DeploymentState): boolean {
  return moves[from].includes(to);
}

/** The states a deployment may move to next. */
export function nextStates(from: DeploymentState): readonly DeploymentState[] {
  return moves[from];
}

/**
 * Moves that need a reason in the record: a withdrawal, a repatriation, leaving theatre to work
 * remotely, and travel postponed.
 */
export function needsReason(to: DeploymentState, from?: DeploymentState): boolean {
  if (to === 'withdrawn' || to === 'repatriating') return true;
  if (from === 'in_theatre' && to === 'remote') return true;
  return from === 'in_transit' && to === 'ready';
}

export type DeploymentDates = {
  actualStart: string | null;
  actualEnd: string | null;
  mode: DeploymentMode | null;
};

/**
 * What a move changes besides the state: the tour starts on the day of arrival in theatre (or the
 * first day of virtual or remote work), ends on the day of return; the mode follows where the
 * officer works from.
 */
export function effectOfMove(
  from: DeploymentState,
  to: DeploymentState,
  current: DeploymentDates,
  today: string,
): DeploymentDates {
  const next: DeploymentDates = {
    actualStart: current.actualStart,
    actualEnd: current.actualEnd,
    mode: current.mode,
  };
  if (to === 'in_theatre' || to === 'remote') next.actualStart ??= today;
  if (to === 'in_theatre') next.mode = 'in_theatre';
  if (to === 'remote') next.mode = from === 'ready' ? 'virtual' : 'remote';
  if (to === 'returned') next.actualEnd = today;
  if (to === 'ready' || to === 'preparing') next.mode = null;
  return next;
}

/** A tour still running may be extended: from ready (dates set) until the officer leaves theatre. */
const extendable: readonly DeploymentState[] = ['ready', 'in_transit', 'in_theatre', 'remote'];

export function canExtend(state: DeploymentState): boolean {
  return extendable.includes(state);
}

/** An extension moves the end later; a shorter tour is not an extension. */
export function isExtension(currentEnd: string, newEnd: string): boolean {
  return newEnd > currentEnd;
}

/** Closed and withdrawn deployments are history: their location and rotation no longer change. */
export function isOpen(state: DeploymentState): boolean {
  return state !== 'closed' && state !== 'withdrawn';
}

/**
 * An extension request is decided once, by someone other than who asked for it (program staff
 * for a commander's request, another program officer for a program officer's).
 */
export function mayDecideExtension(
  extension: { status: string; requestedBy: string | null },
  actorId: string | null,
): boolean {
  return extension.status === 'requested' && !!actorId && extension.requestedBy !== actorId;
}

/**
 * The hand-over overlap of a rotation: the days both officers are on the post, from the
 * successor's start (arrival, else planned) to the predecessor's end (return, else planned),
 * both included; none when the successor starts after the predecessor has left.
 */
export function handoverDays(
  predecessor: { plannedEnd: string; actualEnd: string | null },
  successor: { plannedStart: string; actualStart: string | null },
): number {
  const start = successor.actualStart ?? successor.plannedStart;
  const end = predecessor.actualEnd ?? predecessor.plannedEnd;
  return Math.max(0, daysBetween(start, end) + 1);
}

/** The end-of-tour report is written once the officer is out of theatre: remote, on the way home, or home. */
export function canWriteTourReport(state: DeploymentState): boolean {
  return state === 'remote' || state === 'repatriating' || state === 'returned';
}

/** The debrief follows the tour: once the officer is coming home, or home. */
export function canDebrief(state: DeploymentState): boolean {
  return state === 'repatriating' || state === 'returned';
}

export type ClosingItem = 'end_of_tour_report' | 'debrief';

/**
 * What closing a returned deployment still needs: the officer's submitted end-of-tour report and
 * the debrief. A program administrator may close without them, with a reason.
 */
export function closingNeeds(done: {
  reportSubmitted: boolean;
  debriefed: boolean;
}): ClosingItem[] {
  const missing: ClosingItem[] = [];
  if (!done.reportSubmitted) missing.push('end_of_tour_report');
  if (!done.debriefed) missing.push('debrief');
  return missing;
}
