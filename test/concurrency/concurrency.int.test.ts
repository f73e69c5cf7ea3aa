/**
 * Concurrency drills (issue 9), over real sockets against a listening server, on the embedded
 * database and on PostgreSQL (where the pool has several connections, so the requests really
 * run side by side):
 *  - 50 concurrent requests booking ONE officer into 50 overlapping deployments: exactly one is
 *    booked, 49 are refused 409 `deployment_overlap`, and the database holds one deployment;
 *  - 50 concurrent enrolments for the last seat of a training session: exactly one seat is
 *    given, the 49 others wait in order, the seats taken never exceed the capacity;
 *  - 50 concurrent attempts to name the officer who takes over one post: exactly one succeeds;
 *  - 50 concurrent ratifications of one call for one post, each pinning a different officer to
 *    it: exactly one is ratified, the post gets one deployment, the 49 others are stale;
 *  - 100 concurrent edits of one record, all with the same version: one 200, 99 409
 *    `stale_version`; then 20 clients each making 5 read-modify-write increments with retry on
 *    409: the final value counts all 100 (no lost update).
 */
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { deployments } from '../../src/modules/deployments/schema.ts';
import { officers } from '../../src/modules/officers/schema.ts';
import { applyToCall, decideRelease } from '../../src/modules/calls/applications.ts';
import { openCall } from '../../src/modules/calls/calls.ts';
import { applications } from '../../src/modules/calls/schema.ts';
import { createPosts } from '../../src/modules/missions/posts.ts';
import { posts } from '../../src/modules/missions/schema.ts';
import { enrolOfficer } from '../../src/modules/training/enrolments.ts';
import { courseSessions, courses, enrolments } from '../../src/modules/training/schema.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { describeDb } from '../support/db.ts';
import { approvedLines } from '../support/planning.ts';
import { errorCodes, signIn, statusCounts, type HttpClient } from './http.ts';

