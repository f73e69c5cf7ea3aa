import { describe, expect, it } from 'vitest';
import { auditExportHref, sensitiveReadsFilter, shownValue } from './audit.ts';
import { sensitiveReadActions } from '../../../src/modules/audit/rules.ts';

describe('audit viewer helpers', () => {
  it('exports with the filters in force and the page language', () => {
    expect(auditExportHref('fr', { action: 'officer.', actor: '', outcome: 'denied' })).toBe(
      '/api/v1/audit/export?lang=fr&action=officer.&outcome=denied',
    );
  });

  it('asks for the same sensitive reads as the server names', () => {
    expect(sensitiveReadsFilter).toBe(sensitiveReadActions.join(','));
  });

  it('shows before and after values as text', () => {
    expect(shownValue(null)).toBe('–');
    expect(shownValue('inspector')).toBe('inspector');
    expect(shownValue(['dateOfBirth', 'nextOfKin'])).toBe('dateOfBirth, nextOfKin');
    expect(shownValue({ a: 1 })).toBe('{"a":1}');
    expect(shownValue(3)).toBe('3');
  });
});
