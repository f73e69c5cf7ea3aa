import { describe, expect, it } from 'vitest';
import { canMoveIncident, maskedChanges, nextStatuses } from './rules.ts';

describe('incident rules', () => {
  it('moves open -> under review -> closed, and reopens a closed incident for review only', () => {
    expect(canMoveIncident('open', 'under_review')).toBe(true);
    expect(canMoveIncident('open', 'closed')).toBe(true);
    expect(canMoveIncident('under_review', 'closed')).toBe(true);
    expect(canMoveIncident('under_review', 'open')).toBe(true);
    expect(canMoveIncident('closed', 'under_review')).toBe(true);
    expect(canMoveIncident('closed', 'open')).toBe(false);
    expect(canMoveIncident('closed', 'closed')).toBe(true);
    expect(nextStatuses('closed')).toEqual(['under_review']);
  });

  it('never puts the narrative or the actions taken in the audit log', () => {
    expect(
      maskedChanges({
        narrative: [null, 'Fever, malaria suspected'],
        actions: ['Rest', 'Evacuated to Dakar'],
        severity: ['low', 'high'],
      }),
    ).toEqual({
      narrative: [null, '(changed)'],
      actions: ['(changed)', '(changed)'],
      severity: ['low', 'high'],
    });
  });
});
