import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { applyToCall, decideRelease, screenCall } from '../calls/applications.ts';
import { openCall } from '../calls/calls.ts';
import { unMinimums } from '../calls/screening.ts';
import { recordDecision, recordPosition } from '../decisions/decisions.ts';
import { moveDeployment } from '../deployments/deployments.ts';
import { deployments } from '../deployments/schema.ts';
import { createPosts } from '../missions/posts.ts';
import { addQualification } from '../officers/officers.ts';
import { officers, qualifications } from '../officers/schema.ts';
import { missions } from '../reference/schema.ts';
import { findRequest, registerRequest } from '../requests/requests.ts';
import { proposeSelection, ratifySelection } from '../selection/proposal.ts';
import { createCourse, scheduleSession } from '../training/catalogue.ts';
import { courses as courseTable } from '../training/schema.ts';
import { enrolOfficer, recordResult } from '../training/enrolments.ts';
import type { CourseInput } from '../training/catalogue.ts';

/**
 * The demo's training and readiness: the program's course catalogue (pre-deployment training at
 * the Canadian Police College, hostile-environment training, SGBV investigation, the gender
 * adviser course, tactical first aid, mission French), sessions past (with results and
 * certificates) and to come (some full, with a waiting list), and a selection already ratified
 * for BINUH in Haiti whose officers are now preparing: the readiness board has real work.
 */

interface Actors {
  programOfficer: string | null;
  partners: { GAC: string | null; PS: string | null; RCMP: string | null };
}

const none = { everyone: false, postTypes: [], teams: [], missionCodes: [] };

const catalogue: CourseInput[] = [
  {
    code: 'PDT',
    nameEn: 'Pre-deployment training',
    nameFr: 'Formation préalable au déploiement',
    descriptionEn:
      'Two weeks at the Canadian Police College: the UN and EU mission environment, human rights, security, first aid, driving, stress and resilience.',
    descriptionFr:
      'Deux semaines au Collège canadien de police : l’environnement des missions de l’ONU et de l’UE, droits de la personne, sécurité, premiers soins, conduite, stress et résilience.',
    delivery: 'in_person',
    durationDays: 10,
    passMark: 70,
    validityMonths: 24,
    requiredFor: { ...none, everyone: true },
  },
  {
    code: 'HEAT',
    nameEn: 'Hostile environment awareness training',
    nameFr: 'Formation de sensibilisation aux environnements hostiles',
    descriptionEn:
      'Personal security, checkpoints, kidnap survival and casualty care for high-risk missions.',
    descriptionFr:
      'Sécurité personnelle, points de contrôle, survie en cas d’enlèvement et soins aux blessés pour les missions à risque élevé.',
    delivery: 'in_person',
    durationDays: 5,
    passMark: null,
    validityMonths: 36,
    requiredFor: {
      ...none,
      missionCodes: ['MONUSCO', 'MINUSCA', 'UNMISS', 'BINUH', 'CA-HTI-PNH', 'EUCAP-SAHEL-MALI'],
    },
  },
  {
    code: 'SGBV-INV',
    nameEn: 'Investigating sexual and gender-based violence',
    nameFr: 'Enquêtes sur la violence sexuelle et fondée sur le genre',
    descriptionEn:
      'Survivor-centred interviews, evidence, referral networks and mentoring host-state investigators.',
    descriptionFr:
      'Entrevues axées sur les survivantes et survivants, preuve, réseaux d’aiguillage et mentorat des enquêteurs de l’État hôte.',
    delivery: 'virtual',
    durationDays: 5,
    passMark: 75,
    validityMonths: 36,
    requiredFor: { ...none, teams: ['sgbv'] },
  },
  {
    code: 'GENDER-ADV',
    nameEn: 'Gender adviser course',
    nameFr: 'Cours de conseiller pour les questions de genre',
    delivery: 'blended',
    durationDays: 8,
    passMark: 70,
    validityMonths: null,
    requiredFor: { ...none, postTypes: ['gender_adviser'] },
  },
  {
    code: 'TFA',
    nameEn: 'Tactical first aid',
    nameFr: 'Premiers soins tactiques',
    delivery: 'in_person',
    durationDays: 3,
    passMark: null,
    validityMonths: 24,
    requiredFor: none,
  },
  {
    code: 'FR-MISSION',
    nameEn: 'French for mission',
    nameFr: 'Français en mission',
    descriptionEn: 'Spoken and written French for officers bound for French-speaking missions.',
    descriptionFr:
      'Français oral et écrit pour les policiers en route vers une mission francophone.',
    delivery: 'virtual',
    durationDays: 20,
    passMark: 60,
    validityMonths: null,
    requiredFor: none,
  },
];

