import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { applyToCall, decideRelease, recordAssessment, screenCall } from '../calls/applications.ts';
import { openCall } from '../calls/calls.ts';
import { unMinimums } from '../calls/screening.ts';
import { recordDecision, recordPosition } from '../decisions/decisions.ts';
import { createPosts } from '../missions/posts.ts';
import { addQualification } from '../officers/officers.ts';
import { officers, qualifications } from '../officers/schema.ts';
import { agencies, missionLocations, missions } from '../reference/schema.ts';
import { findRequest, registerRequest } from '../requests/requests.ts';
import { seededRandom } from '../../kernel/random.ts';

/**
 * The demo's selection in progress (recorded at the demo's start, dated as it happened): MONUSCO asked for the next rotation of Canada's sexual and
 * gender-based violence team in DR Congo (the program's team there since January 2021); the
 * partners approved it; the program opened a call to every agency; about thirty officers of
 * several agencies applied; agencies endorsed most releases and declined two; screening ran;
 * the first interviews are recorded. The demo officer (Sam Whitehorse, RCMP) has not applied,
 * so the demo can apply; the proposal page has real candidates to place.
 */

interface CallActors {
  programOfficer: string | null;
  partners: { GAC: string | null; PS: string | null; RCMP: string | null };
}

const statements = [
  'I investigated sexual assault cases for eight years and trained patrol officers on trauma-informed interviews.',
  'J’ai travaillé en enquêtes sur les crimes sexuels et je souhaite mettre cette expérience au service de la police congolaise.',
  'I served in Haiti and would like to return to mentoring in a French-speaking mission.',
  'Mon expérience en police communautaire et en formation me prépare à un rôle de mentorat.',
  'Family violence investigator; I have mentored new investigators in my service for five years.',
];

