import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** Why a page's data could not be shown, in the page's language (the server's own message). */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  const message =
    error instanceof ApiError
      ? error.message
      : t(
          error instanceof Error && error.name === 'NetworkError'
            ? 'errors.network'
            : 'errors.unexpected',
        );
  return (
    <div className="notice notice--danger" role="alert">
      <h2 className="notice__title">{t('errors.loadFailed')}</h2>
      <p>{message}</p>
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation('common');
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}
