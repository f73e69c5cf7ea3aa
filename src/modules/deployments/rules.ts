import type { DeploymentMode, DeploymentState } from './schema.ts';

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
