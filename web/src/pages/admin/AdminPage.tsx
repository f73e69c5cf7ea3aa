import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';

/**
 * The administration hub: one card per area an administrator manages. Each area adds its card
 * to `areas` (reference data, retention...), shown when the user may act in it.
 */
export function AdminPage() {
  const { t } = useTranslation('users');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('admin.title'));
  const areas = [
    {
      key: 'users',
      href: `/${lang}/admin/users`,
      title: t('admin.users.title'),
      description: t('admin.users.description'),
      shown: auth.can('user.list'),
    },
  ].filter((a) => a.shown);
  return (
    <>
      <PageHeading>{t('admin.title')}</PageHeading>
      <p className="lead">{t('admin.intro')}</p>
      <ul className="page-list">
        {areas.map((a) => (
          <li key={a.key}>
            <Link to={a.href}>{a.title}</Link>
            <p>{a.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
