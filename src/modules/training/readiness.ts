import type { IsoDate } from '../../kernel/dates.ts';
import type { QualificationKind } from '../officers/schema.ts';
import type { CourseRequirement } from './schema.ts';

/**
 * Readiness: what a selected officer must have done before a deployment can be `ready`. Each
 * item is done, missing or expiring (held now, but not valid when it must be), with a message
 * key saying what to do. Pure: the facts come in as plain data.
 *
 * | item               | done when                                                              |
 * | ------------------ | ---------------------------------------------------------------------- |
 * | course (each)      | a certificate of each course the post type, team or mission requires,  |
 * |                    | valid on the deployment's start                                        |
 * | medical            | medical fitness valid on the start                                     |
 * | security_clearance | a clearance valid on the start                                         |
 * | passport           | a passport valid at least 6 months beyond the tour's end               |
 * | visa               | a visa or travel document for the host country valid on the start      |
 * | un_assessment      | UN missions: the UN assessment (SAAT/AMS) valid on the start           |
 * | vaccination (each) | each vaccination the mission requires, valid on the start              |
 */

export type ReadinessStatus = 'done' | 'missing' | 'expiring';

export interface ReadinessItem {
  item: string;
  /** The course's id, or the vaccine's code, for items that repeat. */
  ref: string | null;
  status: ReadinessStatus;
  /** Message key under `readiness.` and its values. */
  reason: string;
  params: Record<string, string | number>;
}

/** How far a passport must run beyond the tour's end. */
export const PASSPORT_MARGIN_MONTHS = 6;

export interface ReadinessFacts {
  deployment: { plannedStart: IsoDate; plannedEnd: IsoDate };
  post: { postTypeCode: string | null; teamCode: string | null };
  mission: {
    code: string;
    organizationCode: string;
    hostCountryCode: string;
    requiredVaccinations: string[];
  };
  courses: Array<{ id: string; code: string; requiredFor: CourseRequirement }>;
  certificates: Array<{ courseId: string; expiresOn: IsoDate | null }>;
  qualifications: Array<{
    kind: QualificationKind;
    code: string;
    passed: boolean | null;
    obtainedOn: IsoDate;
    expiresOn: IsoDate | null;
  }>;
  today: IsoDate;
}

/** Is a course required for this post and mission? */
export function requires(course: { requiredFor: CourseRequirement }, facts: ReadinessFacts) {
  const r = course.requiredFor;
  return (
    r.everyone ||
    (!!facts.post.postTypeCode && r.postTypes.includes(facts.post.postTypeCode)) ||
    (!!facts.post.teamCode && r.teams.includes(facts.post.teamCode)) ||
    r.missionCodes.includes(facts.mission.code)
  );
}

/** The date `months` calendar months later (a day the month lacks becomes its last day). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Done if something held is valid on `needed`; expiring if valid today only; else missing. */
function validityItem(
  item: string,
  ref: string | null,
  held: Array<{ expiresOn: IsoDate | null; obtainedOn?: IsoDate }>,
  needed: IsoDate,
  today: IsoDate,
  params: Record<string, string | number> = {},
): ReadinessItem {
  const latest = held.reduce<IsoDate | null | undefined>(
    (best, h) =>
      best === null || h.expiresOn === null
        ? null
        : !best || h.expiresOn > best
          ? h.expiresOn
          : best,
    undefined,
  );
  const at = { ...params, neededOn: needed };
  if (latest === undefined || (latest !== null && latest < today))
    return { item, ref, status: 'missing', reason: `readiness.${item}.missing`, params: at };
  if (latest !== null && latest < needed)
    return {
      item,
      ref,
      status: 'expiring',
      reason: `readiness.${item}.expiring`,
      params: { ...at, expiresOn: latest },
    };
  return { item, ref, status: 'done', reason: `readiness.${item}.done`, params: at };
}

export function readinessOf(facts: ReadinessFacts): ReadinessItem[] {
  const start = facts.deployment.plannedStart;
  const { today } = facts;
  const q = (kind: QualificationKind, code?: string) =>
    facts.qualifications.filter(
      (x) => x.kind === kind && x.passed !== false && (code === undefined || x.code === code),
    );
  const items: ReadinessItem[] = [];
  for (const course of facts.courses.filter((c) => requires(c, facts)))
    items.push(
      validityItem(
        'course',
        course.id,
        facts.certificates.filter((c) => c.courseId === course.id),
        start,
        today,
        { course: course.code },
      ),
    );
  items.push(validityItem('medical', null, q('medical'), start, today));
  items.push(validityItem('security_clearance', null, q('security_clearance'), start, today));
  items.push(
    validityItem(
      'passport',
      null,
      q('passport'),
      addMonths(facts.deployment.plannedEnd, PASSPORT_MARGIN_MONTHS),
      today,
      { months: PASSPORT_MARGIN_MONTHS },
    ),
  );
  items.push(
    validityItem('visa', null, q('visa', facts.mission.hostCountryCode), start, today, {
      country: facts.mission.hostCountryCode,
    }),
  );
  if (facts.mission.organizationCode === 'UN')
    items.push(validityItem('un_assessment', null, q('un_assessment'), start, today));
  for (const vaccine of facts.mission.requiredVaccinations)
    items.push(
      validityItem('vaccination', vaccine, q('vaccination', vaccine), start, today, { vaccine }),
    );
  return items;
}

/** Items that keep a deployment from `ready`. */
export const blocking = (items: ReadinessItem[]) => items.filter((i) => i.status !== 'done');
