import { todayIso } from './format.ts';

/**
 * Training and readiness: the shapes the server answers (src/modules/training/routes.ts,
 * src/modules/deployments/routes.ts) and the pages' small helpers.
 */

export type Delivery = 'in_person' | 'virtual' | 'blended';
export const deliveries: readonly Delivery[] = ['in_person', 'virtual', 'blended'];

export type SessionLanguage = 'en' | 'fr' | 'bilingual';
export const sessionLanguages: readonly SessionLanguage[] = ['en', 'fr', 'bilingual'];

export type SessionStatus = 'scheduled' | 'cancelled' | 'completed';

export type EnrolmentStatus =
  'enrolled' | 'waitlisted' | 'withdrawn' | 'attended' | 'absent' | 'passed' | 'failed';

/** Who must hold a course's certificate: every deployed officer, or some post types, teams, missions. */
export interface CourseRequirement {
  everyone: boolean;
  postTypes: string[];
  teams: string[];
  missionCodes: string[];
}

/** A course of the catalogue (GET /api/v1/courses). */
export interface Course {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  delivery: Delivery;
  durationDays: number;
  /** Grade needed to pass, in percent; null: pass or fail without a grade. */
  passMark: number | null;
  /** Months a certificate stays valid; null: it does not expire. */
  validityMonths: number | null;
  requiredFor: CourseRequirement;
  version: number;
}

/** A course as sessions and records name it. */
export interface CourseRef {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
}

/** A row of the sessions list (GET /api/v1/sessions). */
export interface SessionSummary {
  id: string;
  course: CourseRef;
  startsOn: string;
  endsOn: string;
  place: string | null;
  virtualLink: string | null;
  capacity: number;
  language: SessionLanguage;
  status: SessionStatus;
  seatsTaken: number;
  waiting: number;
  version: number;
}

/** An officer's place in a session, as the session page lists it. */
export interface SessionEnrolment {
  id: string;
  status: EnrolmentStatus;
  /** Order on the waiting list (1 = next in). */
  waitlistPosition: number | null;
  grade: number | null;
  version: number;
  officer: { id: string; givenName: string; familyName: string; agencyId: string };
}

/** One session (GET /api/v1/sessions/:id): its enrolments are those the caller may see. */
export interface SessionDetail extends SessionSummary {
  enrolments: SessionEnrolment[];
}

/** An enrolment as written (POST /sessions/:id/enrolments, /enrolments/:id/withdraw). */
export interface Enrolment {
  id: string;
  sessionId: string;
  officerId: string;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  grade: number | null;
  version: number;
}

