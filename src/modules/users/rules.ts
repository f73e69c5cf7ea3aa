import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/errors.ts';
import type { Partner, Role } from './schema.ts';

/**
 * Pure rules of account administration: no one raises their own privileges, the program keeps
 * at least one active administrator, e-mailed links are single-use and expire.
 */

/** The stored password hash of an account that has none yet (invited) or lost it (reset). */
export const NO_PASSWORD = { invited: '!invited', reset: '!reset' } as const;

export type UserStatus = 'active' | 'invited' | 'disabled';

export function statusOf(u: { disabledAt: Date | null; passwordHash: string }): UserStatus {
  if (u.disabledAt) return 'disabled';
  return u.passwordHash === NO_PASSWORD.invited ? 'invited' : 'active';
}

export interface Privileges {
  role: Role;
  partner: Partner | null;
  agencyId: string | null;
  missionId: string | null;
}

/** Do two sets of privileges differ (role or any part of the scope)? */
export function privilegesDiffer(a: Privileges, b: Privileges): boolean {
  return (
    a.role !== b.role ||
    a.partner !== b.partner ||
    a.agencyId !== b.agencyId ||
    a.missionId !== b.missionId
  );
}

/**
 * An administrator acting on their own account through the administration routes: their role,
 * scope, status or password are not theirs to change (403 `self_change_refused`).
 */
export function assertNotSelf(actorId: string, targetId: string): void {
  if (actorId === targetId) throw new AppError('self_change_refused');
}

/**
 * The program keeps at least one active administrator: refuse a change that would leave none.
 * `activeAdminIds` are the active program administrators now (read under lock);
 * `targetStaysAdmin`: whether the target is still an active administrator after the change.
 */
export function assertAdminsRemain(
  activeAdminIds: readonly string[],
  targetId: string,
  targetStaysAdmin: boolean,
): void {
  if (targetStaysAdmin || !activeAdminIds.includes(targetId)) return;
  if (activeAdminIds.filter((id) => id !== targetId).length === 0) throw new AppError('last_admin');
}

/** A random link token (32 bytes) and the hash that is stored. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: linkTokenHash(token) };
}

export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type LinkState = 'valid' | 'expired' | 'invalid';

/** Is a stored link (or its absence) usable at `now`? */
export function linkState(row: { expiresAt: Date } | null | undefined, now: Date): LinkState {
  if (!row) return 'invalid';
  return now < row.expiresAt ? 'valid' : 'expired';
}

/** A coarse description of a browser from its User-Agent: "Chrome on Linux". */
export function deviceOf(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /Firefox\/|FxiOS\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|Chromium\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /CrOS/.test(ua)
        ? 'ChromeOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /Linux|X11/.test(ua)
              ? 'Linux'
              : null;
  if (!browser && !os) return 'Other';
  if (!os) return browser;
  return `${browser ?? 'Other'} on ${os}`;
}
