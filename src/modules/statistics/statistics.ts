import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../kernel/db/client.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import type { DeployedNow, Figures, NamedMission } from './rules.ts';

/**
 * The program's figures, computed from the records (DESIGN.md section 1: "over 4,000 officers in
 * over 33 countries since 1989" must come out of the data).
 *
 * The tours on record are
 *  (a) the deployments that began (`actual_start` set: the day of arrival in theatre or the first
 *      day of remote or virtual work) and were not withdrawn; a tour ends on its `actual_end`, or
 *      its planned end while it runs. Those in transit (back to theatre), in theatre, remote or
 *      repatriating are deployed now: in theatre, remote (state remote: mode remote, or virtual
 *      before travel), or travelling (in transit back to theatre, repatriating). A deployment in
 *      transit on its way out has not begun: it counts once the officer arrives;
 *  (b) the history loaded in `prior_missions` (tours before the system), except a tour that is
 *      also a deployment (same officer, same mission, overlapping days), counted once. A prior
 *      tour whose mission is not linked counts as a tour and a person, not as a country or a
 *      mission; one without an end date is still running (it ends today), as the agencies'
 *      contribution ledger has always read it. One still running today is deployed now too, in
 *      its own part of the split ('history': the records do not say where the officer works).
 *
 * Columns: officer_id, mission_id (null: not linked), start_date, end_date, now ('theatre',
 * 'remote', 'travelling', 'history' or null: not deployed now), running (now is not null).
 */
export function toursOnRecord(today: IsoDate): SQL {
  return sql`
    select d.officer_id, d.mission_id, d.actual_start as start_date,
           coalesce(d.actual_end, d.planned_end) as end_date,
           case
             when d.state not in ('in_transit', 'in_theatre', 'remote', 'repatriating') then null
             when d.state = 'in_theatre' then 'theatre'
             when d.state = 'remote' then 'remote'
             else 'travelling'
           end as now,
           d.state in ('in_transit', 'in_theatre', 'remote', 'repatriating') as running
      from deployments d
     where d.actual_start is not null and d.state <> 'withdrawn'
    union all
    select pm.officer_id, pm.mission_id, pm.start_date, coalesce(pm.end_date, ${today}::date),
           case when pm.end_date is null or pm.end_date >= ${today}::date then 'history' end,
           pm.end_date is null or pm.end_date >= ${today}::date
      from prior_missions pm
     where pm.start_date <= ${today}::date
       and not exists (
             select 1 from deployments d
              where d.officer_id = pm.officer_id and d.mission_id = pm.mission_id
                and d.actual_start is not null and d.state <> 'withdrawn'
                and d.actual_start <= coalesce(pm.end_date, ${today}::date)
                and coalesce(d.actual_end, d.planned_end) >= pm.start_date)`;
}

const missionColumns = sql`m.code, m.acronym, m.name_en as "nameEn", m.name_fr as "nameFr",
  c.code as "countryCode", c.iso3, c.name_en as "countryNameEn", c.name_fr as "countryNameFr"`;

const nowColumns = sql`count(distinct t.officer_id) filter (where t.now is not null)::int as total,
  count(distinct t.officer_id) filter (where t.now = 'theatre')::int as "inTheatre",
  count(distinct t.officer_id) filter (where t.now = 'remote')::int as remote,
  count(distinct t.officer_id) filter (where t.now = 'travelling')::int as travelling,
  count(distinct t.officer_id) filter (where t.now = 'history')::int as history`;

