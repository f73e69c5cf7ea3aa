import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { auditEntries } from '../../kernel/audit/schema.ts';
import type { Db } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { applicationPosts, applications, assessments, calls } from '../calls/schema.ts';
import { checkIns } from '../checkins/schema.ts';
import {
  deploymentDebriefs,
  deploymentExtensions,
  deploymentMoves,
  deployments,
} from '../deployments/schema.ts';
import { tourReports } from '../evaluations/schema.ts';
import { missionEventEffects, missionEvents } from '../events/schema.ts';
import { incidentOfficers, incidents } from '../incidents/schema.ts';
import { posts } from '../missions/schema.ts';
import { noticeRecipients, notices } from '../notices/schema.ts';
import { officerContacts, officers, priorMissions, qualifications } from '../officers/schema.ts';
import { agencies, missions } from '../reference/schema.ts';
import { certificates, courseSessions, courses, enrolments } from '../training/schema.ts';
import { users } from '../users/schema.ts';

/**
 * The tables the personal-data export reads for an officer. `export.int.test.ts` compares it with
 * every foreign key to `officers` and `users` (and to the tables that hang off an officer's
 * records): a new table that points at an officer fails the test until it is covered here or
 * listed in `notAboutTheOfficer` with the reason.
 */
export const coveredTables = [
  'officers',
  'officer_contacts',
  'qualifications',
  'prior_missions',
  'users',
  'applications',
  'application_posts',
  'assessments',
  'deployments',
  'deployment_moves',
  'deployment_extensions',
  'deployment_debriefs',
  'check_ins',
  'mission_event_effects',
  'tour_reports',
  'enrolments',
  'certificates',
  'incident_officers',
  'incidents',
  'notice_recipients',
  'notices',
  'mail_outbox',
  'audit_entries',
] as const;

/**
 * Tables that reference an account or an officer's record without holding data about the officer:
 * the staff member who did something (an officer account cannot do these), or operational state.
 */
export const notAboutTheOfficer: Record<string, string> = {
  sessions: 'sign-in sessions: only a token hash and times; ended by the anonymisation',
  second_factors:
    'the account’s TOTP secret, encrypted: a credential, never exported; removed by the anonymisation',
  recovery_codes: 'hashes of single-use recovery codes: credentials; removed by the anonymisation',
  user_tokens:
    'hashes of single-use invitation or reset links: credentials; removed by the anonymisation',
  calls: 'opened_by: program staff who opened a call (an officer account cannot)',
  decisions: 'recorded_by: program staff or partners (joint decision)',
  partner_positions: 'recorded_by: decision partners',
  evaluations: 'author_id: program staff or commanders (mission evaluation)',
  requests: 'created_by: program staff',
  request_documents: 'uploaded_by: program staff',
  un_contribution_imports: 'imported_by: program staff',
  program_settings: 'changed_by: the program administrator who changed a setting',
  check_in_alerts:
    'escalation state of a missed check-in (due time and step): no personal data beyond the check-ins exported',
};

