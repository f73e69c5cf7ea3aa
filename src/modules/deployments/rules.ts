import type { DeploymentState } from './schema.ts';

/**
 * The deployment's life (DESIGN.md section 3): selected -> preparing -> ready -> in_transit ->
 * in_theatre <-> remote -> repatriating -> returned -> closed, and withdrawn from any state
 * before in_theatre. This table holds the moves built so far (the selection and readiness);
 * the deployments issue adds the rest.
 */
const moves: Partial<Record<DeploymentState, readonly DeploymentState[]>> = {
  selected: ['preparing', 'withdrawn'],
  preparing: ['ready', 'withdrawn'],
  ready: ['preparing', 'withdrawn'],
};

export function canMoveDeployment(from: DeploymentState, to: DeploymentState): boolean {
  return moves[from]?.includes(to) ?? false;
}

/** Moves that need a reason in the record. */
export function needsReason(to: DeploymentState): boolean {
  return to === 'withdrawn';
}
