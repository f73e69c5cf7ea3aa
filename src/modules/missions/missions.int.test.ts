import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { requestInput } from '../../../test/support/planning.ts';

describeDb('missions and posts', () => {
  let t: TestApp;
  let officer: Client;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.as('program_officer');
    today = isoDateOf(t.clock.now());
  });
  afterAll(() => t?.close());

  /** A new planned mission with an approved request: its first line allows `count` posts. */
  async function approvedMission(ceiling: number, count = 6, outcome = 'approved') {
    const mission = (
      await officer.request('POST', '/api/v1/missions', {
        acronym: `M-${Math.random().toString(36).slice(2, 8)}`,
        nameEn: 'Test mission',
        nameFr: 'Mission d’essai',
        organizationCode: 'UN',
        hostCountryCode: 'CD',
        startDate: today,
        workingLanguage: 'fr',
        locations: [
          { nameEn: 'Goma', nameFr: 'Goma' },
          { nameEn: 'Bukavu', nameFr: 'Bukavu' },
        ],
      })
    ).json();
    const input = requestInput(mission.id, today);
    input.lines[0]!.postCount = count;
    const r = (await officer.request('POST', '/api/v1/requests', input)).json();
    const stance = outcome === 'declined' ? 'oppose' : 'support';
    for (const key of ['decision_partner', 'partner_ps', 'partner_rcmp'])
      await (
        await t.as(key)
      ).request('PUT', `/api/v1/requests/${r.id}/positions`, { stance, reasons: 'Test' });
    const detail = (await officer.request('GET', `/api/v1/requests/${r.id}`)).json();
    const decided = await officer.request('POST', '/api/v1/decisions', {
      requestId: r.id,
      requestVersion: detail.version,
      outcome,
      ...(outcome === 'declined' ? {} : { ceiling }),
      decidedOn: today,
    });
    expect(decided.statusCode, decided.body).toBe(201);
    return {
      mission,
      lineId: detail.lines[0].id as string,
      lines: detail.lines as Array<{ id: string }>,
    };
  }
  const tour = (start: string, days = 364) => ({ tourStart: start, tourEnd: addDays(start, days) });
  const createPosts = (missionId: string, body: Record<string, unknown>) =>
    officer.request('POST', `/api/v1/missions/${missionId}/posts`, body);
  const plan = async (missionId: string) =>
    (await officer.request('GET', `/api/v1/missions/${missionId}/posts`)).json();

  it('creates posts from an approved line with its requirements, up to the line’s count', async () => {
    const { mission, lineId } = await approvedMission(10, 3);
    const res = await createPosts(mission.id, { requestLineId: lineId, count: 2, ...tour(today) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toHaveLength(2);
    expect(res.json()[0].requirements).toMatchObject({
      languages: [{ language: 'fr', minScore: 60 }],
      minYearsService: 5,
      womenSought: true,
    });
    const over = await createPosts(mission.id, { requestLineId: lineId, count: 2, ...tour(today) });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'line_count_exceeded' });
    expect(over.json().error.message).toContain('at most 1 more');
    const p = await plan(mission.id);
    expect(p).toMatchObject({
      authorizedStrength: 10,
      peak: 2,
      heldToday: 2,
      counts: { vacant: 2, filled: 0 },
    });
    expect(p.posts.map((x: { reference: string }) => x.reference)).toEqual([
      `${mission.code}-001`,
      `${mission.code}-002`,
    ]);
  });

  it('refuses to replace the lines of a request that posts come from', async () => {
    const { mission, lineId } = await approvedMission(4, 4);
    await createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) });
    const r = (await officer.request('GET', `/api/v1/requests?missionId=${mission.id}`)).json()
      .items[0];
    await officer.request('POST', `/api/v1/requests/${r.id}/transitions`, {
      step: 'reconsider',
      version: r.version,
      reason: 'More posts',
    });
    const detail = (await officer.request('GET', `/api/v1/requests/${r.id}`)).json();
    const res = await officer.request('PATCH', `/api/v1/requests/${r.id}`, {
      version: detail.version,
      lines: [{ postCount: 8, postTypeCode: 'trainer' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('request_lines_in_use');
  });

  it('refuses posts above the ceiling on any day, but allows the rotation that follows', async () => {
    const { mission, lineId } = await approvedMission(2, 6);
    expect(
      (await createPosts(mission.id, { requestLineId: lineId, count: 2, ...tour(today) }))
        .statusCode,
    ).toBe(201);
    const third = await createPosts(mission.id, {
      requestLineId: lineId,
      count: 1,
      ...tour(addDays(today, 200)),
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'ceiling_exceeded' });
    expect(third.json().error.message).toBe(
      'These posts would put the mission at 3 officers at once, above its authorized strength of 2.',
    );
    // The next rotation starts the day after the first tours end: within the ceiling.
    const first = (await plan(mission.id)).posts[0];
    const next = await createPosts(mission.id, {
      requestLineId: lineId,
      count: 1,
      ...tour(addDays(today, 365)),
      succeedsPostId: first.id,
    });
    expect(next.statusCode, next.body).toBe(201);
    const p = await plan(mission.id);
    const successor = p.posts.find((x: { id: string }) => x.id === next.json()[0].id);
    expect(successor.gapBeforeDays).toBe(0);
    expect(p.posts.find((x: { id: string }) => x.id === first.id).successorId).toBe(successor.id);
  });

  it('never exceeds the ceiling under concurrent creations', async () => {
    const { mission, lineId } = await approvedMission(3, 20);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect((await plan(mission.id)).peak).toBe(3);
  });

  it('refuses posts from a declined request', async () => {
    const { mission, lineId } = await approvedMission(0, 2, 'declined');
    const res = await createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('request_not_approved');
  });

  it('edits a post with its version: cancel frees the place, re-dating is checked, stale is refused', async () => {
    const { mission, lineId } = await approvedMission(1, 4);
    const [post] = (
      await createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) })
    ).json();
    expect(
      (await createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) }))
        .statusCode,
    ).toBe(409);
    const url = `/api/v1/missions/${mission.id}/posts/${post.id}`;
    const cancelled = await officer.request('PATCH', url, { version: 1, status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(
      (await createPosts(mission.id, { requestLineId: lineId, count: 1, ...tour(today) }))
        .statusCode,
    ).toBe(201);
    const revive = await officer.request('PATCH', url, { version: 2, status: 'vacant' });
    expect(revive.statusCode).toBe(409);
    expect(revive.json().error.code).toBe('ceiling_exceeded');
    const stale = await officer.request('PATCH', url, { version: 1, status: 'filled' });
    expect(stale.json().error.code).toBe('stale_version');
    const backwards = await officer.request('PATCH', url, {
      version: 2,
      tourEnd: addDays(today, -1),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('tourEnd');
  });

  describe('missions', () => {
    it('follows planned -> active -> closing -> closed and refuses other moves', async () => {
      const { mission } = await approvedMission(1, 1);
      const url = `/api/v1/missions/${mission.id}`;
      const closing = await officer.request('PATCH', url, { version: 1, status: 'closing' });
      expect(closing.statusCode).toBe(409);
      expect(closing.json().error.code).toBe('invalid_transition');
      const active = await officer.request('PATCH', url, {
        version: 1,
        status: 'active',
        riskLevel: 'high',
      });
      expect(active.statusCode, active.body).toBe(200);
      expect(active.json()).toMatchObject({ status: 'active', riskLevel: 'high', version: 2 });
      expect((await officer.request('PATCH', url, { version: 1, armed: true })).statusCode).toBe(
        409,
      );
    });

    it('lists with search, filters and pages; a contingent commander sees their mission only', async () => {
      const mali = (
        await officer.request('GET', '/api/v1/missions?country=ML&pageSize=100')
      ).json();
      expect(mali.items.map((m: { code: string }) => m.code)).toEqual(
        expect.arrayContaining(['MINUSMA']),
      );
      expect(mali.items.every((m: { hostCountryCode: string }) => m.hostCountryCode === 'ML')).toBe(
        true,
      );
      const q = (await officer.request('GET', '/api/v1/missions?q=minusma')).json();
      expect(q.items[0].code).toBe('MINUSMA');
      const closed = (
        await officer.request('GET', '/api/v1/missions?status=closed&to=1995-12-31')
      ).json();
      expect(closed.items.every((m: { startDate: string }) => m.startDate <= '1995-12-31')).toBe(
        true,
      );
      expect(closed.total).toBeGreaterThan(0);
      const page2 = (await officer.request('GET', '/api/v1/missions?pageSize=10&page=2')).json();
      expect(page2.items).toHaveLength(10);
      const commander = await t.as('contingent_commander');
      const own = (await commander.request('GET', '/api/v1/missions')).json();
      expect(own.items.map((m: { id: string }) => m.id)).toEqual([t.ids.ownMission]);
    });
  });
});
