import { zonedTime, type LocalDate } from '../common/time.js';
import { minutesOf, type AttendancePolicy, type ShiftTemplate } from './policy.js';

export type LeaveType = 'personal' | 'annual' | 'sick';
export const LEAVE_TYPES: readonly LeaveType[] = ['personal', 'annual', 'sick'];

export interface Punch {
  at: Date;
  kind: 'in' | 'out';
  /** Entered by a missed-punch correction (ATT-15): shown as such in every report. */
  corrected?: boolean;
}

export interface Interval {
  from: Date;
  to: Date;
}

export interface ApprovedLeave extends Interval {
  type: LeaveType;
}

export interface DayInput {
  date: LocalDate;
  timeZone: string;
  policy: AttendancePolicy;
  policyVersion: number;
  /** The shift scheduled for the person on this date; null is a rest day. */
  shift: ShiftTemplate | null;
  punches: Punch[];
  /** Approved leave (after ATT-7/ATT-8 checks), whole or partial days. */
  leave: ApprovedLeave[];
  /** ATT-10: registered before leaving; counts as present. */
  businessOuts: Interval[];
  /** ATT-1 case site: when the supervisor recorded the end of the evening meeting. */
  eveningMeetingEnd?: Date | null;
  /** ATT-9: the person worked or rested by a swap that was not approved beforehand. */
  unapprovedSwap?: boolean;
  /** ATT-6: left the post during work without the manager's consent (recorded by the manager). */
  leftPost?: boolean;
  /** CA-19 (002 篇七): the supervisor found the day's work report false (a day's absence) or unfinished (half a day). */
  workReport?: 'false' | 'unfinished';
  /** Server time: a day still running is not judged yet (GEN-8: derived when read). */
  now: Date;
}

export type DayStatus =
  | 'rest'
  | 'upcoming'
  | 'at_work'
  | 'not_arrived'
  | 'present'
  | 'late'
  | 'early_leave'
  | 'late_and_early_leave'
  | 'absent'
  | 'missing_punch'
  | 'on_leave'
  | 'business_out';

