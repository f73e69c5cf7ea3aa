import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  actionPatterns,
  changesOf,
  containsPattern,
  isUuid,
  safeCell,
} from './rules.ts';

describe('audit viewer rules', () => {
  it('reads an action filter as exact, prefix or wildcard patterns', () => {
    expect(actionPatterns('officer.update')).toEqual(['officer.update']);
    expect(actionPatterns('officer.')).toEqual(['officer.%']);
    expect(actionPatterns('*.read_sensitive, incident.read')).toEqual([
      '%.read\\_sensitive',
      'incident.read',
    ]);
    expect(actionPatterns(' , ')).toEqual([]);
  });

  it('matches actions as the database does', () => {
    expect(actionMatches('officer.update', 'officer.')).toBe(true);
    expect(actionMatches('officers.update', 'officer.')).toBe(false);
    expect(actionMatches('officer.read_sensitive', '*.read_sensitive')).toBe(true);
    expect(actionMatches('officer.readXsensitive', '*.read_sensitive')).toBe(false);
    expect(actionMatches('incident.read', 'officer.,incident.read')).toBe(true);
    expect(actionMatches('incident.reads', 'incident.read')).toBe(false);
    expect(actionMatches('a%b', 'a%b')).toBe(true);
    expect(actionMatches('axb', 'a%b')).toBe(false);
  });

  it('shows stored changes as before/after pairs, sorted by field', () => {
    expect(changesOf({ status: ['open', 'closed'], rank: [null, 'inspector'] })).toEqual([
      { field: 'rank', before: null, after: 'inspector' },
      { field: 'status', before: 'open', after: 'closed' },
    ]);
    expect(changesOf(null)).toEqual([]);
    expect(changesOf({ odd: 3 })).toEqual([{ field: 'odd', before: null, after: 3 }]);
  });

  it('tells an account id from a name, and escapes a name search', () => {
    expect(isUuid('7f3c1b7e-8a0d-4c1e-9d9a-6a5b4c3d2e1f')).toBe(true);
    expect(isUuid('marie')).toBe(false);
    expect(containsPattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });

  it('writes a would-be formula as text', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell('officer.update')).toBe('officer.update');
  });
});
