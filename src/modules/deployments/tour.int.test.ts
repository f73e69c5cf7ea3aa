import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { addUser } from '../users/users.ts';
import { PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { deployments, type DeploymentState } from './schema.ts';

interface Extension {
  id: string;
  status: string;
  newEnd: string;
  previousEnd: string;
  decidable: boolean;
  requestedByMe: boolean;
  decisionNote: string | null;
}
interface Link {
  id: string;
  handoverDays: number;
  officer: { id: string };
}
interface Shown {
  id: string;
  version: number;
  state: string;
  location: string | null;
  plannedEnd: string;
  extensions: Extension[];
  rotation: { predecessor: Link | null; successor: Link | null };
  debrief: { heldOn: string; notes: string; followUp: string | null } | null;
  endOfTourReport: { status: string } | null;
  closing: { needs: string[] } | null;
  can: Record<string, boolean>;
}

describeDb('deployments: location, extensions, rotation, end-of-tour report and debrief', () => {
  let t: TestApp;
  let staff: Client;
  let staff2: Client;
  let admin: Client;
  let commander: Client;
  let officer: Client;
  let coordinator: Client;
  let today: string;

  const insert = async (
    officerId: string,
    start: number,
    end: number,
    state: DeploymentState = 'selected',
    actual: { start?: number; end?: number } = {},
  ) =>
    (
      await t.db
        .insert(deployments)
        .values({
          officerId,
          missionId: t.ids.ownMission,
          plannedStart: addDays(today, start),
          plannedEnd: addDays(today, end),
          state,
          actualStart: actual.start === undefined ? null : addDays(today, actual.start),
          actualEnd: actual.end === undefined ? null : addDays(today, actual.end),
        })
        .returning()
    )[0]!.id;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    today = isoDateOf(t.clock.now());
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const second = await addUser(t.db, ctx, {
      email: 'program_officer_2@test.peaceops.ca',
      displayName: 'program_officer_2',
      password: PASSWORD,
      role: 'program_officer',
      partner: null,
      agencyCode: null,
      missionCode: null,
    });
    t.users.program_officer_2 = { id: second.id, email: 'program_officer_2@test.peaceops.ca' };
    staff = await t.as('program_officer');
    staff2 = await t.as('program_officer_2');
    admin = await t.as('program_admin');
    commander = await t.as('contingent_commander');
    officer = await t.as('officer');
    coordinator = await t.as('agency_coordinator');
  });
  afterAll(() => t?.close());

  const show = async (id: string, who = staff): Promise<Shown> => {
    const res = await who.request('GET', `/api/v1/deployments/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const versionOf = async (id: string) => (await show(id)).version;
  const audited = async (id: string) =>
    (
      await t.db
        .select({ action: auditEntries.action, changes: auditEntries.changes })
        .from(auditEntries)
        .where(and(eq(auditEntries.recordId, id), eq(auditEntries.outcome, 'ok')))
        .orderBy(asc(auditEntries.seq))
    ).map((a) => ({ action: a.action, changes: a.changes as Record<string, unknown> }));

  it('changes the location: program officers and the mission’s commander, versioned and audited', async () => {
    const id = await insert(t.ids.otherOfficer!, 5000, 5300);
    const patch = (who: Client, version: number, location: string | null) =>
      who.request('PATCH', `/api/v1/deployments/${id}`, { version, location });
    const moved = await patch(staff, 1, 'Bamako');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ location: 'Bamako', version: 2 });
    expect((await patch(commander, 2, ' Mopti ')).json().location).toBe('Mopti');
    const stale = await patch(staff, 2, 'Gao');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await patch(coordinator, 3, 'Gao')).statusCode).toBe(403);
    expect((await patch(officer, 3, 'Gao')).statusCode).toBe(403);
    expect((await show(id)).location).toBe('Mopti');
    const audit = await audited(id);
    expect(audit.map((a) => a.action)).toEqual(['deployment.location', 'deployment.location']);
    expect(audit[1]!.changes).toEqual({ location: ['Bamako', 'Mopti'] });
    // A commander of another mission does not reach it.
    await t.db
      .update(deployments)
      .set({ missionId: t.ids.otherMission })
      .where(eq(deployments.id, id));
    expect((await patch(commander, 3, 'Gao')).statusCode).toBe(404);
    // A withdrawn deployment's location is history.
    await t.db.update(deployments).set({ state: 'withdrawn' }).where(eq(deployments.id, id));
    const ended = await patch(staff, 3, 'Gao');
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.code).toBe('deployment_ended');
  });

  it('extends a tour under way: asked, then decided by someone else; approval moves the end, the overlap rule holds', async () => {
    const tour = await insert(t.ids.ownOfficer!, 2000, 2300, 'in_theatre', { start: 2000 });
    const next = await insert(t.ids.ownOfficer!, 2360, 2700);
    const ask = (who: Client, id: string, version: number, newEnd: string, reason = 'Elections') =>
      who.request('POST', `/api/v1/deployments/${id}/extensions`, { version, newEnd, reason });
    const decide = (who: Client, id: string, ext: string, version: number, body: object) =>
      who.request('POST', `/api/v1/deployments/${id}/extensions/${ext}/decision`, {
        version,
        ...body,
      });

    // Not yet under way, and not a shortening.
    const early = await ask(staff, next, 1, addDays(today, 2800));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('extension_not_open');
    const shorter = await ask(staff, tour, 1, addDays(today, 2200), 'Budget');
    expect(shorter.statusCode).toBe(400);
    expect(shorter.json().error.fields[0]).toMatchObject({
      path: 'newEnd',
      code: 'deployment.extension_not_later',
    });
    expect((await ask(coordinator, tour, 1, addDays(today, 2320))).statusCode).toBe(403);
    expect((await ask(officer, tour, 1, addDays(today, 2320))).statusCode).toBe(403);

    // The commander asks; one request waits at a time.
    const asked = await ask(commander, tour, 1, addDays(today, 2320), 'Elections in the north');
    expect(asked.statusCode, asked.body).toBe(201);
    const shown = asked.json() as Shown;
    expect(shown.plannedEnd).toBe(addDays(today, 2300));
    expect(shown.extensions).toMatchObject([
      { status: 'requested', newEnd: addDays(today, 2320), decidable: false, requestedByMe: true },
    ]);
    expect(shown.can.requestExtension).toBe(false);
    const again = await ask(staff, tour, shown.version, addDays(today, 2330));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('extension_pending');

    // The commander cannot decide; program staff can, and a stale version is refused.
    const ext = shown.extensions[0]!.id;
    expect((await show(tour)).extensions[0]!.decidable).toBe(true);
    expect((await decide(commander, tour, ext, shown.version, { approve: true })).statusCode).toBe(
      403,
    );
    const stale = await decide(staff, tour, ext, 1, { approve: true });
    expect(stale.json().error.code).toBe('stale_version');
    const approved = await decide(staff, tour, ext, shown.version, {
      approve: true,
      note: 'Agreed with the mission',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      plannedEnd: addDays(today, 2320),
      extensions: [{ status: 'approved', decisionNote: 'Agreed with the mission' }],
    });
    const twice = await decide(staff2, tour, ext, approved.json().version, { approve: false });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('extension_decided');

    // A program officer's own request is decided by another.
    let version = approved.json().version;
    const mine = await ask(staff, tour, version, addDays(today, 2400), 'Hand-over delayed');
    expect(mine.statusCode).toBe(201);
    version = mine.json().version;
    const mineId = (mine.json() as Shown).extensions[1]!.id;
    expect((mine.json() as Shown).extensions[1]!.decidable).toBe(false);
    const own = await decide(staff, tour, mineId, version, { approve: true });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('own_request');
    // Approval would run into the officer's next tour: 409, and nothing changes.
    const clash = await decide(staff2, tour, mineId, version, { approve: true });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('deployment_overlap');
    const after = await show(tour, staff2);
    expect(after).toMatchObject({ version, plannedEnd: addDays(today, 2320) });
    expect(after.extensions[1]).toMatchObject({ status: 'requested', decidable: true });
    const declined = await decide(staff2, tour, mineId, version, {
      approve: false,
      note: 'Overlaps the next tour',
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().extensions[1].status).toBe('declined');
    expect(declined.json().plannedEnd).toBe(addDays(today, 2320));

    expect((await audited(tour)).map((a) => a.action)).toEqual([
      'deployment.extension_requested',
      'deployment.extension_approved',
      'deployment.extension_requested',
      'deployment.extension_declined',
    ]);
    const approval = (await audited(tour))[1]!.changes;
    expect(approval.plannedEnd).toEqual([addDays(today, 2300), addDays(today, 2320)]);
  });

  it('names a successor on the post, with the hand-over overlap on both deployments', async () => {
    const before = await insert(t.ids.otherOfficer!, 3000, 3365, 'in_theatre', { start: 3000 });
    const add = (who: Client, id: string, version: number, body: object) =>
      who.request('POST', `/api/v1/deployments/${id}/successor`, { version, ...body });
    const dates = { plannedStart: addDays(today, 3352), plannedEnd: addDays(today, 3700) };

    const self = await add(staff, before, 1, { officerId: t.ids.otherOfficer, ...dates });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields[0]).toMatchObject({
      path: 'officerId',
      code: 'deployment.successor_self',
    });
    expect(
      (await add(commander, before, 1, { officerId: t.ids.ownOfficer, ...dates })).statusCode,
    ).toBe(403);
    expect(
      (await add(staff, before, 9, { officerId: t.ids.ownOfficer, ...dates })).json().error.code,
    ).toBe('stale_version');

    const added = await add(staff, before, 1, { officerId: t.ids.ownOfficer, ...dates });
    expect(added.statusCode, added.body).toBe(201);
    const successor = added.json() as Shown;
    expect(successor).toMatchObject({ state: 'selected', plannedStart: dates.plannedStart });
    expect(successor.rotation).toMatchObject({
      predecessor: { id: before, handoverDays: 14, officer: { id: t.ids.otherOfficer } },
      successor: null,
    });
    const predecessor = await show(before);
    expect(predecessor.rotation).toMatchObject({
      predecessor: null,
      successor: { id: successor.id, handoverDays: 14, officer: { id: t.ids.ownOfficer } },
    });
    expect(predecessor.can.addSuccessor).toBe(false);
    const second = await add(staff, before, predecessor.version, {
      officerId: t.ids.ownOfficer,
      plannedStart: addDays(today, 5352),
      plannedEnd: addDays(today, 5700),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('successor_exists');

    // The successor's other tours are protected by the overlap constraint.
    const later = await insert(t.ids.otherOfficer!, 3500, 3600);
    const clash = await add(staff, later, 1, {
      officerId: t.ids.ownOfficer,
      plannedStart: addDays(today, 3550),
      plannedEnd: addDays(today, 3800),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('deployment_overlap');
    expect((await show(later)).rotation.successor).toBeNull();

    expect((await audited(before)).map((a) => a.action)).toEqual(['deployment.successor_added']);
    expect((await audited(successor.id))[0]).toMatchObject({
      action: 'deployment.created_as_successor',
      changes: { predecessorId: [null, before], state: [null, 'selected'] },
    });
  });

  it('takes the officer’s end-of-tour report and the debrief, and closes only with both', async () => {
    const id = await insert(t.ids.ownOfficer!, -300, 50, 'in_theatre', { start: -300 });
    const url = `/api/v1/deployments/${id}/end-of-tour-report`;
    const put = (who: Client, version: number, body: object = {}) =>
      who.request('PUT', url, { version, ...body });
    const move = async (to: string, extra: object = {}, who = staff) =>
      who.request('POST', `/api/v1/deployments/${id}/transitions`, {
        version: await versionOf(id),
        to,
        ...extra,
      });
    const debrief = async (who: Client, body: object) =>
      who.request('POST', `/api/v1/deployments/${id}/debrief`, {
        version: await versionOf(id),
        ...body,
      });

    // In theatre: too early for the report and the debrief.
    const early = await put(officer, 0, { achievements: 'Trained 40 officers' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('tour_report_not_open');
    expect((await debrief(staff, { heldOn: today, notes: 'Went well' })).json().error.code).toBe(
      'debrief_not_open',
    );
    expect((await move('repatriating', { reason: 'End of tour' })).statusCode).toBe(200);

    // Who reads and who writes.
    const first = await officer.request('GET', url);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ report: null, state: 'repatriating', editable: true });
    expect((await show(id, officer)).can.writeEndOfTourReport).toBe(true);
    expect((await staff.request('GET', url)).json().editable).toBe(false);
    expect((await commander.request('GET', url)).statusCode).toBe(200);
    expect((await coordinator.request('GET', url)).statusCode).toBe(403);
    expect((await put(staff, 0, { achievements: 'x' })).statusCode).toBe(403);

    // A draft, then the submission (which needs the main parts).
    const draft = await put(officer, 0, {
      achievements: 'Trained 40 officers',
      welfare: 'Tired but well',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().report).toMatchObject({ status: 'draft', version: 1, challenges: '' });
    expect((await put(officer, 0, { achievements: 'again' })).json().error.code).toBe(
      'stale_version',
    );
    const incomplete = await put(officer, 1, { achievements: 'Trained 40 officers', submit: true });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'challenges',
      'recommendations',
    ]);
    const report = {
      achievements: 'Trained 40 officers',
      challenges: 'Fuel shortages',
      recommendations: 'Longer hand-over',
      welfare: 'Tired but well',
      summary: 'A good tour.',
    };
    const submitted = await put(officer, 1, { ...report, submit: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      report: { status: 'submitted', version: 2, ...report },
      editable: false,
    });
    const locked = await put(officer, 2, report);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('tour_report_submitted');
    expect((await staff.request('GET', url)).json().report.welfare).toBe('Tired but well');

    // Home: closing needs the debrief too.
    expect((await move('returned')).statusCode).toBe(200);
    expect((await show(id)).closing).toEqual({ needs: ['debrief'] });
    const refused = await move('closed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'closing_incomplete' });
    expect(refused.json().error.message).toContain('debrief');

    expect((await debrief(commander, { heldOn: today, notes: 'x' })).statusCode).toBe(403);
    const future = await debrief(staff, { heldOn: addDays(today, 1), notes: 'x' });
    expect(future.json().error.fields[0].code).toBe('deployment.held_in_future');
    const held = await debrief(staff, {
      heldOn: today,
      notes: 'Went well; tired.',
      followUp: 'Peer support call in a month',
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({
      debrief: { heldOn: today, followUp: 'Peer support call in a month' },
      closing: { needs: [] },
    });
    expect((await move('closed')).statusCode).toBe(200);

    expect((await audited(id)).map((a) => a.action)).toEqual([
      'deployment.repatriating',
      'deployment.returned',
      'deployment.debrief',
      'deployment.closed',
    ]);
    // The report's audit names the fields that changed, never what they say.
    const reportAudit = await t.db
      .select({ action: auditEntries.action, changes: auditEntries.changes })
      .from(auditEntries)
      .where(eq(auditEntries.recordType, 'tour_report'))
      .orderBy(asc(auditEntries.seq));
    expect(reportAudit.map((a) => a.action)).toEqual([
      'deployment.tour_report_saved',
      'deployment.tour_report_submitted',
    ]);
    expect(JSON.stringify(reportAudit)).not.toContain('Tired');
  });

  it('closes without the report or the debrief only by a program administrator, with a reason', async () => {
    const id = await insert(t.ids.otherOfficer!, -400, -10, 'returned', { start: -400, end: -10 });
    const close = (who: Client, extra: object = {}) =>
      who.request('POST', `/api/v1/deployments/${id}/transitions`, {
        version: 1,
        to: 'closed',
        ...extra,
      });
    const refused = await close(staff);
    expect(refused.json().error.code).toBe('closing_incomplete');
    expect((await close(staff, { override: { reason: 'Officer retired' } })).statusCode).toBe(403);
    expect((await close(admin, { override: { reason: ' ' } })).statusCode).toBe(400);
    const closed = await close(admin, { override: { reason: 'Officer retired' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await audited(id))[0]).toMatchObject({
      action: 'deployment.closed_override',
      changes: {
        override: [null, 'Officer retired'],
        notDone: [null, ['end_of_tour_report', 'debrief']],
      },
    });
  });
});
