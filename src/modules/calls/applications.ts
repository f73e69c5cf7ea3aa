import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  diff,
  writeAudit,
  writeAudits,
  type AuditContext,
  type AuditInput,
} from '../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { UN_ASSESSMENT_VALIDITY_MONTHS, UN_PASS_MARK } from '../officers/rules.ts';
import { officers, qualifications } from '../officers/schema.ts';
import { ranks } from '../reference/schema.ts';
import { findCall, invitedAgencyIds, type CallDetail } from './calls.ts';
import { acceptsApplications, canMove, screenable } from './rules.ts';
import {
  applicationPosts,
  applications,
  assessments,
  calls,
  type ApplicationStatus,
  type AssessmentKind,
  type Competencies,
} from './schema.ts';
import {
  overallOf,
  screen,
  screenedIn,
  type ApplicantFacts,
  type PostFacts,
  type ScreeningThresholds,
} from './screening.ts';

export interface ApplyInput {
  callId: string;
  officerId: string;
  /** Post ids in order of preference (first choice first). */
  postIds: string[];
  statement?: string | undefined;
}

/**
 * Apply to a call (the officer) or nominate an officer (their agency, or the program): the call
 * must be open and reach the officer's agency, the posts must be the call's, and an officer
 * applies to a call once.
 */
export async function applyToCall(
  db: Db,
  ctx: AuditContext,
  input: ApplyInput,
  options: { nominated: boolean },
) {
  const today = isoDateOf(ctx.now);
  return db.transaction(async (tx) => {
    const call = await findCall(tx, input.callId);
    if (!call) throw new AppError('unknown_reference', { field: 'callId', value: input.callId });
    if (!acceptsApplications(call, today))
      throw new AppError('call_closed', { number: call.number, closesOn: call.closesOn });
    const [officer] = await tx
      .select({ id: officers.id, agencyId: officers.agencyId })
      .from(officers)
      .where(eq(officers.id, input.officerId));
    if (!officer)
      throw new AppError('unknown_reference', { field: 'officerId', value: input.officerId });
    const invited = invitedAgencyIds(call);
    if (invited && !invited.includes(officer.agencyId))
      throw new AppError('call_not_for_agency', { number: call.number });
    const postIds = [...new Set(input.postIds)];
    for (const [i, id] of postIds.entries())
      if (!call.posts.some((p) => p.id === id))
        throw new AppError('validation_failed', {}, [
          { path: `postIds.${i}`, code: 'application.post_not_in_call' },
        ]);
    const [existing] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.callId, call.id), eq(applications.officerId, officer.id)));
    if (existing) throw new AppError('application_exists', { number: call.number });
    const [created] = await tx
      .insert(applications)
      .values({
        callId: call.id,
        officerId: officer.id,
        statement: input.statement?.trim() ?? '',
        nominatedBy: options.nominated ? ctx.actorId : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await tx
      .insert(applicationPosts)
      .values(
        postIds.map((postId, i) => ({ applicationId: created!.id, postId, preference: i + 1 })),
      );
    await writeAudit(tx, ctx, {
      action: options.nominated ? 'application.nominate' : 'application.submit',
      recordType: 'application',
      recordId: created!.id,
      // The statement is the officer's own words: recorded as given, not repeated here.
      changes: diff(null, { callId: call.id, officerId: officer.id, posts: postIds }),
    });
    return created!;
  });
}

/** Move an application, checking the state machine and the version; audited with a reason. */
async function moveApplication(
  tx: Tx,
  ctx: AuditContext,
  id: string,
  version: number | null,
  to: ApplicationStatus,
  set: Partial<typeof applications.$inferInsert>,
  action: string,
  reason?: string,
) {
  const [current] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, id))
    .for('update');
  if (!current) throw new AppError('not_found');
  if (version !== null) assertVersion(current.version, version);
  if (!canMove(current.status, to))
    throw new AppError('invalid_transition', { from: current.status, to });
  const [updated] = await tx
    .update(applications)
    .set({ ...set, status: to, version: current.version + 1, updatedAt: ctx.now })
    .where(eq(applications.id, id))
    .returning();
  await writeAudit(tx, ctx, {
    action,
    recordType: 'application',
    recordId: id,
    changes: { status: [current.status, to], ...(reason ? { reason: [null, reason] } : {}) },
  });
  return updated!;
}

