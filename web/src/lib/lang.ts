/** The two official languages; the first path segment of every page names one. */
export const languages = ['en', 'fr'] as const;
export type Lang = (typeof languages)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'fr';
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'fr' : 'en';
}

/** The language named by a path such as /fr/missions, or English. */
export function langOfPath(pathname: string): Lang {
  const first = pathname.split('/')[1];
  return isLang(first) ? first : 'en';
}

/** BCP 47 locale for Intl formatting: Canadian English and Canadian French. */
export function intlLocale(lang: Lang): string {
  return lang === 'fr' ? 'fr-CA' : 'en-CA';
}

/** The same page in the other official language (path, query and fragment kept). */
export function otherLanguageHref(
  pathname: string,
  search: string,
  hash: string,
  lang: Lang,
): string {
  const rest = pathname.replace(/^\/[^/]*/, '');
  return `/${otherLang(lang)}${rest || '/'}${search}${hash}`;
}

/**
 * Where to go after signing in: a path inside the app, without its language (?next=/missions),
 * so a language switch on the sign-in page keeps it. Anything else (another site, //host) is
 * ignored.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
