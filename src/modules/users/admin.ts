import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { assertPasswordAcceptable, hashPassword } from '../../kernel/auth/password.ts';
import { sessionAlive, type SessionPolicy } from '../../kernel/auth/sessions.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { translator } from '../../kernel/i18n.ts';
import { queueMail, type Message } from '../../kernel/mail/mail.ts';
import { agencies, missions } from '../reference/schema.ts';
import {
  assertAdminsRemain,
  assertNotSelf,
  linkState,
  linkTokenHash,
  newLinkToken,
  NO_PASSWORD,
  privilegesDiffer,
  type Privileges,
} from './rules.ts';
import {
  sessions,
  users,
  userTokens,
  type Locale,
  type Partner,
  type Role,
  type TokenPurpose,
} from './schema.ts';
import { assertScopeFits, publicUserColumns } from './users.ts';

/**
 * Account administration by a program administrator: invite, change role and scope, disable and
 * re-enable, force a password reset, see and end sessions. Each use case checks, changes and
 * audits in one transaction; a refusal of a self-change is audited as `denied`.
 */

export interface LinkPolicy {
  appUrl: string;
  invitationHours: number;
  passwordResetHours: number;
}

/** Audit a refusal (its own transaction, since the refused one rolls back), then throw it. */
async function refuse(
  db: Db,
  ctx: AuditContext,
  action: string,
  recordId: string,
  error: AppError,
): Promise<never> {
  await db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action,
      recordType: 'user',
      recordId,
      outcome: 'denied',
      changes: { reason: [null, error.code] },
    }),
  );
  throw error;
}

/** Refusals that are rules (self-change, last admin) are audited; other errors just propagate. */
async function auditingRefusals<T>(
  db: Db,
  ctx: AuditContext,
  action: string,
  recordId: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'self_change_refused' || error.code === 'last_admin')
    )
      return refuse(db, ctx, action, recordId, error);
    throw error;
  }
}

/** The active program administrators, their rows locked to the end of the transaction. */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'program_admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

async function lockUser(tx: Tx, id: string, version: number) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw new AppError('not_found');
  if (row.version !== version)
    throw new AppError('stale_version', { current: row.version, expected: version });
  return row;
}

async function agencyIdOf(tx: Tx, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const [row] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  if (!row) throw new AppError('unknown_agency', { code });
  return row.id;
}

async function missionIdOf(tx: Tx, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const [row] = await tx.select({ id: missions.id }).from(missions).where(eq(missions.code, code));
  if (!row) throw new AppError('unknown_mission', { code });
  return row.id;
}

