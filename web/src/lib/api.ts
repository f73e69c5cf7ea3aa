import type { Lang } from './lang.ts';

/** Shapes returned by the server (src/modules/*\/routes.ts). */
export type Role =
  | 'program_admin'
  | 'program_officer'
  | 'decision_partner'
  | 'agency_coordinator'
  | 'officer'
  | 'contingent_commander'
  | 'auditor';

export const roles: readonly Role[] = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'agency_coordinator',
  'officer',
  'contingent_commander',
  'auditor',
];

export type Partner = 'GAC' | 'PS' | 'RCMP';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partner: Partner | null;
  agencyId: string | null;
  missionId: string | null;
  locale: Lang;
}

export interface Me {
  user: User;
  csrfToken: string;
  abilities: string[];
}

/** GET /api/v1/session/methods: the ways to sign in. */
export interface SignInMethods {
  password: true;
  oidc: { label: { en: string; fr: string } } | null;
}

/** GET /api/v1/session: the session's state and its CSRF token. */
export interface SessionStatus {
  state: 'active' | 'second_factor' | 'enrolment';
  csrfToken: string;
}

/** POST /api/v1/session for an account that must still give a code, or enrol a second factor. */
export interface PendingSignIn {
  secondFactor: 'required' | 'enrolment_required';
  user: null;
  csrfToken: string;
  abilities: [];
}

/** GET /api/v1/me/second-factor */
export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

/** POST /api/v1/me/second-factor */
export interface SecondFactorEnrolment {
  otpauthUri: string;
  secret: string;
  qrCode: string;
}

export interface Agency {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  type: 'federal' | 'provincial' | 'municipal' | 'first_nations' | 'regional';
  province: string | null;
  agreementStatus: AgreementStatus;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  /** Officers of the agency on file. */
  officers: number;
  version: number;
}

export type AgreementStatus = 'active' | 'inactive' | 'pending';
export const agreementStatuses: readonly AgreementStatus[] = ['active', 'inactive', 'pending'];

/** An agency with the accounts of its coordinators (GET /agencies/:id). */
export interface AgencyDetail extends Agency {
  coordinators: Array<{ id: string; displayName: string }>;
}

/** What an agency has given the program (GET /api/v1/agencies/{id}/contributions). */
export interface ContributionLedger {
  deployedNow: number;
  deployedEver: number;
  tours: number;
  byYear: Array<{ year: number; released: number; deployed: number; women: number }>;
}

export type Gender = 'woman' | 'man' | 'another' | 'undisclosed';
export const genders: readonly Gender[] = ['woman', 'man', 'another', 'undisclosed'];

export type QualificationKind =
  | 'language'
  | 'driving_licence'
  | 'firearms'
  | 'medical'
  | 'security_clearance'
  | 'passport'
  | 'un_assessment'
  | 'specialisation'
  | 'skill'
  | 'visa'
  | 'vaccination';
export const qualificationKinds: readonly QualificationKind[] = [
  'language',
  'driving_licence',
  'firearms',
  'medical',
  'security_clearance',
  'passport',
  'un_assessment',
  'specialisation',
  'skill',
  'visa',
  'vaccination',
];
/** Kinds whose detail only program staff and the officer see (src/modules/officers/rules.ts). */
export const sensitiveKinds: readonly QualificationKind[] = [
  'medical',
  'security_clearance',
  'passport',
];
/** A qualification's state today: "expiring" within 90 days of its expiry. */
export type Validity = 'valid' | 'expiring' | 'expired' | 'no_expiry';

/** A row of the officers list. */
export interface OfficerSummary {
  id: string;
  agencyId: string;
  agencyCode: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  rankCode: string;
  serviceStart: string;
  yearsOfService: number;
  version: number;
}

export interface Qualification {
  id: string;
  officerId: string;
  kind: QualificationKind;
  code: string;
  score: number | null;
  passed: boolean | null;
  obtainedOn: string;
  expiresOn: string | null;
  /** null when the caller may not read sensitive fields. */
  documentNumber: string | null;
  /** Medical and clearance detail: null when the caller may not read sensitive fields. */
  detail: string | null;
  validity: Validity;
  version: number;
}

export interface EmergencyContact {
  id: string;
  name: string;
  relationship: string;
  phone: string;
  email: string | null;
  nextOfKin: boolean;
}

export interface PriorMission {
  id: string;
  missionId: string | null;
  missionName: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
}