/** The agency's answer on releasing its officer: endorse, or decline with a reason. */
export async function decideRelease(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  answer: { endorse: boolean; reason?: string | undefined },
) {
  const reason = answer.reason?.trim() ?? '';
  if (!answer.endorse && !reason)
    throw new AppError('validation_failed', {}, [
      { path: 'reason', code: 'application.reason_required' },
    ]);
  return db.transaction((tx) =>
    moveApplication(
      tx,
      ctx,
      id,
      version,
      answer.endorse ? 'endorsed' : 'not_released',
      { releaseDecidedBy: ctx.actorId, releaseDecidedAt: ctx.now, releaseReason: reason || null },
      answer.endorse ? 'application.endorse' : 'application.not_released',
      reason || undefined,
    ),
  );
}

/** Withdraw an application (the officer, their agency or the program), with a reason. */
export async function withdrawApplication(
  db: Db,
  ctx: AuditContext,
  id: string,
  version: number,
  reason: string,
) {
  return db.transaction((tx) =>
    moveApplication(
      tx,
      ctx,
      id,
      version,
      'withdrawn',
      { withdrawnReason: reason.trim() },
      'application.withdraw',
      reason.trim(),
    ),
  );
}

// --- Screening ----------------------------------------------------------------------------------

/** What screening needs of the officers of some applications, read in three queries. */
async function applicantFacts(tx: Tx, officerIds: string[]) {
  if (!officerIds.length) return new Map<string, ApplicantFacts>();
  const people = await tx
    .select({
      id: officers.id,
      gender: officers.gender,
      dateOfBirth: officers.dateOfBirth,
      serviceStart: officers.serviceStart,
      recordFlag: officers.recordFlag,
      rankOrdinal: ranks.ordinal,
    })
    .from(officers)
    .innerJoin(ranks, eq(ranks.code, officers.rankCode))
    .where(inArray(officers.id, officerIds));
  const held = await tx
    .select({
      officerId: qualifications.officerId,
      kind: qualifications.kind,
      code: qualifications.code,
      score: qualifications.score,
      passed: qualifications.passed,
      obtainedOn: qualifications.obtainedOn,
      expiresOn: qualifications.expiresOn,
    })
    .from(qualifications)
    .where(inArray(qualifications.officerId, officerIds));
  const facts = new Map<string, ApplicantFacts>();
  for (const p of people)
    facts.set(p.id, {
      gender: p.gender,
      dateOfBirth: p.dateOfBirth,
      serviceStart: p.serviceStart,
      rankOrdinal: p.rankOrdinal,
      recordFlag: p.recordFlag,
      qualifications: [],
    });
  for (const q of held) facts.get(q.officerId)?.qualifications.push(q);
  return facts;
}

/** The facts of each of a call's posts that screening checks. */
async function postFacts(tx: Tx, call: CallDetail): Promise<Map<string, PostFacts>> {
  const rankRows = await tx.select({ code: ranks.code, ordinal: ranks.ordinal }).from(ranks);
  const ordinalOf = new Map(rankRows.map((r) => [r.code, r.ordinal]));
  return new Map(
    call.posts.map((p) => [
      p.id,
      {
        tourStart: p.tourStart,
        tourEnd: p.tourEnd,
        workingLanguage: call.mission.workingLanguage,
        armed: call.mission.armed,
        languages: p.requirements.languages,
        minRank: p.requirements.minRankCode
          ? {
              code: p.requirements.minRankCode,
              ordinal: ordinalOf.get(p.requirements.minRankCode) ?? 0,
            }
          : null,
        minYearsService: p.requirements.minYearsService,
        // A specialised team's posts want its specialisation (an SGBV team: sgbv), and the skills listed.
        specialisations: [
          ...new Set([
            ...(p.teamCode && specialisedTeams.has(p.teamCode) ? [p.teamCode] : []),
            ...p.requirements.skills,
          ]),
        ],
        womenSought: p.requirements.womenSought,
      },
    ]),
  );
}

/** Teams whose members need the team's specialisation on their record. */
const specialisedTeams = new Set([
  'community_policing',
  'management_development',
  'serious_organized_crime',
  'sgbv',
  'counter_terrorism',
]);

/** Screening of applications of a call, each post the application names, rule by rule. */
export async function screeningOf(
  tx: Tx,
  call: CallDetail,
  applicationRows: Array<{ id: string; officerId: string }>,
  thresholds: ScreeningThresholds,
) {
  const facts = await applicantFacts(
    tx,
    applicationRows.map((a) => a.officerId),
  );
  const postsOf = await postFacts(tx, call);
  const choices = applicationRows.length
    ? await tx
        .select()
        .from(applicationPosts)
        .where(
          inArray(
            applicationPosts.applicationId,
            applicationRows.map((a) => a.id),
          ),
        )
        .orderBy(asc(applicationPosts.preference))
    : [];
  return new Map(
    applicationRows.map((a) => {
      const officer = facts.get(a.officerId)!;
      const perPost = choices
        .filter((c) => c.applicationId === a.id)
        .map((c) => {
          const rules = screen(officer, postsOf.get(c.postId)!, thresholds);
          return { postId: c.postId, preference: c.preference, outcome: overallOf(rules), rules };
        });
      return [a.id, perPost];
    }),
  );
}

