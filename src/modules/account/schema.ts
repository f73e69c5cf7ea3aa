import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
