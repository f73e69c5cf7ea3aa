import type { IsoDate } from '../../kernel/dates.ts';

/**
 * Privacy rules: when an officer's personal information may be anonymised, and what the
 * anonymisation writes in its place. Pure functions; the queries are in retention.ts.
 */

/** The shortest retention the program may configure: two years after the last administrative use. */
export const MIN_RETENTION_YEARS = 2;

/** What a use of an officer's record left behind: the latest date of each kind (null: none). */
export interface OfficerUse {
  /** The officer record's last update. */
  recordUpdated: IsoDate;
  /** Applications and their selection (created, updated, released, decided). */
  application: IsoDate | null;
  /** The latest end of a finished deployment (actual end, else planned end, else its last move). */
  deploymentEnd: IsoDate | null;
  /** A deployment not yet returned, closed or withdrawn: the record is in use, never anonymised. */
  activeDeployment: boolean;
  /** Training enrolments and certificates (issued, expiring). */
  training: IsoDate | null;
  checkIn: IsoDate | null;
  incident: IsoDate | null;
  qualificationExpiry: IsoDate | null;
  /** The end (or start, when open) of a past tour from the loaded history. */
  pastTourEnd: IsoDate | null;
  /** The account's last sign-in. */
  lastSignIn: IsoDate | null;
}

/** The officer's last administrative use: the latest of every use, or 'active' while deployed. */
export function lastAdministrativeUse(use: OfficerUse): IsoDate | 'active' {
  if (use.activeDeployment) return 'active';
  const dates = [
    use.recordUpdated,
    use.application,
    use.deploymentEnd,
    use.training,
    use.checkIn,
    use.incident,
    use.qualificationExpiry,
    use.pastTourEnd,
    use.lastSignIn,
  ].filter((d): d is IsoDate => !!d);
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** The day before which a last use makes a record due: `today` minus the retention years. */
export function retentionCutoff(today: IsoDate, years: number): IsoDate {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // 29 February minus whole years lands on 28 February of a common year.
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Kept at least `years` after the last use: due only when the last use is before the cutoff. */
export function retentionDue(last: IsoDate | 'active', today: IsoDate, years: number): boolean {
  return last !== 'active' && last < retentionCutoff(today, years);
}

/** The retention period from the environment (RETENTION_YEARS): at least two years, or refused. */
export function retentionYearsFrom(value: string | undefined): number {
  if (value === undefined || value === '') return MIN_RETENTION_YEARS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_RETENTION_YEARS)
    throw new Error(
      `RETENTION_YEARS must be a whole number of years, at least ${MIN_RETENTION_YEARS} (personal information is kept at least two years after its last administrative use), got "${value}"`,
    );
  return n;
}

/**
 * What the anonymisation writes instead of a name. The web app shows "Anonymised officer" /
 * "Policier anonymisé" for a record whose `anonymisedAt` is set; the stored text is neutral.
 */
export const PLACEHOLDER_NAME = '—';

/** The badge number of an anonymised officer: unique (agency + badge is the natural key). */
export function placeholderBadge(officerId: string): string {
  return `ANON-${officerId}`;
}

/** The e-mail of an anonymised officer's account (unique, undeliverable: `.invalid`). */
export function placeholderEmail(userId: string): string {
  return `anonymised-${userId}@anonymised.invalid`;
}

/**
 * The fields the anonymisation clears, by table: the audit entry names them (never their values).
 * What aggregates and published figures use stays: gender, agency, rank, service start, the
 * deployments with their dates, missions, posts and locations, training and certificates, the
 * qualification kinds and dates, incidents (the officer's link), notices and acknowledgements.
 */
export const anonymisedFields = {
  officers: [
    'givenName',
    'familyName',
    'badgeNumber',
    'dateOfBirth',
    'email',
    'phone',
    'agencyRankTitle',
    'recordFlag',
  ],
  officer_contacts: ['(all rows)'],
  qualifications: ['documentNumber', 'detail'],
  applications: ['statement', 'releaseReason', 'withdrawnReason'],
  assessments: ['notes'],
  deployment_moves: ['reason'],
  deployment_extensions: ['reason', 'decisionNote'],
  deployment_debriefs: ['notes', 'followUp'],
  check_ins: ['note'],
  mission_event_effects: ['note'],
  tour_reports: ['welfare'],
  users: ['email', 'displayName', 'disabledAt', 'sessions'],
  mail_outbox: ['(messages to the officer)'],
} as const;
