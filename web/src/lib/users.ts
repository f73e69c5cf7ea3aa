import type { TFunction } from 'i18next';
import type { Partner, User } from './api.ts';

/** An account as administrators see it (GET /api/v1/users, src/modules/users/routes.ts). */
export interface AdminUser extends User {
  disabled: boolean;
  status: UserStatus;
  version: number;
  createdAt: string;
}

export type UserStatus = 'active' | 'invited' | 'disabled';
export const userStatuses: readonly UserStatus[] = ['active', 'invited', 'disabled'];
export const partnerCodes: readonly Partner[] = ['GAC', 'PS', 'RCMP'];

/** A live session (GET /api/v1/me/sessions, /api/v1/users/{id}/sessions). */
export interface UserSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** "Chrome on Linux", as stored at sign-in (English words from the server). */
  device: string | null;
  current: boolean;
}

/** The device in the page's language: the server stores "<browser> on <os>". */
export function deviceLabel(t: TFunction, device: string | null): string {
  if (!device || device === 'Other') return t('users:sessions.unknownDevice');
  const match = /^(.+) on (.+)$/.exec(device);
  return match ? t('users:sessions.deviceOn', { browser: match[1], os: match[2] }) : device;
}

/** The token of an e-mailed link: the URL fragment (never sent to the server by the browser). */
export function tokenOfHash(hash: string): string | null {
  const token = hash.replace(/^#/, '').trim();
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}