export async function seedTraining(db: Db, actors: Actors, now: Date): Promise<void> {
  const staff: AuditContext = {
    actorId: actors.programOfficer,
    actorRole: 'program_officer',
    requestId: null,
    now,
  };
  const today = isoDateOf(now);
  const deployed = await seedRatifiedCall(db, staff, actors, today);

  // A generated history (the benchmarks' larger one) may have made the pre-deployment course.
  const courses = new Map<string, string>(
    (await db.select({ code: courseTable.code, id: courseTable.id }).from(courseTable)).map((c) => [
      c.code,
      c.id,
    ]),
  );
  for (const course of catalogue)
    if (!courses.has(course.code))
      courses.set(course.code, (await createCourse(db, staff, course)).id);
  const session = (
    code: string,
    startsIn: number,
    days: number,
    where: Record<string, string>,
    capacity: number,
    language: 'en' | 'fr' | 'bilingual',
    instructors: string[],
  ) =>
    scheduleSession(db, staff, {
      courseId: courses.get(code)!,
      startsOn: addDays(today, startsIn),
      endsOn: addDays(today, startsIn + days - 1),
      ...where,
      capacity,
      language,
      instructors,
    });
  const cpc = { place: 'Canadian Police College, Ottawa' };
  const online = (slug: string) => ({ virtualLink: `https://meet.example.ca/peaceops/${slug}` });

  // Officers who take courses: the BINUH deployees first, then others of the register.
  const pool = await db
    .select({ id: officers.id })
    .from(officers)
    .where(sql`${officers.userId} is null`)
    .orderBy(asc(officers.agencyId), asc(officers.badgeNumber))
    .limit(400);
  const others = pool.map((p) => p.id).filter((id) => !deployed.includes(id));
  const pick = (from: number, n: number) => others.slice(from, from + n);

  // Past sessions: results recorded, certificates issued to those who passed.
  const past = async (
    code: string,
    startsIn: number,
    days: number,
    where: Record<string, string>,
    people: string[],
    grades: (i: number) => number | null,
  ) => {
    const s = await session(code, startsIn, days, where, Math.max(people.length, 12), 'bilingual', [
      'Insp. Claire Beaulieu',
      'S/Sgt. Daniel Okafor',
    ]);
    for (const [i, officerId] of people.entries()) {
      const seat = await enrolOfficer(db, staff, s.id, officerId);
      const grade = grades(i);
      await recordResult(db, staff, seat.id, seat.version, {
        attended: grade !== -1,
        grade: grade === -1 ? null : grade,
        passed: grade === null ? true : undefined,
      });
    }
  };
  // The BINUH officers took pre-deployment training last month (one of them failed and is
  // booked again), HEAT in the spring; the first two have everything else too.
  await past('PDT', -40, 10, cpc, [...deployed, ...pick(0, 12)], (i) =>
    i === 2 ? 64 : 72 + ((i * 7) % 25),
  );
  await past(
    'HEAT',
    -200,
    5,
    { place: 'Connaught Ranges, Ottawa' },
    [...deployed.slice(0, 3), ...pick(12, 8)],
    () => null,
  );
  await past('SGBV-INV', -120, 5, online('sgbv-spring'), pick(20, 14), (i) =>
    i === 4 ? -1 : 70 + ((i * 5) % 28),
  );
  await past('TFA', -300, 3, cpc, pick(34, 16), () => null);
  for (const officerId of deployed.slice(0, 2)) {
    await addQualification(db, staff, officerId, {
      kind: 'visa',
      code: 'HT',
      obtainedOn: addDays(today, -10),
      expiresOn: addDays(today, 400),
    });
    await addQualification(db, staff, officerId, {
      kind: 'medical',
      obtainedOn: addDays(today, -20),
      expiresOn: addDays(today, 700),
      detail: 'Pre-deployment medical: fit for deployment',
    });
  }

  // Sessions to come: a full pre-deployment course with a waiting list, a virtual SGBV course,
  // the gender adviser course, and mission French.
  const full = await session('PDT', 21, 10, cpc, 12, 'bilingual', ['Insp. Claire Beaulieu']);
  for (const officerId of [...deployed.slice(2, 3), ...pick(50, 14)])
    await enrolOfficer(db, staff, full.id, officerId);
  const sgbv = await session('SGBV-INV', 35, 5, online('sgbv-winter'), 20, 'fr', [
    'Sgt. Nadia Roy',
  ]);
  for (const officerId of pick(64, 9)) await enrolOfficer(db, staff, sgbv.id, officerId);
  await session('GENDER-ADV', 50, 8, { ...cpc, ...online('gender-adviser') }, 16, 'en', [
    'Dr. Amina Diallo',
  ]);
  const french = await session('FR-MISSION', 14, 20, online('francais-mission'), 25, 'fr', [
    'Mme Sylvie Gagnon',
  ]);
  for (const officerId of pick(73, 11)) await enrolOfficer(db, staff, french.id, officerId);
  await session('HEAT', 60, 5, { place: 'Connaught Ranges, Ottawa' }, 18, 'bilingual', [
    'S/Sgt. Daniel Okafor',
  ]);

  // The BINUH deployments move to preparing; the first is ready (everything done).
  const rows = await db
    .select({ id: deployments.id, officerId: deployments.officerId, version: deployments.version })
    .from(deployments)
    .where(inArray(deployments.officerId, deployed));
  for (const d of rows) {
    const moved = await moveDeployment(db, staff, d.id, d.version, { to: 'preparing' }, today);
    if (d.officerId === deployed[0])
      await moveDeployment(db, staff, d.id, moved.version, { to: 'ready' }, today).catch(
        () => undefined,
      );
  }
}

