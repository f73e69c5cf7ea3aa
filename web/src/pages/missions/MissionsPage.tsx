import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import { missionStatuses, type Mission, type Page } from '../../lib/api.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';

const filterNames = ['q', 'organization', 'country', 'status', 'from', 'to'] as const;

export function MissionsPage() {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('missions.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const missions = useApi<Page<Mission>>(`/api/v1/missions?${apiQuery}`);
  const countries = useCodeList('countries');
  const organizations = useCodeList('organizations');

  const specs: FilterSpec[] = [
    {
      name: 'q',
      label: t('missions.filters.q'),
      type: 'search',
      hint: t('missions.filters.qHint'),
    },
    {
      name: 'organization',
      label: t('missions.filters.organization'),
      type: 'select',
      options: organizations.options,
    },
    {
      name: 'country',
      label: t('missions.filters.country'),
      type: 'select',
      options: countries.options,
    },
    {
      name: 'status',
      label: t('missions.filters.status'),
      type: 'select',
      options: missionStatuses.map((s) => ({ value: s, label: t(`missionStatuses.${s}`) })),
    },
    {
      name: 'from',
      label: t('missions.filters.from'),
      type: 'date',
      hint: t('missions.filters.fromHint'),
    },
    {
      name: 'to',
      label: t('missions.filters.to'),
      type: 'date',
      hint: t('missions.filters.toHint'),
    },
  ];

  const error = firstError(missions, countries.loaded);
  const data =
    missions.status === 'ready' && countries.loaded.status === 'ready' ? missions.data : null;

  return (
    <>
      <PageHeading>{t('missions.title')}</PageHeading>
      <p className="lead">{t('missions.intro')}</p>
      {auth.can('mission.create') ? (
        <p>
          <Link className="button-link" to={`/${lang}/missions/new`}>
            {t('planning:missionForm.registerLink')}
          </Link>
        </p>
      ) : null}
      <FilterForm id="mission-filters" filters={specs} values={filters} />
      {error ? <LoadError error={error} /> : !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('missions.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
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
                {data.items.map((mission) => (
                  <tr key={mission.id}>
                    <th scope="row">
                      <Link to={`/${lang}/missions/${mission.id}`}>{mission.acronym}</Link>
                    </th>
                    <td>{nameIn(lang, mission)}</td>
                    <td>{countries.name(mission.hostCountryCode)}</td>
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
          <Pagination total={data.total} page={page} pageSize={data.pageSize} />
        </>
      ) : null}
    </>
  );
}
