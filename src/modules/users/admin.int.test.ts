import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import {
  PASSWORD,
  client,
  startTestApp,
  type Client,
  type TestApp,
} from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { smtpSink } from '../../../test/support/smtp.ts';
import { sessions, users, userTokens } from './schema.ts';
import { addUser } from './users.ts';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const NEW_PASSWORD = 'a long and uncommon passphrase 19';

describeDb('account administration: invitations, role and scope, disable, reset, sessions', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let admin: Client;
  let seq = 0;

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestApp({ smtpUrl: sink.url, invitationHours: 72, passwordResetHours: 24 });
    admin = await t.as('program_admin');
  });
  afterAll(async () => {
    await t?.close();
    sink?.close();
  });
  beforeEach(() => {
    sink.received.length = 0;
  });

  const ctx = () => ({ actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() });
  const versionOf = async (id: string) =>
    (await t.db.select({ v: users.version }).from(users).where(eq(users.id, id)))[0]!.v;
  const tokenIn = (text: string, page: string) => {
    const match = new RegExp(`/(en|fr)/${page}#([A-Za-z0-9_-]{43})`).exec(text);
    if (!match) throw new Error(`no ${page} link in: ${text}`);
    return match[2]!;
  };
  const delivered = async () => {
    await t.app.ctx.mailer!.deliver();
    return sink.received;
  };
  const newAccount = async (role: 'officer' | 'program_admin' | 'program_officer' = 'officer') => {
    const email = `account-${++seq}@test.peaceops.ca`;
    const created = await addUser(t.db, ctx(), {
      email,
      displayName: `Account ${seq}`,
      password: PASSWORD,
      role,
      agencyCode: role === 'officer' ? 'SQ' : null,
    });
    const c = client(t.app);
    expect((await c.login(email)).statusCode).toBe(200);
    return { id: created.id, email, c };
  };
  const denials = (action: string, recordId: string) =>
    t.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, action),
          eq(auditEntries.recordId, recordId),
          eq(auditEntries.outcome, 'denied'),
        ),
      );
  const invite = (locale: 'en' | 'fr' = 'fr') =>
    admin.request('POST', '/api/v1/users/invitations', {
      email: `invitee-${++seq}@test.peaceops.ca`,
      displayName: `Invitee ${seq}`,
      role: 'agency_coordinator',
      agencyCode: 'SQ',
      locale,
    });

  it('invites by e-mail over SMTP in the invitee’s language; the link works once', async () => {
    const res = await invite('fr');
    expect(res.statusCode, res.body).toBe(201);
    const invited = res.json();
    expect(invited.status).toBe('invited');
    const [mail] = await delivered();
    expect(mail!.to).toContain(invited.email);
    expect(mail!.language).toBe('fr-CA');
    expect(mail!.subject).toBe('Votre compte peaceops : choisissez votre mot de passe');
    expect(mail!.text).toContain('dans un délai de 72 heures');
    const token = tokenIn(mail!.text, 'invitation');
    expect(mail!.text).toContain(`${t.config.appUrl}/fr/invitation#${token}`);

    // Only the hash is stored, and no audit entry carries the token.
    const stored = await t.db.select().from(userTokens).where(eq(userTokens.userId, invited.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);
    const leaked = await t.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .where(sql`${auditEntries.changes}::text like ${`%${token}%`}`);
    expect(leaked).toHaveLength(0);

    // No usable password before the invitation is accepted.
    expect((await client(t.app).login(invited.email, '!invited')).statusCode).toBe(401);

    const anon = client(t.app);
    const weak = await anon.request('POST', '/api/v1/invitations/accept', {
      token,
      password: 'short',
    });
    expect(weak.json().error.code).toBe('password_too_short');
    const accepted = await anon.request('POST', '/api/v1/invitations/accept', {
      token,
      password: NEW_PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(204);
    expect((await client(t.app).login(invited.email, NEW_PASSWORD)).statusCode).toBe(200);

    const again = await anon.request('POST', '/api/v1/invitations/accept?lang=fr', {
      token,
      password: 'another long passphrase 33',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invitation_invalid');
    expect(again.json().error.message).toContain('invitation');
    const after = (await admin.request('GET', `/api/v1/users/${invited.id}`)).json();
    expect(after.status).toBe('active');
  });

  it('an invitation link expires, and a new one replaces the previous one', async () => {
    const invited = (await invite('en')).json();
    const first = tokenIn((await delivered())[0]!.text, 'invitation');
    sink.received.length = 0;
    const resent = await admin.request('POST', `/api/v1/users/${invited.id}/invitation`, {
      version: invited.version,
    });
    expect(resent.statusCode, resent.body).toBe(200);
    const [mail] = await delivered();
    expect(mail!.language).toBe('en-CA');
    expect(mail!.subject).toBe('Your peaceops account: choose your password');
    const second = tokenIn(mail!.text, 'invitation');
    expect(second).not.toBe(first);

    const anon = client(t.app);
    const old = await anon.request('POST', '/api/v1/invitations/accept', {
      token: first,
      password: NEW_PASSWORD,
    });
    expect(old.json().error.code).toBe('invitation_invalid');

    t.clock.advance(72 * 3_600_000 + 1000);
    try {
      const expired = await anon.request('POST', '/api/v1/invitations/accept', {
        token: second,
        password: NEW_PASSWORD,
      });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().error.code).toBe('invitation_expired');
      const unknown = await anon.request('POST', '/api/v1/invitations/accept', {
        token: 'x'.repeat(43),
        password: NEW_PASSWORD,
      });
      expect(unknown.json().error.code).toBe('invitation_invalid');
    } finally {
      t.clock.advance(-(72 * 3_600_000 + 1000));
    }
  });

  it('refuses privilege escalation, and audits every refusal', async () => {
    const officer = await t.as('officer');
    const officerId = t.users.officer!.id;
    const adminId = t.users.program_admin!.id;
    const own = await officer.request('PATCH', `/api/v1/users/${officerId}`, {
      role: 'program_admin',
      version: await versionOf(officerId),
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('forbidden');
    const [denied] = await t.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, 'user.update'),
          eq(auditEntries.actorId, officerId),
          eq(auditEntries.outcome, 'denied'),
        ),
      );
    expect(denied).toBeTruthy();
    expect((await officer.request('GET', '/api/v1/me')).json().user.role).toBe('officer');

    // An administrator cannot change their own role or scope, disable themself or reset themself.
    const version = await versionOf(adminId);
    const cases = [
      ['PATCH', `/api/v1/users/${adminId}`, { role: 'auditor', version }, 'user.update'],
      ['POST', `/api/v1/users/${adminId}/disable`, { reason: 'test', version }, 'user.disable'],
      ['POST', `/api/v1/users/${adminId}/password-reset`, { version }, 'user.force_password_reset'],
    ] as const;
    for (const [method, url, body, action] of cases) {
      const res = await admin.request(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('self_change_refused');
      expect(await denials(action, adminId)).toHaveLength(1);
    }
    // Their own name and language remain theirs to change.
    const renamed = await admin.request('PATCH', `/api/v1/users/${adminId}`, {
      displayName: 'Program administrator',
      version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().role).toBe('program_admin');
    expect((await admin.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('changes role and scope with the row version; changed privileges end the sessions', async () => {
    const { id, c } = await newAccount('officer');
    const v = await versionOf(id);
    const renamed = await admin.request('PATCH', `/api/v1/users/${id}`, {
      displayName: 'Renamed',
      version: v,
    });
    expect(renamed.statusCode).toBe(200);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(200);

    const stale = await admin.request('PATCH', `/api/v1/users/${id}`, {
      role: 'agency_coordinator',
      version: v,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const missingScope = await admin.request('PATCH', `/api/v1/users/${id}`, {
      role: 'contingent_commander',
      version: v + 1,
    });
    expect(missingScope.json().error.code).toBe('scope_required');

    const promoted = await admin.request('PATCH', `/api/v1/users/${id}`, {
      role: 'contingent_commander',
      missionCode: 'MINUSMA',
      version: v + 1,
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({
      role: 'contingent_commander',
      missionId: t.ids.ownMission,
    });
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const [entry] = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'user.update'), eq(auditEntries.recordId, id)))
      .orderBy(sql`${auditEntries.at} desc, ${auditEntries.seq} desc`)
      .limit(1);
    expect(entry!.changes).toMatchObject({
      role: ['officer', 'contingent_commander'],
      missionId: [null, t.ids.ownMission],
    });
  });

  it('disabling ends every session; enabling lets the account sign in again', async () => {
    const { id, email, c } = await newAccount('program_officer');
    const v = await versionOf(id);
    const off = await admin.request('POST', `/api/v1/users/${id}/disable`, {
      reason: 'Left the program',
      version: v,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().status).toBe('disabled');
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await client(t.app).login(email)).statusCode).toBe(401);
    const again = await admin.request('POST', `/api/v1/users/${id}/disable`, {
      reason: 'twice',
      version: v + 1,
    });
    expect(again.json().error.code).toBe('invalid_transition');
    const on = await admin.request('POST', `/api/v1/users/${id}/enable`, { version: v + 1 });
    expect(on.statusCode).toBe(200);
    expect((await client(t.app).login(email)).statusCode).toBe(200);
    const listed = await admin.request('GET', '/api/v1/users?status=active&q=account-');
    expect(listed.json().map((u: { id: string }) => u.id)).toContain(id);
  });

  it('a forced reset stops the password and the sessions; the e-mailed link works once', async () => {
    const { id, email, c } = await newAccount('officer');
    const res = await admin.request('POST', `/api/v1/users/${id}/password-reset`, {
      version: await versionOf(id),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await client(t.app).login(email)).statusCode).toBe(401);
    const [mail] = await delivered();
    expect(mail!.language).toBe('en-CA');
    expect(mail!.subject).toBe('Your peaceops password: choose a new one');
    const token = tokenIn(mail!.text, 'reset-password');
    const anon = client(t.app);
    const done = await anon.request('POST', '/api/v1/password-reset', {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.statusCode, done.body).toBe(204);
    expect((await client(t.app).login(email, NEW_PASSWORD)).statusCode).toBe(200);
    const twice = await anon.request('POST', '/api/v1/password-reset', {
      token,
      password: 'yet another long passphrase 8',
    });
    expect(twice.json().error.code).toBe('reset_invalid');
  });

  it('shows sessions with a coarse device and no address; ends one or all', async () => {
    const { id, email } = await newAccount('officer');
    const browser = client(t.app);
    await browser.request(
      'POST',
      '/api/v1/session',
      { email, password: PASSWORD },
      { 'user-agent': CHROME_LINUX },
    );
    const mine = await browser.request('GET', '/api/v1/me/sessions');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toHaveLength(2);
    const current = mine.json().find((s: { current: boolean }) => s.current);
    expect(current.device).toBe('Chrome on Linux');
    expect(mine.body).not.toContain('127.0.0.1');

    const listed = await admin.request('GET', `/api/v1/users/${id}/sessions`);
    expect(
      listed
        .json()
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(
      mine
        .json()
        .map((s: { id: string }) => s.id)
        .sort(),
    );
    const other = mine.json().find((s: { current: boolean }) => !s.current);
    // Someone else's session is not reachable through /me.
    const foreign = await admin.request('DELETE', `/api/v1/me/sessions/${other.id}`);
    expect(foreign.statusCode).toBe(404);
    const ended = await browser.request('DELETE', `/api/v1/me/sessions/${other.id}`);
    expect(ended.statusCode).toBe(204);
    expect((await browser.request('GET', '/api/v1/me/sessions')).json()).toHaveLength(1);

    const one = await admin.request('DELETE', `/api/v1/users/${id}/sessions/${current.id}`);
    expect(one.statusCode).toBe(204);
    expect((await browser.request('GET', '/api/v1/me')).statusCode).toBe(401);
    await browser.login(email);
    const all = await admin.request('DELETE', `/api/v1/users/${id}/sessions`);
    expect(all.statusCode).toBe(204);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
  });

  it('keeps the last active administrator: two admins disabling each other at once, one wins', async () => {
    let refusals = 0;
    for (let round = 0; round < 3; round++) {
      // Only two active administrators: the fixture's own one steps aside for the drill.
      const a = await newAccount('program_admin');
      const b = await newAccount('program_admin');
      await t.db
        .update(users)
        .set({ disabledAt: t.clock.now() })
        .where(sql`${users.role} = 'program_admin' and ${users.id} not in (${a.id}, ${b.id})`);
      const [va, vb] = [await versionOf(a.id), await versionOf(b.id)];
      const results = await Promise.all([
        a.c.request('POST', `/api/v1/users/${b.id}/disable`, { reason: 'race', version: vb }),
        b.c.request('POST', `/api/v1/users/${a.id}/disable`, { reason: 'race', version: va }),
      ]);
      const statuses = results.map((r) => r.statusCode);
      expect(
        statuses.filter((s) => s === 200),
        results.map((r) => r.body).join(),
      ).toHaveLength(1);
      // The loser is refused by the rule, or (if it arrived after the winner's commit) signed out.
      const loser = results.find((r) => r.statusCode !== 200)!;
      expect([409, 401]).toContain(loser.statusCode);
      if (loser.statusCode === 409) {
        expect(loser.json().error.code).toBe('last_admin');
        refusals += 1;
      }
      const active = await t.db
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.role} = 'program_admin' and ${users.disabledAt} is null`);
      expect(active).toHaveLength(1);
    }
    // Each refusal of the last administrator is audited.
    const refused = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'user.disable'), eq(auditEntries.outcome, 'denied')));
    expect(
      refused.filter((e) => (e.changes as { reason: unknown[] }).reason[1] === 'last_admin'),
    ).toHaveLength(refusals);
  });
});
