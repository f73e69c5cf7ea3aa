import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ApiError, type Country, type MissionDetail, type Organization } from '../../lib/api.ts';
import { byName, formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
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
  const mission = useApi<MissionDetail>(`/api/v1/missions/${id}`);
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
      </section>
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
