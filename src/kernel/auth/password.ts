import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';

const require = createRequire(import.meta.url);
// Mozilla's list of common passwords (Firefox Accounts), from the top of the 10-million list.
const commonPasswords = require('fxa-common-password-list') as { test(password: string): boolean };

export const MIN_PASSWORD_LENGTH = 12;

// OWASP's argon2id parameters: 19 MiB, 2 iterations, 1 lane.
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  return decoyHash;
}

/** Pure rule: is this password acceptable for this account? Throws the reason if not. */
export function assertPasswordAcceptable(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('password_too_short', { min: MIN_PASSWORD_LENGTH });
  }
  const lower = password.toLowerCase();
  if (commonPasswords.test(password) || commonPasswords.test(lower)) {
    throw new AppError('password_too_common');
  }
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower.includes(email.toLowerCase()) || (local.length >= 4 && lower.includes(local))) {
    throw new AppError('password_contains_email');
  }
}
