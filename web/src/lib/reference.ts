import { useMemo } from 'react';
import type { CodedName } from './api.ts';
import { byName, nameIn } from './format.ts';
import { useApi, useLang, type Loadable } from './hooks.ts';

export type ReferenceList =
  'organizations' | 'countries' | 'post-types' | 'mission-roles' | 'ranks';

export interface CodeList<T extends CodedName> {
  loaded: Loadable<T[]>;
  /** In the order the server gives (ranks: most junior first), or by name when `sorted`. */
  items: T[];
  /** The name of a code in the page's language; the code itself when unknown. */
  name(code: string | null | undefined): string;
  options: Array<{ value: string; label: string }>;
}

/** A bilingual reference list (organizations, countries, post types...) with names by code. */
export function useCodeList<T extends CodedName = CodedName>(
  list: ReferenceList,
  sorted = true,
): CodeList<T> {
  const lang = useLang();
  const loaded = useApi<T[]>(`/api/v1/reference/${list}`);
  return useMemo(() => {
    const raw = loaded.status === 'ready' ? loaded.data : [];
    const items = sorted ? [...raw].sort(byName<T>(lang)) : raw;
    const byCode = new Map(items.map((i) => [i.code, i]));
    return {
      loaded,
      items,
      name: (code) => {
        if (!code) return '';
        const found = byCode.get(code);
        return found ? nameIn(lang, found) : code;
      },
      options: items.map((i) => ({ value: i.code, label: nameIn(lang, i) })),
    };
  }, [loaded, lang, sorted]);
}

/** The first error among several loads, if any. */
export function firstError(...loads: Array<Loadable<unknown>>): unknown {
  for (const l of loads) if (l.status === 'error') return l.error;
  return null;
}

/** Are all these loads done? */
export function allReady(...loads: Array<Loadable<unknown>>): boolean {
  return loads.every((l) => l.status === 'ready');
}

/** Languages a request line may require (ISO 639-1), named in reference:languages. */
export const requirementLanguages = ['en', 'fr', 'ar', 'es', 'pt', 'ru', 'uk', 'ht'] as const;
