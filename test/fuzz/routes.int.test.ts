/**
 * Route fuzzing (issue 9): every operation of the OpenAPI document (`/api/openapi.json`, which
 * carries each route's JSON Schema for params, query and body) is fed schema-derived valid and
 * mutated input with fast-check: path params that name existing records or are garbage, query
 * strings likewise, bodies valid, mutated (a field dropped, the wrong type, a huge or hostile
 * string, an impossible date, an overflowing number, a wrong uuid, an extra field) or not JSON
 * at all; as a program administrator, a program officer or anonymously, in English or French.
 *
 * It proves, for every answer: no 5xx; no stack trace, source path or SQL text; every refusal a
 * JSON 4xx with a stable `error.code` and a message (and field messages) in the caller's
 * language, read from locales/<lang>/errors.json. Seeded (FUZZ_SEED, printed) and bounded
 * (FUZZ_RUNS cases per operation).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localesDir } from '../../src/kernel/i18n.ts';
import { addUser } from '../../src/modules/users/users.ts';
import { startTestApp, type Client, type TestApp } from '../support/app.ts';
import { describeDb } from '../support/db.ts';
import { addPeopleFixtures } from '../support/people.ts';
import { addPlanningFixtures } from '../support/planning.ts';
import { addCallFixtures } from '../support/calls.ts';
import { addTrainingFixtures } from '../support/training.ts';
import { addDutyOfCareFixtures } from '../support/contingent.ts';
import { addDutyFixtures } from '../support/duty.ts';
import { matrix } from '../security/matrix.ts';
import {
  arbitraryFromJsonSchema,
  mutatedFromJsonSchema,
  type JsonSchema,
  type SchemaRoot,
} from './arbitrary.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
console.log(`route fuzzing: seed ${SEED}, ${RUNS} cases per operation (FUZZ_SEED, FUZZ_RUNS)`);

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: Parameter[];
}
interface Document extends SchemaRoot {
  paths: Record<string, Record<string, Operation>>;
}

type Caller = 'program_admin' | 'program_officer' | 'anonymous';
type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; type: string; payload: string | Buffer };
interface Case {
  caller: Caller;
  fr: boolean;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Body;
}

const garbageIds = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '6f1e2b0c-1d2e-4f3a-8b4c-5d6e7f8091a2',
  "1' or '1'='1",
  '😀',
  '..',
  '%00',
  'x'.repeat(2000),
  '12345678-1234-1234-1234-1234567890123',
];

const rawBodies: Body[] = [
  { kind: 'raw', type: 'application/json', payload: '{"version": 1,' },
  { kind: 'raw', type: 'application/json', payload: '' },
  { kind: 'raw', type: 'application/json', payload: 'null' },
  { kind: 'raw', type: 'application/json', payload: '"just a string"' },
  { kind: 'raw', type: 'application/json', payload: '['.repeat(5000) + ']'.repeat(5000) },
  { kind: 'raw', type: 'application/json', payload: '{"__proto__": {"isAdmin": true}}' },
  { kind: 'raw', type: 'text/plain', payload: 'hello' },
  { kind: 'raw', type: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { kind: 'raw', type: 'text/csv', payload: 'a,b,c\n"unclosed,2,3\n\u0000,\uFFFD,😀' },
  { kind: 'raw', type: 'application/octet-stream', payload: Buffer.from([0, 255, 1, 254, 80, 75]) },
  {
    kind: 'raw',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    payload: Buffer.from('PK\u0003\u0004 not really a zip'),
  },
  { kind: 'raw', type: 'application/pdf', payload: Buffer.from('%PDF-1.4 truncated') },
];

/** A message template as a pattern: interpolations and nested keys match anything. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\$t\([^)]*\)|\{\{[^}]*\}\}/);
  return new RegExp(
    `^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?')}$`,
  );
}

function loadMessages(lang: 'en' | 'fr') {
  return JSON.parse(fs.readFileSync(path.join(localesDir, lang, 'errors.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}
const messages = { en: loadMessages('en'), fr: loadMessages('fr') };

/** The templates a code may read as (with plural forms). */
function templatesOf(lang: 'en' | 'fr', code: string): string[] {
  const keys = code.split('.');
  const last = keys.pop()!;
  let node: unknown = messages[lang];
  for (const k of keys) node = (node as Record<string, unknown> | undefined)?.[k];
  const table = (node ?? {}) as Record<string, unknown>;
  return [last, `${last}_one`, `${last}_other`, `${last}_many`, `${last}_zero`]
    .map((k) => table[k])
    .filter((v): v is string => typeof v === 'string');
}

