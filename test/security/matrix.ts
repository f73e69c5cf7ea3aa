import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.ts';
import { PASSWORD } from '../support/app.ts';

/**
 * The authorization matrix: for every API route, the status each role gets, on each kind of
 * record. The test fails when a route has no entry here, so a new route cannot ship without
 * saying who may use it.
 *
 * Record kinds (routes with an :id):
 *  - own: the caller's own record (their user, their agency, their mission);
 *  - inScope: another record the caller may reach (when the role has one);
 *  - other: a record of another agency, mission or user;
 *  - missing: an id that does not exist.
 * Out-of-scope records answer 404, exactly like missing ones.
 */
export type Subject =
  | 'anonymous'
  | 'program_admin'
  | 'program_officer'
  | 'decision_partner'
  | 'agency_coordinator'
  | 'officer'
  | 'contingent_commander'
  | 'auditor';

export type Kind = 'own' | 'inScope' | 'other' | 'missing';
/** The record's id, or (for routes with several parameters) each parameter by name. */
type Resolver = (t: TestApp, subject: Subject) => string | Record<string, string>;
type Expected = number | Partial<Record<Kind, number>>;

export interface MatrixEntry {
  kinds?: Partial<Record<Kind, Resolver>>;
  /** Appended to the URL (e.g. `?version=...` of a DELETE, or a fixture's id). */
  query?: string | ((t: TestApp) => string);
  body?: (t: TestApp, subject: Subject) => unknown;
  expect: Record<Subject, Expected>;
}

export const subjects: Subject[] = [
  'anonymous',
  'program_admin',
  'program_officer',
  'decision_partner',
  'agency_coordinator',
  'officer',
  'contingent_commander',
  'auditor',
];

/** Same status for every signed-in role; 401 for anonymous. */
function signedIn(status: Expected): Record<Subject, Expected> {
  return Object.fromEntries(subjects.map((s) => [s, s === 'anonymous' ? 401 : status])) as Record<
    Subject,
    Expected
  >;
}

function only(allowed: Subject[], ok: Expected, denied = 403): Record<Subject, Expected> {
  return Object.fromEntries(
    subjects.map((s) => [s, s === 'anonymous' ? 401 : allowed.includes(s) ? ok : denied]),
  ) as Record<Subject, Expected>;
}

/** The same status for every subject, anonymous included (public routes). */
function everybody(status: Expected): Record<Subject, Expected> {
  return Object.fromEntries(subjects.map((s) => [s, status])) as Record<Subject, Expected>;
}

const missing: Resolver = () => randomUUID();
const ownUser: Resolver = (t, s) => t.users[s === 'anonymous' ? 'program_admin' : s]!.id;
const otherUser: Resolver = (t, s) =>
  t.users[s === 'program_officer' ? 'program_admin' : 'program_officer']!.id;
/** The target of account administration routes: a fixture account no test signs in with. */
const adminTarget: Resolver = (t) => t.users.partner_ps!.id;
let created = 0;

const decisionFileReaders: Subject[] = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'auditor',
];
const evaluationReaders: Subject[] = [...decisionFileReaders, 'contingent_commander'];
const officerReaders: Subject[] = ['program_officer', 'agency_coordinator', 'auditor'];
const callReaders: Subject[] = [
  'program_admin',
  'program_officer',
  'agency_coordinator',
  'officer',
  'auditor',
];
const callKinds = {
  own: (t: TestApp) => t.ids.ownCall!,
  other: (t: TestApp) => t.ids.otherCall!,
  missing,
};
const applicationKinds = {
  own: (t: TestApp) => t.ids.ownApplication!,
  other: (t: TestApp) => t.ids.otherApplication!,
  missing,
};
const officerKinds = {
  own: (t: TestApp) => t.ids.ownOfficer!,
  other: (t: TestApp) => t.ids.otherOfficer!,
  missing,
};
const qualificationKinds = {
  own: (t: TestApp) => ({ id: t.ids.ownOfficer!, qualificationId: t.ids.ownQualification! }),
  other: (t: TestApp) => ({ id: t.ids.otherOfficer!, qualificationId: t.ids.otherQualification! }),
  missing: (t: TestApp) => ({ id: t.ids.ownOfficer!, qualificationId: randomUUID() }),
};
/** Reading an officer: program staff and auditors reach all; a coordinator their agency's; an officer themself. */
const officerRead = {
  ...only([], 0),
  program_officer: { own: 200, other: 200, missing: 404 },
  auditor: { own: 200, other: 200, missing: 404 },
  agency_coordinator: { own: 200, other: 404, missing: 404 },
  officer: { own: 200, other: 404, missing: 404 },
};
/** Editing an officer's service data or qualifications: program officers, and a coordinator for their agency. */
const officerEdit = (status: number) => ({
  ...only([], 0),
  program_officer: { own: status, other: status, missing: 404 },
  agency_coordinator: { own: status, other: 404, missing: 404 },
});
const incidentKinds = {
  own: (t: TestApp) => t.ids.ownIncident!,
  other: (t: TestApp) => t.ids.otherIncident!,
  missing,
};
const noticeKinds = {
  own: (t: TestApp) => t.ids.ownNotice!,
  other: (t: TestApp) => t.ids.otherNotice!,
  missing,
};
const noticeReaders: Subject[] = [
  'program_admin',
  'program_officer',
  'contingent_commander',
  'auditor',
];
const ownMission: Resolver = (t) => t.ids.ownMission;
const otherMission: Resolver = (t) => t.ids.otherMission;
const theRequest: Resolver = (t) => t.ids.request!;
/** A stale version: reaching the 409 proves the caller got past authorization and validation. */
const STALE = 999_999;

