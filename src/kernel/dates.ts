/** Calendar dates as the API carries them: 'YYYY-MM-DD' strings, compared and counted in UTC. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** The calendar date of an instant (UTC). */
export function isoDateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

function utc(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDateOf(new Date(utc(date) + days * DAY_MS));
}

/** The date `months` calendar months later, less one day: a 12-month tour from 2019-04-01 ends 2020-03-31. */
export function tourEndOf(start: IsoDate, months: number): IsoDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  return addDays(isoDateOf(end), -1);
}
