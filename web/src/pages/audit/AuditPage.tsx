import { useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import { api } from '../../lib/api.ts';
import {
  auditExportHref,
  auditFilterNames,
  sensitiveReadsFilter,
  type AuditEntry,
  type AuditPage as AuditPageData,
  type ChainReport,
} from '../../lib/audit.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** The audit log for auditors and administrators: search, export, verify the chain. */
export function AuditPage() {
  const auth = useAuth();
  if (!auth.can('audit.read')) return <NotFoundPage />;
  return <AuditLog />;
}

/** Who did it, as the log knows them: their name and their role at the time. */
export function ActorCell({ actor }: { actor: AuditEntry['actor'] }) {
  const { t } = useTranslation('audit');
  // No account: the system (seeds, jobs, imports from the command line).
  if (!actor?.id) return <>{t('system')}</>;
  return (
    <>
      {actor.displayName ?? t('unknownActor')}
      {actor.role ? (
        <>
          <br />
          <span className="secondary">
            {t(`common:roles.${actor.role}`, { defaultValue: actor.role })}
          </span>
        </>
      ) : null}
    </>
  );
}

function AuditLog() {
  const { t } = useTranslation('audit');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  usePageTitle(t('list.title'));
  const { filters, page, apiQuery } = useListQuery(auditFilterNames);
  const log = useApi<AuditPageData>(`/api/v1/audit?${apiQuery}`);
  const data = log.status === 'ready' ? log.data : null;
  const sensitiveOnly = filters.action === sensitiveReadsFilter;

  const specs: FilterSpec[] = [
    { name: 'actor', label: t('filters.actor'), type: 'search', hint: t('filters.actorHint') },
    { name: 'recordType', label: t('filters.recordType'), type: 'search' },
    { name: 'recordId', label: t('filters.recordId'), type: 'search' },
    { name: 'action', label: t('filters.action'), type: 'search', hint: t('filters.actionHint') },
    {
      name: 'outcome',
      label: t('filters.outcome'),
      type: 'select',
      options: (['ok', 'denied'] as const).map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
    },
    { name: 'from', label: t('filters.from'), type: 'date' },
    { name: 'to', label: t('filters.to'), type: 'date' },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      <p>
        {sensitiveOnly ? (
          <Link to={location.pathname}>{t('quick.all')}</Link>
        ) : (
          <Link to={`${location.pathname}?action=${encodeURIComponent(sensitiveReadsFilter)}`}>
            {t('quick.sensitive')}
          </Link>
        )}
      </p>
      {auth.can('audit.verify') ? <VerifyChain /> : null}
      <FilterForm id="audit-filters" filters={specs} values={filters} />
      {log.status === 'error' ? <LoadError error={log.error} /> : null}
      {log.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          {data.totalCapped ? (
            <p>{t('list.capped', { count: formatNumber(lang, data.total) })}</p>
          ) : null}
          {auth.can('audit.export') ? (
            <p>
              <a className="download-link" href={auditExportHref(lang, filters)} download>
                {t('list.export')}
              </a>
            </p>
          ) : null}
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{sensitiveOnly ? t('list.captionSensitive') : t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.entry')}</th>
                  <th scope="col">{t('columns.at')}</th>
                  <th scope="col">{t('columns.actor')}</th>
                  <th scope="col">{t('columns.action')}</th>
                  <th scope="col">{t('columns.record')}</th>
                  <th scope="col">{t('columns.outcome')}</th>
                  <th scope="col">{t('columns.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.seq}>
                    <th scope="row">
                      <Link
                        to={`/${lang}/audit/${e.seq}`}
                        aria-label={t('list.entryLink', { seq: e.seq, action: e.action })}
                      >
                        {formatNumber(lang, e.seq)}
                      </Link>
                    </th>
                    <td className="nowrap">{formatDateTime(lang, e.at)}</td>
                    <td>
                      <ActorCell actor={e.actor} />
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.recordType}
                      {e.recordId ? (
                        <>
                          <br />
                          <span className="secondary">{e.recordId}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{t(`outcomes.${e.outcome}`)}</td>
                    <td>{e.changes.length ? e.changes.map((c) => c.field).join(', ') : '–'}</td>
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

/** "Verify the chain": intact with the count, or the first broken link with a link to it. */
function VerifyChain() {
  const { t } = useTranslation('audit');
  const lang = useLang();
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'done'; report: ChainReport }
    | { status: 'error'; error: unknown }
  >({ status: 'idle' });
  const result = useRef<HTMLDivElement>(null);

  async function verify() {
    setState({ status: 'busy' });
    try {
      const report = await api<ChainReport>('/api/v1/audit/verify', { method: 'POST', lang });
      setState({ status: 'done', report });
    } catch (error) {
      setState({ status: 'error', error });
    }
    setTimeout(() => result.current?.focus(), 0);
  }

  const report = state.status === 'done' ? state.report : null;
  const broken = report?.firstBroken ?? null;
  return (
    <section aria-labelledby="audit-verify">
      <h2 id="audit-verify">{t('verify.heading')}</h2>
      <p>{t('verify.intro')}</p>
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void verify()}
          disabled={state.status === 'busy'}
        >
          {t('verify.button')}
        </button>
      </p>
      <div role="status" aria-live="polite">
        {state.status === 'busy' ? <p>{t('verify.busy')}</p> : null}
      </div>
      {state.status === 'error' ? <LoadError error={state.error} /> : null}
      {report && report.ok ? (
        <div className="notice notice--success" tabIndex={-1} ref={result}>
          <p>{t('verify.intact', { count: formatNumber(lang, report.checked) })}</p>
        </div>
      ) : null}
      {report && broken ? (
        <div className="notice notice--danger" tabIndex={-1} ref={result}>
          <p className="notice__title">
            <strong>{t('verify.broken', { seq: formatNumber(lang, broken.seq) })}</strong>
          </p>
          <p>
            {t(`verify.reasons.${broken.reason}`)}{' '}
            {t('verify.brokenDetail', {
              at: broken.at ? formatDateTime(lang, broken.at) : '–',
              action: broken.action ?? '–',
              count: formatNumber(lang, report.checked),
            })}
          </p>
          <p>
            <Link to={`/${lang}/audit/${broken.seq}`}>
              {t('verify.openEntry', { seq: formatNumber(lang, broken.seq) })}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
