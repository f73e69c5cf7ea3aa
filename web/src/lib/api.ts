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

export interface Agency {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  type: 'federal' | 'provincial' | 'municipal' | 'first_nations' | 'regional';
  province: string | null;
  agreementStatus: 'active' | 'inactive' | 'pending';
}

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
  status: 'planned' | 'active' | 'suspended' | 'closed';
  workingLanguage: Lang;
  riskLevel: 'low' | 'moderate' | 'high' | 'extreme';
  armed: boolean;
  headquarters: string | null;
}

export interface MissionDetail extends Mission {
  locations: Array<{ id: string; nameEn: string; nameFr: string }>;
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

export interface FieldError {
  path: string;
  code: string;
  message: string;
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
}

export async function api<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': options.lang,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (response.status === 204) return undefined as T;
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
