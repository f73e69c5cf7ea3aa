import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepOf } from '../../kernel/auth/totp.ts';
import { queryRows } from '../../kernel/db/client.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { secondFactors } from './schema.ts';

const STEP = 30_000;

describeDb('second factor (TOTP) and re-authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      mfaRequiredRoles: ['program_admin'],
      loginMaxFailures: 5,
      reauthMinutes: 10,
    });
  });
  afterAll(() => t?.close());

  const step = () => stepOf(t.clock.now().getTime());

  async function enrol(c: Client) {
    const started = await c.request('POST', '/api/v1/me/second-factor');
    expect(started.statusCode, started.body).toBe(200);
    const { secret, otpauthUri, qrCode } = started.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/peaceops:.+\?.*secret=/);
    expect(otpauthUri).toContain('algorithm=SHA1');
    expect(otpauthUri).toContain('digits=6');
    expect(otpauthUri).toContain('period=30');
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const confirmed = await c.request('POST', '/api/v1/me/second-factor/confirm', {
      code: codeAt(secret, step()),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    return { secret: secret as string, codes };
  }

  async function passwordStep(key: string) {
    const c = t.anonymous();
    const res = await c.login(t.users[key]!.email, PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    return { c, body: res.json() };
  }

  describe('an officer who turns it on', () => {
    let secret = '';
    let codes: string[] = [];

    it('enrols: a wrong first code is refused, a right one activates it with 10 recovery codes', async () => {
      const c = await t.as('officer');
      const started = await c.request('POST', '/api/v1/me/second-factor');
      const wrong = await c.request('POST', '/api/v1/me/second-factor/confirm', {
        code: codeAt(started.json().secret, step() + 5),
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('second_factor_invalid');
      ({ secret, codes } = await enrol(c));
      const status = await c.request('GET', '/api/v1/me/second-factor');
      expect(status.json()).toMatchObject({
        enabled: true,
        required: false,
        recoveryCodesLeft: 10,
      });
      // At rest the secret is sealed; no audit entry holds it or a recovery code.
      const [row] = await t.db
        .select()
        .from(secondFactors)
        .where(eq(secondFactors.userId, t.users.officer!.id));
      expect(row!.secretEnc).not.toContain(secret);
      const audit = await queryRows<{ text: string }>(
        t.db,
        sql`select coalesce(changes::text, '') as text from audit_entries`,
      );
      for (const a of audit) {
        expect(a.text).not.toContain(secret);
        for (const code of codes) expect(a.text).not.toContain(code);
      }
    });

    it('then signs in in two steps; a pending session reaches nothing else', async () => {
      t.clock.advance(STEP);
      const { c, body } = await passwordStep('officer');
      expect(body).toMatchObject({ secondFactor: 'required', user: null, abilities: [] });
      for (const url of ['/api/v1/me', '/api/v1/agencies', '/api/v1/me/second-factor'])
        expect((await c.request('GET', url)).statusCode, url).toBe(401);
      expect(
        (await c.request('PUT', '/api/v1/me/email', { email: 'x@test.peaceops.ca' })).statusCode,
      ).toBe(401);
      expect(
        (await c.request('POST', '/api/v1/session/reauthenticate', { password: PASSWORD }))
          .statusCode,
      ).toBe(401);
      // One step of drift ahead is accepted.
      const before = c.cookie;
      const ok = await c.request('POST', '/api/v1/session/second-factor', {
        code: codeAt(secret, step() + 1),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().user.email).toBe(t.users.officer!.email);
      expect(c.cookie).not.toBe(before);
      expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(200);
    });

    it('accepts one step of drift behind, refuses two steps either way', async () => {
      t.clock.advance(10 * STEP);
      const { c } = await passwordStep('officer');
      for (const d of [2, -2]) {
        const res = await c.request('POST', '/api/v1/session/second-factor', {
          code: codeAt(secret, step() + d),
        });
        expect(res.statusCode, `drift ${d}`).toBe(400);
      }
      const behind = await c.request('POST', '/api/v1/session/second-factor', {
        code: codeAt(secret, step() - 1),
      });
      expect(behind.statusCode, behind.body).toBe(200);
    });

    it('refuses a code already used, and an earlier one', async () => {
      const used = codeAt(secret, step() - 1);
      const { c } = await passwordStep('officer');
      const replay = await c.request('POST', '/api/v1/session/second-factor', { code: used });
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error.code).toBe('second_factor_invalid');
      t.clock.advance(STEP);
      const fresh = await c.request('POST', '/api/v1/session/second-factor', {
        code: codeAt(secret, step()),
      });
      expect(fresh.statusCode, fresh.body).toBe(200);
    });

    it('takes each recovery code once', async () => {
      const first = await passwordStep('officer');
      const ok = await first.c.request('POST', '/api/v1/session/second-factor', {
        recoveryCode: codes[0]!.toUpperCase(),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const again = await passwordStep('officer');
      const reused = await again.c.request('POST', '/api/v1/session/second-factor', {
        recoveryCode: codes[0],
      });
      expect(reused.statusCode).toBe(400);
      const other = await again.c.request('POST', '/api/v1/session/second-factor', {
        recoveryCode: codes[1],
      });
      expect(other.statusCode).toBe(200);
      const status = await again.c.request('GET', '/api/v1/me/second-factor');
      expect(status.json().recoveryCodesLeft).toBe(8);
      // New codes replace the old ones (the sign-in just now counts as recent).
      const renewed = await again.c.request('POST', '/api/v1/me/second-factor/recovery-codes');
      expect(renewed.statusCode).toBe(200);
      const third = await passwordStep('officer');
      const old = await third.c.request('POST', '/api/v1/session/second-factor', {
        recoveryCode: codes[2],
      });
      expect(old.statusCode).toBe(400);
      codes = renewed.json().recoveryCodes;
      expect(
        (
          await third.c.request('POST', '/api/v1/session/second-factor', {
            recoveryCode: codes[0],
          })
        ).statusCode,
      ).toBe(200);
    });

    it('re-authenticates with the password and a code, then removes the factor', async () => {
      t.clock.advance(STEP);
      const { c } = await passwordStep('officer');
      await c.request('POST', '/api/v1/session/second-factor', { code: codeAt(secret, step()) });
      t.clock.advance(11 * 60_000);
      const stale = await c.request('DELETE', '/api/v1/me/second-factor');
      expect(stale.statusCode).toBe(403);
      expect(stale.json().error.code).toBe('reauthentication_required');
      const noCode = await c.request('POST', '/api/v1/session/reauthenticate', {
        password: PASSWORD,
      });
      expect(noCode.json().error.code).toBe('second_factor_code_required');
      const reauth = await c.request('POST', '/api/v1/session/reauthenticate', {
        password: PASSWORD,
        code: codeAt(secret, step()),
      });
      expect(reauth.statusCode, reauth.body).toBe(204);
      expect((await c.request('DELETE', '/api/v1/me/second-factor')).statusCode).toBe(204);
      const plain = await t.anonymous().login(t.users.officer!.email);
      expect(Object.keys(plain.json()).sort()).toEqual(['abilities', 'csrfToken', 'user']);
    });
  });

  it('counts wrong codes toward the lockout and ends the pending session', async () => {
    const c = await t.as('agency_coordinator');
    const { secret } = await enrol(c);
    const { c: p } = await passwordStep('agency_coordinator');
    for (let i = 0; i < 5; i++) {
      const res = await p.request('POST', '/api/v1/session/second-factor', { code: '000000' });
      expect(res.statusCode).toBe(400);
    }
    const after = await p.request('POST', '/api/v1/session/second-factor', {
      code: codeAt(secret, step()),
    });
    expect(after.statusCode).toBe(401);
    const locked = await t.anonymous().login(t.users.agency_coordinator!.email);
    expect(locked.statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
  });

  it('makes a role that requires a second factor enrol before anything else', async () => {
    const { c, body } = await passwordStep('program_admin');
    expect(body).toMatchObject({ secondFactor: 'enrolment_required', user: null });
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await c.request('GET', '/api/v1/agencies')).statusCode).toBe(401);
    expect((await c.request('GET', '/api/v1/me/second-factor')).json().required).toBe(true);
    // Too slow to enrol: the password again, still within the enrolment session.
    t.clock.advance(11 * 60_000);
    expect((await c.request('POST', '/api/v1/me/second-factor')).statusCode).toBe(403);
    expect(
      (await c.request('POST', '/api/v1/session/reauthenticate', { password: PASSWORD }))
        .statusCode,
    ).toBe(204);
    const { secret } = await enrol(c);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const removed = await c.request('DELETE', '/api/v1/me/second-factor');
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.code).toBe('second_factor_required');
    // From now on the administrator signs in with a code.
    t.clock.advance(STEP);
    const next = await passwordStep('program_admin');
    expect(next.body.secondFactor).toBe('required');
    const ok = await next.c.request('POST', '/api/v1/session/second-factor', {
      code: codeAt(secret, step()),
    });
    expect(ok.statusCode).toBe(200);
  });

  it('changes the e-mail after a recent authentication only, and tells the old address', async () => {
    const c = await t.as('contingent_commander');
    const old = t.users.contingent_commander!.email;
    t.clock.advance(11 * 60_000);
    const stale = await c.request('PUT', '/api/v1/me/email', { email: 'cc@test.peaceops.ca' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('reauthentication_required');
    const wrong = await c.request('POST', '/api/v1/session/reauthenticate', {
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(403);
    expect(
      (await c.request('POST', '/api/v1/session/reauthenticate', { password: PASSWORD }))
        .statusCode,
    ).toBe(204);
    const taken = await c.request('PUT', '/api/v1/me/email', { email: t.users.officer!.email });
    expect(taken.json().error.code).toBe('email_taken');
    const ok = await c.request('PUT', '/api/v1/me/email', { email: 'cc@test.peaceops.ca' });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await c.request('GET', '/api/v1/me')).json().user.email).toBe('cc@test.peaceops.ca');
    const mail = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, old));
    expect(mail.map((m) => m.topic)).toContain('account.email_changed');
    expect(mail[0]!.body).toContain('cc@test.peaceops.ca');
    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_entries where action = 'user.change_email'`,
    );
    expect(audit).toHaveLength(1);
    // The window runs out again.
    t.clock.advance(10 * 60_000 + 1000);
    expect(
      (await c.request('PUT', '/api/v1/me/email', { email: 'cc2@test.peaceops.ca' })).statusCode,
    ).toBe(403);
  });
});