async function publicUser(tx: Tx, id: string) {
  const [row] = await tx.select(publicUserColumns).from(users).where(eq(users.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/** Replace the account's link of this purpose with a new one; returns the token for the e-mail. */
async function issueLink(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  now: Date,
  hours: number,
): Promise<string> {
  const { token, hash } = newLinkToken();
  await tx
    .delete(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose)));
  await tx.insert(userTokens).values({
    tokenHash: hash,
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
  });
  return token;
}

/** The e-mail carrying a link, in the recipient's language; the token is in the URL fragment. */
export function linkMessage(
  purpose: TokenPurpose,
  to: { email: string; displayName: string; locale: Locale },
  link: { appUrl: string; token: string; hours: number },
): Message {
  const t = translator(to.locale);
  const key = purpose === 'invitation' ? 'invitation' : 'passwordReset';
  const page = purpose === 'invitation' ? 'invitation' : 'reset-password';
  return {
    topic: purpose === 'invitation' ? 'user.invitation' : 'user.password_reset',
    to: to.email,
    locale: to.locale,
    subject: t(`mail:${key}.subject`),
    body: [
      t('mail:sessionReminder.greeting', { name: to.displayName }),
      '',
      t(`mail:${key}.intro`),
      '',
      `${link.appUrl}/${to.locale}/${page}#${link.token}`,
      '',
      t(`mail:${key}.expiry`, { count: link.hours }),
      '',
      t(`mail:${key}.notYou`),
      '',
      t('mail:call.signature'),
    ].join('\n'),
  };
}

export interface Invitation {
  email: string;
  displayName: string;
  role: Role;
  partner?: Partner | null;
  agencyCode?: string | null;
  missionCode?: string | null;
  locale?: Locale;
}

/** Invite a user: the account exists with no usable password until the link is used. */
export async function inviteUser(db: Db, ctx: AuditContext, input: Invitation, policy: LinkPolicy) {
  assertScopeFits(input.role, input);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${input.email.trim()})`);
    if (existing) throw new AppError('email_taken');
    const values = {
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      role: input.role,
      partner: input.role === 'decision_partner' ? (input.partner ?? null) : null,
      agencyId: await agencyIdOf(tx, input.agencyCode),
      missionId:
        input.role === 'contingent_commander' ? await missionIdOf(tx, input.missionCode) : null,
      locale: input.locale ?? 'en',
    };
    const [created] = await tx
      .insert(users)
      .values({
        ...values,
        passwordHash: NO_PASSWORD.invited,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        passwordChangedAt: ctx.now,
      })
      .returning({ id: users.id });
    if (!created) throw new Error('insert returned nothing');
    const token = await issueLink(tx, created.id, 'invitation', ctx.now, policy.invitationHours);
    await writeAudit(tx, ctx, {
      action: 'user.invite',
      recordType: 'user',
      recordId: created.id,
      changes: diff(null, values),
    });
    await queueMail(tx, [
      linkMessage('invitation', values, {
        appUrl: policy.appUrl,
        token,
        hours: policy.invitationHours,
      }),
    ]);
    return publicUser(tx, created.id);
  });
}

/** Send a new invitation to an account that has not accepted one yet (the old link stops working). */
export async function resendInvitation(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: { version: number },
  policy: LinkPolicy,
) {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, id, input.version);
    if (user.passwordHash !== NO_PASSWORD.invited || user.disabledAt)
      throw new AppError('invalid_transition');
    const token = await issueLink(tx, id, 'invitation', ctx.now, policy.invitationHours);
    await writeAudit(tx, ctx, { action: 'user.invite', recordType: 'user', recordId: id });
    await queueMail(tx, [
      linkMessage('invitation', user, {
        appUrl: policy.appUrl,
        token,
        hours: policy.invitationHours,
      }),
    ]);
    return publicUser(tx, id);
  });
}

/**
 * Use an e-mailed link to set a password (accepting an invitation, completing a reset): the
 * link is consumed, the password rules apply, every session of the account ends.
 */
async function useLink(
  db: Db,
  ctx: AuditContext,
  purpose: TokenPurpose,
  input: { token: string; password: string },
) {
  const codes =
    purpose === 'invitation'
      ? ({ invalid: 'invitation_invalid', expired: 'invitation_expired' } as const)
      : ({ invalid: 'reset_invalid', expired: 'reset_expired' } as const);
  const hash = linkTokenHash(input.token);
  const [found] = await db
    .select({ link: userTokens, user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hash), eq(userTokens.purpose, purpose)));
  const state = found?.user.disabledAt ? 'invalid' : linkState(found?.link, ctx.now);
  if (!found || state !== 'valid') {
    const action = purpose === 'invitation' ? 'user.accept_invitation' : 'user.reset_password';
    await db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action,
        recordType: 'user',
        recordId: found?.user.id ?? null,
        outcome: 'denied',
        changes: { reason: [null, state] },
      }),
    );
    throw new AppError(state === 'expired' ? codes.expired : codes.invalid);
  }
  const { user } = found;
  assertPasswordAcceptable(input.password, user.email);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // Consumed under its own row lock: two uses of one link at once, only one wins.
    const consumed = await tx
      .delete(userTokens)
      .where(eq(userTokens.tokenHash, hash))
      .returning({ userId: userTokens.userId });
    if (!consumed.length) throw new AppError(codes.invalid);
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: ctx.now,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: ctx.now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await writeAudit(
      tx,
      { ...ctx, actorId: user.id, actorRole: user.role },
      {
        action: purpose === 'invitation' ? 'user.accept_invitation' : 'user.reset_password',
        recordType: 'user',
        recordId: user.id,
        changes: {
          passwordChangedAt: [user.passwordChangedAt.toISOString(), ctx.now.toISOString()],
        },
      },
    );
  });
}

export function acceptInvitation(
  db: Db,
  ctx: AuditContext,
  input: { token: string; password: string },
) {
  return useLink(db, ctx, 'invitation', input);
}

export function completePasswordReset(
  db: Db,
  ctx: AuditContext,
  input: { token: string; password: string },
) {
  return useLink(db, ctx, 'password_reset', input);
}

export interface UserChange {
  role?: Role;
  partner?: Partner | null;
  agencyCode?: string | null;
  missionCode?: string | null;
  displayName?: string;
  locale?: Locale;
  version: number;
}

/**
 * Change an account's role, scope, name or language. Privileges that change end the account's
 * sessions (their abilities change). An administrator cannot change their own role or scope;
 * the last active administrator cannot be demoted.
 */
export async function updateUser(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: UserChange,
) {
  return auditingRefusals(db, ctx, 'user.update', id, () =>
    db.transaction(async (tx) => {
      const admins = await lockActiveAdmins(tx);
      const before = await lockUser(tx, id, input.version);
      const role = input.role ?? before.role;
      const scopeGiven =
        input.role !== undefined ||
        input.partner !== undefined ||
        input.agencyCode !== undefined ||
        input.missionCode !== undefined;
      let after: Privileges = before;
      if (scopeGiven) {
        const agencyCode =
          input.agencyCode !== undefined
            ? input.agencyCode
            : before.agencyId
              ? ((
                  await tx
                    .select({ code: agencies.code })
                    .from(agencies)
                    .where(eq(agencies.id, before.agencyId))
                )[0]?.code ?? null)
              : null;
        const missionCode =
          input.missionCode !== undefined
            ? input.missionCode
            : before.missionId
              ? ((
                  await tx
                    .select({ code: missions.code })
                    .from(missions)
                    .where(eq(missions.id, before.missionId))
                )[0]?.code ?? null)
              : null;
        const partner = input.partner !== undefined ? input.partner : before.partner;
        assertScopeFits(role, { partner, agencyCode, missionCode });
        after = {
          role,
          partner: role === 'decision_partner' ? (partner ?? null) : null,
          agencyId: await agencyIdOf(tx, agencyCode),
          missionId: role === 'contingent_commander' ? await missionIdOf(tx, missionCode) : null,
        };
      }
      const privilegesChange = privilegesDiffer(before, after);
      if (privilegesChange) {
        assertNotSelf(actor.id, id);
        assertAdminsRemain(admins, id, after.role === 'program_admin');
      }
      const next = {
        ...after,
        displayName: input.displayName?.trim() ?? before.displayName,
        locale: input.locale ?? before.locale,
      };
      const changes = diff(
        {
          role: before.role,
          partner: before.partner,
          agencyId: before.agencyId,
          missionId: before.missionId,
          displayName: before.displayName,
          locale: before.locale,
        },
        next,
      );
      if (Object.keys(changes).length === 0) return publicUser(tx, id);
      await tx
        .update(users)
        .set({ ...next, updatedAt: ctx.now, version: sql`${users.version} + 1` })
        .where(eq(users.id, id));
      if (privilegesChange) await tx.delete(sessions).where(eq(sessions.userId, id));
      await writeAudit(tx, ctx, {
        action: 'user.update',
        recordType: 'user',
        recordId: id,
        changes,
      });
      return publicUser(tx, id);
    }),
  );
}

/** Disable an account (every session ends), or enable it again. */
export async function setUserDisabled(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: { version: number; reason?: string },
  disabled: boolean,
) {
  const action = disabled ? 'user.disable' : 'user.enable';
  return auditingRefusals(db, ctx, action, id, () =>
    db.transaction(async (tx) => {
      assertNotSelf(actor.id, id);
      const admins = await lockActiveAdmins(tx);
      const before = await lockUser(tx, id, input.version);
      if (disabled) assertAdminsRemain(admins, id, false);
      if (Boolean(before.disabledAt) === disabled) throw new AppError('invalid_transition');
      await tx
        .update(users)
        .set({
          disabledAt: disabled ? ctx.now : null,
          updatedAt: ctx.now,
          version: sql`${users.version} + 1`,
        })
        .where(eq(users.id, id));
      if (disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
      await writeAudit(tx, ctx, {
        action,
        recordType: 'user',
        recordId: id,
        changes: {
          disabled: [!disabled, disabled],
          ...(input.reason ? { reason: [null, input.reason] } : {}),
        },
      });
      return publicUser(tx, id);
    }),
  );
}

/**
 * Force a password reset: the current password stops working at once, every session ends, and
 * the user gets a single-use link by e-mail to choose a new one.
 */
export async function forcePasswordReset(
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: { version: number },
  policy: LinkPolicy,
) {
  return auditingRefusals(db, ctx, 'user.force_password_reset', id, () =>
    db.transaction(async (tx) => {
      assertNotSelf(actor.id, id);
      const before = await lockUser(tx, id, input.version);
      if (before.disabledAt || before.passwordHash === NO_PASSWORD.invited)
        throw new AppError('invalid_transition');
      await tx
        .update(users)
        .set({
          passwordHash: NO_PASSWORD.reset,
          updatedAt: ctx.now,
          version: sql`${users.version} + 1`,
        })
        .where(eq(users.id, id));
      await tx.delete(sessions).where(eq(sessions.userId, id));
      const token = await issueLink(tx, id, 'password_reset', ctx.now, policy.passwordResetHours);
      await writeAudit(tx, ctx, {
        action: 'user.force_password_reset',
        recordType: 'user',
        recordId: id,
        changes: { passwordUsable: [true, false] },
      });
      await queueMail(tx, [
        linkMessage('password_reset', before, {
          appUrl: policy.appUrl,
          token,
          hours: policy.passwordResetHours,
        }),
      ]);
      return publicUser(tx, id);
    }),
  );
}

/** An account's live sessions, newest first. */
export async function listSessions(db: Db, userId: string, now: Date, policy: SessionPolicy) {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      device: sessions.device,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((s) => sessionAlive(s, now, policy));
}

/** End one session of an account (`sessionId`), or all of them. 404 for a session not theirs. */
export async function endSessions(
  db: Db,
  ctx: AuditContext,
  userId: string,
  sessionId: string | null,
) {
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(
        sessionId
          ? and(eq(sessions.userId, userId), eq(sessions.id, sessionId))
          : eq(sessions.userId, userId),
      )
      .returning({ id: sessions.id });
    if (sessionId && !ended.length) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'session.delete',
      recordType: 'user',
      recordId: userId,
      changes: { sessionsEnded: [null, ended.length] },
    });
    return ended.length;
  });
}
