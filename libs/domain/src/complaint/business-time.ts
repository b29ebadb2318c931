import { addDays, weekday } from '../attendance/rota.js';
import { DomainError } from '../common/errors.js';
import { localDate, zonedTime, type LocalDate } from '../common/time.js';
import type { ComplaintPolicy, DayWindow } from './policy.js';

/**
 * Business-hours arithmetic for SLA clocks (CMP-3, CMP-5): time counts only inside the site's opening
 * windows, in the site's zone (GEN-4), outside holidays and outside pauses (waiting on the customer).
 * Instants are `Date`s (UTC); durations are milliseconds inside, minutes at the edges.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekday − 1 → windows (Monday first). */
  week: readonly (readonly DayWindow[])[];
  holidays: ReadonlySet<LocalDate>;
  makeupWorkdays: ReadonlySet<LocalDate>;
}

/** A stretch during which the clocks stand still (waiting on the customer); `to: null` = still waiting. */
export interface SlaPause {
  from: Date;
  to: Date | null;
}

const MINUTE = 60_000;
/** How far the arithmetic looks ahead before it declares a calendar that never opens. */
const HORIZON_DAYS = 3 * 366;

/** The business calendar of a site: the policy's hours in the policy's zone, or else the site's (GEN-4). */
export function businessCalendar(policy: Pick<ComplaintPolicy, 'businessHours'>, siteTimeZone: string): BusinessCalendar {
  const bh = policy.businessHours;
  return { timeZone: bh.timeZone ?? siteTimeZone, week: bh.week, holidays: new Set(bh.holidays), makeupWorkdays: new Set(bh.makeupWorkdays) };
}

/** The opening windows of one local date, as UTC millisecond intervals, in order. */
export function openingWindows(cal: BusinessCalendar, date: LocalDate): [number, number][] {
  if (cal.holidays.has(date)) return [];
  const windows = cal.makeupWorkdays.has(date) ? cal.week[0] : cal.week[weekday(date) - 1];
  return (windows ?? []).map((w) => [
    zonedTime(date, w.start, cal.timeZone).getTime(),
    (w.end === '24:00' ? zonedTime(addDays(date, 1), '00:00', cal.timeZone) : zonedTime(date, w.end, cal.timeZone)).getTime(),
  ]);
}

/** Merged pauses as sorted ms intervals (an open pause runs to +∞). */
function pauseIntervals(pauses: readonly SlaPause[]): [number, number][] {
  const list = pauses.map((p) => [p.from.getTime(), p.to ? p.to.getTime() : Infinity] as [number, number]).filter(([a, b]) => b > a);
  list.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of list) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** [a, b) without the pauses. */
function withoutPauses(a: number, b: number, pauses: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let cursor = a;
  for (const [pa, pb] of pauses) {
    if (pb <= cursor) continue;
    if (pa >= b) break;
    if (pa > cursor) out.push([cursor, Math.min(pa, b)]);
    cursor = Math.max(cursor, pb);
    if (cursor >= b) break;
  }
  if (cursor < b) out.push([cursor, b]);
  return out;
}

/** Is `t` inside business hours (and not paused)? */
export function isBusinessTime(cal: BusinessCalendar, t: Date, pauses: readonly SlaPause[] = []): boolean {
  const ms = t.getTime();
  const p = pauseIntervals(pauses);
  const date = localDate(t, cal.timeZone);
  return openingWindows(cal, date).some(([a, b]) => withoutPauses(a, b, p).some(([x, y]) => ms >= x && ms < y));
}

/**
 * The instant `minutes` business minutes after `start`, skipping closed hours, weekends, holidays and
 * pauses. When the target falls exactly on the end of an opening window, that end is the deadline
 * (due at 18:00, not at 09:00 the next morning). `null` when a pause that is still open swallows the
 * rest: the deadline is unknown until the customer answers.
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number, pauses: readonly SlaPause[] = []): Date | null {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be 0 or more, got ${minutes}`);
  let remaining = minutes * MINUTE;
  const s = start.getTime();
  const p = pauseIntervals(pauses);
  let date = localDate(start, cal.timeZone);
  for (let i = 0; i < HORIZON_DAYS; i++, date = addDays(date, 1)) {
    for (const [a, b] of openingWindows(cal, date)) {
      if (b <= s) continue;
      for (const [x, y] of withoutPauses(Math.max(a, s), b, p)) {
        if (remaining <= y - x) return new Date(x + remaining);
        remaining -= y - x;
      }
    }
    // Everything after an open pause is paused: nothing more will count.
    const open = p.find(([, b]) => b === Infinity);
    if (open && zonedTime(addDays(date, 1), '00:00', cal.timeZone).getTime() > open[0]) return null;
  }
  throw new DomainError('BUSINESS_HOURS_NEVER_OPEN', 'unprocessable', `the business calendar has no opening hours within ${HORIZON_DAYS} days`);
}

/** Business minutes between two instants (0 when `to` ≤ `from`), pauses excluded. May be fractional. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date, pauses: readonly SlaPause[] = []): number {
  const [f, t] = [from.getTime(), to.getTime()];
  if (t <= f) return 0;
  const p = pauseIntervals(pauses);
  let total = 0;
  const last = localDate(to, cal.timeZone);
  for (let date = localDate(from, cal.timeZone); date <= last; date = addDays(date, 1)) {
    for (const [a, b] of openingWindows(cal, date)) {
      const [x, y] = [Math.max(a, f), Math.min(b, t)];
      if (y > x) for (const [u, v] of withoutPauses(x, y, p)) total += v - u;
    }
  }
  return total / MINUTE;
}
