import { daysBetween, type IsoDate } from '../../kernel/dates.ts';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import type { RequestStatus } from './schema.ts';

/** How close a request is to its response deadline, as the request list shows it. */
export type DeadlineState = 'overdue' | 'due_today' | 'due_soon' | 'on_time';

/** Open requests only: a decided or withdrawn request has answered its deadline. */
export function deadlineStateOf(
  status: RequestStatus,
  responseDue: IsoDate,
  today: IsoDate,
  warningDays: number,
): DeadlineState | null {
  if (status === 'decided' || status === 'withdrawn') return null;
  const left = daysBetween(today, responseDue);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due_today';
  return left <= warningDays ? 'due_soon' : 'on_time';
}

/** Date rules of a request; each broken rule names its field. */
export function requestDateErrors(
  dates: { receivedOn: IsoDate; responseDue: IsoDate; startDate: IsoDate },
  today: IsoDate,
): FieldError[] {
  const errors: FieldError[] = [];
  if (dates.receivedOn > today)
    errors.push({ path: 'receivedOn', code: 'request.received_in_future' });
  if (dates.responseDue < dates.receivedOn)
    errors.push({ path: 'responseDue', code: 'request.deadline_before_received' });
  if (dates.startDate < dates.receivedOn)
    errors.push({ path: 'startDate', code: 'request.start_before_received' });
  return errors;
}

export function assertRequestDates(
  dates: { receivedOn: IsoDate; responseDue: IsoDate; startDate: IsoDate },
  today: IsoDate,
) {
  const errors = requestDateErrors(dates, today);
  if (errors.length) throw new AppError('validation_failed', {}, errors);
}

/** What a program officer may do to a request, and the status each step leads to. */
export const requestSteps = {
  review: { from: ['received'], to: 'under_review' },
  withdraw: { from: ['received', 'under_review'], to: 'withdrawn' },
  /** A decided request goes back to the partners: their next decision supersedes the current one. */
  reconsider: { from: ['decided'], to: 'under_review' },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type RequestStep = keyof typeof requestSteps;

export function nextRequestStatus(from: RequestStatus, step: RequestStep): RequestStatus {
  const rule = requestSteps[step];
  if (!(rule.from as readonly RequestStatus[]).includes(from))
    throw new AppError('invalid_transition', { from, to: rule.to });
  return rule.to;
}

/** A request is open to changes (its lines, documents, partner positions) until it is decided. */
export function isOpen(status: RequestStatus): boolean {
  return status === 'received' || status === 'under_review';
}

/** R-2019-004: the year received, then the order of arrival within that year. */
export function requestNumber(year: number, order: number): string {
  return `R-${year}-${String(order).padStart(3, '0')}`;
}
