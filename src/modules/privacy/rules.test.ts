import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import {
  lastAdministrativeUse,
  retentionCutoff,
  retentionDue,
  retentionYearsFrom,
  type OfficerUse,
} from './rules.ts';

const none: OfficerUse = {
  recordUpdated: '2019-03-01',
  application: null,
  deploymentEnd: null,
  activeDeployment: false,
  training: null,
  checkIn: null,
  incident: null,
  qualificationExpiry: null,
  pastTourEnd: null,
  lastSignIn: null,
};

describe('last administrative use', () => {
  it('is the record update when nothing else happened', () => {
    expect(lastAdministrativeUse(none)).toBe('2019-03-01');
  });

  it.each([
    ['application', '2020-01-02'],
    ['deploymentEnd', '2021-06-30'],
    ['training', '2020-11-11'],
    ['checkIn', '2021-02-03'],
    ['incident', '2020-05-05'],
    ['qualificationExpiry', '2024-09-01'],
    ['pastTourEnd', '2019-12-31'],
    ['lastSignIn', '2022-07-07'],
  ] as const)('takes the latest, here the %s', (key, date) => {
    expect(lastAdministrativeUse({ ...none, [key]: date })).toBe(date);
  });

  it('takes the latest of several', () => {
    expect(
      lastAdministrativeUse({
        ...none,
        application: '2020-01-02',
        checkIn: '2023-01-01',
        lastSignIn: '2022-12-31',
      }),
    ).toBe('2023-01-01');
  });

  it('is active while a deployment is not over, whatever the dates', () => {
    expect(lastAdministrativeUse({ ...none, activeDeployment: true })).toBe('active');
  });
});

describe('retention', () => {
  it('keeps a record at least the retention years after its last use', () => {
    expect(retentionCutoff('2026-12-04', 2)).toBe('2024-12-04');
    expect(retentionDue('2024-12-04', '2026-12-04', 2)).toBe(false);
    expect(retentionDue('2024-12-03', '2026-12-04', 2)).toBe(true);
    expect(retentionDue('active', '2040-01-01', 2)).toBe(false);
  });

  it('handles 29 February', () => {
    expect(retentionCutoff('2028-02-29', 2)).toBe('2026-02-28');
    expect(retentionCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('refuses a period under two years', () => {
    expect(retentionYearsFrom(undefined)).toBe(2);
    expect(retentionYearsFrom('7')).toBe(7);
    expect(() => retentionYearsFrom('1')).toThrow(/at least 2/);
    expect(() => retentionYearsFrom('2.5')).toThrow(/RETENTION_YEARS/);
    expect(() => retentionYearsFrom('x')).toThrow(/RETENTION_YEARS/);
  });

  it('is configured at start: RETENTION_YEARS (at least 2) and RETENTION_CRON', () => {
    expect(loadConfig({})).toMatchObject({ retentionYears: 2, retentionCron: '0 3 * * 0' });
    expect(loadConfig({ RETENTION_YEARS: '3', RETENTION_CRON: '0 4 * * *' })).toMatchObject({
      retentionYears: 3,
      retentionCron: '0 4 * * *',
    });
    expect(() => loadConfig({ RETENTION_YEARS: '1' })).toThrow(
      'RETENTION_YEARS must be a whole number of years, at least 2',
    );
  });
});
