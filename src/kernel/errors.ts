/**
 * Errors carry a stable code; this table is the one place that maps codes to HTTP statuses.
 * Messages are looked up by code in locales/<lang>/errors.json at the edge (see http/errors.ts).
 */
export const errorStatus = {
  validation_failed: 400,
  import_invalid: 400,
  password_too_short: 400,
  password_too_common: 400,
  password_contains_email: 400,
  password_reused: 400,
  scope_required: 400,
  unknown_agency: 400,
  unknown_mission: 400,
  unknown_reference: 400,
  report_period_reversed: 400,
  invitation_invalid: 400,
  invitation_expired: 400,
  reset_invalid: 400,
  reset_expired: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  oidc_failed: 401,
  oidc_no_account: 401,
  oidc_email_unverified: 401,
  password_incorrect: 403,
  reauthentication_required: 403,
  second_factor_invalid: 400,
  second_factor_code_required: 400,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  email_taken: 409,
  invalid_transition: 409,
  request_closed: 409,
  request_lines_in_use: 409,
  request_not_approved: 409,
  decision_positions_missing: 409,
  decision_positions_disagree: 409,
  decision_final: 409,
  ceiling_exceeded: 409,
  line_count_exceeded: 409,
  stale_version: 409,
  call_closed: 409,
  call_not_for_agency: 409,
  call_post_taken: 409,
  application_exists: 409,
  proposal_changed: 409,
  enrolment_exists: 409,
  readiness_incomplete: 409,
  deployment_overlap: 409,
  event_in_force: 409,
  no_evacuation: 409,
  evacuated: 409,
  mission_travel_held: 409,
  not_checking_in: 409,
  incident_closed: 409,
  notice_no_recipients: 409,
  extension_not_open: 409,
  extension_pending: 409,
  extension_decided: 409,
  own_request: 403,
  self_change_refused: 403,
  last_admin: 409,
  closing_incomplete: 409,
  successor_exists: 409,
  deployment_ended: 409,
  tour_report_not_open: 409,
  tour_report_submitted: 409,
  debrief_not_open: 409,
  history_exists: 409,
  second_factor_exists: 409,
  second_factor_not_enrolled: 409,
  second_factor_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  document_type_refused: 415,
  account_locked: 429,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  oidc_unavailable: 503,
  second_factor_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the field (e.g. "email", "posts.0.count"). */
  path: string;
  /** Stable sub-code (e.g. "validation.required"). */
  code: string;
  params?: Record<string, unknown>;
  /** For a file (an import): the line (1 is the header) and the column as named in the file. */
  line?: number;
  column?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, fields?: FieldError[]) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorStatus, value);
}
