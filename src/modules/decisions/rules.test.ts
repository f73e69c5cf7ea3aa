import { describe, expect, it } from 'vitest';
import { decisionFieldErrors, verdictOf, type PositionLike } from './rules.ts';

const gac = (stance: PositionLike['stance']): PositionLike => ({ partner: 'GAC', stance });
const ps = (stance: PositionLike['stance']): PositionLike => ({ partner: 'PS', stance });
const rcmp = (stance: PositionLike['stance']): PositionLike => ({ partner: 'RCMP', stance });

describe('verdictOf, unanimous (the default)', () => {
  it('approves when all three support, with or without conditions', () => {
    expect(
      verdictOf(
        'unanimous',
        [gac('support'), ps('support_with_conditions'), rcmp('support')],
        'approved',
      ),
    ).toEqual({ allowed: true });
  });
  it('names the partners still to be heard', () => {
    expect(verdictOf('unanimous', [gac('support')], 'approved')).toEqual({
      allowed: false,
      reason: 'positions_missing',
      missing: ['PS', 'RCMP'],
    });
  });
  it('refuses to approve over an opposition, and lets one opposition decline', () => {
    const positions = [gac('support'), ps('oppose')];
    expect(verdictOf('unanimous', positions, 'approved_with_conditions')).toEqual({
      allowed: false,
      reason: 'positions_disagree',
    });
    expect(verdictOf('unanimous', positions, 'declined')).toEqual({ allowed: true });
  });
  it('cannot decline while everyone heard supports', () => {
    expect(verdictOf('unanimous', [gac('support'), ps('support')], 'declined')).toEqual({
      allowed: false,
      reason: 'positions_missing',
      missing: ['RCMP'],
    });
    expect(
      verdictOf('unanimous', [gac('support'), ps('support'), rcmp('support')], 'declined'),
    ).toEqual({ allowed: false, reason: 'positions_disagree' });
  });
});

describe('verdictOf, majority', () => {
  it('decides with two of three', () => {
    expect(verdictOf('majority', [gac('support'), rcmp('support')], 'approved')).toEqual({
      allowed: true,
    });
    expect(verdictOf('majority', [gac('oppose'), ps('oppose')], 'declined')).toEqual({
      allowed: true,
    });
    expect(verdictOf('majority', [gac('oppose'), ps('support')], 'approved')).toEqual({
      allowed: false,
      reason: 'positions_missing',
      missing: ['RCMP'],
    });
  });
});

describe('decisionFieldErrors', () => {
  it('needs a ceiling to approve and conditions to approve with conditions', () => {
    expect(
      decisionFieldErrors({ outcome: 'approved_with_conditions', ceiling: 0, conditions: ' ' }),
    ).toEqual([
      { path: 'ceiling', code: 'decision.ceiling_required' },
      { path: 'conditions', code: 'decision.conditions_required' },
    ]);
    expect(decisionFieldErrors({ outcome: 'declined', ceiling: null, conditions: null })).toEqual(
      [],
    );
  });
});
