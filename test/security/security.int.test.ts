import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/kernel/audit/audit.ts';
import { queryRows } from '../../src/kernel/db/client.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { describeDb, dbKind } from '../support/db.ts';

describeDb('security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
    });
  });
  afterAll(() => t?.close());

  it('sends strict security headers and no X-Powered-By', async () => {
    const res = await t.anonymous().request('GET', '/api/v1/me');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Plain HTTP: no HSTS (it would pin a host that does not serve TLS).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when served over TLS', async () => {
    const tls = await startTestApp({ publicUrl: 'https://peaceops.example.ca' });
    try {
      const res = await tls.anonymous().request('GET', '/healthz');
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=31536000');
    } finally {
      await tls.close();
    }
  });

  it('sets an HttpOnly SameSite=Strict session cookie with a new id at every sign-in', async () => {
    const a = t.anonymous();
    const first = await a.login(t.users.officer!.email);
    const cookie = first.cookies.find((c) => c.name === 'peaceops_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const second = await a.login(t.users.officer!.email);
    const again = second.cookies.find((c) => c.name === 'peaceops_session')!;
    expect(again.value).not.toBe(cookie.value);
  });

  it('refuses a state change without the CSRF token, or with a wrong one, or from another origin', async () => {
    const c = await t.as('program_admin');
    const body = {
      email: 'csrf@test.peaceops.ca',
      displayName: 'x',
      password: 'a long and uncommon passphrase 7',
      role: 'auditor',
    };
    const token = c.csrfToken;
    c.csrfToken = null;
    const none = await c.request('POST', '/api/v1/users', body);
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('csrf_invalid');
    const wrong = await c.request('POST', '/api/v1/users', body, {
      'x-csrf-token': 'x'.repeat(43),
    });
    expect(wrong.statusCode).toBe(403);
    c.csrfToken = token;
    const foreign = await c.request('POST', '/api/v1/users', body, {
      origin: 'https://evil.example.com',
    });
    expect(foreign.statusCode).toBe(403);
    const ok = await c.request('POST', '/api/v1/users', body);
    expect(ok.statusCode).toBe(201);
  });

  it('refuses form posts (JSON only), so a cross-site form cannot sign anyone in', async () => {
    const res = await t.anonymous().request('POST', '/api/v1/session', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(415);
  });

  it('locks an account after repeated failures, for the configured time, even with the right password', async () => {
    const email = t.users.decision_partner!.email;
    const a = t.anonymous();
    for (let i = 0; i < 4; i++)
      expect((await a.login(email, 'wrong password!!')).statusCode).toBe(401);
    const fifth = await a.login(email, 'wrong password!!');
    expect(fifth.statusCode).toBe(401);
    const locked = await a.login(email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await a.login(email, PASSWORD)).statusCode).toBe(200);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const a = t.anonymous();
    const unknown = await a.login('nobody@test.peaceops.ca', 'whatever password');
    const wrong = await a.login(t.users.auditor!.email, 'whatever password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const limited = await startTestApp({ loginRateLimit: 3 });
    try {
      const a = limited.anonymous();
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await a.login('nobody@test.peaceops.ca', 'x')).statusCode);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('ends a session after the idle timeout and after the absolute timeout (fake clock)', async () => {
    const c = await t.as('auditor');
    t.clock.advance(29 * 60_000);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);

    const d = await t.as('auditor');
    for (let h = 0; h < 12; h++) {
      t.clock.advance(25 * 60_000);
      expect((await d.request('GET', '/api/v1/me')).statusCode).toBe(200);
    }
    t.clock.advance(12 * 3_600_000 - 12 * 25 * 60_000 + 1000);
    expect((await d.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('ends the session at sign-out and when the account is disabled', async () => {
    const c = await t.as('program_officer');
    expect((await c.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);

    const d = await t.as('program_officer');
    await t.db.execute(
      sql`update users set disabled_at = now() where id = ${t.users.program_officer!.id}`,
    );
    expect((await d.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.anonymous().login(t.users.program_officer!.email)).statusCode).toBe(401);
    await t.db.execute(
      sql`update users set disabled_at = null where id = ${t.users.program_officer!.id}`,
    );
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const mine = await t.as('officer');
    const other = await t.as('officer');
    const newPassword = 'another long passphrase 99';
    const res = await mine.request('PUT', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword,
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await mine.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await other.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.anonymous().login(t.users.officer!.email, newPassword)).statusCode).toBe(200);
    await mine.request('PUT', '/api/v1/me/password', {
      currentPassword: newPassword,
      newPassword: PASSWORD,
    });
  });

  it("refuses common and short passwords, in the caller's language", async () => {
    const c = await t.as('contingent_commander');
    const common = await c.request(
      'PUT',
      '/api/v1/me/password',
      { currentPassword: PASSWORD, newPassword: 'password1234' },
      { 'accept-language': 'fr-CA,fr;q=0.9' },
    );
    expect(common.statusCode).toBe(400);
    expect(common.json().error.code).toBe('password_too_common');
    expect(common.json().error.message).toMatch(/trop courant/);
    const short = await c.request('PUT', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.json().error.code).toBe('password_too_short');
  });

  it('validates input with field-level messages in English and French', async () => {
    const c = await t.as('program_admin');
    const en = await c.request('POST', '/api/v1/users', { email: 'not-an-email', role: 'chief' });
    expect(en.statusCode).toBe(400);
    const body = en.json().error;
    expect(body.code).toBe('validation_failed');
    const paths = body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'displayName', 'password', 'role']));
    const fr = await c.request(
      'POST',
      '/api/v1/users',
      { email: 'not-an-email' },
      { 'accept-language': 'fr' },
    );
    const email = fr.json().error.fields.find((f: { path: string }) => f.path === 'email');
    expect(email.message).toMatch(/courriel/);
  });

  it('never stores or returns a password hash', async () => {
    const c = await t.as('program_admin');
    const res = await c.request('GET', '/api/v1/users');
    expect(res.body).not.toMatch(/argon2/);
    const audit = await queryRows<{ c: string | null }>(
      t.db,
      sql`select changes::text as c from audit_entries`,
    );
    for (const row of audit) expect(row.c ?? '').not.toMatch(/argon2|passwordHash/);
  });

  it('keeps the audit log append-only and detects a tampered or deleted entry', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await expect(
      t.db.execute(
        sql`update audit_entries set action = 'x' where seq = (select min(seq) from audit_entries)`,
      ),
    ).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_entries`)).rejects.toThrow();

    // An intruder with the owner's rights bypasses the triggers; the chain still tells.
    const [{ seq } = { seq: 0 }] = await queryRows<{ seq: number }>(
      t.db,
      sql`select seq::int as seq from audit_entries order by seq limit 1 offset 3`,
    );
    await t.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update`);
    await t.db.execute(sql`update audit_entries set record_id = 'forged' where seq = ${seq}`);
    const tampered = await verifyAuditChain(t.db);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toEqual({ seq, reason: 'content_changed' });

    await t.db.execute(sql`delete from audit_entries where seq = ${seq}`);
    const deleted = await verifyAuditChain(t.db);
    expect(deleted.firstBroken?.reason).toBe('link_broken');
    expect(deleted.firstBroken!.seq).toBeGreaterThan(seq);
    await t.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update`);
  });

  it.runIf(dbKind === 'pglite')(
    'serves /healthz and /readyz, and /readyz turns 503 when the database is gone',
    async () => {
      const own = await startTestApp();
      const a = own.anonymous();
      expect((await a.request('GET', '/healthz')).statusCode).toBe(200);
      expect((await a.request('GET', '/readyz')).json()).toEqual({
        status: 'ok',
        database: 'embedded',
      });
      await own.app.ctx.database.close();
      expect((await a.request('GET', '/readyz')).statusCode).toBe(503);
      expect((await a.request('GET', '/healthz')).statusCode).toBe(200);
      await own.app.close();
    },
  );
});
