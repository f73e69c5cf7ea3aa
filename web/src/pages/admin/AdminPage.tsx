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
    {
      key: 'reference',
      href: `/${lang}/admin/reference`,
      title: t('admin.reference.title'),
      description: t('admin.reference.description'),
      shown: auth.can('reference.manage'),
    },
    {
      key: 'settings',
      href: `/${lang}/admin/settings`,
      title: t('admin.settings.title'),
      description: t('admin.settings.description'),
      shown: auth.can('settings.update'),
    },
    {
      key: 'retention',
      href: `/${lang}/admin/retention`,
      title: t('admin.retention.title'),
      description: t('admin.retention.description'),
      shown: auth.can('retention.preview'),
    },
    {
      key: 'audit',
      href: `/${lang}/audit`,
      title: t('admin.audit.title'),
      description: t('admin.audit.description'),
      shown: auth.can('audit.read'),
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
