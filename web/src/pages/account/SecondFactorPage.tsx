import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Reauthenticate, needsReauthentication } from '../../components/Reauthenticate.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  ApiError,
  api,
  setCsrfToken,
  type Me,
  type SecondFactorEnrolment,
  type SecondFactorStatus,
  type SessionStatus,
} from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { safeNext } from '../../lib/lang.ts';

type Action = 'start' | 'remove' | 'regenerate';

/** The manual key in groups of four, easier to type. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Set up, renew or remove the TOTP second factor. Also the page a user of a role that requires
 * a second factor lands on after the password, before anything else (an "enrolment" session:
 * only these routes answer it), so it does not rely on the signed-in state.
 */
export function SecondFactorPage() {
  const { t } = useTranslation('account');
  const lang = useLang();
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  usePageTitle(t('secondFactor.title'));

  const [status, setStatus] = useState<SecondFactorStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [removed, setRemoved] = useState(false);
  const [reauth, setReauth] = useState<Action | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [errorsShown, setErrorsShown] = useState(0);
  const [busy, setBusy] = useState(false);
  const codesHeading = useRef<HTMLHeadingElement>(null);

  const [refresh, setRefresh] = useState(0);
  const load = () => setRefresh((n) => n + 1);
  useEffect(() => {
    const controller = new AbortController();
    const options = { lang, signal: controller.signal, reportUnauthenticated: false };
    // A session that must enrol first (after a redirect or a reload) has no CSRF token in the
    // page yet: the session's state gives it.
    const session =
      auth.state.status === 'signedIn'
        ? Promise.resolve()
        : api<SessionStatus>('/api/v1/session', options).then((s) => setCsrfToken(s.csrfToken));
    session
      .then(() => api<SecondFactorStatus>('/api/v1/me/second-factor', options))
      .then(setStatus, (e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) setSignedOut(true);
        else setLoadError(e);
      });
    return () => controller.abort();
    // Read once per load: a signed-in state later (after confirming) needs no new token.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, refresh]);
  useEffect(() => {
    if (codes) codesHeading.current?.focus();
  }, [codes]);

  const fail = (e: unknown, field = false) => {
    const message = e instanceof ApiError ? e.message : t('common:errors.unexpected');
    setError(field ? { field: message } : { form: message });
    setErrorsShown((n) => n + 1);
  };

  async function run(action: Action) {
    setBusy(true);
    setError({});
    setRemoved(false);
    try {
      if (action === 'start')
        setEnrolment(
          await api<SecondFactorEnrolment>('/api/v1/me/second-factor', { method: 'POST', lang }),
        );
      else if (action === 'remove') {
        await api<void>('/api/v1/me/second-factor', { method: 'DELETE', lang });
        setRemoved(true);
        load();
      } else {
        const answer = await api<{ recoveryCodes: string[] }>(
          '/api/v1/me/second-factor/recovery-codes',
          { method: 'POST', lang },
        );
        setCodes(answer.recoveryCodes);
      }
      setReauth(null);
    } catch (e) {
      if (needsReauthentication(e)) setReauth(action);
      else fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError({ field: t('secondFactor.codeRequired') });
      setErrorsShown((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const answer = await api<{ recoveryCodes: string[] }>('/api/v1/me/second-factor/confirm', {
        method: 'POST',
        body: { code: code.trim() },
        lang,
      });
      setEnrolment(null);
      setCode('');
      setError({});
      setCodes(answer.recoveryCodes);
      // An enrolment session is a full session now.
      if (auth.state.status !== 'signedIn') auth.signedIn(await api<Me>('/api/v1/me', { lang }));
      load();
    } catch (e) {
      setCode('');
      if (needsReauthentication(e)) setReauth('start');
      else fail(e, e instanceof ApiError && e.code === 'second_factor_invalid');
    } finally {
      setBusy(false);
    }
  }

  if (signedOut)
    return (
      <Navigate
        replace
        to={`/${lang}/sign-in?next=${encodeURIComponent(`/account/second-factor`)}`}
      />
    );

  const items = [
    ...(error.form ? [{ message: error.form }] : []),
    ...(error.field ? [{ fieldId: 'totp-code', message: error.field }] : []),
  ];
  const continueTo = next === '/' && params.get('next') === null ? '/account' : next;

  return (
    <>
      <PageHeading>{t('secondFactor.title')}</PageHeading>
      {loadError ? <LoadError error={loadError} /> : null}
      <ErrorSummary items={items} focusKey={errorsShown} />
      {reauth ? (
        <Reauthenticate
          id="reauth"
          hasSecondFactor={status?.enabled ?? false}
          onDone={() => void run(reauth)}
          onCancel={() => setReauth(null)}
        />
      ) : null}
      {codes ? (
        <section aria-labelledby="recovery-codes" className="notice notice--success">
          <h2 id="recovery-codes" className="notice__title" tabIndex={-1} ref={codesHeading}>
            {t('secondFactor.codesHeading')}
          </h2>
          <p>{t('secondFactor.codesIntro')}</p>
          <ol className="recovery-codes" aria-label={t('secondFactor.codesHeading')}>
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <p>{t('secondFactor.codesHint')}</p>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => print()}>
              {t('secondFactor.print')}
            </button>
            <Link className="button-link" to={`/${lang}${continueTo}`}>
              {t('secondFactor.continue')}
            </Link>
          </div>
        </section>
      ) : null}
      {removed ? (
        <div className="notice notice--success" role="status">
          <p>{t('secondFactor.removed')}</p>
        </div>
      ) : null}
      {status && !codes ? (
        status.enabled ? (
          <section aria-labelledby="second-factor-on">
            <h2 id="second-factor-on">{t('secondFactor.onHeading')}</h2>
            <p>
              {t('secondFactor.onSince', {
                date: status.enabledAt ? formatDateTime(lang, status.enabledAt) : '',
              })}
            </p>
            <p>{t('secondFactor.codesLeft', { count: status.recoveryCodesLeft })}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={busy}
                onClick={() => void run('regenerate')}
              >
                {t('secondFactor.regenerate')}
              </button>
              {status.required ? null : (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={busy}
                  onClick={() => void run('remove')}
                >
                  {t('secondFactor.remove')}
                </button>
              )}
            </div>
            {status.required ? <p>{t('secondFactor.requiredKept')}</p> : null}
          </section>
        ) : enrolment ? (
          <section aria-labelledby="second-factor-setup">
            <h2 id="second-factor-setup">{t('secondFactor.setupHeading')}</h2>
            <ol className="steps">
              <li>
                <p>{t('secondFactor.scan')}</p>
                <img
                  className="qr-code"
                  src={enrolment.qrCode}
                  width={200}
                  height={200}
                  alt={t('secondFactor.qrAlt')}
                />
              </li>
              <li>
                <p>{t('secondFactor.manual')}</p>
                <p>
                  <code className="manual-key" aria-label={t('secondFactor.manualKey')}>
                    {grouped(enrolment.secret)}
                  </code>
                </p>
              </li>
              <li>
                <form className="form" noValidate onSubmit={onConfirm}>
                  <TextField
                    id="totp-code"
                    label={t('secondFactor.code')}
                    hint={t('secondFactor.codeHint')}
                    autoComplete="one-time-code"
                    value={code}
                    onChange={setCode}
                    error={error.field}
                    short
                    required
                  />
                  <button type="submit" className="button button--primary" aria-disabled={busy}>
                    {t('secondFactor.confirm')}
                  </button>
                </form>
              </li>
            </ol>
          </section>
        ) : (
          <section aria-labelledby="second-factor-off">
            <h2 id="second-factor-off">{t('secondFactor.offHeading')}</h2>
            {status.required ? (
              <div className="notice">
                <p>{t('secondFactor.requiredNotice')}</p>
              </div>
            ) : null}
            <p>{t('secondFactor.intro')}</p>
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy}
              onClick={() => void run('start')}
            >
              {t('secondFactor.start')}
            </button>
          </section>
        )
      ) : null}
    </>
  );
}
