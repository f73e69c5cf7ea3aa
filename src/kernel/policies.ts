import type { Actor } from './auth/actor.ts';
import type { Role } from '../modules/users/schema.ts';

/**
 * The one policy registry: "may this actor do this action (on this record)?".
 * Each action names the roles that may attempt it at all and, for record actions, the scope rule
 * a record must pass. Routes call `authorize` (see http/authorize.ts); nothing decides access
 * elsewhere. Modules add their actions here so the whole access model reads in one place.
 */

/** The minimum a scope rule may look at. Records pass their own ids and owning agency/mission. */
export interface ScopedRecord {
  id: string;
  agencyId?: string | null;
  missionId?: string | null;
  userId?: string | null;
  partner?: string | null;
  /** The agencies a record reaches (a call): null for every agency. */
  agencyIds?: readonly string[] | null;
  /** The accounts a record is about (the officers involved in an incident). */
  userIds?: readonly string[] | null;
}

interface Policy {
  roles: readonly Role[];
  /** For record actions: may this actor reach this record? Absent: every record is in scope. */
  scope?: (actor: Actor, record: ScopedRecord) => boolean;
}

const everyone = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'agency_coordinator',
  'officer',
  'contingent_commander',
  'auditor',
] as const satisfies readonly Role[];

const decisionFileReaders = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'auditor',
] as const satisfies readonly Role[];

const evaluationReaders = [
  'program_admin',
  'program_officer',
  'decision_partner',
  'contingent_commander',
  'auditor',
] as const satisfies readonly Role[];

const officerReaders = [
  'program_officer',
  'agency_coordinator',
  'auditor',
] as const satisfies readonly Role[];
const officerEditors = ['program_officer', 'agency_coordinator'] as const satisfies readonly Role[];

const callReaders = [
  'program_admin',
  'program_officer',
  'agency_coordinator',
  'officer',
  'auditor',
] as const satisfies readonly Role[];

/** A call: a coordinator or an officer reaches the calls sent to their agency. */
function callReaching(actor: Actor, call: ScopedRecord): boolean {
  if (actor.role !== 'agency_coordinator' && actor.role !== 'officer') return true;
  return !call.agencyIds || (!!actor.agencyId && call.agencyIds.includes(actor.agencyId));
}

/** A deployment: a coordinator's agency's, an officer's own, a commander's mission's. */
function deploymentReach(actor: Actor, deployment: ScopedRecord): boolean {
  if (actor.role === 'agency_coordinator') return deployment.agencyId === actor.agencyId;
  if (actor.role === 'officer') return deployment.userId === actor.id;
  if (actor.role === 'contingent_commander') return deployment.missionId === actor.missionId;
  return true;
}

/** A mission's record: a contingent commander reaches only the mission they command. */
function commandersMission(actor: Actor, record: ScopedRecord): boolean {
  return actor.role === 'contingent_commander' ? record.missionId === actor.missionId : true;
}

const missionWatchers = [
  'program_admin',
  'program_officer',
  'contingent_commander',
  'auditor',
] as const satisfies readonly Role[];

/**
 * An incident (confidential): program officers reach all; a contingent commander their mission's;
 * an officer those they are involved in (and sees only their own part of them).
 */
function incidentReach(actor: Actor, incident: ScopedRecord): boolean {
  if (actor.role === 'contingent_commander') return incident.missionId === actor.missionId;
  if (actor.role === 'officer') return !!incident.userIds?.includes(actor.id);
  return true;
}

/** A notice: a contingent commander reaches their mission's and those sent to all deployed. */
function noticeReach(actor: Actor, notice: ScopedRecord): boolean {
  if (actor.role !== 'contingent_commander') return true;
  return notice.missionId === null || notice.missionId === actor.missionId;
}

/** An officer record: a coordinator's agency's, an officer's own; program staff reach all. */
function ownOfficer(actor: Actor, officer: ScopedRecord): boolean {
  if (actor.role === 'agency_coordinator') return officer.agencyId === actor.agencyId;
  if (actor.role === 'officer') return officer.userId === actor.id;
  return true;
}

