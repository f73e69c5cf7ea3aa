import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import type { AdminUser } from '../../lib/users.ts';
import { AccessFields, accessBody, useScopeLists, type Access } from './AccessFields.tsx';

export function InviteUserPage() {
  const { t } = useTranslation('users');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('invite.title'));
  const errors = useFormErrors('invite');
  const lists = useScopeLists();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<string>(lang);
  const [access, setAccess] = useState<Access>({
    role: '',
    partner: '',
    agencyCode: '',
    missionCode: '',
  });
  const [submitting, setSubmitting] = useState(false);

  const labels: Record<string, string> = {
    email: t('fields.email'),
    displayName: t('fields.displayName'),
    role: t('fields.role'),
    partner: t('fields.partner'),
    agencyCode: t('fields.agency'),
    missionCode: t('fields.mission'),
    locale: t('fields.locale'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t('errors:validation.required');
    if (!displayName.trim()) missing.displayName = t('errors:validation.required');
    if (!access.role) missing.role = t('errors:validation.required');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      const created = await api<AdminUser>('/api/v1/users/invitations', {
        method: 'POST',
        lang,
        body: { email: email.trim(), displayName, locale, ...accessBody(access) },
      });
      void navigate(`/${lang}/admin/users/${created.id}`, {
        state: { notice: t('invite.sent', { email: created.email }) },
      });
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <PageHeading>{t('invite.title')}</PageHeading>
      <p className="lead">{t('invite.intro')}</p>
      <ErrorSummary items={errors.items((p) => labels[p])} focusKey={errors.shown} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id={errors.idOf('email')}
          label={labels.email!}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={errors.error('email')}
          required
        />
        <TextField
          id={errors.idOf('displayName')}
          label={labels.displayName!}
          value={displayName}
          onChange={setDisplayName}
          error={errors.error('displayName')}
          required
        />
        <AccessFields
          prefix="invite"
          value={access}
          onChange={setAccess}
          error={errors.error}
          lists={lists}
        />
        <SelectField
          id={errors.idOf('locale')}
          label={labels.locale!}
          value={locale}
          onChange={setLocale}
          options={[
            { value: 'en', label: t('reference:languages.en') },
            { value: 'fr', label: t('reference:languages.fr') },
          ]}
          required
        />
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t('invite.submitting') : t('invite.submit')}
        </button>
      </form>
    </>
  );
}
