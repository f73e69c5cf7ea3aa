import { describe, expect, it } from 'vitest';
import { agencyTypes, organizationKinds, provinces } from './schema.ts';
import { agencies } from './data/agencies.ts';
import { countryRows } from './data/countries.ts';
import { missionRows } from './data/missions.ts';
import { organizations } from './data/organizations.ts';
import { missionRoles, postTypes } from './data/roles.ts';

const countries = countryRows();
const missions = missionRows();
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  return isoDate.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

const lists: Array<[string, Array<{ code: string; nameEn: string; nameFr: string }>]> = [
  ['organizations', organizations],
  ['countries', countries],
  ['agencies', agencies],
  ['missions', missions],
  ['mission roles', missionRoles],
  ['post types', postTypes],
];

describe('reference data', () => {
  it.each(lists)('%s: codes are unique and every name exists in both languages', (_name, rows) => {
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const row of rows) {
      expect(row.code, JSON.stringify(row)).toMatch(/\S/);
      expect(row.nameEn.trim(), row.code).not.toBe('');
      expect(row.nameFr.trim(), row.code).not.toBe('');
    }
  });

  it('mission locations are named in both languages', () => {
    for (const mission of missions) {
      expect(mission.locations.length, mission.code).toBeGreaterThan(0);
      for (const place of mission.locations) {
        expect(place.nameEn.trim(), mission.code).not.toBe('');
        expect(place.nameFr.trim(), mission.code).not.toBe('');
      }
    }
  });

  it('organizations use the schema kinds and include a bilateral one', () => {
    for (const org of organizations) expect(organizationKinds).toContain(org.kind);
    expect(organizations.find((o) => o.code === 'BILATERAL')?.kind).toBe('bilateral');
    expect(organizations.find((o) => o.code === 'UN')?.nameFr).toBe(
      'Organisation des Nations Unies',
    );
  });

  it('countries cover ISO 3166-1, Kosovo, the Palestinian Territories and dissolved states, sorted', () => {
    const byCode = new Map(countries.map((c) => [c.code, c]));
    expect(countries.length).toBeGreaterThanOrEqual(250);
    expect(byCode.get('XK')).toMatchObject({
      iso3: 'XKX',
      nameEn: 'Kosovo',
      nameFr: 'Kosovo',
      dissolvedOn: null,
    });
    expect(byCode.get('PS')).toMatchObject({
      nameEn: 'Palestinian Territories',
      nameFr: 'Territoires palestiniens',
    });
    expect(byCode.get('YU')?.dissolvedOn).toBe('2003-02-04');
    expect(byCode.get('CS')?.dissolvedOn).toBe('2006-06-03');
    expect(byCode.get('ZR')?.dissolvedOn).toBe('1997-05-17');
    expect(byCode.get('CA')).toMatchObject({ iso3: 'CAN', nameEn: 'Canada', nameFr: 'Canada' });
    const codes = countries.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      if (c.dissolvedOn !== null) expect(isRealDate(c.dissolvedOn), c.code).toBe(true);
    }
    expect(countryRows()).toEqual(countries);
  });

  it('agencies: at least 35, known types and provinces, RCMP federal with no province', () => {
    expect(agencies.length).toBeGreaterThanOrEqual(35);
    for (const agency of agencies) {
      expect(agency.code).toMatch(/^[A-Z0-9-]+$/);
      expect(agencyTypes).toContain(agency.type);
      if (agency.type === 'federal') expect(agency.province).toBeNull();
      else expect(provinces).toContain(agency.province);
    }
    expect(agencies.find((a) => a.code === 'RCMP')).toMatchObject({
      type: 'federal',
      province: null,
    });
    expect(agencies.filter((a) => a.type === 'first_nations').length).toBeGreaterThanOrEqual(7);
  });

  it('missions: at least 40, with known host countries and organizations', () => {
    expect(missions.length).toBeGreaterThanOrEqual(40);
    const countryCodes = new Set(countries.map((c) => c.code));
    const orgCodes = new Set(organizations.map((o) => o.code));
    for (const mission of missions) {
      expect(countryCodes.has(mission.hostCountryCode), mission.code).toBe(true);
      expect(orgCodes.has(mission.organizationCode), mission.code).toBe(true);
    }
  });

  it('missions: ISO dates, end not before start, status follows the end date', () => {
    for (const mission of missions) {
      expect(isRealDate(mission.startDate), mission.code).toBe(true);
      if (mission.endDate === null) {
        expect(mission.status, mission.code).toBe('active');
      } else {
        expect(isRealDate(mission.endDate), mission.code).toBe(true);
        expect(mission.endDate >= mission.startDate, mission.code).toBe(true);
        expect(mission.status, mission.code).toBe('closed');
      }
    }
  });

  it('missions include the program history: UNTAG in 1989, Mali, Ramallah, Ukraine, DR Congo', () => {
    const byCode = new Map(missions.map((m) => [m.code, m]));
    const untag = byCode.get('UNTAG');
    expect(untag?.startDate.startsWith('1989')).toBe(true);
    expect(untag?.hostCountryCode).toBe('NA');
    expect(byCode.get('MINUSMA')).toMatchObject({
      hostCountryCode: 'ML',
      workingLanguage: 'fr',
      endDate: '2023-12-31',
    });
    expect(byCode.get('MINUSMA')?.locations.map((l) => l.nameEn)).toEqual(
      expect.arrayContaining(['Bamako', 'Mopti']),
    );
    expect(byCode.get('EUCAP-SAHEL-MALI')).toMatchObject({
      organizationCode: 'EU',
      workingLanguage: 'fr',
    });
    expect(byCode.get('EUPOL-COPPS')).toMatchObject({
      hostCountryCode: 'PS',
      headquarters: 'Ramallah',
    });
    expect(byCode.get('EUAM-UKRAINE')?.hostCountryCode).toBe('UA');
    expect(byCode.get('MONUSCO')?.locations.map((l) => l.nameEn)).toContain('Goma');
    expect(byCode.get('UNMIK')?.hostCountryCode).toBe('XK');
    expect(byCode.get('MINUSTAH')?.nameFr).toBe(
      'Mission des Nations Unies pour la stabilisation en Haïti',
    );
    expect(missions.some((m) => m.organizationCode === 'BILATERAL')).toBe(true);
  });
});

describe('mission roles and post types', () => {
  it('has the four roles and five specialised teams', () => {
    expect(missionRoles.filter((r) => r.kind === 'role')).toHaveLength(4);
    expect(missionRoles.filter((r) => r.kind === 'specialised_team')).toHaveLength(5);
  });

  it('has the posts the program fills', () => {
    expect(postTypes.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'individual_police_officer',
        'contingent_commander',
        'gender_adviser',
      ]),
    );
  });
});
