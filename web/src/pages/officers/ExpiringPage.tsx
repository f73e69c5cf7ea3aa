import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { ExpiringQualification, Page } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { defaultExpiryWindow, expiryWindowOf, expiryWindows } from '../../lib/people.ts';
import { firstError } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import {
  ValidityTag,
  officerName,
  qualificationTitle,
  useAgencies,
  useOwnAgencyId,
  useRoles,
} from './parts.tsx';

export function ExpiringPage() {
  const auth = useAuth();
  if (!auth.can('qualification.expiring')) return <NotFoundPage />;
  return <Expiring />;
}

function Expiring() {
  const { t } = useTranslation('people');
  const lang = useLang();
  usePageTitle(t('expiring.title'));
  const ownAgency = useOwnAgencyId();
  const { filters, page, apiQuery } = useListQuery(['days', 'agencyId']);
  const days = expiryWindowOf(filters.days);
  const query = new URLSearchParams(apiQuery);
  query.set('days', days);
  const list = useApi<Page<ExpiringQualification>>(
    `/api/v1/qualifications/expiring?${query.toString()}`,
  );
  const agencies = useAgencies();
  const roles = useRoles();

  const specs: FilterSpec[] = [
    {
      name: 'days',
      label: t('expiring.filters.days'),
      type: 'select',
      options: expiryWindows.map((d) => ({
        value: d,
        label: t('expiring.filters.window', { days: d }),
      })),
      defaultValue: defaultExpiryWindow,
    },
    ...(ownAgency
      ? []
      : [
          {
            name: 'agencyId',
            label: t('expiring.filters.agency'),
            type: 'select' as const,
            options: agencies.options,
          },
        ]),
  ];

  const error = firstError(list, agencies.loaded, roles.loaded);
  const data = list.status === 'ready' ? list.data : null;

  return (
    <>
      <PageHeading>{t('expiring.title')}</PageHeading>
      <p className="lead">{t('expiring.intro')}</p>
      <FilterForm id="expiring-filters" filters={specs} values={filters} />
      {error ? <LoadError error={error} /> : !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('expiring.empty', { days })}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('expiring.caption', { days })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('expiring.columns.expires')}</th>
                  <th scope="col">{t('expiring.columns.state')}</th>
                  <th scope="col">{t('expiring.columns.qualification')}</th>
                  <th scope="col">{t('expiring.columns.officer')}</th>
                  <th scope="col">{t('expiring.columns.badge')}</th>
                  <th scope="col">{t('expiring.columns.agency')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((q) => (
                  <tr key={q.qualificationId}>
                    <td className="nowrap">{q.expiresOn ? formatDate(lang, q.expiresOn) : '—'}</td>
                    <td>
                      <ValidityTag validity={q.validity} />
                    </td>
                    <td>{qualificationTitle(t, q, roles)}</td>
                    <th scope="row">
                      <Link to={`/${lang}/officers/${q.officerId}`}>{officerName(q)}</Link>
                    </th>
                    <td className="code">{q.badgeNumber}</td>
                    <td>{agencies.name(q.agencyId, q.agencyCode)}</td>
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
