import { DomainError } from '../common/errors.js';
import type { Role } from '../common/roles.js';
import { localDate, zonedTime, type LocalDate } from '../common/time.js';
import type { LeaveType } from './evaluate-day.js';
import type { AttendancePolicy } from './policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface LeaveRequestInput {
  policy: AttendancePolicy;
  timeZone: string;
  type: LeaveType;
  /** The requested interval. */
  from: Date;
  to: Date;
  /** The scheduled working days the leave covers, in order, and the start of the first one's shift. */
  workingDays: LocalDate[];
  firstShiftStart: Date;
  /** Server time of the request (GEN-4): never a client timestamp. */
  requestedAt: Date;
  /** The person declares an emergency (突发情况). */
  emergency: boolean;
  /** ATT-3: public holidays, opening days, advertising days, mass-mortgage days. */
  blackoutDates: ReadonlySet<LocalDate>;
}

export interface LeaveDecision {
  /** The roles that approve, in order (GEN-6 routes a request its own approver made one level up). */
  approvers: Role[];
  /** Accepted as an emergency (notice rule not met, emergency rule met). */
  emergency: boolean;
  /** ATT-8: a medical certificate is due on the first working day back. */
  certificateRequired: boolean;
  ruleIds: string[];
}

const refuse = (code: string, message: string, ruleIds: string[]) => {
  throw new DomainError(code, 'unprocessable', message, { ruleIds });
};

/**
 * ATT-3, ATT-7, ATT-8: may this leave be asked now? Throws a DomainError with a stable code when not;
 * returns who approves it otherwise. Refused leave means the day is judged as if none was asked
 * (absence, ATT-6), which is what the sources ask (事后补假无效,按旷工处理).
 */
export function checkLeaveRequest(r: LeaveRequestInput): LeaveDecision {
  if (r.to <= r.from) refuse('LEAVE_EMPTY', 'the leave ends before it starts', ['ATT-7']);
  if (!r.workingDays.length) refuse('LEAVE_NO_WORKING_DAY', 'the leave covers no scheduled working day', ['ATT-7']);
  const blackout = r.workingDays.filter((d) => r.blackoutDates.has(d));
  if (blackout.length && r.type !== 'sick') {
    refuse('LEAVE_ON_BLACKOUT_DAY', `no leave on ${blackout.join(', ')}: everybody works on holidays, opening, advertising and mortgage days`, ['ATT-3']);
  }
  const firstDay = r.workingDays[0];
  const { policy } = r;

  if (r.type === 'sick') {
    // ATT-8: reported to the manager before 07:30 on the day (or any time before).
    const limit = zonedTime(firstDay, policy.sick.reportBefore, r.timeZone);
    if (r.requestedAt >= limit) refuse('SICK_REPORTED_TOO_LATE', `sick leave is reported before ${policy.sick.reportBefore} on the day`, ['ATT-8']);
    return { approvers: policy.leave.approvers.slice(-1), emergency: false, certificateRequired: true, ruleIds: ['ATT-8'] };
  }

  const ok = (emergency: boolean, ruleIds = ['ATT-7']): LeaveDecision => ({ approvers: [...policy.leave.approvers], emergency, certificateRequired: false, ruleIds });
  const emergencyRule = policy.leave.emergency;
  const started = r.requestedAt >= r.firstShiftStart;

  if (r.emergency) {
    if (emergencyRule.kind === 'notify_before') {
      const limit = zonedTime(firstDay, emergencyRule.time, r.timeZone);
      if (localDate(r.requestedAt, r.timeZone) === firstDay && r.requestedAt < limit) return ok(true);
    } else if (emergencyRule.kind === 'notify_within_minutes_of_start') {
      if (r.requestedAt.getTime() <= r.firstShiftStart.getTime() + emergencyRule.minutes * 60_000) return ok(true);
    } else if (emergencyRule.kind === 'file_after_return') {
      return ok(true);
    }
  }
  if (started) refuse('LEAVE_AFTER_THE_FACT', 'leave asked after the shift started is invalid and the day counts as absence', ['ATT-7']);

  const notice = policy.leave.notice;
  const ahead = r.firstShiftStart.getTime() - r.requestedAt.getTime();
  if (notice.kind === 'hours_ahead' && ahead < notice.hours * HOUR) {
    refuse('LEAVE_NOTICE_TOO_SHORT', `personal and annual leave is asked at least ${notice.hours} hours ahead`, ['ATT-7']);
  }
  if (notice.kind === 'tiered') {
    const days = r.workingDays.length >= notice.longFromDays ? notice.longNoticeDays : notice.shortNoticeDays;
    if (ahead < days * DAY) refuse('LEAVE_NOTICE_TOO_SHORT', `${r.workingDays.length} days of leave are asked ${days} day(s) ahead`, ['ATT-7']);
  }
  return ok(false);
}

