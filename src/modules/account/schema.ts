import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';

/**
 * Sign-ins through the identity provider in flight: one row from the redirect to the provider
 * until the callback consumes it (single use) or it expires (10 minutes). Keyed by the hash of
 * the `state` sent to the provider, so the row cannot be found from the table alone, and kept in
 * the database so any app server can take the callback. It is bound to the browser that started
 * it (a cookie), so an answer captured by someone else cannot sign a victim in as them.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    /** sha256 (hex) of the state. */
    id: text('id').primaryKey(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** sha256 (hex) of the random value in the browser's peaceops_oidc cookie: the callback must come from the browser that started. */
    browserHash: text('browser_hash').notNull(),
    lang: text('lang', { enum: ['en', 'fr'] }).notNull(),
    /** Where to go after signing in: a path inside the app, without its language. */
    next: text('next').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);

/**
 * A user's TOTP second factor (RFC 6238). The secret is stored encrypted (AES-256-GCM, see
 * kernel/auth/secretbox.ts); it is active once confirmed with a first code. `lastStep` is the
 * last accepted time step: a code of that step or earlier is refused (no replay).
 */
export const secondFactors = pgTable('second_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEnc: text('secret_enc').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastStep: integer('last_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Single-use recovery codes: only their SHA-256 is stored (they are random, 50 bits and more). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