/** An officer as the caller may see them (GET /officers/:id, GET /me/officer). */
export interface Officer {
  id: string;
  agencyId: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  /** null when not visible to the caller (sensitiveVisible false) or not on file. */
  dateOfBirth: string | null;
  rankCode: string;
  agencyRankTitle: string | null;
  serviceStart: string;
  yearsOfService: number;
  email: string | null;
  phone: string | null;
  preferredLanguage: Lang;
  userId: string | null;
  /** Emergency contacts and next of kin; null when not visible to the caller. */
  contacts: EmergencyContact[] | null;
  qualifications: Qualification[];
  priorMissions: PriorMission[];
  sensitiveVisible: boolean;
  version: number;
}

/** A qualification that expires soon or has just expired (GET /qualifications/expiring). */
export interface ExpiringQualification {
  qualificationId: string;
  kind: QualificationKind;
  code: string;
  expiresOn: string | null;
  validity: Validity;
  officerId: string;
  givenName: string;
  familyName: string;
  badgeNumber: string;
  agencyId: string;
  agencyCode: string;
}

/** What an import did, or would do (dry run). */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  qualificationsAdded: number;
  qualificationsUpdated: number;
  dryRun: boolean;
}

export type MissionStatus = 'planned' | 'active' | 'suspended' | 'closing' | 'closed';
export const missionStatuses: readonly MissionStatus[] = [
  'planned',
  'active',
  'suspended',
  'closing',
  'closed',
];

export interface Mission {
  id: string;
  code: string;
  acronym: string;
  nameEn: string;
  nameFr: string;
  organizationCode: string;
  hostCountryCode: string;
  startDate: string;
  endDate: string | null;
  status: MissionStatus;
  workingLanguage: Lang;
  riskLevel: 'low' | 'moderate' | 'high' | 'extreme';
  armed: boolean;
  headquarters: string | null;
  authorizedStrength: number;
  version: number;
}

export interface MissionLocation {
  id: string;
  nameEn: string;
  nameFr: string;
}

export interface MissionDetail extends Mission {
  locations: MissionLocation[];
  commanders: Array<{ id: string; displayName: string }>;
}

/** One page of a paged list (see src/kernel/http/paging.ts). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Country {
  code: string;
  nameEn: string;
  nameFr: string;
}

export interface Organization {
  code: string;
  nameEn: string;
  nameFr: string;
}

/** A type of post, a role in mission or specialised team, a rank: coded bilingual reference data. */
export interface CodedName {
  code: string;
  nameEn: string;
  nameFr: string;
}

export interface MissionRole extends CodedName {
  kind: 'role' | 'specialised_team';
}

export interface Rank extends CodedName {
  ordinal: number;
}

export type RequestStatus = 'received' | 'under_review' | 'decided' | 'withdrawn';
export const requestStatuses: readonly RequestStatus[] = [
  'received',
  'under_review',
  'decided',
  'withdrawn',
];
export type Outcome = 'approved' | 'approved_with_conditions' | 'declined';
export const outcomes: readonly Outcome[] = ['approved', 'approved_with_conditions', 'declined'];
export type Stance = 'support' | 'support_with_conditions' | 'oppose';
export const stances: readonly Stance[] = ['support', 'support_with_conditions', 'oppose'];
export const partners: readonly Partner[] = ['GAC', 'PS', 'RCMP'];
/** How close the response deadline is; null once the request is decided or withdrawn. */
export type DeadlineState = 'overdue' | 'due_today' | 'due_soon' | 'on_time';

export interface LanguageRequirement {
  language: string;
  minScore: number;
}

interface RequestBase {
  id: string;
  number: string;
  organizationCode: string | null;
  requestingCountryCode: string | null;
  missionId: string;
  noteReference: string;
  receivedOn: string;
  responseDue: string;
  startDate: string;
  tourMonths: number;
  summary: string;
  status: RequestStatus;
  outcome: Outcome | null;
  withdrawnReason: string | null;
  version: number;
}

export interface RequestSummary extends RequestBase {
  mission: { id: string; acronym: string; nameEn: string; nameFr: string; hostCountryCode: string };
  postsWanted: number;
  deadline: DeadlineState | null;
}

export interface RequestLine {
  id: string;
  lineNo: number;
  postCount: number;
  postTypeCode: string;
  teamCode: string | null;
  locationId: string | null;
  languages: LanguageRequirement[];
  minRankCode: string | null;
  minYearsService: number | null;
  skills: string[];
  womenSought: boolean;
  notes: string;
  postsCreated: number;
}

