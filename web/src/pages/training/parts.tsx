import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { intlLocale, type Lang } from '../../lib/lang.ts';
import type { CodeList } from '../../lib/reference.ts';
import {
  linkable,
  type CourseRef,
  type CourseRequirement,
  type DeploymentState,
  type EnrolmentStatus,
  type ReadinessItem,
  type ReadinessStatus,
} from '../../lib/training.ts';

/** "PDT – Pre-deployment training". */
export function courseLabel(lang: Lang, course: CourseRef): string {
  return `${course.code} – ${nameIn(lang, course)}`;
}

/** "March 2, 2026 to March 13, 2026", or one date for a one-day session. */
export function datesText(t: TFunction, lang: Lang, start: string, end: string): string {
  if (start === end) return formatDate(lang, start);
  return t('training:dates', { start: formatDate(lang, start), end: formatDate(lang, end) });
}

/** Where a session is held: the place, and "Virtual" with its link. */
export function SessionPlace({
  place,
  virtualLink,
}: {
  place: string | null;
  virtualLink: string | null;
}) {
  const { t } = useTranslation('training');
  const href = linkable(virtualLink);
  return (
    <>
      {place ? <span>{place}</span> : null}
      {place && virtualLink ? <br /> : null}
      {virtualLink ? (
        <span>
          {t('place.virtual')}
          {' – '}
          {href ? (
            <a href={href} rel="noopener noreferrer" className="code">
              {virtualLink}
            </a>
          ) : (
            <span className="code">{virtualLink}</span>
          )}
        </span>
      ) : null}
      {!place && !virtualLink ? '—' : null}
    </>
  );
}

const enrolmentTag: Record<EnrolmentStatus, string> = {
  enrolled: 'tag tag--post-vacant',
  waitlisted: 'tag tag--due-soon',
  withdrawn: 'tag tag--pending',
  attended: 'tag',
  absent: 'tag tag--pending',
  passed: 'tag tag--in-force',
  failed: 'tag tag--oppose',
};

/** An enrolment's status in words, with a border style (never colour alone). */
export function EnrolmentStatusTag({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation('training');
  return <span className={enrolmentTag[status]}>{t(`enrolmentStatuses.${status}`)}</span>;
}

const deploymentTag: Partial<Record<DeploymentState, string>> = {
  selected: 'tag tag--due-soon',
  preparing: 'tag tag--post-vacant',
  ready: 'tag tag--in-force',
  withdrawn: 'tag tag--pending',
  closed: 'tag tag--pending',
};

/** A deployment's state in words. */
export function DeploymentStateTag({ state }: { state: DeploymentState }) {
  const { t } = useTranslation('training');
  return <span className={deploymentTag[state] ?? 'tag'}>{t(`deploymentStates.${state}`)}</span>;
}

const readinessTag: Record<ReadinessStatus, string> = {
  done: 'tag tag--valid',
  missing: 'tag tag--expired',
  expiring: 'tag tag--expiring',
};

/** A readiness item's status in words ("Done", "Missing", "Expires too soon"), with a mark for "not". */
export function ReadinessTag({ status }: { status: ReadinessStatus }) {
  const { t } = useTranslation('training');
  return (
    <span className={readinessTag[status]}>
      {status !== 'done' ? (
        <span className="tag__mark" aria-hidden="true">
          !{' '}
        </span>
      ) : null}
      {t(`readinessStatuses.${status}`)}
    </span>
  );
}

/** The first letter in upper case, as the language writes it. */
function capitalized(lang: Lang, text: string): string {
  return text.charAt(0).toLocaleUpperCase(intlLocale(lang)) + text.slice(1);
}

/** A readiness item's label: "Mandatory course: PDT", "Visa: Mali", "Vaccination: Yellow fever". */
export function itemLabel(
  t: TFunction,
  lang: Lang,
  item: ReadinessItem,
  countries: CodeList<{ code: string; nameEn: string; nameFr: string }>,
): string {
  const base = capitalized(
    lang,
    t(`errors:readinessItems.${item.item}`, { defaultValue: item.item.replace(/_/g, ' ') }),
  );
  const detail =
    item.item === 'course'
      ? String(item.params.course ?? '')
      : item.item === 'vaccination'
        ? t(`training:vaccines.${String(item.params.vaccine ?? item.ref ?? '')}`, {
            defaultValue: String(item.params.vaccine ?? item.ref ?? ''),
          })
        : item.item === 'visa'
          ? countries.name(String(item.params.country ?? ''))
          : '';
  return detail ? t('training:readiness.itemWith', { item: base, detail }) : base;
}

/** Who must take a course, in words. */
export function requirementText(
  t: TFunction,
  r: CourseRequirement,
  postTypes: CodeList<{ code: string; nameEn: string; nameFr: string }>,
  teams: CodeList<{ code: string; nameEn: string; nameFr: string }>,
): string {
  if (r.everyone) return t('training:requiredFor.everyone');
  const parts: string[] = [];
  if (r.postTypes.length > 0)
    parts.push(
      t('training:requiredFor.postTypes', {
        list: r.postTypes.map((c) => postTypes.name(c)).join(', '),
      }),
    );
  if (r.teams.length > 0)
    parts.push(
      t('training:requiredFor.teams', { list: r.teams.map((c) => teams.name(c)).join(', ') }),
    );
  if (r.missionCodes.length > 0)
    parts.push(t('training:requiredFor.missions', { list: r.missionCodes.join(', ') }));
  return parts.length > 0 ? parts.join('; ') : t('training:requiredFor.nobody');
}

/** "12 of 20". */
export function seatsText(t: TFunction, lang: Lang, taken: number, capacity: number): string {
  return t('training:seats', {
    taken: formatNumber(lang, taken),
    capacity: formatNumber(lang, capacity),
  });
}