describeDb('concurrency drills', () => {
  let t: TestApp;
  let base: string;
  let po: HttpClient;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    po = await signIn(base, t.users.program_officer!.email);
    today = isoDateOf(t.clock.now());
  });
  afterAll(() => t?.close());

  let officerSeq = 0;
  /** `n` officers of the fixture agency. */
  const addOfficers = async (n: number) =>
    (
      await t.db
        .insert(officers)
        .values(
          Array.from({ length: n }, () => {
            const i = ++officerSeq;
            return {
              agencyId: t.ids.ownAgency,
              badgeNumber: `K-${String(i).padStart(5, '0')}`,
              givenName: 'Alex',
              familyName: `Concurrent${i}`,
              gender: i % 2 ? ('man' as const) : ('woman' as const),
              rankCode: 'constable',
              serviceStart: '2010-01-01',
              email: `k${i}@police.example.ca`,
            };
          }),
        )
        .returning({ id: officers.id })
    ).map((o) => o.id);

  /** A selected deployment for each officer in the fixture mission, starting in 10 days. */
  const addDeployments = async (officerIds: string[]) =>
    (
      await t.db
        .insert(deployments)
        .values(
          officerIds.map((officerId) => ({
            officerId,
            missionId: t.ids.ownMission,
            plannedStart: addDays(today, 10),
            plannedEnd: addDays(today, 375),
          })),
        )
        .returning({ id: deployments.id })
    ).map((d) => d.id);

  it('books one officer once among 50 concurrent overlapping deployments', async () => {
    const predecessors = await addDeployments(await addOfficers(50));
    const [officer] = await addOfficers(1);
    const answers = await Promise.all(
      predecessors.map((id, i) =>
        po.request('POST', `/api/v1/deployments/${id}/successor`, {
          version: 1,
          officerId: officer,
          plannedStart: addDays(today, 20 + i),
          plannedEnd: addDays(today, 400 + i),
        }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 49 });
    expect(errorCodes(answers)).toEqual({ deployment_overlap: 49 });
    const refusal = answers.find((a) => a.status === 409)!.body as {
      error: { message: string };
    };
    expect(refusal.error.message.length).toBeGreaterThan(10);
    const [booked] = await t.db
      .select({ n: count() })
      .from(deployments)
      .where(eq(deployments.officerId, officer!));
    expect(booked!.n).toBe(1);
  });

  it('gives the last seat of a session to one of 50 concurrent enrolments', async () => {
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const [course] = await t.db
      .insert(courses)
      .values({
        code: 'CONC',
        nameEn: 'Concurrency course',
        nameFr: 'Cours de concurrence',
        delivery: 'in_person',
        durationDays: 5,
        passMark: 70,
        validityMonths: 24,
      })
      .returning();
    const [session] = await t.db
      .insert(courseSessions)
      .values({
        courseId: course!.id,
        startsOn: addDays(today, 60),
        endsOn: addDays(today, 65),
        place: 'Canadian Police College, Ottawa',
        capacity: 5,
        language: 'bilingual',
      })
      .returning();
    // Four of the five seats are taken: one is left.
    for (const id of await addOfficers(4)) await enrolOfficer(t.db, ctx, session!.id, id);
    const candidates = await addOfficers(50);
    const answers = await Promise.all(
      candidates.map((officerId) =>
        po.request('POST', `/api/v1/sessions/${session!.id}/enrolments`, { officerId }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 50 });
    const places = answers.map(
      (a) => a.body as { status: string; waitlistPosition: number | null },
    );
    expect(places.filter((p) => p.status === 'enrolled')).toHaveLength(1);
    expect(
      places
        .filter((p) => p.status === 'waitlisted')
        .map((p) => p.waitlistPosition)
        .sort((a, b) => a! - b!),
    ).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    const [seated] = await t.db
      .select({ n: count() })
      .from(enrolments)
      .where(eq(enrolments.sessionId, session!.id))
      .groupBy(enrolments.status)
      .having(eq(enrolments.status, 'enrolled'));
    expect(seated!.n).toBe(5);
  });

  it('names one successor on a post among 50 concurrent attempts', async () => {
    const [predecessor] = await addDeployments(await addOfficers(1));
    const candidates = await addOfficers(50);
    const answers = await Promise.all(
      candidates.map((officerId) =>
        po.request('POST', `/api/v1/deployments/${predecessor}/successor`, {
          version: 1,
          officerId,
          plannedStart: addDays(today, 300),
          plannedEnd: addDays(today, 665),
        }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 49 });
    // Whoever waited on the row lock finds it changed (stale) or the successor already named.
    expect(
      Object.keys(errorCodes(answers)).every((c) =>
        ['stale_version', 'successor_exists'].includes(c),
      ),
    ).toBe(true);
    const [named] = await t.db
      .select({ n: count() })
      .from(deployments)
      .where(inArray(deployments.officerId, candidates));
    expect(named!.n).toBe(1);
  });

  it('fills one post once among 50 concurrent ratifications pinning different officers', async () => {
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const [line] = await approvedLines(t, t.ids.ownMission, [
      { postCount: 1, postTypeCode: 'individual_police_officer' },
    ]);
    const [post] = await createPosts(t.db, ctx, t.ids.ownMission, {
      requestLineId: line!,
      count: 1,
      tourStart: addDays(today, 90),
      tourEnd: addDays(today, 455),
    });
    const call = await openCall(
      t.db,
      ctx,
      {
        missionId: t.ids.ownMission,
        postIds: [post!.id],
        closesOn: addDays(today, 30),
        audience: 'all',
        agencies: [],
        womenFloorPercent: 0,
      },
      { defaultWomenFloorPercent: 0, appUrl: 'http://localhost' },
    );
    const candidates = await addOfficers(50);
    const applicationIds: string[] = [];
    for (const officerId of candidates) {
      const applied = await applyToCall(
        t.db,
        ctx,
        { callId: call.id, officerId, postIds: [post!.id] },
        { nominated: false },
      );
      await decideRelease(t.db, ctx, applied.id, 1, { endorse: true });
      applicationIds.push(applied.id);
    }
    // Screened in by hand: the race is about the ratification, not the screening rules.
    await t.db
      .update(applications)
      .set({ status: 'screened_in' })
      .where(inArray(applications.id, applicationIds));
    // Each board member's proposal pins a different officer to the one post.
    const proposals = [];
    for (const applicationId of applicationIds) {
      const pinned = [{ applicationId, postId: post!.id }];
      const res = await po.request('POST', `/api/v1/calls/${call.id}/proposal`, { pinned });
      expect(res.status, res.text).toBe(200);
      const p = res.body as { digest: string; call: { version: number }; filled: number };
      expect(p.filled).toBe(1);
      proposals.push({ version: p.call.version, digest: p.digest, pinned });
    }
    const answers = await Promise.all(
      proposals.map((body) => po.request('POST', `/api/v1/calls/${call.id}/ratify`, body)),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 49 });
    expect(errorCodes(answers)).toEqual({ stale_version: 49 });
    const onPost = await t.db
      .select({ officerId: deployments.officerId })
      .from(deployments)
      .where(eq(deployments.postId, post!.id));
    const winner = proposals[answers.findIndex((a) => a.status === 200)]!;
    const winnerOfficer = candidates[applicationIds.indexOf(winner.pinned[0]!.applicationId)];
    expect(onPost).toEqual([{ officerId: winnerOfficer }]);
    const [filled] = await t.db.select().from(posts).where(eq(posts.id, post!.id));
    expect(filled!.status).toBe('filled');
  }, 120_000);

  it('keeps one of 100 concurrent edits made with the same version, refusing 99 as stale', async () => {
    const mission = `/api/v1/missions/${t.ids.ownMission}`;
    const read = async () => (await po.request('GET', mission)).body as { version: number };
    const { version } = await read();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        po.request('PATCH', mission, { version, headquarters: `Bamako ${i}` }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 99 });
    expect(errorCodes(answers)).toEqual({ stale_version: 99 });
    const winner = answers.findIndex((a) => a.status === 200);
    expect(await read()).toMatchObject({ version: version + 1, headquarters: `Bamako ${winner}` });
  });

  it('loses no update among 20 clients each making 5 read-modify-write increments', async () => {
    const mission = `/api/v1/missions/${t.ids.ownMission}`;
    const start = (await po.request('GET', mission)).body as { version: number };
    await po.request('PATCH', mission, { version: start.version, headquarters: 'count 0' });
    let conflicts = 0;
    const increment = async () => {
      for (let attempt = 1; ; attempt++) {
        const current = (await po.request('GET', mission)).body as {
          version: number;
          headquarters: string;
        };
        const n = Number(current.headquarters.replace('count ', ''));
        const res = await po.request('PATCH', mission, {
          version: current.version,
          headquarters: `count ${n + 1}`,
        });
        if (res.status === 200) return;
        expect(res.status, res.text).toBe(409);
        expect(errorCodes([res])).toEqual({ stale_version: 1 });
        conflicts++;
        // Back off (random, growing) so 20 clients do not retry in lock-step.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)),
        );
      }
    };
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let k = 0; k < 5; k++) await increment();
      }),
    );
    const end = (await po.request('GET', mission)).body as {
      version: number;
      headquarters: string;
    };
    expect(end.headquarters).toBe('count 100');
    expect(end.version).toBe(start.version + 101);
    console.log(`read-modify-write: 100 increments, ${conflicts} stale-version retries`);
  }, 120_000);
});
