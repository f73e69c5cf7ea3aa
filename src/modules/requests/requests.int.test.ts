import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../kernel/audit/schema.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { requestInput, tinyPdf } from '../../../test/support/planning.ts';
import { missions } from '../reference/schema.ts';

describeDb('requests', () => {
  let t: TestApp;
  let officer: Client;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp({ documentMaxBytes: 64 * 1024 });
    officer = await t.as('program_officer');
    today = isoDateOf(t.clock.now());
  });
  afterAll(() => t?.close());

  const register = (over: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    officer.request(
      'POST',
      '/api/v1/requests',
      { ...requestInput(t.ids.ownMission, today), ...over },
      headers,
    );

  it('registers a request with its lines, numbered by year, and audits it', async () => {
    const res = await register();
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.number).toMatch(new RegExp(`^R-${today.slice(0, 4)}-\\d{3}$`));
    expect(created).toMatchObject({ status: 'received', outcome: null, version: 1 });
    const detail = (await officer.request('GET', `/api/v1/requests/${created.id}`)).json();
    expect(detail.lines).toHaveLength(2);
    expect(detail.lines[0]).toMatchObject({
      lineNo: 1,
      postCount: 6,
      languages: [{ language: 'fr', minScore: 60 }],
      womenSought: true,
      postsCreated: 0,
    });
    const [audit] = await t.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.recordId, created.id));
    expect(audit).toMatchObject({ action: 'request.create', actorId: t.users.program_officer!.id });
    const second = (await register()).json();
    expect(Number(second.number.slice(-3))).toBe(Number(created.number.slice(-3)) + 1);
  });

  it('refuses broken date rules, naming each field, in French when asked', async () => {
    const res = await register(
      {
        receivedOn: addDays(today, 1),
        responseDue: addDays(today, -3),
        startDate: addDays(today, -5),
      },
      { 'accept-language': 'fr-CA,fr;q=0.9' },
    );
    expect(res.statusCode).toBe(400);
    const { fields } = res.json().error;
    expect(fields.map((f: { path: string }) => f.path)).toEqual([
      'receivedOn',
      'responseDue',
      'startDate',
    ]);
    expect(fields[1].message).toBe(
      "L'échéance de réponse ne peut pas précéder la date de réception.",
    );
  });

  it('refuses unknown codes and a location of another mission with a clear 400', async () => {
    const badType = await register({ lines: [{ postCount: 1, postTypeCode: 'astronaut' }] });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error).toMatchObject({ code: 'unknown_reference' });
    expect(badType.json().error.message).toContain('postTypeCode');
    const [other] = await t.db.select().from(missions).where(eq(missions.id, t.ids.otherMission));
    const otherLocation = (await officer.request('GET', `/api/v1/missions/${other!.id}`)).json()
      .locations[0].id;
    const res = await register({
      lines: [{ postCount: 1, postTypeCode: 'trainer', locationId: otherLocation }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      path: 'lines.0.locationId',
      code: 'plan.location_not_in_mission',
    });
    const neither = await register({ organizationCode: null, requestingCountryCode: null });
    expect(neither.statusCode).toBe(400);
  });

  it('registers a new mission with the request, planned', async () => {
    const res = await register({
      missionId: null,
      newMission: {
        acronym: 'EUAM-TEST',
        nameEn: 'EU Advisory Mission test',
        nameFr: 'Mission de conseil de l’UE (essai)',
        organizationCode: 'EU',
        hostCountryCode: 'UA',
        startDate: today,
        workingLanguage: 'en',
        locations: [{ nameEn: 'Kyiv', nameFr: 'Kyiv' }],
      },
      organizationCode: 'EU',
      lines: [{ postCount: 2, postTypeCode: 'trainer' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const mission = (
      await officer.request('GET', `/api/v1/missions/${res.json().missionId}`)
    ).json();
    expect(mission).toMatchObject({ code: 'EUAM-TEST', status: 'planned', authorizedStrength: 0 });
    expect(mission.locations).toHaveLength(1);
  });

  it('lists open requests first with their deadline state, filtered and paged', async () => {
    const soon = (
      await register({
        receivedOn: addDays(today, -10),
        responseDue: addDays(today, 2),
        noteReference: 'DUE-SOON',
      })
    ).json();
    const late = (
      await register({
        receivedOn: addDays(today, -30),
        responseDue: addDays(today, -1),
        noteReference: 'OVERDUE-ONE',
      })
    ).json();
    const page = (
      await officer.request('GET', '/api/v1/requests?status=received&pageSize=100')
    ).json();
    const byId = new Map(
      page.items.map((r: { id: string; deadline: string }) => [r.id, r.deadline]),
    );
    expect(byId.get(soon.id)).toBe('due_soon');
    expect(byId.get(late.id)).toBe('overdue');
    // The most pressing deadline comes first.
    expect(page.items[0].id).toBe(late.id);
    const found = (await officer.request('GET', '/api/v1/requests?q=overdue-one')).json();
    expect(found.items.map((r: { id: string }) => r.id)).toEqual([late.id]);
    const paged = (await officer.request('GET', '/api/v1/requests?pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThanOrEqual(5);
    const byCountry = (
      await officer.request('GET', '/api/v1/requests?country=ML&pageSize=200')
    ).json();
    expect(byCountry.total).toBeGreaterThan(0);
    expect(
      byCountry.items.every(
        (r: { mission: { hostCountryCode: string } }) => r.mission.hostCountryCode === 'ML',
      ),
    ).toBe(true);
  });

  it('corrects an open request with its version and refuses a stale edit', async () => {
    const r = (await register()).json();
    const edit = await officer.request('PATCH', `/api/v1/requests/${r.id}`, {
      version: 1,
      summary: 'Corrected summary',
      lines: [{ postCount: 4, postTypeCode: 'trainer' }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ summary: 'Corrected summary', version: 2 });
    const stale = await officer.request('PATCH', `/api/v1/requests/${r.id}`, {
      version: 1,
      summary: 'Lost',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const detail = (await officer.request('GET', `/api/v1/requests/${r.id}`)).json();
    expect(detail.summary).toBe('Corrected summary');
    expect(detail.lines.map((l: { postCount: number }) => l.postCount)).toEqual([4]);
  });

  it('moves through review and withdrawal, with a reason, and refuses other moves', async () => {
    const r = (await register()).json();
    const move = (body: Record<string, unknown>) =>
      officer.request('POST', `/api/v1/requests/${r.id}/transitions`, body);
    expect((await move({ step: 'review', version: 1 })).json().status).toBe('under_review');
    const again = await move({ step: 'review', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'invalid_transition' });
    expect(again.json().error.message).toContain('under review');
    expect((await move({ step: 'withdraw', version: 2 })).statusCode).toBe(400);
    const withdrawn = await move({
      step: 'withdraw',
      version: 2,
      reason: 'The UN cancelled the request',
    });
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'The UN cancelled the request',
    });
    expect((await move({ step: 'reconsider', version: 3, reason: 'x' })).statusCode).toBe(409);
  });

  describe('documents', () => {
    it('stores a PDF checked by its content and serves it back only to those in scope', async () => {
      const r = (await register()).json();
      const { app } = t;
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${r.id}/documents`,
        headers: {
          cookie: officer.cookie!,
          'x-csrf-token': officer.csrfToken!,
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('Note verbale – MINUSMA.pdf'),
        },
        payload: tinyPdf,
      });
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json();
      expect(doc).toMatchObject({
        fileName: 'Note verbale – MINUSMA.pdf',
        mediaType: 'application/pdf',
        sizeBytes: tinyPdf.length,
      });
      const back = await officer.request('GET', `/api/v1/requests/${r.id}/documents/${doc.id}`);
      expect(back.statusCode).toBe(200);
      expect(back.rawPayload.equals(tinyPdf)).toBe(true);
      expect(back.headers['content-disposition']).toContain("filename*=UTF-8''Note%20verbale");
      expect(back.headers['x-content-type-options']).toBe('nosniff');
      const coordinator = await t.as('agency_coordinator');
      expect(
        (await coordinator.request('GET', `/api/v1/requests/${r.id}/documents/${doc.id}`))
          .statusCode,
      ).toBe(403);
      const partner = await t.as('decision_partner');
      expect(
        (await partner.request('GET', `/api/v1/requests/${r.id}/documents/${doc.id}`)).statusCode,
      ).toBe(200);
      // A document of another request is not reachable through this one.
      const r2 = (await register()).json();
      expect(
        (await officer.request('GET', `/api/v1/requests/${r2.id}/documents/${doc.id}`)).statusCode,
      ).toBe(404);
    });

    it('refuses a file that is not PDF or Word whatever its name says, and one too large', async () => {
      const r = (await register()).json();
      const send = (payload: Buffer, name: string, type = 'application/pdf') =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/requests/${r.id}/documents`,
          headers: {
            cookie: officer.cookie!,
            'x-csrf-token': officer.csrfToken!,
            'content-type': type,
            'x-file-name': name,
          },
          payload,
        });
      const fake = await send(Buffer.from('<script>alert(1)</script>'), 'note.pdf');
      expect(fake.statusCode).toBe(415);
      expect(fake.json().error.code).toBe('document_type_refused');
      const misnamed = await send(tinyPdf, 'note.docx');
      expect(misnamed.statusCode).toBe(415);
      const big = await send(Buffer.concat([tinyPdf, Buffer.alloc(70 * 1024)]), 'big.pdf');
      expect(big.statusCode).toBe(413);
      const unnamed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${r.id}/documents`,
        headers: {
          cookie: officer.cookie!,
          'x-csrf-token': officer.csrfToken!,
          'content-type': 'application/pdf',
        },
        payload: tinyPdf,
      });
      expect(unnamed.statusCode).toBe(400);
      expect((await officer.request('GET', `/api/v1/requests/${r.id}`)).json().documents).toEqual(
        [],
      );
    });
  });
});
