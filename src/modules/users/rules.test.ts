import { describe, expect, it } from 'vitest';
import {
  assertAdminsRemain,
  assertNotSelf,
  deviceOf,
  linkState,
  linkTokenHash,
  newLinkToken,
  privilegesDiffer,
  statusOf,
} from './rules.ts';

const code = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('account administration rules', () => {
  it('refuses an administrator acting on their own account', () => {
    expect(code(() => assertNotSelf('a', 'a'))).toBe('self_change_refused');
    expect(code(() => assertNotSelf('a', 'b'))).toBeNull();
  });

  it('keeps at least one active administrator', () => {
    expect(code(() => assertAdminsRemain(['a'], 'a', false))).toBe('last_admin');
    expect(code(() => assertAdminsRemain(['a', 'b'], 'a', false))).toBeNull();
    expect(code(() => assertAdminsRemain(['a'], 'a', true))).toBeNull();
    // Not an administrator: demoting or disabling them never concerns the rule.
    expect(code(() => assertAdminsRemain(['a'], 'x', false))).toBeNull();
  });

  it('tells a change of privileges from a change of name', () => {
    const p = { role: 'officer' as const, partner: null, agencyId: 'sq', missionId: null };
    expect(privilegesDiffer(p, { ...p })).toBe(false);
    expect(privilegesDiffer(p, { ...p, role: 'program_admin' })).toBe(true);
    expect(privilegesDiffer(p, { ...p, agencyId: 'spvm' })).toBe(true);
  });

  it('stores only the hash of a link token, and expires links', () => {
    const { token, hash } = newLinkToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(linkTokenHash(token));
    expect(hash).not.toContain(token);
    const now = new Date('2026-03-01T12:00:00Z');
    expect(linkState(null, now)).toBe('invalid');
    expect(linkState({ expiresAt: new Date('2026-03-01T12:00:01Z') }, now)).toBe('valid');
    expect(linkState({ expiresAt: now }, now)).toBe('expired');
  });

  it('derives the status of an account', () => {
    expect(statusOf({ disabledAt: null, passwordHash: '!invited' })).toBe('invited');
    expect(statusOf({ disabledAt: new Date(), passwordHash: '!invited' })).toBe('disabled');
    expect(statusOf({ disabledAt: null, passwordHash: '$argon2id$...' })).toBe('active');
    expect(statusOf({ disabledAt: null, passwordHash: '!reset' })).toBe('active');
  });

  it('describes a browser coarsely from its User-Agent', () => {
    expect(
      deviceOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      deviceOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      deviceOf(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0',
      ),
    ).toBe('Firefox on macOS');
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(
      deviceOf(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(deviceOf('curl/8.5.0')).toBe('Other');
    expect(deviceOf(undefined)).toBeNull();
  });
});