/** Every figure of the dashboard and the public page, as of `today`. Aggregates only. */
export async function computeFigures(db: Db, today: IsoDate): Promise<Figures> {
  const tours = toursOnRecord(today);
  const [totals] = await queryRows<{
    since: number | null;
    officersDeployed: number;
    women: number;
    tours: number;
    unlinkedTours: number;
    countries: number;
    missions: number;
  }>(
    db,
    sql`with t as (${tours})
        select extract(year from min(t.start_date))::int as since,
               count(distinct t.officer_id)::int as "officersDeployed",
               count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women,
               count(*)::int as tours,
               count(*) filter (where t.mission_id is null)::int as "unlinkedTours",
               count(distinct m.host_country_code)::int as countries,
               count(distinct t.mission_id)::int as missions
          from t join officers o on o.id = t.officer_id
          left join missions m on m.id = t.mission_id`,
  );
  const [deployedNow] = await queryRows<DeployedNow>(
    db,
    sql`with t as (${tours}) select ${nowColumns} from t`,
  );
  const byAgency = await queryRows<Figures['byAgency'][number]>(
    db,
    sql`with t as (${tours})
        select a.code, a.name_en as "nameEn", a.name_fr as "nameFr",
               count(distinct t.officer_id)::int as officers,
               count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women,
               count(*)::int as tours,
               count(distinct t.officer_id) filter (where t.now is not null)::int as "deployedNow"
          from t join officers o on o.id = t.officer_id join agencies a on a.id = o.agency_id
         group by a.id order by officers desc, a.code`,
  );
  const byYear = await queryRows<Figures['byYear'][number]>(
    db,
    sql`with t as (${tours}),
        years as (
          select generate_series((select extract(year from min(start_date))::int from t),
                                 extract(year from ${today}::date)::int) as year)
        select y.year,
               count(distinct t.officer_id)::int as deployed,
               count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women
          from years y
          left join t on t.start_date <= make_date(y.year, 12, 31)
                     and t.end_date >= make_date(y.year, 1, 1)
          left join officers o on o.id = t.officer_id
         group by y.year order by y.year`,
  );
  const byMission = await queryRows<Figures['byMission'][number]>(
    db,
    sql`with t as (${tours})
        select ${missionColumns},
               count(distinct t.officer_id)::int as officers,
               count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women,
               count(*)::int as tours
          from t join officers o on o.id = t.officer_id
          join missions m on m.id = t.mission_id join countries c on c.code = m.host_country_code
         group by m.id, c.code order by min(t.start_date), m.code`,
  );
  const countriesServed = await queryRows<Figures['countriesServed'][number]>(
    db,
    sql`with t as (${tours})
        select c.code, c.iso3, c.name_en as "nameEn", c.name_fr as "nameFr",
               count(distinct t.officer_id)::int as officers, count(*)::int as tours,
               extract(year from min(t.start_date))::int as "firstYear",
               extract(year from max(least(t.end_date, ${today}::date)))::int as "lastYear"
          from t join missions m on m.id = t.mission_id join countries c on c.code = m.host_country_code
         group by c.code order by c.name_en`,
  );
  const currentMissions = await queryRows<NamedMission & DeployedNow>(
    db,
    sql`with t as (${tours})
        select ${missionColumns}, ${nowColumns}
          from t join missions m on m.id = t.mission_id join countries c on c.code = m.host_country_code
         where t.now is not null
         group by m.id, c.code order by total desc, m.code`,
  );
  const [posts] = await queryRows<{
    sgbvPosts: number;
    sgbvFilled: number;
    adviserPosts: number;
    adviserFilled: number;
  }>(
    db,
    sql`select count(*) filter (where team_code = 'sgbv')::int as "sgbvPosts",
               count(*) filter (where team_code = 'sgbv' and status = 'filled')::int as "sgbvFilled",
               count(*) filter (where post_type_code = 'gender_adviser')::int as "adviserPosts",
               count(*) filter (where post_type_code = 'gender_adviser' and status = 'filled')::int
                 as "adviserFilled"
          from posts where status <> 'cancelled'`,
  );
  return {
    asOf: today,
    since: totals?.since ?? null,
    officersDeployed: totals?.officersDeployed ?? 0,
    women: totals?.women ?? 0,
    tours: totals?.tours ?? 0,
    unlinkedTours: totals?.unlinkedTours ?? 0,
    countries: totals?.countries ?? 0,
    missions: totals?.missions ?? 0,
    deployedNow: deployedNow ?? { total: 0, inTheatre: 0, remote: 0, travelling: 0, history: 0 },
    byAgency,
    byYear: byYear.filter((y) => y.year !== null),
    byMission,
    countriesServed,
    currentMissions,
    wpsPosts: {
      sgbvTeam: { posts: posts?.sgbvPosts ?? 0, filled: posts?.sgbvFilled ?? 0 },
      genderAdviser: { posts: posts?.adviserPosts ?? 0, filled: posts?.adviserFilled ?? 0 },
    },
  };
}

/**
 * The data version: the latest audit entry. Every change is audited in the transaction that makes
 * it, so a new entry is the signal that the figures may have moved (reads that are audited and
 * refused attempts move it too: a needless recomputation, never a stale answer).
 */
export async function dataVersion(db: Db): Promise<number> {
  const [row] = await queryRows<{ seq: number | string | null }>(
    db,
    sql`select max(seq) as seq from audit_entries`,
  );
  return Number(row?.seq ?? 0);
}

/**
 * The figures, computed once per data version and day (the day moves the years and what "now"
 * means): two calls with nothing changed in between answer from memory. Each app instance holds
 * its own copy; `computations` counts the real computations (tests and the benchmark read it).
 */
export function statisticsCache(
  compute: (db: Db, today: IsoDate) => Promise<Figures> = computeFigures,
) {
  let entry: { key: string; figures: Promise<Figures> } | null = null;
  const cache = {
    computations: 0,
    async figures(db: Db, today: IsoDate): Promise<Figures> {
      // The version is read before computing: a change during the computation is seen next time.
      const key = `${await dataVersion(db)}:${today}`;
      if (entry?.key !== key) {
        cache.computations += 1;
        const figures = compute(db, today);
        entry = { key, figures };
        figures.catch(() => {
          if (entry?.figures === figures) entry = null;
        });
      }
      return entry.figures;
    },
  };
  return cache;
}

export type StatisticsCache = ReturnType<typeof statisticsCache>;