const deploymentKinds = {
  own: ((t) => t.ids.ownDeployment!) as Resolver,
  other: ((t) => t.ids.otherDeployment!) as Resolver,
  missing,
};
const missionEventKinds = {
  own: ((t) => t.ids.ownMissionEvent!) as Resolver,
  other: ((t) => t.ids.otherMissionEvent!) as Resolver,
  missing,
};
/** Mission events and their roll-call: program staff and auditors all, a commander theirs. */
const missionWatching = (status: number): Record<Subject, Expected> => ({
  ...only([], 0),
  ...Object.fromEntries(
    ['program_admin', 'program_officer', 'auditor'].map((s) => [
      s,
      { own: status, other: status, missing: 404 },
    ]),
  ),
  contingent_commander: { own: status, other: 404, missing: 404 },
});
const missionEventDeclaring = (status: number): Record<Subject, Expected> => ({
  ...only([], 0),
  program_officer: { own: status, other: status, missing: 404 },
  contingent_commander: { own: status, other: 404, missing: 404 },
});
const today = () => new Date().toISOString().slice(0, 10);

export const matrix: Record<string, MatrixEntry> = {
  'POST /api/v1/session': {
    body: (t, s) =>
      s === 'anonymous'
        ? { email: 'nobody@test.peaceops.ca', password: 'not the password' }
        : { email: t.users[s]!.email, password: PASSWORD },
    expect: { ...signedIn(200), anonymous: 401 },
  },
  'DELETE /api/v1/session': { expect: signedIn(204) },
  // Sign-in through the identity provider: open to anyone. The matrix app has no provider, so the
  // start route redirects (302) to the sign-in page with oidc_unavailable; the callback always
  // answers a redirect (302), here and without parameters (see oidc.int.test.ts for the flow).
  'GET /api/v1/session/methods': { expect: everybody(200) },
  'GET /api/v1/session/oidc': { query: '?lang=en&next=/requests', expect: everybody(302) },
  'GET /api/v1/session/oidc/callback': { expect: everybody(302) },
  'GET /api/v1/me': { expect: signedIn(200) },
  'GET /api/v1/session': { expect: signedIn(200) },
  // Reaching validation (400: same password) proves the route let the caller through.
  'PUT /api/v1/me/password': {
    body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
    expect: signedIn(400),
  },
  // The second factor: an active session has no second step to take (409); a bad first code
  // (400) and "no active factor" (409) prove the caller got past authorization.
  'POST /api/v1/session/second-factor': {
    body: () => ({ code: '000000' }),
    expect: signedIn(409),
  },
  'POST /api/v1/session/reauthenticate': {
    body: () => ({ password: PASSWORD }),
    expect: signedIn(204),
  },
  'GET /api/v1/me/second-factor': { expect: signedIn(200) },
  'POST /api/v1/me/second-factor': { expect: signedIn(200) },
  'POST /api/v1/me/second-factor/confirm': {
    body: () => ({ code: '000000' }),
    expect: signedIn(400),
  },
  // Cancels the enrolment the POST above started (not confirmed: removing it is allowed).
  'DELETE /api/v1/me/second-factor': { expect: signedIn(204) },
  'POST /api/v1/me/second-factor/recovery-codes': { expect: signedIn(409) },
  // The same address again: nothing changes (204), after the policy and re-authentication checks.
  'PUT /api/v1/me/email': {
    body: (t, s) => ({ email: t.users[s === 'anonymous' ? 'officer' : s]!.email }),
    expect: signedIn(204),
  },
  'GET /api/v1/reference/organizations': { expect: signedIn(200) },
  'GET /api/v1/reference/countries': { expect: signedIn(200) },
  'GET /api/v1/reference/mission-roles': { expect: signedIn(200) },
  'GET /api/v1/reference/post-types': { expect: signedIn(200) },
  'GET /api/v1/agencies': { expect: signedIn(200) },
  // The public statistics are open data (no sign-in); the dashboard is for staff, the partners and
  // auditors (aggregate only).
  'GET /api/v1/public/statistics': {
    expect: Object.fromEntries(subjects.map((s) => [s, 200])) as Record<Subject, Expected>,
  },
  'GET /api/v1/statistics/dashboard': { expect: only(decisionFileReaders, 200) },
  'GET /api/v1/agencies/:id': {
    kinds: { own: (t) => t.ids.ownAgency, other: (t) => t.ids.otherAgency, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 }),
      anonymous: 401,
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/reference/ranks': { expect: signedIn(200) },
  'GET /api/v1/agencies/:id/contributions': {
    kinds: { own: (t) => t.ids.ownAgency, other: (t) => t.ids.otherAgency, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 }),
      anonymous: 401,
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'PATCH /api/v1/agencies/:id': {
    kinds: { own: (t) => t.ids.ownAgency, other: (t) => t.ids.otherAgency, missing },
    body: () => ({ version: STALE, contactPhone: '514-555-0100' }),
    expect: {
      ...only([], 0),
      program_admin: { own: 409, other: 409, missing: 404 },
      agency_coordinator: { own: 409, other: 404, missing: 404 },
    },
  },
  // Reference data administration (program administrators); a stale version (409) or a taken
  // code (409) proves the caller got through.
  'POST /api/v1/agencies': {
    body: () => ({ code: 'SQ', nameEn: 'Dup', nameFr: 'Doublon', type: 'provincial' }),
    expect: only(['program_admin'], 409),
  },
  'GET /api/v1/reference/mission-locations': { expect: signedIn(200) },
  'POST /api/v1/reference/organizations': {
    body: () => ({ code: 'UN', kind: 'un', nameEn: 'Dup', nameFr: 'Doublon' }),
    expect: only(['program_admin'], 409),
  },
  'PATCH /api/v1/reference/organizations/:code': {
    kinds: { own: () => ({ code: 'UN' }), missing: () => ({ code: 'NOPE' }) },
    body: () => ({ version: STALE, nameEn: 'United Nations' }),
    expect: { ...only([], 0), program_admin: { own: 409, missing: 404 } },
  },
  'POST /api/v1/reference/ranks': {
    body: () => ({ code: 'constable', ordinal: 99, nameEn: 'Dup', nameFr: 'Doublon' }),
    expect: only(['program_admin'], 409),
  },
  'PATCH /api/v1/reference/ranks/:code': {
    kinds: { own: () => ({ code: 'sergeant' }), missing: () => ({ code: 'nope' }) },
    body: () => ({ version: STALE, nameEn: 'Sergeant' }),
    expect: { ...only([], 0), program_admin: { own: 409, missing: 404 } },
  },
  'POST /api/v1/reference/mission-locations': {
    body: () => ({ missionId: randomUUID(), nameEn: 'Nowhere', nameFr: 'Nulle part' }),
    expect: only(['program_admin'], 400),
  },
  'PATCH /api/v1/reference/mission-locations/:id': {
    kinds: { missing },
    body: () => ({ version: STALE, nameEn: 'Gao' }),
    expect: { ...only([], 0), program_admin: { missing: 404 } },
  },
  'GET /api/v1/reference/:kind/:id/history': {
    kinds: { own: (t) => ({ kind: 'agencies', id: t.ids.ownAgency }) },
    expect: only(['program_admin', 'program_officer'], 200),
  },
  'GET /api/v1/settings': { expect: only(['program_admin', 'program_officer'], 200) },
  'PUT /api/v1/settings/:key': {
    kinds: { own: () => ({ key: 'wps_target_percent' }) },
    body: () => ({ version: STALE, value: 30 }),
    expect: only(['program_admin'], 409),
  },
  'GET /api/v1/calls': { expect: only(callReaders, 200) },
  'POST /api/v1/calls': {
    body: (t) => ({
      missionId: t.ids.ownMission,
      postIds: [t.ids.ownCallPost],
      closesOn: '2000-01-01',
      audience: 'all',
    }),
    expect: only(['program_officer'], 400),
  },
  'GET /api/v1/calls/:id': {
    kinds: callKinds,
    expect: {
      ...only([], 0),
      ...Object.fromEntries(
        ['program_admin', 'program_officer', 'auditor'].map((s) => [
          s,
          { own: 200, other: 200, missing: 404 },
        ]),
      ),
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/calls/:id/screening': {
    kinds: callKinds,
    expect: { ...only([], 0), program_officer: { own: 200, other: 200, missing: 404 } },
  },
  'GET /api/v1/calls/:id/proposal': {
    kinds: callKinds,
    expect: { ...only([], 0), program_officer: { own: 200, other: 200, missing: 404 } },
  },
  // An unknown application to leave out: refused (400) once the caller may select.
  'POST /api/v1/calls/:id/proposal': {
    kinds: callKinds,
    body: () => ({ excluded: [randomUUID()] }),
    expect: { ...only([], 0), program_officer: { own: 400, other: 400, missing: 404 } },
  },
  'POST /api/v1/calls/:id/ratify': {
    kinds: callKinds,
    body: () => ({ version: STALE, digest: 'reviewed' }),
    expect: { ...only([], 0), program_officer: { own: 409, other: 409, missing: 404 } },
  },
  'GET /api/v1/applications': { expect: only(callReaders, 200) },
  // The other agency's call: refused (409) once the caller may nominate this officer.
  'POST /api/v1/applications': {
    body: (t) => ({
      callId: t.ids.otherCall,
      officerId: t.ids.ownOfficer,
      postIds: [t.ids.otherCallPost],
    }),
    expect: only(['program_officer', 'agency_coordinator', 'officer'], 409),
  },
  'GET /api/v1/applications/:id': {
    kinds: applicationKinds,
    expect: {
      ...only([], 0),
      ...Object.fromEntries(
        ['program_admin', 'program_officer', 'auditor'].map((s) => [
          s,
          { own: 200, other: 200, missing: 404 },
        ]),
      ),
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/applications/:id/release': {
    kinds: applicationKinds,
    body: () => ({ version: STALE, decision: 'endorse' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      agency_coordinator: { own: 409, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/applications/:id/withdraw': {
    kinds: applicationKinds,
    body: () => ({ version: STALE, reason: 'Family reasons' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      agency_coordinator: { own: 409, other: 404, missing: 404 },
      officer: { own: 409, other: 404, missing: 404 },
    },
  },
  // A date in the future: refused (400) once the caller may record assessments.
  'POST /api/v1/applications/:id/assessments': {
    kinds: applicationKinds,
    body: () => ({ kind: 'interview', assessedOn: '2999-01-01', competencies: { judgement: 4 } }),
    expect: { ...only([], 0), program_officer: { own: 400, other: 400, missing: 404 } },
  },
  'GET /api/v1/courses': { expect: signedIn(200) },
  // The fixture course's code: refused (409) once the caller may manage the catalogue.
  'POST /api/v1/courses': {
    body: () => ({
      code: 'PDT',
      nameEn: 'Pre-deployment training',
      nameFr: 'Formation préalable au déploiement',
      delivery: 'in_person',
      durationDays: 10,
    }),
    expect: only(['program_admin', 'program_officer'], 409),
  },
  'PATCH /api/v1/courses/:id': {
    kinds: { own: (t) => t.ids.course!, missing },
    body: () => ({ version: STALE, durationDays: 5 }),
    expect: {
      ...only([], 0),
      program_admin: { own: 409, missing: 404 },
      program_officer: { own: 409, missing: 404 },
    },
  },
  'GET /api/v1/sessions': { expect: signedIn(200) },
  // Ending before it starts: refused (400) once the caller may schedule.
  'POST /api/v1/sessions': {
    body: (t) => ({
      courseId: t.ids.course,
      startsOn: '2027-05-10',
      endsOn: '2027-05-01',
      place: 'Canadian Police College, Ottawa',
      capacity: 20,
      language: 'en',
    }),
    expect: only(['program_officer'], 400),
  },
  'GET /api/v1/sessions/:id': {
    kinds: { own: (t) => t.ids.session!, missing },
    expect: signedIn({ own: 200, missing: 404 }),
  },
  // The fixture officer is enrolled already: refused (409) once the caller may enrol them.
  'POST /api/v1/sessions/:id/enrolments': {
    kinds: { own: (t) => t.ids.session!, missing },
    body: (t) => ({ officerId: t.ids.ownOfficer }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, missing: 404 },
      agency_coordinator: { own: 409, missing: 404 },
      officer: { own: 409, missing: 404 },
    },
  },
  'POST /api/v1/enrolments/:id/withdraw': {
    kinds: {
      own: (t) => t.ids.ownEnrolment!,
      other: (t) => t.ids.otherEnrolment!,
      missing,
    },
    body: () => ({ version: STALE }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      agency_coordinator: { own: 409, other: 404, missing: 404 },
      officer: { own: 409, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/enrolments/:id/result': {
    kinds: {
      own: (t) => t.ids.ownEnrolment!,
      other: (t) => t.ids.otherEnrolment!,
      missing,
    },
    body: () => ({ version: STALE, attended: true, grade: 80 }),
    expect: { ...only([], 0), program_officer: { own: 409, other: 409, missing: 404 } },
  },
  'GET /api/v1/officers/:id/training': { kinds: officerKinds, expect: officerRead },
  'GET /api/v1/deployments/:id': {
    kinds: {
      own: (t) => t.ids.ownDeployment!,
      other: (t) => t.ids.otherDeployment!,
      missing,
    },
    expect: {
      ...only([], 0),
      ...Object.fromEntries(
        ['program_admin', 'program_officer', 'auditor'].map((s) => [
          s,
          { own: 200, other: 200, missing: 404 },
        ]),
      ),
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/deployments/:id/transitions': {
    kinds: {
      own: (t) => t.ids.ownDeployment!,
      other: (t) => t.ids.otherDeployment!,
      missing,
    },
    body: () => ({ version: STALE, to: 'preparing' }),
    expect: {
      ...only([], 0),
      program_admin: { own: 409, other: 409, missing: 404 },
      program_officer: { own: 409, other: 409, missing: 404 },
    },
  },
  'POST /api/v1/deployments/:id/check-ins': {
    kinds: deploymentKinds,
    // The fixture deployments are in theatre (addDutyFixtures): allowed callers record one.
    body: () => ({ status: 'ok' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 201, other: 201, missing: 404 },
      officer: { own: 201, other: 404, missing: 404 },
      contingent_commander: { own: 201, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/deployments/:id/check-ins': {
    kinds: deploymentKinds,
    expect: {
      ...only([], 0),
      program_officer: { own: 200, other: 200, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'PATCH /api/v1/deployments/:id': {
    kinds: deploymentKinds,
    body: () => ({ version: STALE, location: 'Bamako' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      contingent_commander: { own: 409, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/deployments/:id/extensions': {
    kinds: deploymentKinds,
    body: () => ({ version: STALE, newEnd: '2028-06-30', reason: 'Elections' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      contingent_commander: { own: 409, other: 404, missing: 404 },
    },
  },
  'POST /api/v1/deployments/:id/extensions/:extensionId/decision': {
    kinds: {
      own: (t) => ({ id: t.ids.ownDeployment!, extensionId: randomUUID() }),
      other: (t) => ({ id: t.ids.otherDeployment!, extensionId: randomUUID() }),
      missing: () => ({ id: randomUUID(), extensionId: randomUUID() }),
    },
    body: () => ({ version: STALE, approve: true }),
    expect: {
      ...only([], 0),
      program_admin: { own: 409, other: 409, missing: 404 },
      program_officer: { own: 409, other: 409, missing: 404 },
    },
  },
  'POST /api/v1/deployments/:id/successor': {
    kinds: deploymentKinds,
    body: (t) => ({
      version: STALE,
      officerId: t.ids.otherOfficer,
      plannedStart: '2028-03-01',
      plannedEnd: '2029-02-28',
    }),
    expect: { ...only([], 0), program_officer: { own: 409, other: 409, missing: 404 } },
  },
  'POST /api/v1/deployments/:id/debrief': {
    kinds: deploymentKinds,
    body: () => ({ version: STALE, heldOn: '2026-01-15', notes: 'Debriefed' }),
    expect: { ...only([], 0), program_officer: { own: 409, other: 409, missing: 404 } },
  },
  // The end-of-tour report: not the agency's to read (it speaks of welfare); the officer writes.
  'GET /api/v1/deployments/:id/end-of-tour-report': {
    kinds: deploymentKinds,
    expect: {
      ...only([], 0),
      ...Object.fromEntries(
        ['program_admin', 'program_officer', 'auditor'].map((s) => [
          s,
          { own: 200, other: 200, missing: 404 },
        ]),
      ),
      officer: { own: 200, other: 404, missing: 404 },
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/me/deployment': { expect: only(['officer'], 200) },
  'GET /api/v1/missions/:id/contingent': {
    kinds: { own: ownMission, other: otherMission, missing },
    expect: {
      ...only([], 0),
      program_officer: { own: 200, other: 200, missing: 404 },
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/missions/:id/events': {
    kinds: { own: ownMission, other: otherMission, missing },
    expect: missionWatching(200),
  },
  'POST /api/v1/missions/:id/events': {
    kinds: { own: ownMission, other: otherMission, missing },
    // No evacuation is in force: a return to theatre is refused, nothing changes.
    body: () => ({ kind: 'return_to_theatre', instructionsEn: 'Back', instructionsFr: 'Retour' }),
    expect: missionEventDeclaring(409),
  },
  'GET /api/v1/mission-events/:id': {
    kinds: missionEventKinds,
    expect: missionWatching(200),
  },
  'POST /api/v1/mission-events/:id/end': {
    kinds: missionEventKinds,
    // A return to theatre cannot be ended: 409 for those who may end events.
    expect: missionEventDeclaring(409),
  },
  'POST /api/v1/mission-events/:id/roll-call': {
    kinds: missionEventKinds,
    body: (t) => ({ deploymentId: t.ids.ownDeployment! }),
    expect: missionEventDeclaring(200),
  },
  'PUT /api/v1/deployments/:id/end-of-tour-report': {
    kinds: deploymentKinds,
    body: () => ({ version: STALE, achievements: 'Trained 40 officers' }),
    expect: { ...only([], 0), officer: { own: 409, other: 404, missing: 404 } },
  },
  'GET /api/v1/readiness': {
    expect: only(
      ['program_admin', 'program_officer', 'agency_coordinator', 'contingent_commander', 'auditor'],
      200,
    ),
  },
  // Incidents are confidential: program officers, the mission's commander, the officers involved.
  'GET /api/v1/incidents': {
    expect: only(['program_officer', 'contingent_commander', 'officer'], 200),
  },
  'POST /api/v1/incidents': {
    body: (t) => ({
      missionId: t.ids.ownMission,
      type: 'security',
      severity: 'low',
      occurredOn: today(),
      place: 'Bamako',
      officerIds: [t.ids.ownOfficer],
      narrative: 'Stone thrown at a patrol vehicle; nobody hurt.',
    }),
    expect: only(['program_officer', 'contingent_commander'], 201),
  },
  'GET /api/v1/incidents/officers': {
    query: (t) => `?missionId=${t.ids.ownMission}`,
    expect: only(['program_officer', 'contingent_commander'], 200),
  },
  'GET /api/v1/incidents/:id': {
    kinds: incidentKinds,
    expect: {
      ...only([], 0),
      program_officer: { own: 200, other: 200, missing: 404 },
      contingent_commander: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'PATCH /api/v1/incidents/:id': {
    kinds: incidentKinds,
    body: () => ({ version: STALE, status: 'under_review' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      contingent_commander: { own: 409, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/notices': { expect: only(noticeReaders, 200) },
  'POST /api/v1/notices': {
    body: (t) => ({
      missionId: t.ids.ownMission,
      titleEn: 'Water outage',
      titleFr: 'Coupure d’eau',
      bodyEn: 'No water at the camp tonight.',
      bodyFr: 'Pas d’eau au camp ce soir.',
    }),
    expect: only(['program_officer', 'contingent_commander'], 201),
  },
  'GET /api/v1/notices/:id': {
    kinds: noticeKinds,
    expect: {
      ...only(noticeReaders, { own: 200, other: 200, missing: 404 }),
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/me/notices': { expect: only(['officer'], 200) },

  // Reports: aggregates for program staff, the decision partners and auditors.
  'GET /api/v1/reports': { expect: only(decisionFileReaders, 200) },
  'GET /api/v1/reports/:report': {
    kinds: {
      own: () => ({ report: 'incidents-by-type' }),
      missing: () => ({ report: 'no-such-report' }),
    },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  // Idempotent: the fixture officer acknowledges the notice to their contingent as often as asked.
  'POST /api/v1/notices/:id/acknowledgement': {
    kinds: noticeKinds,
    expect: { ...only([], 0), officer: { own: 200, other: 404, missing: 404 } },
  },
  'GET /api/v1/missions': { expect: signedIn(200) },
  'POST /api/v1/missions': {
    body: () => ({
      acronym: `TEST-${++created}`,
      nameEn: 'Test mission',
      nameFr: 'Mission d’essai',
      organizationCode: 'UN',
      hostCountryCode: 'ML',
      startDate: '2027-01-01',
      workingLanguage: 'fr',
    }),
    expect: only(['program_officer', 'program_admin'], 201),
  },
  'GET /api/v1/missions/:id': {
    kinds: { own: ownMission, other: otherMission, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 }),
      anonymous: 401,
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'PATCH /api/v1/missions/:id': {
    kinds: { own: ownMission, other: otherMission, missing },
    body: () => ({ version: STALE, headquarters: 'Bamako' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      program_admin: { own: 409, other: 409, missing: 404 },
    },
  },
  'GET /api/v1/missions/:id/posts': {
    kinds: { own: ownMission, other: otherMission, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 }),
      anonymous: 401,
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  // An unknown request line is refused with 400 once the caller is let through.
  'POST /api/v1/missions/:id/posts': {
    kinds: { own: ownMission, other: otherMission, missing },
    body: () => ({
      requestLineId: randomUUID(),
      count: 1,
      tourStart: '2027-01-01',
      tourEnd: '2027-12-31',
    }),
    expect: { ...only([], 0), program_officer: { own: 400, other: 400, missing: 404 } },
  },
  'PATCH /api/v1/missions/:id/posts/:postId': {
    kinds: {
      own: (t) => ({ id: t.ids.ownMission, postId: t.ids.ownPost! }),
      other: (t) => ({ id: t.ids.otherMission, postId: t.ids.otherPost! }),
      missing: (t) => ({ id: t.ids.ownMission, postId: randomUUID() }),
    },
    body: () => ({ version: STALE, status: 'filled' }),
    expect: { ...only([], 0), program_officer: { own: 409, other: 409, missing: 404 } },
  },
  'GET /api/v1/requests': { expect: only(decisionFileReaders, 200) },
  'POST /api/v1/requests': {
    body: (t) => ({
      organizationCode: 'UN',
      missionId: t.ids.ownMission,
      noteReference: `NV/${++created}`,
      receivedOn: today(),
      responseDue: today(),
      startDate: today(),
      tourMonths: 12,
      lines: [{ postCount: 1, postTypeCode: 'individual_police_officer' }],
    }),
    expect: only(['program_officer'], 201),
  },
  'GET /api/v1/requests/:id': {
    kinds: { own: theRequest, missing },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  'PATCH /api/v1/requests/:id': {
    kinds: { own: theRequest, missing },
    body: () => ({ version: STALE, summary: 'Edited' }),
    expect: { ...only([], 0), program_officer: { own: 409, missing: 404 } },
  },
  'POST /api/v1/requests/:id/transitions': {
    kinds: { own: theRequest, missing },
    body: () => ({ step: 'reconsider', version: STALE, reason: 'New information' }),
    expect: { ...only([], 0), program_officer: { own: 409, missing: 404 } },
  },
  // JSON is not a document: 415 once the caller is let through.
  'POST /api/v1/requests/:id/documents': {
    kinds: { own: theRequest, missing },
    body: () => ({ not: 'a document' }),
    expect: { ...only([], 0), program_officer: { own: 415, missing: 404 } },
  },
  'GET /api/v1/requests/:id/documents/:documentId': {
    kinds: {
      own: (t) => ({ id: t.ids.request!, documentId: t.ids.document! }),
      missing: (t) => ({ id: t.ids.request!, documentId: randomUUID() }),
    },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  'GET /api/v1/requests/:id/positions': {
    kinds: { own: theRequest, missing },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  // The fixture request is decided: positions are closed (409) once the partner is let through.
  'PUT /api/v1/requests/:id/positions': {
    kinds: { own: theRequest, missing },
    body: () => ({ stance: 'support', reasons: 'Clear mandate' }),
    expect: { ...only([], 0), decision_partner: { own: 409, missing: 404 } },
  },
  'GET /api/v1/requests/:id/decision-file': {
    kinds: { own: theRequest, missing },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  'GET /api/v1/decisions': { expect: only(decisionFileReaders, 200) },
  'GET /api/v1/decisions/:id': {
    kinds: { own: (t) => t.ids.decision!, missing },
    expect: only(decisionFileReaders, { own: 200, missing: 404 }),
  },
  'POST /api/v1/decisions': {
    body: (t) => ({
      requestId: t.ids.request,
      requestVersion: STALE,
      outcome: 'approved',
      ceiling: 4,
      decidedOn: today(),
    }),
    expect: only(['program_officer', 'decision_partner'], 409),
  },
  'GET /api/v1/evaluations': { expect: only(evaluationReaders, 200) },
  'POST /api/v1/evaluations': {
    body: (t) => ({
      missionId: t.ids.ownMission,
      kind: 'periodic',
      periodStart: '2021-01-01',
      periodEnd: '2021-06-30',
      rating: 'partially_met',
    }),
    expect: only(['program_officer', 'contingent_commander'], 201),
  },
  'GET /api/v1/evaluations/:id': {
    kinds: { own: (t) => t.ids.ownEvaluation!, other: (t) => t.ids.otherEvaluation!, missing },
    expect: {
      ...only(evaluationReaders, { own: 200, other: 200, missing: 404 }),
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'PATCH /api/v1/evaluations/:id': {
    kinds: { own: (t) => t.ids.ownEvaluation!, other: (t) => t.ids.otherEvaluation!, missing },
    body: () => ({ version: STALE, rating: 'exceeded' }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      contingent_commander: { own: 409, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/officers': { expect: only(officerReaders, 200) },
  'POST /api/v1/officers': {
    body: (t) => ({
      agencyId: t.ids.ownAgency,
      badgeNumber: `M-${++created}`,
      givenName: 'Jean',
      familyName: 'Matrix',
      gender: 'man',
      rankCode: 'constable',
      serviceStart: '2015-01-05',
    }),
    expect: only(['program_officer', 'agency_coordinator'], 201),
  },
  'GET /api/v1/officers/:id': { kinds: officerKinds, expect: officerRead },
  'GET /api/v1/me/officer': { expect: only(['officer'], 200) },
  'PATCH /api/v1/officers/:id': {
    kinds: officerKinds,
    body: () => ({ version: STALE, phone: '819-555-0100' }),
    expect: officerEdit(409),
  },
  'PUT /api/v1/officers/:id/contact': {
    kinds: officerKinds,
    body: () => ({ version: STALE, contacts: [] }),
    expect: {
      ...only([], 0),
      program_officer: { own: 409, other: 409, missing: 404 },
      officer: { own: 409, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/officers/:id/qualifications': { kinds: officerKinds, expect: officerRead },
  'POST /api/v1/officers/:id/qualifications': {
    kinds: officerKinds,
    body: () => ({ kind: 'firearms', obtainedOn: '2024-01-10', expiresOn: '2026-01-09' }),
    expect: officerEdit(201),
  },
  'PUT /api/v1/officers/:id/qualifications/:qualificationId': {
    kinds: qualificationKinds,
    body: () => ({ version: STALE, kind: 'passport', obtainedOn: '2020-01-01' }),
    expect: officerEdit(409),
  },
  'DELETE /api/v1/officers/:id/qualifications/:qualificationId': {
    kinds: qualificationKinds,
    query: `?version=${STALE}`,
    expect: officerEdit(409),
  },
  'GET /api/v1/qualifications/expiring': { expect: only(officerReaders, 200) },
  'POST /api/v1/officers/:id/prior-missions': {
    kinds: officerKinds,
    body: () => ({
      missionName: 'UNMIH',
      role: 'Police monitor',
      startDate: '1995-03-01',
      endDate: '1996-02-28',
    }),
    expect: officerEdit(201),
  },
  // JSON is not an import file: 400 once the caller is let through.
  'POST /api/v1/officers/import': {
    body: () => ({ not: 'a file' }),
    expect: only(['program_officer', 'agency_coordinator'], 400),
  },
  'GET /api/v1/officers/import-template': {
    expect: only(['program_officer', 'agency_coordinator'], 200),
  },
  'GET /api/v1/officers/export': { expect: only(officerReaders, 200) },
  // UN contribution reports: aggregate figures. JSON is not an import file: 400 once let through.
  'POST /api/v1/un-contributions/import': {
    body: () => ({ not: 'a file' }),
    expect: only(['program_admin', 'program_officer'], 400),
  },
  // The history import: program staff. JSON is not an import file: 400 once let through.
  'POST /api/v1/past-tours/import': {
    body: () => ({ not: 'a file' }),
    expect: only(['program_admin', 'program_officer'], 400),
  },
  'GET /api/v1/past-tours/import-template': {
    expect: only(['program_admin', 'program_officer'], 200),
  },
  'GET /api/v1/un-contributions/imports': { expect: only(decisionFileReaders, 200) },
  'GET /api/v1/imports': {
    expect: only(['program_admin', 'program_officer', 'auditor'], 200),
  },
  'GET /api/v1/un-contributions/police': {
    query: '?contributor=CAN&month=2015-02',
    expect: only(decisionFileReaders, 200),
  },
  'GET /api/v1/un-contributions/women-share': {
    query: '?contributor=CAN',
    expect: only(decisionFileReaders, 200),
  },
  'GET /api/v1/un-contributions/canada-vs-all': { expect: only(decisionFileReaders, 200) },
  'GET /api/v1/users': { expect: only(['program_admin', 'auditor'], 200) },
  'GET /api/v1/users/:id': {
    kinds: { own: ownUser, other: otherUser, missing },
    expect: {
      ...signedIn({ own: 200, other: 404, missing: 404 }),
      anonymous: 401,
      program_admin: { own: 200, other: 200, missing: 404 },
      auditor: { own: 200, other: 200, missing: 404 },
    },
  },
  'POST /api/v1/users': {
    body: () => ({
      email: `new-${++created}@test.peaceops.ca`,
      displayName: 'New account',
      password: 'a long and uncommon passphrase 7',
      role: 'program_officer',
    }),
    expect: only(['program_admin'], 201),
  },
  // The audit viewer: administrators and auditors (entry 1 is the first fixture account's creation).
  'GET /api/v1/audit': { expect: only(['program_admin', 'auditor'], 200) },
  'GET /api/v1/audit/:seq': {
    kinds: { own: () => ({ seq: '1' }), missing: () => ({ seq: '999999999' }) },
    expect: only(['program_admin', 'auditor'], { own: 200, missing: 404 }),
  },
  'GET /api/v1/audit/export': { expect: only(['program_admin', 'auditor'], 200) },
  'POST /api/v1/audit/verify': { expect: only(['program_admin', 'auditor'], 200) },

  // Privacy rights: the officer's own export; a program officer's on their behalf; the retention.
  'GET /api/v1/me/personal-data': { expect: only(['officer'], 200) },
  'GET /api/v1/officers/:id/personal-data': {
    kinds: officerKinds,
    expect: {
      ...only(['program_officer'], 0),
      program_officer: { own: 200, other: 200, missing: 404 },
    },
  },
  'GET /api/v1/retention/preview': { expect: only(['program_admin'], 200) },
  'POST /api/v1/retention/run': { expect: only(['program_admin'], 200) },
  // Account administration: only administrators get past authorization (a stale version, 409,
  // or a missing account, 404, proves it without changing the fixture accounts). Their target is
  // an account nobody signs in with (the fuzzer reuses these targets with real versions).
  'POST /api/v1/users/invitations': {
    body: () => ({
      email: `invited-${++created}@test.peaceops.ca`,
      displayName: 'Invited account',
      role: 'auditor',
      locale: 'fr',
    }),
    expect: only(['program_admin'], 201),
  },
  'POST /api/v1/users/:id/invitation': {
    kinds: { other: adminTarget, missing },
    body: () => ({ version: STALE }),
    expect: only(['program_admin'], { other: 409, missing: 404 }),
  },
  'PATCH /api/v1/users/:id': {
    kinds: { own: ownUser, other: adminTarget, missing },
    body: () => ({ role: 'auditor', version: STALE }),
    expect: only(['program_admin'], { own: 409, other: 409, missing: 404 }),
  },
  'POST /api/v1/users/:id/disable': {
    kinds: { own: ownUser, other: adminTarget, missing },
    body: () => ({ reason: 'matrix', version: STALE }),
    expect: {
      ...only(['program_admin'], 0),
      program_admin: { own: 403, other: 409, missing: 404 },
    },
  },
  'POST /api/v1/users/:id/enable': {
    kinds: { own: ownUser, other: adminTarget, missing },
    body: () => ({ version: STALE }),
    expect: {
      ...only(['program_admin'], 0),
      program_admin: { own: 403, other: 409, missing: 404 },
    },
  },
  'POST /api/v1/users/:id/password-reset': {
    kinds: { own: ownUser, other: adminTarget, missing },
    body: () => ({ version: STALE }),
    expect: {
      ...only(['program_admin'], 0),
      program_admin: { own: 403, other: 409, missing: 404 },
    },
  },
  'GET /api/v1/users/:id/sessions': {
    kinds: { own: ownUser, other: otherUser, missing },
    expect: only(['program_admin'], { own: 200, other: 200, missing: 404 }),
  },
  'DELETE /api/v1/users/:id/sessions': {
    kinds: { missing },
    expect: only(['program_admin'], { missing: 404 }),
  },
  'DELETE /api/v1/users/:id/sessions/:sessionId': {
    kinds: {
      other: (t, s) => ({ id: adminTarget(t, s) as string, sessionId: 'no-such-session' }),
      missing: () => ({ id: randomUUID(), sessionId: 'no-such-session' }),
    },
    expect: only(['program_admin'], { other: 404, missing: 404 }),
  },
  'GET /api/v1/me/sessions': { expect: signedIn(200) },
  'DELETE /api/v1/me/sessions/:sessionId': {
    kinds: { missing: () => ({ sessionId: 'no-such-session' }) },
    expect: signedIn({ missing: 404 }),
  },
  // Public (like sign-in): an unknown link is refused the same way for everyone.
  'POST /api/v1/invitations/accept': {
    body: () => ({ token: 'no-such-token', password: 'a long and uncommon passphrase 7' }),
    expect: Object.fromEntries(subjects.map((s) => [s, 400])) as Record<Subject, Expected>,
  },
  'POST /api/v1/password-reset': {
    body: () => ({ token: 'no-such-token', password: 'a long and uncommon passphrase 7' }),
    expect: Object.fromEntries(subjects.map((s) => [s, 400])) as Record<Subject, Expected>,
  },
};

/**
 * Field-level checks: who reads an officer's sensitive fields (date of birth, next of kin, passport
 * number, medical and clearance detail) on the records they can reach. Roles that cannot read the
 * officer at all are covered by the matrix above.
 */
export const sensitiveFieldMatrix: Array<{
  subject: Subject;
  kind: 'own' | 'other';
  visible: boolean;
}> = [
  { subject: 'program_officer', kind: 'own', visible: true },
  { subject: 'program_officer', kind: 'other', visible: true },
  { subject: 'auditor', kind: 'other', visible: true },
  { subject: 'officer', kind: 'own', visible: true },
  { subject: 'agency_coordinator', kind: 'own', visible: false },
];

/**
 * Incident confidentiality, field by field, on the records each reader reaches: the fixture
 * mission's incident involves the fixture officer and another agency's officer. Program officers
 * and the mission's commander see everyone involved and who reported it; an officer involved sees
 * their own part only. Roles that cannot read incidents at all are covered by the matrix above.
 */
export const incidentConfidentialityMatrix: Array<{
  subject: Subject;
  seesOthersInvolved: boolean;
  seesReporter: boolean;
}> = [
  { subject: 'program_officer', seesOthersInvolved: true, seesReporter: true },
  { subject: 'contingent_commander', seesOthersInvolved: true, seesReporter: true },
  { subject: 'officer', seesOthersInvolved: false, seesReporter: false },
];
