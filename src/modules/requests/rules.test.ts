import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { deadlineStateOf, nextRequestStatus, requestDateErrors, requestNumber } from './rules.ts';

describe('deadlineStateOf', () => {
  const today = '2026-03-10';
  it('flags passed, same-day and approaching deadlines of open requests', () => {
    expect(deadlineStateOf('received', '2026-03-09', today, 7)).toBe('overdue');
    expect(deadlineStateOf('under_review', '2026-03-10', today, 7)).toBe('due_today');
    expect(deadlineStateOf('received', '2026-03-17', today, 7)).toBe('due_soon');
    expect(deadlineStateOf('received', '2026-03-18', today, 7)).toBe('on_time');
  });
  it('says nothing of decided or withdrawn requests', () => {
    expect(deadlineStateOf('decided', '2020-01-01', today, 7)).toBeNull();
    expect(deadlineStateOf('withdrawn', '2020-01-01', today, 7)).toBeNull();
  });
});

describe('requestDateErrors', () => {
  it('accepts consistent dates', () => {
    expect(
      requestDateErrors(
        { receivedOn: '2026-03-01', responseDue: '2026-03-31', startDate: '2026-06-01' },
        '2026-03-10',
      ),
    ).toEqual([]);
  });
  it('names each broken rule and its field', () => {
    expect(
      requestDateErrors(
        { receivedOn: '2026-03-11', responseDue: '2026-03-05', startDate: '2026-03-01' },
        '2026-03-10',
      ).map((e) => `${e.path}:${e.code}`),
    ).toEqual([
      'receivedOn:request.received_in_future',
      'responseDue:request.deadline_before_received',
      'startDate:request.start_before_received',
    ]);
  });
});

describe('nextRequestStatus', () => {
  it('follows received -> under_review -> (withdrawn), and decided -> under_review to reconsider', () => {
    expect(nextRequestStatus('received', 'review')).toBe('under_review');
    expect(nextRequestStatus('received', 'withdraw')).toBe('withdrawn');
    expect(nextRequestStatus('under_review', 'withdraw')).toBe('withdrawn');
    expect(nextRequestStatus('decided', 'reconsider')).toBe('under_review');
  });
  it('refuses the others with invalid_transition', () => {
    for (const [from, step] of [
      ['under_review', 'review'],
      ['decided', 'withdraw'],
      ['withdrawn', 'review'],
      ['received', 'reconsider'],
    ] as const) {
      expect(() => nextRequestStatus(from, step)).toThrow(AppError);
    }
  });
});

it('numbers requests by year and order', () => {
  expect(requestNumber(2019, 4)).toBe('R-2019-004');
  expect(requestNumber(2021, 1234)).toBe('R-2021-1234');
});
