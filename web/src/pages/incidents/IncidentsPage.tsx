import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { Page } from '../../lib/api.ts';
import { incidentStatuses, type IncidentSummary } from '../../lib/duty.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useMissionOptions } from '../evaluations/EvaluationsPage.tsx';

const filterNames = ['missionId', 'status'] as const;

/** Incidents for program officers and a mission's commander (who sees their mission's). */
export function IncidentsPage() {
  const auth = useAuth();
  if (!auth.can('incident.create')) return <NotFoundPage />;
  return <IncidentList />;
}

function IncidentList() {
  const { t } = useTranslation('incidents');
  const lang = useLang();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const incidents = useApi<Page<IncidentSummary>>(`/api/v1/incidents?${apiQuery}`);
  const { options } = useMissionOptions();
  const data = incidents.status === 'ready' ? incidents.data : null;

  const specs: FilterSpec[] = [
    { name: 'missionId', label: t('list.filters.mission'), type: 'select', options },
    {
      name: 'status',
      label: t('list.filters.status'),
      type: 'select',
      options: incidentStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
    },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      <p>{t('confidential')}</p>
      <p>
        <Link className="button-link" to={`/${lang}/incidents/new`}>
          {t('list.create')}
        </Link>
      </p>
      <FilterForm id="incident-filters" filters={specs} values={filters} />
      {incidents.status === 'error' ? <LoadError error={incidents.error} /> : null}
      {incidents.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.columns.incident')}</th>
                  <th scope="col">{t('list.columns.mission')}</th>
                  <th scope="col">{t('list.columns.date')}</th>
                  <th scope="col">{t('fields.severity')}</th>
                  <th scope="col">{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <Link to={`/${lang}/incidents/${i.id}`}>
                        {t('list.linkText', { type: t(`types.${i.type}`), place: i.place })}
                      </Link>
                    </th>
                    <td>
                      {i.mission.acronym}
                      <br />
                      <span className="secondary">{nameIn(lang, i.mission)}</span>
                    </td>
                    <td className="nowrap">{formatDate(lang, i.occurredOn)}</td>
                    <td>{t(`severities.${i.severity}`)}</td>
                    <td>{t(`statuses.${i.status}`)}</td>
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
