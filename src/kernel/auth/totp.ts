import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP second factor (RFC 6238 through the `otpauth` package): SHA-1, 6 digits, 30-second steps,
 * and a window of one step either side for clock drift. The rules that decide which step a code
 * may be accepted for are pure (below) and unit tested; the codes themselves come from otpauth.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const ISSUER = 'peaceops';
export const RECOVERY_CODE_COUNT = 10;

/** Pure rule: the time step of an instant. */
export function stepOf(nowMs: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / period);
}

/** Pure rule: the steps a code typed at `nowMs` may belong to, nearest first (drift window). */
export function candidateSteps(nowMs: number, window = TOTP_WINDOW): number[] {
  const current = stepOf(nowMs);
  const steps = [current];
  for (let d = 1; d <= window; d++) steps.push(current - d, current + d);
  return steps;
}

/**
 * Pure rule (replay): of the steps a code matched, the one to accept, or null. A step at or
 * before the last accepted one is refused, so a code works once and an older code never after.
 */
export function acceptedStep(matched: number[], lastStep: number | null): number | null {
  const fresh = matched.filter((s) => lastStep === null || s > lastStep);
  return fresh.length ? Math.max(...fresh) : null;
}

/** Pure rule: a code's shape (digits only, spaces allowed while typing). */
export function normalizeCode(code: string): string | null {
  const digits = code.replace(/\s+/g, '');
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
}

function totpOf(secretBase32: string, label = 'peaceops'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, label: string): string {
  return totpOf(secretBase32, label).toString();
}

/** The code of a step (tests and the rules above use it; the server never shows one). */
export function codeAt(secretBase32: string, step: number): string {
  return totpOf(secretBase32).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The step a code is accepted for at `now` after `lastStep`, or null (wrong, too old, replayed). */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const typed = normalizeCode(code);
  if (!typed) return null;
  const matched = candidateSteps(now.getTime()).filter((s) => same(codeAt(secretBase32, s), typed));
  return acceptedStep(matched, lastStep);
}

/** Ten random recovery codes, `xxxxx-xxxxx` in an alphabet without look-alikes (50 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Pure rule: the stored form of a recovery code (case, spaces and dashes do not matter). */
export function recoveryCodeHash(code: string): string {
  const canonical = code.toLowerCase().replace(/[\s-]+/g, '');
  return createHash('sha256').update(canonical).digest('hex');
}
