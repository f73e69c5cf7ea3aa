import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { fakeClock } from '../../src/kernel/clock.ts';
import { buildApp, type App } from '../../src/server.ts';
import { agencies, missions } from '../../src/modules/reference/schema.ts';
import { seedReferenceData } from '../../src/modules/reference/seed.ts';
import type { Partner, Role } from '../../src/modules/users/schema.ts';
import { addUser } from '../../src/modules/users/users.ts';
import { dbKind, freshDatabase } from './db.ts';

export const PASSWORD = 'correct horse battery staple 42';

/** One account per role, scoped so the matrix can tell own, in-scope and out-of-scope records. */
export const fixtureAccounts: Array<{
  key: string;
  role: Role;
  partner?: Partner;
  agencyCode?: string;
  missionCode?: string;
}> = [
  { key: 'program_admin', role: 'program_admin' },
  { key: 'program_officer', role: 'program_officer' },
  { key: 'decision_partner', role: 'decision_partner', partner: 'GAC' },
  { key: 'partner_ps', role: 'decision_partner', partner: 'PS' },
  { key: 'partner_rcmp', role: 'decision_partner', partner: 'RCMP' },
  { key: 'agency_coordinator', role: 'agency_coordinator', agencyCode: 'SQ' },
  { key: 'officer', role: 'officer', agencyCode: 'SQ' },
  { key: 'contingent_commander', role: 'contingent_commander', missionCode: 'MINUSMA' },
  { key: 'auditor', role: 'auditor' },
];

export interface Client {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  login(email: string, password?: string): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
  cookie: string | null;
}

export function client(app: App): Client {
  const c: Client = {
    csrfToken: null,
    cookie: null,
    async request(method, url, body, headers = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...(c.csrfToken && !['GET', 'HEAD'].includes(method)
            ? { 'x-csrf-token': c.csrfToken }
            : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const set = res.cookies.find((k) => k.name === 'peaceops_session');
      if (set) c.cookie = set.value ? `peaceops_session=${set.value}` : null;
      if (method === 'POST' && url === '/api/v1/session' && res.statusCode === 200) {
        c.csrfToken = res.json().csrfToken;
      }
      return res;
    },
    async login(email, password = PASSWORD) {
      return c.request('POST', '/api/v1/session', { email, password });
    },
  };
  return c;
}

export interface TestApp {
  app: App;
  db: Awaited<ReturnType<typeof freshDatabase>>['db'];
  clock: ReturnType<typeof fakeClock>;
  config: Config;
  users: Record<string, { id: string; email: string }>;
  /** Fixture ids: agencies and missions here; tests add the records they create (planning.ts). */
  ids: {
    ownAgency: string;
    otherAgency: string;
    ownMission: string;
    otherMission: string;
    [record: string]: string;
  };
  /** A signed-in client for a fixture account. */
  as(key: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  beforeReady?: (app: App) => void,
): Promise<TestApp> {
  const database = await freshDatabase();
  if (dbKind === 'postgres') await seedReferenceData(database.db);
  const clock = fakeClock(new Date());
  // No role requires a second factor unless a test says so; secrets sealed under a throwaway key.
  const config = {
    ...loadConfig({}),
    loginRateLimit: 1000,
    mfaRequiredRoles: [],
    secretKey: randomBytes(32).toString('base64'),
    ...overrides,
  };
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: clock.now() };
  const users: TestApp['users'] = {};
  for (const a of fixtureAccounts) {
    const email = `${a.key}@test.peaceops.ca`;
    const created = await addUser(database.db, ctx, {
      email,
      displayName: a.key,
      password: PASSWORD,
      role: a.role,
      partner: a.partner ?? null,
      agencyCode: a.agencyCode ?? null,
      missionCode: a.missionCode ?? null,
    });
    users[a.key] = { id: created.id, email };
  }
  const idOf = async (table: typeof agencies | typeof missions, code: string) => {
    const [row] = await database.db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.code, code));
    if (!row) throw new Error(`fixture ${code} missing`);
    return row.id;
  };
  const ids = {
    ownAgency: await idOf(agencies, 'SQ'),
    otherAgency: await idOf(agencies, 'SPVM'),
    ownMission: await idOf(missions, 'MINUSMA'),
    otherMission: await idOf(missions, 'MINUSTAH'),
  };
  const app = await buildApp({ database, config, clock, logger: false });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    db: database.db,
    clock,
    config,
    users,
    ids,
    async as(key) {
      const c = client(app);
      const res = await c.login(users[key]!.email);
      if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.statusCode} ${res.body}`);
      return c;
    },
    anonymous: () => client(app),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
