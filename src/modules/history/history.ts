/**
 * The generated program history (issue 9): `peaceops seed --history`, the demo's years before its
 * curated records, and the benchmarks' data. Plans a realistic 35-year history (plan.ts) and
 * writes it in bulk in one transaction with one audit entry summing it up: the officers; the
 * tours before the cutover year as the loaded history (`prior_missions`, as tours from before
 * the system are); later ones as deployments, each with its post (handed on to the successor),
 * every move of its life, its extension when extended, the pre-deployment course passed before
 * it, a weekly check-in in theatre, now and then an incident; and each mission's evaluations.
 */
import { Rng } from '../../kernel/random.ts';
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { bulkInsert } from '../../kernel/db/bulk.ts';
import { queryRows, type Db, type Tx } from '../../kernel/db/client.ts';
import { addDays, daysBetween, isoDateOf, tourEndOf, type IsoDate } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import { checkIns } from '../checkins/schema.ts';
import {
  deploymentExtensions,
  deploymentMoves,
  deployments,
  type DeploymentState,
} from '../deployments/schema.ts';
import { evaluations } from '../evaluations/schema.ts';
import { incidentOfficers, incidents, type IncidentType } from '../incidents/schema.ts';
import { posts } from '../missions/schema.ts';
import { officers, priorMissions } from '../officers/schema.ts';
import { postTypes as postTypeData } from '../reference/data/roles.ts';
import { missionRows } from '../reference/data/missions.ts';
import { certificates, courseSessions, courses, enrolments } from '../training/schema.ts';
import { planHistory, type HistoryPlan } from './plan.ts';
import { monthIndex, monthStart } from './rules.ts';

export const historyScales = ['small', 'full', 'large'] as const;
export type HistoryScale = (typeof historyScales)[number];

/**
 * Times the real program's size: small is the program itself (over 4,000 officers since 1989),
 * full a few times more for benchmarks, large about 100,000 officers and over a million
 * deployment events (moves and check-ins).
 */
export const scaleMultiplier: Record<HistoryScale, number> = { small: 1, full: 5, large: 24 };

/** About how many officers the small scale plans (4,157 with the default seed). */
export const OFFICERS_AT_SMALL_SCALE = 4150;

export interface HistoryOptions {
  scale?: HistoryScale;
  /** Overrides the scale's multiplier (the benchmarks ask for a number of officers). */
  multiplier?: number;
  seed?: number;
  /** The day the history runs to (defaults to the context's clock). */
  today?: IsoDate;
  /** Only tours that begin before this day (the demo's curated records take over from it). */
  until?: IsoDate;
  /** Tours that begin before this year are the loaded history; later ones deployments. */
  cutover?: number;
  /** Weekly check-ins for deployments that began in this year or later. */
  checkInsSince?: number;
}

export interface HistoryCounts {
  officers: number;
  /** Tours in the loaded history (`prior_missions`). */
  priorTours: number;
  deployments: number;
  posts: number;
  moves: number;
  checkIns: number;
  extensions: number;
  enrolments: number;
  certificates: number;
  incidents: number;
  evaluations: number;
  /** Moves and check-ins: the deployment events. */
  events: number;
  countries: number;
  missions: number;
}

export const DEFAULT_SEED = 1989;
export const DEFAULT_CUTOVER = 2015;

