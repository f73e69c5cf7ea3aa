import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { applyToCall, decideRelease, recordAssessment, screenCall } from '../calls/applications.ts';
import { openCall } from '../calls/calls.ts';
import { applications } from '../calls/schema.ts';
import { unMinimums } from '../calls/screening.ts';
import { deployments } from '../deployments/schema.ts';
import { createPosts } from '../missions/posts.ts';
import { posts as postsTable } from '../missions/schema.ts';
import { addOfficer, addQualification } from '../officers/officers.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { approvedLines } from '../../../test/support/planning.ts';

interface Proposal {
  status: string;
  filled: number;
  women: number;
  totalScore: number;
  maxFillWithoutFloor: number;
  bestFloorAtFullFill: number | null;
  assignments: Array<{
    applicationId: string;
    postId: string;
    name: string;
    gender: string;
    agencyCode: string;
    score: number;
    pinned: boolean;
    parts: Record<string, number>;
  }>;
  unplaced: Array<{ applicationId: string; name: string; reason: string }>;
  agencyCaps: Array<{ agencyCode: string; cap: number; selected: number }>;
  digest: string;
  call: { version: number };
  proof: { upperBound: number };
}

describeDb('selection: proposal and ratification', () => {
  let t: TestApp;
  let staff: Client;
  let callId: string;
  let postIds: string[];
  const app = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.as('program_officer');
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const today = isoDateOf(ctx.now);
    const [general, sgbv] = await approvedLines(t, t.ids.ownMission, [
      { postCount: 3, postTypeCode: 'individual_police_officer' },
      { postCount: 1, postTypeCode: 'gender_adviser', teamCode: 'sgbv', womenSought: true },
    ]);
    const tour = { tourStart: addDays(today, 90), tourEnd: addDays(today, 455) };
    const made = [
      ...(await createPosts(t.db, ctx, t.ids.ownMission, {
        requestLineId: general!,
        count: 3,
        ...tour,
      })),
      ...(await createPosts(t.db, ctx, t.ids.ownMission, {
        requestLineId: sgbv!,
        count: 1,
        ...tour,
      })),
    ];
    postIds = made.map((p) => p.id);
    const call = await openCall(
      t.db,
      ctx,
      {
        missionId: t.ids.ownMission,
        postIds,
        closesOn: addDays(today, 30),
        audience: 'all',
        agencies: [{ agencyId: t.ids.ownAgency, cap: 2 }],
        womenFloorPercent: 50,
      },
      { defaultWomenFloorPercent: 30, appUrl: 'http://localhost' },
    );
    callId = call.id;

    // Seven officers, all meeting the minimums but one (G's passport lapses during the tour).
    const people: Array<[string, 'woman' | 'man', 'own' | 'other', number, number[], string[]]> = [
      ['A', 'man', 'own', 95, [0, 1], []],
      ['B', 'man', 'own', 90, [0, 1, 2], []],
      ['C', 'man', 'other', 88, [1, 2], []],
      ['D', 'woman', 'other', 70, [2, 3], ['sgbv']],
      ['E', 'woman', 'own', 65, [0], []],
      ['F', 'man', 'other', 62, [0, 1, 2], []],
      ['G', 'man', 'own', 80, [0], []],
    ];
    for (const [name, gender, agency, french, choices, specialisations] of people) {
      const officer = await addOfficer(t.db, ctx, {
        agencyId: agency === 'own' ? t.ids.ownAgency : t.ids.otherAgency,
        badgeNumber: `SEL-${name}`,
        givenName: name,
        familyName: 'Candidate',
        gender,
        dateOfBirth: '1985-01-01',
        rankCode: 'sergeant',
        serviceStart: '2010-01-01',
      });
      const q = (input: Parameters<typeof addQualification>[3]) =>
        addQualification(t.db, ctx, officer.id, input);
      await q({ kind: 'language', code: 'fr', score: french, obtainedOn: addDays(today, -30) });
      await q({ kind: 'driving_licence', obtainedOn: '2005-01-01' });
      await q({ kind: 'medical', obtainedOn: today, expiresOn: addDays(today, 800) });
      await q({ kind: 'security_clearance', obtainedOn: today, expiresOn: addDays(today, 1800) });
      await q({
        kind: 'passport',
        obtainedOn: '2020-01-01',
        expiresOn: name === 'G' ? addDays(today, 200) : addDays(today, 3000),
        documentNumber: `P${name}00001`,
      });
      for (const code of specialisations)
        await q({ kind: 'specialisation', code, obtainedOn: '2019-01-01' });
      const applied = await applyToCall(
        t.db,
        ctx,
        { callId, officerId: officer.id, postIds: choices.map((i) => postIds[i]!) },
        { nominated: false },
      );
      await decideRelease(t.db, ctx, applied.id, 1, { endorse: true });
      app.set(name, applied.id);
    }
    await screenCall(t.db, ctx, callId, unMinimums);
    await recordAssessment(t.db, ctx, app.get('A')!, {
      kind: 'interview',
      assessedOn: today,
      competencies: { judgement: 5, communication: 5 },
    });
  });
  afterAll(() => t?.close());

  const propose = async (body?: object) => {
    const res = body
      ? await staff.request('POST', `/api/v1/calls/${callId}/proposal`, body)
      : await staff.request('GET', `/api/v1/calls/${callId}/proposal`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Proposal;
  };

  it('proposes an optimal selection within the floor, the caps and the women-only post, and explains it', async () => {
    const p = await propose();
    expect(p.status).toBe('optimal');
    expect(p.filled).toBe(4);
    expect(p.women).toBeGreaterThanOrEqual(2);
    expect(p.totalScore).toBe(p.proof.upperBound);
    const names = p.assignments.map((a) => a.name[0]);
    expect(names).not.toContain('G');
    // The SGBV post (women only) holds a woman; the SQ cap of 2 holds.
    expect(p.assignments.find((a) => a.postId === postIds[3])!.gender).toBe('woman');
    expect(p.assignments.filter((a) => a.agencyCode === 'SQ').length).toBeLessThanOrEqual(2);
    expect(p.agencyCaps).toEqual([{ agencyCode: 'SQ', cap: 2, selected: 2 }]);
    // Each placement shows its score's parts; each candidate left out, why.
    for (const a of p.assignments)
      expect(Object.values(a.parts).reduce((x, y) => x + y, 0)).toBe(a.score);
    expect(p.unplaced.map((u) => u.name[0]).sort()).toEqual(
      ['A', 'B', 'C', 'F'].filter((n) => !names.includes(n)).sort(),
    );
    expect(
      p.unplaced.every((u) => ['agency_cap', 'outscored', 'women_floor'].includes(u.reason)),
    ).toBe(true);
  });

  it('keeps the board’s pins and exclusions, and says when the floor costs posts', async () => {
    const pinned = await propose({ pinned: [{ applicationId: app.get('F'), postId: postIds[1] }] });
    expect(pinned.assignments.find((a) => a.postId === postIds[1])).toMatchObject({
      name: 'F Candidate',
      pinned: true,
    });
    // Without E, D is the only woman: a 50% floor allows two selected, not four.
    const withoutE = await propose({ excluded: [app.get('E')] });
    expect(withoutE).toMatchObject({
      status: 'floor_not_met_at_full_fill',
      filled: 2,
      women: 1,
      maxFillWithoutFloor: 4,
      bestFloorAtFullFill: 25,
    });
    expect(withoutE.unplaced.find((u) => u.applicationId === app.get('E'))!.reason).toBe(
      'excluded',
    );
  });

  it('ratifies the proposal reviewed: deployments for those selected, reserves in order, the rest not selected', async () => {
    const p = await propose();
    const stale = await staff.request('POST', `/api/v1/calls/${callId}/ratify`, {
      version: p.call.version,
      digest: 'not-this-one',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('proposal_changed');
    const res = await staff.request('POST', `/api/v1/calls/${callId}/ratify`, {
      version: p.call.version,
      digest: p.digest,
    });
    expect(res.statusCode, res.body).toBe(200);
    const made = await t.db.select().from(deployments);
    expect(made.map((d) => [d.applicationId, d.postId, d.state]).sort()).toEqual(
      p.assignments.map((a) => [a.applicationId, a.postId, 'selected']).sort(),
    );
    const statusOf = async (name: string) =>
      (
        await t.db
          .select()
          .from(applications)
          .where(eq(applications.id, app.get(name)!))
      )[0]!;
    expect((await statusOf('G')).status).toBe('not_selected');
    const reserves = await Promise.all(p.unplaced.map((u) => statusOf(u.name[0]!)));
    expect(reserves.map((r) => [r.status, r.reserveRank])).toEqual(
      p.unplaced.map((_, i) => ['reserve', i + 1]),
    );
    const filled = await t.db.select().from(postsTable).where(eq(postsTable.status, 'filled'));
    expect(filled.map((f) => f.id).sort()).toEqual([...postIds].sort());
    const again = await staff.request('POST', `/api/v1/calls/${callId}/ratify`, {
      version: p.call.version + 1,
      digest: p.digest,
    });
    expect(again.statusCode).toBe(409);
  });
});
