import { and, eq, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { actorOf, type Actor } from '../../kernel/auth/actor.ts';
import { verifyPassword } from '../../kernel/auth/password.ts';
import { open, seal } from '../../kernel/auth/secretbox.ts';
import { activateSession, endSession, stampAuthenticated } from '../../kernel/auth/sessions.ts';
import {
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  verifyTotp,
} from '../../kernel/auth/totp.ts';
import { AppError } from '../../kernel/errors.ts';
import { queueMail } from '../../kernel/mail/mail.ts';
import { translator } from '../../kernel/i18n.ts';
import { sessions, users, type Role } from '../users/schema.ts';
import { countFailure, type LockoutPolicy } from './account.ts';
import { recoveryCodes, secondFactors } from './schema.ts';

/**
 * The TOTP second factor of one's own account: enrol (start, then confirm with a first code),
 * remove, regenerate recovery codes; the second sign-in step; re-authentication; e-mail change.
 * Audit entries say what happened, never a secret, a code or a recovery code.
 */

export interface Enrolment {
  otpauthUri: string;
  secret: string;
  /** The otpauth URI as a QR code: an SVG image in a data: URL (the CSP allows img-src data:). */
  qrCode: string;
}

async function factorOf(tx: Tx, userId: string) {
  const [row] = await tx.select().from(secondFactors).where(eq(secondFactors.userId, userId));
  return row ?? null;
}

export async function secondFactorStatus(db: Db, actor: Actor, requiredRoles: readonly Role[]) {
  const row = await factorOf(db, actor.id);
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)));
  return {
    enabled: !!row?.confirmedAt,
    enabledAt: row?.confirmedAt?.toISOString() ?? null,
    required: requiredRoles.includes(actor.role),
    recoveryCodesLeft: row?.confirmedAt ? (left?.n ?? 0) : 0,
  };
}

/** Start (or restart) an enrolment: a new secret, not active until a first code confirms it. */
export async function startEnrolment(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  key: Buffer,
): Promise<Enrolment> {
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    const existing = await factorOf(tx, actor.id);
    if (existing?.confirmedAt) throw new AppError('second_factor_exists');
    const secretEnc = seal(key, secret);
    if (existing)
      await tx
        .update(secondFactors)
        .set({ secretEnc, lastStep: null, createdAt: ctx.now })
        .where(eq(secondFactors.userId, actor.id));
    else
      await tx
        .insert(secondFactors)
        .values({ userId: actor.id, secretEnc, createdAt: ctx.now, confirmedAt: null });
    await writeAudit(tx, ctx, {
      action: 'user.second_factor.start',
      recordType: 'user',
      recordId: actor.id,
    });
  });
  const uri = otpauthUri(secret, actor.email);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    otpauthUri: uri,
    secret,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c), createdAt: now })));
  return codes;
}

/**
 * Confirm the enrolment with a first code: the factor becomes active, 10 recovery codes are made
 * (returned once). A session that could only enrol becomes a full session (new cookie token).
 */
export async function confirmEnrolment(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  session: { sessionId: string; state: string },
  code: string,
  key: Buffer,
): Promise<{ recoveryCodes: string[]; cookieToken: string | null }> {
  return db.transaction(async (tx) => {
    const row = await factorOf(tx, actor.id);
    if (!row || row.confirmedAt) throw new AppError('second_factor_not_enrolled');
    const step = verifyTotp(open(key, row.secretEnc), code, ctx.now, row.lastStep);
    if (step === null) throw new AppError('second_factor_invalid');
    await tx
      .update(secondFactors)
      .set({ confirmedAt: ctx.now, lastStep: step })
      .where(eq(secondFactors.userId, actor.id));
    const codes = await replaceRecoveryCodes(tx, actor.id, ctx.now);
    // The other sessions of the account were opened without the factor: they end.
    await tx
      .delete(sessions)
      .where(sql`${sessions.userId} = ${actor.id} and ${sessions.id} <> ${session.sessionId}`);
    const activated =
      session.state === 'enrolment' ? await activateSession(tx, session.sessionId, ctx.now) : null;
    await writeAudit(tx, ctx, {
      action: 'user.second_factor.enable',
      recordType: 'user',
      recordId: actor.id,
    });
    return { recoveryCodes: codes, cookieToken: activated?.cookieToken ?? null };
  });
}

export async function removeSecondFactor(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  requiredRoles: readonly Role[],
) {
  if (requiredRoles.includes(actor.role)) throw new AppError('second_factor_required');
  await db.transaction(async (tx) => {
    const row = await factorOf(tx, actor.id);
    if (!row) throw new AppError('second_factor_not_enrolled');
    await tx.delete(secondFactors).where(eq(secondFactors.userId, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await writeAudit(tx, ctx, {
      action: 'user.second_factor.remove',
      recordType: 'user',
      recordId: actor.id,
    });
  });
}

export async function regenerateRecoveryCodes(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const row = await factorOf(tx, actor.id);
    if (!row?.confirmedAt) throw new AppError('second_factor_not_enrolled');
    const codes = await replaceRecoveryCodes(tx, actor.id, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'user.second_factor.recovery_codes',
      recordType: 'user',
      recordId: actor.id,
    });
    return codes;
  });
}

