import type { DisciplineKind } from '../common/discipline.js';
import { fen, type Fen } from '../common/money.js';
import type { LocalDate } from '../common/time.js';
import type { DayResult, LeaveType } from './evaluate-day.js';
import type { AttendancePolicy } from './policy.js';

/** A line for the discipline register (GEN-9) that the month's attendance produces. */
export interface DisciplineLine {
  date: LocalDate;
  kind: DisciplineKind;
  ruleId: string;
  amountFen: Fen;
  evidence: string;
}

export interface MonthFlag {
  code: 'DISMISSAL_REVIEW' | 'LEAVE_REVIEW' | 'WRITTEN_EXPLANATION' | 'WAGE_WITHHELD' | 'SUSPENDED_UNTIL_RECOVERED';
  ruleId: string;
  detail: string;
}

export interface MonthSummary {
  month: string;
  scheduledDays: number;
  presentDays: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  absenceDays: number;
  leaveDays: Record<LeaveType, number>;
  businessOutDays: number;
  /** Days with a corrected punch (ATT-15), shown as corrections. */
  correctedDays: number;
  fines: DisciplineLine[];
  finesFen: Fen;
  /** ATT-11 trampoline: earned this month; paid quarterly (see quarterBonus). */
  bonusEarnedFen: Fen;
  /** ATT-12; null when the person's wage is unknown. */
  deductionFen: Fen | null;
  flags: MonthFlag[];
  policyVersions: number[];
}

export interface Wage {
  /** The day's wage (trampoline deductions). */
  dailyFen?: Fen;
  /** The month's wage (on-site deductions). */
  monthlyFen?: Fen;
}

const SCHEDULED: DayResult['status'][] = ['present', 'late', 'early_leave', 'late_and_early_leave', 'absent', 'missing_punch', 'on_leave', 'business_out', 'at_work', 'not_arrived', 'upcoming'];
const WORKED: DayResult['status'][] = ['present', 'late', 'early_leave', 'late_and_early_leave', 'business_out'];

function scheduledHours(d: DayResult): number {
  return d.scheduledStart && d.scheduledEnd ? (d.scheduledEnd.getTime() - d.scheduledStart.getTime()) / 3_600_000 : 0;
}

