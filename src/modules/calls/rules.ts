import type { IsoDate } from '../../kernel/dates.ts';
import type { ApplicationStatus, CallStatus } from './schema.ts';

/**
 * The application's life: submitted -> endorsed | not_released -> screened_in | screened_out
 * -> assessed -> selected | reserve | not_selected, and withdrawn at any point until the
 * selection is ratified. Screening runs again when the record changes, so screened_in and
 * screened_out (and assessed, which stays screened in) move between each other.
 */
const moves: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  // An application still waiting when the selection is ratified ends not selected.
  submitted: ['endorsed', 'not_released', 'withdrawn', 'not_selected'],
  endorsed: ['screened_in', 'screened_out', 'withdrawn', 'not_selected'],
  not_released: [],
  screened_in: ['screened_out', 'assessed', 'selected', 'reserve', 'not_selected', 'withdrawn'],
  screened_out: ['screened_in', 'not_selected', 'withdrawn'],
  assessed: ['screened_out', 'selected', 'reserve', 'not_selected', 'withdrawn'],
  selected: [],
  reserve: [],
  not_selected: [],
  withdrawn: [],
};

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return moves[from].includes(to);
}

export function nextStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return moves[from];
}

/** Applications the selection considers: endorsed by the agency, not screened out or withdrawn. */
export const inSelection: readonly ApplicationStatus[] = ['screened_in', 'assessed'];

/** Statuses screening may change (the others are the agency's, the applicant's or final). */
export const screenable: readonly ApplicationStatus[] = [
  'endorsed',
  'screened_in',
  'screened_out',
  'assessed',
];

/** A call takes applications while open and until its closing date (inclusive). */
export function acceptsApplications(
  call: { status: CallStatus; closesOn: IsoDate },
  today: IsoDate,
) {
  return call.status === 'open' && today <= call.closesOn;
}

/** Is this agency's officer invited to the call? */
export function invites(
  call: { audience: 'all' | 'chosen' },
  invited: ReadonlySet<string>,
  agencyId: string,
): boolean {
  return call.audience === 'all' || invited.has(agencyId);
}

/** C-2027-004: calls numbered in the order opened within a year. */
export function callNumber(year: number, n: number): string {
  return `C-${year}-${String(n).padStart(3, '0')}`;
}