/** A history was generated here already (its audit entry says so). */
export async function historyGenerated(db: Tx): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_entries where action = 'history.generate'`,
  );
  return (row?.n ?? 0) > 0;
}

const at = (date: IsoDate, hour = 14) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

const postTypeName = new Map(postTypeData.map((p) => [p.code, p.nameEn]));

const incidentKinds: ReadonlyArray<
  readonly [{ type: IncidentType; narrative: string; actions: string }, number]
> = [
  [
    {
      type: 'medical',
      narrative:
        'Officer fell ill (gastro-intestinal infection) and was treated at the mission clinic.',
      actions: 'Treated at the mission clinic; three days of sick leave.',
    },
    30,
  ],
  [
    {
      type: 'accident',
      narrative: 'Mission vehicle left the road on patrol; minor injuries.',
      actions: 'First aid on site; vehicle recovered; report to the mission.',
    },
    20,
  ],
  [
    {
      type: 'security',
      narrative: 'Patrol stopped at an unofficial checkpoint and threatened; no injuries.',
      actions: 'Patrol withdrew; report to the mission security section.',
    },
    25,
  ],
  [
    {
      type: 'health_exposure',
      narrative: 'Exposure to a communicable disease in the community; precautionary follow-up.',
      actions: 'Medical follow-up; no illness developed.',
    },
    10,
  ],
  [
    {
      type: 'other',
      narrative: 'Accommodation broken into while the officer was on duty; personal items taken.',
      actions: 'Report to local police and the mission; accommodation moved.',
    },
    15,
  ],
];

/**
 * Generate and write the history. Refused (409 history_exists) when a generated history is
 * already here: a second would double the program's figures.
 */
export async function seedProgramHistory(
  db: Db,
  ctx: AuditContext,
  options: HistoryOptions = {},
): Promise<HistoryCounts> {
  const scale = options.scale ?? 'small';
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? isoDateOf(ctx.now);
  const cutover = options.cutover ?? DEFAULT_CUTOVER;
  const checkInsSince = options.checkInsSince ?? cutover;
  const multiplier = options.multiplier ?? scaleMultiplier[scale];
  const plan = planHistory({ seed, today, multiplier, until: options.until });
  return db.transaction(async (tx) => {
    if (await historyGenerated(tx)) throw new AppError('history_exists');
    const counts = await writePlan(tx, plan, { seed, today, cutover, checkInsSince, now: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'history.generate',
      recordType: 'history',
      changes: Object.fromEntries(
        Object.entries({
          scale,
          multiplier,
          seed,
          today,
          until: options.until ?? null,
          cutover,
          ...counts,
        }).map(([k, v]) => [k, [null, v]]),
      ),
    });
    return counts;
  });
}

interface WriteOptions {
  seed: number;
  today: IsoDate;
  cutover: number;
  checkInsSince: number;
  now: Date;
}

async function idsByCode(tx: Tx, query: ReturnType<typeof sql>) {
  return new Map(
    (await queryRows<{ code: string; id: string }>(tx, query)).map((r) => [r.code, r.id]),
  );
}

async function writePlan(tx: Tx, plan: HistoryPlan, o: WriteOptions): Promise<HistoryCounts> {
  const ids = new Rng(o.seed ^ 0x5eed_1989);
  const rng = new Rng(o.seed ^ 0x0c0ffee);
  const now = o.now;
  const agencyIds = await idsByCode(tx, sql`select code, id from agencies`);
  const missionIds = await idsByCode(tx, sql`select code, id from missions`);
  const locationIds = await idsByCode(
    tx,
    sql`select m.code || '/' || l.name_en as code, l.id from mission_locations l join missions m on m.id = l.mission_id`,
  );
  const lastSeq = new Map(
    (
      await queryRows<{ mission_id: string; seq: number }>(
        tx,
        sql`select mission_id, max(seq)::int as seq from posts group by mission_id`,
      )
    ).map((r) => [r.mission_id, r.seq]),
  );
  const acronyms = new Map(missionRows().map((m) => [m.code, m]));
  const missionId = (code: string) => {
    const id = missionIds.get(code);
    if (!id) throw new Error(`history: mission ${code} missing from the reference data`);
    return id;
  };

  // Officers.
  const officerIds = plan.officers.map(() => ids.uuid());
  const officerRows: Array<typeof officers.$inferInsert> = plan.officers.map((p, i) => {
    const agencyId = agencyIds.get(p.agencyCode);
    if (!agencyId)
      throw new Error(`history: agency ${p.agencyCode} missing from the reference data`);
    return {
      id: officerIds[i]!,
      agencyId,
      badgeNumber: p.badgeNumber,
      givenName: p.givenName,
      familyName: p.familyName,
      gender: p.gender,
      dateOfBirth: p.dateOfBirth,
      rankCode: p.rankCode,
      agencyRankTitle: p.agencyRankTitle,
      serviceStart: p.serviceStart,
      email: p.email,
      preferredLanguage: p.preferredLanguage,
      createdAt: now,
      updatedAt: now,
    };
  });

  // Tours: the loaded history, or deployments with everything around them.
  const prior: Array<typeof priorMissions.$inferInsert> = [];
  const deploymentRows: Array<typeof deployments.$inferInsert> = [];
  const postRows: Array<typeof posts.$inferInsert> = [];
  const moveRows: Array<typeof deploymentMoves.$inferInsert> = [];
  const extensionRows: Array<typeof deploymentExtensions.$inferInsert> = [];
  const incidentRows: Array<typeof incidents.$inferInsert> = [];
  const involved: Array<typeof incidentOfficers.$inferInsert> = [];
  const deploymentOf = new Map<number, { id: string; postId: string }>();
  /** Tours in each pre-deployment session: by the month before the tour. */
  const training = new Map<string, number[]>();

  for (let t = 0; t < plan.tours.length; t++) {
    const tour = plan.tours[t]!;
    const mission = acronyms.get(tour.mission)!;
    const officerId = officerIds[tour.officer]!;
    if (Number(tour.start.slice(0, 4)) < o.cutover) {
      prior.push({
        id: ids.uuid(),
        officerId,
        missionId: missionId(tour.mission),
        missionName: mission.acronym,
        role: postTypeName.get(tour.postType) ?? null,
        startDate: tour.start,
        endDate: tour.end,
      });
      continue;
    }
    const mId = missionId(tour.mission);
    const id = ids.uuid();
    const postId = ids.uuid();
    deploymentOf.set(t, { id, postId });
    const before = tour.predecessor === null ? undefined : deploymentOf.get(tour.predecessor);
    const seq = (lastSeq.get(mId) ?? 0) + 1;
    lastSeq.set(mId, seq);
    const plannedEnd = tour.extendedFrom ?? tour.end;
    postRows.push({
      id: postId,
      missionId: mId,
      seq,
      postTypeCode: tour.postType,
      teamCode: tour.team,
      locationId: locationIds.get(`${tour.mission}/${tour.location}`) ?? null,
      requirements: {
        languages: [{ language: mission.workingLanguage, minScore: 60 }],
        minRankCode: null,
        minYearsService: 5,
        skills: [],
        womenSought: false,
      },
      tourStart: tour.start,
      tourEnd: plannedEnd,
      status: 'filled',
      succeedsPostId: before?.postId ?? null,
      createdAt: at(addDays(tour.start, -150)),
      updatedAt: at(addDays(tour.start, -120)),
    });

    // Its life: every move up to now.
    const remote = rng.chance(0.06) && daysBetween(tour.start, tour.end) > 120;
    const path: Array<[DeploymentState, Date]> = [
      ['preparing', at(addDays(tour.start, -100), 15)],
      ['ready', at(addDays(tour.start, -7), 15)],
      ['in_transit', at(addDays(tour.start, -1), 9)],
      ['in_theatre', at(tour.start, 12)],
      ...(remote ? [['remote', at(addDays(tour.start, 90), 12)] as [DeploymentState, Date]] : []),
      ['repatriating', at(addDays(tour.end, -1), 9)],
      ['returned', at(tour.end, 18)],
      ['closed', at(addDays(tour.end, 21), 15)],
    ];
    let state: DeploymentState = 'selected';
    for (const [to, when] of path) {
      if (when > now) break;
      moveRows.push({
        id: ids.uuid(),
        deploymentId: id,
        fromState: state,
        toState: to,
        reason: to === 'remote' ? 'Mission security posture: working from Canada' : null,
        actorRole: 'program_officer',
        at: when,
      });
      state = to;
    }
    const began = path.find(([s]) => s === 'in_theatre')![1] <= now;
    const returned = state === 'returned' || state === 'closed';
    deploymentRows.push({
      id,
      officerId,
      missionId: mId,
      postId,
      state,
      plannedStart: tour.start,
      plannedEnd: tour.end,
      location: tour.location,
      actualStart: began ? tour.start : null,
      actualEnd: returned ? tour.end : null,
      mode: !began ? null : state === 'remote' ? 'remote' : 'in_theatre',
      predecessorId: before?.id ?? null,
      createdAt: at(addDays(tour.start, -120)),
      updatedAt: moveRows[moveRows.length - 1]?.at ?? now,
    });
    if (tour.extendedFrom) {
      const requestedAt = at(addDays(tour.extendedFrom, -60), 16);
      if (requestedAt <= now)
        extensionRows.push({
          id: ids.uuid(),
          deploymentId: id,
          previousEnd: tour.extendedFrom,
          newEnd: tour.end,
          reason:
            'The mission asked for three more months to cover the hand-over to the successor.',
          status: 'approved',
          requestedByRole: 'program_officer',
          requestedAt,
          decidedByRole: 'program_officer',
          decidedAt: at(addDays(tour.extendedFrom, -50), 16),
        });
    }
    const session = tour.start.slice(0, 7);
    training.set(session, [...(training.get(session) ?? []), t]);

    // Now and then an incident during the tour.
    const lastDay = tour.end < o.today ? tour.end : o.today;
    if (rng.chance(0.05) && addDays(tour.start, 14) < lastDay) {
      const kind = rng.weighted(incidentKinds);
      const occurredOn = addDays(
        tour.start,
        rng.int(
          14,
          Math.max(14, Math.round((Date.parse(lastDay) - Date.parse(tour.start)) / 864e5)),
        ),
      );
      const incidentId = ids.uuid();
      const closed = addDays(occurredOn, 45) < o.today;
      incidentRows.push({
        id: incidentId,
        missionId: mId,
        type: kind.type,
        severity: rng.weighted([
          ['low', 50],
          ['moderate', 35],
          ['high', 12],
          ['critical', 3],
        ] as const),
        occurredOn,
        place: tour.location,
        narrative: kind.narrative,
        actions: kind.actions,
        status: closed ? 'closed' : 'under_review',
        closedAt: closed ? at(addDays(occurredOn, 30)) : null,
        createdAt: at(occurredOn, 18),
        updatedAt: at(closed ? addDays(occurredOn, 30) : occurredOn, 18),
      });
      involved.push({ incidentId, officerId });
    }
  }

  // Pre-deployment training: one course, a session the month before each month's departures
  // (at most 500 a session), passed, with its two-year certificate.
  const sessionRows: Array<typeof courseSessions.$inferInsert> = [];
  const enrolmentRows: Array<typeof enrolments.$inferInsert> = [];
  const certificateRows: Array<typeof certificates.$inferInsert> = [];
  if (training.size) {
    const courseId = await pdtCourse(tx, now);
    for (const [month, tourIndices] of [...training].sort(([a], [b]) => a.localeCompare(b))) {
      const startsOn = addDays(monthStart(monthIndex(month) - 1), 7);
      const endsOn = addDays(startsOn, 11);
      const done = endsOn < o.today;
      for (let i = 0; i < tourIndices.length; i += 500) {
        const group = tourIndices.slice(i, i + 500);
        const sessionId = ids.uuid();
        sessionRows.push({
          courseId,
          id: sessionId,
          startsOn,
          endsOn,
          place: 'Canadian Police College, Ottawa',
          capacity: Math.max(group.length, 24),
          language: 'bilingual',
          status: done ? 'completed' : 'scheduled',
          createdAt: at(addDays(startsOn, -90)),
          updatedAt: at(done ? endsOn : addDays(startsOn, -90)),
        });
        for (const t of group) {
          const tour = plan.tours[t]!;
          const officerId = officerIds[tour.officer]!;
          const enrolmentId = ids.uuid();
          enrolmentRows.push({
            id: enrolmentId,
            sessionId,
            officerId,
            status: done ? 'passed' : 'enrolled',
            grade: done ? rng.int(72, 98) : null,
            createdAt: at(addDays(startsOn, -60)),
            updatedAt: at(done ? endsOn : addDays(startsOn, -60)),
          });
          if (done)
            certificateRows.push({
              id: ids.uuid(),
              officerId,
              courseId,
              enrolmentId,
              issuedOn: endsOn,
              expiresOn: tourEndOf(endsOn, 24),
              createdAt: at(endsOn, 20),
            });
        }
      }
    }
  }

  // Evaluations: each mission with deployments, a periodic one a year, one at its end.
  const evaluationRows: Array<typeof evaluations.$inferInsert> = [];
  const years = new Map<string, Map<number, number>>();
  for (const [t] of deploymentOf) {
    const tour = plan.tours[t]!;
    const byYear = years.get(tour.mission) ?? new Map<number, number>();
    years.set(tour.mission, byYear);
    const y0 = Number(tour.start.slice(0, 4));
    const y1 = Number(tour.end.slice(0, 4));
    for (let y = y0; y <= y1; y++) byYear.set(y, (byYear.get(y) ?? 0) + 1);
  }
  const thisYear = Number(o.today.slice(0, 4));
  for (const [code, byYear] of [...years].sort(([a], [b]) => a.localeCompare(b))) {
    const mission = acronyms.get(code)!;
    for (const [year, n] of [...byYear].sort(([a], [b]) => a - b)) {
      if (year >= thisYear) continue;
      const periodStart = `${year}-01-01` < mission.startDate ? mission.startDate : `${year}-01-01`;
      const periodEnd =
        mission.endDate !== null && mission.endDate < `${year}-12-31`
          ? mission.endDate
          : `${year}-12-31`;
      if (periodEnd < periodStart) continue;
      const endOfMission = mission.endDate !== null && mission.endDate.slice(0, 4) === String(year);
      evaluationRows.push({
        id: ids.uuid(),
        missionId: missionId(code),
        kind: endOfMission ? 'end_of_mission' : 'periodic',
        periodStart,
        periodEnd,
        rating: rng.weighted([
          ['exceeded', 15],
          ['met', 55],
          ['partially_met', 25],
          ['not_met', 5],
        ] as const),
        indicators: [
          { name: 'Canadian officers deployed during the year', value: String(n) },
          { name: 'Posts filled on time', value: `${rng.int(80, 100)}%`, target: '90%' },
        ],
        lessonsLearned:
          'Hand-overs of at least a week between outgoing and incoming officers kept the mentoring relationships going.',
        recommendations:
          'Keep pre-deployment training close to departure; brief successors on local partners.',
        createdAt: at(`${year + 1}-02-15`),
        updatedAt: at(`${year + 1}-02-15`),
      });
    }
  }

  await bulkInsert(tx, officers, officerRows, 10_000);
  await bulkInsert(tx, priorMissions, prior, 10_000);
  await bulkInsert(tx, posts, postRows, 10_000);
  // Predecessors first: a deployment names the one it takes over from.
  await bulkInsert(tx, deployments, deploymentRows, 10_000);
  await bulkInsert(tx, deploymentMoves, moveRows, 20_000);
  await bulkInsert(tx, deploymentExtensions, extensionRows, 10_000);
  await bulkInsert(tx, courseSessions, sessionRows, 10_000);
  await bulkInsert(tx, enrolments, enrolmentRows, 10_000);
  await bulkInsert(tx, certificates, certificateRows, 10_000);
  await bulkInsert(tx, incidents, incidentRows, 10_000);
  await bulkInsert(tx, incidentOfficers, involved, 10_000);
  await bulkInsert(tx, evaluations, evaluationRows, 10_000);
  const checkInCount = await writeCheckIns(
    tx,
    deploymentRows
      .filter((d) => d.actualStart && Number(d.actualStart.slice(0, 4)) >= o.checkInsSince)
      .map((d) => d.id!),
    o.today,
    now,
  );

  const toured = new Set(plan.tours.map((t) => t.mission));
  return {
    officers: officerRows.length,
    priorTours: prior.length,
    deployments: deploymentRows.length,
    posts: postRows.length,
    moves: moveRows.length,
    checkIns: checkInCount,
    extensions: extensionRows.length,
    enrolments: enrolmentRows.length,
    certificates: certificateRows.length,
    incidents: incidentRows.length,
    evaluations: evaluationRows.length,
    events: moveRows.length + checkInCount,
    countries: new Set([...toured].map((c) => acronyms.get(c)!.hostCountryCode)).size,
    missions: toured.size,
  };
}

/** The pre-deployment course (the demo's catalogue has the same), made when missing. */
async function pdtCourse(tx: Tx, now: Date): Promise<string> {
  await tx
    .insert(courses)
    .values({
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
      requiredFor: { everyone: true, postTypes: [], teams: [], missionCodes: [] },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: courses.code });
  const [row] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.code, 'PDT'));
  return row!.id;
}

/**
 * A weekly check-in for each deployment from a week after arrival to its return (or today),
 * written by the database (over a million rows at the large scale): ids and statuses derived
 * from the deployment's id and the week, so the same history gives the same rows.
 */
async function writeCheckIns(tx: Tx, deploymentIds: string[], today: IsoDate, now: Date) {
  let total = 0;
  for (let i = 0; i < deploymentIds.length; i += 5000) {
    const batch = JSON.stringify(deploymentIds.slice(i, i + 5000));
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`with inserted as (
            insert into ${checkIns} (id, deployment_id, mission_id, status, location, at, recorded_by_role)
            select md5(d.id::text || ':' || w.n)::uuid, d.id, d.mission_id,
                   case when get_byte(decode(md5(d.id::text || ':' || w.n), 'hex'), 0) < 249 then 'ok'
                        when get_byte(decode(md5(d.id::text || ':' || w.n), 'hex'), 0) < 254 then 'needs_support'
                        else 'urgent' end,
                   d.location,
                   (d.actual_start + w.n * 7)::timestamp at time zone 'UTC'
                     + make_interval(hours => 8 + get_byte(decode(md5(d.id::text || ':' || w.n), 'hex'), 1) % 10),
                   'officer'
              from ${deployments} d
              cross join lateral generate_series(
                1, ((least(coalesce(d.actual_end, ${today}::date), ${today}::date) - d.actual_start) / 7)::int
              ) as w(n)
             where d.id in (select value::uuid from jsonb_array_elements_text(${batch}::jsonb))
               and (d.actual_start + w.n * 7)::timestamp at time zone 'UTC' <= ${now.toISOString()}::timestamptz
            returning 1)
          select count(*)::int as n from inserted`,
    );
    total += row?.n ?? 0;
  }
  return total;
}
