import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { api, type Page } from '../../lib/api.ts';
import { inLang, type MyNotice } from '../../lib/duty.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';

/**
 * The signed-in officer's notices, newest first, each with an "Acknowledge" button until it is
 * acknowledged. For an officer's page to embed (the "my deployment" page): it loads
 * `/api/v1/me/notices` itself. `headingLevel` is the level of its own heading (2 by default).
 */
export function MyNotices({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const errors = useFormErrors('my-notices');
  const done = useSuccessNotice();
  const notices = useApi<Page<MyNotice>>('/api/v1/me/notices?pageSize=50', refresh);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Item = headingLevel === 2 ? 'h3' : 'h4';

  async function acknowledge(notice: MyNotice) {
    if (busy) return;
    setBusy(notice.id);
    try {
      await api<MyNotice>(`/api/v1/notices/${notice.id}/acknowledgement`, {
        method: 'POST',
        lang,
      });
      errors.clear();
      done.show(t('mine.done', { title: inLang(lang, notice).title }));
      setRefresh((n) => n + 1);
    } catch (error) {
      errors.fail(error);
    }
    setBusy(null);
  }

  return (
    <section aria-labelledby="my-notices" className="my-notices">
      <Heading id="my-notices">{t('mine.heading')}</Heading>
      <ErrorSummary focusKey={errors.shown} items={errors.items(() => undefined)} />
      <SuccessNotice message={done.message} focusKey={done.shown} />
      {notices.status === 'error' ? <LoadError error={notices.error} /> : null}
      {notices.status === 'loading' ? <Loading /> : null}
      {notices.status === 'ready' && notices.data.items.length === 0 ? (
        <p>{t('mine.empty')}</p>
      ) : null}
      {notices.status === 'ready'
        ? notices.data.items.map((n) => {
            const { title, body } = inLang(lang, n);
            return (
              <article key={n.id} className="form-panel" aria-labelledby={`notice-${n.id}`}>
                <Item id={`notice-${n.id}`}>{title}</Item>
                <p className="secondary">
                  {t('mine.sentOn', { date: formatDateTime(lang, n.sentAt) })}
                </p>
                <p className="prewrap">{body}</p>
                {n.acknowledgedAt ? (
                  <p>
                    {t('mine.acknowledgedOn', { date: formatDateTime(lang, n.acknowledgedAt) })}
                  </p>
                ) : (
                  <>
                    <p>
                      <strong>{t('mine.toAcknowledge')}</strong>
                    </p>
                    <button
                      type="button"
                      className="button button--primary"
                      aria-disabled={busy === n.id}
                      aria-label={t('mine.acknowledgeLabel', { title })}
                      onClick={() => void acknowledge(n)}
                    >
                      {busy === n.id ? t('mine.acknowledging') : t('mine.acknowledge')}
                    </button>
                  </>
                )}
              </article>
            );
          })
        : null}
    </section>
  );
}
