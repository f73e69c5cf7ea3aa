import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { tokenOfHash } from '../../lib/users.ts';

/** Codes about the password itself (shown next to it); the rest concern the link. */
const passwordCodes = new Set([
  'password_too_short',
  'password_too_common',
  'password_contains_email',
]);

/**
 * Choose a password from an e-mailed link: accepting an invitation (`/invitation#<token>`) or
 * completing a password reset (`/reset-password#<token>`). The token is read from the URL
 * fragment, which the browser never sends to the server.
 */
export function SetPasswordPage({ purpose }: { purpose: 'invitation' | 'reset' }) {
  const { t } = useTranslation('users');
  const lang = useLang();
  const location = useLocation();
  const title =
    purpose === 'invitation' ? t('setPassword.invitationTitle') : t('setPassword.resetTitle');
  usePageTitle(title);
  const token = tokenOfHash(location.hash);
  const errors = useFormErrors('set-password');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const labels: Record<string, string> = {
    password: t('setPassword.password'),
    confirm: t('setPassword.confirm'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || !token) return;
    const problems: Record<string, string> = {};
    if (!password) problems.password = t('setPassword.required');
    if (!confirm) problems.confirm = t('setPassword.confirmRequired');
    else if (password && confirm !== password) problems.confirm = t('setPassword.mismatch');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    setSubmitting(true);
    try {
      await api<void>(
        purpose === 'invitation' ? '/api/v1/invitations/accept' : '/api/v1/password-reset',
        { method: 'POST', lang, body: { token, password }, reportUnauthenticated: false },
      );
      setDone(true);
      setTimeout(() => doneRef.current?.focus(), 0);
    } catch (error) {
      if (error instanceof ApiError && passwordCodes.has(error.code))
        errors.show({ password: error.message }, null);
      else errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      {done ? (
        <div className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          <h2 className="notice__title">{t('setPassword.doneTitle')}</h2>
          <p>{t('setPassword.done')}</p>
          <p>
            <Link to={`/${lang}/sign-in`}>{t('setPassword.signIn')}</Link>
          </p>
        </div>
      ) : !token ? (
        <div className="notice notice--danger" role="alert">
          <p>{t('setPassword.noToken')}</p>
        </div>
      ) : (
        <>
          <p className="lead">
            {purpose === 'invitation'
              ? t('setPassword.invitationIntro')
              : t('setPassword.resetIntro')}
          </p>
          <ErrorSummary items={errors.items((p) => labels[p])} focusKey={errors.shown} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              id={errors.idOf('password')}
              label={labels.password!}
              hint={t('setPassword.passwordHint')}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={errors.error('password')}
              required
            />
            <TextField
              id={errors.idOf('confirm')}
              label={labels.confirm!}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={setConfirm}
              error={errors.error('confirm')}
              required
            />
            <button type="submit" className="button button--primary" aria-disabled={submitting}>
              {submitting ? t('setPassword.submitting') : t('setPassword.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
