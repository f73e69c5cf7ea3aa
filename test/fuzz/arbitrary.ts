/**
 * fast-check arbitraries derived from JSON Schema (the OpenAPI document's request schemas): valid
 * values (`arbitraryFromJsonSchema`) and mutated ones (`mutatedFromJsonSchema`: a field dropped,
 * the wrong type, a huge or hostile string, an impossible date, a negative or overflowing
 * number, a wrong uuid, an extra field, or a body that is not an object at all).
 */
import fc from 'fast-check';

export type JsonSchema = { [keyword: string]: unknown };

/** The document `$ref`s point into (`#/components/schemas/<name>`). */
export interface SchemaRoot {
  components?: { schemas?: Record<string, JsonSchema> } | undefined;
}

/** Follow `$ref`s to the schema itself. */
export function resolveSchema(schema: JsonSchema, root: SchemaRoot = {}): JsonSchema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string'; hops++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? root.components?.schemas?.[name] : undefined;
    if (!target || hops > 20) throw new Error(`unresolved $ref ${s.$ref}`);
    s = target;
  }
  return s;
}

const isoDateOf = (d: Date) => d.toISOString().slice(0, 10);

/** Strings a careless server mishandles, all valid as plain text. */
export const hostileStrings = [
  "'; drop table officers; --",
  "' or '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '😀🇨🇦 Montréal ß 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ﷺ \u202e RTL \u200b zero-width',
  'nul \u0000 byte',
  '%00%27%22',
  '../../etc/passwd',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '\\',
  '"',
];

const MAX_STRING = 60;

/** How to draw some values: e.g. ids of records that exist, so valid bodies reach the rules. */
export interface DrawOptions {
  uuid?: fc.Arbitrary<string> | undefined;
  /** Properties drawn their own way as well (e.g. `version`: the small numbers records have). */
  byName?: Record<string, fc.Arbitrary<unknown>> | undefined;
}

function stringArbitrary(schema: JsonSchema, options: DrawOptions): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const fits = (s: string) => s.length >= min && s.length <= max;
  switch (schema.format) {
    case 'date':
      return fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map(isoDateOf);
    case 'email':
      return fc
        .tuple(
          fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/),
          fc.stringMatching(/^[a-z]{1,10}$/),
          fc.constantFrom('ca', 'org', 'fr'),
        )
        .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
        .filter(fits);
    case 'uuid':
      return options.uuid
        ? fc.oneof(options.uuid, fc.uuid({ version: 4 }))
        : fc.uuid({ version: 4 });
    case 'uri':
      return fc.webUrl().filter(fits);
  }
  if (typeof schema.pattern === 'string')
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  const cap = Math.max(min, Math.min(max, MAX_STRING));
  const plain = fc
    .string({ minLength: min, maxLength: cap, unit: 'grapheme' })
    // Text fields trim: a valid value has no space to trim away and still fits.
    .map((s) => s.trim())
    .filter(fits);
  const padded = fc
    .string({ minLength: min, maxLength: cap, unit: 'grapheme-ascii' })
    .map((s) => s.trim())
    .filter(fits);
  const hostile = hostileStrings.filter(fits);
  const fallback = fc.constant('x'.repeat(Math.max(min, 1))).filter(fits);
  return hostile.length
    ? fc.oneof(plain, padded, fc.constantFrom(...hostile))
    : fc.oneof(plain, padded, fallback);
}

function numberBounds(schema: JsonSchema, integer: boolean) {
  let min = typeof schema.minimum === 'number' ? schema.minimum : -1e9;
  let max = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
  if (typeof schema.exclusiveMinimum === 'number')
    min = schema.exclusiveMinimum + (integer ? 1 : 1e-9);
  if (typeof schema.exclusiveMaximum === 'number')
    max = schema.exclusiveMaximum - (integer ? 1 : 1e-9);
  return {
    min: Math.max(min, Number.MIN_SAFE_INTEGER),
    max: Math.min(max, Number.MAX_SAFE_INTEGER),
  };
}