export type Screening = NonNullable<ReturnType<Awaited<ReturnType<typeof screeningOf>>['get']>>;

/**
 * Screen a call's endorsed applications against the rules, with the record as it is now: each
 * moves to screened_in or screened_out (or stays), audited. Run again after records change.
 */
export async function screenCall(
  db: Db,
  ctx: AuditContext,
  callId: string,
  thresholds: ScreeningThresholds,
  only?: { officerId?: string; statuses: readonly ApplicationStatus[] },
) {
  return db.transaction(async (tx) => {
    const call = await findCall(tx, callId);
    if (!call) throw new AppError('not_found');
    if (call.status === 'ratified' || call.status === 'cancelled')
      throw new AppError('invalid_transition', { from: call.status, to: 'screening' });
    const rows = await tx
      .select({
        id: applications.id,
        officerId: applications.officerId,
        status: applications.status,
        version: applications.version,
      })
      .from(applications)
      .where(
        and(
          eq(applications.callId, callId),
          inArray(applications.status, [...(only?.statuses ?? screenable)]),
          ...(only?.officerId ? [eq(applications.officerId, only.officerId)] : []),
        ),
      )
      .for('update');
    const results = await screeningOf(tx, call, rows, thresholds);
    const summary = { screenedIn: 0, screenedOut: 0, changed: 0 };
    const audits: AuditInput[] = [];
    for (const row of rows) {
      const perPost = results.get(row.id)!;
      const inNow = screenedIn(perPost.map((p) => p.outcome));
      if (inNow) summary.screenedIn += 1;
      else summary.screenedOut += 1;
      // An assessed application stays assessed while it screens in.
      const to: ApplicationStatus = inNow
        ? row.status === 'assessed'
          ? 'assessed'
          : 'screened_in'
        : 'screened_out';
      if (to === row.status) continue;
      await tx
        .update(applications)
        .set({ status: to, version: row.version + 1, updatedAt: ctx.now })
        .where(eq(applications.id, row.id));
      audits.push({
        action: 'application.screen',
        recordType: 'application',
        recordId: row.id,
        changes: { status: [row.status, to] },
      });
      summary.changed += 1;
    }
    await writeAudits(tx, ctx, audits);
    return summary;
  });
}

/**
 * Screening runs again when an applicant's record changes (a qualification recorded or
 * corrected, service data edited; null: an import, any officer): each of their applications
 * already screened, in a call not yet ratified, moves in or out with the record as it now is.
 */
export async function rescreenOfficer(
  db: Db,
  ctx: AuditContext,
  officerId: string | null,
  thresholds: ScreeningThresholds,
) {
  const statuses: ApplicationStatus[] = ['screened_in', 'screened_out', 'assessed'];
  const open = await db
    .selectDistinct({ callId: applications.callId })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(
      and(
        ...(officerId ? [eq(applications.officerId, officerId)] : []),
        inArray(applications.status, statuses),
        inArray(calls.status, ['open', 'closed']),
      ),
    );
  let changed = 0;
  for (const { callId } of open)
    changed += (
      await screenCall(
        db,
        ctx,
        callId,
        thresholds,
        officerId ? { officerId, statuses } : { statuses },
      )
    ).changed;
  return changed;
}

// --- Assessments --------------------------------------------------------------------------------

export interface AssessmentInput {
  kind: AssessmentKind;
  code?: string | undefined;
  score?: number | null | undefined;
  passed?: boolean | undefined;
  competencies?: Competencies | undefined;
  assessedOn: string;
  notes?: string | undefined;
}

/**
 * Record a test or interview for an application. Tests pass at the UN mark unless said
 * otherwise; an interview scores competencies 1 to 5 (its score is their mean as a percentage);
 * the UN assessment is valid 24 months. An interview moves a screened-in application to assessed.
 */
