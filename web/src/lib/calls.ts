import { ApiError, type Gender, type LanguageRequirement, type PostStatus } from './api.ts';
import { todayIso } from './format.ts';

/**
 * Calls for candidates, applications and the selection: the shapes the server answers
 * (src/modules/calls/routes.ts, src/modules/selection/routes.ts) and the pages' small helpers.
 */

export type CallStatus = 'open' | 'closed' | 'ratified' | 'cancelled';
export const callStatuses: readonly CallStatus[] = ['open', 'closed', 'ratified', 'cancelled'];
export type Audience = 'all' | 'chosen';

/** A row of the calls list (GET /api/v1/calls). */
export interface CallSummary {
  id: string;
  number: string;
  status: CallStatus;
  closesOn: string;
  audience: Audience;
  womenFloorPercent: number;
  mission: { id: string; acronym: string; nameEn: string; nameFr: string };
  posts: number;
  applications: number;
  version: number;
}

/** A post a call offers. */
export interface CallPost {
  id: string;
  seq: number;
  reference: string;
  postTypeCode: string;
  postTypeNameEn: string | null;
  postTypeNameFr: string | null;
  teamCode: string | null;
  locationNameEn: string | null;
  locationNameFr: string | null;
  requirements: {
    languages: LanguageRequirement[];
    minRankCode: string | null;
    minYearsService: number | null;
    skills: string[];
    womenSought: boolean;
  };
  tourStart: string;
  tourEnd: string;
  status: PostStatus;
}

/** An agency a call names: invited (audience `chosen`), and how many officers it can release. */
export interface CallAgency {
  agencyId: string;
  code: string;
  nameEn: string;
  nameFr: string;
  invited: boolean;
  cap: number | null;
}

/** One call (GET /api/v1/calls/:id). */
export interface CallDetail {
  id: string;
  number: string;
  missionId: string;
  closesOn: string;
  audience: Audience;
  womenFloorPercent: number;
  status: CallStatus;
  notes: string;
  version: number;
  createdAt: string;
  mission: {
    id: string;
    code: string;
    acronym: string;
    nameEn: string;
    nameFr: string;
    workingLanguage: string;
    armed: boolean;
  };
  posts: CallPost[];
  agencies: CallAgency[];
  applications: number;
}

export type ApplicationStatus =
  | 'submitted'
  | 'endorsed'
  | 'not_released'
  | 'screened_in'
  | 'screened_out'
  | 'assessed'
  | 'selected'
  | 'reserve'
  | 'not_selected'
  | 'withdrawn';
export const applicationStatuses: readonly ApplicationStatus[] = [
  'submitted',
  'endorsed',
  'not_released',
  'screened_in',
  'screened_out',
  'assessed',
  'selected',
  'reserve',
  'not_selected',
  'withdrawn',
];

/** A row of the applications list (GET /api/v1/applications). */
export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  callId: string;
  callNumber: string;
  officer: { id: string; givenName: string; familyName: string; agencyId: string };
  nominated: boolean;
  posts: number;
  createdAt: string;
  version: number;
}

export type ScreeningOutcome = 'pass' | 'fail' | 'unknown';
export const screeningOutcomes: readonly ScreeningOutcome[] = ['pass', 'fail', 'unknown'];

/** One screening rule for one post, with the reason in the caller's language (`message`). */
export interface RuleResult {
  rule: string;
  outcome: ScreeningOutcome;
  reason: string;
  params: Record<string, string | number>;
  message: string;
}

export type AssessmentKind =
  'language_test' | 'driving_test' | 'firearms_test' | 'interview' | 'un_assessment';
export const assessmentKinds: readonly AssessmentKind[] = [
  'language_test',
  'driving_test',
  'firearms_test',
  'interview',
  'un_assessment',
];

/** Interview competencies the form offers, each scored 1 to 5. */
export const competencies = [
  'communication',
  'teamwork',
  'planning',
  'judgement',
  'integrity',
] as const;

export interface Assessment {
  id: string;
  applicationId: string;
  kind: AssessmentKind;
  code: string;
  score: number | null;
  passed: boolean;
  competencies: Record<string, number> | null;
  assessedOn: string;
  expiresOn: string | null;
  notes: string;
  createdAt: string;
}

/** One application (GET /api/v1/applications/:id). */
export interface ApplicationDetail {
  id: string;
  callId: string;
  officerId: string;
  status: ApplicationStatus;
  statement: string;
  nominatedBy: string | null;
  releaseDecidedAt: string | null;
  releaseReason: string | null;
  withdrawnReason: string | null;
  reserveRank: number | null;
  version: number;
  createdAt: string;
  officer: {
    id: string;
    givenName: string;
    familyName: string;
    agencyId: string;
    userId: string | null;
    gender: Gender;
  };
  call: {
    id: string;
    number: string;
    status: CallStatus;
    closesOn: string;
    mission: CallDetail['mission'];
  };
  posts: Array<{
    id: string;
    reference: string;
    postTypeCode: string;
    tourStart: string;
    tourEnd: string;
    preference: number;
    screening: { outcome: ScreeningOutcome; rules: RuleResult[] };
  }>;
  assessments: Assessment[];
}

/** What screening a call did (POST /api/v1/calls/:id/screening). */
export interface ScreeningSummary {
  screenedIn: number;
  screenedOut: number;
  changed: number;
}

export type UnplacedReason =
  'no_eligible_post' | 'agency_cap' | 'outscored' | 'women_floor' | 'excluded';

