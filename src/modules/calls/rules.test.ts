import { describe, expect, it } from 'vitest';
import { applicationStatuses, type ApplicationStatus } from './schema.ts';
import { acceptsApplications, callNumber, canMove, invites } from './rules.ts';

describe('application states', () => {
  it('follows the program’s path from submission to selection', () => {
    const path: ApplicationStatus[] = [
      'submitted',
      'endorsed',
      'screened_in',
      'assessed',
      'selected',
    ];
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!)).toBe(true);
    expect(canMove('submitted', 'not_released')).toBe(true);
    expect(canMove('assessed', 'reserve')).toBe(true);
  });

  it('refuses skipping the agency’s endorsement or going back from a final state', () => {
    expect(canMove('submitted', 'screened_in')).toBe(false);
    expect(canMove('not_released', 'endorsed')).toBe(false);
    for (const final of [
      'selected',
      'reserve',
      'not_selected',
      'withdrawn',
      'not_released',
    ] as const)
      for (const to of applicationStatuses) expect(canMove(final, to)).toBe(false);
  });

  it('allows withdrawal until the selection is ratified', () => {
    const open = applicationStatuses.filter((s) =>
      ['submitted', 'endorsed', 'screened_in', 'screened_out', 'assessed'].includes(s),
    );
    for (const s of open) expect(canMove(s, 'withdrawn')).toBe(true);
  });

  it('lets screening move an application in and out again when the record changes', () => {
    expect(canMove('screened_out', 'screened_in')).toBe(true);
    expect(canMove('assessed', 'screened_out')).toBe(true);
  });
});

describe('calls', () => {
  it('take applications while open, up to and including the closing date', () => {
    const call = { status: 'open' as const, closesOn: '2027-01-31' };
    expect(acceptsApplications(call, '2027-01-31')).toBe(true);
    expect(acceptsApplications(call, '2027-02-01')).toBe(false);
    expect(acceptsApplications({ ...call, status: 'closed' }, '2027-01-01')).toBe(false);
  });

  it('go to every agency or to those chosen', () => {
    expect(invites({ audience: 'all' }, new Set(), 'a')).toBe(true);
    expect(invites({ audience: 'chosen' }, new Set(['b']), 'a')).toBe(false);
    expect(invites({ audience: 'chosen' }, new Set(['a']), 'a')).toBe(true);
  });

  it('are numbered by year', () => {
    expect(callNumber(2027, 4)).toBe('C-2027-004');
  });
});
