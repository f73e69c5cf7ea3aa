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

const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** A whole number as the page's language writes it: "4,000", « 4 000 ». */
export function formatNumber(lang: Lang, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(lang));
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/** A moment (an ISO timestamp) as a calendar date and time in the page's language. */
const percentFormats = new Map<Lang, Intl.NumberFormat>();

/** A share given out of 100 (29.7 -> "29.7%", « 29,7 % »), one decimal at most; a dash when unknown. */
export function formatPercent(lang: Lang, percent: number | null): string {
  if (percent === null) return '—';
  let format = percentFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(lang), {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    percentFormats.set(lang, format);
  }
  return format.format(percent / 100);
}

export function formatDateTime(lang: Lang, isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** A file size in kilobytes or megabytes, in the page's language. */
export function formatFileSize(lang: Lang, bytes: number): string {
  const format = (value: number, unit: 'kilobyte' | 'megabyte') =>
    new Intl.NumberFormat(intlLocale(lang), {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  return bytes < 1024 * 1024
    ? format(Math.max(bytes / 1024, 0.1), 'kilobyte')
    : format(bytes / (1024 * 1024), 'megabyte');
}

/** Today's calendar date (YYYY-MM-DD) where the user is. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The last day of a tour of `months` months starting on `start` (YYYY-MM-DD). */
export function tourEndOf(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  if (!y || !m || !d || !months) return '';
  const end = new Date(Date.UTC(y, m - 1 + months, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

/**
 * Marks for a time axis from `from` to `to` (YYYY-MM-DD): the first day of every month, every
 * 3 months, every year or every 2 years, so that a long range does not crowd its axis.
 */
export function monthTicks(from: string, to: string): string[] {
  const [y0, m0] = from.split('-').map(Number) as [number, number];
  const months = (Number(to.slice(0, 4)) - y0) * 12 + (Number(to.slice(5, 7)) - m0);
  const step = months <= 12 ? 1 : months <= 36 ? 3 : months <= 96 ? 12 : 24;
  const ticks: string[] = [];
  for (let i = 1; i <= months; i++) {
    const y = y0 + Math.floor((m0 - 1 + i) / 12);
    const m = ((m0 - 1 + i) % 12) + 1;
    if (step >= 12 ? m === 1 && y % (step / 12) === 0 : (m - 1) % step === 0)
      ticks.push(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  return ticks;
}
