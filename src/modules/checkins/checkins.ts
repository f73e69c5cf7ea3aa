import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { translator, type Locale } from '../../kernel/i18n.ts';
import { queueMail, type Message } from '../../kernel/mail/mail.ts';
import { deploymentMoves, deployments } from '../deployments/schema.ts';
import { accountByCheckIn } from '../events/events.ts';
import { situationOf, type Situation } from '../events/rules.ts';
import { missionEvents } from '../events/schema.ts';
import { officers } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { users } from '../users/schema.ts';
import {
  alertOf,
  cadenceHours,
  checkingIn,
  contingentOrder,
  dueAt,
  stepsDue,
  type Cadence,
  type EscalationDelays,
} from './rules.ts';
import type { ProgramSettings } from '../settings/rules.ts';
import { checkInAlerts, checkIns, type CheckInAlertStep, type CheckInStatus } from './schema.ts';

export interface DutyOfCareOptions {
  cadence: Cadence;
  escalation: EscalationDelays;
  /** The program duty officer's mailbox; absent, every active program officer is alerted. */
  dutyOfficerEmail: string | undefined;
  appUrl: string;
}

const MINUTE = 60_000;

/** The options of duty of care: the cadence from the program settings in force, the rest from the environment. */
export function dutyOfCareOf(config: Config, settings: ProgramSettings): DutyOfCareOptions {
  return {
    cadence: settings.checkInCadence,
    escalation: config.checkInEscalation,
    dutyOfficerEmail: config.dutyOfficerEmail,
    appUrl: config.appUrl,
  };
}

/** Each mission's situation and the last time it changed (an event declared or ended). */
async function situationsOf(db: Tx, missionIds: string[]) {
  const out = new Map<string, { situation: Situation; changedAt: Date | null }>();
  if (!missionIds.length) return out;
  const events = await db
    .select({
      missionId: missionEvents.missionId,
      kind: missionEvents.kind,
      destination: missionEvents.destination,
      startedAt: missionEvents.startedAt,
      endedAt: missionEvents.endedAt,
    })
    .from(missionEvents)
    .where(inArray(missionEvents.missionId, missionIds));
  for (const id of missionIds) {
    const mine = events.filter((e) => e.missionId === id);
    const active = mine.filter((e) => !e.endedAt && e.kind !== 'return_to_theatre');
    const times = mine.flatMap((e) => [e.startedAt, ...(e.endedAt ? [e.endedAt] : [])]);
    out.set(id, {
      situation: situationOf(active),
      changedAt: times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null,
    });
  }
  return out;
}

/**
 * Everyone expected to check in (one mission, or all), with when they are next due and how late
 * they are: the contingent commander's board, and what the escalation job works from.
 */
export async function expectedCheckIns(
  db: Tx,
  filter: { missionId?: string; deploymentId?: string },
  now: Date,
  cadence: Cadence,
) {
  // Per deployment, through the indexes on (deployment_id, ...): the last check-in, and when
  // the officer last moved into a checking-in state from outside (arrival).
  const lastAt = sql<
    string | null
  >`(select max(${checkIns.at}) from ${checkIns} where ${checkIns.deploymentId} = ${deployments.id})`;
  const states = sql.raw(checkingIn.map((s) => `'${s}'`).join(','));
  const sinceAt = sql<
    string | null
  >`(select max(${deploymentMoves.at}) from ${deploymentMoves} where ${deploymentMoves.deploymentId} = ${deployments.id} and ${deploymentMoves.toState} in (${states}) and ${deploymentMoves.fromState} not in (${states}))`;
  const where = [inArray(deployments.state, [...checkingIn])];
  if (filter.missionId) where.push(eq(deployments.missionId, filter.missionId));
  if (filter.deploymentId) where.push(eq(deployments.id, filter.deploymentId));
  const rows = await db
    .select({
      deploymentId: deployments.id,
      missionId: deployments.missionId,
      state: deployments.state,
      mode: deployments.mode,
      location: deployments.location,
      riskLevel: missions.riskLevel,
      missionAcronym: missions.acronym,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
        email: officers.email,
        phone: officers.phone,
        preferredLanguage: officers.preferredLanguage,
      },
      lastAt: lastAt,
      sinceAt: sinceAt,
      updatedAt: deployments.updatedAt,
    })
    .from(deployments)
    .innerJoin(missions, eq(missions.id, deployments.missionId))
    .innerJoin(officers, eq(officers.id, deployments.officerId))
    .where(and(...where));
  const situations = await situationsOf(db, [...new Set(rows.map((r) => r.missionId))]);
  return rows.map((r) => {
    const { situation, changedAt } = situations.get(r.missionId)!;
    const hours = cadenceHours(r.riskLevel, situation, cadence);
    const due = dueAt(
      {
        lastCheckInAt: r.lastAt ? new Date(r.lastAt) : null,
        expectedSince: r.sinceAt ? new Date(r.sinceAt) : r.updatedAt,
        situationChangedAt: changedAt,
      },
      hours,
    );
    return {
      ...r,
      cadenceHours: hours,
      situation,
      dueAt: due,
      overdueMinutes: Math.floor((now.getTime() - due.getTime()) / MINUTE),
    };
  });
}