export interface DayResult {
  date: LocalDate;
  status: DayStatus;
  lateMinutes: number;
  earlyMinutes: number;
  lateCount: number;
  earlyCount: number;
  /** 0, a share of the day (a missing segment of a split day), or 1. */
  absenceDays: number;
  leaveType: LeaveType | null;
  /** Hours of the scheduled time covered by approved leave. */
  leaveHours: number;
  businessOut: boolean;
  /** A punch of the day came from a correction (ATT-15). */
  corrected: boolean;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  firstIn: Date | null;
  lastOut: Date | null;
  /** The rule ids that decided the status. */
  ruleIds: string[];
  policyVersion: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

function nextDate(date: LocalDate): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instants of a shift's segments on a date; a segment whose end is not after its start ends the next day. */
export function shiftBounds(date: LocalDate, shift: ShiftTemplate, timeZone: string): Interval[] {
  let day = date;
  let previousEnd: number | null = null;
  return shift.segments.map((s) => {
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    if (previousEnd !== null && start < previousEnd) day = nextDate(day);
    const from = zonedTime(day, s.start, timeZone);
    if (end <= start) day = nextDate(day);
    previousEnd = end;
    return { from, to: zonedTime(day, s.end, timeZone) };
  });
}

/** Merged cover of [from, to) by the intervals: the covered length and whether the start and end are covered. */
export function cover(seg: Interval, intervals: Interval[]) {
  const parts = intervals
    .map((i) => ({ from: Math.max(i.from.getTime(), seg.from.getTime()), to: Math.min(i.to.getTime(), seg.to.getTime()) }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  const covered = merged.reduce((n, p) => n + (p.to - p.from), 0);
  const head = merged[0]?.from === seg.from.getTime() ? merged[0].to : null;
  const tail = merged.length && merged[merged.length - 1].to === seg.to.getTime() ? merged[merged.length - 1].from : null;
  return { covered, whole: covered >= seg.to.getTime() - seg.from.getTime(), head, tail };
}

export const ceilMinutes = (ms: number) => Math.ceil(ms / MIN);

/**
 * The attendance decision for one person and one date (ATT-1, ATT-4..ATT-10). Pure: the API loads
 * the schedule, punches, leave, swaps and business-outs, and stores the result with the policy version.
 */
export function evaluateDay(input: DayInput): DayResult {
  if (input.workReport) return withWorkReport(evaluateDay({ ...input, workReport: undefined }), input.workReport);
  const { policy, shift } = input;
  const base: DayResult = {
    date: input.date,
    status: 'rest',
    lateMinutes: 0,
    earlyMinutes: 0,
    lateCount: 0,
    earlyCount: 0,
    absenceDays: 0,
    leaveType: null,
    leaveHours: 0,
    businessOut: false,
    corrected: input.punches.some((p) => p.corrected),
    scheduledStart: null,
    scheduledEnd: null,
    firstIn: null,
    lastOut: null,
    ruleIds: [],
    policyVersion: input.policyVersion,
  };
  if (!shift) return { ...base, ruleIds: ['ATT-2'] };

  const segments = shiftBounds(input.date, shift, input.timeZone);
  const last = segments.length - 1;
  const meetingEnd = policy.endExtendedByEveningMeeting ? input.eveningMeetingEnd : null;
  const ends = segments.map((s, i) => (i === last && meetingEnd && meetingEnd > s.to ? meetingEnd : s.to));
  const result: DayResult = { ...base, scheduledStart: segments[0].from, scheduledEnd: ends[last] };
  const rules = new Set<string>();
  if (policy.handoverMinutes > 0) rules.add('ATT-1');
  if (ends[last] !== segments[last].to) rules.add('ATT-1');

  if (input.unapprovedSwap) return { ...result, status: 'absent', absenceDays: 1, ruleIds: ['ATT-9'] };
  if (input.leftPost) return { ...result, status: 'absent', absenceDays: 1, ruleIds: ['ATT-6'] };

  // Windows in which a segment's punches count: from 4 h before to the middle of the gap to the next segment (or 8 h after).
  const windows = segments.map((s, i) => ({
    from: i === 0 ? s.from.getTime() - 4 * HOUR : (segments[i - 1].to.getTime() + s.from.getTime()) / 2,
    to: i === last ? ends[i].getTime() + 8 * HOUR : (s.to.getTime() + segments[i + 1].from.getTime()) / 2,
  }));

  const covering = [...input.leave, ...input.businessOuts];
  const now = input.now.getTime();
  let scheduledMs = 0;
  let leaveMs = 0;
  let outMs = 0;
  let missingSegments = 0;
  let unpunchedOut = 0;
  let coveredSegments = 0;
  let running = false;
  let notArrived = false;

  segments.forEach((seg, i) => {
    const span = { from: seg.from, to: ends[i] };
    scheduledMs += span.to.getTime() - span.from.getTime();
    leaveMs += cover(span, input.leave).covered;
    outMs += cover(span, input.businessOuts).covered;
    const c = cover(span, covering);
    if (c.whole) {
      coveredSegments++;
      return;
    }
    const inWindow = input.punches.filter((p) => p.at.getTime() >= windows[i].from && p.at.getTime() < windows[i].to);
    const firstIn = inWindow.filter((p) => p.kind === 'in').sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    const lastOut = inWindow.filter((p) => p.kind === 'out' && (!firstIn || p.at >= firstIn.at)).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    if (firstIn && (!result.firstIn || firstIn.at < result.firstIn)) result.firstIn = firstIn.at;
    if (lastOut && (!result.lastOut || lastOut.at > result.lastOut)) result.lastOut = lastOut.at;

    // Leave or a business-out that covers the start moves the deadline to its end (no hand-over then); same for the end.
    const deadline = c.head !== null ? c.head : seg.from.getTime() - policy.handoverMinutes * MIN;
    const endDue = c.tail !== null ? c.tail : span.to.getTime();

    if (!firstIn) {
      if (now < deadline + policy.lateGraceMinutes * MIN) running = true;
      else if (now < endDue) notArrived = true;
      else missingSegments++;
      return;
    }
    const late = firstIn.at.getTime() - deadline;
    if (late > policy.lateGraceMinutes * MIN) {
      result.lateMinutes += ceilMinutes(late);
      result.lateCount++;
      rules.add('ATT-4');
    }
    if (!lastOut) {
      // Leave or a business-out over the end of the segment: nobody clocks out from there.
      if (c.tail !== null) return;
      if (now < endDue + 8 * HOUR) running = true;
      else unpunchedOut++;
      return;
    }
    const early = endDue - lastOut.at.getTime();
    if (early > policy.earlyGraceMinutes * MIN) {
      result.earlyMinutes += ceilMinutes(early);
      result.earlyCount++;
      rules.add('ATT-4');
    }
  });

  result.leaveHours = Math.round((leaveMs / HOUR) * 100) / 100;
  const leaveTypes = [...new Set(input.leave.filter((l) => cover({ from: segments[0].from, to: ends[last] }, [l]).covered > 0).map((l) => l.type))];
  result.leaveType = leaveTypes.includes('personal') ? 'personal' : (leaveTypes[0] ?? null);
  result.businessOut = outMs > 0;
  if (result.leaveType) rules.add(result.leaveType === 'sick' ? 'ATT-8' : 'ATT-7');
  if (result.businessOut) rules.add('ATT-10');

  const finish = (status: DayStatus, extra: string[] = []) => ({ ...result, status, ruleIds: [...new Set([...rules, ...extra])].sort() });

  if (coveredSegments === segments.length) {
    return finish(leaveMs >= outMs ? 'on_leave' : 'business_out');
  }
  // ATT-5: late or early by more than the threshold is a day of absence.
  if (result.lateMinutes > policy.absenceThresholdMinutes || result.earlyMinutes > policy.absenceThresholdMinutes) {
    return { ...finish('absent', ['ATT-5']), absenceDays: 1 };
  }
  const judged = segments.length - coveredSegments;
  if (missingSegments === judged) return { ...finish('absent', ['ATT-6']), absenceDays: 1 };
  if (notArrived) return finish('not_arrived');
  if (running) return finish(result.firstIn ? 'at_work' : 'upcoming');
  if (missingSegments || unpunchedOut) {
    // ATT-6: a missing record with no reasonable explanation is absence, for the share of the day it concerns, until corrected (ATT-15).
    return { ...finish(missingSegments ? 'absent' : 'missing_punch', ['ATT-6']), absenceDays: Math.round(((missingSegments + unpunchedOut) / segments.length) * 100) / 100 };
  }
  if (result.lateCount && result.earlyCount) return finish('late_and_early_leave');
  if (result.lateCount) return finish('late');
  if (result.earlyCount) return finish('early_leave');
  return finish('present', ['ATT-4']);
}

/**
 * CA-19 (002 篇七: 虚假汇报视为旷工一天, 未完成汇报视为旷工半天): a false daily work report counts as a
 * day's absence, an unfinished one as half a day — on top of the day as worked, never less than it was.
 */
export function withWorkReport(day: DayResult, verdict: 'false' | 'unfinished'): DayResult {
  const days = verdict === 'false' ? 1 : 0.5;
  if (day.absenceDays >= days) return { ...day, ruleIds: [...new Set([...day.ruleIds, 'CA-19'])].sort() };
  return { ...day, status: verdict === 'false' ? 'absent' : day.status, absenceDays: days, ruleIds: [...new Set([...day.ruleIds, 'CA-19'])].sort() };
}
