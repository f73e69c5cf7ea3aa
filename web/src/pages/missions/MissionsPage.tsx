import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import type { Country, Mission, Page } from '../../lib/api.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';

export function MissionsPage() {
  const { t } = useTranslation('reference');
  const lang = useLang();
  usePageTitle(t('missions.title'));
  const missions = useApi<Page<Mission>>('/api/v1/missions?pageSize=200');
  const countries = useApi<Country[]>('/api/v1/reference/countries');
  const countryNames = useMemo(
    () =>
      new Map(
        countries.status === 'ready'
          ? countries.data.map((c) => [c.code, nameIn(lang, c)] as const)
          : [],
      ),
    [countries, lang],
  );
  const error =
    missions.status === 'error'
      ? missions.error
      : countries.status === 'error'
        ? countries.error
        : null;
  const ready =
    missions.status === 'ready' && countries.status === 'ready' ? missions.data.items : null;

  return (
    <>
      <PageHeading>{t('missions.title')}</PageHeading>
      <p className="lead">{t('missions.intro')}</p>
      {error ? <LoadError error={error} /> : !ready ? <Loading /> : null}
      {ready && ready.length === 0 ? <p>{t('missions.empty')}</p> : null}
      {ready && ready.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('missions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('missions.columns.acronym')}</th>
                <th scope="col">{t('missions.columns.name')}</th>
                <th scope="col">{t('missions.columns.hostCountry')}</th>
                <th scope="col">{t('missions.columns.start')}</th>
                <th scope="col">{t('missions.columns.end')}</th>
                <th scope="col">{t('missions.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {ready.map((mission) => (
                <tr key={mission.id}>
                  <th scope="row">
                    <Link to={`/${lang}/missions/${mission.id}`}>{mission.acronym}</Link>
                  </th>
                  <td>{nameIn(lang, mission)}</td>
                  <td>{countryNames.get(mission.hostCountryCode) ?? mission.hostCountryCode}</td>
                  <td className="nowrap">{formatDate(lang, mission.startDate)}</td>
                  <td className="nowrap">
                    {mission.endDate ? formatDate(lang, mission.endDate) : t('common:ongoing')}
                  </td>
                  <td>{t(`missionStatuses.${mission.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
