import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { diff, writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { officers } from '../officers/schema.ts';
import {
  certificates,
  courseSessions,
  courses,
  enrolments,
  type CourseRequirement,
  type Delivery,
} from './schema.ts';

export interface CourseInput {
  code: string;
  nameEn: string;
  nameFr: string;
  descriptionEn?: string | undefined;
  descriptionFr?: string | undefined;
  delivery: Delivery;
  durationDays: number;
  passMark?: number | null | undefined;
  validityMonths?: number | null | undefined;
  requiredFor?: CourseRequirement | undefined;
}

export const listCourses = (db: Db) => db.select().from(courses).orderBy(asc(courses.code));

export async function createCourse(db: Db, ctx: AuditContext, input: CourseInput) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(eq(courses.code, input.code));
    if (taken) throw new AppError('conflict', {}, [{ path: 'code', code: 'course.code_taken' }]);
    const [created] = await tx
      .insert(courses)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'course.create',
      recordType: 'course',
      recordId: created!.id,
      changes: diff(null, input as unknown as Record<string, unknown>),
    });
    return created!;
  });
}

export async function updateCourse(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  changes: Partial<CourseInput> & { active?: boolean | undefined },
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(courses).where(eq(courses.id, id)).for('update');
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [updated] = await tx
      .update(courses)
      .set({ ...changes, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(courses.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'course.update',
      recordType: 'course',
      recordId: id,
      changes: diff(current, updated!, ['version', 'updatedAt']),
    });
    return updated!;
  });
}

export interface SessionInput {
  courseId: string;
  startsOn: string;
  endsOn: string;
  place?: string | null | undefined;
  virtualLink?: string | null | undefined;
  capacity: number;
  language: 'en' | 'fr' | 'bilingual';
  instructors?: string[] | undefined;
}

/** Schedule a session: in person (a place), virtual (a link), or both. */
export async function scheduleSession(db: Db, ctx: AuditContext, input: SessionInput) {
  if (input.endsOn < input.startsOn)
    throw new AppError('validation_failed', {}, [
      { path: 'endsOn', code: 'plan.period_end_before_start' },
    ]);
  if (!input.place?.trim() && !input.virtualLink?.trim())
    throw new AppError('validation_failed', {}, [
      { path: 'place', code: 'session.place_or_link_required' },
    ]);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(eq(courses.id, input.courseId));
    if (!course)
      throw new AppError('unknown_reference', { field: 'courseId', value: input.courseId });
    const [created] = await tx
      .insert(courseSessions)
      .values({
        ...input,
        place: input.place?.trim() || null,
        virtualLink: input.virtualLink?.trim() || null,
        instructors: input.instructors ?? [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'session.schedule',
      recordType: 'session',
      recordId: created!.id,
      changes: diff(null, input as unknown as Record<string, unknown>),
    });
    return created!;
  });
}

/** Sessions with their course and seats, by start date; `from`/`to` bound the start. */
export async function listSessions(
  db: Db,
  filters: {
    id?: string | undefined;
    courseId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  const where: SQL[] = [];
  if (filters.id) where.push(eq(courseSessions.id, filters.id));
  if (filters.courseId) where.push(eq(courseSessions.courseId, filters.courseId));
  if (filters.from) where.push(gte(courseSessions.startsOn, filters.from));
  if (filters.to) where.push(lte(courseSessions.startsOn, filters.to));
  return db
    .select({
      id: courseSessions.id,
      course: {
        id: courses.id,
        code: courses.code,
        nameEn: courses.nameEn,
        nameFr: courses.nameFr,
      },
      startsOn: courseSessions.startsOn,
      endsOn: courseSessions.endsOn,
      place: courseSessions.place,
      virtualLink: courseSessions.virtualLink,
      capacity: courseSessions.capacity,
      language: courseSessions.language,
      instructors: courseSessions.instructors,
      status: courseSessions.status,
      seatsTaken: sql<number>`(select count(*)::int from enrolments e where e.session_id = ${courseSessions.id} and e.status in ('enrolled','attended','absent','passed','failed'))`,
      waiting: sql<number>`(select count(*)::int from enrolments e where e.session_id = ${courseSessions.id} and e.status = 'waitlisted')`,
      version: courseSessions.version,
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(courseSessions.startsOn), asc(courses.code));
}

/** A session with its enrolments (an agency's officers', one officer's, or none, when asked). */
export async function findSession(
  db: Db,
  id: string,
  only?: { agencyId?: string; officerUserId?: string; none?: boolean },
) {
  const [session] = await listSessions(db, { id });
  if (!session) return null;
  if (only?.none) return { ...session, enrolments: [] };
  const where: SQL[] = [eq(enrolments.sessionId, id)];
  if (only?.agencyId) where.push(eq(officers.agencyId, only.agencyId));
  if (only?.officerUserId) where.push(eq(officers.userId, only.officerUserId));
  const people = await db
    .select({
      id: enrolments.id,
      status: enrolments.status,
      waitlistPosition: enrolments.waitlistPosition,
      grade: enrolments.grade,
      version: enrolments.version,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
        agencyId: officers.agencyId,
      },
    })
    .from(enrolments)
    .innerJoin(officers, eq(officers.id, enrolments.officerId))
    .where(and(...where))
    .orderBy(asc(enrolments.waitlistPosition), asc(officers.familyName), asc(officers.givenName));
  return { ...session, enrolments: people };
}

/** An officer's training record: enrolments (with session and course) and certificates. */
export async function trainingRecord(db: Db, officerId: string) {
  const taken = await db
    .select({
      id: enrolments.id,
      status: enrolments.status,
      waitlistPosition: enrolments.waitlistPosition,
      grade: enrolments.grade,
      version: enrolments.version,
      session: {
        id: courseSessions.id,
        startsOn: courseSessions.startsOn,
        endsOn: courseSessions.endsOn,
        place: courseSessions.place,
        virtualLink: courseSessions.virtualLink,
        language: courseSessions.language,
      },
      course: {
        id: courses.id,
        code: courses.code,
        nameEn: courses.nameEn,
        nameFr: courses.nameFr,
      },
    })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(enrolments.officerId, officerId))
    .orderBy(asc(courseSessions.startsOn));
  const held = await db
    .select({
      id: certificates.id,
      issuedOn: certificates.issuedOn,
      expiresOn: certificates.expiresOn,
      course: {
        id: courses.id,
        code: courses.code,
        nameEn: courses.nameEn,
        nameFr: courses.nameFr,
      },
    })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.officerId, officerId))
    .orderBy(asc(certificates.issuedOn));
  return { enrolments: taken, certificates: held };
}
