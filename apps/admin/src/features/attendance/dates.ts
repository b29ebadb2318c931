import type { DatePicker, GetProps } from 'antd';
import { addDays, localDate, wallClock, weekOf, zonedTime, type LocalDate } from '@sitedesk/domain';

/**
 * Calendar arithmetic in the site's time zone (GEN-4). The browser's own zone never decides a date:
 * "today" is the site's today, and a date picked in a form is a wall-clock date of the site.
 */
export const siteToday = (timeZone: string): LocalDate => localDate(new Date(), timeZone);

export const monthOf = (date: LocalDate) => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export function monthBounds(month: string): { from: LocalDate; to: LocalDate } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export const isMonth = (value: string | null): value is string => !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
export const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The Monday of the week of `date`. */
export const mondayOf = (date: LocalDate) => weekOf(date)[0];

/** The instants [from, to) of whole days `first`..`last` of the site: what a whole-day leave covers. */
export const wholeDays = (first: LocalDate, last: LocalDate, timeZone: string) => ({
  from: zonedTime(first, '00:00', timeZone).toISOString(),
  to: zonedTime(addDays(last, 1), '00:00', timeZone).toISOString(),
});

/** A wall-clock `HH:MM` on a date of the site, as an instant. */
export const siteInstant = (date: LocalDate, time: string, timeZone: string) => zonedTime(date, time, timeZone).toISOString();

/** `HH:MM` of an instant on the site's clock. */
export function siteClock(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const w = wallClock(new Date(iso), timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** Whole days: an interval that starts and ends at the site's midnight. */
export function asWholeDays(from: string, to: string, timeZone: string): { first: LocalDate; last: LocalDate } | null {
  const start = wallClock(new Date(from), timeZone);
  const end = wallClock(new Date(to), timeZone);
  if (start.hour || start.minute || end.hour || end.minute) return null;
  return { first: start.date, last: addDays(end.date, -1) };
}

const utcDate = (date: LocalDate) => new Date(`${date}T00:00:00Z`);

/** "5月20日 周三" / "Wed, May 20". */
export const formatDay = (date: LocalDate, language: string) =>
  new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(utcDate(date));

/** "周三" / "Wed". */
export const formatWeekday = (date: LocalDate, language: string) => new Intl.DateTimeFormat(language, { timeZone: 'UTC', weekday: 'short' }).format(utcDate(date));

/** "2026年5月" / "May 2026". */
export const formatMonth = (month: string, language: string) => new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(utcDate(`${month}-01`));

/** "2026/05/20" in the console's language. */
export const formatDate = (date: LocalDate, language: string) =>
  new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(utcDate(date));

/** A date picked in an Ant Design picker (a Dayjs in the browser's zone; only its wall-clock date is read). */
export type PickedDate = NonNullable<NonNullable<GetProps<typeof DatePicker.RangePicker>['value']>[0]>;