const leaks: Array<[string, RegExp]> = [
  ['stack frame', /\n\s+at |\bat [\w.<>]+ \(|\bat file:\/\//],
  ['source path', /\/src\/|\/node_modules\/|\/work\/|\.ts:\d+|\.js:\d+:\d+/],
  [
    'SQL or driver text',
    /Failed query|syntax error at or near|violates [\w ]*constraint|invalid input syntax|duplicate key value|relation "|column "|SQLSTATE|out of range for type|invalid byte sequence|unsupported Unicode/i,
  ],
  [
    'error internals',
    /ZodError|TypeError|RangeError|ReferenceError|Cannot read propert|undefined is not/,
  ],
];

function problemsOf(c: Case, res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  const text = /pdf|spreadsheet|octet-stream/.test(type) ? '' : res.body;
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  for (const [what, pattern] of leaks) if (pattern.test(text)) problems.push(`${what} in the body`);
  if (res.statusCode < 400) return problems;
  if (!type.startsWith('application/json')) return [...problems, `refusal not JSON (${type})`];
  const error = (res.json() as { error?: Record<string, unknown> }).error;
  if (!error || typeof error.code !== 'string') return [...problems, 'refusal without error.code'];
  // An explicit ?lang= wins over Accept-Language.
  const lang = c.query.lang === 'fr' || c.query.lang === 'en' ? c.query.lang : c.fr ? 'fr' : 'en';
  const check = (code: string, message: unknown, where: string) => {
    if (typeof message !== 'string' || message.trim() === '') {
      problems.push(`${where}: no message for ${code}`);
      return;
    }
    const templates = templatesOf(lang, code);
    if (templates.length === 0) problems.push(`${where}: ${code} has no ${lang} message`);
    else if (!templates.some((t) => templatePattern(t).test(message)))
      problems.push(`${where}: message for ${code} is not the ${lang} one: ${message}`);
  };
  check(error.code, error.message, 'error');
  if (error.code === 'internal') problems.push('internal error');
  for (const f of (error.fields ?? []) as Array<{ code: string; message: unknown; path: string }>)
    check(f.code, f.message, `field ${f.path}`);
  return problems;
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v])
      search.append(
        k,
        typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item),
      );
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

