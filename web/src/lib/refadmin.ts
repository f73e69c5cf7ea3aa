/**
 * Reference data administration: each kind of reference data described once (where it is listed,
 * created and edited, and its fields), so one table, one form and one history serve them all.
 */

export type ReferenceKind =
  'agencies' | 'missions' | 'mission-locations' | 'organizations' | 'courses' | 'ranks';

export interface FieldSpec {
  name: string;
  type: 'text' | 'number' | 'date' | 'select' | 'checkbox';
  /** For selects: the values, labelled by `optionLabels` (a translation key prefix). */
  options?: readonly string[];
  optionLabels?: string;
  /** For selects filled from the API: the list, the value and the label of each item. */
  optionsFrom?: { url: string; value: string; label: string };
  required?: boolean;
  /** Set at creation only (codes, and what the API does not let change). */
  createOnly?: boolean;
  /** Shown when editing only (the retire flag). */
  editOnly?: boolean;
}

export type ReferenceRow = Record<string, unknown> & {
  nameEn: string;
  nameFr: string;
  version: number;
};

export interface KindSpec {
  kind: ReferenceKind;
  /** Where the rows are read; `paged`: the answer is a page (`items`). */
  list: string;
  paged?: boolean;
  /** The record's id in URLs and in its history (a code for organizations and ranks). */
  idField: string;
  /** The short column shown before the names. */
  codeField: string;
  create: string;
  update(id: string): string;
  /** Whether a row shows as retired. */
  retired(row: ReferenceRow): boolean;
  fields: readonly FieldSpec[];
}

const names: FieldSpec[] = [
  { name: 'nameEn', type: 'text', required: true },
  { name: 'nameFr', type: 'text', required: true },
];
const active: FieldSpec = { name: 'active', type: 'checkbox', editOnly: true };
const isRetired = (row: ReferenceRow) => row.active === false;

export const kindSpecs: readonly KindSpec[] = [
  {
    kind: 'agencies',
    list: '/api/v1/agencies',
    idField: 'id',
    codeField: 'code',
    create: '/api/v1/agencies',
    update: (id) => `/api/v1/agencies/${id}`,
    retired: isRetired,
    fields: [
      { name: 'code', type: 'text', required: true, createOnly: true },
      ...names,
      {
        name: 'type',
        type: 'select',
        options: ['federal', 'provincial', 'municipal', 'first_nations', 'regional'],
        optionLabels: 'reference:agencyTypes',
        required: true,
        createOnly: true,
      },
      {
        name: 'province',
        type: 'select',
        options: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
        optionLabels: 'reference:provinces',
        createOnly: true,
      },
      {
        name: 'agreementStatus',
        type: 'select',
        options: ['active', 'inactive', 'pending'],
        optionLabels: 'reference:agreementStatuses',
        required: true,
      },
      active,
    ],
  },
  {
    kind: 'missions',
    list: '/api/v1/missions?pageSize=200',
    paged: true,
    idField: 'id',
    codeField: 'code',
    create: '/api/v1/missions',
    update: (id) => `/api/v1/missions/${id}`,
    retired: (row) => row.status === 'closed',
    fields: [
      { name: 'acronym', type: 'text', required: true },
      ...names,
      {
        name: 'organizationCode',
        type: 'select',
        optionsFrom: { url: '/api/v1/reference/organizations', value: 'code', label: 'name' },
        required: true,
        createOnly: true,
      },
      {
        name: 'hostCountryCode',
        type: 'select',
        optionsFrom: { url: '/api/v1/reference/countries', value: 'code', label: 'name' },
        required: true,
        createOnly: true,
      },
      { name: 'startDate', type: 'date', required: true, createOnly: true },
      {
        name: 'workingLanguage',
        type: 'select',
        options: ['en', 'fr'],
        optionLabels: 'refadmin:languages',
        required: true,
      },
      {
        name: 'riskLevel',
        type: 'select',
        options: ['low', 'moderate', 'high', 'extreme'],
        optionLabels: 'reference:riskLevels',
      },
    ],
  },
  {
    kind: 'mission-locations',
    list: '/api/v1/reference/mission-locations',
    idField: 'id',
    codeField: 'missionCode',
    create: '/api/v1/reference/mission-locations',
    update: (id) => `/api/v1/reference/mission-locations/${id}`,
    retired: isRetired,
    fields: [
      {
        name: 'missionId',
        type: 'select',
        optionsFrom: { url: '/api/v1/missions?pageSize=200', value: 'id', label: 'code' },
        required: true,
        createOnly: true,
      },
      ...names,
      { name: 'latitude', type: 'text' },
      { name: 'longitude', type: 'text' },
      active,
    ],
  },
  {
    kind: 'organizations',
    list: '/api/v1/reference/organizations',
    idField: 'code',
    codeField: 'code',
    create: '/api/v1/reference/organizations',
    update: (code) => `/api/v1/reference/organizations/${encodeURIComponent(code)}`,
    retired: isRetired,
    fields: [
      { name: 'code', type: 'text', required: true, createOnly: true },
      {
        name: 'kind',
        type: 'select',
        options: ['un', 'eu', 'osce', 'regional', 'bilateral', 'other'],
        optionLabels: 'refadmin:organizationKinds',
        required: true,
      },
      ...names,
      active,
    ],
  },
  {
    kind: 'courses',
    list: '/api/v1/courses',
    idField: 'id',
    codeField: 'code',
    create: '/api/v1/courses',
    update: (id) => `/api/v1/courses/${id}`,
    retired: isRetired,
    fields: [
      { name: 'code', type: 'text', required: true, createOnly: true },
      ...names,
      {
        name: 'delivery',
        type: 'select',
        options: ['in_person', 'virtual', 'blended'],
        optionLabels: 'training:deliveries',
        required: true,
      },
      { name: 'durationDays', type: 'number', required: true },
      active,
    ],
  },
  {
    kind: 'ranks',
    list: '/api/v1/reference/ranks',
    idField: 'code',
    codeField: 'ordinal',
    create: '/api/v1/reference/ranks',
    update: (code) => `/api/v1/reference/ranks/${encodeURIComponent(code)}`,
    retired: isRetired,
    fields: [
      { name: 'code', type: 'text', required: true, createOnly: true },
      { name: 'ordinal', type: 'number', required: true },
      ...names,
      active,
    ],
  },
];

