import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../kernel/db/client.ts';
import { toursOnRecord } from '../statistics/statistics.ts';
import type { Column, ReportTable, Row } from './tables.ts';

/**
 * The program's reports: each says which filters it takes, its columns, and the one query that
 * computes it from the records. Aggregates only: no report has a column that names a person.
 */
export const filterKeys = [
  'from',
  'to',
  'missionId',
  'countryCode',
  'organizationCode',
  'agencyId',
  'role',
  'gender',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type ReportFilters = Partial<Record<FilterKey, string>>;

export type ReportChart =
  { category: string; series: string[] } | { category: string; stackBy: string; value: string };

export interface ReportDefinition {
  filters: readonly FilterKey[];
  columns: Column[];
  /**
   * How a chart draws the report: a bar per `category` value, stacking either the counts of the
   * `series` columns, or (`stackBy`) one count column split by another column's values.
   */
  chart: ReportChart | null;
  build(db: Db, f: ReportFilters, today: string): Promise<Row[]>;
}

const count = (key: string): Column => ({ key, kind: 'count' });
const percent = (key: string): Column => ({ key, kind: 'percent' });
const mission: Column = { key: 'mission', kind: 'text' };

/** Deployed now: on the way, in theatre, working remotely, or on the way home. */
const deployedNow = sql`('in_transit','in_theatre','remote','repatriating')`;

/** `and ...` conditions, or nothing: each filter the report takes narrows on its own column. */
function where(parts: Array<SQL | null | false | '' | undefined>): SQL {
  const kept = parts.filter((p): p is SQL => !!p);
  return kept.length ? sql` and ${sql.join(kept, sql` and `)}` : sql``;
}
const missionFilters = (f: ReportFilters, m = sql.raw('m')) => [
  f.missionId && sql`${m}.id = ${f.missionId}::uuid`,
  f.countryCode && sql`${m}.host_country_code = ${f.countryCode}`,
  f.organizationCode && sql`${m}.organization_code = ${f.organizationCode}`,
];
const officerFilters = (f: ReportFilters, o = sql.raw('o')) => [
  f.agencyId && sql`${o}.agency_id = ${f.agencyId}::uuid`,
  f.gender && sql`${o}.gender = ${f.gender}`,
];
const roleFilter = (f: ReportFilters, p = sql.raw('p')) =>
  f.role && sql`${p}.post_type_code = ${f.role}`;
/** A span (start, end) meets the period [from, to]. */
const overlaps = (f: ReportFilters, start: SQL, end: SQL) => [
  f.from && sql`${end} >= ${f.from}::date`,
  f.to && sql`${start} <= ${f.to}::date`,
];
const within = (f: ReportFilters, at: SQL) => [
  f.from && sql`${at} >= ${f.from}::date`,
  f.to && sql`${at} < (${f.to}::date + 1)`,
];
const share = (part: SQL, whole: SQL) =>
  sql`case when ${whole} = 0 then null else round(100.0 * ${part} / ${whole}, 1)::float8 end`;

export const reports = {
  /** Officers deployed during each year (or month), by mission: the program over time. */
  'deployments-over-time': {
    filters: ['from', 'to', 'missionId', 'countryCode', 'organizationCode', 'agencyId', 'gender'],
    columns: [
      { key: 'period', kind: 'text' },
      mission,
      count('officers'),
      count('women'),
      percent('womenShare'),
    ],
    chart: { category: 'period', stackBy: 'mission', value: 'officers' },
    build: (db, f, today) =>
      queryRows<Row>(
        db,
        sql`with t as (${toursOnRecord(today)}),
            years as (
              select generate_series(
                       coalesce(extract(year from ${f.from ?? null}::date)::int,
                                (select extract(year from min(start_date))::int from t), 1989),
                       extract(year from coalesce(${f.to ?? null}::date, ${today}::date))::int) as year)
            select y.year::text as period, m.acronym as mission,
                   count(distinct t.officer_id)::int as officers,
                   count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women,
                   ${share(
                     sql`count(distinct t.officer_id) filter (where o.gender = 'woman')`,
                     sql`count(distinct t.officer_id)`,
                   )} as "womenShare"
              from years y
              join t on t.start_date <= make_date(y.year, 12, 31) and t.end_date >= make_date(y.year, 1, 1)
              join missions m on m.id = t.mission_id
              join officers o on o.id = t.officer_id
             where true ${where([
               ...overlaps(f, sql`t.start_date`, sql`t.end_date`),
               ...missionFilters(f),
               ...officerFilters(f),
             ])}
             group by y.year, m.acronym
             order by y.year desc, officers desc, m.acronym`,
      ),
  },

  /** What each partner agency has given: officers ever deployed, tours, deployed now, women. */
  'agency-contributions': {
    filters: ['from', 'to', 'missionId', 'countryCode', 'organizationCode', 'agencyId', 'gender'],
    columns: [
      { key: 'agency', kind: 'bilingual' },
      count('officers'),
      count('tours'),
      count('deployedNow'),
      count('women'),
      percent('womenShare'),
    ],
    chart: { category: 'agency', series: ['officers'] },
    build: (db, f, today) =>
      queryRows<Row>(
        db,
        sql`with t as (${toursOnRecord(today)})
            select json_build_object('en', a.name_en, 'fr', a.name_fr) as agency,
                   count(distinct t.officer_id)::int as officers,
                   count(*)::int as tours,
                   count(distinct t.officer_id) filter (where t.running)::int as "deployedNow",
                   count(distinct t.officer_id) filter (where o.gender = 'woman')::int as women,
                   ${share(
                     sql`count(distinct t.officer_id) filter (where o.gender = 'woman')`,
                     sql`count(distinct t.officer_id)`,
                   )} as "womenShare"
              from t
              join officers o on o.id = t.officer_id
              join agencies a on a.id = o.agency_id
              left join missions m on m.id = t.mission_id
             where true ${where([
               ...overlaps(f, sql`t.start_date`, sql`t.end_date`),
               ...(f.missionId || f.countryCode || f.organizationCode
                 ? [sql`m.id is not null`, ...missionFilters(f)]
                 : []),
               ...officerFilters(f),
             ])}
             group by a.id, a.name_en, a.name_fr
             order by officers desc, a.name_en`,
      ),
  },
  /** Who is deployed now, by mission and town: in theatre or remote, and how many women. */
  'current-contingent': {
    filters: ['missionId', 'countryCode', 'organizationCode', 'agencyId', 'role', 'gender'],
    columns: [
      mission,
      { key: 'location', kind: 'text' },
      count('inTheatre'),
      count('remote'),
      count('inTransit'),
      count('total'),
      count('women'),
      percent('womenShare'),
    ],
    chart: { category: 'mission', series: ['inTheatre', 'remote', 'inTransit'] },
    build: (db, f) =>
      queryRows<Row>(
        db,
        sql`select m.acronym as mission, coalesce(d.location, '') as location,
                   count(*) filter (where d.state = 'in_theatre')::int as "inTheatre",
                   count(*) filter (where d.state = 'remote')::int as remote,
                   count(*) filter (where d.state in ('in_transit','repatriating'))::int as "inTransit",
                   count(*)::int as total,
                   count(*) filter (where o.gender = 'woman')::int as women,
                   ${share(sql`count(*) filter (where o.gender = 'woman')`, sql`count(*)`)} as "womenShare"
              from deployments d
              join missions m on m.id = d.mission_id
              join officers o on o.id = d.officer_id
              left join posts p on p.id = d.post_id
             where d.state in ${deployedNow}
                   ${where([...missionFilters(f), ...officerFilters(f), roleFilter(f)])}
             group by m.acronym, coalesce(d.location, '')
             order by m.acronym, location`,
      ),
  },

  /** Posts filled by role and specialised team: tours that began, women among them, on now. */
  'roles-and-teams': {
    filters: ['from', 'to', 'missionId', 'countryCode', 'organizationCode', 'agencyId', 'gender'],
    columns: [
      { key: 'role', kind: 'bilingual' },
      { key: 'team', kind: 'bilingual' },
      count('tours'),
      count('women'),
      percent('womenShare'),
      count('deployedNow'),
    ],
    chart: { category: 'role', series: ['tours'] },
    build: (db, f, today) =>
      queryRows<Row>(
        db,
        sql`select json_build_object('en', pt.name_en, 'fr', pt.name_fr) as role,
                   case when r.code is null then null
                        else json_build_object('en', r.name_en, 'fr', r.name_fr) end as team,
                   count(*)::int as tours,
                   count(*) filter (where o.gender = 'woman')::int as women,
                   ${share(sql`count(*) filter (where o.gender = 'woman')`, sql`count(*)`)} as "womenShare",
                   count(*) filter (where d.state in ${deployedNow})::int as "deployedNow"
              from deployments d
              join posts p on p.id = d.post_id
              join post_types pt on pt.code = p.post_type_code
              left join mission_roles r on r.code = p.team_code
              join missions m on m.id = d.mission_id
              join officers o on o.id = d.officer_id
             where d.actual_start is not null and d.state <> 'withdrawn'
                   ${where([
                     ...overlaps(
                       f,
                       sql`d.actual_start`,
                       sql`coalesce(d.actual_end, d.planned_end, ${today}::date)`,
                     ),
                     ...missionFilters(f),
                     ...officerFilters(f),
                   ])}
             group by pt.code, pt.name_en, pt.name_fr, r.code, r.name_en, r.name_fr
             order by tours desc, pt.name_en`,
      ),
  },

  /** Deployments on their way to theatre, by mission and state (the selection-to-travel pipeline). */
  'readiness-pipeline': {
    filters: [
      'from',
      'to',
      'missionId',
      'countryCode',
      'organizationCode',
      'agencyId',
      'role',
      'gender',
    ],
    columns: [
      mission,
      count('selected'),
      count('preparing'),
      count('ready'),
      count('inTransit'),
      count('total'),
      count('women'),
    ],
    chart: { category: 'mission', series: ['selected', 'preparing', 'ready', 'inTransit'] },
    build: (db, f) =>
      queryRows<Row>(
        db,
        sql`select m.acronym as mission,
                   count(*) filter (where d.state = 'selected')::int as selected,
                   count(*) filter (where d.state = 'preparing')::int as preparing,
                   count(*) filter (where d.state = 'ready')::int as ready,
                   count(*) filter (where d.state = 'in_transit')::int as "inTransit",
                   count(*)::int as total,
                   count(*) filter (where o.gender = 'woman')::int as women
              from deployments d
              join missions m on m.id = d.mission_id
              join officers o on o.id = d.officer_id
              left join posts p on p.id = d.post_id
             where d.state in ('selected','preparing','ready','in_transit')
                   ${where([
                     ...within(f, sql`d.planned_start`),
                     ...missionFilters(f),
                     ...officerFilters(f),
                     roleFilter(f),
                   ])}
             group by m.acronym
             order by m.acronym`,
      ),
  },

  /** Results of training by course and year: passed, failed, attended (no pass mark), women passed. */
  'training-completions': {
    filters: ['from', 'to', 'agencyId', 'gender'],
    columns: [
      { key: 'course', kind: 'bilingual' },
      { key: 'year', kind: 'text' },
      count('passed'),
      count('failed'),
      count('attended'),
      count('womenPassed'),
      percent('passRate'),
    ],
    chart: { category: 'course', series: ['passed', 'failed', 'attended'] },
    build: (db, f) =>
      queryRows<Row>(
        db,
        sql`select json_build_object('en', c.name_en, 'fr', c.name_fr) as course,
                   extract(year from s.ends_on)::int::text as year,
                   count(*) filter (where e.status = 'passed')::int as passed,
                   count(*) filter (where e.status = 'failed')::int as failed,
                   count(*) filter (where e.status = 'attended')::int as attended,
                   count(*) filter (where e.status = 'passed' and o.gender = 'woman')::int as "womenPassed",
                   ${share(
                     sql`count(*) filter (where e.status = 'passed')`,
                     sql`count(*) filter (where e.status in ('passed','failed'))`,
                   )} as "passRate"
              from enrolments e
              join course_sessions s on s.id = e.session_id
              join courses c on c.id = s.course_id
              join officers o on o.id = e.officer_id
             where e.status in ('passed','failed','attended')
                   ${where([...within(f, sql`s.ends_on`), ...officerFilters(f)])}
             group by c.id, c.name_en, c.name_fr, extract(year from s.ends_on)
             order by year desc, c.name_en`,
      ),
  },

  /** Check-ins by mission over the period: how many, how many asked for support, and alerts for missed ones. */
  'check-in-compliance': {
    filters: ['from', 'to', 'missionId', 'countryCode', 'organizationCode'],
    columns: [
      mission,
      count('checkIns'),
      count('ok'),
      count('needsSupport'),
      count('urgent'),
      count('missedReminders'),
      count('missedEscalated'),
      percent('escalatedShare'),
    ],
    chart: { category: 'mission', series: ['ok', 'needsSupport', 'urgent'] },
    build: (db, f) =>
      queryRows<Row>(
        db,
        sql`with c as (
              select ci.mission_id,
                     count(*)::int as "checkIns",
                     count(*) filter (where ci.status = 'ok')::int as ok,
                     count(*) filter (where ci.status = 'needs_support')::int as "needsSupport",
                     count(*) filter (where ci.status = 'urgent')::int as urgent
                from check_ins ci
               where true ${where(within(f, sql`ci.at`))}
               group by ci.mission_id),
            a as (
              select al.mission_id,
                     count(distinct (al.deployment_id, al.due_at)) filter (where al.step = 'reminder')::int as "missedReminders",
                     count(distinct (al.deployment_id, al.due_at)) filter (where al.step in ('commander','duty_officer'))::int as "missedEscalated"
                from check_in_alerts al
               where al.step in ('reminder','commander','duty_officer') ${where(within(f, sql`al.sent_at`))}
               group by al.mission_id)
            select m.acronym as mission,
                   coalesce(c."checkIns", 0) as "checkIns", coalesce(c.ok, 0) as ok,
                   coalesce(c."needsSupport", 0) as "needsSupport", coalesce(c.urgent, 0) as urgent,
                   coalesce(a."missedReminders", 0) as "missedReminders",
                   coalesce(a."missedEscalated", 0) as "missedEscalated",
                   ${share(sql`coalesce(a."missedEscalated", 0)`, sql`coalesce(a."missedReminders", 0)`)} as "escalatedShare"
              from missions m
              left join c on c.mission_id = m.id
              left join a on a.mission_id = m.id
             where (c.mission_id is not null or a.mission_id is not null) ${where(missionFilters(f))}
             order by m.acronym`,
      ),
  },

  /** Incidents by type and severity: counts only, never their content. */
  'incidents-by-type': {
    filters: ['from', 'to', 'missionId', 'countryCode', 'organizationCode'],
    columns: [
      { key: 'type', kind: 'code', codes: 'incidents:types' },
      count('low'),
      count('moderate'),
      count('high'),
      count('critical'),
      count('total'),
      count('open'),
    ],
    chart: { category: 'type', series: ['low', 'moderate', 'high', 'critical'] },
    build: (db, f) =>
      queryRows<Row>(
        db,
        sql`select i.type,
                   count(*) filter (where i.severity = 'low')::int as low,
                   count(*) filter (where i.severity = 'moderate')::int as moderate,
                   count(*) filter (where i.severity = 'high')::int as high,
                   count(*) filter (where i.severity = 'critical')::int as critical,
                   count(*)::int as total,
                   count(*) filter (where i.status <> 'closed')::int as open
              from incidents i
              join missions m on m.id = i.mission_id
             where true ${where([...within(f, sql`i.occurred_on`), ...missionFilters(f)])}
             group by i.type
             order by total desc, i.type`,
      ),
  },
} satisfies Record<string, ReportDefinition>;

export type ReportId = keyof typeof reports;
export const reportIds = Object.keys(reports) as ReportId[];

export function isReportId(value: string): value is ReportId {
  return Object.hasOwn(reports, value);
}

/** The report computed with only the filters it takes (others are ignored, not an error). */
export async function buildReport(
  db: Db,
  id: ReportId,
  filters: ReportFilters,
  today: string,
): Promise<ReportTable> {
  const definition: ReportDefinition = reports[id];
  const f = Object.fromEntries(
    definition.filters.filter((k) => filters[k]).map((k) => [k, filters[k]]),
  ) as ReportFilters;
  return { columns: definition.columns, rows: await definition.build(db, f, today) };
}
