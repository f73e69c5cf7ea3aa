import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { ScreeningThresholds } from '../calls/screening.ts';
import type { Cadence } from '../checkins/rules.ts';
import type { TargetStep } from '../statistics/targets.ts';

/** The program's settings in force: what the consumers read instead of the environment. */
export interface ProgramSettings {
  screening: ScreeningThresholds;
  wpsTargetPercent: number;
  unWomenPoliceTargets: TargetStep[];
  checkInCadence: Cadence;
}

const percent = z.number().min(0).max(100);
const hours = z
  .number()
  .int()
  .positive()
  .max(24 * 365);

/** Each setting's key (as stored and in the URL) and the value it accepts. */
export const settingSchemas = {
  screening: z
    .object({
      minAge: z.number().int().min(18).max(70),
      maxAge: z.number().int().min(18).max(70),
      minServiceYears: z.number().int().min(0).max(50),
      languagePassMark: z.number().int().min(0).max(100),
      minDrivingYears: z.number().int().min(0).max(50),
    })
    .strict()
    .refine((v) => v.minAge <= v.maxAge, { path: ['maxAge'] }),
  wps_target_percent: percent,
  un_women_police_targets: z
    .array(z.object({ year: z.number().int().min(1989).max(2100), percent }).strict())
    .max(50)
    // Steps in ascending years: the target of a year is the last step at or before it.
    .refine((steps) => steps.every((s, i) => i === 0 || s.year > steps[i - 1]!.year)),
  checkin_cadence_hours: z
    .object({
      low: hours,
      moderate: hours,
      high: hours,
      extreme: hours,
      lockdown: hours,
      evacuation: hours,
    })
    .strict(),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export const settingKeys = Object.keys(settingSchemas) as SettingKey[];

/** Where each key lands in `ProgramSettings`. */
const fieldOf = {
  screening: 'screening',
  wps_target_percent: 'wpsTargetPercent',
  un_women_police_targets: 'unWomenPoliceTargets',
  checkin_cadence_hours: 'checkInCadence',
} as const satisfies Record<SettingKey, keyof ProgramSettings>;

/** The environment's values: the initial version of each setting, and the fallback before seeding. */
export function settingsFromConfig(config: Config): ProgramSettings {
  return {
    screening: { ...config.screening },
    wpsTargetPercent: config.wpsTargetPercent,
    unWomenPoliceTargets: config.unWomenPoliceTargets.map((s) => ({ ...s })),
    checkInCadence: { ...config.checkInCadence },
  };
}

export function valueOf(settings: ProgramSettings, key: SettingKey): unknown {
  return settings[fieldOf[key]];
}

/** The settings in force: the stored value of each key over the defaults. */
export function settingsOf(
  defaults: ProgramSettings,
  stored: ReadonlyArray<{ key: string; value: unknown }>,
): ProgramSettings {
  const out = { ...defaults };
  for (const row of stored) {
    if (!Object.hasOwn(fieldOf, row.key)) continue;
    const parsed = settingSchemas[row.key as SettingKey].safeParse(row.value);
    if (parsed.success)
      (out as Record<string, unknown>)[fieldOf[row.key as SettingKey]] = parsed.data;
  }
  return out;
}
