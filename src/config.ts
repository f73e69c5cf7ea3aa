import path from 'node:path';
import { retentionYearsFrom } from './modules/privacy/rules.ts';
import { unMinimums, type ScreeningThresholds } from './modules/calls/screening.ts';
import {
  defaultEscalation,
  parseCadence,
  type Cadence,
  type EscalationDelays,
} from './modules/checkins/rules.ts';
import { decisionRules, type DecisionRule } from './modules/decisions/rules.ts';
import { roles, type Role } from './modules/users/schema.ts';
import { parseTargetSteps, type TargetStep } from './modules/statistics/targets.ts';

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
  /** When the partners' positions allow a decision (DECISION_RULE: unanimous or majority). */
  decisionRule: DecisionRule;
  /** Largest document a request may carry, in bytes. */
  documentMaxBytes: number;
  /** A request's deadline shows as approaching this many days ahead. */
  deadlineWarningDays: number;
  /** Largest officer import file (CSV or XLSX), in bytes. */
  importMaxBytes: number;
  /** Seconds without a heartbeat after which a running import is taken for dead (IMPORT_STALE_SECONDS, PostgreSQL only). */
  importStaleSeconds: number;
  /** smtp://user:password@host:port (or smtps://): where e-mail goes; absent, it stays queued. */
  smtpUrl: string | undefined;
  /** The sender of the program's e-mail. */
  mailFrom: string;
  /** The public origin links in e-mail point to (PUBLIC_URL, or the local server). */
  appUrl: string;
  /** Screening thresholds (SCREENING_MIN_AGE, _MAX_AGE, _MIN_SERVICE_YEARS, _LANGUAGE_PASS_MARK, _MIN_DRIVING_YEARS). */
  screening: ScreeningThresholds;
  /** The program's target share of women among those selected, in percent (WPS_TARGET_PERCENT). */
  wpsTargetPercent: number;
  /** The UN's targets for women among individual police officers, by year (UN_WOMEN_POLICE_TARGETS). */
  unWomenPoliceTargets: TargetStep[];
  /** Remind officers of a session this many days ahead (SESSION_REMINDER_DAYS). */
  sessionReminderDays: number;
  /** Remind officers of a certificate expiring within this many days (CERTIFICATE_REMINDER_DAYS). */
  certificateReminderDays: number;
  /** When the reminders run, as cron in UTC (REMINDER_CRON). */
  reminderCron: string;
  /** Hours between expected check-ins by risk level and event (CHECKIN_CADENCE_HOURS, e.g. `lockdown=24,evacuation=12`). */
  checkInCadence: Cadence;
  /** Minutes after a missed check-in: reminder to the officer, alert to the commander, to the duty officer. */
  checkInEscalation: EscalationDelays;
  /** How often the missed check-ins are looked for, as cron in UTC (CHECKIN_ESCALATION_CRON). */
  checkInEscalationCron: string;
  /** The program duty officer's mailbox and phone (DUTY_OFFICER_EMAIL, DUTY_OFFICER_PHONE). */
  dutyOfficerEmail: string | undefined;
  dutyOfficerPhone: string | undefined;
  /** Remind recipients who have not acknowledged a notice this many hours after it was sent (NOTICE_REMINDER_HOURS). */
  noticeReminderHours: number;
  /** When the notice reminders run, as cron in UTC (NOTICE_REMINDER_CRON). */
  noticeReminderCron: string;
  /** Sign-in through the organization's identity provider (OpenID Connect); null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Personal information is kept this many years after its last administrative use (RETENTION_YEARS, at least 2). */
  retentionYears: number;
  /** When the retention runs, as cron in UTC (RETENTION_CRON). */
  retentionCron: string;
  /**
   * Roles that must sign in with a second factor (MFA_REQUIRED_ROLES, comma-separated; `none` for
   * none). Unset, loadConfig (tests, tools) requires none; `peaceops serve` applies the production
   * default (`servedMfaRoles`), and `serve --demo` none.
   */
  mfaRequiredRoles: Role[];
  /** A sensitive change needs a sign-in or re-authentication this recent, in minutes (REAUTH_MINUTES). */
  reauthMinutes: number;
  /** 32 bytes in base64 (SECRET_KEY): encrypts second-factor secrets at rest. */
  secretKey: string | undefined;
  /** Hours an invitation link stays valid (INVITATION_HOURS). */
  invitationHours: number;
  /** Hours a password reset link stays valid (PASSWORD_RESET_HOURS). */
  passwordResetHours: number;
}

