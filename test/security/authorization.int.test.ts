import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../src/kernel/db/schema.ts';
import { startTestApp, type Client, type TestApp } from '../support/app.ts';
import { describeDb } from '../support/db.ts';
import { addPeopleFixtures } from '../support/people.ts';
import { addPlanningFixtures } from '../support/planning.ts';
import { addCallFixtures } from '../support/calls.ts';
import { addTrainingFixtures } from '../support/training.ts';
import { addDutyOfCareFixtures } from '../support/contingent.ts';
import { addDutyFixtures } from '../support/duty.ts';
import {
  incidentConfidentialityMatrix,
  matrix,
  sensitiveFieldMatrix,
  subjects,
  type Kind,
  type Subject,
} from './matrix.ts';

describeDb('authorization matrix', () => {
  let t: TestApp;
  const clients = new Map<Subject, Client>();

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPlanningFixtures(t), await addPeopleFixtures(t));
    Object.assign(t.ids, await addCallFixtures(t), await addTrainingFixtures(t));
    Object.assign(t.ids, await addDutyOfCareFixtures(t));
    Object.assign(t.ids, await addDutyFixtures(t));
    for (const s of subjects) clients.set(s, s === 'anonymous' ? t.anonymous() : await t.as(s));
  });
  afterAll(() => t?.close());

  it('has an entry for every API route, and no entry for a route that does not exist', () => {
    const routes = t.app.routeList
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !matrix[r])).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('every API route names its policy action', () => {
    const unnamed = t.app.routeList.filter((r) => r.url.startsWith('/api/v1/') && !r.action);
    expect(unnamed).toEqual([]);
  });

  const cells: Array<[string, Subject, Kind | null]> = [];
  for (const [route, entry] of Object.entries(matrix)) {
    for (const s of subjects) {
      const expected = entry.expect[s];
      const kinds =
        typeof expected === 'number' ? Object.keys(entry.kinds ?? {}) : Object.keys(expected);
      if (kinds.length === 0) cells.push([route, s, null]);
      else for (const kind of kinds as Kind[]) cells.push([route, s, kind]);
    }
  }

  it.each(cells)('%s as %s on %s record', async (route, subject, kind) => {
    const entry = matrix[route]!;
    const [method, pattern] = route.split(' ') as [string, string];
    const target = kind ? entry.kinds![kind]!(t, subject) : null;
    const params = typeof target === 'string' ? { id: target } : (target ?? {});
    const url =
      pattern.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? `:${name}`) +
      (typeof entry.query === 'function' ? entry.query(t) : (entry.query ?? ''));
    // Routes that end the session get a client of their own.
    const c =
      method === 'DELETE' && subject !== 'anonymous' ? await t.as(subject) : clients.get(subject)!;
    const res = await c.request(method, url, entry.body?.(t, subject));
    const expected = entry.expect[subject];
    const status = typeof expected === 'number' ? expected : expected[kind!];
    expect(res.statusCode, res.body).toBe(status);
  });

  it.each(sensitiveFieldMatrix)(
    'sensitive officer fields: $subject on $kind record -> visible $visible',
    async ({ subject, kind, visible }) => {
      const id = kind === 'own' ? t.ids.ownOfficer : t.ids.otherOfficer;
      const res = await clients.get(subject)!.request('GET', `/api/v1/officers/${id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const passport = body.qualifications.find((q: { kind: string }) => q.kind === 'passport');
      expect(body.sensitiveVisible).toBe(visible);
      expect(body.dateOfBirth !== null).toBe(visible);
      expect(body.contacts !== null).toBe(visible);
      expect(passport.documentNumber !== null).toBe(visible);
      expect(res.body.includes('HK123456')).toBe(visible);
      expect(res.body.includes('1984-05-17')).toBe(visible);
    },
  );

  it.each(incidentConfidentialityMatrix)(
    'incident confidentiality: $subject sees others involved $seesOthersInvolved, reporter $seesReporter',
    async ({ subject, seesOthersInvolved, seesReporter }) => {
      const c = clients.get(subject)!;
      const res = await c.request('GET', `/api/v1/incidents/${t.ids.ownIncident}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const involved = body.officers.map((o: { id: string }) => o.id);
      expect(involved.includes(t.ids.otherOfficer)).toBe(seesOthersInvolved);
      expect(res.body.includes('SPVM-2002')).toBe(seesOthersInvolved);
      expect(body.reportedByName !== null).toBe(seesReporter);
      if (subject === 'officer') expect(involved).toEqual([t.ids.ownOfficer]);
      // The list never carries who was involved, nor the narrative.
      const list = await c.request('GET', '/api/v1/incidents');
      expect(list.statusCode).toBe(200);
      expect(list.body.includes('SPVM-2002')).toBe(false);
      expect(list.body.includes('Heat exhaustion')).toBe(false);
    },
  );

  it('audits every read of an incident, and keeps its narrative out of the audit log', async () => {
    await clients
      .get('program_officer')!
      .request('GET', `/api/v1/incidents/${t.ids.otherIncident}`);
    const rows = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.recordId, t.ids.otherIncident!));
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['incident.create', 'incident.read']),
    );
    const read = rows.find(
      (r) => r.action === 'incident.read' && r.actorId === t.users.program_officer!.id,
    );
    expect(read?.outcome).toBe('ok');
    expect(JSON.stringify(rows)).not.toContain('Heat exhaustion');
  });

  it('audits refused attempts, naming the record and not what it holds', async () => {
    const c = clients.get('agency_coordinator')!;
    const res = await c.request('GET', `/api/v1/agencies/${t.ids.otherAgency}`);
    expect(res.statusCode).toBe(404);
    const rows = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.outcome, 'denied'), eq(auditEntries.recordId, t.ids.otherAgency)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actorId).toBe(t.users.agency_coordinator!.id);
    expect(rows[0]!.action).toBe('agency.read');
  });

  it('answers an out-of-scope record exactly like a missing one', async () => {
    const c = clients.get('contingent_commander')!;
    const other = await c.request('GET', `/api/v1/missions/${t.ids.otherMission}`);
    const missing = await c.request('GET', `/api/v1/missions/00000000-0000-4000-8000-000000000000`);
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    expect(strip(other.body)).toEqual(strip(missing.body));
  });
});