export interface ExportOptions {
  officerId: string;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Everything held about an officer, as data (the JSON answer; the PDF is drawn from it). */
export async function personalDataOf(db: Db, officerId: string, now: Date, language: Locale) {
  const [officer] = await db.select().from(officers).where(eq(officers.id, officerId));
  if (!officer) throw new AppError('not_found');
  const [agency] = await db
    .select({ code: agencies.code, nameEn: agencies.nameEn, nameFr: agencies.nameFr })
    .from(agencies)
    .where(eq(agencies.id, officer.agencyId));
  const [account] = officer.userId
    ? await db
        .select({
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          locale: users.locale,
          createdAt: users.createdAt,
          disabledAt: users.disabledAt,
          passwordChangedAt: users.passwordChangedAt,
        })
        .from(users)
        .where(eq(users.id, officer.userId))
    : [];
  const name = (r: { nameEn: string; nameFr: string }) => (language === 'fr' ? r.nameFr : r.nameEn);

  const contacts = await db
    .select()
    .from(officerContacts)
    .where(eq(officerContacts.officerId, officerId))
    .orderBy(asc(officerContacts.position));
  const quals = await db
    .select()
    .from(qualifications)
    .where(eq(qualifications.officerId, officerId))
    .orderBy(asc(qualifications.kind), asc(qualifications.obtainedOn));
  const prior = await db
    .select()
    .from(priorMissions)
    .where(eq(priorMissions.officerId, officerId))
    .orderBy(asc(priorMissions.startDate));

  const apps = await db
    .select({ application: applications, callNumber: calls.number, mission: missions })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(missions, eq(missions.id, calls.missionId))
    .where(eq(applications.officerId, officerId))
    .orderBy(asc(applications.createdAt));
  const appIds = apps.map((a) => a.application.id);
  const appPosts = appIds.length
    ? await db
        .select({
          applicationId: applicationPosts.applicationId,
          preference: applicationPosts.preference,
          postCode: posts.postTypeCode,
        })
        .from(applicationPosts)
        .innerJoin(posts, eq(posts.id, applicationPosts.postId))
        .where(inArray(applicationPosts.applicationId, appIds))
        .orderBy(asc(applicationPosts.preference))
    : [];
  const appAssessments = appIds.length
    ? await db
        .select()
        .from(assessments)
        .where(inArray(assessments.applicationId, appIds))
        .orderBy(asc(assessments.assessedOn))
    : [];

  const deps = await db
    .select({ deployment: deployments, mission: missions, postCode: posts.postTypeCode })
    .from(deployments)
    .innerJoin(missions, eq(missions.id, deployments.missionId))
    .leftJoin(posts, eq(posts.id, deployments.postId))
    .where(eq(deployments.officerId, officerId))
    .orderBy(asc(deployments.plannedStart));
  const depIds = deps.map((d) => d.deployment.id);
  const byDeployment = async <T extends { deploymentId: string | null }>(rows: Promise<T[]>) => {
    const all = depIds.length ? await rows : [];
    return (id: string) => all.filter((r) => r.deploymentId === id);
  };
  const moves = await byDeployment(
    db
      .select()
      .from(deploymentMoves)
      .where(inArray(deploymentMoves.deploymentId, depIds))
      .orderBy(asc(deploymentMoves.seq)),
  );
  const extensions = await byDeployment(
    db
      .select()
      .from(deploymentExtensions)
      .where(inArray(deploymentExtensions.deploymentId, depIds))
      .orderBy(asc(deploymentExtensions.requestedAt)),
  );
  const debriefs = await byDeployment(
    db.select().from(deploymentDebriefs).where(inArray(deploymentDebriefs.deploymentId, depIds)),
  );
  const checks = await byDeployment(
    db
      .select()
      .from(checkIns)
      .where(inArray(checkIns.deploymentId, depIds))
      .orderBy(asc(checkIns.at)),
  );
  const effects = await byDeployment(
    db
      .select({
        deploymentId: missionEventEffects.deploymentId,
        kind: missionEvents.kind,
        startedAt: missionEvents.startedAt,
        endedAt: missionEvents.endedAt,
        fromState: missionEventEffects.fromState,
        toState: missionEventEffects.toState,
        accountedAt: missionEventEffects.accountedAt,
        accountedHow: missionEventEffects.accountedHow,
        note: missionEventEffects.note,
      })
      .from(missionEventEffects)
      .innerJoin(missionEvents, eq(missionEvents.id, missionEventEffects.eventId))
      .where(inArray(missionEventEffects.deploymentId, depIds))
      .orderBy(asc(missionEvents.startedAt)),
  );
  const reports = await db
    .select()
    .from(tourReports)
    .where(
      depIds.length
        ? or(eq(tourReports.officerId, officerId), inArray(tourReports.deploymentId, depIds))
        : eq(tourReports.officerId, officerId),
    );

  const enrolled = await db
    .select({ enrolment: enrolments, session: courseSessions, course: courses })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(enrolments.officerId, officerId))
    .orderBy(asc(courseSessions.startsOn));
  const certs = await db
    .select({ certificate: certificates, course: courses })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.officerId, officerId))
    .orderBy(asc(certificates.issuedOn));

  // Incidents: the officer's own part only, as the incidents policy shows an officer involved
  // (not who else was involved, nor who reported it).
  const involved = await db
    .select({ incident: incidents, mission: missions })
    .from(incidentOfficers)
    .innerJoin(incidents, eq(incidents.id, incidentOfficers.incidentId))
    .innerJoin(missions, eq(missions.id, incidents.missionId))
    .where(eq(incidentOfficers.officerId, officerId))
    .orderBy(asc(incidents.occurredOn));

  const received = await db
    .select({ recipient: noticeRecipients, notice: notices })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .where(eq(noticeRecipients.officerId, officerId))
    .orderBy(asc(notices.sentAt));

  const addresses = [officer.email, account?.email].flatMap((a) => (a ? [a.toLowerCase()] : []));
  const mail = addresses.length
    ? await db
        .select({
          topic: mailOutbox.topic,
          subject: mailOutbox.subject,
          status: mailOutbox.status,
          createdAt: mailOutbox.createdAt,
          sentAt: mailOutbox.sentAt,
        })
        .from(mailOutbox)
        .where(inArray(sql`lower(${mailOutbox.toAddress})`, addresses))
        .orderBy(asc(mailOutbox.createdAt))
    : [];

  // Audit entries about their records: action, time and the actor's role (never who).
  const about: Array<[string, string[]]> = [
    ['officer', [officerId]],
    ['user', officer.userId ? [officer.userId] : []],
    ['application', appIds],
    ['deployment', depIds],
    ['enrolment', enrolled.map((e) => e.enrolment.id)],
    ['certificate', certs.map((c) => c.certificate.id)],
    ['qualification', quals.map((q) => q.id)],
    ['prior_mission', prior.map((p) => p.id)],
    ['tour_report', reports.map((r) => r.id)],
  ];
  const wanted = about.filter(([, ids]) => ids.length);
  const audit = await db
    .select({
      at: auditEntries.at,
      action: auditEntries.action,
      recordType: auditEntries.recordType,
      actorRole: auditEntries.actorRole,
      outcome: auditEntries.outcome,
    })
    .from(auditEntries)
    .where(
      or(
        ...wanted.map(([type, ids]) =>
          and(eq(auditEntries.recordType, type), inArray(auditEntries.recordId, ids)),
        ),
      ),
    )
    .orderBy(asc(auditEntries.seq));

  return {
    format: 'peaceops.personal-data/1',
    generatedAt: now.toISOString(),
    language,
    officer: {
      id: officer.id,
      agency: agency ? { code: agency.code, name: name(agency) } : null,
      badgeNumber: officer.badgeNumber,
      givenName: officer.givenName,
      familyName: officer.familyName,
      gender: officer.gender,
      dateOfBirth: officer.dateOfBirth,
      rankCode: officer.rankCode,
      agencyRankTitle: officer.agencyRankTitle,
      serviceStart: officer.serviceStart,
      email: officer.email,
      phone: officer.phone,
      preferredLanguage: officer.preferredLanguage,
      recordFlag: officer.recordFlag,
      anonymisedAt: iso(officer.anonymisedAt),
      createdAt: iso(officer.createdAt),
      updatedAt: iso(officer.updatedAt),
    },
    account: account
      ? {
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          locale: account.locale,
          createdAt: iso(account.createdAt),
          disabledAt: iso(account.disabledAt),
          passwordChangedAt: iso(account.passwordChangedAt),
        }
      : null,
    contacts: contacts.map((c) => ({
      name: c.name,
      relationship: c.relationship,
      phone: c.phone,
      email: c.email,
      nextOfKin: c.nextOfKin,
    })),
    qualifications: quals.map((q) => ({
      kind: q.kind,
      code: q.code,
      score: q.score,
      passed: q.passed,
      obtainedOn: q.obtainedOn,
      expiresOn: q.expiresOn,
      documentNumber: q.documentNumber,
      detail: q.detail,
    })),
    priorMissions: prior.map((p) => ({
      missionName: p.missionName,
      role: p.role,
      startDate: p.startDate,
      endDate: p.endDate,
      countryCode: p.countryCode,
      postTypeCode: p.postTypeCode,
    })),
    applications: apps.map(({ application: a, callNumber, mission }) => ({
      call: callNumber,
      mission: mission.acronym,
      status: a.status,
      statement: a.statement,
      releaseDecidedAt: iso(a.releaseDecidedAt),
      releaseReason: a.releaseReason,
      withdrawnReason: a.withdrawnReason,
      reserveRank: a.reserveRank,
      createdAt: iso(a.createdAt),
      updatedAt: iso(a.updatedAt),
      posts: appPosts
        .filter((p) => p.applicationId === a.id)
        .map((p) => ({ post: p.postCode, preference: p.preference })),
      assessments: appAssessments
        .filter((s) => s.applicationId === a.id)
        .map((s) => ({
          kind: s.kind,
          code: s.code,
          score: s.score,
          passed: s.passed,
          competencies: s.competencies,
          assessedOn: s.assessedOn,
          expiresOn: s.expiresOn,
          notes: s.notes,
        })),
    })),
    selections: apps
      .filter(({ application: a }) => ['selected', 'reserve', 'not_selected'].includes(a.status))
      .map(({ application: a, callNumber, mission }) => ({
        call: callNumber,
        mission: mission.acronym,
        outcome: a.status,
        reserveRank: a.reserveRank,
        at: iso(a.updatedAt),
      })),
    deployments: deps.map(({ deployment: d, mission, postCode }) => {
      const report = reports.find((r) => r.deploymentId === d.id);
      const debrief = debriefs(d.id)[0];
      return {
        mission: mission.acronym,
        missionName: name(mission),
        post: postCode,
        state: d.state,
        mode: d.mode,
        location: d.location,
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        actualStart: d.actualStart,
        actualEnd: d.actualEnd,
        moves: moves(d.id).map((m) => ({
          from: m.fromState,
          to: m.toState,
          reason: m.reason,
          at: iso(m.at),
          actorRole: m.actorRole,
        })),
        extensions: extensions(d.id).map((e) => ({
          previousEnd: e.previousEnd,
          newEnd: e.newEnd,
          reason: e.reason,
          status: e.status,
          requestedAt: iso(e.requestedAt),
          decidedAt: iso(e.decidedAt),
          decisionNote: e.decisionNote,
        })),
        checkIns: checks(d.id).map((c) => ({
          status: c.status,
          location: c.location,
          note: c.note,
          at: iso(c.at),
        })),
        missionEvents: effects(d.id).map((e) => ({
          kind: e.kind,
          startedAt: iso(e.startedAt),
          endedAt: iso(e.endedAt),
          from: e.fromState,
          to: e.toState,
          accountedAt: iso(e.accountedAt),
          accountedHow: e.accountedHow,
          note: e.note,
        })),
        tourReport: report
          ? {
              status: report.status,
              summary: report.summary,
              achievements: report.achievements,
              challenges: report.challenges,
              lessonsLearned: report.lessonsLearned,
              recommendations: report.recommendations,
              welfare: report.welfare,
              submittedAt: iso(report.submittedAt),
            }
          : null,
        debrief: debrief
          ? {
              heldOn: debrief.heldOn,
              notes: debrief.notes,
              followUp: debrief.followUp,
              recordedAt: iso(debrief.recordedAt),
            }
          : null,
      };
    }),
    training: {
      enrolments: enrolled.map(({ enrolment: e, session, course }) => ({
        course: course.code,
        courseName: name(course),
        startsOn: session.startsOn,
        endsOn: session.endsOn,
        status: e.status,
        grade: e.grade,
        waitlistPosition: e.waitlistPosition,
      })),
      certificates: certs.map(({ certificate: c, course }) => ({
        course: course.code,
        courseName: name(course),
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
      })),
    },
    incidents: involved.map(({ incident: i, mission }) => ({
      mission: mission.acronym,
      type: i.type,
      severity: i.severity,
      occurredOn: i.occurredOn,
      place: i.place,
      narrative: i.narrative,
      actions: i.actions,
      status: i.status,
    })),
    notices: received.map(({ recipient: r, notice: n }) => ({
      title: language === 'fr' ? n.titleFr : n.titleEn,
      sentAt: iso(n.sentAt),
      acknowledgedAt: iso(r.acknowledgedAt),
    })),
    mail: mail.map((m) => ({
      topic: m.topic,
      subject: m.subject,
      status: m.status,
      createdAt: iso(m.createdAt),
      sentAt: iso(m.sentAt),
    })),
    audit: audit.map((a) => ({
      at: iso(a.at),
      action: a.action,
      recordType: a.recordType,
      actorRole: a.actorRole,
      outcome: a.outcome,
    })),
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalDataOf>>;

/** Record the export (who asked, for which officer, which format) in the audit log. */
export async function auditExport(
  db: Db,
  ctx: AuditContext,
  officerId: string,
  format: 'json' | 'pdf',
) {
  await db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: 'officer.personal_data_export',
      recordType: 'officer',
      recordId: officerId,
      changes: { format: [null, format] },
    }),
  );
}
