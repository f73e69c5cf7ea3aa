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
type Resolver = (t: TestApp, subject: Subject) => string;
type Expected = number | Partial<Record<Kind, number>>;

export interface MatrixEntry {
  kinds?: Partial<Record<Kind, Resolver>>;
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
function signedIn(status: number): Record<Subject, Expected> {
  return Object.fromEntries(subjects.map((s) => [s, s === 'anonymous' ? 401 : status])) as Record<
    Subject,
    Expected
  >;
}

function only(allowed: Subject[], ok: number, denied = 403): Record<Subject, Expected> {
  return Object.fromEntries(
    subjects.map((s) => [s, s === 'anonymous' ? 401 : allowed.includes(s) ? ok : denied]),
  ) as Record<Subject, Expected>;
}

const missing: Resolver = () => randomUUID();
const ownUser: Resolver = (t, s) => t.users[s === 'anonymous' ? 'program_admin' : s]!.id;
const otherUser: Resolver = (t, s) =>
  t.users[s === 'program_officer' ? 'program_admin' : 'program_officer']!.id;
let created = 0;

export const matrix: Record<string, MatrixEntry> = {
  'POST /api/v1/session': {
    body: (t, s) =>
      s === 'anonymous'
        ? { email: 'nobody@test.peaceops.ca', password: 'not the password' }
        : { email: t.users[s]!.email, password: PASSWORD },
    expect: { ...signedIn(200), anonymous: 401 },
  },
  'DELETE /api/v1/session': { expect: signedIn(204) },
  'GET /api/v1/me': { expect: signedIn(200) },
  // Reaching validation (400: same password) proves the route let the caller through.
  'PUT /api/v1/me/password': {
    body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
    expect: signedIn(400),
  },
  'GET /api/v1/reference/organizations': { expect: signedIn(200) },
  'GET /api/v1/reference/countries': { expect: signedIn(200) },
  'GET /api/v1/reference/mission-roles': { expect: signedIn(200) },
  'GET /api/v1/reference/post-types': { expect: signedIn(200) },
  'GET /api/v1/agencies': { expect: signedIn(200) },
  'GET /api/v1/agencies/:id': {
    kinds: { own: (t) => t.ids.ownAgency, other: (t) => t.ids.otherAgency, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 } as never),
      anonymous: 401,
      agency_coordinator: { own: 200, other: 404, missing: 404 },
      officer: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/missions': { expect: signedIn(200) },
  'GET /api/v1/missions/:id': {
    kinds: { own: (t) => t.ids.ownMission, other: (t) => t.ids.otherMission, missing },
    expect: {
      ...signedIn({ own: 200, other: 200, missing: 404 } as never),
      anonymous: 401,
      contingent_commander: { own: 200, other: 404, missing: 404 },
    },
  },
  'GET /api/v1/users': { expect: only(['program_admin', 'auditor'], 200) },
  'GET /api/v1/users/:id': {
    kinds: { own: ownUser, other: otherUser, missing },
    expect: {
      ...signedIn({ own: 200, other: 404, missing: 404 } as never),
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
};
