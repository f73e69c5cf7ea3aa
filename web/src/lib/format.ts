import { intlLocale, type Lang } from './lang.ts';

/** Name of a bilingual record in the page's language. */
export function nameIn(lang: Lang, record: { nameEn: string; nameFr: string }): string {
  return lang === 'fr' ? record.nameFr : record.nameEn;
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) as the page's language writes it: "March 1, 2013", "1 mars 2013". */
export function formatDate(lang: Lang, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  const parts = format.formatToParts(new Date(Date.UTC(y, m - 1, d)));
  // French writes the first day of a month as an ordinal: « 1er avril 1989 ».
  return parts
    .map((p) => (lang === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** Sort records by their name in the page's language, as that language sorts. */
export function byName<T extends { nameEn: string; nameFr: string }>(lang: Lang) {
  const collator = new Intl.Collator(intlLocale(lang), { sensitivity: 'base' });
  return (a: T, b: T) => collator.compare(nameIn(lang, a), nameIn(lang, b));
}
