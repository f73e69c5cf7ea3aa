import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { Page } from '../../lib/api.ts';
import { applicationStatuses, dateOfTimestamp, type ApplicationSummary } from '../../lib/calls.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { ApplicationStatusTag, personName, useRole } from './parts.tsx';

const filterNames = ['status'] as const;

export function ApplicationsPage() {
  const auth = useAuth();
  if (!auth.can('application.list')) return <NotFoundPage />;
  return <ApplicationsList />;
}

/** An officer's own applications; a coordinator's agency's officers'; all, for program staff. */
function ApplicationsList() {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const role = useRole();
  const own = role === 'officer';
  const agencyScoped = role === 'agency_coordinator';
  const title = own ? t('applications.titleOwn') : t('applications.title');
  usePageTitle(title);
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const list = useApi<Page<ApplicationSummary>>(`/api/v1/applications?${apiQuery}`);
  const agencies = useAgencies();
  const data = list.status === 'ready' ? list.data : null;

  const specs: FilterSpec[] = [
    {
      name: 'status',
      label: t('applications.filters.status'),
      type: 'select',
      options: applicationStatuses.map((s) => ({ value: s, label: t(`applicationStatuses.${s}`) })),
    },
  ];

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">
        {own
          ? t('applications.introOwn')
          : agencyScoped
            ? t('applications.introAgency')
            : t('applications.intro')}
      </p>
      <FilterForm id="application-filters" filters={specs} values={filters} />
      {list.status === 'error' ? <LoadError error={list.error} /> : !data ? <Loading /> : null}
      {data && data.items.length === 0 ? (
        <p>
          {own && !filters.status ? (
            <>
              {t('applications.emptyOwn')}{' '}
              <Link to={`/${lang}/calls`}>{t('applications.toCalls')}</Link>
            </>
          ) : (
            t('applications.empty')
          )}
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{own ? t('applications.captionOwn') : t('applications.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {own ? t('applications.columns.call') : t('applications.columns.officer')}
                  </th>
                  {own ? null : <th scope="col">{t('applications.columns.call')}</th>}
                  {own ? null : <th scope="col">{t('applications.columns.agency')}</th>}
                  <th scope="col" className="numeric">
                    {t('applications.columns.posts')}
                  </th>
                  <th scope="col">{t('applications.columns.submitted')}</th>
                  <th scope="col">{t('applications.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/${lang}/applications/${a.id}`}>
                        {own
                          ? t('applications.ownCell', { number: a.callNumber })
                          : personName(a.officer)}
                      </Link>
                    </th>
                    {own ? null : (
                      <td className="nowrap">
                        <Link to={`/${lang}/calls/${a.callId}`}>{a.callNumber}</Link>
                      </td>
                    )}
                    {own ? null : <td>{agencies.name(a.officer.agencyId)}</td>}
                    <td className="numeric">{formatNumber(lang, a.posts)}</td>
                    <td className="nowrap">{formatDate(lang, dateOfTimestamp(a.createdAt))}</td>
                    <td>
                      <ApplicationStatusTag status={a.status} />
                    </td>
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
