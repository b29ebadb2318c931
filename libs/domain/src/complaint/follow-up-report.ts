import { addDays, weekday } from '../attendance/rota.js';
import { DomainError } from '../common/errors.js';
import { isCalendarDate, localDate, zonedTime, type LocalDate } from '../common/time.js';
import { FOLLOW_UP_ATTITUDES, type FollowUpAnswers, type FollowUpAttitude } from './follow-up.js';

/**
 * CMP-8 / CMP-7: the follow-up summary report (回访总结报告, 004: 最后分析结果并撰写《回访总结报告》).
 * The figures are a pure aggregation of the follow-up calls planned in a site-local week or month;
 * the supervisor adds the causes (原因分析) and improvements (改进措施) and publishes it, which freezes
 * the figures.
 */

export const REPORT_PERIOD_KINDS = ['week', 'month'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

export interface ReportPeriod {
  /** `2026-W47` (ISO week) or `2026-11`. */
  key: string;
  kind: ReportPeriodKind;
  /** First and last site-local day. */
  from: LocalDate;
  to: LocalDate;
  /** The half-open interval [start, end) of instants in the site's zone. */
  start: Date;
  end: Date;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Monday of ISO week 1 of a year: the week that holds 4 January. */
const isoWeekOneMonday = (year: number): LocalDate => {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  return addDays(jan4, 1 - weekday(jan4));
};

/** How many ISO weeks the year has (52 or 53). */
export const isoWeeksIn = (year: number): number => {
  const next = isoWeekOneMonday(year + 1);
  const first = isoWeekOneMonday(year);
  return Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / (7 * 86_400_000));
};

/** The ISO week key (`YYYY-Www`) of a local date. */
export function isoWeekOf(date: LocalDate): string {
  const thursday = addDays(date, 4 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${isoWeekOneMonday(year)}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period of the given kind that holds `instant` in the site's zone. */
export function reportPeriodOf(instant: Date, kind: ReportPeriodKind, timeZone: string): string {
  const d = localDate(instant, timeZone);
  return kind === 'week' ? isoWeekOf(d) : d.slice(0, 7);
}

/**
 * Read a period key: an ISO week `2026-W47` (Monday to Sunday) or a month `2026-11`, site-local
 * (GEN-4). Anything else is a 400 `FOLLOW_UP_REPORT_PERIOD_INVALID`.
 */
export function parseReportPeriod(key: string, timeZone: string): ReportPeriod {
  const invalid = () => new DomainError('FOLLOW_UP_REPORT_PERIOD_INVALID', 'invalid', 'a period is an ISO week (2026-W47) or a month (2026-11)', { errors: [{ field: 'period', message: 'YYYY-Www or YYYY-MM' }], ruleIds: ['CMP-8'] });
  if (typeof key !== 'string') throw invalid();
  let from: LocalDate;
  let to: LocalDate;
  let kind: ReportPeriodKind;
  const w = WEEK.exec(key);
  const m = MONTH.exec(key);
  if (w) {
    const [year, week] = [Number(w[1]), Number(w[2])];
    if (year < 2000 || year > 2999 || week < 1 || week > isoWeeksIn(year)) throw invalid();
    kind = 'week';
    from = addDays(isoWeekOneMonday(year), (week - 1) * 7);
    to = addDays(from, 6);
  } else if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (year < 2000 || year > 2999 || month < 1 || month > 12) throw invalid();
    kind = 'month';
    from = `${m[1]}-${m[2]}-01`;
    to = addDays(month === 12 ? `${year + 1}-01-01` : `${m[1]}-${String(month + 1).padStart(2, '0')}-01`, -1);
  } else throw invalid();
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw invalid();
  return { key, kind, from, to, start: zonedTime(from, '00:00', timeZone), end: zonedTime(addDays(to, 1), '00:00', timeZone) };
}

/** A follow-up call (回访记录表 row) with what the report needs of its complaint. */
export interface ReportCall {
  id: string;
  complaintId: string;
  status: 'open' | 'done' | 'dropped';
  plannedAt: Date;
  dueBy: Date;
  doneAt: Date | null;
  answers: FollowUpAnswers | null;
  /** CMP-10: the call reopened its complaint. */
  reopened: boolean;
  complaint: { importantCustomer: boolean; complainantName: string; category: string | null; department: string | null };
}

export interface ReportUnsatisfiedCall {
  callId: string;
  complaintId: string;
  complainantName: string;
  category: string | null;
  department: string | null;
  calledAt: string;
  score: number;
  attitude: FollowUpAttitude;
  solved: boolean;
  reopened: boolean;
}

export interface ReportSuggestion {
  callId: string;
  complaintId: string;
  complainantName: string;
  calledAt: string;
  score: number;
  text: string;
}

export interface FollowUpReportFigures {
  period: string;
  from: LocalDate;
  to: LocalDate;
  /** The instant the figures were computed (ISO): a published report keeps it. */
  computedAt: string;
  /** Calls planned in the period (dropped ones included). */
  planned: number;
  done: number;
  /** Done before the call was due (CMP-7: within the window, or by the customer's booked day). */
  doneOnTime: number;
  doneLate: number;
  /** Dropped because the complaint was reopened by hand before the call. */
  dropped: number;
  /** Not done and past due at `computedAt`. */
  overdue: number;
  /** Not done and not yet due at `computedAt`. */
  pending: number;
  /** Share of done calls whose customer said "solved"; `null` without done calls. */
  solvedRate: number | null;
  attitude: Record<FollowUpAttitude, number>;
  /** CMP-7 script: a fee was charged. */
  chargedCount: number;
  averageScore: number | null;
  /** `scoreDistribution[i]` = calls that scored `i + 1` (1–10). */
  scoreDistribution: number[];
  /** CMP-7: 100 % of member customers are called back. */
  memberCoverage: { owed: number; calledBack: number; rate: number | null; missing: string[] };
  /** CMP-10: done calls that reopened their complaint. */
  reopened: number;
  /** Done calls with an unsatisfied attitude, "not solved" or that reopened the complaint, oldest first. */
  unsatisfiedCalls: ReportUnsatisfiedCall[];
  /** The customers' suggestions (回访记录表), oldest first; blank ones are left out. */
  suggestions: ReportSuggestion[];
}

/**
 * CMP-8: the figures of the follow-up summary report over the calls **planned** in the period (a
 * call belongs to the period it was planned in, so a late call still counts where it was owed),
 * read at `now` (GEN-8: overdue and pending depend on the instant; a published report keeps them).
 */
export function followUpReportFigures(period: ReportPeriod, calls: readonly ReportCall[], now: Date): FollowUpReportFigures {
  const inPeriod = calls.filter((c) => c.plannedAt >= period.start && c.plannedAt < period.end);
  const done = inPeriod.filter((c) => c.status === 'done' && c.answers && c.doneAt).sort((a, b) => a.doneAt!.getTime() - b.doneAt!.getTime() || a.id.localeCompare(b.id));
  const open = inPeriod.filter((c) => c.status === 'open');
  const attitude = Object.fromEntries(FOLLOW_UP_ATTITUDES.map((a) => [a, 0])) as Record<FollowUpAttitude, number>;
  const scoreDistribution = Array.from({ length: 10 }, () => 0);
  for (const c of done) {
    attitude[c.answers!.attitude]++;
    if (Number.isInteger(c.answers!.score) && c.answers!.score >= 1 && c.answers!.score <= 10) scoreDistribution[c.answers!.score - 1]++;
  }
  // CMP-7: each member customer's complaint owed a call in the period (not dropped) counts once.
  const owed = new Set(inPeriod.filter((c) => c.complaint.importantCustomer && c.status !== 'dropped').map((c) => c.complaintId));
  const called = new Set(done.map((c) => c.complaintId));
  const missing = [...owed].filter((id) => !called.has(id)).sort();
  const n = done.length;
  return {
    period: period.key,
    from: period.from,
    to: period.to,
    computedAt: now.toISOString(),
    planned: inPeriod.length,
    done: n,
    doneOnTime: done.filter((c) => c.doneAt! < c.dueBy).length,
    doneLate: done.filter((c) => c.doneAt! >= c.dueBy).length,
    dropped: inPeriod.filter((c) => c.status === 'dropped').length,
    overdue: open.filter((c) => now >= c.dueBy).length,
    pending: open.filter((c) => now < c.dueBy).length,
    solvedRate: n ? done.filter((c) => c.answers!.solved).length / n : null,
    attitude,
    chargedCount: done.filter((c) => c.answers!.charged).length,
    averageScore: n ? done.reduce((s, c) => s + c.answers!.score, 0) / n : null,
    scoreDistribution,
    memberCoverage: { owed: owed.size, calledBack: owed.size - missing.length, rate: owed.size ? (owed.size - missing.length) / owed.size : null, missing },
    reopened: done.filter((c) => c.reopened).length,
    unsatisfiedCalls: done
      .filter((c) => c.answers!.attitude === 'unsatisfied' || !c.answers!.solved || c.reopened)
      .map((c) => ({
        callId: c.id,
        complaintId: c.complaintId,
        complainantName: c.complaint.complainantName,
        category: c.complaint.category,
        department: c.complaint.department,
        calledAt: c.doneAt!.toISOString(),
        score: c.answers!.score,
        attitude: c.answers!.attitude,
        solved: c.answers!.solved,
        reopened: c.reopened,
      })),
    suggestions: done
      .filter((c) => typeof c.answers!.suggestions === 'string' && c.answers!.suggestions.trim() !== '')
      .map((c) => ({ callId: c.id, complaintId: c.complaintId, complainantName: c.complaint.complainantName, calledAt: c.doneAt!.toISOString(), score: c.answers!.score, text: c.answers!.suggestions.trim() })),
  };
}

/** The supervisor's written part (原因分析, 改进措施). */
export interface ReportText {
  causes: string;
  improvements: string;
}

export const REPORT_TEXT_MAX = 10_000;

/** The text of a draft: strings up to 10 000 characters each (blank is allowed while drafting). */
export function validateReportText(t: ReportText): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  for (const f of ['causes', 'improvements'] as const) {
    if (typeof t?.[f] !== 'string' || t[f].length > REPORT_TEXT_MAX) errors.push({ field: f, message: `text up to ${REPORT_TEXT_MAX} characters` });
  }
  return errors;
}

/**
 * CMP-8: a report may be published once its period is over (the figures are final enough to freeze)
 * and the supervisor has written both the causes and the improvements (004: 分析结果并撰写, 提出改进对策).
 */
export function checkPublishable(period: ReportPeriod, text: ReportText, now: Date): void {
  if (now < period.end) {
    throw new DomainError('FOLLOW_UP_REPORT_PERIOD_OPEN', 'conflict', `the period ${period.key} is not over yet: publish it from ${period.end.toISOString()}`, { period: period.key, endsAt: period.end.toISOString(), ruleIds: ['CMP-8'] });
  }
  const errors = (['causes', 'improvements'] as const).filter((f) => typeof text?.[f] !== 'string' || text[f].trim() === '').map((field) => ({ field, message: 'write it before publishing' }));
  if (errors.length) throw new DomainError('FOLLOW_UP_REPORT_TEXT_REQUIRED', 'unprocessable', 'the causes and the improvements are written before publishing (CMP-8)', { errors, ruleIds: ['CMP-8'] });
}