export interface OidcConfig {
  /** The issuer (discovery) URL (OIDC_ISSUER). */
  issuer: string;
  clientId: string;
  /** Absent: a public client, authenticated by PKCE alone. */
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  /** The claim whose value is matched, case-insensitively, to an account's e-mail (OIDC_ACCOUNT_CLAIM). */
  accountClaim: string;
  label: { en: string; fr: string };
}

function oidcFrom(env: NodeJS.ProcessEnv, appUrl: string): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return null;
  if (!URL.canParse(issuer)) throw new Error(`OIDC_ISSUER must be a URL, got "${issuer}"`);
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const redirectUri = env.OIDC_REDIRECT_URI?.trim() || `${appUrl}/api/v1/session/oidc/callback`;
  if (!URL.canParse(redirectUri))
    throw new Error(`OIDC_REDIRECT_URI must be a URL, got "${redirectUri}"`);
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    scopes: env.OIDC_SCOPES?.trim() || 'openid email profile',
    accountClaim: env.OIDC_ACCOUNT_CLAIM?.trim() || 'email',
    label: {
      en: env.OIDC_LABEL_EN?.trim() || "Sign in with your organization's account",
      fr: env.OIDC_LABEL_FR?.trim() || 'Se connecter avec le compte de votre organisation',
    },
  };
}

export const defaultMfaRequiredRoles: Role[] = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'auditor',
];

/** MFA_REQUIRED_ROLES: unset gives the default; `none` (or empty) gives none. */
export function mfaRolesFrom(
  value: string | undefined,
  fallback = defaultMfaRequiredRoles,
): Role[] {
  if (value === undefined) return fallback;
  const names = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v !== 'none');
  for (const name of names)
    if (!(roles as readonly string[]).includes(name))
      throw new Error(`MFA_REQUIRED_ROLES: unknown role "${name}" (roles: ${roles.join(', ')})`);
  return names as Role[];
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function percentFrom(value: string | undefined, fallback: number, name: string): number {
  const n = intFrom(value, fallback, name);
  if (n > 100) throw new Error(`${name} must be a percentage from 0 to 100, got "${value}"`);
  return n;
}

function ruleFrom(value: string | undefined): DecisionRule {
  if (!value) return 'unanimous';
  if ((decisionRules as readonly string[]).includes(value)) return value as DecisionRule;
  throw new Error(`DECISION_RULE must be one of ${decisionRules.join(', ')}, got "${value}"`);
}

