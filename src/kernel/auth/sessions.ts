import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { secondFactors } from '../../modules/account/schema.ts';
import { sessions, users, type Role, type SessionState } from '../../modules/users/schema.ts';
import { actorOf, type Actor } from './actor.ts';

export const SESSION_COOKIE = 'peaceops_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash of the cookie token is stored: a leaked sessions table opens no session. */
export function sessionIdOf(cookieToken: string): string {
  return createHash('sha256').update(cookieToken).digest('hex');
}

/** Pure rule: is a session still alive at `now`? */
export function sessionAlive(
  s: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy,
): boolean {
  return now < s.expiresAt && now.getTime() - s.lastSeenAt.getTime() < policy.idleMinutes * 60_000;
}

/** A new session with a new id (at every sign-in: no fixation). */
export async function startSession(
  tx: Tx,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  state: SessionState = 'active',
  device: string | null = null,
): Promise<{ cookieToken: string; csrfToken: string }> {
  const cookieToken = token();
  const csrfToken = token();
  await tx.insert(sessions).values({
    id: sessionIdOf(cookieToken),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    state,
    authenticatedAt: state === 'second_factor' ? null : now,
    device,
  });
  return { cookieToken, csrfToken };
}

/**
 * Pure rule (the second-factor gate): the state a new session starts in. An account with a
 * second factor must give a code unless the sign-in method already satisfied one; an account of
 * a role that requires one, without it, may only enrol.
 */
export function sessionStateFor(
  role: Role,
  hasSecondFactor: boolean,
  requiredRoles: readonly Role[],
  secondFactorSatisfied: boolean,
): SessionState {
  if (hasSecondFactor) return secondFactorSatisfied ? 'active' : 'second_factor';
  return requiredRoles.includes(role) ? 'enrolment' : 'active';
}

export async function hasSecondFactor(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: secondFactors.userId })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  return !!row;
}

/**
 * THE one place every sign-in method (password, single sign-on) starts a session: it applies the
 * second-factor gate. `secondFactorSatisfied`: the method itself proved a second factor.
 */
export async function beginSession(
  tx: Tx,
  user: { id: string; role: Role },
  now: Date,
  policy: SessionPolicy & { mfaRequiredRoles: readonly Role[] },
  options: { secondFactorSatisfied: boolean; device?: string | null },
): Promise<{ cookieToken: string; csrfToken: string; state: SessionState }> {
  const state = sessionStateFor(
    user.role,
    await hasSecondFactor(tx, user.id),
    policy.mfaRequiredRoles,
    options.secondFactorSatisfied,
  );
  return {
    ...(await startSession(tx, user.id, now, policy, state, options.device ?? null)),
    state,
  };
}

/**
 * A pending session that has passed its step becomes active under a new id (the cookie changes;
 * the CSRF token stays), stamped as just authenticated.
 */
export async function activateSession(
  tx: Tx,
  sessionId: string,
  now: Date,
): Promise<{ cookieToken: string }> {
  const cookieToken = token();
  await tx
    .update(sessions)
    .set({ id: sessionIdOf(cookieToken), state: 'active', authenticatedAt: now, lastSeenAt: now })
    .where(eq(sessions.id, sessionId));
  return { cookieToken };
}

/** Re-authentication: the session proved its user again at `now`. */
export async function stampAuthenticated(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ authenticatedAt: now }).where(eq(sessions.id, sessionId));
}

/** Pure rule: did the session authenticate within the last `minutes`? */
export function recentlyAuthenticated(
  authenticatedAt: Date | null,
  now: Date,
  minutes: number,
): boolean {
  if (!authenticatedAt) return false;
  const age = now.getTime() - authenticatedAt.getTime();
  return age >= 0 && age <= minutes * 60_000;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  state: SessionState;
  authenticatedAt: Date | null;
}

/** The live session of a cookie token, touched to keep it alive; expired ones are removed. */
export async function resolveSession(
  tx: Tx,
  cookieToken: string,
  now: Date,
  policy: SessionPolicy,
): Promise<ResolvedSession | null> {
  const id = sessionIdOf(cookieToken);
  const [row] = await tx
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  if (!sessionAlive(row.session, now, policy) || row.user.disabledAt) {
    await tx.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: keeps reads cheap while the idle timeout stays accurate.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    sessionId: id,
    csrfToken: row.session.csrfToken,
    actor: actorOf(row.user),
    state: row.session.state,
    authenticatedAt: row.session.authenticatedAt,
  };
}

export async function endSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** End every session of a user (disable, password change elsewhere). */
export async function endUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}
