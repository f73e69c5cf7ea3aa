import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLang, langOfPath, languages, type Lang } from './lib/lang.ts';

// Translations are shared with the server: locales/{en,fr}/<namespace>.json, bundled at build time.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/*.json', {
  eager: true,
});

type Resources = Record<Lang, Record<string, Record<string, unknown>>>;

export function resourcesFrom(
  modules: Record<string, { default: Record<string, unknown> }>,
): Resources {
  const resources: Resources = { en: {}, fr: {} };
  for (const [file, module] of Object.entries(modules)) {
    const match = /\/locales\/([a-z]+)\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, lang, ns] = match;
    if (isLang(lang) && ns) resources[lang][ns] = module.default;
  }
  return resources;
}

export const namespaces = [
  'common',
  'auth',
  'account',
  'home',
  'reference',
  'errors',
  'requests',
  'planning',
  'evaluations',
  'people',
  'calls',
  'training',
  'dutyofcare',
  'incidents',
  'notices',
  'tour',
  'reports',
  'uncontributions',
  'pasttours',
  'statistics',
  'audit',
  'refadmin',
  'privacy',
  'users',
] as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: resourcesFrom(files),
  lng: langOfPath(window.location.pathname),
  fallbackLng: false,
  supportedLngs: [...languages],
  ns: [...namespaces],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
});