export async function seedCalls(db: Db, actors: CallActors, now: Date): Promise<void> {
  const staff: AuditContext = {
    actorId: actors.programOfficer,
    actorRole: 'program_officer',
    requestId: null,
    now,
  };
  const today = isoDateOf(now);
  const random = seededRandom(2021);
  const [mission] = await db.select().from(missions).where(eq(missions.code, 'MONUSCO'));
  if (!mission) return;
  const [goma] = await db
    .select({ id: missionLocations.id })
    .from(missionLocations)
    .where(and(eq(missionLocations.missionId, mission.id), eq(missionLocations.nameEn, 'Goma')));

  // The request and the partners' joint decision, a month ago.
  const asked = addDays(today, -40);
  const request = await registerRequest(db, staff, {
    organizationCode: 'UN',
    missionId: mission.id,
    noteReference: `MONUSCO/PD/${today.slice(0, 4)}/SGBV-R6`,
    receivedOn: asked,
    responseDue: addDays(asked, 21),
    startDate: addDays(today, 75),
    tourMonths: 12,
    summary:
      'Rotation of the sexual and gender-based violence team: investigators and mentors for the Congolese National Police in Kinshasa and Goma.',
    lines: [
      {
        postCount: 3,
        postTypeCode: 'sgbv_investigator',
        teamCode: 'sgbv',
        languages: [{ language: 'fr', minScore: 60 }],
        minYearsService: 5,
      },
      {
        postCount: 1,
        postTypeCode: 'gender_adviser',
        teamCode: 'sgbv',
        ...(goma ? { locationId: goma.id } : {}),
        minRankCode: 'sergeant',
        womenSought: true,
      },
      {
        postCount: 2,
        postTypeCode: 'individual_police_officer',
        teamCode: 'training_mentoring_monitoring',
      },
    ],
  });
  for (const partner of ['GAC', 'PS', 'RCMP'] as const)
    await recordPosition(
      db,
      { ...staff, actorId: actors.partners[partner], actorRole: 'decision_partner' },
      partner,
      request.id,
      {
        stance: 'support',
        reasons:
          'The team is part of Canada’s Women, Peace and Security commitments; the mandate and the request are clear.',
      },
    );
  await recordDecision(db, staff, 'unanimous', request.id, {
    outcome: 'approved',
    ceiling: 6,
    decidedOn: addDays(asked, 14),
    requestVersion: request.version + 1,
  });
  const lines = (await findRequest(db, request.id, today, 7))!.lines;
  const tour = { tourStart: addDays(today, 75), tourEnd: addDays(today, 439) };
  const postIds: string[] = [];
  for (const line of lines)
    postIds.push(
      ...(
        await createPosts(db, staff, mission.id, {
          requestLineId: line.id,
          count: line.postCount,
          ...tour,
        })
      ).map((p) => p.id),
    );

  const caps = await db
    .select({ id: agencies.id, code: agencies.code })
    .from(agencies)
    .where(inArray(agencies.code, ['RCMP', 'SQ', 'SPVM']));
  const call = await openCall(
    db,
    staff,
    {
      missionId: mission.id,
      postIds,
      closesOn: addDays(today, 10),
      audience: 'all',
      agencies: caps.map((a) => ({ agencyId: a.id, cap: a.code === 'RCMP' ? 3 : 2 })),
      notes: 'French at 60% or more; SGBV investigation experience is an asset.',
    },
    { defaultWomenFloorPercent: 30, appUrl: 'http://localhost:3000' },
  );

  // Candidates: officers with a French result, several agencies, not the demo officer; most
  // with passport and clearance valid through the tour (the others screen out, as some always
  // do). Officers
  // with the SGBV specialisation apply to the team's posts, the others mostly to the two
  // mentoring posts.
  const tourEnd = tour.tourEnd;
  const validThrough = (kind: 'medical' | 'passport' | 'security_clearance') =>
    sql`exists (select 1 from qualifications v where v.officer_id = ${officers.id} and v.kind = ${kind} and v.expires_on >= ${tourEnd})`;
  const found = await db
    .select({
      id: officers.id,
      userId: officers.userId,
      ready: sql<boolean>`${validThrough('passport')} and ${validThrough('security_clearance')}`,
    })
    .from(officers)
    .where(
      sql`${officers.userId} is null and exists (select 1 from qualifications f where f.officer_id = ${officers.id} and f.kind = 'language' and f.code = 'fr' and f.score >= 55)`,
    )
    .orderBy(asc(officers.agencyId), asc(officers.badgeNumber));
  const specialists = new Set(
    (
      await db
        .select({ officerId: qualifications.officerId })
        .from(qualifications)
        .where(and(eq(qualifications.kind, 'specialisation'), eq(qualifications.code, 'sgbv')))
    ).map((q) => q.officerId),
  );
  const people = found.map((p) => ({ ...p, sgbv: specialists.has(p.id) }));
  const take = (from: typeof people, n: number) => {
    const pool = [...from];
    const out: typeof people = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    return out;
  };
  const chosen = [
    ...take(
      people.filter((p) => p.ready && p.sgbv),
      8,
    ),
    ...take(
      people.filter((p) => p.ready && !p.sgbv),
      14,
    ),
    ...take(
      people.filter((p) => !p.ready),
      8,
    ),
  ];
  // Applicants with their papers in order took the program's two-year pre-deployment medical.
  for (const officer of chosen.filter((c) => c.ready || c.sgbv))
    await addQualification(db, staff, officer.id, {
      kind: 'medical',
      obtainedOn: addDays(today, -15 - Math.floor(random() * 30)),
      expiresOn: addDays(today, 700),
      detail: 'Pre-deployment medical: fit for deployment',
    });
  const sgbvPosts = postIds.slice(0, 4);
  const mentorPosts = postIds.slice(4);
  const ids: string[] = [];
  for (const [i, officer] of chosen.entries()) {
    const shuffled = (xs: string[]) => [...xs].sort(() => random() - 0.5);
    const wanted = officer.sgbv
      ? [...shuffled(sgbvPosts).slice(0, 2), ...shuffled(mentorPosts).slice(0, 1)]
      : random() < 0.8
        ? shuffled(mentorPosts)
        : [...shuffled(mentorPosts).slice(0, 1), ...shuffled(sgbvPosts).slice(0, 1)];
    const application = await applyToCall(
      db,
      staff,
      {
        callId: call.id,
        officerId: officer.id,
        postIds: wanted,
        statement: statements[i % statements.length],
      },
      { nominated: true },
    );
    ids.push(application.id);
  }
  for (const [i, id] of ids.entries()) {
    if (i >= 28) continue; // two still wait for their agency's answer
    await decideRelease(
      db,
      staff,
      id,
      1,
      i % 13 === 5
        ? {
            endorse: false,
            reason: 'Operational needs: the officer leads a major investigation until next year.',
          }
        : { endorse: true },
    );
  }
  await screenCall(db, staff, call.id, unMinimums);
  // The first interviews, for screened-in candidates.
  const { applications } = await import('../calls/schema.ts');
  const screenedIn = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, call.id), eq(applications.status, 'screened_in')))
    .orderBy(asc(applications.createdAt), asc(applications.id));
  for (const a of screenedIn.slice(0, 10)) {
    const score = () => 2 + Math.floor(random() * 4);
    await recordAssessment(db, staff, a.id, {
      kind: 'interview',
      assessedOn: addDays(today, -2),
      competencies: {
        judgement: score(),
        communication: score(),
        cultural_awareness: score(),
        teamwork: score(),
      },
    });
  }
}
