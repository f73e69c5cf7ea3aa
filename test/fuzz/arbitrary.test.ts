import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParams, isoDate, text } from '../../src/kernel/http/schemas.ts';
import {
  arbitraryFromJsonSchema,
  mutateAt,
  mutatedFromJsonSchema,
  resolveSchema,
  type JsonSchema,
} from './arbitrary.ts';

/** Schemas like the routes' own, through the same conversion the OpenAPI document uses. */
const schemas = {
  ids: idParams,
  mission: z
    .object({
      version: z.number().int().min(1),
      nameEn: text(300),
      acronym: text(40).optional(),
      startDate: isoDate,
      endDate: isoDate.nullish(),
      status: z.enum(['planned', 'active']),
      armed: z.boolean().optional(),
      email: z.email().optional(),
      ceiling: z.number().min(0).max(500).nullable(),
      code: z.string().regex(/^[A-Z]{2,3}$/),
      lines: z
        .array(z.object({ count: z.number().int().min(1).max(50), note: z.string().max(10) }))
        .min(1)
        .max(3),
      ratings: z.record(z.string().max(60), z.number().int().min(1).max(5)),
      either: z.union([z.literal('all'), z.uuid()]),
    })
    .strict(),
};

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;

describe('arbitraryFromJsonSchema', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`generates only values the Zod schema accepts (${name})`, () => {
      fc.assert(
        fc.property(arbitraryFromJsonSchema(json(schema)), (value) => {
          const parsed = schema.safeParse(value);
          expect(parsed.error?.issues ?? []).toEqual([]);
        }),
        { seed: 9, numRuns: 300 },
      );
    });
  }

  it('mostly generates values the schema refuses when mutated', () => {
    const values = fc.sample(mutatedFromJsonSchema(json(schemas.mission)), {
      seed: 9,
      numRuns: 300,
    });
    const refused = values.filter((v) => !schemas.mission.safeParse(v).success);
    expect(refused.length).toBeGreaterThan(200);
  });

  it('follows $refs into the components', () => {
    const root = { components: { schemas: { Id: { type: 'string', format: 'uuid' } } } };
    expect(resolveSchema({ $ref: '#/components/schemas/Id' }, root)).toEqual({
      type: 'string',
      format: 'uuid',
    });
    expect(() => resolveSchema({ $ref: '#/components/schemas/Missing' }, root)).toThrow();
    const [id] = fc.sample(arbitraryFromJsonSchema({ $ref: '#/components/schemas/Id' }, root), {
      seed: 1,
      numRuns: 1,
    });
    expect(z.uuid().safeParse(id).success).toBe(true);
  });
});

describe('mutateAt', () => {
  const value = { a: 1, b: { c: 'x' }, d: [1, 2] };
  it('replaces, drops or adds at the picked path, leaving the input as it was', () => {
    expect(mutateAt(value, 0, 'replace', null)).toEqual({ a: null, b: { c: 'x' }, d: [1, 2] });
    expect(mutateAt(value, 2, 'drop', null)).toEqual({ a: 1, b: {}, d: [1, 2] });
    expect(mutateAt(value, 4, 'drop', null)).toEqual({ a: 1, b: { c: 'x' }, d: [2] });
    expect(mutateAt(value, 1, 'extra', 'y')).toEqual({
      a: 1,
      b: { c: 'x' },
      d: [1, 2],
      unexpectedField: 'y',
    });
    expect(value).toEqual({ a: 1, b: { c: 'x' }, d: [1, 2] });
  });
  it('replaces a value with no inside by the hostile value', () => {
    expect(mutateAt('text', 3, 'replace', 42)).toBe(42);
    expect(mutateAt({}, 3, 'drop', 42)).toBe(42);
  });
});