export interface Certificate {
  id: string;
  officerId: string;
  courseId: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** What recording a result did (POST /enrolments/:id/result): a pass issues a certificate. */
export interface ResultAnswer {
  enrolment: Enrolment;
  certificate: Certificate | null;
}

/** An officer's training record (GET /api/v1/officers/:id/training). */
export interface TrainingRecord {
  enrolments: Array<{
    id: string;
    status: EnrolmentStatus;
    waitlistPosition: number | null;
    grade: number | null;
    version: number;
    session: {
      id: string;
      startsOn: string;
      endsOn: string;
      place: string | null;
      virtualLink: string | null;
      language: SessionLanguage;
    };
    course: CourseRef;
  }>;
  certificates: Array<{
    id: string;
    issuedOn: string;
    expiresOn: string | null;
    course: CourseRef;
  }>;
}

export type DeploymentState =
  | 'selected'
  | 'preparing'
  | 'ready'
  | 'in_transit'
  | 'in_theatre'
  | 'remote'
  | 'repatriating'
  | 'returned'
  | 'closed'
  | 'withdrawn';

export type ReadinessStatus = 'done' | 'missing' | 'expiring';

/** One item of a readiness checklist, with what to do in the caller's language (`message`). */
export interface ReadinessItem {
  item: string;
  /** The course's id, or the vaccine's code, for items that repeat. */
  ref: string | null;
  status: ReadinessStatus;
  reason: string;
  params: Record<string, string | number>;
  message: string;
}

/** A deployment with its readiness checklist (GET /api/v1/deployments/:id, a board row). */
export interface Deployment {
  id: string;
  state: DeploymentState;
  plannedStart: string;
  plannedEnd: string;
  version: number;
  /** The moves open to it, from the server's table (GET /deployments/{id} only). */
  nextStates?: readonly DeploymentState[];
  officer: {
    id: string;
    givenName: string;
    familyName: string;
    agencyId: string;
    userId: string | null;
  };
  agencyCode: string;
  mission: {
    id: string;
    code: string;
    acronym: string;
    nameEn: string;
    nameFr: string;
    organizationCode: string;
    hostCountryCode: string;
    requiredVaccinations: string[];
  };
  post: {
    id: string;
    seq: number;
    postTypeCode: string;
    teamCode: string | null;
    reference: string;
  } | null;
  readiness: { items: ReadinessItem[]; blocking: number };
  location?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  mode?: 'in_theatre' | 'remote' | 'virtual' | null;
  /** GET /deployments/{id} only, from here on. */
  moves?: DeploymentMove[];
  /** The next states whose move needs a reason. */
  reasonNeeded?: readonly DeploymentState[];
  extensions?: DeploymentExtension[];
  rotation?: { predecessor: RotationLink | null; successor: RotationLink | null };
  debrief?: Debrief | null;
  endOfTourReport?: { status: 'draft' | 'submitted'; submittedAt: string | null } | null;
  /** Once returned: what closing still needs. */
  closing?: { needs: ClosingItem[] } | null;
  /** What the caller may do on it now (the server's policy and rules together). */
  can?: DeploymentAbilities;
}

export interface DeploymentMove {
  from: DeploymentState;
  to: DeploymentState;
  reason: string | null;
  actorRole: string | null;
  at: string;
}

export interface DeploymentExtension {
  id: string;
  previousEnd: string;
  newEnd: string;
  reason: string;
  status: 'requested' | 'approved' | 'declined';
  requestedByRole: string | null;
  requestedAt: string;
  decidedByRole: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** May the caller decide it (program staff, not the person who asked)? */
  decidable: boolean;
  requestedByMe: boolean;
}

export interface RotationLink {
  id: string;
  state: DeploymentState;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  officer: { id: string; givenName: string; familyName: string };
  /** The days both officers are on the post. */
  handoverDays: number;
}

export interface Debrief {
  heldOn: string;
  notes: string;
  followUp: string | null;
  recordedByRole: string | null;
  recordedAt: string;
}

export type ClosingItem = 'end_of_tour_report' | 'debrief';

export interface DeploymentAbilities {
  move: boolean;
  editLocation: boolean;
  requestExtension: boolean;
  addSuccessor: boolean;
  recordDebrief: boolean;
  readEndOfTourReport: boolean;
  writeEndOfTourReport: boolean;
}

export const tourReportParts = [
  'achievements',
  'challenges',
  'recommendations',
  'welfare',
  'lessonsLearned',
  'summary',
] as const;
export type TourReportPart = (typeof tourReportParts)[number];

/** GET/PUT /api/v1/deployments/{id}/end-of-tour-report */
export interface EndOfTourReportAnswer {
  report:
    | ({
        id: string;
        status: 'draft' | 'submitted';
        submittedAt: string | null;
        version: number;
        updatedAt: string;
      } & Record<TourReportPart, string>)
    | null;
  state: DeploymentState;
  /** May the caller write it now (the officer themself, out of theatre, not yet submitted)? */
  editable: boolean;
}

// --- Helpers ------------------------------------------------------------------------------------

/** Enrolments that can still be withdrawn from: a seat, or a place on the waiting list. */
export function withdrawableEnrolment(status: EnrolmentStatus): boolean {
  return status === 'enrolled' || status === 'waitlisted';
}

/** Enrolments whose attendance or result can still be recorded. */
export function awaitingResult(status: EnrolmentStatus): boolean {
  return status === 'enrolled' || status === 'attended';
}

/** An enrolment that holds a seat or a waiting-list place, or has a result (not withdrawn). */
export function activeEnrolment(status: EnrolmentStatus): boolean {
  return status !== 'withdrawn';
}

/** The calendar date `days` days after (or before) a date, YYYY-MM-DD. */
export function shiftDate(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Which sessions the catalogue lists: starting today or later, already started, or all. */
export type SessionWindow = 'upcoming' | 'earlier' | 'all';
export const sessionWindows: readonly SessionWindow[] = ['upcoming', 'earlier', 'all'];

/** The sessions list's query for a window and a course (the server bounds the start date). */
export function sessionsQuery(
  window: string,
  courseId: string,
  today: string = todayIso(),
): string {
  const query = new URLSearchParams();
  if (courseId) query.set('courseId', courseId);
  if (window === 'earlier') query.set('to', shiftDate(today, -1));
  else if (window !== 'all') query.set('from', today);
  return query.toString();
}

/** A certificate's state today: still valid, expired, or one that does not expire. */
export function certificateState(
  expiresOn: string | null,
  today: string = todayIso(),
): 'valid' | 'expired' | 'no_expiry' {
  if (expiresOn === null) return 'no_expiry';
  return expiresOn < today ? 'expired' : 'valid';
}

/** An officer's sessions: those not yet over (soonest first), and past ones (latest first). */
export function splitByDate<T extends { session: { startsOn: string; endsOn: string } }>(
  enrolments: readonly T[],
  today: string = todayIso(),
): { upcoming: T[]; past: T[] } {
  const upcoming = enrolments
    .filter((e) => e.session.endsOn >= today)
    .sort((a, b) => a.session.startsOn.localeCompare(b.session.startsOn));
  const past = enrolments
    .filter((e) => e.session.endsOn < today)
    .sort((a, b) => b.session.startsOn.localeCompare(a.session.startsOn));
  return { upcoming, past };
}

/** A web address safe to link to (http or https); anything else is shown as text. */
export function linkable(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Who must take a course, from the form's choice: everyone, some posts/teams/missions, or no one. */
export type Audience = 'everyone' | 'some' | 'none';

export function requirementOf(
  audience: Audience,
  chosen: {
    postTypes: readonly string[];
    teams: readonly string[];
    missionCodes: readonly string[];
  },
): CourseRequirement {
  if (audience === 'everyone')
    return { everyone: true, postTypes: [], teams: [], missionCodes: [] };
  if (audience === 'none') return { everyone: false, postTypes: [], teams: [], missionCodes: [] };
  return {
    everyone: false,
    postTypes: [...chosen.postTypes],
    teams: [...chosen.teams],
    missionCodes: [...chosen.missionCodes],
  };
}

/** Does the requirement name anyone (everyone, or at least one post type, team or mission)? */
export function requiresAnyone(r: CourseRequirement): boolean {
  return r.everyone || r.postTypes.length + r.teams.length + r.missionCodes.length > 0;
}

/** Instructors typed one per line (or separated by semicolons), blanks dropped. */
export function instructorsOf(text: string): string[] {
  return text
    .split(/[\n;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
