import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { api, type Mission } from '../../lib/api.ts';
import { useFocusLater, useFormErrors } from '../../lib/forms.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import {
  emptyMission,
  MissionFields,
  missionFieldLabel,
  missingWorkingLanguage,
  newMissionBody,
  type MissionDraft,
} from './MissionFields.tsx';

/** /:lang/missions/new: register a mission (it starts planned). */
export function NewMissionPage() {
  const auth = useAuth();
  if (!auth.can('mission.create')) return <NotFoundPage />;
  return <NewMissionForm />;
}

function NewMissionForm() {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('missionForm.newTitle'));
  const errors = useFormErrors('mission');
  const focusLater = useFocusLater();
  const organizations = useCodeList('organizations');
  const countries = useCodeList('countries');
  const [mission, setMission] = useState<MissionDraft>(emptyMission);
  const [submitting, setSubmitting] = useState(false);

  const loadError = firstError(organizations.loaded, countries.loaded);
  if (loadError || organizations.loaded.status !== 'ready' || countries.loaded.status !== 'ready') {
    return (
      <>
        <PageHeading>{t('missionForm.newTitle')}</PageHeading>
        {loadError ? <LoadError error={loadError} /> : <Loading />}
      </>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing = missingWorkingLanguage(t, mission, 'workingLanguage');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      const created = await api<Mission>('/api/v1/missions', {
        method: 'POST',
        body: newMissionBody(mission),
        lang,
      });
      void navigate(`/${lang}/missions/${created.id}`, {
        state: { registered: created.acronym },
      });
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <PageHeading>{t('missionForm.newTitle')}</PageHeading>
      <p className="lead">{t('missionForm.newIntro')}</p>
      <ErrorSummary
        focusKey={errors.shown}
        items={errors.items((path) => missionFieldLabel(t, path))}
      />
      <form className="form" noValidate onSubmit={onSubmit}>
        <MissionFields
          mode="new"
          value={mission}
          onChange={setMission}
          form={errors}
          organizations={organizations}
          countries={countries}
          focusLater={focusLater}
          placesHeadingLevel={2}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('missionForm.registering') : t('missionForm.register')}
          </button>
          <Link to={`/${lang}/missions`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
