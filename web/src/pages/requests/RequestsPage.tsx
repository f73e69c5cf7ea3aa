import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import { requestStatuses, type Page, type RequestSummary } from '../../lib/api.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import { DeadlineTag, statusText } from './parts.tsx';

const filterNames = ['q', 'status', 'organization', 'country', 'from', 'to'] as const;

export function RequestsPage() {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const requests = useApi<Page<RequestSummary>>(`/api/v1/requests?${apiQuery}`);
  const organizations = useCodeList('organizations');
  const countries = useCodeList('countries');

  const specs: FilterSpec[] = [
    { name: 'q', label: t('list.filters.q'), type: 'search', hint: t('list.filters.qHint') },
    {
      name: 'status',
      label: t('list.filters.status'),
      type: 'select',
      options: requestStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
    },
    {
      name: 'organization',
      label: t('list.filters.organization'),
      type: 'select',
      options: organizations.options,
    },
    {
      name: 'country',
      label: t('list.filters.country'),
      type: 'select',
      options: countries.options,
    },
    { name: 'from', label: t('list.filters.from'), type: 'date' },
    { name: 'to', label: t('list.filters.to'), type: 'date' },
  ];

  const error = firstError(requests, organizations.loaded, countries.loaded);
  const data = requests.status === 'ready' ? requests.data : null;
  const requester = (r: RequestSummary) =>
    r.organizationCode
      ? organizations.name(r.organizationCode)
      : countries.name(r.requestingCountryCode);

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      {auth.can('request.create') ? (
        <p>
          <Link className="button-link" to={`/${lang}/requests/new`}>
            {t('list.register')}
          </Link>
        </p>
      ) : null}
      <FilterForm id="request-filters" filters={specs} values={filters} />
      {error ? <LoadError error={error} /> : !data ? <Loading /> : null}
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
                  <th scope="col">{t('list.columns.requester')}</th>
                  <th scope="col">{t('list.columns.received')}</th>
                  <th scope="col">{t('list.columns.responseDue')}</th>
                  <th scope="col">{t('list.columns.deadline')}</th>
                  <th scope="col" className="numeric">
                    {t('list.columns.posts')}
                  </th>
                  <th scope="col">{t('list.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="nowrap">
                      <Link to={`/${lang}/requests/${r.id}`}>{r.number}</Link>
                    </th>
                    <td>
                      <span className="code">{r.mission.acronym}</span>
                      <br />
                      {nameIn(lang, r.mission)}
                    </td>
                    <td>{requester(r)}</td>
                    <td className="nowrap">{formatDate(lang, r.receivedOn)}</td>
                    <td className="nowrap">{formatDate(lang, r.responseDue)}</td>
                    <td>
                      <DeadlineTag deadline={r.deadline} />
                    </td>
                    <td className="numeric">{formatNumber(lang, r.postsWanted)}</td>
                    <td>{statusText(t, r.status, r.outcome)}</td>
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
