import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';

describeDb('mission evaluations', () => {
  let t: TestApp;
  let officer: Client;
  let commander: Client;

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.as('program_officer');
    commander = await t.as('contingent_commander');
  });
  afterAll(() => t?.close());

  const evaluation = (missionId: string, over: Record<string, unknown> = {}) => ({
    missionId,
    kind: 'periodic',
    periodStart: '2020-01-01',
    periodEnd: '2020-06-30',
    rating: 'partially_met',
    indicators: [{ name: 'Officers mentored', value: '180', target: '250' }],
    lessonsLearned: 'French-speaking mentors were in demand in Mopti.',
    recommendations: 'Recruit more francophone investigators.',
    ...over,
  });

  it('records an evaluation with its author and indicators, and edits it with its version', async () => {
    const res = await officer.request('POST', '/api/v1/evaluations', evaluation(t.ids.ownMission));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      authorName: 'program_officer',
      rating: 'partially_met',
      version: 1,
    });
    expect(created.mission.acronym).toBe('MINUSMA');
    const edit = await commander.request('PATCH', `/api/v1/evaluations/${created.id}`, {
      version: 1,
      rating: 'met',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ rating: 'met', version: 2 });
    const stale = await officer.request('PATCH', `/api/v1/evaluations/${created.id}`, {
      version: 1,
      rating: 'not_met',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await officer.request(
      'POST',
      '/api/v1/evaluations',
      evaluation(t.ids.ownMission, { periodEnd: '2019-12-31' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      path: 'periodEnd',
      code: 'plan.period_end_before_start',
    });
  });

  it('keeps a contingent commander to their own mission', async () => {
    const other = (
      await officer.request(
        'POST',
        '/api/v1/evaluations',
        evaluation(t.ids.otherMission, { kind: 'end_of_mission' }),
      )
    ).json();
    expect(
      (await commander.request('POST', '/api/v1/evaluations', evaluation(t.ids.otherMission)))
        .statusCode,
    ).toBe(404);
    expect((await commander.request('GET', `/api/v1/evaluations/${other.id}`)).statusCode).toBe(
      404,
    );
    const list = (await commander.request('GET', '/api/v1/evaluations')).json();
    expect(list.items.every((e: { missionId: string }) => e.missionId === t.ids.ownMission)).toBe(
      true,
    );
    const all = (await officer.request('GET', '/api/v1/evaluations?kind=end_of_mission')).json();
    expect(all.items.map((e: { id: string }) => e.id)).toEqual([other.id]);
  });
});
