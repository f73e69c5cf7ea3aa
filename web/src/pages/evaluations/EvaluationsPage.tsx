import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import { evaluationKinds, type Evaluation, type Mission, type Page } from '../../lib/api.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';

const filterNames = ['missionId', 'kind', 'from', 'to'] as const;

/** The missions a user may pick from (a contingent commander's list holds their own). */
export function useMissionOptions() {
  const lang = useLang();
  const missions = useApi<Page<Mission>>('/api/v1/missions?pageSize=200');
  const options = useMemo(
    () =>
      missions.status === 'ready'
        ? [...missions.data.items]
            .sort((a, b) => a.acronym.localeCompare(b.acronym))
            .map((m) => ({ value: m.id, label: `${m.acronym} – ${nameIn(lang, m)}` }))
        : [],
    [missions, lang],
  );
  return { missions, options };
}

export function EvaluationsPage() {
  const { t } = useTranslation('evaluations');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const evaluations = useApi<Page<Evaluation>>(`/api/v1/evaluations?${apiQuery}`);
  const { options } = useMissionOptions();
  const data = evaluations.status === 'ready' ? evaluations.data : null;

  const specs: FilterSpec[] = [
    { name: 'missionId', label: t('list.filters.mission'), type: 'select', options },
    {
      name: 'kind',
      label: t('list.filters.kind'),
      type: 'select',
      options: evaluationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
    },
    { name: 'from', label: t('list.filters.from'), type: 'date' },
    { name: 'to', label: t('list.filters.to'), type: 'date' },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      {auth.can('evaluation.create') ? (
        <p>
          <Link className="button-link" to={`/${lang}/evaluations/new`}>
            {t('list.create')}
          </Link>
        </p>
      ) : null}
      <FilterForm id="evaluation-filters" filters={specs} values={filters} />
      {evaluations.status === 'error' ? <LoadError error={evaluations.error} /> : null}
      {evaluations.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.columns.mission')}</th>
                  <th scope="col">{t('fields.kind')}</th>
                  <th scope="col">{t('list.columns.period')}</th>
                  <th scope="col">{t('fields.rating')}</th>
                  <th scope="col">{t('list.columns.author')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link to={`/${lang}/evaluations/${e.id}`}>
                        {t('list.linkText', {
                          mission: e.mission.acronym,
                          kind: t(`kinds.${e.kind}`),
                        })}
                      </Link>
                      <br />
                      <span className="secondary">{nameIn(lang, e.mission)}</span>
                    </th>
                    <td>{t(`kinds.${e.kind}`)}</td>
                    <td>
                      {t('period', {
                        start: formatDate(lang, e.periodStart),
                        end: formatDate(lang, e.periodEnd),
                      })}
                    </td>
                    <td>{t(`ratings.${e.rating}`)}</td>
                    <td>{e.authorName ?? t('common:none')}</td>
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
