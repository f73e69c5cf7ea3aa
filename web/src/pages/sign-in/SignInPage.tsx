import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  ApiError,
  api,
  setCsrfToken,
  type Me,
  type PendingSignIn,
  type SessionStatus,
  type SignInMethods,
} from '../../lib/api.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { safeNext } from '../../lib/lang.ts';

type Field = 'email' | 'password' | 'code';

/** The codes the identity provider's callback may send back here (?error=), in errors.json. */
const providerErrors = [
  'oidc_unavailable',
  'oidc_failed',
  'oidc_no_account',
  'oidc_email_unverified',
] as const;
type ProviderError = (typeof providerErrors)[number];

function isProviderError(value: string | null): value is ProviderError {
  return (providerErrors as readonly (string | null)[]).includes(value);
}

export function SignInPage() {
  const { t } = useTranslation('auth');
  const lang = useLang();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  usePageTitle(t('signIn.title'));
  const providerError = params.get('error');
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<SignInMethods>('/api/v1/session/methods', {
      lang,
      signal: controller.signal,
      reportUnauthenticated: false,
    })
      .then(setMethods)
      // Without the answer, the page offers the password form alone.
      .catch(() => undefined);
    return () => controller.abort();
  }, [lang]);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The second step, for an account with a second factor: a code, or a recovery code.
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  // Back from the identity provider with a code still to give (`?step=code`): the session is
  // pending; its CSRF token comes from the session's state.
  const resumeCode = params.get('step') === 'code';
  useEffect(() => {
    if (!resumeCode) return;
    const controller = new AbortController();
    api<SessionStatus>('/api/v1/session', {
      lang,
      signal: controller.signal,
      reportUnauthenticated: false,
    })
      .then((session) => {
        if (session.state !== 'second_factor') return;
        setCsrfToken(session.csrfToken);
        setStep('code');
      })
      // Signed out (the pending sign-in expired): the page offers the first step.
      .catch(() => undefined);
    return () => controller.abort();
  }, [resumeCode, lang]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // After each failed submission, once the summary is on screen, move focus to it.
  const [errorsShown, setErrorsShown] = useState(0);
  useEffect(() => {
    if (errorsShown > 0) summary.current?.focus();
  }, [errorsShown]);

  const showErrors = (fields: Partial<Record<Field, string>>, form: string | null) => {
    setFieldErrors(fields);
    setFormError(form);
    // Focus the summary once it is rendered.
    setErrorsShown((n) => n + 1);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Partial<Record<Field, string>> = {};
    if (!email.trim()) missing.email = t('signIn.emailRequired');
    if (!password) missing.password = t('signIn.passwordRequired');
    if (Object.keys(missing).length > 0) return showErrors(missing, null);

    setSubmitting(true);
    try {
      const answer = await api<Me | PendingSignIn>('/api/v1/session', {
        method: 'POST',
        body: { email: email.trim(), password },
        lang,
        reportUnauthenticated: false,
      });
      if ('secondFactor' in answer) {
        setCsrfToken(answer.csrfToken);
        setSubmitting(false);
        setPassword('');
        setFieldErrors({});
        setFormError(null);
        if (answer.secondFactor === 'enrolment_required') {
          navigate(`/${lang}/account/second-factor?next=${encodeURIComponent(next)}`, {
            replace: true,
          });
          return;
        }
        setStep('code');
        return;
      }
      auth.signedIn(answer);
      navigate(`/${lang}${next}`, { replace: true });
    } catch (error) {
      setSubmitting(false);
      setPassword('');
      if (error instanceof ApiError) {
        const fields: Partial<Record<Field, string>> = {};
        for (const f of error.fields)
          if (f.path === 'email' || f.path === 'password') fields[f.path] = f.message;
        showErrors(fields, Object.keys(fields).length > 0 ? null : error.message);
      } else {
        showErrors(
          {},
          t(
            error instanceof Error && error.name === 'NetworkError'
              ? 'common:errors.network'
              : 'common:errors.unexpected',
          ),
        );
      }
    }
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!code.trim())
      return showErrors(
        { code: t(recovery ? 'signIn.recoveryCodeRequired' : 'signIn.codeRequired') },
        null,
      );
    setSubmitting(true);
    try {
      const me = await api<Me>('/api/v1/session/second-factor', {
        method: 'POST',
        body: recovery ? { recoveryCode: code.trim() } : { code: code.trim() },
        lang,
        reportUnauthenticated: false,
      });
      auth.signedIn(me);
      navigate(`/${lang}${next}`, { replace: true });
    } catch (error) {
      setSubmitting(false);
      setCode('');
      if (error instanceof ApiError && error.code === 'second_factor_invalid')
        return showErrors({ code: error.message }, null);
      // Locked, or the pending session ended: start again from the password.
      setStep('password');
      setRecovery(false);
      setCsrfToken(null);
      showErrors(
        {},
        error instanceof ApiError
          ? error.status === 401
            ? t('signIn.codeExpired')
            : error.message
          : t('common:errors.unexpected'),
      );
    }
  }

  if (auth.state.status === 'signedIn') {
    return (
      <>
        <PageHeading>{t('signIn.title')}</PageHeading>
        <p>{t('signIn.alreadySignedIn', { name: auth.state.me.user.displayName })}</p>
        <p>
          <Link to={`/${lang}/`}>{t('signIn.goHome')}</Link>
        </p>
      </>
    );
  }

  const items: SummaryItem[] = [
    ...(formError ? [{ fieldId: step === 'code' ? 'code' : 'email', message: formError }] : []),
    ...(['email', 'password', 'code'] as const).flatMap((f) =>
      fieldErrors[f] ? [{ fieldId: f, message: fieldErrors[f] }] : [],
    ),
  ];

  if (step === 'code') {
    return (
      <>
        <PageHeading>{t('signIn.codeTitle')}</PageHeading>
        <ErrorSummary ref={summary} items={items} />
        <p>{t(recovery ? 'signIn.recoveryIntro' : 'signIn.codeIntro')}</p>
        <form className="form" noValidate onSubmit={onCode}>
          <TextField
            key={recovery ? 'recovery' : 'code'}
            id="code"
            label={t(recovery ? 'signIn.recoveryCode' : 'signIn.code')}
            hint={t(recovery ? 'signIn.recoveryCodeHint' : 'signIn.codeHint')}
            autoComplete={recovery ? 'off' : 'one-time-code'}
            value={code}
            onChange={setCode}
            error={fieldErrors.code}
            short={!recovery}
            required
          />
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('signIn.submitting') : t('signIn.codeSubmit')}
          </button>
        </form>
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setRecovery((r) => !r);
              setCode('');
              setFieldErrors({});
            }}
          >
            {t(recovery ? 'signIn.useCode' : 'signIn.useRecoveryCode')}
          </button>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      {params.get('next') ? (
        <div className="notice notice--info">
          <p>{t('signIn.continueNotice')}</p>
        </div>
      ) : null}
      {isProviderError(providerError) ? (
        <div className="notice notice--danger" role="alert">
          <p>{t(`errors:${providerError}`)}</p>
        </div>
      ) : null}
      <ErrorSummary ref={summary} items={items} />
      {methods?.oidc ? (
        <>
          <h2>{t('signIn.providerHeading')}</h2>
          <p>
            <a
              className="button-link"
              href={`/api/v1/session/oidc?${new URLSearchParams({ lang, next }).toString()}`}
            >
              {methods.oidc.label[lang]}
            </a>
          </p>
          <h2>{t('signIn.passwordHeading')}</h2>
        </>
      ) : null}
      <p>{t('signIn.intro')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          required
        />
        <TextField
          id="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          required
        />
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className="help">{t('signIn.help')}</p>
    </>
  );
}
