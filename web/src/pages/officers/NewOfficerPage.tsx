import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { OfficerForm } from './OfficerForm.tsx';
import { officerName, useAgencies, useOwnAgencyId } from './parts.tsx';

export function NewOfficerPage() {
  const auth = useAuth();
  if (!auth.can('officer.create')) return <NotFoundPage />;
  return <NewOfficer />;
}

function NewOfficer() {
  const { t } = useTranslation('people');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('new.title'));
  const agencies = useAgencies();
  const ownAgency = useOwnAgencyId();
  // A coordinator registers their own agency's officers only.
  const options = ownAgency
    ? agencies.options.filter((o) => o.value === ownAgency)
    : agencies.options;
  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      {agencies.loaded.status === 'error' ? <LoadError error={agencies.loaded.error} /> : null}
      {agencies.loaded.status === 'loading' ? <Loading /> : null}
      {agencies.loaded.status === 'ready' ? (
        <OfficerForm
          agencyOptions={options}
          onSaved={(saved) =>
            void navigate(`/${lang}/officers/${saved.id}`, {
              state: { created: officerName(saved) },
            })
          }
          cancel={
            <Link to={`/${lang}/officers`} className="button-secondary-link">
              {t('common:cancel')}
            </Link>
          }
        />
      ) : null}
    </>
  );
}
