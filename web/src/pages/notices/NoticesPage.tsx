import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { Page } from '../../lib/api.ts';
import { inLang, type NoticeSummary } from '../../lib/duty.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { useMissionOptions } from '../evaluations/EvaluationsPage.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

const filterNames = ['missionId'] as const;

/** Notices sent to contingents, with how many recipients acknowledged each. */
export function NoticesPage() {
  const auth = useAuth();
  if (!auth.can('notice.list')) return <NotFoundPage />;
  return <NoticeList />;
}

function NoticeList() {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(filterNames);
  const notices = useApi<Page<NoticeSummary>>(`/api/v1/notices?${apiQuery}`);
  const { options } = useMissionOptions();
  const data = notices.status === 'ready' ? notices.data : null;
  const specs: FilterSpec[] = [
    { name: 'missionId', label: t('list.filters.mission'), type: 'select', options },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      {auth.can('notice.create') ? (
        <p>
          <Link className="button-link" to={`/${lang}/notices/new`}>
            {t('list.create')}
          </Link>
        </p>
      ) : null}
      <FilterForm id="notice-filters" filters={specs} values={filters} />
      {notices.status === 'error' ? <LoadError error={notices.error} /> : null}
      {notices.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.columns.notice')}</th>
                  <th scope="col">{t('fields.audience')}</th>
                  <th scope="col">{t('fields.sentAt')}</th>
                  <th scope="col">{t('fields.author')}</th>
                  <th scope="col">{t('fields.acknowledged')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      <Link to={`/${lang}/notices/${n.id}`}>{inLang(lang, n).title}</Link>
                    </th>
                    <td>{n.mission ? n.mission.acronym : t('audienceAll')}</td>
                    <td>{formatDateTime(lang, n.sentAt)}</td>
                    <td>{n.authorName ?? t('common:none')}</td>
                    <td className="nowrap">
                      {t('list.progress', {
                        acknowledged: formatNumber(lang, n.acknowledged),
                        recipients: formatNumber(lang, n.recipients),
                      })}
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
