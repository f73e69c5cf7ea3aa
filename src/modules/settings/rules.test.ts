import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { settingSchemas, settingsFromConfig, settingsOf } from './rules.ts';

describe('program settings rules', () => {
  const defaults = settingsFromConfig(loadConfig({ WPS_TARGET_PERCENT: '35' }));

  it('takes the environment as the defaults', () => {
    expect(defaults.wpsTargetPercent).toBe(35);
    expect(defaults.screening.minAge).toBe(25);
    expect(defaults.checkInCadence.evacuation).toBe(12);
  });

  it('lays the stored values over the defaults, ignoring unknown keys and invalid values', () => {
    const settings = settingsOf(defaults, [
      { key: 'wps_target_percent', value: 40 },
      { key: 'checkin_cadence_hours', value: { ...defaults.checkInCadence, high: 48 } },
      { key: 'screening', value: { minAge: 10 } },
      { key: 'unknown', value: 1 },
    ]);
    expect(settings.wpsTargetPercent).toBe(40);
    expect(settings.checkInCadence.high).toBe(48);
    expect(settings.screening).toEqual(defaults.screening);
  });

  it('validates each key', () => {
    const screening = { ...defaults.screening };
    expect(settingSchemas.screening.safeParse({ ...screening, minAge: 17 }).success).toBe(false);
    expect(settingSchemas.screening.safeParse({ ...screening, maxAge: 71 }).success).toBe(false);
    expect(
      settingSchemas.screening.safeParse({ ...screening, minAge: 60, maxAge: 50 }).success,
    ).toBe(false);
    expect(
      settingSchemas.screening.safeParse({ ...screening, languagePassMark: 101 }).success,
    ).toBe(false);
    expect(settingSchemas.wps_target_percent.safeParse(-1).success).toBe(false);
    expect(
      settingSchemas.un_women_police_targets.safeParse([
        { year: 2020, percent: 24 },
        { year: 2018, percent: 22 },
      ]).success,
    ).toBe(false);
    expect(
      settingSchemas.checkin_cadence_hours.safeParse({ ...defaults.checkInCadence, low: 0 })
        .success,
    ).toBe(false);
    expect(settingSchemas.checkin_cadence_hours.safeParse(defaults.checkInCadence).success).toBe(
      true,
    );
  });
});
