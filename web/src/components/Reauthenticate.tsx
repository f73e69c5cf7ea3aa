import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryItem } from './ErrorSummary.tsx';
import { TextField } from './TextField.tsx';
import { ApiError, api } from '../lib/api.ts';
import { useLang } from '../lib/hooks.ts';

/** Does this error ask the user to prove who they are again? */
export function needsReauthentication(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'reauthentication_required';
}

/**
 * Before a sensitive change: the password (and a code when the account has a second factor),
 * sent to POST /api/v1/session/reauthenticate; then the change is tried again (`onDone`).
 */
export function Reauthenticate({
  id,
  hasSecondFactor,
  onDone,
  onCancel,
}: {
  id: string;
  hasSecondFactor: boolean;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('account');
  const lang = useLang();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string; form?: string }>({});
  const [shown, setShown] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: typeof errors = {};
    if (!password) missing.password = t('reauth.passwordRequired');
    if (hasSecondFactor && !code.trim()) missing.code = t('reauth.codeRequired');
    if (Object.keys(missing).length) {
      setErrors(missing);
      setShown((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      await api<void>('/api/v1/session/reauthenticate', {
        method: 'POST',
        body: { password, ...(hasSecondFactor ? { code: code.trim() } : {}) },
        lang,
      });
      setSubmitting(false);
      onDone();
    } catch (error) {
      setSubmitting(false);
      setPassword('');
      setCode('');
      const message = error instanceof ApiError ? error.message : t('common:errors.unexpected');
      const code_ = error instanceof ApiError ? error.code : '';
      setErrors(
        code_ === 'password_incorrect'
          ? { password: message }
          : code_.startsWith('second_factor')
            ? { code: message }
            : { form: message },
      );
      setShown((n) => n + 1);
    }
  }

  const items: SummaryItem[] = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...(errors.password ? [{ fieldId: `${id}-password`, message: errors.password }] : []),
    ...(errors.code ? [{ fieldId: `${id}-code`, message: errors.code }] : []),
  ];
  return (
    <div className="notice notice--info">
      <h3 className="notice__title">{t('reauth.heading')}</h3>
      <ErrorSummary items={items} focusKey={shown} />
      <p>{t('reauth.intro')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id={`${id}-password`}
          label={t('reauth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          required
        />
        {hasSecondFactor ? (
          <TextField
            id={`${id}-code`}
            label={t('reauth.code')}
            hint={t('reauth.codeHint')}
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            error={errors.code}
            short
            required
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {t('reauth.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('reauth.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
