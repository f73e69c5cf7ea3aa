import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { langOfPath, type Lang } from './lang.ts';
import { api } from './api.ts';

/** The language of the current page (the first segment of its path). */
export function useLang(): Lang {
  return langOfPath(useLocation().pathname);
}

/** Sets the document title: "<page> - peaceops", in the page's language. */
export function usePageTitle(page: string) {
  const { t } = useTranslation('common');
  useEffect(() => {
    document.title = t('pageTitle', { page });
  }, [page, t]);
}

export type Loadable<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/** GET one or more API paths, in the page's language; reloads when a path changes. */
export function useApi<T>(path: string | null): Loadable<T> {
  const lang = useLang();
  const [state, setState] = useState<{ key: string; value: Loadable<T> }>({
    key: '',
    value: { status: 'loading' },
  });
  const key = `${lang} ${path ?? ''}`;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { lang, signal: controller.signal }).then(
      (data) => setState({ key, value: { status: 'ready', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [key, lang, path]);
  return state.key === key ? state.value : { status: 'loading' };
}
