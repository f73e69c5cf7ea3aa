import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ApiError } from '../../lib/api.ts';
import { shownValue, type AuditEntryDetail } from '../../lib/audit.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { ActorCell } from './AuditPage.tsx';

/** One audit entry: who, when, what, and the changed fields before and after, side by side. */
export function AuditEntryPage() {
  const { seq = '' } = useParams();
  const auth = useAuth();
  if (!/^[1-9]\d{0,15}$/.test(seq) || !auth.can('audit.read')) return <NotFoundPage />;
  return <AuditEntryView seq={seq} />;
}

function AuditEntryView({ seq }: { seq: string }) {
  const { t } = useTranslation('audit');
  const lang = useLang();
  const entry = useApi<AuditEntryDetail>(`/api/v1/audit/${seq}`);
  const title = t('detail.title', { seq: formatNumber(lang, Number(seq)) });
  usePageTitle(title);
  if (entry.status === 'error' && entry.error instanceof ApiError && entry.error.status === 404)
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/audit`}>{t('detail.back')}</Link>
    </p>
  );
  if (entry.status !== 'ready')
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {entry.status === 'error' ? <LoadError error={entry.error} /> : <Loading />}
        {back}
      </>
    );
  const e = entry.data;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <section aria-labelledby="audit-entry-details">
        <h2 id="audit-entry-details">{t('detail.detailsHeading')}</h2>
        <dl className="details-list">
          <div>
            <dt>{t('columns.at')}</dt>
            <dd>{formatDateTime(lang, e.at)}</dd>
          </div>
          <div>
            <dt>{t('columns.actor')}</dt>
            <dd>
              <ActorCell actor={e.actor} />
            </dd>
          </div>
          <div>
            <dt>{t('columns.action')}</dt>
            <dd>
              <code>{e.action}</code>
            </dd>
          </div>
          <div>
            <dt>{t('detail.recordType')}</dt>
            <dd>{e.recordType}</dd>
          </div>
          <div>
            <dt>{t('detail.recordId')}</dt>
            <dd>{e.recordId ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('columns.outcome')}</dt>
            <dd>{t(`outcomes.${e.outcome}`)}</dd>
          </div>
          <div>
            <dt>{t('detail.requestId')}</dt>
            <dd>{e.requestId ?? '–'}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="audit-entry-changes">
        <h2 id="audit-entry-changes">{t('detail.changesHeading')}</h2>
        {e.changes.length === 0 ? (
          <p>{t('detail.noChanges')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('detail.changesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('detail.field')}</th>
                  <th scope="col">{t('detail.before')}</th>
                  <th scope="col">{t('detail.after')}</th>
                </tr>
              </thead>
              <tbody>
                {e.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">
                      <code>{c.field}</code>
                    </th>
                    <td>{shownValue(c.before)}</td>
                    <td>{shownValue(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="audit-entry-chain">
        <h2 id="audit-entry-chain">{t('detail.chainHeading')}</h2>
        <p>{t('detail.chainIntro')}</p>
        <dl className="details-list">
          <div>
            <dt>{t('detail.prevHash')}</dt>
            <dd>
              <code className="hash">{e.prevHash}</code>
            </dd>
          </div>
          <div>
            <dt>{t('detail.hash')}</dt>
            <dd>
              <code className="hash">{e.hash}</code>
            </dd>
          </div>
        </dl>
      </section>
      {back}
    </>
  );
}
