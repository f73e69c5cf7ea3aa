import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, type Country, type MissionDetail, type Organization } from '../../lib/api.ts';
import { byName, formatDate, nameIn } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { MissionEditForm } from './MissionEditForm.tsx';
import { PlanningSection } from './PlanningSection.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function MissionDetailPage() {
  const { id = '' } = useParams();
  // Not an id at all: the page does not exist (the API would answer a validation error).
  if (!uuid.test(id)) return <NotFoundPage />;
  return <MissionDetailView id={id} />;
}

function MissionDetailView({ id }: { id: string }) {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const mission = useApi<MissionDetail>(`/api/v1/missions/${id}`, refresh);
  const [editing, setEditing] = useState(false);
  const notice = useSuccessNotice();
  // Opening and closing the edit form moves focus to what replaced the control used.
  const editHeading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<{ to: 'form' | 'button'; n: number } | null>(null);
  useEffect(() => {
    if (focusTarget?.to === 'form') editHeading.current?.focus();
    if (focusTarget?.to === 'button') editButton.current?.focus();
  }, [focusTarget]);
  const registered = (location.state as { registered?: string } | null)?.registered;
  const countries = useApi<Country[]>('/api/v1/reference/countries');
  const organizations = useApi<Organization[]>('/api/v1/reference/organizations');
  const data = mission.status === 'ready' ? mission.data : null;
  usePageTitle(data ? `${data.acronym} – ${nameIn(lang, data)}` : t('missions.title'));

  const locations = useMemo(
    () => (data ? [...data.locations].sort(byName<MissionDetail['locations'][number]>(lang)) : []),
    [data, lang],
  );

  if (
    mission.status === 'error' &&
    mission.error instanceof ApiError &&
    mission.error.status === 404
  ) {
    return <NotFoundPage />;
  }

  const back = (
    <p className="back-link">
      <Link to={`/${lang}/missions`}>{t('mission.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{t('missions.title')}</PageHeading>
        {mission.status === 'error' ? <LoadError error={mission.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const country =
    countries.status === 'ready'
      ? countries.data.find((c) => c.code === data.hostCountryCode)
      : undefined;
  const organization =
    organizations.status === 'ready'
      ? organizations.data.find((o) => o.code === data.organizationCode)
      : undefined;

  const rows: Array<[string, string]> = [
    [t('mission.organization'), organization ? nameIn(lang, organization) : data.organizationCode],
    [t('mission.hostCountry'), country ? nameIn(lang, country) : data.hostCountryCode],
    [t('mission.headquarters'), data.headquarters ?? t('common:none')],
    [t('mission.start'), formatDate(lang, data.startDate)],
    [t('mission.end'), data.endDate ? formatDate(lang, data.endDate) : t('common:ongoing')],
    [t('mission.status'), t(`missionStatuses.${data.status}`)],
    [t('mission.workingLanguage'), t(`languages.${data.workingLanguage}`)],
    [t('mission.riskLevel'), t(`riskLevels.${data.riskLevel}`)],
    [t('mission.armed'), data.armed ? t('common:yes') : t('common:no')],
    [
      t('mission.commander'),
      data.commanders.length > 0
        ? data.commanders.map((c) => c.displayName).join(', ')
        : t('common:none'),
    ],
  ];

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{data.acronym}</span> {nameIn(lang, data)}
      </PageHeading>
      <SuccessNotice
        message={
          notice.message ??
          (registered && !editing
            ? t('planning:missionForm.registered', { acronym: registered })
            : null)
        }
        focusKey={notice.shown}
      />
      {editing ? (
        <section aria-labelledby="edit-mission">
          <h2 id="edit-mission" tabIndex={-1} ref={editHeading}>
            {t('planning:missionForm.editHeading')}
          </h2>
          <MissionEditForm
            // A new version (after a reload) starts the form again from it.
            key={data.version}
            mission={data}
            headingId="edit-mission"
            onSaved={(saved) => {
              setEditing(false);
              setFocusTarget(null);
              setRefresh((n) => n + 1);
              notice.show(t('planning:missionForm.saved', { acronym: saved.acronym }));
            }}
            onCancel={() => {
              setEditing(false);
              setFocusTarget((f) => ({ to: 'button', n: (f?.n ?? 0) + 1 }));
            }}
            onReload={() => setRefresh((n) => n + 1)}
          />
        </section>
      ) : (
        <section aria-labelledby="mission-details">
          <h2 id="mission-details">{t('mission.detailsHeading')}</h2>
          <dl className="details-list">
            {rows.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {auth.can('mission.update') ? (
            <p>
              <button
                type="button"
                className="button button--secondary"
                ref={editButton}
                onClick={() => {
                  notice.hide();
                  setEditing(true);
                  setFocusTarget((f) => ({ to: 'form', n: (f?.n ?? 0) + 1 }));
                }}
              >
                {t('planning:missionForm.edit')}
              </button>
            </p>
          ) : null}
          {auth.can('contingent.read') ? (
            <p>
              <Link to={`/${lang}/missions/${data.id}/contingent`}>
                {t('dutyofcare:contingent.link')}
              </Link>
            </p>
          ) : null}
        </section>
      )}
      <section aria-labelledby="mission-locations">
        <h2 id="mission-locations">{t('mission.locations')}</h2>
        {locations.length > 0 ? (
          <>
            <p>{t('mission.locationsIntro')}</p>
            <ul className="location-list">
              {locations.map((location) => (
                <li key={location.id}>{nameIn(lang, location)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('mission.noLocations')}</p>
        )}
      </section>
      <PlanningSection mission={data} />
      {back}
    </>
  );
}