export function kindSpec(kind: string | undefined): KindSpec | undefined {
  return kindSpecs.find((k) => k.kind === kind);
}

/** The form's values as text (inputs hold text), from a row or empty for a new record. */
export function formValues(spec: KindSpec, row: ReferenceRow | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of spec.fields) {
    const v = row?.[f.name];
    out[f.name] =
      f.type === 'checkbox' ? (v === false ? 'false' : 'true') : v == null ? '' : String(v);
  }
  return out;
}

/**
 * The body to send: on creation every field given; on an edit only what changed, with the
 * version. Numbers as numbers, checkboxes as booleans, empty optional fields left out.
 */
export function bodyOf(
  spec: KindSpec,
  values: Record<string, string>,
  row: ReferenceRow | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = row ? { version: row.version } : {};
  const before = row ? formValues(spec, row) : null;
  for (const f of spec.fields) {
    if (row ? f.createOnly : f.editOnly) continue;
    const raw = (values[f.name] ?? '').trim();
    if (before && before[f.name] === raw) continue;
    if (f.type === 'checkbox') body[f.name] = raw === 'true';
    else if (raw === '') {
      if (f.required || row) body[f.name] = row && !f.required ? null : '';
    } else body[f.name] = f.type === 'number' ? Number(raw) : raw;
  }
  return body;
}

/** A program setting's value: a number, numbers by name, or steps of a target by year. */
export type SettingValue =
  number | Record<string, number> | Array<{ year: number; percent: number }>;

export interface SettingVersion {
  key: string;
  version: number;
  value: SettingValue;
  changedAt: string;
  changedByName: string | null;
}

export interface SettingField {
  /** '' for a setting that is one number or one list. */
  name: string;
  kind: 'number' | 'steps';
  text: string;
}

const fieldOrder = [
  'minAge',
  'maxAge',
  'minServiceYears',
  'languagePassMark',
  'minDrivingYears',
  'low',
  'moderate',
  'high',
  'extreme',
  'lockdown',
  'evacuation',
];

/** The fields of a setting's form, from its value. */
export function settingFields(value: SettingValue): SettingField[] {
  if (typeof value === 'number') return [{ name: '', kind: 'number', text: String(value) }];
  if (Array.isArray(value))
    return [
      { name: '', kind: 'steps', text: value.map((s) => `${s.year}:${s.percent}`).join(', ') },
    ];
  // jsonb keeps keys in its own order: show them in the order people read them.
  const rank = (name: string) => {
    const i = fieldOrder.indexOf(name);
    return i < 0 ? fieldOrder.length : i;
  };
  return Object.entries(value)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, n]) => ({ name, kind: 'number', text: String(n) }));
}

const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));

/** The value to send, shaped like the current one, from the form's text (the server validates it). */
export function settingValueOf(current: SettingValue, values: Record<string, string>): unknown {
  if (typeof current === 'number') return numberOf(values[''] ?? '');
  if (Array.isArray(current))
    return (values[''] ?? '')
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [year, percent] = part.split(':');
        return { year: numberOf(year ?? ''), percent: numberOf(percent ?? '') };
      });
  return Object.fromEntries(Object.keys(current).map((k) => [k, numberOf(values[k] ?? '')]));
}
