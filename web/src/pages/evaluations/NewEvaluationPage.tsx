import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';
import { useMissionOptions } from './EvaluationsPage.tsx';

export function NewEvaluationPage() {
  const auth = useAuth();
  if (!auth.can('evaluation.create')) return <NotFoundPage />;
  return <NewEvaluation />;
}

function NewEvaluation() {
  const { t } = useTranslation('evaluations');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('new.title'));
  const { missions, options } = useMissionOptions();
  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      {missions.status === 'error' ? <LoadError error={missions.error} /> : null}
      {missions.status === 'loading' ? <Loading /> : null}
      {missions.status === 'ready' ? (
        <EvaluationForm
          missionOptions={options}
          onSaved={(saved) =>
            void navigate(`/${lang}/evaluations/${saved.id}`, { state: { created: true } })
          }
          cancel={
            <Link to={`/${lang}/evaluations`} className="button-secondary-link">
              {t('common:cancel')}
            </Link>
          }
        />
      ) : null}
    </>
  );
}
