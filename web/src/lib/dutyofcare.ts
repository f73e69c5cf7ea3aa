import type { Deployment, DeploymentState } from './training.ts';

/**
 * Duty of care: the shapes the server answers (src/modules/events/routes.ts,
 * src/modules/checkins/routes.ts).
 */

export type MissionEventKind = 'lockdown' | 'evacuation' | 'return_to_theatre' | 'suspension';
export const missionEventKinds: readonly MissionEventKind[] = [
  'lockdown',
  'evacuation',
  'return_to_theatre',
  'suspension',
];
export type EvacuationDestination = 'remote' | 'repatriating';

export interface MissionEvent {
  id: string;
  missionId: string;
  kind: MissionEventKind;
  destination: EvacuationDestination | null;
  instructionsEn: string;
  instructionsFr: string;
  startedAt: string;
  endedAt: string | null;
}

export interface RollCallEntry {
  deploymentId: string;
  fromState: DeploymentState;
  toState: DeploymentState;
  accountedAt: string | null;
  accountedHow: 'check_in' | 'marked' | null;
  note: string | null;
  officer: { id: string; givenName: string; familyName: string };
  state: DeploymentState;
  location: string | null;
}

/** GET /api/v1/mission-events/:id */
export interface MissionEventDetail extends MissionEvent {
  rollCall: RollCallEntry[];
  summary: { concerned: number; accounted: number; missing: number };
}

export type CheckInStatus = 'ok' | 'needs_support' | 'urgent';
export const checkInStatuses: readonly CheckInStatus[] = ['ok', 'needs_support', 'urgent'];

export interface CheckIn {
  id: string;
  status: CheckInStatus;
  location: string | null;
  note: string | null;
  at: string;
}

export interface Situation {
  lockdown: boolean;
  evacuation: EvacuationDestination | null;
  suspension: boolean;
}

export interface ContingentMember {
  deploymentId: string;
  state: DeploymentState;
  mode: 'in_theatre' | 'remote' | 'virtual' | null;
  location: string | null;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  cadenceHours: number;
  dueAt: string;
  overdueMinutes: number;
  lastCheckIn: { status: CheckInStatus; at: string; location: string | null } | null;
  alerts: string[];
}

/** GET /api/v1/missions/:id/contingent */
export interface Contingent {
  mission: { id: string; acronym: string; nameEn: string; nameFr: string; status: string };
  events: MissionEvent[];
  riskLevel: string | null;
  situation: Situation;
  cadenceHours: number;
  summary: {
    members: number;
    overdue: number;
    needsSupport: number;
    inTheatre: number;
    remote: number;
  };
  members: ContingentMember[];
}

/** GET /api/v1/me/deployment */
export interface MyDeployment extends Omit<Deployment, 'can'> {
  location: string | null;
  mode: 'in_theatre' | 'remote' | 'virtual' | null;
  actualStart: string | null;
  actualEnd: string | null;
  checkIn: {
    expected: boolean;
    dueAt: string | null;
    overdueMinutes: number | null;
    cadenceHours: number | null;
    last: CheckIn | null;
  };
  events: MissionEvent[];
  /** What the officer may do here, decided by the server. */
  can: { writeEndOfTourReport: boolean };
  contacts: {
    commanders: Array<{ displayName: string; email: string }>;
    dutyOfficer: { email: string | null; phone: string | null };
  };
}

/** "2 h 05" late, or "3 days": how overdue, in hours and minutes, or days past a day. */
export function lateness(minutes: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, minutes);
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}
