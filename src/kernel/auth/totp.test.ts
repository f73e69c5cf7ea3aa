import fc from 'fast-check';
import { loadConfig, mfaRolesFrom, servedMfaRoles } from '../../config.ts';
import { describe, expect, it } from 'vitest';
import { TOTP, Secret } from 'otpauth';
import { recentlyAuthenticated, sessionStateFor } from './sessions.ts';
import {
  acceptedStep,
  candidateSteps,
  codeAt,
  newRecoveryCodes,
  newTotpSecret,
  normalizeCode,
  recoveryCodeHash,
  stepOf,
  verifyTotp,
} from './totp.ts';
import { open, parseSecretKey, seal } from './secretbox.ts';
import { randomBytes } from 'node:crypto';

describe('TOTP rules', () => {
  it('counts 30-second steps from the epoch', () => {
    expect(stepOf(0)).toBe(0);
    expect(stepOf(29_999)).toBe(0);
    expect(stepOf(30_000)).toBe(1);
  });

  it('looks one step either side of now, and no further', () => {
    expect(candidateSteps(100 * 30_000).sort((a, b) => a - b)).toEqual([99, 100, 101]);
  });

  it('refuses a step at or before the last accepted one (replay)', () => {
    expect(acceptedStep([100], null)).toBe(100);
    expect(acceptedStep([100], 99)).toBe(100);
    expect(acceptedStep([100], 100)).toBeNull();
    expect(acceptedStep([99], 100)).toBeNull();
    expect(acceptedStep([], null)).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.nat(1000)), fc.option(fc.nat(1000)), (matched, last) => {
        const s = acceptedStep(matched, last);
        if (s !== null) expect(last === null || s > last).toBe(true);
        else expect(matched.every((m) => last !== null && m <= last)).toBe(true);
      }),
    );
  });

  it('takes six digits, spaces allowed', () => {
    expect(normalizeCode('123 456')).toBe('123456');
    expect(normalizeCode('12345')).toBeNull();
    expect(normalizeCode('abcdef')).toBeNull();
  });

  it('agrees with otpauth (RFC 6238, SHA-1) and accepts drift of one step, not two', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-03-01T10:00:10Z');
    const s = stepOf(now.getTime());
    const reference = new TOTP({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: Secret.fromBase32(secret),
    });
    expect(codeAt(secret, s)).toBe(reference.generate({ timestamp: now.getTime() }));
    expect(verifyTotp(secret, codeAt(secret, s), now, null)).toBe(s);
    expect(verifyTotp(secret, codeAt(secret, s - 1), now, null)).toBe(s - 1);
    expect(verifyTotp(secret, codeAt(secret, s + 1), now, null)).toBe(s + 1);
    expect(verifyTotp(secret, codeAt(secret, s + 2), now, null)).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, s - 2), now, null)).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, s), now, s)).toBeNull();
  });

  it('makes ten distinct recovery codes, matched whatever the case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(recoveryCodeHash(codes[0]!.toUpperCase().replace('-', ' '))).toBe(
      recoveryCodeHash(codes[0]!),
    );
  });
});

describe('the session gate', () => {
  it('asks a code of an account with a second factor, enrolment of a role that requires one', () => {
    expect(sessionStateFor('officer', false, [], false)).toBe('active');
    expect(sessionStateFor('officer', true, [], false)).toBe('second_factor');
    expect(sessionStateFor('officer', true, [], true)).toBe('active');
    expect(sessionStateFor('auditor', false, ['auditor'], false)).toBe('enrolment');
    expect(sessionStateFor('auditor', false, ['auditor'], true)).toBe('enrolment');
    expect(sessionStateFor('auditor', true, ['auditor'], false)).toBe('second_factor');
  });

  it('counts a re-authentication as recent for the configured minutes', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(recentlyAuthenticated(null, at, 10)).toBe(false);
    expect(recentlyAuthenticated(at, new Date(at.getTime() + 10 * 60_000), 10)).toBe(true);
    expect(recentlyAuthenticated(at, new Date(at.getTime() + 10 * 60_000 + 1), 10)).toBe(false);
  });
});

describe('secrets at rest', () => {
  it('seals with AES-256-GCM and refuses a tampered or wrongly keyed secret', () => {
    const key = randomBytes(32);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => open(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x').toString('base64url');
    expect(() => open(key, parts.join('.'))).toThrow();
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('MFA_REQUIRED_ROLES', () => {
  it('requires the four staff roles when served, none for the demo, tests or `none`', () => {
    expect(servedMfaRoles({}, false)).toEqual([
      'program_admin',
      'program_officer',
      'decision_partner',
      'auditor',
    ]);
    expect(servedMfaRoles({}, true)).toEqual([]);
    expect(servedMfaRoles({ MFA_REQUIRED_ROLES: 'auditor' }, true)).toEqual(['auditor']);
    expect(servedMfaRoles({ MFA_REQUIRED_ROLES: 'none' }, false)).toEqual([]);
    expect(loadConfig({}).mfaRequiredRoles).toEqual([]);
    expect(() => mfaRolesFrom('admin', [])).toThrow(/unknown role/);
  });
});
