import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ApiError, type Officer } from '../../lib/api.ts';
import { useApi, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { PersonalDataSection } from '../privacy/PersonalDataSection.tsx';
import { ContactSection } from './ContactSection.tsx';
import { ServiceSection } from './OfficerPage.tsx';
import { PriorMissionsSection } from './PriorMissionsSection.tsx';
import { QualificationsSection } from './QualificationsSection.tsx';

/** Self-service: the signed-in officer's own record; they correct their contact details. */
export function MyProfilePage() {
  const auth = useAuth();
  if (!auth.can('officer.self')) return <NotFoundPage />;
  return <MyProfile />;
}

function MyProfile() {
  const auth = useAuth();
  const { t } = useTranslation('people');
  usePageTitle(t('profile.title'));
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((n) => n + 1);
  const officer = useApi<Officer>('/api/v1/me/officer', refresh);
  const data = officer.status === 'ready' ? officer.data : null;
  const noRecord =
    officer.status === 'error' && officer.error instanceof ApiError && officer.error.status === 404;

  return (
    <>
      <PageHeading>{t('profile.title')}</PageHeading>
      <p className="lead">{t('profile.intro')}</p>
      {noRecord ? (
        <div className="notice">
          <p>{t('profile.noRecord')}</p>
        </div>
      ) : officer.status === 'error' ? (
        <LoadError error={officer.error} />
      ) : null}
      {officer.status === 'loading' ? <Loading /> : null}
      {data ? (
        <>
          <ServiceSection officer={data} onChanged={reload} self />
          <ContactSection officer={data} onChanged={reload} self />
          <QualificationsSection officer={data} onChanged={reload} self />
          <PriorMissionsSection officer={data} onChanged={reload} self />
          {auth.can('personalData.exportOwn') ? (
            <PersonalDataSection officerId={data.id} self />
          ) : null}
        </>
      ) : null}
    </>
  );
}
