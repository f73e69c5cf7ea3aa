import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { Page } from '../../lib/api.ts';
import { callStatuses, type CallSummary } from '../../lib/calls.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { CallStatusTag, useRole } from './parts.tsx';

const filterNames = ['status'] as const;

export function CallsPage() {
  const auth = useAuth();
  if (!auth.can('call.list')) return <NotFoundPage />;
  return <CallsList />;
}

/** The calls for candidates, newest first: those sent to the user's agency, or all of them. */
function CallsList() {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const calls = useApi<Page<CallSummary>>(`/api/v1/calls?${apiQuery}`);
  const data = calls.status === 'ready' ? calls.data : null;
  const agencyScoped = role === 'agency_coordinator' || role === 'officer';

  const specs: FilterSpec[] = [
    {
      name: 'status',
      label: t('list.filters.status'),
      type: 'select',
      options: callStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
    },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{agencyScoped ? t('list.introAgency') : t('list.intro')}</p>
      {auth.can('call.open') ? (
        <p>
          <Link className="button-link" to={`/${lang}/calls/new`}>
            {t('list.open')}
          </Link>
        </p>
      ) : null}
      <FilterForm id="call-filters" filters={specs} values={filters} />
      {calls.status === 'error' ? <LoadError error={calls.error} /> : !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.columns.number')}</th>
                  <th scope="col">{t('list.columns.mission')}</th>
                  <th scope="col">{t('list.columns.closesOn')}</th>
                  <th scope="col">{t('list.columns.status')}</th>
                  <th scope="col" className="numeric">
                    {t('list.columns.posts')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('list.columns.applications')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="nowrap">
                      <Link to={`/${lang}/calls/${c.id}`}>{c.number}</Link>
                    </th>
                    <td>
                      <span className="code">{c.mission.acronym}</span>
                      <br />
                      {nameIn(lang, c.mission)}
                    </td>
                    <td className="nowrap">{formatDate(lang, c.closesOn)}</td>
                    <td>
                      <CallStatusTag status={c.status} />
                    </td>
                    <td className="numeric">{formatNumber(lang, c.posts)}</td>
                    <td className="numeric">{formatNumber(lang, c.applications)}</td>
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