/** A leave day counts as the share of its scheduled time the leave covered. */
const leaveShare = (d: DayResult) => (d.status === 'on_leave' ? 1 : scheduledHours(d) ? Math.min(1, d.leaveHours / scheduledHours(d)) : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * ATT-11..ATT-14: a person's month from their evaluated days. Each day is judged by the policy
 * version it recorded (`policies`), so a policy change in the middle of the month applies from its
 * day on and never rewrites the days before it.
 */
export function summarizeMonth(month: string, days: DayResult[], policies: ReadonlyMap<number, AttendancePolicy>, wage: Wage = {}): MonthSummary {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const policyOf = (d: DayResult) => {
    const p = policies.get(d.policyVersion);
    if (!p) throw new Error(`policy version ${d.policyVersion} of ${d.date} is missing`);
    return p;
  };
  const s: MonthSummary = {
    month,
    scheduledDays: 0,
    presentDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    absenceDays: 0,
    leaveDays: { personal: 0, annual: 0, sick: 0 },
    businessOutDays: 0,
    correctedDays: 0,
    fines: [],
    finesFen: fen(0),
    bonusEarnedFen: fen(0),
    deductionFen: null,
    flags: [],
    policyVersions: [...new Set(sorted.map((d) => d.policyVersion))],
  };

  let incidents = 0;
  for (const d of sorted) {
    const p = policyOf(d);
    if (SCHEDULED.includes(d.status)) s.scheduledDays++;
    if (WORKED.includes(d.status)) s.presentDays++;
    if (d.status === 'business_out' || d.businessOut) s.businessOutDays++;
    if (d.corrected) s.correctedDays++;
    s.absenceDays += d.absenceDays;
    if (d.leaveType) s.leaveDays[d.leaveType] = round2(s.leaveDays[d.leaveType] + leaveShare(d));
    // An absent day is absence, not lateness (ATT-5): its minutes are not counted as late.
    if (d.status !== 'absent') {
      s.lateCount += d.lateCount;
      s.lateMinutes += d.lateMinutes;
      s.earlyCount += d.earlyCount;
      s.earlyMinutes += d.earlyMinutes;
    }
    // ATT-11 fines, from the n-th late or early leave of the month.
    if (d.status !== 'absent') {
      for (const [count, amount, what] of [
        [d.lateCount, p.fines.lateFen, `late ${d.lateMinutes} min`],
        [d.earlyCount, p.fines.earlyFen, `early leave ${d.earlyMinutes} min`],
      ] as const) {
        for (let i = 0; i < count; i++) {
          incidents++;
          if (incidents >= p.fines.fromNthInMonth && amount > 0) s.fines.push({ date: d.date, kind: 'fine', ruleId: 'ATT-11', amountFen: amount, evidence: `${what} (${incidents}. this month)` });
        }
      }
    }
    if (d.status === 'absent' && d.absenceDays > 0 && p.fines.absenceWarningSlip) {
      s.fines.push({ date: d.date, kind: 'warning_slip', ruleId: 'ATT-11', amountFen: fen(0), evidence: `absence (${d.ruleIds.join(', ')})` });
    }
  }
  s.absenceDays = round2(s.absenceDays);
  s.finesFen = fen(s.fines.reduce((n, f) => n + f.amountFen, 0));

  const last = sorted.length ? policyOf(sorted[sorted.length - 1]) : null;
  if (!last) return s;

  // ATT-11 trampoline: the full-attendance bonus is earned by a month without leave, lateness, early leave or absence.
  const clean = s.lateCount === 0 && s.earlyCount === 0 && s.absenceDays === 0 && !sorted.some((d) => d.leaveType);
  if (last.fullAttendanceBonusFen > 0 && clean) s.bonusEarnedFen = last.fullAttendanceBonusFen;

  s.deductionFen = deductions(sorted, last, s, wage);

  // ATT-13 flags for people to decide on.
  const totalLeave = s.leaveDays.personal + s.leaveDays.annual + s.leaveDays.sick;
  const f = last.flags;
  if (f.absentDaysAtLeast !== null && s.absenceDays >= f.absentDaysAtLeast) {
    s.flags.push({ code: 'DISMISSAL_REVIEW', ruleId: 'ATT-13', detail: `${s.absenceDays} days of absence this month (threshold ${f.absentDaysAtLeast})` });
  }
  if (f.leaveDaysAtLeast !== null && totalLeave >= f.leaveDaysAtLeast) {
    s.flags.push({ code: 'LEAVE_REVIEW', ruleId: 'ATT-13', detail: `${totalLeave} days of leave this month (threshold ${f.leaveDaysAtLeast})` });
  }
  const explain: string[] = [];
  if (f.absencesMoreThan !== null && s.absenceDays > f.absencesMoreThan) explain.push(`${s.absenceDays} absences (more than ${f.absencesMoreThan})`);
  if (f.lateMinutesMoreThan !== null && s.lateMinutes > f.lateMinutesMoreThan) explain.push(`${s.lateMinutes} minutes late in total (more than ${f.lateMinutesMoreThan})`);
  if (explain.length) s.flags.push({ code: 'WRITTEN_EXPLANATION', ruleId: 'ATT-13', detail: `a written explanation is required: ${explain.join('; ')}` });
  return s;
}

/** ATT-12 pay deductions; null when the wage they need is unknown. */
function deductions(days: DayResult[], p: AttendancePolicy, s: MonthSummary, wage: Wage): Fen | null {
  const rule = p.deductions;
  if (rule.kind === 'none') return fen(0);
  if (rule.kind === 'on-site') {
    if (s.absenceDays > rule.absenceWithholdAfterDays) {
      s.flags.push({ code: 'WAGE_WITHHELD', ruleId: 'ATT-12', detail: `more than ${rule.absenceWithholdAfterDays} days of absence: the month's wage is withheld and the contract ends` });
      return wage.monthlyFen ?? null;
    }
    if (wage.monthlyFen === undefined) return null;
    const worked = s.presentDays || 1;
    return fen(Math.round((wage.monthlyFen / worked) * (s.absenceDays + s.leaveDays.personal)));
  }
  // trampoline
  const personalDays = days.filter((d) => d.leaveType === 'personal');
  const sickDays = days.filter((d) => d.leaveType === 'sick');
  if (sickDays.length > rule.sickReducedUntilDay) {
    s.flags.push({ code: 'SUSPENDED_UNTIL_RECOVERED', ruleId: 'ATT-12', detail: `more than ${rule.sickReducedUntilDay} sick days this month: work is suspended until recovery` });
  }
  if (wage.dailyFen === undefined) return null;
  const daily = wage.dailyFen;
  let total = 0;
  const excess = s.leaveDays.personal > rule.personalExcessDays;
  for (const d of personalDays) {
    if (excess) total += daily * rule.personalExcessRate * leaveShare(d);
    else if (d.leaveHours >= rule.personalFullDayHours || d.status === 'on_leave') total += daily;
    else if (d.leaveHours > rule.personalMinHours) total += daily * rule.personalPartialRate;
  }
  sickDays.forEach((_, i) => {
    const n = i + 1;
    if (n > rule.sickReducedUntilDay) total += daily;
    else if (n > rule.sickFullPayDays) total += daily * (1 - rule.sickReducedRate);
  });
  return fen(Math.round(total));
}

/** ATT-11 trampoline: the quarter's bonus is paid only when every month of the quarter earned it. */
export function quarterBonus(months: Pick<MonthSummary, 'bonusEarnedFen'>[]): Fen {
  if (months.length !== 3 || months.some((m) => m.bonusEarnedFen === 0)) return fen(0);
  return fen(months.reduce((n, m) => n + m.bonusEarnedFen, 0));
}

/** ATT-14: the clerk submits the month's report by the 30th (the month's last day when it is shorter). */
export function reportDueDate(month: string): LocalDate {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(30, last)).padStart(2, '0')}`;
}

/** The local dates of a month `YYYY-MM`. */
export function datesOfMonth(month: string): LocalDate[] {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