/** The six parts of a placement's suitability score, in the order the board reads them. */
export const scoreParts = [
  'preference',
  'language',
  'interview',
  'unAssessment',
  'specialisation',
  'experience',
] as const;
export type ScorePart = (typeof scoreParts)[number];

interface Candidate {
  applicationId: string;
  officerId: string;
  name: string;
  gender: Gender;
  agencyCode: string;
}

export interface Placement extends Candidate {
  postId: string;
  postReference: string;
  score: number;
  parts: Record<ScorePart, number>;
  pinned: boolean;
  /** The candidate's best post by suitability (when placed elsewhere, the board sees why). */
  bestPostReference: string | null;
}

export interface LeftOut extends Candidate {
  reason: UnplacedReason;
  bestScore: number;
}

export type ProposalStatus = 'optimal' | 'floor_not_met_at_full_fill' | 'infeasible';

/** The optimal selection for a call (GET or POST /api/v1/calls/:id/proposal). */
export interface Proposal {
  call: { id: string; number: string; status: CallStatus; version: number };
  status: ProposalStatus;
  posts: number;
  candidates: number;
  filled: number;
  totalScore: number;
  women: number;
  womenSharePercent: number;
  womenFloorPercent: number;
  maxFillWithoutFloor: number;
  bestFloorAtFullFill: number | null;
  agencyCaps: Array<{ agencyCode: string; cap: number; selected: number }>;
  vacant: Array<{ postId: string; postReference: string }>;
  assignments: Placement[];
  /** Best first: the reserve list's order. */
  unplaced: LeftOut[];
  digest: string;
}

/** What the selection board asks of a proposal: placements to keep, candidates to leave out. */
export interface BoardChoices {
  pinned: Array<{ applicationId: string; postId: string }>;
  excluded: string[];
}

export const noChoices: BoardChoices = { pinned: [], excluded: [] };

// --- Helpers ------------------------------------------------------------------------------------

/** The UUID of a record in a page's address. */
export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Does the call take applications today? Open, until its closing date (inclusive). */
export function takesApplications(
  call: { status: CallStatus; closesOn: string },
  today = todayIso(),
): boolean {
  return call.status === 'open' && today <= call.closesOn;
}

/** Statuses an application can still be withdrawn from (until the selection is ratified). */
const withdrawableStatuses: readonly ApplicationStatus[] = [
  'submitted',
  'endorsed',
  'screened_in',
  'screened_out',
  'assessed',
];
export function withdrawable(status: ApplicationStatus): boolean {
  return withdrawableStatuses.includes(status);
}

/** Tests and interviews are recorded for applications that screened in. */
export function assessable(status: ApplicationStatus): boolean {
  return status === 'screened_in' || status === 'assessed';
}

/** Can screening run for this call (not once ratified or cancelled)? */
export function screenable(status: CallStatus): boolean {
  return status === 'open' || status === 'closed';
}

/**
 * The posts chosen in order of preference, from the choice fields (blank ones skipped, a post
 * chosen twice kept once): the ids to send and, for each, the choice field it came from (so a
 * server error on `postIds.1` lands on the right field).
 */
export function preferenceOrder(choices: readonly string[]): { postIds: string[]; from: number[] } {
  const postIds: string[] = [];
  const from: number[] = [];
  choices.forEach((id, i) => {
    if (!id || postIds.includes(id)) return;
    postIds.push(id);
    from.push(i);
  });
  return { postIds, from };
}

/** The choice fields that repeat a post chosen above them. */
export function repeatedChoices(choices: readonly string[]): number[] {
  return choices.flatMap((id, i) => (id && choices.indexOf(id) < i ? [i] : []));
}

/**
 * The same error with its field paths renamed (the server names fields by their place in the
 * body sent, `postIds.0`; the form by what they are, `post.<id>`). Other errors are unchanged.
 */
export function withFieldPaths(error: unknown, rename: (path: string) => string): unknown {
  if (!(error instanceof ApiError) || error.fields.length === 0) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    error.fields.map((f) => ({ ...f, path: rename(f.path) })),
  );
}

/** Pin or unpin a placement; a pinned candidate is no longer excluded. */
export function withPin(
  choices: BoardChoices,
  pin: { applicationId: string; postId: string },
  on: boolean,
): BoardChoices {
  const others = choices.pinned.filter((p) => p.applicationId !== pin.applicationId);
  return on
    ? {
        pinned: [...others, pin],
        excluded: choices.excluded.filter((id) => id !== pin.applicationId),
      }
    : { ...choices, pinned: others };
}

/** Exclude a candidate or take them back; an excluded candidate's pin goes. */
export function withExclusion(
  choices: BoardChoices,
  applicationId: string,
  on: boolean,
): BoardChoices {
  const others = choices.excluded.filter((id) => id !== applicationId);
  return on
    ? {
        pinned: choices.pinned.filter((p) => p.applicationId !== applicationId),
        excluded: [...others, applicationId],
      }
    : { ...choices, excluded: others };
}

/** Do two sets of board choices ask the same (in any order)? */
export function sameChoices(a: BoardChoices, b: BoardChoices): boolean {
  const pins = (c: BoardChoices) =>
    c.pinned
      .map((p) => `${p.applicationId}:${p.postId}`)
      .sort()
      .join(',');
  const excluded = (c: BoardChoices) => [...c.excluded].sort().join(',');
  return pins(a) === pins(b) && excluded(a) === excluded(b);
}

/** The calendar date (YYYY-MM-DD, where the user is) of a moment the server recorded. */
export function dateOfTimestamp(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp.slice(0, 10) : todayIso(date);
}
