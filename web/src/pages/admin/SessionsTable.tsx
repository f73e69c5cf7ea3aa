import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import { deviceLabel, type UserSession } from '../../lib/users.ts';

/**
 * Active sessions with "end" buttons: one's own (`userId` null: /api/v1/me/sessions) or, for an
 * administrator, an account's (with "end every session").
 */
export function SessionsTable({
  userId,
  headingId,
  heading,
}: {
  userId: string | null;
  headingId: string;
  heading: string;
}) {
  const { t } = useTranslation('users');
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const base = userId ? `/api/v1/users/${userId}/sessions` : '/api/v1/me/sessions';
  const sessions = useApi<UserSession[]>(base, refresh);
  const notice = useSuccessNotice();
  const errors = useFormErrors(`${headingId}-errors`);
  const [busy, setBusy] = useState(false);

  async function end(sessionId: string | null) {
    if (busy) return;
    setBusy(true);
    try {
      const path = sessionId
        ? userId
          ? `${base}/${encodeURIComponent(sessionId)}`
          : `/api/v1/me/sessions/${encodeURIComponent(sessionId)}`
        : base;
      await api<void>(path, { method: 'DELETE', lang });
      errors.clear();
      notice.show(sessionId ? t('sessions.ended') : t('sessions.allEnded'));
      setRefresh((n) => n + 1);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p>{t('sessions.intro')}</p>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <ErrorSummary items={errors.items(() => undefined)} focusKey={errors.shown} />
      {sessions.status === 'loading' ? <Loading /> : null}
      {sessions.status === 'error' ? <LoadError error={sessions.error} /> : null}
      {sessions.status === 'ready' && sessions.data.length === 0 ? (
        <p>{t('sessions.empty')}</p>
      ) : null}
      {sessions.status === 'ready' && sessions.data.length > 0 ? (
        <>
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.device')}</th>
                  <th scope="col">{t('sessions.started')}</th>
                  <th scope="col">{t('sessions.lastSeen')}</th>
                  <th scope="col">{t('sessions.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('sessions.end')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {deviceLabel(t, s.device)}
                      {s.current ? (
                        <>
                          {' '}
                          <span className="tag">{t('sessions.current')}</span>
                        </>
                      ) : null}
                    </th>
                    <td>{formatDateTime(lang, s.createdAt)}</td>
                    <td>{formatDateTime(lang, s.lastSeenAt)}</td>
                    <td>{formatDateTime(lang, s.expiresAt)}</td>
                    <td>
                      {s.current ? null : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={t('sessions.endLabel', {
                            started: formatDateTime(lang, s.createdAt),
                          })}
                          aria-disabled={busy}
                          onClick={() => void end(s.id)}
                        >
                          {t('sessions.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {userId ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={busy}
                onClick={() => void end(null)}
              >
                {t('sessions.endAll')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