export interface CheckInInput {
  status: CheckInStatus;
  location?: string | undefined;
  note?: string | undefined;
}

/** Mail to a mission's commanders (their accounts), in each one's language. */
async function commandersOf(db: Tx, missionId: string) {
  return db
    .select({ email: users.email, locale: users.locale, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.role, 'contingent_commander'),
        eq(users.missionId, missionId),
        isNull(users.disabledAt),
      ),
    );
}

async function dutyOfficers(db: Tx, options: DutyOfCareOptions) {
  if (options.dutyOfficerEmail)
    return [{ email: options.dutyOfficerEmail, locale: 'en' as Locale }];
  return db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, 'program_officer'), isNull(users.disabledAt)));
}

type Expected = Awaited<ReturnType<typeof expectedCheckIns>>[number];

function alertMessages(
  step: CheckInAlertStep,
  who: Expected,
  recipients: Array<{ email: string; locale: Locale }>,
  options: DutyOfCareOptions,
  note: string | null = null,
  /** Where the e-mail's link goes: the contingent board, or the officer's own page. */
  page = `missions/${who.missionId}/contingent`,
): Message[] {
  const name = `${who.officer.givenName} ${who.officer.familyName}`;
  return recipients.map(({ email, locale }) => {
    const t = translator(locale);
    const url = `${options.appUrl}/${locale}/${page}`;
    const due = who.dueAt.toISOString().slice(0, 16).replace('T', ' ');
    return {
      topic: `checkin.${step}`,
      to: email,
      locale,
      subject: t(`mail:checkIn.${step}.subject`, { name, mission: who.missionAcronym }),
      body: [
        t(`mail:checkIn.${step}.intro`, { name, mission: who.missionAcronym, due }),
        ...(note ? ['', t('mail:checkIn.note', { note })] : []),
        '',
        t('mail:checkIn.action', { url }),
        '',
        t('mail:call.signature'),
      ].join('\n'),
    };
  });
}

/**
 * Record a check-in (the officer's, or one a commander records for an officer they reached). It
 * accounts for the officer in the roll-call of the events in force, closes the escalation of a
 * missed check-in, and, when the officer needs support or it is urgent, alerts the commander and
 * the duty officer at once.
 */
export async function recordCheckIn(
  db: Db,
  ctx: AuditContext,
  deploymentId: string,
  input: CheckInInput,
  options: DutyOfCareOptions,
) {
  return db.transaction(async (tx) => {
    const [deployment] = await tx
      .select({ id: deployments.id, state: deployments.state, missionId: deployments.missionId })
      .from(deployments)
      .where(eq(deployments.id, deploymentId))
      .for('update');
    if (!deployment) throw new AppError('not_found');
    if (!checkingIn.includes(deployment.state))
      throw new AppError('not_checking_in', { state: deployment.state });
    const location = input.location?.trim() || null;
    const [checkIn] = await tx
      .insert(checkIns)
      .values({
        deploymentId,
        missionId: deployment.missionId,
        status: input.status,
        location,
        note: input.note?.trim() || null,
        at: ctx.now,
        recordedBy: ctx.actorId,
        recordedByRole: ctx.actorRole,
      })
      .returning();
    if (location)
      await tx.update(deployments).set({ location }).where(eq(deployments.id, deploymentId));
    await tx
      .update(checkInAlerts)
      .set({ resolvedAt: ctx.now })
      .where(and(eq(checkInAlerts.deploymentId, deploymentId), isNull(checkInAlerts.resolvedAt)));
    await accountByCheckIn(tx, deploymentId, ctx.now, ctx.actorId);
    const step = alertOf(input.status);
    if (step) {
      const [who] = await expectedCheckIns(tx, { deploymentId }, ctx.now, options.cadence);
      await tx.insert(checkInAlerts).values({
        deploymentId,
        dueAt: ctx.now,
        step,
        missionId: deployment.missionId,
        sentAt: ctx.now,
      });
      const recipients = [
        ...(await commandersOf(tx, deployment.missionId)),
        ...(await dutyOfficers(tx, options)),
      ];
      await queueMail(tx, alertMessages(step, who!, recipients, options, checkIn!.note));
    }
    // The note is the officer's own words: the audit records that there was one, not its text.
    await writeAudit(tx, ctx, {
      action: 'checkin.record',
      recordType: 'deployment',
      recordId: deploymentId,
      changes: {
        status: [null, input.status],
        ...(location ? { location: [null, location] } : {}),
        ...(checkIn!.note ? { note: [null, 'given'] } : {}),
      },
    });
    return checkIn!;
  });
}

/** A deployment's check-ins, newest first. */
export async function listCheckIns(db: Db, deploymentId: string, limit = 50) {
  return db
    .select({
      id: checkIns.id,
      status: checkIns.status,
      location: checkIns.location,
      note: checkIns.note,
      at: checkIns.at,
      recordedByRole: checkIns.recordedByRole,
    })
    .from(checkIns)
    .where(eq(checkIns.deploymentId, deploymentId))
    .orderBy(desc(checkIns.at))
    .limit(limit);
}

