import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './password.ts';
import { sessionAlive, sessionIdOf } from './sessions.ts';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('a long passphrase here');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'a long passphrase here')).toBe(true);
    expect(await verifyPassword(hash, 'a long passphrase herE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short, common and email-based passwords', () => {
    expect(codeOf(() => assertPasswordAcceptable('short', 'a@b.ca'))).toBe('password_too_short');
    expect(codeOf(() => assertPasswordAcceptable('password1234', 'a@b.ca'))).toBe(
      'password_too_common',
    );
    expect(codeOf(() => assertPasswordAcceptable('qwertyuiop123', 'a@b.ca'))).toBe(
      'password_too_common',
    );
    expect(
      codeOf(() => assertPasswordAcceptable('jordan.singh-2026!', 'jordan.singh@rcmp.ca')),
    ).toBe('password_contains_email');
    expect(codeOf(() => assertPasswordAcceptable('correct horse battery staple', 'a@b.ca'))).toBe(
      null,
    );
  });
});

describe('sessions', () => {
  const policy = { idleMinutes: 30, absoluteHours: 12 };
  const start = new Date('2026-01-01T08:00:00Z');
  const session = { lastSeenAt: start, expiresAt: new Date(start.getTime() + 12 * 3_600_000) };

  it('lives until idle for the idle timeout', () => {
    expect(sessionAlive(session, new Date(start.getTime() + 29 * 60_000), policy)).toBe(true);
    expect(sessionAlive(session, new Date(start.getTime() + 30 * 60_000), policy)).toBe(false);
  });

  it('never outlives the absolute timeout, however active', () => {
    const late = new Date(start.getTime() + 12 * 3_600_000);
    expect(sessionAlive({ ...session, lastSeenAt: late }, late, policy)).toBe(false);
  });

  it('stores only a hash of the cookie token', () => {
    expect(sessionIdOf('token')).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf('token')).not.toContain('token');
  });
});
