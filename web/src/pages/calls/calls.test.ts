import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  noChoices,
  preferenceOrder,
  repeatedChoices,
  sameChoices,
  takesApplications,
  withExclusion,
  withFieldPaths,
  withPin,
  withdrawable,
} from '../../lib/calls.ts';

describe('the posts chosen in order of preference', () => {
  it('skips blank choices and repeats, and says which field each post came from', () => {
    expect(preferenceOrder(['b', '', 'a', 'b', 'c'])).toEqual({
      postIds: ['b', 'a', 'c'],
      from: [0, 2, 4],
    });
    expect(preferenceOrder(['', ''])).toEqual({ postIds: [], from: [] });
  });

  it('finds the fields that repeat a post chosen above them', () => {
    expect(repeatedChoices(['a', 'b', 'a', '', 'b'])).toEqual([2, 4]);
    expect(repeatedChoices(['a', '', ''])).toEqual([]);
  });
});

describe('server field errors on the form’s fields', () => {
  it('renames the paths of field errors and keeps the rest of the error', () => {
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'postIds.1', code: 'x', message: 'Not in the call' },
      { path: 'statement', code: 'y', message: 'Too long' },
    ]);
    const renamed = withFieldPaths(error, (path) => path.replace(/^postIds\./, 'choice.'));
    expect(renamed).toBeInstanceOf(ApiError);
    expect((renamed as ApiError).status).toBe(400);
    expect((renamed as ApiError).fields.map((f) => [f.path, f.message])).toEqual([
      ['choice.1', 'Not in the call'],
      ['statement', 'Too long'],
    ]);
  });

  it('leaves other errors as they are', () => {
    const conflict = new ApiError(409, 'application_exists', 'Already applied');
    expect(withFieldPaths(conflict, () => 'x')).toBe(conflict);
    const network = new Error('network');
    expect(withFieldPaths(network, () => 'x')).toBe(network);
  });
});

describe('the selection board’s pins and exclusions', () => {
  it('pins one post per candidate, and a pinned candidate is not excluded', () => {
    let choices = withExclusion(noChoices, 'app-1', true);
    choices = withPin(choices, { applicationId: 'app-1', postId: 'post-1' }, true);
    expect(choices).toEqual({
      pinned: [{ applicationId: 'app-1', postId: 'post-1' }],
      excluded: [],
    });
    choices = withPin(choices, { applicationId: 'app-1', postId: 'post-2' }, true);
    expect(choices.pinned).toEqual([{ applicationId: 'app-1', postId: 'post-2' }]);
    expect(withPin(choices, { applicationId: 'app-1', postId: 'post-2' }, false)).toEqual(
      noChoices,
    );
  });

  it('drops the pin of a candidate excluded, and takes them back', () => {
    const pinned = withPin(noChoices, { applicationId: 'app-1', postId: 'post-1' }, true);
    const excluded = withExclusion(pinned, 'app-1', true);
    expect(excluded).toEqual({ pinned: [], excluded: ['app-1'] });
    expect(withExclusion(excluded, 'app-1', false)).toEqual(noChoices);
  });

  it('compares choices whatever their order', () => {
    const a = {
      pinned: [
        { applicationId: 'x', postId: '1' },
        { applicationId: 'y', postId: '2' },
      ],
      excluded: ['z', 'w'],
    };
    const b = { pinned: [...a.pinned].reverse(), excluded: ['w', 'z'] };
    expect(sameChoices(a, b)).toBe(true);
    expect(sameChoices(a, { ...b, excluded: ['w'] })).toBe(false);
    expect(sameChoices(noChoices, { pinned: [], excluded: [] })).toBe(true);
  });
});

describe('what a call and an application still allow', () => {
  it('takes applications while open, until the closing day included', () => {
    const call = { status: 'open' as const, closesOn: '2027-03-01' };
    expect(takesApplications(call, '2027-03-01')).toBe(true);
    expect(takesApplications(call, '2027-03-02')).toBe(false);
    expect(takesApplications({ ...call, status: 'closed' }, '2027-02-01')).toBe(false);
  });

  it('lets an application be withdrawn until the selection is ratified', () => {
    expect(withdrawable('submitted')).toBe(true);
    expect(withdrawable('assessed')).toBe(true);
    expect(withdrawable('selected')).toBe(false);
    expect(withdrawable('not_released')).toBe(false);
    expect(withdrawable('withdrawn')).toBe(false);
  });
});
