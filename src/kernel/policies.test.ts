import { describe, expect, it } from 'vitest';
import type { Actor } from './auth/actor.ts';
import { abilitiesOf, can, policies, type Action } from './policies.ts';
import { roles, type Role } from '../modules/users/schema.ts';

function actor(role: Role, scope: Partial<Actor> = {}): Actor {
  return {
    id: `user-${role}`,
    email: `${role}@x.ca`,
    displayName: role,
    role,
    partner: role === 'decision_partner' ? 'GAC' : null,
    agencyId: role === 'agency_coordinator' || role === 'officer' ? 'agency-A' : null,
    missionId: role === 'contingent_commander' ? 'mission-M' : null,
    locale: 'en',
    ...scope,
  };
}

describe('policy registry', () => {
  it('names only known roles', () => {
    for (const [action, policy] of Object.entries(policies)) {
      for (const role of policy.roles) expect(roles, action).toContain(role);
    }
  });

  it('lets an agency coordinator reach only their own agency', () => {
    const a = actor('agency_coordinator');
    expect(can(a, 'agency.read', { id: 'agency-A' })).toBe(true);
    expect(can(a, 'agency.read', { id: 'agency-B' })).toBe(false);
  });

  it('lets an officer reach only their own agency and their own account', () => {
    const o = actor('officer');
    expect(can(o, 'agency.read', { id: 'agency-B' })).toBe(false);
    expect(can(o, 'user.read', { id: o.id })).toBe(true);
    expect(can(o, 'user.read', { id: 'someone-else' })).toBe(false);
  });

  it('keeps the decision file from agency coordinators, officers and commanders', () => {
    for (const role of ['agency_coordinator', 'officer', 'contingent_commander'] as const) {
      for (const action of [
        'request.list',
        'request.read',
        'decision.read',
        'position.list',
      ] as const)
        expect(can(actor(role), action), `${role} ${action}`).toBe(false);
    }
    for (const role of ['program_admin', 'program_officer', 'decision_partner', 'auditor'] as const)
      expect(can(actor(role), 'request.read', { id: 'r' })).toBe(true);
  });

  it('lets only a decision partner record a position, and only program staff register requests', () => {
    expect(roles.filter((r) => can(actor(r), 'position.record'))).toEqual(['decision_partner']);
    expect(roles.filter((r) => can(actor(r), 'request.create'))).toEqual(['program_officer']);
    expect(roles.filter((r) => can(actor(r), 'decision.record'))).toEqual([
      'program_officer',
      'decision_partner',
    ]);
  });

  it('keeps a contingent commander to their own mission’s posts and evaluations', () => {
    const c = actor('contingent_commander');
    expect(can(c, 'post.list', { id: 'mission-M' })).toBe(true);
    expect(can(c, 'post.list', { id: 'mission-N' })).toBe(false);
    expect(can(c, 'evaluation.update', { id: 'e', missionId: 'mission-M' })).toBe(true);
    expect(can(c, 'evaluation.read', { id: 'e', missionId: 'mission-N' })).toBe(false);
    expect(can(c, 'post.create')).toBe(false);
  });

  it('lets a contingent commander reach only their mission', () => {
    const c = actor('contingent_commander');
    expect(can(c, 'mission.read', { id: 'mission-M' })).toBe(true);
    expect(can(c, 'mission.read', { id: 'mission-N' })).toBe(false);
  });

  it('keeps incidents confidential: program officers, the mission’s commander, the officers involved', () => {
    expect(roles.filter((r) => can(actor(r), 'incident.read'))).toEqual([
      'program_officer',
      'officer',
      'contingent_commander',
    ]);
    for (const role of [
      'program_admin',
      'auditor',
      'decision_partner',
      'agency_coordinator',
    ] as const)
      for (const action of [
        'incident.list',
        'incident.read',
        'incident.create',
        'incident.update',
      ] as const)
        expect(can(actor(role), action), `${role} ${action}`).toBe(false);
    const incident = { id: 'i', missionId: 'mission-M', userIds: ['user-officer'] };
    const elsewhere = { id: 'j', missionId: 'mission-N', userIds: ['someone-else'] };
    expect(can(actor('program_officer'), 'incident.update', elsewhere)).toBe(true);
    expect(can(actor('contingent_commander'), 'incident.update', incident)).toBe(true);
    expect(can(actor('contingent_commander'), 'incident.read', elsewhere)).toBe(false);
    expect(can(actor('officer'), 'incident.read', incident)).toBe(true);
    expect(can(actor('officer'), 'incident.read', elsewhere)).toBe(false);
    expect(can(actor('officer'), 'incident.update', incident)).toBe(false);
    expect(can(actor('officer'), 'incident.create')).toBe(false);
  });

  it('shows the reports (aggregates) to program staff, decision partners and auditors only', () => {
    expect(roles.filter((r) => can(actor(r), 'report.read'))).toEqual([
      'program_admin',
      'program_officer',
      'decision_partner',
      'auditor',
    ]);
  });

  it('lets a commander send notices to their own mission only, and officers acknowledge their own', () => {
    const c = actor('contingent_commander');
    expect(can(c, 'notice.create', { id: 'n', missionId: 'mission-M' })).toBe(true);
    expect(can(c, 'notice.create', { id: 'n', missionId: 'mission-N' })).toBe(false);
    expect(can(c, 'notice.create', { id: 'n', missionId: null })).toBe(false);
    expect(can(actor('program_officer'), 'notice.create', { id: 'n', missionId: null })).toBe(true);
    expect(can(c, 'notice.read', { id: 'n', missionId: null })).toBe(true);
    expect(can(c, 'notice.read', { id: 'n', missionId: 'mission-N' })).toBe(false);
    expect(roles.filter((r) => can(actor(r), 'notice.create'))).toEqual([
      'program_officer',
      'contingent_commander',
    ]);
    const o = actor('officer');
    expect(can(o, 'notice.acknowledge', { id: 'r', userId: o.id })).toBe(true);
    expect(can(o, 'notice.acknowledge', { id: 'r', userId: 'someone-else' })).toBe(false);
    expect(can(o, 'notice.read', { id: 'n', missionId: null })).toBe(false);
    expect(roles.filter((r) => can(actor(r), 'notice.mine'))).toEqual(['officer']);
  });

  it('lets program staff and auditors read the import runs', () => {
    expect(roles.filter((r) => can(actor(r), 'import.read'))).toEqual([
      'program_admin',
      'program_officer',
      'auditor',
    ]);
  });

  it('lets program staff import UN contribution reports, and partners and auditors read them', () => {
    expect(roles.filter((r) => can(actor(r), 'uncontribution.import'))).toEqual([
      'program_admin',
      'program_officer',
    ]);
    expect(roles.filter((r) => can(actor(r), 'uncontribution.read'))).toEqual([
      'program_admin',
      'program_officer',
      'decision_partner',
      'auditor',
    ]);
  });

  it('lets program staff only import past tours', () => {
    expect(roles.filter((r) => can(actor(r), 'pastTour.import'))).toEqual([
      'program_admin',
      'program_officer',
    ]);
  });

  it('keeps account administration to administrators, reading to auditors', () => {
    expect(can(actor('program_admin'), 'user.create')).toBe(true);
    expect(can(actor('program_officer'), 'user.create')).toBe(false);
    expect(can(actor('auditor'), 'user.create')).toBe(false);
    expect(can(actor('auditor'), 'user.read', { id: 'anyone' })).toBe(true);
    expect(can(actor('auditor'), 'audit.verify')).toBe(true);
    expect(can(actor('officer'), 'audit.verify')).toBe(false);
  });

  it('lets an officer export their own data, a program officer any officer’s, admins run the retention', () => {
    const own = { id: 'o1', agencyId: 'a1', userId: 'officer-id' };
    expect(can(actor('officer'), 'personalData.exportOwn')).toBe(true);
    expect(can(actor('officer'), 'personalData.export')).toBe(false);
    expect(can(actor('program_officer'), 'personalData.export', own)).toBe(true);
    expect(can(actor('agency_coordinator'), 'personalData.export', own)).toBe(false);
    expect(can(actor('program_admin'), 'retention.preview')).toBe(true);
    expect(can(actor('program_admin'), 'retention.run')).toBe(true);
    expect(can(actor('program_officer'), 'retention.run')).toBe(false);
    expect(can(actor('auditor'), 'retention.preview')).toBe(false);
  });

  it('keeps inviting, role and scope, disabling, resets and sessions to administrators', () => {
    const admin = [
      'user.invite',
      'user.update',
      'user.disable',
      'user.resetPassword',
      'user.session.list',
      'user.session.delete',
    ] as const;
    for (const action of admin) {
      expect(can(actor('program_admin'), action)).toBe(true);
      for (const role of ['program_officer', 'auditor', 'officer', 'agency_coordinator'] as const)
        expect(can(actor(role), action)).toBe(false);
    }
  });

  it('sends the client exactly the actions the role may attempt', () => {
    const abilities = abilitiesOf(actor('auditor'));
    expect(abilities).toContain('user.list' satisfies Action);
    expect(abilities).not.toContain('user.create');
    expect(abilitiesOf(actor('officer'))).not.toContain('user.list');
  });

  it('keeps a deployment’s location and extensions to program officers and the mission’s commander', () => {
    const c = actor('contingent_commander');
    for (const action of ['deployment.update', 'deployment.extend'] as const) {
      expect(roles.filter((r) => can(actor(r), action))).toEqual([
        'program_officer',
        'contingent_commander',
      ]);
      expect(can(c, action, { id: 'd', missionId: 'mission-M' })).toBe(true);
      expect(can(c, action, { id: 'd', missionId: 'mission-N' })).toBe(false);
    }
    expect(roles.filter((r) => can(actor(r), 'deployment.extension.decide'))).toEqual([
      'program_admin',
      'program_officer',
    ]);
    expect(roles.filter((r) => can(actor(r), 'deployment.rotate'))).toEqual(['program_officer']);
    expect(roles.filter((r) => can(actor(r), 'deployment.debrief'))).toEqual(['program_officer']);
  });

  it('lets only the officer write their end-of-tour report; the agency does not read it', () => {
    const o = actor('officer');
    expect(roles.filter((r) => can(actor(r), 'deployment.report.write'))).toEqual(['officer']);
    expect(can(o, 'deployment.report.write', { id: 'd', userId: o.id })).toBe(true);
    expect(can(o, 'deployment.report.write', { id: 'd', userId: 'someone-else' })).toBe(false);
    expect(can(actor('agency_coordinator'), 'deployment.report.read')).toBe(false);
    expect(
      can(actor('contingent_commander'), 'deployment.report.read', {
        id: 'd',
        missionId: 'mission-N',
      }),
    ).toBe(false);
  });

  it('opens the statistics dashboard to program staff, the partners and auditors only', () => {
    expect(roles.filter((r) => can(actor(r), 'statistics.dashboard'))).toEqual([
      'program_admin',
      'program_officer',
      'decision_partner',
      'auditor',
    ]);
  });

  it('opens the audit viewer and its export to administrators and auditors only', () => {
    for (const action of ['audit.read', 'audit.export', 'audit.verify'] as const)
      expect(roles.filter((r) => can(actor(r), action))).toEqual(['program_admin', 'auditor']);
  });

  it('lets administrators edit reference data and settings; program officers read them', () => {
    const admin = ['program_admin'];
    expect(roles.filter((r) => can(actor(r), 'reference.manage'))).toEqual(admin);
    expect(roles.filter((r) => can(actor(r), 'settings.update'))).toEqual(admin);
    for (const action of ['reference.history', 'settings.read'] as const)
      expect(roles.filter((r) => can(actor(r), action))).toEqual([
        'program_admin',
        'program_officer',
      ]);
    expect(roles.filter((r) => can(actor(r), 'mission.create'))).toEqual([
      'program_admin',
      'program_officer',
    ]);
  });

  it('lets every role manage its own second factor and e-mail address', () => {
    for (const action of ['account.second_factor', 'account.change_email'] as const)
      expect(roles.filter((r) => can(actor(r), action))).toEqual([...roles]);
  });
});
