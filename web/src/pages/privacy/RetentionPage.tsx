import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

interface RetentionReport {
  today: string;
  years: number;
  cutoff: string;
  dryRun: boolean;
  due: Array<{ id: string; agencyId: string; lastUse: string }>;
  anonymised: number;
}

interface Agency {
  id: string;
  code: string;
}

/** The retention's dry run (officers due for anonymisation) and a button to run it now. */
export function RetentionPage() {
  const auth = useAuth();
  if (!auth.can('retention.preview')) return <NotFoundPage />;
  return <Retention />;
}

function Retention() {
  const { t } = useTranslation('privacy');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('retention.title'));
  const [refresh, setRefresh] = useState(0);
  const preview = useApi<RetentionReport>('/api/v1/retention/preview', refresh);
  const agencies = useApi<Agency[]>('/api/v1/agencies');
  const codes = new Map(
    agencies.status === 'ready' ? agencies.data.map((a) => [a.id, a.code]) : [],
  );
  const errors = useFormErrors('retention');
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  async function run() {
    if (running) return;
    setRunning(true);
    try {
      const report = await api<RetentionReport>('/api/v1/retention/run', { method: 'POST', lang });
      errors.clear();
      setDone(report.anonymised);
      setRefresh((n) => n + 1);
    } catch (error) {
      errors.fail(error);
    } finally {
      setRunning(false);
    }
  }

  const data = preview.status === 'ready' ? preview.data : null;
  return (
    <>
      <PageHeading>{t('retention.title')}</PageHeading>
      <SuccessNotice message={done === null ? null : t('retention.done', { count: done })} />
      <ErrorSummary focusKey={errors.shown} items={errors.items(() => undefined)} />
      {preview.status === 'error' ? <LoadError error={preview.error} /> : null}
      {preview.status === 'loading' ? <Loading /> : null}
      {data ? (
        <>
          <p className="lead">{t('retention.intro', { years: data.years })}</p>
          <p>{t('retention.auditNote')}</p>
          <section aria-labelledby="retention-due">
            <h2 id="retention-due">{t('retention.count', { count: data.due.length })}</h2>
            <p>{t('retention.cutoff', { date: formatDate(lang, data.cutoff) })}</p>
            {data.due.length === 0 ? (
              <p>{t('retention.empty')}</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">
                  {t('retention.count', { count: data.due.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('retention.officer')}</th>
                    <th scope="col">{t('retention.agency')}</th>
                    <th scope="col">{t('retention.lastUse')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.due.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <code>{d.id}</code>
                      </td>
                      <td>{codes.get(d.agencyId) ?? d.agencyId}</td>
                      <td>{formatDate(lang, d.lastUse)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {auth.can('retention.run') && data.due.length > 0 ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--primary"
                  aria-disabled={running}
                  onClick={() => void run()}
                >
                  {t('retention.run')}
                </button>
              </div>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
