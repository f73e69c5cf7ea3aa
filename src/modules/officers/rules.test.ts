import { describe, expect, it } from 'vitest';
import {
  defaultExpiryOf,
  foldName,
  passedOf,
  validityOf,
  withoutSensitive,
  yearsOfService,
} from './rules.ts';

describe('yearsOfService', () => {
  it('counts whole years, turning on the anniversary', () => {
    expect(yearsOfService('2015-06-15', '2020-06-14')).toBe(4);
    expect(yearsOfService('2015-06-15', '2020-06-15')).toBe(5);
    expect(yearsOfService('2030-01-01', '2020-01-01')).toBe(0);
  });
});

describe('qualifications', () => {
  it('gives a UN assessment 24 months of validity by default', () => {
    expect(defaultExpiryOf('un_assessment', '2024-03-10')).toBe('2026-03-09');
    expect(defaultExpiryOf('language', '2024-03-10')).toBeNull();
  });
  it('passes language tests at 60%, unless a result is recorded', () => {
    expect(passedOf('language', 60, null)).toBe(true);
    expect(passedOf('language', 59, null)).toBe(false);
    expect(passedOf('language', 40, true)).toBe(true);
    expect(passedOf('firearms', null, null)).toBeNull();
  });
  it('tells valid, expiring, expired and no expiry apart', () => {
    expect(validityOf(null, '2026-01-01', 90)).toBe('no_expiry');
    expect(validityOf('2025-12-31', '2026-01-01', 90)).toBe('expired');
    expect(validityOf('2026-03-31', '2026-01-01', 90)).toBe('expiring');
    expect(validityOf('2026-04-01', '2026-01-01', 90)).toBe('expiring');
    expect(validityOf('2026-04-02', '2026-01-01', 90)).toBe('valid');
  });
});

describe('withoutSensitive', () => {
  it('removes the date of birth, contacts, passport number and medical or clearance detail', () => {
    const { officer, qualifications } = withoutSensitive(
      { id: 'o', dateOfBirth: '1980-01-01', contacts: [{ name: 'Kin' }] },
      [
        { kind: 'passport' as const, documentNumber: 'AB123456', detail: null },
        { kind: 'medical' as const, documentNumber: null, detail: 'Fit, with restrictions' },
        { kind: 'skill' as const, documentNumber: null, detail: 'Drone pilot' },
      ],
    );
    expect(officer).toEqual({ id: 'o', dateOfBirth: null, contacts: null });
    expect(qualifications.map((q) => [q.documentNumber, q.detail])).toEqual([
      [null, null],
      [null, null],
      [null, 'Drone pilot'],
    ]);
  });
});

describe('foldName', () => {
  it('drops case and accents and spells out ligatures', () => {
    expect(foldName('Gélinas-Bœuf')).toBe('gelinas-boeuf');
    expect(foldName('ÉLODIE Côté')).toBe('elodie cote');
    expect(foldName('O’Neil')).toBe("o'neil");
    expect(foldName('Tremblay')).toBe('tremblay');
  });
});
