import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
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

/**
 * GET an API path, in the page's language; reloads when the path changes, and when `refresh`
 * changes (after a write), keeping the data on screen until the new answer arrives.
 */
export function useApi<T>(path: string | null, refresh = 0): Loadable<T> {
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
  }, [key, lang, path, refresh]);
  return state.key === key ? state.value : { status: 'loading' };
}

/**
 * A list page's filters and page number, read from the query string (so links are shareable):
 * the values of the named filters, the page, and the API query string for them.
 */
export function useListQuery(names: readonly string[], pageSize = 25) {
  const [params] = useSearchParams();
  const filters: Record<string, string> = {};
  for (const name of names) filters[name] = params.get(name)?.trim() ?? '';
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const query = new URLSearchParams();
  for (const name of names) if (filters[name]) query.set(name, filters[name]);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  return { filters, page, apiQuery: query.toString() };
}