/**
 * ATT-8: sick leave converts to personal (or annual) leave when no medical certificate arrives by the
 * end of the first working day back. Derived when read (GEN-8): the stored facts are the first day
 * back, when the person handed the certificate in (`submittedAt`, waiting for the clerk to confirm it)
 * and when it was accepted (`certificateAt`). A certificate handed in on time keeps the leave sick
 * while the clerk decides; a refused one counts as never handed in.
 */
export function sickLeaveStatus(input: {
  firstDayBack: LocalDate | null;
  certificateAt: Date | null;
  submittedAt?: Date | null;
  now: Date;
  timeZone: string;
  convertTo: 'personal' | 'annual';
}): { status: 'awaiting_return' | 'certificate_due' | 'certificate_submitted' | 'certified' | 'converted'; dueAt: Date | null; leaveType: LeaveType } {
  const submitted = !input.certificateAt && input.submittedAt ? input.submittedAt : null;
  if (!input.firstDayBack) return { status: input.certificateAt ? 'certified' : submitted ? 'certificate_submitted' : 'awaiting_return', dueAt: null, leaveType: 'sick' };
  const next = new Date(`${input.firstDayBack}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const dueAt = zonedTime(next.toISOString().slice(0, 10), '00:00', input.timeZone);
  if (input.certificateAt && input.certificateAt < dueAt) return { status: 'certified', dueAt, leaveType: 'sick' };
  if (submitted && submitted < dueAt) return { status: 'certificate_submitted', dueAt, leaveType: 'sick' };
  if (input.now >= dueAt) return { status: 'converted', dueAt, leaveType: input.convertTo };
  return { status: submitted ? 'certificate_submitted' : 'certificate_due', dueAt, leaveType: 'sick' };
}

/**
 * ATT-9: a swap counts only when the manager approved it before the earlier of the two shifts began;
 * otherwise both people are absent on the swapped days.
 */
export function swapIsApprovedInTime(approvedAt: Date | null, shiftStarts: Date[]): boolean {
  if (!approvedAt) return false;
  const earliest = Math.min(...shiftStarts.map((d) => d.getTime()));
  return approvedAt.getTime() < earliest;
}

export function checkSwapRequest(input: { requesterId: string; colleagueId: string; shiftStarts: Date[]; requestedAt: Date; restDatesAfterSwap: LocalDate[]; blackoutDates: ReadonlySet<LocalDate> }) {
  if (input.requesterId === input.colleagueId) refuse('SWAP_WITH_SELF', 'a swap is between two people', ['ATT-9']);
  if (input.requestedAt.getTime() >= Math.min(...input.shiftStarts.map((d) => d.getTime()))) {
    refuse('SWAP_TOO_LATE', 'a swap is approved beforehand: ask before the first swapped shift starts', ['ATT-9']);
  }
  const blackout = input.restDatesAfterSwap.filter((d) => input.blackoutDates.has(d));
  if (blackout.length) refuse('SWAP_ON_BLACKOUT_DAY', `nobody rests on ${blackout.join(', ')}`, ['ATT-3', 'ATT-9']);
}
