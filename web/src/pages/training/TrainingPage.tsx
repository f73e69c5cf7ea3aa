import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import type { MissionRole } from '../../lib/api.ts';
import { formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import {
  sessionWindows,
  sessionsQuery,
  type Course,
  type SessionSummary,
} from '../../lib/training.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { courseLabel, datesText, requirementText, seatsText, SessionPlace } from './parts.tsx';

const filterNames = ['when', 'courseId'] as const;

export function TrainingPage() {
  const auth = useAuth();
  if (!auth.can('course.list')) return <NotFoundPage />;
  return <Catalogue />;
}

/** The course catalogue and its sessions; program staff add courses and schedule sessions. */
function Catalogue() {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  usePageTitle(t('catalogue.title'));
  const courses = useApi<Course[]>('/api/v1/courses');
  const added = (location.state as { courseAdded?: string } | null)?.courseAdded;

  return (
    <>
      <PageHeading>{t('catalogue.title')}</PageHeading>
      <p className="lead">{t('catalogue.intro')}</p>
      <SuccessNotice message={added ? t('catalogue.added', { code: added }) : null} />
      {auth.can('course.manage') || auth.can('session.manage') ? (
        <div className="button-row">
          {auth.can('course.manage') ? (
            <Link className="button-link" to={`/${lang}/training/courses/new`}>
              {t('catalogue.addCourse')}
            </Link>
          ) : null}
          {auth.can('session.manage') ? (
            <Link className="button-secondary-link" to={`/${lang}/training/sessions/new`}>
              {t('catalogue.schedule')}
            </Link>
          ) : null}
        </div>
      ) : null}
      {auth.can('officer.self') && auth.can('training.read') ? (
        <p>
          <Link to={`/${lang}/my-training`}>{t('catalogue.toMine')}</Link>
        </p>
      ) : null}
      {courses.status === 'error' ? <LoadError error={courses.error} /> : null}
      {courses.status === 'loading' ? <Loading /> : null}
      {courses.status === 'ready' ? (
        <>
          <CoursesSection courses={courses.data} />
          {auth.can('session.list') ? <SessionsSection courses={courses.data} /> : null}
        </>
      ) : null}
    </>
  );
}

function CoursesSection({ courses }: { courses: Course[] }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const postTypes = useCodeList('post-types');
  const teams = useCodeList<MissionRole>('mission-roles');
  return (
    <section aria-labelledby="training-courses">
      <h2 id="training-courses">{t('catalogue.coursesHeading')}</h2>
      {courses.length === 0 ? <p>{t('catalogue.noCourses')}</p> : null}
      {courses.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('catalogue.coursesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.columns.code')}</th>
                <th scope="col">{t('catalogue.columns.name')}</th>
                <th scope="col">{t('catalogue.columns.delivery')}</th>
                <th scope="col" className="numeric">
                  {t('catalogue.columns.duration')}
                </th>
                <th scope="col">{t('catalogue.columns.passMark')}</th>
                <th scope="col">{t('catalogue.columns.validity')}</th>
                <th scope="col">{t('catalogue.columns.requiredFor')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => {
                const description = lang === 'fr' ? c.descriptionFr : c.descriptionEn;
                return (
                  <tr key={c.id}>
                    <th scope="row" className="nowrap">
                      <span className="code">{c.code}</span>
                    </th>
                    <td>
                      {nameIn(lang, c)}
                      {description ? (
                        <>
                          <br />
                          <span className="secondary prewrap">{description}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{t(`deliveries.${c.delivery}`)}</td>
                    <td className="numeric nowrap">
                      {t('catalogue.days', {
                        count: c.durationDays,
                        days: formatNumber(lang, c.durationDays),
                      })}
                    </td>
                    <td>
                      {c.passMark === null
                        ? t('catalogue.passOrFail')
                        : t('percent', { value: formatNumber(lang, c.passMark) })}
                    </td>
                    <td>
                      {c.validityMonths === null
                        ? t('catalogue.noExpiry')
                        : t('catalogue.months', {
                            count: c.validityMonths,
                            months: formatNumber(lang, c.validityMonths),
                          })}
                    </td>
                    <td>{requirementText(t, c.requiredFor, postTypes, teams)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Sessions: upcoming by default, or those already started, or all; by course. */
function SessionsSection({ courses }: { courses: Course[] }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const { filters } = useListQuery(filterNames);
  const when = filters.when || 'upcoming';
  const sessions = useApi<SessionSummary[]>(
    `/api/v1/sessions?${sessionsQuery(when, filters.courseId ?? '')}`,
  );
  const data = sessions.status === 'ready' ? sessions.data : null;
  const specs: FilterSpec[] = [
    {
      name: 'when',
      label: t('sessions.filters.when'),
      type: 'select',
      options: sessionWindows.map((w) => ({ value: w, label: t(`sessions.windows.${w}`) })),
      defaultValue: 'upcoming',
    },
    {
      name: 'courseId',
      label: t('sessions.filters.course'),
      type: 'select',
      options: courses.map((c) => ({ value: c.id, label: courseLabel(lang, c) })),
    },
  ];
  const caption =
    when === 'earlier'
      ? t('sessions.captionEarlier')
      : when === 'all'
        ? t('sessions.captionAll')
        : t('sessions.captionUpcoming');

  return (
    <section aria-labelledby="training-sessions">
      <h2 id="training-sessions">{t('sessions.heading')}</h2>
      <FilterForm id="session-filters" filters={specs} values={filters} />
      {sessions.status === 'error' ? <LoadError error={sessions.error} /> : null}
      {sessions.status === 'loading' ? <Loading /> : null}
      {data && data.length === 0 ? <p>{t('sessions.empty')}</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.columns.dates')}</th>
                <th scope="col">{t('sessions.columns.course')}</th>
                <th scope="col">{t('sessions.columns.place')}</th>
                <th scope="col">{t('sessions.columns.language')}</th>
                <th scope="col" className="numeric">
                  {t('sessions.columns.seats')}
                </th>
                <th scope="col" className="numeric">
                  {t('sessions.columns.waiting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/${lang}/training/sessions/${s.id}`}>
                      {datesText(t, lang, s.startsOn, s.endsOn)}
                    </Link>
                    {s.status !== 'scheduled' ? (
                      <>
                        <br />
                        <span className="tag tag--pending">{t(`sessionStatuses.${s.status}`)}</span>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <span className="code">{s.course.code}</span>
                    <br />
                    {nameIn(lang, s.course)}
                  </td>
                  <td>
                    <SessionPlace place={s.place} virtualLink={s.virtualLink} />
                  </td>
                  <td>{t(`languages.${s.language}`)}</td>
                  <td className="numeric nowrap">{seatsText(t, lang, s.seatsTaken, s.capacity)}</td>
                  <td className="numeric">{formatNumber(lang, s.waiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