/**
 * Check a code (or a recovery code) of an account's active factor and consume it: the step is
 * remembered (no replay), the recovery code marked used. False when wrong, old or used.
 */
export async function consumeSecondFactor(
  tx: Tx,
  userId: string,
  proof: { code?: string | undefined; recoveryCode?: string | undefined },
  now: Date,
  key: Buffer,
): Promise<'code' | 'recovery_code' | null> {
  const row = await factorOf(tx, userId);
  if (!row?.confirmedAt) return null;
  if (proof.code) {
    const step = verifyTotp(open(key, row.secretEnc), proof.code, now, row.lastStep);
    if (step === null) return null;
    // Guarded in SQL too: two requests with the same code cannot both pass.
    const taken = await tx
      .update(secondFactors)
      .set({ lastStep: step })
      .where(
        and(
          eq(secondFactors.userId, userId),
          sql`(${secondFactors.lastStep} is null or ${secondFactors.lastStep} < ${step})`,
        ),
      )
      .returning({ userId: secondFactors.userId });
    return taken.length ? 'code' : null;
  }
  if (proof.recoveryCode) {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, recoveryCodeHash(proof.recoveryCode)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return used.length ? 'recovery_code' : null;
  }
  return null;
}

/**
 * The second sign-in step of a pending session. A wrong code counts toward the lockout; once
 * locked, the pending session ends. A right one makes the session active (new cookie token).
 */
export async function completeSignIn(
  db: Db,
  ctx: AuditContext,
  session: { sessionId: string; actor: Actor },
  proof: { code?: string | undefined; recoveryCode?: string | undefined },
  lockout: LockoutPolicy,
  key: Buffer,
): Promise<{ actor: Actor; cookieToken: string }> {
  const userId = session.actor.id;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) throw new AppError('unauthenticated');
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await db.transaction((tx) => endSession(tx, session.sessionId));
    const seconds = Math.ceil((user.lockedUntil.getTime() - ctx.now.getTime()) / 1000);
    throw new AppError('account_locked', {
      minutes: Math.ceil(seconds / 60),
      retryAfterSeconds: seconds,
    });
  }
  const outcome = await db.transaction(async (tx) => {
    const used = await consumeSecondFactor(tx, userId, proof, ctx.now, key);
    if (!used) {
      const locked = await countFailure(tx, ctx, userId, lockout, 'wrong_second_factor');
      if (locked) await endSession(tx, session.sessionId);
      return null;
    }
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, userId));
    const { cookieToken } = await activateSession(tx, session.sessionId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'session.second_factor',
      recordType: 'user',
      recordId: userId,
      changes: { method: [null, used] },
    });
    return { actor: actorOf(user), cookieToken };
  });
  if (!outcome) throw new AppError('second_factor_invalid');
  return outcome;
}

/** Prove again who one is (password, and a code when the account has a second factor). */
export async function reauthenticate(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  sessionId: string,
  input: { password: string; code?: string | undefined; recoveryCode?: string | undefined },
  lockout: LockoutPolicy,
  key: () => Buffer,
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('unauthenticated');
  const factor = await factorOf(db, actor.id);
  const needsCode = !!factor?.confirmedAt;
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action: 'session.reauthenticate',
        recordType: 'user',
        recordId: actor.id,
        outcome: 'denied',
        changes: { reason: [null, 'wrong_password'] },
      }),
    );
    throw new AppError('password_incorrect');
  }
  if (needsCode && !input.code && !input.recoveryCode)
    throw new AppError('second_factor_code_required');
  const ok = await db.transaction(async (tx) => {
    if (needsCode && !(await consumeSecondFactor(tx, actor.id, input, ctx.now, key()))) {
      await countFailure(tx, ctx, actor.id, lockout, 'wrong_second_factor');
      return false;
    }
    await stampAuthenticated(tx, sessionId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'session.reauthenticate',
      recordType: 'user',
      recordId: actor.id,
    });
    return true;
  });
  if (!ok) throw new AppError('second_factor_invalid');
}

/**
 * Change one's own e-mail address (re-authentication checked by the route). The old address is
 * told, in the user's language, so a hijacked session cannot quietly take the account.
 */
export async function changeEmail(db: Db, ctx: AuditContext, actor: Actor, email: string) {
  const next = email.trim();
  if (next.toLowerCase() === actor.email.toLowerCase()) return;
  await db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${next})`);
    if (taken) throw new AppError('email_taken');
    await tx
      .update(users)
      .set({ email: next, updatedAt: ctx.now, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.id));
    const t = translator(actor.locale);
    await queueMail(tx, [
      {
        topic: 'account.email_changed',
        to: actor.email,
        locale: actor.locale,
        subject: t('mail:emailChanged.subject'),
        body: [
          t('mail:emailChanged.greeting', { name: actor.displayName }),
          '',
          t('mail:emailChanged.body', { email: next }),
          '',
          t('mail:emailChanged.notYou'),
        ].join('\n'),
      },
    ]);
    await writeAudit(tx, ctx, {
      action: 'user.change_email',
      recordType: 'user',
      recordId: actor.id,
      changes: { email: [actor.email, next] },
    });
  });
}
