import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import {
  genders,
  qualificationKinds,
  type OfficerSummary,
  type Page,
  type Rank,
} from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { exportHref, officerFilterNames } from '../../lib/people.ts';
import { firstError, requirementLanguages, useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies, useOwnAgencyId, useRoles } from './parts.tsx';

export function OfficersPage() {
  const auth = useAuth();
  if (!auth.can('officer.list')) return <NotFoundPage />;
  return <OfficersList />;
}

function OfficersList() {
  const { t } = useTranslation('people');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('list.title'));
  const ownAgency = useOwnAgencyId();
  const { filters, page, apiQuery } = useListQuery(officerFilterNames);
  const officers = useApi<Page<OfficerSummary>>(`/api/v1/officers?${apiQuery}`);
  const agencies = useAgencies();
  const ranks = useCodeList<Rank>('ranks', false);
  const roles = useRoles();

  const specs: FilterSpec[] = [
    { name: 'q', label: t('list.filters.q'), type: 'search', hint: t('list.filters.qHint') },
    ...(ownAgency
      ? []
      : [
          {
            name: 'agencyId',
            label: t('list.filters.agency'),
            type: 'select' as const,
            options: agencies.options,
          },
        ]),
    {
      name: 'rank',
      label: t('list.filters.rank'),
      type: 'select',
      options: ranks.options,
      hint: t('list.filters.rankHint'),
    },
    {
      name: 'gender',
      label: t('list.filters.gender'),
      type: 'select',
      options: genders.map((g) => ({ value: g, label: t(`genders.${g}`) })),
    },
    {
      name: 'language',
      label: t('list.filters.language'),
      type: 'select',
      options: requirementLanguages.map((l) => ({
        value: l,
        label: t(`reference:languages.${l}`),
      })),
    },
    {
      name: 'minScore',
      label: t('list.filters.minScore'),
      type: 'number',
      min: 0,
      max: 100,
      hint: t('list.filters.minScoreHint'),
    },
    {
      name: 'specialisation',
      label: t('list.filters.specialisation'),
      type: 'select',
      options: roles.options,
    },
    {
      name: 'qualification',
      label: t('list.filters.qualification'),
      type: 'select',
      options: qualificationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
      hint: t('list.filters.qualificationHint'),
    },
    {
      name: 'validOn',
      label: t('list.filters.validOn'),
      type: 'date',
      hint: t('list.filters.validOnHint'),
    },
  ];

  const error = firstError(officers, agencies.loaded, ranks.loaded, roles.loaded);
  const data = officers.status === 'ready' ? officers.data : null;
  const actions = [
    auth.can('officer.create') ? (
      <Link key="new" className="button-link" to={`/${lang}/officers/new`}>
        {t('list.register')}
      </Link>
    ) : null,
    auth.can('officer.import') ? (
      <Link key="import" className="button-secondary-link" to={`/${lang}/officers/import`}>
        {t('list.import')}
      </Link>
    ) : null,
    auth.can('pastTour.import') ? (
      <Link key="pastTours" className="button-secondary-link" to={`/${lang}/past-tours/import`}>
        {t('list.importPastTours')}
      </Link>
    ) : null,
    auth.can('qualification.expiring') ? (
      <Link key="expiring" to={`/${lang}/qualifications/expiring`}>
        {t('list.expiring')}
      </Link>
    ) : null,
  ].filter(Boolean);

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{ownAgency ? t('list.introAgency') : t('list.intro')}</p>
      {actions.length > 0 ? <div className="button-row">{actions}</div> : null}
      <FilterForm id="officer-filters" filters={specs} values={filters} />
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
                  <th scope="col">{t('list.columns.name')}</th>
                  <th scope="col">{t('list.columns.badge')}</th>
                  <th scope="col">{t('list.columns.agency')}</th>
                  <th scope="col">{t('list.columns.rank')}</th>
                  <th scope="col" className="numeric">
                    {t('list.columns.years')}
                  </th>
                  <th scope="col">{t('list.columns.gender')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/${lang}/officers/${o.id}`}>
                        {t('list.nameCell', { family: o.familyName, given: o.givenName })}
                      </Link>
                    </th>
                    <td className="code">{o.badgeNumber}</td>
                    <td>{agencies.name(o.agencyId, o.agencyCode)}</td>
                    <td>{ranks.name(o.rankCode)}</td>
                    <td className="numeric">{formatNumber(lang, o.yearsOfService)}</td>
                    <td>{t(`genders.${o.gender}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination total={data.total} page={page} pageSize={data.pageSize} />
        </>
      ) : null}
      {data && data.total > 0 && auth.can('officer.export') ? (
        <section aria-labelledby="officers-export">
          <h2 id="officers-export">{t('list.exportHeading')}</h2>
          <p>
            {t('list.exportIntro', {
              count: data.total,
              total: formatNumber(lang, data.total),
            })}
          </p>
          <ul className="compact-list download-list">
            <li>
              <a className="download-link" href={exportHref('csv', lang, filters)} download>
                {t('list.exportCsv')}
              </a>
            </li>
            <li>
              <a className="download-link" href={exportHref('xlsx', lang, filters)} download>
                {t('list.exportXlsx')}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}
