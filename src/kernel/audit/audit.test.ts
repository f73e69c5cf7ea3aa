import { describe, expect, it } from 'vitest';
import { canonicalJson, diff, entryHash } from './audit.ts';

const entry = {
  at: new Date('2026-01-01T00:00:00.123Z'),
  actorId: 'a',
  actorRole: 'program_officer',
  action: 'mission.update',
  recordType: 'mission',
  recordId: 'm',
  outcome: 'ok',
  changes: { status: ['active', 'suspended'] },
  requestId: 'r',
};

describe('audit hashing', () => {
  it('hashes the same whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 }),
    );
  });

  it('changes the hash when any field or the previous hash changes', () => {
    const base = entryHash('0'.repeat(64), entry);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(base);
    expect(entryHash('0'.repeat(64), { ...entry, recordId: 'n' })).not.toBe(base);
    expect(
      entryHash('0'.repeat(64), { ...entry, at: new Date('2026-01-01T00:00:00.124Z') }),
    ).not.toBe(base);
    expect(entryHash('0'.repeat(64), { ...entry })).toBe(base);
  });

  it('diffs only the changed fields, leaving out secrets', () => {
    expect(
      diff(
        { name: 'A', status: 'x', passwordHash: 'h1' },
        { name: 'A', status: 'y', passwordHash: 'h2' },
        ['passwordHash'],
      ),
    ).toEqual({ status: ['x', 'y'] });
  });
});
