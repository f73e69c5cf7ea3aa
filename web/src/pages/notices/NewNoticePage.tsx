import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import type { Notice } from '../../lib/duty.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { useRole } from '../calls/parts.tsx';
import { useMissionOptions } from '../evaluations/EvaluationsPage.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** The audience "every deployed officer" in the select (the API's `missionId: null`). */
const ALL = 'all';

export function NewNoticePage() {
  const auth = useAuth();
  if (!auth.can('notice.create')) return <NotFoundPage />;
  return <NewNotice />;
}

function NewNotice() {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const navigate = useNavigate();
  const role = useRole();
  usePageTitle(t('new.title'));
  const { missions, options } = useMissionOptions();
  const errors = useFormErrors('notice');
  const id = errors.idOf;
  // A commander sends to their own mission; the program also to every deployed officer.
  const audiences =
    role === 'contingent_commander'
      ? options
      : [{ value: ALL, label: t('audienceAll') }, ...options];
  const [audience, setAudience] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [titleFr, setTitleFr] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [bodyFr, setBodyFr] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const chosen = audience || (audiences.length === 1 ? audiences[0]!.value : '');

  const labelOf = (path: string): string | undefined =>
    ({
      missionId: t('fields.audience'),
      titleEn: t('fields.titleEn'),
      titleFr: t('fields.titleFr'),
      bodyEn: t('fields.bodyEn'),
      bodyFr: t('fields.bodyFr'),
    })[path];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!chosen) return errors.show({ missionId: t('new.audienceRequired') }, null);
    setSubmitting(true);
    try {
      const sent = await api<Notice>('/api/v1/notices', {
        method: 'POST',
        body: { missionId: chosen === ALL ? null : chosen, titleEn, titleFr, bodyEn, bodyFr },
        lang,
      });
      setSubmitting(false);
      void navigate(`/${lang}/notices/${sent.id}`, { state: { created: true } });
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      {missions.status === 'error' ? <LoadError error={missions.error} /> : null}
      {missions.status === 'loading' ? <Loading /> : null}
      {missions.status === 'ready' ? (
        <>
          <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <SelectField
              id={id('missionId')}
              label={t('fields.audience')}
              hint={t('new.audienceHint')}
              value={chosen}
              onChange={setAudience}
              options={audiences}
              emptyLabel={t('incidents:form.choose')}
              error={errors.error('missionId')}
              required
            />
            <TextField
              id={id('titleEn')}
              label={t('fields.titleEn')}
              value={titleEn}
              onChange={setTitleEn}
              error={errors.error('titleEn')}
              required
            />
            <TextAreaField
              id={id('bodyEn')}
              label={t('fields.bodyEn')}
              value={bodyEn}
              onChange={setBodyEn}
              error={errors.error('bodyEn')}
              required
              rows={6}
            />
            <TextField
              id={id('titleFr')}
              label={t('fields.titleFr')}
              value={titleFr}
              onChange={setTitleFr}
              error={errors.error('titleFr')}
              required
            />
            <TextAreaField
              id={id('bodyFr')}
              label={t('fields.bodyFr')}
              value={bodyFr}
              onChange={setBodyFr}
              error={errors.error('bodyFr')}
              required
              rows={6}
            />
            <div className="button-row">
              <button type="submit" className="button button--primary" aria-disabled={submitting}>
                {submitting ? t('new.sending') : t('new.send')}
              </button>
              <Link to={`/${lang}/notices`} className="button-secondary-link">
                {t('common:cancel')}
              </Link>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}
