import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import { outcomes, type DecisionListed, type Page } from '../../lib/api.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';

const filterNames = ['outcome', 'current', 'from', 'to'] as const;

/** The joint decisions, newest first, each linked to its request's decision file. */
export function DecisionsPage() {
  const { t } = useTranslation('requests');
  const lang = useLang();
  usePageTitle(t('decisionsList.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const decisions = useApi<Page<DecisionListed>>(`/api/v1/decisions?${apiQuery}`);
  const data = decisions.status === 'ready' ? decisions.data : null;

  const specs: FilterSpec[] = [
    {
      name: 'outcome',
      label: t('decisionsList.filters.outcome'),
      type: 'select',
      options: outcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
    },
    { name: 'current', label: t('decisionsList.filters.current'), type: 'checkbox' },
    { name: 'from', label: t('decisionsList.filters.from'), type: 'date' },
    { name: 'to', label: t('decisionsList.filters.to'), type: 'date' },
  ];

  return (
    <>
      <PageHeading>{t('decisionsList.title')}</PageHeading>
      <p className="lead">{t('decisionsList.intro')}</p>
      <FilterForm id="decision-filters" filters={specs} values={filters} />
      {decisions.status === 'error' ? <LoadError error={decisions.error} /> : null}
      {decisions.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('decisionsList.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('decisionsList.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('decisionsList.columns.request')}</th>
                  <th scope="col">{t('decisionsList.columns.mission')}</th>
                  <th scope="col">{t('file.outcome')}</th>
                  <th scope="col" className="numeric">
                    {t('file.ceiling')}
                  </th>
                  <th scope="col">{t('file.decidedOn')}</th>
                  <th scope="col">{t('decisionsList.columns.standing')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row" className="nowrap">
                      <Link to={`/${lang}/requests/${d.requestId}`}>{d.requestNumber}</Link>
                      <br />
                      <span className="secondary">
                        {t('decision.heading', { sequence: d.sequence })}
                      </span>
                    </th>
                    <td>
                      <span className="code">{d.mission.acronym}</span>
                      <br />
                      {nameIn(lang, d.mission)}
                    </td>
                    <td>{t(`outcomes.${d.outcome}`)}</td>
                    <td className="numeric">
                      {d.outcome === 'declined' ? '—' : formatNumber(lang, d.ceiling)}
                    </td>
                    <td className="nowrap">{formatDate(lang, d.decidedOn)}</td>
                    <td>
                      {d.supersededById ? (
                        <span className="tag tag--superseded">{t('decisionsList.superseded')}</span>
                      ) : (
                        <span className="tag tag--in-force">{t('file.inForce')}</span>
                      )}
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
