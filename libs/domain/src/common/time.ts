/**
 * GEN-4: instants are stored in UTC; rules are evaluated in the site's time zone.
 * Pure helpers over IANA zone names, built on Intl (no time-zone database of our own).
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A calendar date `YYYY-MM-DD` in a zone. */
export type LocalDate = string;

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    dtf(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(dtf(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}` as LocalDate,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The calendar date of an instant in a zone. */
export const localDate = (instant: Date, timeZone: string): LocalDate => wallClock(instant, timeZone).date;

/** The wall-clock time of an instant in a zone, `HH:mm`. */
export function localClock(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** Date and time of an instant in a zone, `YYYY-MM-DD HH:mm` (files and messages for people on the site). */
export const localDateTime = (instant: Date, timeZone: string): string => `${localDate(instant, timeZone)} ${localClock(instant, timeZone)}`;

/** Is `YYYY-MM-DD` a real calendar date (rejects 2026-02-30)? */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const zonedCache = new Map<string, number>();

/** The UTC instant of a wall-clock time (`HH:MM`) on a local date in a zone (memoized: reports ask for the same few thousand). */
export function zonedTime(date: LocalDate, time: string, timeZone: string): Date {
  const key = `${date}|${time}|${timeZone}`;
  const hit = zonedCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const instant = computeZonedTime(date, time, timeZone);
  if (zonedCache.size >= 50_000) zonedCache.clear();
  zonedCache.set(key, instant.getTime());
  return instant;
}

function computeZonedTime(date: LocalDate, time: string, timeZone: string): Date {
  const [h, mi] = time.split(':').map(Number);
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset, also across a DST change.
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(instant), timeZone);
    const [wy, wmo, wd] = w.date.split('-').map(Number);
    const asUtc = Date.UTC(wy, wmo - 1, wd, w.hour, w.minute);
    instant += guess - asUtc;
  }
  return new Date(instant);
}

/**
 * GEN-11: a record is entered the same day when the moment it was recorded falls on the same local
 * date as the event it records. A later entry is flagged.
 */
export function isSameDayEntry(occurredAt: Date, recordedAt: Date, timeZone: string): boolean {
  return localDate(occurredAt, timeZone) === localDate(recordedAt, timeZone);
}
