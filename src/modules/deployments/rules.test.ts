import { describe, expect, it } from 'vitest';
import { deploymentStates, type DeploymentState } from './schema.ts';
import {
  canDebrief,
  canExtend,
  canMoveDeployment,
  canWriteTourReport,
  closingNeeds,
  effectOfMove,
  handoverDays,
  isExtension,
  isOpen,
  mayDecideExtension,
  needsReason,
  nextStates,
} from './rules.ts';

const before: DeploymentState[] = ['selected', 'preparing', 'ready', 'in_transit'];

describe('deployment life cycle', () => {
  it('follows the path from selection to closing', () => {
    const path: DeploymentState[] = [
      'selected',
      'preparing',
      'ready',
      'in_transit',
      'in_theatre',
      'remote',
      'in_theatre',
      'repatriating',
      'returned',
      'closed',
    ];
    for (let i = 1; i < path.length; i++)
      expect(canMoveDeployment(path[i - 1]!, path[i]!), `${path[i - 1]} -> ${path[i]}`).toBe(true);
  });
  it('allows withdrawal before theatre only', () => {
    for (const from of deploymentStates)
      expect(canMoveDeployment(from, 'withdrawn'), from).toBe(before.includes(from));
  });
  it('never leaves closed or withdrawn, and never skips readiness', () => {
    expect(nextStates('closed')).toEqual([]);
    expect(nextStates('withdrawn')).toEqual([]);
    expect(canMoveDeployment('selected', 'ready')).toBe(false);
    expect(canMoveDeployment('preparing', 'in_transit')).toBe(false);
    expect(canMoveDeployment('in_theatre', 'returned')).toBe(false);
    expect(canMoveDeployment('returned', 'in_theatre')).toBe(false);
  });
  it('starts virtually when travel is delayed', () => {
    expect(canMoveDeployment('ready', 'remote')).toBe(true);
    expect(
      effectOfMove(
        'ready',
        'remote',
        { actualStart: null, actualEnd: null, mode: null },
        '2027-01-10',
      ),
    ).toEqual({
      actualStart: '2027-01-10',
      actualEnd: null,
      mode: 'virtual',
    });
  });
  it('asks a reason for withdrawal, repatriation, leaving theatre and postponed travel', () => {
    expect(needsReason('withdrawn', 'ready')).toBe(true);
    expect(needsReason('repatriating', 'in_theatre')).toBe(true);
    expect(needsReason('remote', 'in_theatre')).toBe(true);
    expect(needsReason('ready', 'in_transit')).toBe(true);
    expect(needsReason('remote', 'ready')).toBe(false);
    expect(needsReason('in_theatre', 'in_transit')).toBe(false);
    expect(needsReason('ready', 'preparing')).toBe(false);
  });
  it('keeps the day of arrival across moves, and records the day of return', () => {
    const arrived = effectOfMove(
      'in_transit',
      'in_theatre',
      { actualStart: null, actualEnd: null, mode: null },
      '2027-02-01',
    );
    expect(arrived).toEqual({ actualStart: '2027-02-01', actualEnd: null, mode: 'in_theatre' });
    const sentHome = effectOfMove('in_theatre', 'remote', arrived, '2027-05-01');
    expect(sentHome).toEqual({ actualStart: '2027-02-01', actualEnd: null, mode: 'remote' });
    const back = effectOfMove('remote', 'in_theatre', sentHome, '2027-06-01');
    expect(back.mode).toBe('in_theatre');
    expect(effectOfMove('repatriating', 'returned', back, '2028-01-31')).toEqual({
      actualStart: '2027-02-01',
      actualEnd: '2028-01-31',
      mode: 'in_theatre',
    });
  });
});

describe('extensions', () => {
  it('extends a running tour only, from ready until the officer leaves theatre', () => {
    expect(deploymentStates.filter(canExtend)).toEqual([
      'ready',
      'in_transit',
      'in_theatre',
      'remote',
    ]);
  });
  it('is an extension only when the new end is later', () => {
    expect(isExtension('2027-12-31', '2028-03-31')).toBe(true);
    expect(isExtension('2027-12-31', '2027-12-31')).toBe(false);
    expect(isExtension('2027-12-31', '2027-10-31')).toBe(false);
  });
  it('is decided once, never by the one who asked', () => {
    const asked = { status: 'requested', requestedBy: 'u1' };
    expect(mayDecideExtension(asked, 'u2')).toBe(true);
    expect(mayDecideExtension(asked, 'u1')).toBe(false);
    expect(mayDecideExtension(asked, null)).toBe(false);
    expect(mayDecideExtension({ ...asked, status: 'approved' }, 'u2')).toBe(false);
    expect(mayDecideExtension({ status: 'requested', requestedBy: null }, 'u2')).toBe(true);
  });
  it('keeps closed and withdrawn deployments as history', () => {
    expect(deploymentStates.filter((s) => !isOpen(s))).toEqual(['closed', 'withdrawn']);
  });
});

describe('rotation hand-over', () => {
  const predecessor = { plannedEnd: '2027-06-30', actualEnd: null };
  it('counts the days both officers are on the post, both ends included', () => {
    expect(handoverDays(predecessor, { plannedStart: '2027-06-17', actualStart: null })).toBe(14);
    expect(handoverDays(predecessor, { plannedStart: '2027-06-30', actualStart: null })).toBe(1);
  });
  it('has no overlap when the successor starts after the predecessor has left', () => {
    expect(handoverDays(predecessor, { plannedStart: '2027-07-01', actualStart: null })).toBe(0);
    expect(handoverDays(predecessor, { plannedStart: '2027-09-01', actualStart: null })).toBe(0);
  });
  it('uses the actual arrival and return when known', () => {
    expect(
      handoverDays(
        { plannedEnd: '2027-06-30', actualEnd: '2027-06-20' },
        { plannedStart: '2027-06-01', actualStart: '2027-06-11' },
      ),
    ).toBe(10);
  });
});

describe('end of tour', () => {
  it('lets the officer write the report once out of theatre', () => {
    expect(deploymentStates.filter(canWriteTourReport)).toEqual([
      'remote',
      'repatriating',
      'returned',
    ]);
  });
  it('debriefs the officer coming home or home', () => {
    expect(deploymentStates.filter(canDebrief)).toEqual(['repatriating', 'returned']);
  });
  it('closes with a submitted report and a debrief, and names what is missing', () => {
    expect(closingNeeds({ reportSubmitted: true, debriefed: true })).toEqual([]);
    expect(closingNeeds({ reportSubmitted: false, debriefed: true })).toEqual([
      'end_of_tour_report',
    ]);
    expect(closingNeeds({ reportSubmitted: true, debriefed: false })).toEqual(['debrief']);
    expect(closingNeeds({ reportSubmitted: false, debriefed: false })).toEqual([
      'end_of_tour_report',
      'debrief',
    ]);
  });
});