export const policies = {
  // One's own account: the second factor and the e-mail address (re-authentication checked too).
  'account.second_factor': { roles: everyone },
  'account.change_email': { roles: everyone },
  // Reference data: bilingual names every signed-in user needs.
  'reference.read': { roles: everyone },

  // Agencies: program staff and auditors see all; a coordinator and an officer see their own.
  'agency.list': { roles: everyone },
  'agency.read': {
    roles: everyone,
    scope: (actor, agency) =>
      actor.role === 'agency_coordinator' || actor.role === 'officer'
        ? agency.id === actor.agencyId
        : true,
  },

  // Editing an agency: administrators (reference data) any; a coordinator their own agency's contact.
  'agency.update': {
    roles: ['program_admin', 'agency_coordinator'],
    scope: (actor, agency) =>
      actor.role === 'agency_coordinator' ? agency.id === actor.agencyId : true,
  },
  // Names and agreement status: the program's administrators only.
  'agency.manage': { roles: ['program_admin'] },

  // Missions: a contingent commander reaches only the mission they command.
  'mission.list': { roles: everyone },
  'mission.read': {
    roles: everyone,
    scope: (actor, mission) =>
      actor.role === 'contingent_commander' ? mission.id === actor.missionId : true,
  },

  // Program officers register and run missions; administrators keep them as reference data.
  'mission.create': { roles: ['program_officer', 'program_admin'] },
  'mission.update': { roles: ['program_officer', 'program_admin'], scope: () => true },

  // Posts and the planning view: everyone who may read the mission; program officers plan.
  'post.list': {
    roles: everyone,
    scope: (actor, mission) =>
      actor.role === 'contingent_commander' ? mission.id === actor.missionId : true,
  },
  'post.create': { roles: ['program_officer'], scope: () => true },
  'post.update': { roles: ['program_officer'], scope: () => true },

  // Requests and their decision file: the three partners, program staff and auditors. Agency
  // coordinators, officers and commanders see missions and posts, never the decision file.
  'request.list': { roles: decisionFileReaders },
  'request.read': { roles: decisionFileReaders },
  'request.create': { roles: ['program_officer'] },
  'request.update': { roles: ['program_officer'] },
  'request.move': { roles: ['program_officer'] },
  'request.document.attach': { roles: ['program_officer'] },
  'request.document.read': { roles: decisionFileReaders },
  // A partner's position is recorded by a user of that partner, and by nobody else.
  'position.list': { roles: decisionFileReaders },
  'position.record': { roles: ['decision_partner'] },
  'decision.list': { roles: decisionFileReaders },
  'decision.read': { roles: decisionFileReaders },
  'decision.record': { roles: ['program_officer', 'decision_partner'] },

  // Mission evaluations: program staff, the partners and auditors read; a contingent commander
  // reads and writes those of their own mission.
  'evaluation.list': { roles: evaluationReaders },
  'evaluation.read': {
    roles: evaluationReaders,
    scope: (actor, evaluation) =>
      actor.role === 'contingent_commander' ? evaluation.missionId === actor.missionId : true,
  },
  'evaluation.create': {
    roles: ['program_officer', 'contingent_commander'],
    scope: (actor, evaluation) =>
      actor.role === 'contingent_commander' ? evaluation.missionId === actor.missionId : true,
  },
  'evaluation.update': {
    roles: ['program_officer', 'contingent_commander'],
    scope: (actor, evaluation) =>
      actor.role === 'contingent_commander' ? evaluation.missionId === actor.missionId : true,
  },

  // The people register. A coordinator reaches their agency's officers; an officer themself.
  'officer.list': { roles: officerReaders },
  'officer.read': { roles: [...officerReaders, 'officer'], scope: ownOfficer },
  // An officer's own record, from their account.
  'officer.self': { roles: ['officer'] },
  'officer.create': { roles: officerEditors, scope: ownOfficer },
  'officer.update': { roles: officerEditors, scope: ownOfficer },
  // Contact details and emergency contacts: the officer themself, or program staff for them.
  'officer.contacts.update': { roles: ['program_officer', 'officer'], scope: ownOfficer },
  // Field-level: date of birth, next of kin, passport number, medical and clearance detail.
  'officer.sensitive.read': {
    roles: ['program_officer', 'officer', 'auditor'],
    scope: ownOfficer,
  },
  'qualification.list': { roles: [...officerReaders, 'officer'], scope: ownOfficer },
  'qualification.create': { roles: officerEditors, scope: ownOfficer },
  'qualification.update': { roles: officerEditors, scope: ownOfficer },
  'qualification.delete': { roles: officerEditors, scope: ownOfficer },
  'qualification.expiring': { roles: officerReaders },
  // Imports write only what the importer may edit: a coordinator, their agency's officers.
  'officer.import': { roles: officerEditors },
  'officer.export': { roles: officerReaders },

  // Calls for candidates: program staff open and run them; an agency and its officers see the
  // calls sent to their agency.
  'call.list': { roles: callReaders },
  'call.read': { roles: callReaders, scope: callReaching },
  'call.open': { roles: ['program_officer'] },
  'call.screen': { roles: ['program_officer'] },
  'call.select': { roles: ['program_officer'] },
  // Applications: an officer their own, a coordinator their agency's officers', program staff all.
  'application.list': { roles: callReaders },
  'application.read': { roles: callReaders, scope: ownOfficer },
  'application.create': {
    roles: ['program_officer', 'agency_coordinator', 'officer'],
    scope: ownOfficer,
  },
  // The agency's answer on releasing its officer (program staff record it for an agency).
  'application.release': { roles: ['program_officer', 'agency_coordinator'], scope: ownOfficer },
  'application.withdraw': {
    roles: ['program_officer', 'agency_coordinator', 'officer'],
    scope: ownOfficer,
  },
  'assessment.record': { roles: ['program_officer'] },

  // Training: the catalogue and sessions are read by everyone signed in; program staff run them.
  // Officers enrol themselves, coordinators their agency's officers; instructors are program
  // officers, who record results.
  'course.list': { roles: everyone },
  'course.manage': { roles: ['program_admin', 'program_officer'] },
  'session.list': { roles: everyone },
  'session.read': { roles: everyone },
  'session.manage': { roles: ['program_officer'] },
  'enrolment.create': {
    roles: ['program_officer', 'agency_coordinator', 'officer'],
    scope: ownOfficer,
  },
  'enrolment.withdraw': {
    roles: ['program_officer', 'agency_coordinator', 'officer'],
    scope: ownOfficer,
  },
  'enrolment.result': { roles: ['program_officer'] },
  'training.read': { roles: [...officerReaders, 'officer'], scope: ownOfficer },

  // Deployments: a coordinator reaches their agency's officers', an officer their own, a
  // contingent commander their mission's; program staff move them (an administrator may
  // override readiness, with a reason).
  'deployment.read': {
    roles: [
      'program_admin',
      'program_officer',
      'agency_coordinator',
      'officer',
      'contingent_commander',
      'auditor',
    ],
    scope: deploymentReach,
  },
  'deployment.move': { roles: ['program_officer', 'program_admin'] },
  // Where the officer serves, and asking for a longer tour: program officers, and the mission's
  // contingent commander for their own contingent.
  'deployment.update': {
    roles: ['program_officer', 'contingent_commander'],
    scope: deploymentReach,
  },
  'deployment.extend': {
    roles: ['program_officer', 'contingent_commander'],
    scope: deploymentReach,
  },
  // Program staff decide an extension (never the person who asked: see rules.ts).
  'deployment.extension.decide': { roles: ['program_officer', 'program_admin'] },
  // Rotation: a program officer names the successor on the post.
  'deployment.rotate': { roles: ['program_officer'] },
  // The end-of-tour report: the officer writes their own; program staff, the mission's commander
  // and auditors read it (not the agency: it speaks of welfare).
  'deployment.report.read': {
    roles: ['program_admin', 'program_officer', 'officer', 'contingent_commander', 'auditor'],
    scope: deploymentReach,
  },
  'deployment.report.write': { roles: ['officer'], scope: deploymentReach },
  'deployment.debrief': { roles: ['program_officer'] },
  'readiness.board': {
    roles: [
      'program_admin',
      'program_officer',
      'agency_coordinator',
      'contingent_commander',
      'auditor',
    ],
  },

  // Duty of care. Mission-wide events (lockdown, evacuation, return to theatre, suspension) and
  // their roll-call: a program officer for any mission, the contingent commander for theirs.
  'mission_event.list': { roles: missionWatchers, scope: commandersMission },
  'mission_event.read': { roles: missionWatchers, scope: commandersMission },
  'mission_event.declare': {
    roles: ['program_officer', 'contingent_commander'],
    scope: commandersMission,
  },
  'roll_call.mark': {
    roles: ['program_officer', 'contingent_commander'],
    scope: commandersMission,
  },
  // Welfare check-ins: the officer themself, their commander, program officers. Agency
  // coordinators and auditors see deployments, not welfare notes.
  'checkin.record': {
    roles: ['program_officer', 'contingent_commander', 'officer'],
    scope: deploymentReach,
  },
  'checkin.list': {
    roles: ['program_officer', 'contingent_commander', 'officer'],
    scope: deploymentReach,
  },
  // The contingent at a glance, with contact details.
  'contingent.read': {
    roles: ['program_officer', 'contingent_commander'],
    scope: commandersMission,
  },
  // An officer's own deployment page.
  'deployment.self': { roles: ['officer'] },
  // Incidents are confidential: program officers, the commander of the mission, and the officers
  // involved (their own record only). Administrators, auditors, partners and agencies: never.
  'incident.list': { roles: ['program_officer', 'contingent_commander', 'officer'] },
  'incident.read': {
    roles: ['program_officer', 'contingent_commander', 'officer'],
    scope: incidentReach,
  },
  'incident.create': {
    roles: ['program_officer', 'contingent_commander'],
    scope: incidentReach,
  },
  'incident.update': {
    roles: ['program_officer', 'contingent_commander'],
    scope: incidentReach,
  },

  // Notices to a contingent: program officers send to any mission or to all deployed, a commander
  // to their own mission; program staff and auditors read them all, a commander their mission's
  // and those to all deployed. Officers read and acknowledge the notices sent to them.
  'notice.list': {
    roles: ['program_admin', 'program_officer', 'contingent_commander', 'auditor'],
  },
  'notice.read': {
    roles: ['program_admin', 'program_officer', 'contingent_commander', 'auditor'],
    scope: noticeReach,
  },
  'notice.create': {
    roles: ['program_officer', 'contingent_commander'],
    // Sending to all deployed (no mission) is the program's, not a commander's.
    scope: (actor, notice) =>
      actor.role === 'contingent_commander' ? notice.missionId === actor.missionId : true,
  },
  'notice.mine': { roles: ['officer'] },
  'notice.acknowledge': {
    roles: ['officer'],
    scope: (actor, recipient) => recipient.userId === actor.id,
  },

  // UN contribution reports (aggregate figures, no personal data): program staff import them;
  // program staff, decision partners and auditors read the figures and the import runs.
  'uncontribution.import': { roles: ['program_admin', 'program_officer'] },
  'uncontribution.read': { roles: decisionFileReaders },
  // Import runs of every kind (file names, digests, counts, failure codes; no personal data):
  // program staff and auditors.
  'import.read': { roles: ['program_admin', 'program_officer', 'auditor'] },

  // The history import (past tours from before the system): program staff, who hold every
  // agency's history; it may create officers of any agency, so agency coordinators may not.
  'pastTour.import': { roles: ['program_admin', 'program_officer'] },

  // Accounts: administrators manage them, auditors read them, everyone reads themself.
  'user.list': { roles: ['program_admin', 'auditor'] },
  'user.read': {
    roles: everyone,
    scope: (actor, user) =>
      actor.role === 'program_admin' || actor.role === 'auditor' ? true : user.id === actor.id,
  },
  'user.create': { roles: ['program_admin'] },
  // Account administration (invite, role and scope, disable, force a reset, sessions): only
  // administrators, never on their own role, scope or status (users/rules.ts).
  'user.invite': { roles: ['program_admin'] },
  'user.update': { roles: ['program_admin'] },
  'user.disable': { roles: ['program_admin'] },
  'user.resetPassword': { roles: ['program_admin'] },
  'user.session.list': { roles: ['program_admin'] },
  'user.session.delete': { roles: ['program_admin'] },

  // Reports: aggregates computed from the records, for program staff, the decision partners and
  // auditors (never a person's record: each report counts).
  'report.read': { roles: decisionFileReaders },
  // The program's figures: aggregates only (no person), unsuppressed, for program staff, the
  // decision partners and auditors. Agencies, officers and commanders read the public page.
  'statistics.dashboard': { roles: decisionFileReaders },

  // The audit log.
  'audit.verify': { roles: ['program_admin', 'auditor'] },
  // The audit viewer: search, read an entry, export (itself audited).
  'audit.read': { roles: ['program_admin', 'auditor'] },
  'audit.export': { roles: ['program_admin', 'auditor'] },

  // Reference data administration: the program's administrators edit; program officers read the history.
  'reference.manage': { roles: ['program_admin'] },
  'reference.history': { roles: ['program_admin', 'program_officer'] },
  // The program settings (screening thresholds, WPS targets, check-in cadences).
  'settings.read': { roles: ['program_admin', 'program_officer'] },
  'settings.update': { roles: ['program_admin'] },

  // Privacy rights: an officer exports everything held about them; a program officer on their
  // behalf (any officer, as for sensitive reads). The retention: program administrators.
  'personalData.exportOwn': { roles: ['officer'] },
  'personalData.export': { roles: ['program_officer'], scope: ownOfficer },
  'retention.preview': { roles: ['program_admin'] },
  'retention.run': { roles: ['program_admin'] },
} satisfies Record<string, Policy>;

export type Action = keyof typeof policies;

export function actionExists(action: string): action is Action {
  return Object.hasOwn(policies, action);
}

/** May this role attempt the action at all? (No: 403.) */
export function roleMay(actor: Actor, action: Action): boolean {
  return (policies[action].roles as readonly Role[]).includes(actor.role);
}

/** Is this record within the actor's reach for the action? (No: 404, as for a missing record.) */
export function inScope(actor: Actor, action: Action, record: ScopedRecord): boolean {
  const policy: Policy = policies[action];
  return roleMay(actor, action) && (policy.scope ? policy.scope(actor, record) : true);
}

export function can(actor: Actor, action: Action, record?: ScopedRecord): boolean {
  return record ? inScope(actor, action, record) : roleMay(actor, action);
}

/** The actions this actor may attempt: sent to the web app so it never re-derives a rule. */
export function abilitiesOf(actor: Actor): Action[] {
  return (Object.keys(policies) as Action[]).filter((action) => roleMay(actor, action));
}
