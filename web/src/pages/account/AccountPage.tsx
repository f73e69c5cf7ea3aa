import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api, type Agency, type Mission, type User } from '../../lib/api.ts';
import { nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { roleLabel } from '../../lib/roles.ts';
import { SecuritySections } from './SecuritySections.tsx';
import { SessionsTable } from '../admin/SessionsTable.tsx';

type Field = 'current' | 'new' | 'confirm';
const fieldIds: Record<Field, string> = {
  current: 'current-password',
  new: 'new-password',
  confirm: 'confirm-password',
};
/** Server error codes that are about the new password (the rest concern the form as a whole). */
const newPasswordCodes = new Set([
  'password_too_short',
  'password_too_common',
  'password_contains_email',
  'password_reused',
]);

function Scope({ user }: { user: User }) {
  const lang = useLang();
  const agency = useApi<Agency>(user.agencyId ? `/api/v1/agencies/${user.agencyId}` : null);
  const mission = useApi<Mission>(user.missionId ? `/api/v1/missions/${user.missionId}` : null);
  const names: string[] = [];
  if (user.agencyId && agency.status === 'ready') names.push(nameIn(lang, agency.data));
  if (user.missionId && mission.status === 'ready')
    names.push(`${mission.data.acronym} – ${nameIn(lang, mission.data)}`);
  return names.length > 0 ? <>{names.join(', ')}</> : null;
}

export function AccountPage() {
  const { t } = useTranslation('account');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('title'));

  const [values, setValues] = useState<Record<Field, string>>({
    current: '',
    new: '',
    confirm: '',
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // After each failed submission, once the summary is on screen, move focus to it.
  const [errorsShown, setErrorsShown] = useState(0);
  useEffect(() => {
    if (errorsShown > 0) summary.current?.focus();
  }, [errorsShown]);
  const success = useRef<HTMLDivElement>(null);
  const [successShown, setSuccessShown] = useState(0);
  useEffect(() => {
    if (successShown > 0) success.current?.focus();
  }, [successShown]);

  if (auth.state.status !== 'signedIn') return null;
  const { user } = auth.state.me;
  const hasScope = Boolean(user.agencyId || user.missionId);

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const showErrors = (fields: Partial<Record<Field, string>>, form: string | null) => {
    setFieldErrors(fields);
    setFormError(form);
    setErrorsShown((n) => n + 1);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setDone(false);
    const errors: Partial<Record<Field, string>> = {};
    if (!values.current) errors.current = t('password.currentRequired');
    if (!values.new) errors.new = t('password.newRequired');
    if (!values.confirm) errors.confirm = t('password.confirmRequired');
    else if (values.new && values.confirm !== values.new) errors.confirm = t('password.mismatch');
    if (Object.keys(errors).length > 0) return showErrors(errors, null);

    setSubmitting(true);
    try {
      await api<void>('/api/v1/me/password', {
        method: 'PUT',
        body: { currentPassword: values.current, newPassword: values.new },
        lang,
      });
      setValues({ current: '', new: '', confirm: '' });
      setFieldErrors({});
      setFormError(null);
      setDone(true);
      setSuccessShown((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields: Partial<Record<Field, string>> = {};
        if (error.code === 'password_incorrect') fields.current = error.message;
        else if (newPasswordCodes.has(error.code)) fields.new = error.message;
        for (const f of error.fields) {
          if (f.path === 'currentPassword') fields.current = f.message;
          if (f.path === 'newPassword') fields.new = f.message;
        }
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
    } finally {
      setSubmitting(false);
    }
  }

  const items: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['current', 'new', 'confirm'] as const).flatMap((f) =>
      fieldErrors[f] ? [{ fieldId: fieldIds[f], message: fieldErrors[f] }] : [],
    ),
  ];

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <section aria-labelledby="account-details">
        <h2 id="account-details">{t('details.heading')}</h2>
        <dl className="details-list">
          <div>
            <dt>{t('details.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('details.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('details.role')}</dt>
            <dd>{roleLabel(t, user)}</dd>
          </div>
          {hasScope ? (
            <div>
              <dt>{t('details.scope')}</dt>
              <dd>
                <Scope user={user} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('details.language')}</dt>
            <dd>{t(`reference:languages.${user.locale}`)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="change-password">
        <h2 id="change-password">{t('password.heading')}</h2>
        {done ? (
          <div className="notice notice--success" role="status" tabIndex={-1} ref={success}>
            <h3 className="notice__title">{t('password.successTitle')}</h3>
            <p>{t('password.success')}</p>
          </div>
        ) : null}
        <ErrorSummary ref={summary} items={items} />
        <p>{t('password.intro')}</p>
        <form className="form" noValidate onSubmit={onSubmit}>
          {/* For password managers: the account whose password changes (not shown, not focusable). */}
          <input
            type="email"
            name="username"
            autoComplete="username"
            value={user.email}
            readOnly
            hidden
          />
          <TextField
            id={fieldIds.current}
            label={t('password.current')}
            type="password"
            autoComplete="current-password"
            value={values.current}
            onChange={set('current')}
            error={fieldErrors.current}
            required
          />
          <TextField
            id={fieldIds.new}
            label={t('password.new')}
            hint={t('password.newHint')}
            type="password"
            autoComplete="new-password"
            value={values.new}
            onChange={set('new')}
            error={fieldErrors.new}
            required
          />
          <TextField
            id={fieldIds.confirm}
            label={t('password.confirm')}
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            error={fieldErrors.confirm}
            required
          />
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('password.submitting') : t('password.submit')}
          </button>
        </form>
      </section>
      <SecuritySections />
      <SessionsTable userId={null} headingId="your-sessions" heading={t('users:sessions.yours')} />
    </>
  );
}