/**
 * A selection already ratified: the Canadian Police Mission in Haiti's spring rotation (three
 * mentors for the Haitian National Police), whose selected officers now prepare. Returns the
 * selected officers' ids.
 */
async function seedRatifiedCall(
  db: Db,
  staff: AuditContext,
  actors: Actors,
  today: string,
): Promise<string[]> {
  const [mission] = await db.select().from(missions).where(eq(missions.code, 'CA-HTI-PNH'));
  if (!mission) return [];
  const asked = addDays(today, -75);
  const request = await registerRequest(db, staff, {
    requestingCountryCode: 'HT',
    missionId: mission.id,
    noteReference: `HT/PNH/${today.slice(0, 4)}/ROT-2`,
    receivedOn: asked,
    responseDue: addDays(asked, 30),
    startDate: addDays(today, 45),
    tourMonths: 12,
    summary:
      'Spring rotation of the Canadian mentors with the Haitian National Police in Port-au-Prince.',
    lines: [
      {
        postCount: 3,
        postTypeCode: 'investigator_mentor',
        languages: [{ language: 'fr', minScore: 60 }],
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
          'Haiti is Canada’s longest police engagement; the request continues the bilateral mission.',
      },
    );
  await recordDecision(db, staff, 'unanimous', request.id, {
    outcome: 'approved',
    ceiling: 3,
    decidedOn: addDays(asked, 20),
    requestVersion: request.version + 1,
  });
  const [line] = (await findRequest(db, request.id, today, 7))!.lines;
  const posts = await createPosts(db, staff, mission.id, {
    requestLineId: line!.id,
    count: 3,
    tourStart: addDays(today, 45),
    tourEnd: addDays(today, 409),
  });
  const call = await openCall(
    db,
    staff,
    {
      missionId: mission.id,
      postIds: posts.map((p) => p.id),
      closesOn: today,
      audience: 'all',
      agencies: [],
    },
    { defaultWomenFloorPercent: 30, appUrl: 'http://localhost:3000' },
  );
  // Six French-speaking officers with papers in order apply; their agencies release them.
  const qualified = (gender: 'woman' | 'man') =>
    db
      .selectDistinct({
        id: officers.id,
        agencyId: officers.agencyId,
        badgeNumber: officers.badgeNumber,
      })
      .from(officers)
      .innerJoin(qualifications, eq(qualifications.officerId, officers.id))
      .where(
        and(
          eq(officers.gender, gender),
          eq(qualifications.kind, 'language'),
          eq(qualifications.code, 'fr'),
          sql`${qualifications.score} >= 75`,
          sql`${officers.userId} is null`,
          sql`exists (select 1 from qualifications p where p.officer_id = ${officers.id} and p.kind = 'passport' and p.expires_on > ${addDays(today, 900)})`,
          sql`exists (select 1 from qualifications c where c.officer_id = ${officers.id} and c.kind = 'security_clearance' and c.expires_on > ${addDays(today, 500)})`,
        ),
      )
      .orderBy(asc(officers.agencyId), asc(officers.badgeNumber))
      .limit(3);
  // Three women and three men, so the women's floor can be met whatever the register holds.
  const candidates = [...(await qualified('woman')), ...(await qualified('man'))];
  for (const c of candidates) {
    await addQualification(db, staff, c.id, {
      kind: 'medical',
      obtainedOn: addDays(today, -30),
      expiresOn: addDays(today, 700),
      detail: 'Pre-deployment medical: fit for deployment',
    });
    const a = await applyToCall(
      db,
      staff,
      { callId: call.id, officerId: c.id, postIds: posts.map((p) => p.id) },
      { nominated: true },
    );
    await decideRelease(db, staff, a.id, 1, { endorse: true });
  }
  await screenCall(db, staff, call.id, unMinimums);
  const proposal = await proposeSelection(db, call.id, unMinimums);
  if (!proposal.assignments.length) return [];
  await ratifySelection(
    db,
    staff,
    call.id,
    { version: proposal.call.version, digest: proposal.digest },
    unMinimums,
  );
  return proposal.assignments.map((a) => a.officerId);
}
