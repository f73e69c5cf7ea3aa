import path from 'node:path';

/** Runtime configuration, read once from the environment (the stable contract in the README). */
export interface Config {
  port: number;
  host: string;
  /** postgres://... selects a PostgreSQL server; absent selects the embedded database. */
  databaseUrl: string | undefined;
  /** Directory of the embedded (PGlite) database. */
  dataDir: string;
  /** Public origin, used to decide on HSTS and Secure cookies. */
  publicUrl: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts per minute from one address (all accounts). */
  loginRateLimit: number;
  logLevel: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    publicUrl: env.PUBLIC_URL || undefined,
    sessionIdleMinutes: intFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: intFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    loginMaxFailures: intFrom(env.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES'),
    loginLockMinutes: intFrom(env.LOGIN_LOCK_MINUTES, 15, 'LOGIN_LOCK_MINUTES'),
    loginRateLimit: intFrom(env.LOGIN_RATE_LIMIT, 30, 'LOGIN_RATE_LIMIT'),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
