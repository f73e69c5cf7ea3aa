import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import type { Mission, Page } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import type { Deployment } from '../../lib/training.ts';
import { missionLabel, personName, useRole } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { DeploymentStateTag } from '../training/parts.tsx';

const filterNames = ['missionId', 'agencyId'] as const;

export function ReadinessPage() {
  const auth = useAuth();
  if (!auth.can('readiness.board')) return <NotFoundPage />;
  return <ReadinessBoard />;
}

/** Deployments still to leave, soonest first, with the number of readiness items not done. */
function ReadinessBoard() {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  usePageTitle(t('board.title'));
  const { filters } = useListQuery(filterNames);
  // The server keeps a coordinator to their agency and a commander to their mission.
  const agencyScoped = role === 'agency_coordinator';
  const missionScoped = role === 'contingent_commander';
  const query = new URLSearchParams();
  if (filters.missionId && !missionScoped) query.set('missionId', filters.missionId);
  if (filters.agencyId && !agencyScoped) query.set('agencyId', filters.agencyId);
  const board = useApi<Deployment[]>(`/api/v1/readiness?${query.toString()}`);
  const data = board.status === 'ready' ? board.data : null;
  const agencies = useAgencies();
  const missions = useApi<Page<Mission>>(
    auth.can('mission.list') && !missionScoped ? '/api/v1/missions?pageSize=200' : null,
  );

  const specs = useMemo(() => {
    const list: FilterSpec[] = [];
    if (!missionScoped && missions.status === 'ready')
      list.push({
        name: 'missionId',
        label: t('board.filters.mission'),
        type: 'select',
        options: [...missions.data.items]
          .sort((a, b) => a.acronym.localeCompare(b.acronym))
          .map((m) => ({ value: m.id, label: missionLabel(lang, m) })),
      });
    if (!agencyScoped)
      list.push({
        name: 'agencyId',
        label: t('board.filters.agency'),
        type: 'select',
        options: agencies.options,
      });
    return list;
  }, [agencies.options, agencyScoped, lang, missionScoped, missions, t]);

  return (
    <>
      <PageHeading>{t('board.title')}</PageHeading>
      <p className="lead">
        {agencyScoped
          ? t('board.introAgency')
          : missionScoped
            ? t('board.introMission')
            : t('board.intro')}
      </p>
      {specs.length > 0 ? <FilterForm id="board-filters" filters={specs} values={filters} /> : null}
      {board.status === 'error' ? <LoadError error={board.error} /> : null}
      {board.status === 'loading' ? <Loading /> : null}
      {data && data.length === 0 ? <p>{t('board.empty')}</p> : null}
      {data && data.length > 0 ? (
        <>
          <p className="result-count">
            {t('board.count', { count: data.length, n: formatNumber(lang, data.length) })}
          </p>
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('board.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.columns.officer')}</th>
                  <th scope="col">{t('board.columns.agency')}</th>
                  <th scope="col">{t('board.columns.mission')}</th>
                  <th scope="col">{t('board.columns.post')}</th>
                  <th scope="col">{t('board.columns.start')}</th>
                  <th scope="col">{t('board.columns.state')}</th>
                  <th scope="col" className="numeric">
                    {t('board.columns.blocking')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/${lang}/deployments/${d.id}`}>{personName(d.officer)}</Link>
                    </th>
                    <td>{agencies.name(d.officer.agencyId, d.agencyCode)}</td>
                    <td>
                      <span className="code">{d.mission.acronym}</span>
                    </td>
                    <td className="nowrap">{d.post ? d.post.reference : '—'}</td>
                    <td className="nowrap">{formatDate(lang, d.plannedStart)}</td>
                    <td>
                      <DeploymentStateTag state={d.state} />
                    </td>
                    <td className="numeric">
                      {d.readiness.blocking === 0 ? (
                        <span className="tag tag--valid">{t('board.allDone')}</span>
                      ) : (
                        <span className="tag tag--expiring">
                          <span className="tag__mark" aria-hidden="true">
                            !{' '}
                          </span>
                          {t('board.notDone', {
                            count: d.readiness.blocking,
                            n: formatNumber(lang, d.readiness.blocking),
                          })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
