import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { addQualification } from '../officers/officers.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { deployments } from './schema.ts';

interface Item {
  item: string;
  ref: string | null;
  status: string;
  message: string;
}

describeDb('readiness: the checklist and the gate to ready', () => {
  let t: TestApp;
  let staff: Client;
  let admin: Client;
  let today: string;
  let deploymentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(t.ids, await addPeopleFixtures(t));
    staff = await t.as('program_officer');
    admin = await t.as('program_admin');
    today = isoDateOf(t.clock.now());
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    // The fixture officer (French, a passport expiring in 30 days) is going to MINUSMA (UN, Mali:
    // yellow fever) in 60 days for a year; medical and clearance are on record.
    await addQualification(t.db, ctx, t.ids.ownOfficer!, {
      kind: 'medical',
      obtainedOn: today,
      expiresOn: addDays(today, 700),
    });
    await addQualification(t.db, ctx, t.ids.ownOfficer!, {
      kind: 'security_clearance',
      code: 'secret',
      obtainedOn: today,
      expiresOn: addDays(today, 1800),
    });
    const [deployment] = await t.db
      .insert(deployments)
      .values({
        officerId: t.ids.ownOfficer!,
        missionId: t.ids.ownMission,
        plannedStart: addDays(today, 60),
        plannedEnd: addDays(today, 424),
      })
      .returning();
    deploymentId = deployment!.id;
  });
  afterAll(() => t?.close());

  const readiness = async (lang = 'en') =>
    (
      await staff.request('GET', `/api/v1/deployments/${deploymentId}`, undefined, {
        'accept-language': lang,
      })
    ).json() as { version: number; state: string; readiness: { items: Item[]; blocking: number } };

  it('refuses ready while items are missing, names them, and says what to do', async () => {
    const course = await staff.request('POST', '/api/v1/courses', {
      code: 'PDT',
      nameEn: 'Pre-deployment training',
      nameFr: 'Formation préalable au déploiement',
      delivery: 'in_person',
      durationDays: 10,
      passMark: 70,
      validityMonths: 24,
      requiredFor: { everyone: true },
    });
    expect(course.statusCode, course.body).toBe(201);
    const d = await readiness('fr');
    const byItem = Object.fromEntries(d.readiness.items.map((i) => [i.item, i]));
    expect(byItem).toMatchObject({
      course: { status: 'missing' },
      medical: { status: 'done' },
      security_clearance: { status: 'done' },
      passport: { status: 'expiring' },
      visa: { status: 'missing' },
      un_assessment: { status: 'missing' },
      vaccination: { status: 'missing', ref: 'yellow_fever' },
    });
    expect(byItem.course!.message).toBe(
      `PDT : aucun certificat valide. Inscrivez le policier à une séance avant le ${addDays(today, 60)}.`,
    );
    const preparing = await staff.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      {
        version: d.version,
        to: 'preparing',
      },
    );
    expect(preparing.statusCode, preparing.body).toBe(200);
    const refused = await staff.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      { version: d.version + 1, to: 'ready' },
      { 'accept-language': 'fr' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('readiness_incomplete');
    expect(refused.json().error.message).toContain('5 éléments de préparation');
    expect(refused.json().error.message).toContain('cours obligatoire');
    // Only an administrator may override, and only with a reason.
    const notTheirs = await staff.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      {
        version: d.version + 1,
        to: 'ready',
        override: { reason: 'Urgent' },
      },
    );
    expect(notTheirs.statusCode).toBe(403);
  });

  it('turns the course item done once the officer passes a session, then ready is allowed', async () => {
    const [course] = (await staff.request('GET', '/api/v1/courses')).json() as Array<{
      id: string;
    }>;
    const session = (
      await staff.request('POST', '/api/v1/sessions', {
        courseId: course!.id,
        startsOn: addDays(today, -12),
        endsOn: addDays(today, -3),
        virtualLink: 'https://meet.example.ca/pdt',
        capacity: 20,
        language: 'fr',
      })
    ).json();
    const seat = (
      await staff.request('POST', `/api/v1/sessions/${session.id}/enrolments`, {
        officerId: t.ids.ownOfficer,
      })
    ).json();
    await staff.request('POST', `/api/v1/enrolments/${seat.id}/result`, {
      version: seat.version,
      attended: true,
      grade: 91,
    });
    expect((await readiness()).readiness.items.find((i) => i.item === 'course')!.status).toBe(
      'done',
    );

    // The rest of the documents, on record.
    const q = (body: object) =>
      staff.request('POST', `/api/v1/officers/${t.ids.ownOfficer}/qualifications`, body);
    await q({
      kind: 'passport',
      obtainedOn: today,
      expiresOn: addDays(today, 3650),
      documentNumber: 'HK999999',
    });
    await q({ kind: 'visa', code: 'ML', obtainedOn: today, expiresOn: addDays(today, 500) });
    await q({ kind: 'un_assessment', code: 'SAAT', score: 80, obtainedOn: addDays(today, -30) });
    await q({ kind: 'vaccination', code: 'yellow_fever', obtainedOn: '2019-05-01' });
    const d = await readiness();
    expect(d.readiness.blocking).toBe(0);
    const ready = await staff.request('POST', `/api/v1/deployments/${deploymentId}/transitions`, {
      version: d.version,
      to: 'ready',
    });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json().state).toBe('ready');
  });

  it('lets a program administrator override with a reason, audited with what was not done', async () => {
    const d = await readiness();
    const back = await staff.request('POST', `/api/v1/deployments/${deploymentId}/transitions`, {
      version: d.version,
      to: 'preparing',
    });
    expect(back.statusCode).toBe(200);
    // Time passes: the visa lapses and blocks again.
    t.clock.set(new Date(`${addDays(today, 501)}T12:00:00Z`));
    staff = await t.as('program_officer'); // the sessions ended with the clock's jump
    admin = await t.as('program_admin');
    const blocked = await readiness();
    expect(blocked.readiness.blocking).toBeGreaterThan(0);
    const noReason = await admin.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      {
        version: blocked.version,
        to: 'ready',
        override: { reason: ' ' },
      },
    );
    expect(noReason.statusCode).toBe(400);
    const override = await admin.request(
      'POST',
      `/api/v1/deployments/${deploymentId}/transitions`,
      {
        version: blocked.version,
        to: 'ready',
        override: { reason: 'Visa issued at the border by arrangement with the mission.' },
      },
    );
    expect(override.statusCode, override.body).toBe(200);
    const [entry] = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'deployment.ready_override'));
    expect(entry!.changes).toMatchObject({
      state: ['preparing', 'ready'],
      override: [null, 'Visa issued at the border by arrangement with the mission.'],
    });
    expect((entry!.changes as { notDone: [null, string[]] }).notDone[1]).toContain('visa');
  });

  it('shows the board: deployments still to leave, with their blocking items', async () => {
    t.clock.set(new Date(`${today}T12:00:00Z`));
    staff = await t.as('program_officer');
    const board = (await staff.request('GET', '/api/v1/readiness')).json() as Array<{
      id: string;
      readiness: { blocking: number };
    }>;
    expect(board.map((b) => b.id)).toContain(deploymentId);
    const coordinator = await t.as('agency_coordinator');
    const theirs = (
      await coordinator.request('GET', `/api/v1/readiness?agencyId=${t.ids.otherAgency}`)
    ).json();
    // A coordinator's board is their agency's, whatever they ask.
    expect(theirs.map((b: { officer: { agencyId: string } }) => b.officer.agencyId)).toEqual(
      theirs.map(() => t.ids.ownAgency),
    );
  });
});
