import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

/**
 * Translations live in locales/{en,fr}/<namespace>.json, shared by the server (error messages)
 * and the web app. Codes are never translated; messages always are.
 */
export const supportedLocales = ['en', 'fr'] as const;
export type Locale = (typeof supportedLocales)[number];

export const localesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../locales',
);

export function loadResources(): Record<Locale, Record<string, unknown>> {
  const resources = { en: {}, fr: {} } as Record<Locale, Record<string, unknown>>;
  for (const locale of supportedLocales) {
    for (const file of fs.readdirSync(path.join(localesDir, locale))) {
      if (!file.endsWith('.json')) continue;
      const ns = file.slice(0, -'.json'.length);
      resources[locale][ns] = JSON.parse(
        fs.readFileSync(path.join(localesDir, locale, file), 'utf8'),
      );
    }
  }
  return resources;
}

const i18n = i18next.createInstance();
await i18n.init({
  resources: loadResources() as never,
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...supportedLocales],
  ns: ['errors'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function translator(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fr';
}

/** The caller's language: an explicit `lang` wins, then Accept-Language, then English. */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  if (isLocale(explicit)) return explicit;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const entry of ranked) if (isLocale(entry.lang)) return entry.lang;
  return 'en';
}

/**
 * Results that carry a reason key (`screening.age.pass`: namespace, then key) and its values,
 * each given its message in the caller's language. Pure rules return keys; the edge translates.
 */
export function withMessages<R extends { reason: string; params: Record<string, unknown> }>(
  locale: Locale,
  results: R[],
): Array<R & { message: string }> {
  const t = translator(locale);
  return results.map((r) => ({ ...r, message: t(r.reason.replace('.', ':'), r.params) }));
}
