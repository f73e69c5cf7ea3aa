import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { useMissionOptions } from '../evaluations/EvaluationsPage.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { IncidentForm } from './IncidentForm.tsx';

export function NewIncidentPage() {
  const auth = useAuth();
  if (!auth.can('incident.create')) return <NotFoundPage />;
  return <NewIncident />;
}

function NewIncident() {
  const { t } = useTranslation('incidents');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('new.title'));
  const { missions, options } = useMissionOptions();
  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      <p>{t('confidential')}</p>
      {missions.status === 'error' ? <LoadError error={missions.error} /> : null}
      {missions.status === 'loading' ? <Loading /> : null}
      {missions.status === 'ready' ? (
        <IncidentForm
          missionOptions={options}
          onSaved={(saved) =>
            void navigate(`/${lang}/incidents/${saved.id}`, { state: { created: true } })
          }
          cancel={
            <Link to={`/${lang}/incidents`} className="button-secondary-link">
              {t('common:cancel')}
            </Link>
          }
        />
      ) : null}
    </>
  );
}
