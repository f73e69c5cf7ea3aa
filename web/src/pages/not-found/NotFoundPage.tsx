import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';

export function NotFoundPage() {
  const { t } = useTranslation('common');
  const lang = useLang();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={`/${lang}/`}>{t('notFound.homeLink')}</Link>
      </p>
    </>
  );
}
