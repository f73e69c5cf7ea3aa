import type { DeploymentState } from '../deployments/schema.ts';
import type { Situation } from '../events/rules.ts';
import type { CheckInAlertStep, CheckInStatus } from './schema.ts';

/** Who checks in: officers in theatre, working remotely, or on their way home. */
export const checkingIn: readonly DeploymentState[] = ['in_theatre', 'remote', 'repatriating'];

type RiskLevel = 'low' | 'moderate' | 'high' | 'extreme';

/** Hours between expected check-ins, by the mission's risk level and by the event in force. */
export type Cadence = Record<RiskLevel | 'lockdown' | 'evacuation', number>;

/** Weekly normally, every three days at high risk, daily at extreme risk or in a lockdown, twice a day in an evacuation. */
export const defaultCadence: Cadence = {
  low: 168,
  moderate: 168,
  high: 72,
  extreme: 24,
  lockdown: 24,
  evacuation: 12,
};

/** `CHECKIN_CADENCE_HOURS`, e.g. `lockdown=12,evacuation=6`: the entries it names replace the defaults. */
export function parseCadence(value: string | undefined): Cadence {
  const cadence = { ...defaultCadence };
  if (!value?.trim()) return cadence;
  for (const part of value.split(',')) {
    const [key, hours] = part.split('=').map((s) => s.trim());
    if (!key || !(key in cadence))
      throw new Error(
        `CHECKIN_CADENCE_HOURS: "${key}" is not one of ${Object.keys(cadence).join(', ')}`,
      );
    const n = Number(hours);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(
        `CHECKIN_CADENCE_HOURS: ${key} must be a whole number of hours, got "${hours}"`,
      );
    cadence[key as keyof Cadence] = n;
  }
  return cadence;
}

/** The expected interval now: the shortest of the risk level's and the events' in force. */
export function cadenceHours(riskLevel: RiskLevel, situation: Situation, cadence: Cadence): number {
  const hours = [cadence[riskLevel]];
  if (situation.lockdown) hours.push(cadence.lockdown);
  if (situation.evacuation) hours.push(cadence.evacuation);
  return Math.min(...hours);
}

const HOUR = 3_600_000;

/**
 * When the next check-in is due: one interval after the last check-in, or after the officer
 * started checking in (arrival), and never before one interval after the mission's situation
 * last changed (a lockdown declared today makes the next check-in due tomorrow, not overdue
 * for a week-old check-in).
 */
export function dueAt(
  since: { lastCheckInAt: Date | null; expectedSince: Date; situationChangedAt: Date | null },
  hours: number,
): Date {
  const anchors = [since.lastCheckInAt ?? since.expectedSince];
  if (since.situationChangedAt) anchors.push(since.situationChangedAt);
  const anchor = Math.max(...anchors.map((d) => d.getTime()));
  return new Date(anchor + hours * HOUR);
}

/** Minutes after the missed check-in at which each escalation step goes out. */
export interface EscalationDelays {
  reminder: number;
  commander: number;
  dutyOfficer: number;
}

export const defaultEscalation: EscalationDelays = {
  reminder: 60,
  commander: 240,
  dutyOfficer: 480,
};

/** The escalation steps due, `overdueMinutes` after a missed check-in: reminder, commander, duty officer. */
export function stepsDue(overdueMinutes: number, delays: EscalationDelays): CheckInAlertStep[] {
  if (overdueMinutes < 0) return [];
  const steps: CheckInAlertStep[] = [];
  if (overdueMinutes >= delays.reminder) steps.push('reminder');
  if (overdueMinutes >= delays.commander) steps.push('commander');
  if (overdueMinutes >= delays.dutyOfficer) steps.push('duty_officer');
  return steps;
}

/** A check-in that asks for help alerts the commander and the duty officer at once. */
export function alertOf(status: CheckInStatus): CheckInAlertStep | null {
  return status === 'ok' ? null : status;
}

/** Overdue first (longest first), then those who asked for help, then by name. */
export function contingentOrder<
  T extends {
    overdueMinutes: number;
    lastCheckIn: { status: CheckInStatus } | null;
    familyName: string;
    givenName: string;
  },
>(a: T, b: T): number {
  const late = (x: T) => (x.overdueMinutes > 0 ? x.overdueMinutes : 0);
  if (late(a) !== late(b)) return late(b) - late(a);
  const help = (x: T) =>
    x.lastCheckIn?.status === 'urgent' ? 2 : x.lastCheckIn?.status === 'needs_support' ? 1 : 0;
  if (help(a) !== help(b)) return help(b) - help(a);
  return (
    a.familyName.localeCompare(b.familyName, 'fr') || a.givenName.localeCompare(b.givenName, 'fr')
  );
}
