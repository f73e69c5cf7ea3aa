import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatPercent } from './format.ts';
import { countText, pointsText } from './statistics.ts';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;

describe('statistics text', () => {
  it('writes a count, or why it is withheld', () => {
    expect(countText(t, 'en', 4012)).toBe('4,012');
    expect(countText(t, 'fr', 4012)).toMatch(/^4\s012$/);
    expect(countText(t, 'en', { suppressed: true, reason: 'fewer_than_5' })).toBe(
      '<statistics:suppressed.fewer_than_5>',
    );
    expect(countText(t, 'fr', { suppressed: true, reason: 'complementary' })).toBe(
      '<statistics:suppressed.complementary>',
    );
  });

  it('writes shares and gaps as each language does, a dash when unknown', () => {
    expect(formatPercent('en', 30.8)).toBe('30.8%');
    expect(formatPercent('fr', 30.8)).toMatch(/^30,8\s%$/);
    expect(formatPercent('en', null)).toBe('—');
    expect(pointsText('en', 4)).toBe('+4');
    expect(pointsText('en', -1.5)).toBe('-1.5');
    expect(pointsText('en', 0)).toBe('0');
  });
});