export interface RequestDocument {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Position {
  id: string;
  partner: Partner;
  stance: Stance;
  reasons: string;
  conditions: string | null;
  recordedAt: string;
  version: number;
}

export interface Decision {
  id: string;
  requestId: string;
  sequence: number;
  outcome: Outcome;
  ceiling: number;
  conditions: string | null;
  fundingNote: string | null;
  decidedOn: string;
  rule: string;
  positions: Array<{
    partner: Partner;
    stance: Stance;
    reasons: string;
    conditions: string | null;
  }>;
  supersedesId: string | null;
  recordedAt: string;
}

export interface DecisionListed extends Decision {
  requestNumber: string;
  mission: { id: string; acronym: string; nameEn: string; nameFr: string };
  supersededById: string | null;
}

export interface RequestDetail extends RequestBase {
  mission: {
    id: string;
    code: string;
    acronym: string;
    nameEn: string;
    nameFr: string;
    hostCountryCode: string;
    authorizedStrength: number;
  };
  deadline: DeadlineState | null;
  lines: RequestLine[];
  documents: RequestDocument[];
  positions: Position[];
  decisions: Decision[];
}

export type PostStatus = 'vacant' | 'filled' | 'cancelled';

export interface Post {
  id: string;
  reference: string;
  requestLineId: string | null;
  postTypeCode: string;
  teamCode: string | null;
  locationId: string | null;
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
  succeedsPostId: string | null;
  successorId: string | null;
  /** Days from the predecessor's end: above 0 a gap, below 0 a hand-over overlap. */
  gapBeforeDays: number | null;
  version: number;
}

export interface MissionPlan {
  missionId: string;
  authorizedStrength: number;
  /** Most posts held at once on any day. */
  peak: number;
  heldToday: number;
  counts: Record<PostStatus, number>;
  posts: Post[];
}

export type EvaluationKind = 'periodic' | 'end_of_mission';
export const evaluationKinds: readonly EvaluationKind[] = ['periodic', 'end_of_mission'];
export type EvaluationRating = 'exceeded' | 'met' | 'partially_met' | 'not_met';
export const evaluationRatings: readonly EvaluationRating[] = [
  'exceeded',
  'met',
  'partially_met',
  'not_met',
];

export interface Indicator {
  name: string;
  value: string;
  target?: string | null;
}

export interface Evaluation {
  id: string;
  missionId: string;
  mission: { id: string; acronym: string; nameEn: string; nameFr: string };
  kind: EvaluationKind;
  periodStart: string;
  periodEnd: string;
  rating: EvaluationRating;
  indicators: Indicator[];
  lessonsLearned: string;
  recommendations: string;
  authorName: string | null;
  version: number;
}

export interface FieldError {
  path: string;
  code: string;
  message: string;
  /** Import errors: the line of the file (the header is line 1) and the column's header. */
  line?: number;
  column?: string;
}

/** An error answered by the server, with its message already in the caller's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** The request failed before any answer (offline, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token, sent with every state-changing request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | null = null;
/** Called when a signed-in request answers 401 (the session ended or expired). */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  lang: Lang;
  signal?: AbortSignal;
  /** false: a 401 is an expected answer (sign-in, /me), not a lost session. */
  reportUnauthenticated?: boolean;
  /** A file sent as the raw body, with its type and its (URI-encoded) name in x-file-name. */
  file?: File;
  /**
   * Follow a long operation (an import): asks for its progress stream (JSON lines) and calls
   * this for each step; the last line carries the answer or the error.
   */
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

type StreamLine =
  | ({ type: 'progress' } & Progress)
  | { type: 'report'; report: unknown }
  | {
      type: 'error';
      status: number;
      error: { code: string; message: string; fields?: FieldError[] };
    };

/** Read a progress stream to its last line: the answer, or an ApiError. */
async function readProgress<T>(response: Response, onProgress: (p: Progress) => void): Promise<T> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let last: StreamLine | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = done ? '' : lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
      last = JSON.parse(text) as StreamLine;
      if (last.type === 'progress') onProgress(last);
    }
    if (done) break;
  }
  if (last?.type === 'report') return last.report as T;
  if (last?.type === 'error')
    throw new ApiError(last.status, last.error.code, last.error.message, last.error.fields ?? []);
  throw new ApiError(500, 'internal', response.statusText, []);
}

export async function api<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: options.onProgress ? 'application/x-ndjson, application/json' : 'application/json',
    'accept-language': options.lang,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) {
    headers['content-type'] = options.file.type || 'application/octet-stream';
    headers['x-file-name'] = encodeURIComponent(options.file.name);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.file ? { body: options.file } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (response.status === 204) return undefined as T;
  if (options.onProgress && response.headers.get('content-type')?.includes('x-ndjson'))
    return readProgress<T>(response, options.onProgress);
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null
    )?.error;
    if (response.status === 401 && options.reportUnauthenticated !== false) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? response.statusText,
      error?.fields ?? [],
    );
  }
  return payload as T;
}
