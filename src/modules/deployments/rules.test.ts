import { describe, expect, it } from 'vitest';
import { deploymentStates, type DeploymentState } from './schema.ts';
import { canMoveDeployment, effectOfMove, needsReason, nextStates } from './rules.ts';

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
