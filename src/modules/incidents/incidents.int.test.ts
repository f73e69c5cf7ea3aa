import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { deployments } from '../deployments/schema.ts';

describeDb('incidents: confidential records of what happened to whom', () => {
  let t: TestApp;
  let staff: Client;
  let commander: Client;
  let officer: Client;
  let today: string;
  let incidentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    [staff, commander, officer] = await Promise.all([
      t.as('program_officer'),
      t.as('contingent_commander'),
      t.as('officer'),
    ]);
    today = isoDateOf(t.clock.now());
    // The fixture officer serves in the commander's mission; the other officer elsewhere.
    await t.db.insert(deployments).values([
      {
        officerId: t.ids.ownOfficer!,
        missionId: t.ids.ownMission,
        state: 'in_theatre',
        plannedStart: addDays(today, -30),
        plannedEnd: addDays(today, 335),
      },
      {
        officerId: t.ids.otherOfficer!,
        missionId: t.ids.otherMission,
        state: 'remote',
        plannedStart: addDays(today, -60),
        plannedEnd: addDays(today, 305),
      },
    ]);
  });
  afterAll(() => t?.close());

  const input = (extra: object = {}) => ({
    missionId: t.ids.ownMission,
    type: 'health_exposure',
    severity: 'high',
    occurredOn: addDays(today, -2),
    place: 'Mopti',
    officerIds: [t.ids.ownOfficer],
    narrative: 'Needle-stick injury while assisting at a road accident.',
    actions: 'Post-exposure prophylaxis started within two hours.',
    ...extra,
  });

  it('records an incident with the officers involved, and audits it without its narrative', async () => {
    const res = await staff.request('POST', '/api/v1/incidents', input());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    incidentId = body.id;
    expect(body).toMatchObject({
      type: 'health_exposure',
      severity: 'high',
      status: 'open',
      version: 1,
      reportedByName: 'program_officer',
      officers: [{ id: t.ids.ownOfficer, familyName: 'Tremblay-SQ-1001' }],
      nextStatuses: ['under_review', 'closed'],
    });
    const [audit] = await t.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.recordId, incidentId), eq(auditEntries.action, 'incident.create')),
      );
    expect(audit!.changes).toMatchObject({
      narrative: [null, '(changed)'],
      actions: [null, '(changed)'],
      officerIds: [null, [t.ids.ownOfficer]],
      severity: [null, 'high'],
    });
    expect(JSON.stringify(audit)).not.toContain('Needle-stick');
  });

  it('refuses an officer never deployed on the mission, field by field, in the caller’s language', async () => {
    const res = await staff.request(
      'POST',
      '/api/v1/incidents',
      input({ officerIds: [t.ids.ownOfficer, t.ids.otherOfficer] }),
      { 'accept-language': 'fr' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [
        {
          path: 'officerIds.1',
          code: 'incident.officer_not_deployed',
          message: expect.stringContaining('jamais été déployé'),
        },
      ],
    });
    const future = await staff.request(
      'POST',
      '/api/v1/incidents',
      input({ occurredOn: addDays(today, 1) }),
    );
    expect(future.json().error.fields).toEqual([
      expect.objectContaining({ path: 'occurredOn', code: 'validation.not_in_future' }),
    ]);
    const badType = await staff.request('POST', '/api/v1/incidents', input({ type: 'fire' }));
    expect(badType.statusCode).toBe(400);
  });

  it('lets a commander record and edit incidents of their own mission only', async () => {
    const own = await commander.request('POST', '/api/v1/incidents', input({ officerIds: [] }));
    expect(own.statusCode, own.body).toBe(201);
    const other = await commander.request(
      'POST',
      '/api/v1/incidents',
      input({ missionId: t.ids.otherMission, officerIds: [t.ids.otherOfficer] }),
    );
    expect(other.statusCode).toBe(404);
    const elsewhere = await staff.request(
      'POST',
      '/api/v1/incidents',
      input({ missionId: t.ids.otherMission, officerIds: [t.ids.otherOfficer], type: 'conduct' }),
    );
    expect(elsewhere.statusCode).toBe(201);
    const read = await commander.request('GET', `/api/v1/incidents/${elsewhere.json().id}`);
    expect(read.statusCode).toBe(404);
    const edit = await commander.request('PATCH', `/api/v1/incidents/${elsewhere.json().id}`, {
      version: 1,
      severity: 'low',
    });
    expect(edit.statusCode).toBe(404);
  });

  it('scopes the list: all for program officers, the mission for its commander, their own for an officer', async () => {
    const all = (await staff.request('GET', '/api/v1/incidents')).json();
    expect(all.total).toBe(3);
    expect(all.items[0]).not.toHaveProperty('narrative');
    const mission = (await commander.request('GET', '/api/v1/incidents')).json();
    expect(mission.total).toBe(2);
    expect(
      mission.items.every((i: { missionId: string }) => i.missionId === t.ids.ownMission),
    ).toBe(true);
    // The commander asking for another mission still gets only their own.
    const asked = (
      await commander.request('GET', `/api/v1/incidents?missionId=${t.ids.otherMission}`)
    ).json();
    expect(asked.total).toBe(0);
    const mine = (await officer.request('GET', '/api/v1/incidents')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const filtered = (
      await staff.request('GET', `/api/v1/incidents?status=closed&missionId=${t.ids.ownMission}`)
    ).json();
    expect(filtered.total).toBe(0);
    // An officer reads their own incident; the read is audited.
    const res = await officer.request('GET', `/api/v1/incidents/${incidentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reportedByName: null, nextStatuses: [] });
    const reads = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.recordId, incidentId), eq(auditEntries.action, 'incident.read')));
    expect(reads.map((r) => r.actorId)).toContain(t.users.officer!.id);
  });

  it('moves an incident through review to closed, refuses edits once closed, and reopens it', async () => {
    const patch = (body: object, who = staff) =>
      who.request('PATCH', `/api/v1/incidents/${incidentId}`, body);
    const review = await patch({ version: 1, status: 'under_review', severity: 'critical' });
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json()).toMatchObject({
      status: 'under_review',
      severity: 'critical',
      version: 2,
    });
    expect((await patch({ version: 1, place: 'Gao' })).json().error.code).toBe('stale_version');
    const closed = await patch({ version: 2, status: 'closed', actions: 'Cleared by the doctor.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    const edit = await patch({ version: 3, place: 'Gao' }, commander);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('incident_closed');
    const backToOpen = await patch({ version: 3, status: 'open' });
    expect(backToOpen.json().error.code).toBe('invalid_transition');
    const reopened = await patch({ version: 3, status: 'under_review', place: 'Gao' }, commander);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'under_review', place: 'Gao', closedAt: null });
    // The officers involved change too, each checked against the mission's deployments.
    const wrong = await patch({ version: 4, officerIds: [t.ids.otherOfficer] });
    expect(wrong.json().error.fields[0].code).toBe('incident.officer_not_deployed');
    const none = await patch({ version: 4, officerIds: [] });
    expect(none.json().officers).toEqual([]);
    // Uninvolved now, the officer no longer reaches it.
    expect((await officer.request('GET', `/api/v1/incidents/${incidentId}`)).statusCode).toBe(404);
    const updates = await t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.recordId, incidentId), eq(auditEntries.action, 'incident.update')))
      .orderBy(asc(auditEntries.seq));
    expect(updates.map((u) => u.changes)).toEqual([
      { status: ['open', 'under_review'], severity: ['high', 'critical'] },
      {
        status: ['under_review', 'closed'],
        actions: ['(changed)', '(changed)'],
        closedAt: [null, expect.any(String)],
      },
      {
        status: ['closed', 'under_review'],
        place: ['Mopti', 'Gao'],
        closedAt: [expect.any(String), null],
      },
      { officerIds: [[t.ids.ownOfficer], []] },
    ]);
  });

  it('offers the officers deployed on the mission to name in an incident', async () => {
    const res = await commander.request(
      'GET',
      `/api/v1/incidents/officers?missionId=${t.ids.ownMission}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        id: t.ids.ownOfficer,
        givenName: 'Marie',
        familyName: 'Tremblay-SQ-1001',
        state: 'in_theatre',
        serving: true,
      },
    ]);
    const other = await commander.request(
      'GET',
      `/api/v1/incidents/officers?missionId=${t.ids.otherMission}`,
    );
    expect(other.statusCode).toBe(404);
  });

  it('keeps incidents from administrators, auditors, partners and agencies (403)', async () => {
    for (const role of ['program_admin', 'auditor', 'decision_partner', 'agency_coordinator']) {
      const c = await t.as(role);
      expect((await c.request('GET', '/api/v1/incidents')).statusCode).toBe(403);
      expect((await c.request('GET', `/api/v1/incidents/${incidentId}`)).statusCode).toBe(403);
    }
  });
});
