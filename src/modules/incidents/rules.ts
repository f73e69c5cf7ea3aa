import type { IncidentStatus } from './schema.ts';

/**
 * An incident's status: open, then under review, then closed; a closed incident is reopened for
 * review (never straight back to open), and an open one may be closed at once (nothing to review).
 */
const moves: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['under_review', 'closed'],
  under_review: ['open', 'closed'],
  closed: ['under_review'],
};

export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === to || moves[from].includes(to);
}

export function nextStatuses(from: IncidentStatus): IncidentStatus[] {
  return [...moves[from]];
}

/** Free text that is confidential: the audit log says it changed, never what it says. */
export const confidentialFields = ['narrative', 'actions'] as const;

export function maskedChanges(changes: Record<string, [unknown, unknown]>) {
  for (const key of confidentialFields)
    if (changes[key]) changes[key] = [changes[key][0] === null ? null : '(changed)', '(changed)'];
  return changes;
}
