import { describe, expect, it } from 'vitest';
import { copyText, copyValue } from './copy.ts';
import { formatTable, percentile, ratio } from './load.ts';

describe('COPY text format', () => {
  it('writes null as \\N and escapes backslash, tab and line breaks', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue(42)).toBe('42');
    expect(copyValue(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
  });
  it('joins values by tabs, one line per row', () => {
    expect(
      copyText([
        ['x', null],
        ['y', 2],
      ]),
    ).toBe('x\t\\N\ny\t2\n');
  });
});

describe('figures', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
  it('rounds ratios to two decimals and has none without a baseline', () => {
    expect(ratio(1, 3)).toBe(0.33);
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(null, 4)).toBeNull();
  });
  it('aligns columns as asked', () => {
    expect(formatTable(['a', 'b'], [['x', 'yyy']], ['l', 'l'])).toBe(
      ['a  b', '-  ---', 'x  yyy'].join('\n'),
    );
  });
  it('aligns a table: first column left, the others right', () => {
    expect(
      formatTable(
        ['name', 'n'],
        [
          ['a', 1000],
          ['bb', null],
        ],
      ),
    ).toBe(['name      n', '----  -----', 'a     1,000', 'bb        -'].join('\n'));
  });
});