/** Valid values of a JSON Schema (the subset Zod 4 emits). */
export function arbitraryFromJsonSchema(
  schema: JsonSchema,
  root: SchemaRoot = {},
  options: DrawOptions = {},
): fc.Arbitrary<unknown> {
  const s = resolveSchema(schema, root);
  const of = (sub: unknown) => arbitraryFromJsonSchema(sub as JsonSchema, root, options);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) return fc.oneof(...options.map(of));
  }
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p) => resolveSchema(p as JsonSchema, root));
    return of(
      parts.reduce(
        (merged, p) => ({
          ...merged,
          ...p,
          properties: { ...(merged.properties as object), ...(p.properties as object) },
          required: [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])],
        }),
        {} as JsonSchema,
      ),
    );
  }
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => of({ ...s, type })));
  const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer(numberBounds(s, true));
    case 'number':
      return fc.double({ ...numberBounds(s, false), noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringArbitrary(s, options);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.max(
        minLength,
        Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, 4),
      );
      return fc.array(s.items ? of(s.items) : fc.jsonValue({ maxDepth: 1 }), {
        minLength,
        maxLength,
      });
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      if (Object.keys(properties).length === 0 && typeof s.additionalProperties === 'object') {
        const keys = s.propertyNames ? (of(s.propertyNames) as fc.Arbitrary<string>) : fc.string();
        return fc.dictionary(keys, of(s.additionalProperties), { maxKeys: 3 });
      }
      const fields = Object.entries(properties).map(([k, v]) => {
        const own = options.byName?.[k];
        return [k, own ? fc.oneof(own, of(v)) : of(v)] as const;
      });
      return fc.record(Object.fromEntries(fields), {
        requiredKeys: required.filter((k) => k in properties),
      });
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
}

/** Values that break a field: wrong types, impossible dates, overflowing numbers, wrong ids. */
export const hostileValues: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(100_000),
  ...hostileStrings,
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-12-31',
  '2026-02-28T25:61:00Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6f1e2b0c-1d2e-4f3a-8b4c-5d6e7f8091a2',
  -1,
  0,
  0.5,
  -2147483649,
  2147483648,
  9007199254740991,
  1e308,
  -1e308,
  true,
  [],
  {},
  [null],
  { nested: { deeper: [1, 'two', { three: 3 }] } },
  Array.from({ length: 1000 }, (_, i) => i),
];

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value))
    value.forEach((v, i) => out.push([...prefix, i], ...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      out.push([...prefix, k], ...pathsOf(v, [...prefix, k]));
  return out;
}

export type Mutation = 'replace' | 'drop' | 'extra';

/** The value with one change at one of its paths (picked by `pick`): pure, the input is kept. */
export function mutateAt(value: unknown, pick: number, kind: Mutation, hostile: unknown): unknown {
  const copy = structuredClone(value);
  const paths = pathsOf(copy);
  if (paths.length === 0 || copy === null || typeof copy !== 'object')
    return kind === 'extra' && copy && typeof copy === 'object' ? copy : hostile;
  const path = paths[pick % paths.length]!;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as
    Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1]!;
  if (kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (kind === 'extra') {
    if (Array.isArray(parent)) parent.push(hostile);
    else (parent as Record<string, unknown>).unexpectedField = hostile;
  } else (parent as Record<string | number, unknown>)[key] = hostile;
  return copy;
}

/** Invalid values of a schema: a valid one mutated at one place, or not the right shape at all. */
export function mutatedFromJsonSchema(
  schema: JsonSchema,
  root: SchemaRoot = {},
  options: DrawOptions = {},
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...hostileValues) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          arbitraryFromJsonSchema(schema, root, options),
          fc.nat(),
          fc.constantFrom<Mutation>('replace', 'replace', 'drop', 'extra'),
          fc.constantFrom(...hostileValues),
        )
        .map(([value, pick, kind, hostile]) => mutateAt(value, pick, kind, hostile)),
    },
  );
}
