import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { actorOf, type Actor } from '../../kernel/auth/actor.ts';
import {
  assertPasswordAcceptable,
  decoy,
  hashPassword,
  verifyPassword,
} from '../../kernel/auth/password.ts';
import { beginSession, endSession, type SessionPolicy } from '../../kernel/auth/sessions.ts';
import { AppError } from '../../kernel/errors.ts';
import { sessions, users, type Role, type SessionState } from '../users/schema.ts';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Sign in with email and password. Unknown email, wrong password and disabled account give the
 * same answer; a locked account says for how long. Every outcome is audited (by user id, never
 * by the email typed).
 */
export async function signIn(
  db: Db,
  ctx: AuditContext,
  input: { email: string; password: string },
  policies: { session: SessionPolicy; lockout: LockoutPolicy; mfaRequiredRoles: readonly Role[] },
  device: string | null = null,
): Promise<{ actor: Actor; cookieToken: string; csrfToken: string; state: SessionState }> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email.trim()})`);
  if (!user) {
    await verifyPassword(await decoy(), input.password);
    await db.transaction((tx) =>
      writeAudit(tx, ctx, { action: 'session.create', recordType: 'session', outcome: 'denied' }),
    );
    throw new AppError('invalid_credentials');
  }
  const now = ctx.now;
  const userCtx = { ...ctx, actorId: user.id, actorRole: user.role };
  if (user.lockedUntil && user.lockedUntil > now) {
    await db.transaction((tx) =>
      writeAudit(tx, userCtx, {
        action: 'session.create',
        recordType: 'user',
        recordId: user.id,
        outcome: 'denied',
        changes: { reason: [null, 'locked'] },
      }),
    );
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('account_locked', {
      minutes: Math.ceil(seconds / 60),
      retryAfterSeconds: seconds,
    });
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || user.disabledAt) {
    await db.transaction(async (tx) => {
      if (!passwordOk) {
        await countFailure(tx, userCtx, user.id, policies.lockout, 'wrong_password');
      } else {
        await writeAudit(tx, userCtx, {
          action: 'session.create',
          recordType: 'user',
          recordId: user.id,
          outcome: 'denied',
          changes: { reason: [null, 'disabled'] },
        });
      }
    });
    throw new AppError('invalid_credentials');
  }
  return db.transaction(async (tx) => {
    const started = await beginSession(
      tx,
      user,
      now,
      { ...policies.session, mfaRequiredRoles: policies.mfaRequiredRoles },
      { secondFactorSatisfied: false, device },
    );
    // A pending session has not signed in yet: the failures count on until the code is right.
    if (started.state !== 'second_factor' && (user.failedLoginCount > 0 || user.lockedUntil)) {
      await tx
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null })
        .where(eq(users.id, user.id));
    }
    await writeAudit(tx, userCtx, {
      action: 'session.create',
      recordType: 'user',
      recordId: user.id,
      ...(started.state === 'active' ? {} : { changes: { state: [null, started.state] } }),
    });
    return { actor: actorOf(user), ...started };
  });
}

/**
 * One more failed proof (password or second-factor code) toward the lockout, counted atomically
 * in SQL so concurrent guesses cannot slip past it. Returns whether the account is now locked.
 */
export async function countFailure(
  tx: Tx,
  ctx: AuditContext,
  userId: string,
  lockout: LockoutPolicy,
  reason: string,
): Promise<boolean> {
  const lockAt = new Date(ctx.now.getTime() + lockout.lockMinutes * 60_000);
  const reached = sql`${users.failedLoginCount} + 1 >= ${lockout.maxFailures}`;
  const [after] = await tx
    .update(users)
    .set({
      failedLoginCount: sql`case when ${reached} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${reached} then ${lockAt.toISOString()}::timestamptz else null end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  const locked = after?.lockedUntil ?? null;
  await writeAudit(tx, ctx, {
    action: locked ? 'user.lock' : 'session.create',
    recordType: 'user',
    recordId: userId,
    outcome: locked ? 'ok' : 'denied',
    changes: locked ? { lockedUntil: [null, locked.toISOString()] } : { reason: [null, reason] },
  });
  return !!locked;
}

export async function signOut(db: Db, ctx: AuditContext, sessionId: string, actor: Actor) {
  await db.transaction(async (tx) => {
    await endSession(tx, sessionId);
    await writeAudit(tx, ctx, { action: 'session.delete', recordType: 'user', recordId: actor.id });
  });
}

/**
 * Change one's own password: the current one is required, the new one must pass the rules.
 * Every other session of the account ends; the caller's own session continues.
 */
export async function changePassword(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('not_found');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action: 'user.change_password',
        recordType: 'user',
        recordId: user.id,
        outcome: 'denied',
      }),
    );
    throw new AppError('password_incorrect');
  }
  if (input.newPassword === input.currentPassword) throw new AppError('password_reused');
  assertPasswordAcceptable(input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: ctx.now,
        updatedAt: ctx.now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(sql`${sessions.userId} = ${user.id} and ${sessions.id} <> ${currentSessionId}`);
    await writeAudit(tx, ctx, {
      action: 'user.change_password',
      recordType: 'user',
      recordId: user.id,
      changes: { passwordChangedAt: [user.passwordChangedAt.toISOString(), ctx.now.toISOString()] },
    });
  });
}