/** The served application's roles that require a second factor: the four by default, none for the demo. */
export function servedMfaRoles(env: NodeJS.ProcessEnv, demo: boolean): Role[] {
  return mfaRolesFrom(env.MFA_REQUIRED_ROLES, demo ? [] : defaultMfaRequiredRoles);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const appUrl = (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '');
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
    decisionRule: ruleFrom(env.DECISION_RULE),
    documentMaxBytes: intFrom(env.DOCUMENT_MAX_BYTES, 10 * 1024 * 1024, 'DOCUMENT_MAX_BYTES'),
    deadlineWarningDays: intFrom(env.DEADLINE_WARNING_DAYS, 7, 'DEADLINE_WARNING_DAYS'),
    importMaxBytes: intFrom(env.IMPORT_MAX_BYTES, 20 * 1024 * 1024, 'IMPORT_MAX_BYTES'),
    importStaleSeconds: intFrom(env.IMPORT_STALE_SECONDS, 120, 'IMPORT_STALE_SECONDS'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'peaceops <no-reply@peaceops.example.ca>',
    appUrl,
    screening: {
      minAge: intFrom(env.SCREENING_MIN_AGE, unMinimums.minAge, 'SCREENING_MIN_AGE'),
      maxAge: intFrom(env.SCREENING_MAX_AGE, unMinimums.maxAge, 'SCREENING_MAX_AGE'),
      minServiceYears: intFrom(
        env.SCREENING_MIN_SERVICE_YEARS,
        unMinimums.minServiceYears,
        'SCREENING_MIN_SERVICE_YEARS',
      ),
      languagePassMark: intFrom(
        env.SCREENING_LANGUAGE_PASS_MARK,
        unMinimums.languagePassMark,
        'SCREENING_LANGUAGE_PASS_MARK',
      ),
      minDrivingYears: intFrom(
        env.SCREENING_MIN_DRIVING_YEARS,
        unMinimums.minDrivingYears,
        'SCREENING_MIN_DRIVING_YEARS',
      ),
    },
    wpsTargetPercent: percentFrom(env.WPS_TARGET_PERCENT, 30, 'WPS_TARGET_PERCENT'),
    unWomenPoliceTargets: parseTargetSteps(env.UN_WOMEN_POLICE_TARGETS, 'UN_WOMEN_POLICE_TARGETS'),
    sessionReminderDays: intFrom(env.SESSION_REMINDER_DAYS, 7, 'SESSION_REMINDER_DAYS'),
    certificateReminderDays: intFrom(
      env.CERTIFICATE_REMINDER_DAYS,
      60,
      'CERTIFICATE_REMINDER_DAYS',
    ),
    reminderCron: env.REMINDER_CRON || '0 11 * * *',
    checkInCadence: parseCadence(env.CHECKIN_CADENCE_HOURS),
    checkInEscalation: {
      reminder: intFrom(
        env.CHECKIN_REMINDER_AFTER_MINUTES,
        defaultEscalation.reminder,
        'CHECKIN_REMINDER_AFTER_MINUTES',
      ),
      commander: intFrom(
        env.CHECKIN_COMMANDER_AFTER_MINUTES,
        defaultEscalation.commander,
        'CHECKIN_COMMANDER_AFTER_MINUTES',
      ),
      dutyOfficer: intFrom(
        env.CHECKIN_DUTY_OFFICER_AFTER_MINUTES,
        defaultEscalation.dutyOfficer,
        'CHECKIN_DUTY_OFFICER_AFTER_MINUTES',
      ),
    },
    checkInEscalationCron: env.CHECKIN_ESCALATION_CRON || '*/5 * * * *',
    dutyOfficerEmail: env.DUTY_OFFICER_EMAIL || undefined,
    dutyOfficerPhone: env.DUTY_OFFICER_PHONE || undefined,
    noticeReminderHours: intFrom(env.NOTICE_REMINDER_HOURS, 48, 'NOTICE_REMINDER_HOURS'),
    noticeReminderCron: env.NOTICE_REMINDER_CRON || '30 * * * *',
    oidc: oidcFrom(env, appUrl),
    retentionYears: retentionYearsFrom(env.RETENTION_YEARS),
    retentionCron: env.RETENTION_CRON || '0 3 * * 0',
    mfaRequiredRoles: mfaRolesFrom(env.MFA_REQUIRED_ROLES, []),
    reauthMinutes: intFrom(env.REAUTH_MINUTES, 10, 'REAUTH_MINUTES'),
    secretKey: env.SECRET_KEY || undefined,
    invitationHours: intFrom(env.INVITATION_HOURS, 72, 'INVITATION_HOURS'),
    passwordResetHours: intFrom(env.PASSWORD_RESET_HOURS, 24, 'PASSWORD_RESET_HOURS'),
  };
}