export async function recordAssessment(
  db: Db,
  ctx: AuditContext,
  applicationId: string,
  input: AssessmentInput,
) {
  let score = input.score ?? null;
  if (input.kind === 'interview') {
    const values = Object.values(input.competencies ?? {});
    if (!values.length)
      throw new AppError('validation_failed', {}, [
        { path: 'competencies', code: 'assessment.competencies_required' },
      ]);
    score = Math.round((values.reduce((a, b) => a + b, 0) / values.length / 5) * 100);
  }
  if (input.kind === 'language_test' && !input.code)
    throw new AppError('validation_failed', {}, [
      { path: 'code', code: 'assessment.language_required' },
    ]);
  const passed = input.passed ?? (score !== null ? score >= UN_PASS_MARK : false);
  const expiresOn =
    input.kind === 'un_assessment'
      ? addDays(input.assessedOn, Math.round(UN_ASSESSMENT_VALIDITY_MONTHS * 30.4375))
      : null;
  return db.transaction(async (tx) => {
    const [application] = await tx
      .select()
      .from(applications)
      .where(eq(applications.id, applicationId))
      .for('update');
    if (!application) throw new AppError('not_found');
    if (!['screened_in', 'assessed'].includes(application.status))
      throw new AppError('invalid_transition', { from: application.status, to: 'assessed' });
    const [created] = await tx
      .insert(assessments)
      .values({
        applicationId,
        kind: input.kind,
        code: input.code ?? '',
        score,
        passed,
        competencies: input.competencies ?? null,
        assessedOn: input.assessedOn,
        expiresOn,
        notes: input.notes?.trim() ?? '',
        recordedBy: ctx.actorId,
        createdAt: ctx.now,
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'application.assess',
      recordType: 'application',
      recordId: applicationId,
      changes: diff(null, { assessmentId: created!.id, kind: input.kind, score, passed }),
    });
    if (input.kind === 'interview' && application.status === 'screened_in')
      await moveApplication(tx, ctx, applicationId, null, 'assessed', {}, 'application.assessed');
    return created!;
  });
}

// --- Reading ------------------------------------------------------------------------------------

/** One application with its officer, call, posts chosen, assessments and live screening. */
export async function findApplication(db: Db, id: string, thresholds: ScreeningThresholds) {
  const [row] = await db
    .select({
      application: applications,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
        agencyId: officers.agencyId,
        userId: officers.userId,
        gender: officers.gender,
      },
    })
    .from(applications)
    .innerJoin(officers, eq(officers.id, applications.officerId))
    .where(eq(applications.id, id));
  if (!row) return null;
  const call = (await findCall(db, row.application.callId))!;
  const screening = (await screeningOf(db, call, [row.application], thresholds)).get(id)!;
  const tests = await db
    .select()
    .from(assessments)
    .where(eq(assessments.applicationId, id))
    .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt));
  return {
    ...row.application,
    officer: row.officer,
    call: {
      id: call.id,
      number: call.number,
      status: call.status,
      closesOn: call.closesOn,
      mission: call.mission,
    },
    posts: screening.map((s) => {
      const post = call.posts.find((p) => p.id === s.postId)!;
      return {
        id: post.id,
        reference: post.reference,
        postTypeCode: post.postTypeCode,
        tourStart: post.tourStart,
        tourEnd: post.tourEnd,
        preference: s.preference,
        screening: { outcome: s.outcome, rules: s.rules },
      };
    }),
    assessments: tests,
  };
}

export interface ApplicationFilters {
  callId?: string | undefined;
  status?: ApplicationStatus | undefined;
}

/** Applications, newest first, limited to an agency's officers or one officer when asked. */
export async function listApplications(
  db: Db,
  filters: ApplicationFilters,
  paging: { page: number; pageSize: number },
  only?: { agencyId?: string; officerUserId?: string },
) {
  const where: SQL[] = [];
  if (filters.callId) where.push(eq(applications.callId, filters.callId));
  if (filters.status) where.push(eq(applications.status, filters.status));
  if (only?.agencyId) where.push(eq(officers.agencyId, only.agencyId));
  if (only?.officerUserId) where.push(eq(officers.userId, only.officerUserId));
  const condition = where.length ? and(...where) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(applications)
    .innerJoin(officers, eq(officers.id, applications.officerId))
    .where(condition);
  const items = await db
    .select({
      id: applications.id,
      status: applications.status,
      callId: applications.callId,
      callNumber: calls.number,
      officer: {
        id: officers.id,
        givenName: officers.givenName,
        familyName: officers.familyName,
        agencyId: officers.agencyId,
      },
      nominated: sql<boolean>`${applications.nominatedBy} is not null`,
      posts: sql<number>`(select count(*)::int from application_posts ap where ap.application_id = ${applications.id})`,
      createdAt: applications.createdAt,
      version: applications.version,
    })
    .from(applications)
    .innerJoin(officers, eq(officers.id, applications.officerId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(condition)
    .orderBy(desc(applications.createdAt), asc(officers.familyName))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return { items, total: total?.n ?? 0 };
}
