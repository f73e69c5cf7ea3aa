import { and, asc, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { assertPasswordAcceptable, hashPassword } from '../../kernel/auth/password.ts';
import { AppError } from '../../kernel/errors.ts';
import { agencies, missions } from '../reference/schema.ts';
import { users, type Locale, type Partner, type Role } from './schema.ts';

/** What the API shows of an account: never the password hash or lockout counters. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  partner: users.partner,
  agencyId: users.agencyId,
  missionId: users.missionId,
  locale: users.locale,
  disabled: sql<boolean>`${users.disabledAt} is not null`,
  status: sql<
    'active' | 'invited' | 'disabled'
  >`case when ${users.disabledAt} is not null then 'disabled' when ${users.passwordHash} = '!invited' then 'invited' else 'active' end`,
  version: users.version,
  createdAt: users.createdAt,
};

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  partner?: Partner | null;
  /** Agency code (RCMP, SQ...) for coordinators and officers. */
  agencyCode?: string | null;
  /** Mission code for contingent commanders. */
  missionCode?: string | null;
  locale?: Locale;
}

/** Pure rule: the scope each role needs (DESIGN.md section 2). */
export function assertScopeFits(
  role: Role,
  u: Pick<NewUser, 'partner' | 'agencyCode' | 'missionCode'>,
) {
  if (role === 'decision_partner' && !u.partner)
    throw new AppError('scope_required', { scope: 'partner' });
  if (role === 'agency_coordinator' && !u.agencyCode)
    throw new AppError('scope_required', { scope: 'agency' });
  if (role === 'contingent_commander' && !u.missionCode)
    throw new AppError('scope_required', { scope: 'mission' });
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

/** Create an account (an administrator through the API, or the CLI with `ctx.actorId` null). */
export async function addUser(db: Db, ctx: AuditContext, input: NewUser) {
  assertScopeFits(input.role, input);
  assertPasswordAcceptable(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${input.email})`);
    if (existing) throw new AppError('email_taken');
    const values = {
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      passwordHash,
      role: input.role,
      partner: input.role === 'decision_partner' ? (input.partner ?? null) : null,
      agencyId: await agencyIdOf(tx, input.agencyCode),
      missionId:
        input.role === 'contingent_commander' ? await missionIdOf(tx, input.missionCode) : null,
      locale: input.locale ?? 'en',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      passwordChangedAt: ctx.now,
    };
    const [created] = await tx.insert(users).values(values).returning(publicUserColumns);
    if (!created) throw new Error('insert returned nothing');
    const { passwordHash: _omit, ...audited } = values;
    await writeAudit(tx, ctx, {
      action: 'user.create',
      recordType: 'user',
      recordId: created.id,
      changes: Object.fromEntries(Object.entries(audited).map(([k, v]) => [k, [null, v]])),
    });
    return created;
  });
}

export interface UserFilter {
  /** Part of the name or e-mail address. */
  q?: string;
  role?: Role;
  status?: 'active' | 'invited' | 'disabled';
}

export async function listUsers(db: Db, filter: UserFilter = {}) {
  const where: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(lower(${users.displayName}) like ${like} or lower(${users.email}) like ${like})`,
    );
  }
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.status === 'disabled') where.push(isNotNull(users.disabledAt));
  if (filter.status === 'invited')
    where.push(and(isNull(users.disabledAt), eq(users.passwordHash, '!invited'))!);
  if (filter.status === 'active')
    where.push(and(isNull(users.disabledAt), ne(users.passwordHash, '!invited'))!);
  return db
    .select(publicUserColumns)
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.email));
}

export async function findUser(db: Db, id: string) {
  const [row] = await db.select(publicUserColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}
