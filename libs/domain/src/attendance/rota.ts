import type { LocalDate } from '../common/time.js';
import type { AttendancePolicy } from './policy.js';

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The seven dates of the week (Monday first) that contains `date`. */
export function weekOf(date: LocalDate): LocalDate[] {
  const monday = addDays(date, 1 - weekday(date));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export interface RotaProblem {
  userId: string;
  date?: LocalDate;
  code: 'REST_ON_WEEKEND' | 'REST_DAYS_PER_WEEK' | 'REST_ON_BLACKOUT_DAY';
  ruleId: 'ATT-2' | 'ATT-3';
}

/**
 * ATT-2 and ATT-3: on a six-day site each person rests exactly one day Monday–Friday and nobody rests
 * on Saturday or Sunday; nobody rests on a blackout day. `restDays` maps a person to their rest dates
 * of the week.
 */
export function checkWeekRota(policy: AttendancePolicy, week: LocalDate[], restDays: ReadonlyMap<string, LocalDate[]>, blackoutDates: ReadonlySet<LocalDate>): RotaProblem[] {
  const problems: RotaProblem[] = [];
  for (const [userId, dates] of restDays) {
    const inWeek = dates.filter((d) => week.includes(d));
    for (const d of inWeek) {
      if (blackoutDates.has(d)) problems.push({ userId, date: d, code: 'REST_ON_BLACKOUT_DAY', ruleId: 'ATT-3' });
      if (policy.sixDayWeek && weekday(d) >= 6) problems.push({ userId, date: d, code: 'REST_ON_WEEKEND', ruleId: 'ATT-2' });
    }
    if (policy.sixDayWeek && inWeek.filter((d) => weekday(d) <= 5).length !== 1) problems.push({ userId, code: 'REST_DAYS_PER_WEEK', ruleId: 'ATT-2' });
  }
  return problems;
}

/**
 * ATT-2: a proposal the clerk edits — person i rests on weekday (i + week number) mod 5, so that each
 * weekday keeps the same number of people and everyone's rest day moves along week by week.
 * Blackout days are skipped to the next free weekday.
 */
export function proposeRestDays(userIds: string[], week: LocalDate[], blackoutDates: ReadonlySet<LocalDate>): Map<string, LocalDate> {
  const weekNumber = Math.floor(new Date(`${week[0]}T00:00:00Z`).getTime() / (7 * 86_400_000));
  const weekdays = week.slice(0, 5);
  const out = new Map<string, LocalDate>();
  userIds.forEach((id, i) => {
    for (let k = 0; k < 5; k++) {
      const d = weekdays[(i + weekNumber + k) % 5];
      if (!blackoutDates.has(d)) {
        out.set(id, d);
        return;
      }
    }
  });
  return out;
}
