import type { TFunction } from 'i18next';
import type { User } from './api.ts';

/** The user's role in words, with the partner a decision partner speaks for. */
export function roleLabel(t: TFunction, user: Pick<User, 'role' | 'partner'>): string {
  const role = t(`common:roles.${user.role}`);
  return user.partner
    ? t('common:roleWithScope', { role, scope: t(`common:partners.${user.partner}`) })
    : role;
}
