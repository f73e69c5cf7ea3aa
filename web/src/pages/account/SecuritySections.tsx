import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Reauthenticate, needsReauthentication } from '../../components/Reauthenticate.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api, type Me, type SecondFactorStatus } from '../../lib/api.ts';
import { useApi, useLang } from '../../lib/hooks.ts';

/** The account page's second-factor status (managed on its own page) and e-mail change. */
export function SecuritySections() {
  const { t } = useTranslation('account');
  const lang = useLang();
  const auth = useAuth();
  const status = useApi<SecondFactorStatus>('/api/v1/me/second-factor');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [shown, setShown] = useState(0);
  const [reauth, setReauth] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const enabled = status.status === 'ready' && status.data.enabled;

  async function change() {
    setBusy(true);
    setDone(false);
    try {
      await api<void>('/api/v1/me/email', { method: 'PUT', body: { email: email.trim() }, lang });
      setReauth(false);
      setEmail('');
      setError({});
      setDone(true);
      auth.signedIn(await api<Me>('/api/v1/me', { lang }));
    } catch (e) {
      if (needsReauthentication(e)) setReauth(true);
      else {
        const message = e instanceof ApiError ? e.message : t('common:errors.unexpected');
        setError(
          e instanceof ApiError && (e.code === 'email_taken' || e.fields.length)
            ? { field: e.fields[0]?.message ?? message }
            : { form: message },
        );
        setShown((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim()) {
      setError({ field: t('email.required') });
      setShown((n) => n + 1);
      return;
    }
    void change();
  }

  return (
    <>
      <section aria-labelledby="second-factor">
        <h2 id="second-factor">{t('secondFactor.heading')}</h2>
        {status.status === 'ready' ? (
          <p>
            {t(
              status.data.enabled
                ? 'secondFactor.statusOn'
                : status.data.required
                  ? 'secondFactor.statusRequired'
                  : 'secondFactor.statusOff',
            )}
          </p>
        ) : null}
        <p>
          <Link to={`/${lang}/account/second-factor`}>{t('secondFactor.manage')}</Link>
        </p>
      </section>
      <section aria-labelledby="change-email">
        <h2 id="change-email">{t('email.heading')}</h2>
        {done ? (
          <div className="notice notice--success" role="status">
            <p>{t('email.success')}</p>
          </div>
        ) : null}
        <ErrorSummary
          items={[
            ...(error.form ? [{ message: error.form }] : []),
            ...(error.field ? [{ fieldId: 'new-email', message: error.field }] : []),
          ]}
          focusKey={shown}
        />
        <p>{t('email.intro')}</p>
        {reauth ? (
          <Reauthenticate
            id="email-reauth"
            hasSecondFactor={enabled}
            onDone={() => void change()}
            onCancel={() => setReauth(false)}
          />
        ) : (
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              id="new-email"
              label={t('email.new')}
              type="email"
              autoComplete="email"
              value={email}
              onChange={setEmail}
              error={error.field}
              required
            />
            <button type="submit" className="button button--primary" aria-disabled={busy}>
              {t('email.submit')}
            </button>
          </form>
        )}
      </section>
    </>
  );
}
