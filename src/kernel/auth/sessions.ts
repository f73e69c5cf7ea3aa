import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { sessions, users } from '../../modules/users/schema.ts';
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
    device,
  });
  return { cookieToken, csrfToken };
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
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
  return { sessionId: id, csrfToken: row.session.csrfToken, actor: actorOf(row.user) };
}

export async function endSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** End every session of a user (disable, password change elsewhere). */
export async function endUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}