describeDb('route fuzzing', () => {
  let t: TestApp;
  let doc: Document;
  const clients = new Map<Caller, Client>();
  /** Ids of records that exist, for path params. */
  let pool: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPlanningFixtures(t), await addPeopleFixtures(t));
    Object.assign(t.ids, await addCallFixtures(t), await addTrainingFixtures(t));
    Object.assign(t.ids, await addDutyOfCareFixtures(t));
    Object.assign(t.ids, await addDutyFixtures(t));
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const spare = await addUser(t.db, ctx, {
      email: 'spare@test.peaceops.ca',
      displayName: 'spare',
      password: 'correct horse battery staple 43',
      role: 'auditor',
    });
    pool = [...new Set([...Object.values(t.ids), spare.id])].filter((v) =>
      /^[0-9a-f-]{36}$/.test(v),
    );
    for (const c of ['program_admin', 'program_officer'] as const) clients.set(c, await t.as(c));
    clients.set('anonymous', t.anonymous());
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  });
  /** What the fuzzing got back: answers by status, refusals by code. */
  const tally = {
    requests: 0,
    byStatus: {} as Record<string, number>,
    byCode: {} as Record<string, number>,
  };
  afterAll(async () => {
    const top = Object.entries(tally.byCode)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12);
    console.log(
      `route fuzzing: ${tally.requests} requests; by status ${JSON.stringify(tally.byStatus)}; top refusals ${JSON.stringify(Object.fromEntries(top))}`,
    );
    await t?.close();
  });

  /**
   * The operations, known when the file is collected: every API route has a row in the
   * authorization matrix (its own test sees to that), plus the health probes. The first test
   * checks this is exactly the OpenAPI document's list.
   */
  const operations: Array<[string, string]> = [
    ...Object.keys(matrix).map((k) => {
      const [method, url] = k.split(' ') as [string, string];
      return [method, url.replace(/:(\w+)/g, '{$1}')] as [string, string];
    }),
    ['GET', '/healthz'],
    ['GET', '/readyz'],
  ];

  it('fuzzes every operation of the OpenAPI document, and the document has every API route', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(operations.map(([m, p]) => `${m} ${p}`).sort());
    const routes = t.app.routeList
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('resolves every $ref of the OpenAPI document (they dangled: components were empty)', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(100);
    const names = Object.keys(doc.components?.schemas ?? {});
    expect([...new Set(refs.map((m) => m[1]!))].filter((n) => !names.includes(n))).toEqual([]);
  });

  function caseArbitrary(method: string, pattern: string, op: Operation): fc.Arbitrary<Case> {
    const draw = {
      uuid: fc.constantFrom(...pool),
      byName: { version: fc.integer({ min: 0, max: 3 }) },
    };
    const params = (op.parameters ?? []).filter((p) => p.in === 'path');
    const query = (op.parameters ?? []).filter((p) => p.in === 'query');
    const entry = matrix[`${method} ${pattern.replace(/\{(\w+)\}/g, ':$1')}`];
    const known = Object.entries(entry?.kinds ?? {})
      .filter(([kind]) => kind !== 'missing')
      .map(([, resolve]) => {
        const target = resolve(t, 'program_admin');
        return typeof target === 'string' ? { [params[0]?.name ?? 'id']: target } : target;
      });
    const paramArb: fc.Arbitrary<Record<string, string>> = params.length
      ? fc.oneof(...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []), {
          weight: 2,
          arbitrary: fc.record(
            Object.fromEntries(
              params.map((p) => [
                p.name,
                fc.oneof(
                  fc.constantFrom(...pool),
                  fc.uuid({ version: 4 }),
                  fc.constantFrom(...garbageIds),
                  arbitraryFromJsonSchema(p.schema, doc, draw).map(String),
                ),
              ]),
            ),
          ),
        })
      : fc.constant({});
    const querySchema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
      required: query.filter((p) => p.required).map((p) => p.name),
    };
    const queryArb: fc.Arbitrary<Record<string, unknown>> = query.length
      ? fc.oneof(
          fc.constant({}),
          arbitraryFromJsonSchema(querySchema, doc, draw) as fc.Arbitrary<Record<string, unknown>>,
          mutatedFromJsonSchema(querySchema, doc, draw).map((v) =>
            v && typeof v === 'object' && !Array.isArray(v)
              ? (v as Record<string, unknown>)
              : { [query[0]!.name]: v },
          ),
        )
      : fc.constant({});
    const schema = op.requestBody?.content['application/json']?.schema;
    const raw = fc.constantFrom(...rawBodies);
    const bodyArb: fc.Arbitrary<Body> = schema
      ? fc.oneof(
          {
            weight: 4,
            arbitrary: arbitraryFromJsonSchema(schema, doc, draw).map((value) => ({
              kind: 'json' as const,
              value,
            })),
          },
          {
            weight: 4,
            arbitrary: mutatedFromJsonSchema(schema, doc, draw).map((value) => ({
              kind: 'json' as const,
              value,
            })),
          },
          { weight: 1, arbitrary: raw },
        )
      : ['POST', 'PUT', 'PATCH'].includes(method)
        ? fc.oneof(fc.constant<Body>({ kind: 'none' }), raw)
        : fc.constant<Body>({ kind: 'none' });
    return fc.record({
      caller: fc.constantFrom<Caller>(
        'program_admin',
        'program_officer',
        'program_officer',
        'anonymous',
      ),
      fr: fc.boolean(),
      params: paramArb,
      query: queryArb,
      body: bodyArb,
    });
  }

  async function send(method: string, pattern: string, c: Case) {
    const url =
      pattern.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(c.params[name] ?? 'missing'),
      ) + queryString(c.query);
    // Signing out ends the session: that route gets a session of its own each time.
    const client =
      method === 'DELETE' && pattern === '/api/v1/session' && c.caller !== 'anonymous'
        ? await t.as(c.caller)
        : clients.get(c.caller)!;
    const headers: Record<string, string> = {
      'accept-language': c.fr ? 'fr-CA,fr;q=0.9' : 'en-CA,en;q=0.9',
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrfToken && method !== 'GET' ? { 'x-csrf-token': client.csrfToken } : {}),
    };
    const body = c.body;
    if (body.kind === 'json') headers['content-type'] = 'application/json';
    if (body.kind === 'raw') headers['content-type'] = body.type;
    return t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body.kind === 'json' ? { payload: JSON.stringify(body.value) ?? 'null' } : {}),
      ...(body.kind === 'raw' ? { payload: body.payload } : {}),
    });
  }

  function seedOf(route: string) {
    let h = SEED;
    for (const ch of route) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return h;
  }

  it.each(operations)(
    '%s %s',
    async (method, pattern) => {
      const op = doc.paths[pattern]![method.toLowerCase()]!;
      const cases = fc.sample(caseArbitrary(method, pattern, op), {
        seed: seedOf(`${method} ${pattern}`),
        numRuns: RUNS,
      });
      const found: string[] = [];
      for (const c of cases) {
        const res = await send(method, pattern, c);
        tally.requests++;
        tally.byStatus[res.statusCode] = (tally.byStatus[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 400) {
          const code = /"code":"([a-z_]+)"/.exec(res.body)?.[1] ?? 'none';
          tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
        }
        const problems = problemsOf(c, res);
        if (problems.length)
          found.push(
            `${problems.join('; ')}\n  case: ${JSON.stringify(c).slice(0, 600)}\n  answer: ${res.statusCode} ${res.body.slice(0, 400)}`,
          );
      }
      expect(found).toEqual([]);
      // Signing in and out hashes passwords: a generous bound for FUZZ_RUNS well above the default.
    },
    300_000,
  );

  it.each([
    ['an Origin that is not a URL', { origin: 'not a url' }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['a malformed Accept-Language', { 'accept-language': ';;;q=abc,,de;q=' }],
    ['a garbage session cookie', { cookie: 'peaceops_session=%E0%A4%A' }],
    ['a garbage CSRF token', { 'x-csrf-token': '😀'.repeat(50) }],
  ])('refuses a request with %s clearly', async (_what, extra: Record<string, string>) => {
    const admin = clients.get('program_admin')!;
    // A malformed Accept-Language reads as English.
    for (const fr of extra['accept-language'] ? [false] : [false, true]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/missions/${t.ids.ownMission}`,
        headers: {
          'accept-language': fr ? 'fr' : 'en',
          cookie: admin.cookie!,
          'x-csrf-token': admin.csrfToken!,
          'content-type': 'application/json',
          ...extra,
        },
        payload: JSON.stringify({ version: 999 }),
      });
      expect(
        problemsOf(
          { caller: 'program_admin', fr, params: {}, query: {}, body: { kind: 'none' } },
          res,
        ),
      ).toEqual([]);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  // The bugs the fuzzing found, each pinned by name.
  it('refuses a NUL character in a query string or a body, naming the field (was a 500)', async () => {
    const admin = clients.get('program_officer')!;
    const listed = await admin.request('GET', '/api/v1/missions?organization=UN%00', undefined, {
      'accept-language': 'fr',
    });
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.fields).toEqual([
      {
        path: 'organization',
        code: 'validation.nul_character',
        message: expect.stringMatching(/NUL/),
      },
    ]);
    const signIn = await t.anonymous().request('POST', '/api/v1/session', {
      email: 'a\u0000@b.ca',
      password: 'x',
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error.fields[0].path).toBe('email');
  });

  it("answers a path parameter too long for the router with our 404 (was Fastify's 414 quoting the path)", async () => {
    const res = await clients
      .get('program_officer')!
      .request('GET', `/api/v1/missions/${'x'.repeat(500)}?lang=fr`, undefined, {
        'accept-language': 'en',
      });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'not_found',
      message: templatesOf('fr', 'not_found')[0],
    });
    expect(res.body).not.toContain('xxxx');
  });

  it('refuses an Origin header that is not a URL as a CSRF failure (was a 500)', async () => {
    const admin = clients.get('program_officer')!;
    const res = await admin.request(
      'PATCH',
      `/api/v1/missions/${t.ids.ownMission}`,
      { version: 1 },
      {
        origin: 'not a url',
      },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
  });
});