/**
 * The contingent at a glance: everyone of the mission expected to check in, with state, mode,
 * location, last check-in, when next due, open alerts and contact details; overdue first.
 */
export async function contingentOf(db: Db, missionId: string, now: Date, cadence: Cadence) {
  const expected = await expectedCheckIns(db, { missionId }, now, cadence);
  const ids = expected.map((e) => e.deploymentId);
  const last = ids.length
    ? await db
        .selectDistinctOn([checkIns.deploymentId], {
          deploymentId: checkIns.deploymentId,
          status: checkIns.status,
          at: checkIns.at,
          location: checkIns.location,
        })
        .from(checkIns)
        .where(inArray(checkIns.deploymentId, ids))
        .orderBy(checkIns.deploymentId, desc(checkIns.at))
    : [];
  const alerts = ids.length
    ? await db
        .select({
          deploymentId: checkInAlerts.deploymentId,
          step: checkInAlerts.step,
          sentAt: checkInAlerts.sentAt,
        })
        .from(checkInAlerts)
        .where(and(inArray(checkInAlerts.deploymentId, ids), isNull(checkInAlerts.resolvedAt)))
    : [];
  const members = expected.map((e) => ({
    deploymentId: e.deploymentId,
    state: e.state,
    mode: e.mode,
    location: e.location,
    givenName: e.officer.givenName,
    familyName: e.officer.familyName,
    email: e.officer.email,
    phone: e.officer.phone,
    cadenceHours: e.cadenceHours,
    dueAt: e.dueAt,
    overdueMinutes: e.overdueMinutes,
    lastCheckIn: last.find((l) => l.deploymentId === e.deploymentId) ?? null,
    alerts: alerts.filter((a) => a.deploymentId === e.deploymentId).map((a) => a.step),
  }));
  members.sort(contingentOrder);
  const [mission] = await db
    .select({ riskLevel: missions.riskLevel })
    .from(missions)
    .where(eq(missions.id, missionId));
  const situations = await situationsOf(db, [missionId]);
  return {
    riskLevel: mission?.riskLevel ?? null,
    situation: situations.get(missionId)!.situation,
    cadenceHours: cadenceHours(
      mission?.riskLevel ?? 'moderate',
      situations.get(missionId)!.situation,
      cadence,
    ),
    summary: {
      members: members.length,
      overdue: members.filter((m) => m.overdueMinutes > 0).length,
      needsSupport: members.filter((m) => m.lastCheckIn && m.lastCheckIn.status !== 'ok').length,
      inTheatre: members.filter((m) => m.state === 'in_theatre').length,
      remote: members.filter((m) => m.state === 'remote').length,
    },
    members,
  };
}

/**
 * The escalation of missed check-ins (a scheduled job): for each officer overdue, the steps now
 * due (a reminder to the officer, then an alert to the commander, then to the duty officer),
 * each taken once in check_in_alerts before its e-mail is queued, in one transaction. Running it
 * twice, on two instances, or after a restart sends nothing more.
 */
export async function escalateMissedCheckIns(
  db: Db,
  ctx: AuditContext,
  options: DutyOfCareOptions,
) {
  return db.transaction(async (tx) => {
    const overdue = (await expectedCheckIns(tx, {}, ctx.now, options.cadence)).filter(
      (e) => e.overdueMinutes >= 0,
    );
    const wanted = overdue.flatMap((e) =>
      stepsDue(e.overdueMinutes, options.escalation).map((step) => ({ e, step })),
    );
    if (!wanted.length) return { reminders: 0, commanders: 0, dutyOfficers: 0 };
    const taken = await tx
      .insert(checkInAlerts)
      .values(
        wanted.map(({ e, step }) => ({
          deploymentId: e.deploymentId,
          dueAt: e.dueAt,
          step,
          missionId: e.missionId,
          sentAt: ctx.now,
        })),
      )
      .onConflictDoNothing()
      .returning({ deploymentId: checkInAlerts.deploymentId, step: checkInAlerts.step });
    const messages: Message[] = [];
    const duty = await dutyOfficers(tx, options);
    const commanders = new Map<string, Awaited<ReturnType<typeof commandersOf>>>();
    for (const { deploymentId, step } of taken) {
      const e = overdue.find((o) => o.deploymentId === deploymentId)!;
      if (step === 'reminder') {
        if (e.officer.email)
          messages.push(
            ...alertMessages(
              step,
              e,
              [{ email: e.officer.email, locale: e.officer.preferredLanguage }],
              options,
              null,
              'my-deployment',
            ),
          );
      } else if (step === 'commander') {
        if (!commanders.has(e.missionId))
          commanders.set(e.missionId, await commandersOf(tx, e.missionId));
        messages.push(...alertMessages(step, e, commanders.get(e.missionId)!, options));
      } else {
        messages.push(...alertMessages(step, e, duty, options));
      }
    }
    await queueMail(tx, messages);
    const count = (s: CheckInAlertStep) => taken.filter((t) => t.step === s).length;
    return {
      reminders: count('reminder'),
      commanders: count('commander'),
      dutyOfficers: count('duty_officer'),
    };
  });
}
