import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { canMoveEnrolment, certificateExpiry, passes, placeFor } from './rules.ts';
import { certificates, courseSessions, courses, enrolments } from './schema.ts';

/** Seats count enrolled officers and those who came (attended, passed, failed, absent). */
const seated = ['enrolled', 'attended', 'absent', 'passed', 'failed'] as const;

/** Lock a session (its seats are counted under this lock, so enrolments never overbook). */
async function lockSession(tx: Tx, sessionId: string) {
  const [session] = await tx
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.id, sessionId))
    .for('update');
  if (!session) throw new AppError('not_found');
  return session;
}

/**
 * Enrol an officer in a session: a seat while one is free, else the waiting list, in order.
 * Concurrent enrolments queue on the session's row lock, so the seats taken never exceed the
 * capacity.
 */
export async function enrolOfficer(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  officerId: string,
) {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (session.status !== 'scheduled')
      throw new AppError('invalid_transition', { from: session.status, to: 'enrolled' });
    const [existing] = await tx
      .select({ id: enrolments.id, status: enrolments.status })
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.officerId, officerId)));
    if (existing && existing.status !== 'withdrawn') throw new AppError('enrolment_exists');
    const [taken] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, sessionId), inArray(enrolments.status, [...seated])));
    const [waiting] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.status, 'waitlisted')));
    const place = placeFor(session.capacity, taken?.n ?? 0, waiting?.n ?? 0);
    const values = { ...place, updatedAt: ctx.now };
    const [row] = existing
      ? await tx
          .update(enrolments)
          .set({ ...values, version: sql`${enrolments.version} + 1` })
          .where(eq(enrolments.id, existing.id))
          .returning()
      : await tx
          .insert(enrolments)
          .values({ sessionId, officerId, ...values, createdAt: ctx.now })
          .returning();
    await writeAudit(tx, ctx, {
      action: `enrolment.${place.status === 'enrolled' ? 'enrol' : 'waitlist'}`,
      recordType: 'enrolment',
      recordId: row!.id,
      changes: diff(null, { sessionId, officerId, ...place }),
    });
    return row!;
  });
}

/**
 * Withdraw from a session or its waiting list. A seat given up goes to the first on the
 * waiting list; the list closes up.
 */
export async function withdrawEnrolment(
  db: Db,
  ctx: AuditContext,
  enrolmentId: string,
  version: number,
) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId));
    if (!found) throw new AppError('not_found');
    await lockSession(tx, found.sessionId);
    const [current] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId));
    assertVersion(current!.version, version);
    if (!canMoveEnrolment(current!.status, 'withdrawn'))
      throw new AppError('invalid_transition', { from: current!.status, to: 'withdrawn' });
    const [withdrawn] = await tx
      .update(enrolments)
      .set({
        status: 'withdrawn',
        waitlistPosition: null,
        version: current!.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(enrolments.id, enrolmentId))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'enrolment.withdraw',
      recordType: 'enrolment',
      recordId: enrolmentId,
      changes: { status: [current!.status, 'withdrawn'] },
    });
    const waiting = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, found.sessionId), eq(enrolments.status, 'waitlisted')))
      .orderBy(asc(enrolments.waitlistPosition));
    const promote = current!.status === 'enrolled' ? waiting[0] : undefined;
    let position = 0;
    for (const w of waiting) {
      const next =
        w === promote
          ? { status: 'enrolled' as const, waitlistPosition: null }
          : { status: 'waitlisted' as const, waitlistPosition: ++position };
      if (next.status === w.status && next.waitlistPosition === w.waitlistPosition) continue;
      await tx
        .update(enrolments)
        .set({ ...next, version: w.version + 1, updatedAt: ctx.now })
        .where(eq(enrolments.id, w.id));
      if (w === promote)
        await writeAudit(tx, ctx, {
          action: 'enrolment.enrol',
          recordType: 'enrolment',
          recordId: w.id,
          changes: { status: ['waitlisted', 'enrolled'] },
        });
    }
    return withdrawn!;
  });
}

export interface ResultInput {
  attended: boolean;
  grade?: number | null | undefined;
  /** For a course without a pass mark. */
  passed?: boolean | undefined;
}

/**
 * Record attendance and the result (after the session has started). A pass issues the
 * certificate, valid for the course's validity from the session's last day.
 */
export async function recordResult(
  db: Db,
  ctx: AuditContext,
  enrolmentId: string,
  version: number,
  input: ResultInput,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ enrolment: enrolments, session: courseSessions, course: courses })
      .from(enrolments)
      .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
      .innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .where(eq(enrolments.id, enrolmentId))
      .for('update', { of: enrolments });
    if (!row) throw new AppError('not_found');
    const { enrolment, session, course } = row;
    assertVersion(enrolment.version, version);
    const to = !input.attended
      ? 'absent'
      : passes(input.grade ?? null, course.passMark, input.passed)
        ? 'passed'
        : 'failed';
    if (!canMoveEnrolment(enrolment.status, to))
      throw new AppError('invalid_transition', { from: enrolment.status, to });
    const [updated] = await tx
      .update(enrolments)
      .set({
        status: to,
        grade: input.grade ?? null,
        resultRecordedBy: ctx.actorId,
        version: enrolment.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(enrolments.id, enrolmentId))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'enrolment.result',
      recordType: 'enrolment',
      recordId: enrolmentId,
      changes: { status: [enrolment.status, to], grade: [null, input.grade ?? null] },
    });
    let certificate = null;
    if (to === 'passed') {
      [certificate] = await tx
        .insert(certificates)
        .values({
          officerId: enrolment.officerId,
          courseId: course.id,
          enrolmentId,
          issuedOn: session.endsOn,
          expiresOn: certificateExpiry(session.endsOn, course.validityMonths),
          createdAt: ctx.now,
        })
        .returning();
      await writeAudit(tx, ctx, {
        action: 'certificate.issue',
        recordType: 'certificate',
        recordId: certificate!.id,
        changes: diff(null, {
          officerId: enrolment.officerId,
          courseId: course.id,
          issuedOn: certificate!.issuedOn,
          expiresOn: certificate!.expiresOn,
        }),
      });
    }
    return { enrolment: updated!, certificate };
  });
}
