import type { DeploymentState } from '../deployments/schema.ts';
import type { EvacuationDestination, MissionEventKind } from './schema.ts';

/** The events still in force on a mission: at most one of each kind that lasts. */
export interface Situation {
  lockdown: boolean;
  evacuation: EvacuationDestination | null;
  suspension: boolean;
}

export const normalSituation: Situation = { lockdown: false, evacuation: null, suspension: false };

/** The situation from the mission's events not yet ended. */
export function situationOf(
  active: ReadonlyArray<{ kind: MissionEventKind; destination: EvacuationDestination | null }>,
): Situation {
  return {
    lockdown: active.some((e) => e.kind === 'lockdown'),
    evacuation: active.find((e) => e.kind === 'evacuation')?.destination ?? null,
    suspension: active.some((e) => e.kind === 'suspension'),
  };
}

export type DeclareRefusal = 'event_in_force' | 'no_evacuation' | 'evacuated';

/**
 * May this event be declared now? One lockdown, one evacuation, one suspension at a time; a
 * return to theatre reverses an evacuation to remote work (officers repatriated are going home);
 * no lockdown while the contingent is evacuated.
 */
export function refusalToDeclare(
  kind: MissionEventKind,
  situation: Situation,
): DeclareRefusal | null {
  if (kind === 'lockdown') {
    if (situation.lockdown) return 'event_in_force';
    return situation.evacuation ? 'evacuated' : null;
  }
  if (kind === 'evacuation') return situation.evacuation ? 'event_in_force' : null;
  if (kind === 'suspension') return situation.suspension ? 'event_in_force' : null;
  return situation.evacuation === 'remote' ? null : 'no_evacuation';
}

/** Lockdowns and suspensions are lifted; an evacuation ends with the return to theatre. */
export function canEnd(kind: MissionEventKind): boolean {
  return kind === 'lockdown' || kind === 'suspension';
}

/** The deployments an event concerns, by their state now: who is in theatre. */
export const inTheatre: readonly DeploymentState[] = ['in_theatre'];

/**
 * No travel to the mission, and no individual return to theatre, while it is suspended or its
 * contingent evacuated.
 */
export function travelHeld(situation: Situation, to: DeploymentState): boolean {
  if (to !== 'in_transit' && to !== 'in_theatre') return false;
  return situation.suspension || situation.evacuation !== null;
}
