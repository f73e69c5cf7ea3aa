import { addDays, isoDateOf } from '../../src/kernel/dates.ts';
import { applyToCall } from '../../src/modules/calls/applications.ts';
import { openCall } from '../../src/modules/calls/calls.ts';
import { createPosts } from '../../src/modules/missions/posts.ts';
import type { TestApp } from './app.ts';

/**
 * Two calls, each sent to one agency: one to the fixture agency (SQ) for a post of the fixture
 * mission, one to another agency (SPVM) for a post of another mission; and one application to
 * each, from that agency's fixture officer. Needs the planning and people fixtures first.
 */
export async function addCallFixtures(t: TestApp) {
  const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
  const today = isoDateOf(ctx.now);
  const tour = { tourStart: addDays(today, 90), tourEnd: addDays(today, 455) };
  const call = async (missionId: string, lineId: string, agencyId: string, officerId: string) => {
    const [post] = await createPosts(t.db, ctx, missionId, {
      requestLineId: lineId,
      count: 1,
      ...tour,
    });
    const opened = await openCall(
      t.db,
      ctx,
      {
        missionId,
        postIds: [post!.id],
        closesOn: addDays(today, 30),
        audience: 'chosen',
        agencies: [{ agencyId, cap: 2 }],
      },
      { defaultWomenFloorPercent: 30, appUrl: 'http://localhost' },
    );
    const application = await applyToCall(
      t.db,
      ctx,
      { callId: opened.id, officerId, postIds: [post!.id], statement: 'I served in Haiti.' },
      { nominated: false },
    );
    return { call: opened.id, post: post!.id, application: application.id };
  };
  const own = await call(t.ids.ownMission, t.ids.ownLine!, t.ids.ownAgency, t.ids.ownOfficer!);
  const other = await call(
    t.ids.otherMission,
    t.ids.otherLine!,
    t.ids.otherAgency,
    t.ids.otherOfficer!,
  );
  return {
    ownCall: own.call,
    ownCallPost: own.post,
    ownApplication: own.application,
    otherCall: other.call,
    otherCallPost: other.post,
    otherApplication: other.application,
  };
}
