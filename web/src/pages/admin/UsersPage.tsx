import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { roles } from '../../lib/api.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { roleLabel } from '../../lib/roles.ts';
import { userStatuses, type AdminUser } from '../../lib/users.ts';
import { useAuth } from '../../auth.tsx';

const filterNames = ['q', 'role', 'status'] as const;

export function UsersPage() {
  const { t } = useTranslation('users');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('list.title'));
  const [params] = useSearchParams();
  const values: Record<string, string> = {};
  const query = new URLSearchParams();
  for (const name of filterNames) {
    values[name] = params.get(name)?.trim() ?? '';
    if (values[name]) query.set(name, values[name]);
  }
  const users = useApi<AdminUser[]>(`/api/v1/users${query.size ? `?${query}` : ''}`);

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      {auth.can('user.invite') ? (
        <p>
          <Link to={`/${lang}/admin/users/new`} className="button-secondary-link">
            {t('list.invite')}
          </Link>
        </p>
      ) : null}
      <FilterForm
        id="users-filters"
        values={values}
        filters={[
          { name: 'q', label: t('list.q'), type: 'search' },
          {
            name: 'role',
            label: t('list.role'),
            type: 'select',
            options: roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) })),
          },
          {
            name: 'status',
            label: t('list.status'),
            type: 'select',
            options: userStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
          },
        ]}
      />
      {users.status === 'loading' ? <Loading /> : null}
      {users.status === 'error' ? <LoadError error={users.error} /> : null}
      {users.status === 'ready' && users.data.length === 0 ? <p>{t('list.empty')}</p> : null}
      {users.status === 'ready' && users.data.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.columns.name')}</th>
                <th scope="col">{t('list.columns.email')}</th>
                <th scope="col">{t('list.columns.role')}</th>
                <th scope="col">{t('list.columns.status')}</th>
                <th scope="col">{t('list.columns.language')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/${lang}/admin/users/${u.id}`}>{u.displayName}</Link>
                  </th>
                  <td>{u.email}</td>
                  <td>{roleLabel(t, u)}</td>
                  <td>{t(`statuses.${u.status}`)}</td>
                  <td>{t(`reference:languages.${u.locale}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
