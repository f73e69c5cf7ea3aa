import { describe, expect, it } from 'vitest';
import { pickLocale, translator, withMessages } from './i18n.ts';
import { errorStatus } from './errors.ts';

describe('locale', () => {
  it('follows Accept-Language, with weights, and falls back to English', () => {
    expect(pickLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLocale('de-DE,en;q=0.5,fr;q=0.7')).toBe('fr');
    expect(pickLocale('de')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
    expect(pickLocale('en', 'fr')).toBe('fr');
  });

  it('has a message for every error code in both languages', () => {
    for (const code of Object.keys(errorStatus)) {
      for (const locale of ['en', 'fr'] as const) {
        const message = translator(locale)(code, {
          minutes: 5,
          requestId: 'r',
          min: 12,
          detail: 'd',
          scope: 's',
          code: 'c',
        });
        expect(message, `${locale}:${code}`).not.toBe(code);
      }
    }
  });
});

describe('withMessages', () => {
  it('gives each result its message from the namespace its reason names, in the caller’s language', () => {
    const [fr] = withMessages('fr', [
      { reason: 'readiness.medical.missing', params: { neededOn: '2027-03-01' } },
    ]);
    expect(fr!.message).toBe(
      "Aucune aptitude médicale valide. Prévoyez l'examen médical préalable avant le 2027-03-01.",
    );
    const [en] = withMessages('en', [{ reason: 'screening.record.pass', params: {} }]);
    expect(en!.message).toBe('Nothing on record bars deployment.');
  });
});
