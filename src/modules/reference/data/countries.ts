import enLocale from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import frLocale from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };

export interface CountryRow {
  code: string;
  iso3: string | null;
  nameEn: string;
  nameFr: string;
  /** ISO date (yyyy-mm-dd) when the state ceased to exist; null for current countries. */
  dissolvedOn: string | null;
}

type LocaleNames = Record<string, string | string[]>;

/**
 * Corrections to the package's names: a missing accent, capitals French does not use, and the
 * names the program's records use (North Macedonia, Taiwan, the Palestinian Territories where
 * EUPOL COPPS serves).
 */
const overrides: Record<string, { nameEn?: string; nameFr?: string }> = {
  AE: { nameFr: 'Émirats arabes unis' },
  CF: { nameFr: 'République centrafricaine' },
  CI: { nameEn: "Côte d'Ivoire", nameFr: "Côte d'Ivoire" },
  CZ: { nameFr: 'République tchèque' },
  DO: { nameFr: 'République dominicaine' },
  MK: { nameEn: 'North Macedonia' },
  PS: { nameEn: 'Palestinian Territories', nameFr: 'Territoires palestiniens' },
  SA: { nameFr: 'Arabie saoudite' },
  TW: { nameEn: 'Taiwan' },
};

/** Codes the package lacks: Kosovo (user-assigned XK, as the UN and EU use it) and dissolved states. */
const extras: CountryRow[] = [
  { code: 'XK', iso3: 'XKX', nameEn: 'Kosovo', nameFr: 'Kosovo', dissolvedOn: null },
  { code: 'YU', iso3: 'YUG', nameEn: 'Yugoslavia', nameFr: 'Yougoslavie', dissolvedOn: '2003-02-04' },
  {
    code: 'CS',
    iso3: 'SCG',
    nameEn: 'Serbia and Montenegro',
    nameFr: 'Serbie-et-Monténégro',
    dissolvedOn: '2006-06-03',
  },
  { code: 'ZR', iso3: 'ZAR', nameEn: 'Zaire', nameFr: 'Zaïre', dissolvedOn: '1997-05-17' },
];

/** The official (first) name when the package lists several. */
function officialName(names: LocaleNames, code: string): string {
  const value = names[code];
  const name = Array.isArray(value) ? value[0] : value;
  if (!name) throw new Error(`no name for country ${code}`);
  return name;
}

/** Every ISO 3166-1 country plus Kosovo and dissolved states, sorted by code. */
export function countryRows(): CountryRow[] {
  const en = enLocale.countries as LocaleNames;
  const fr = frLocale.countries as LocaleNames;
  const iso3 = new Map((isoCodes as string[][]).map((row) => [row[0], row[1] ?? null]));
  const rows = new Map<string, CountryRow>();
  for (const code of Object.keys(en)) {
    rows.set(code, {
      code,
      iso3: iso3.get(code) ?? null,
      nameEn: overrides[code]?.nameEn ?? officialName(en, code),
      nameFr: overrides[code]?.nameFr ?? officialName(fr, code),
      dissolvedOn: null,
    });
  }
  for (const extra of extras) {
    const known = rows.get(extra.code);
    // The package names XK already (with ISO-3 XKK); use XKX, the code the UN and EU use.
    rows.set(extra.code, known ? { ...known, iso3: extra.iso3 } : extra);
  }
  return [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
