import { describe, expect, it } from 'vitest';
import { bodyOf, formValues, kindSpec, settingFields, settingValueOf } from './refadmin.ts';

describe('reference administration forms', () => {
  const ranks = kindSpec('ranks')!;
  const row = {
    code: 'sergeant',
    ordinal: 3,
    nameEn: 'Sergeant',
    nameFr: 'Sergent',
    version: 2,
    active: true,
  };

  it('sends every field on creation, numbers as numbers', () => {
    const values = {
      ...formValues(ranks, null),
      code: 'cadet',
      ordinal: '9',
      nameEn: 'Cadet',
      nameFr: 'Cadet',
    };
    expect(bodyOf(ranks, values, null)).toEqual({
      code: 'cadet',
      ordinal: 9,
      nameEn: 'Cadet',
      nameFr: 'Cadet',
    });
  });

  it('sends only what changed on an edit, with the version; a blank name goes to the server', () => {
    const values = { ...formValues(ranks, row), nameFr: 'Sergente', active: 'false' };
    expect(bodyOf(ranks, values, row)).toEqual({ version: 2, nameFr: 'Sergente', active: false });
    expect(bodyOf(ranks, { ...formValues(ranks, row), nameEn: ' ' }, row)).toEqual({
      version: 2,
      nameEn: '',
    });
  });

  it('knows no other kind', () => {
    expect(kindSpec('countries')).toBeUndefined();
  });
});

describe('program settings forms', () => {
  it('edits a number, numbers by name and target steps', () => {
    expect(settingValueOf(30, { '': '33' })).toBe(33);
    const cadence = { high: 72, low: 168 };
    expect(settingFields(cadence).map((f) => f.name)).toEqual(['low', 'high']);
    expect(settingValueOf(cadence, { low: '100', high: '48' })).toEqual({ low: 100, high: 48 });
    const steps = [{ year: 2020, percent: 24 }];
    expect(settingFields(steps)[0]!.text).toBe('2020:24');
    expect(settingValueOf(steps, { '': '2020:24, 2028:30' })).toEqual([
      { year: 2020, percent: 24 },
      { year: 2028, percent: 30 },
    ]);
  });
});
