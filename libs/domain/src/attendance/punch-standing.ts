import { ceilMinutes, cover, type Interval } from './evaluate-day.js';
import type { AttendancePolicy } from './policy.js';

const MIN = 60_000;

export interface PunchStandingInput {
  kind: 'in' | 'out';
  /** Server time of the punch (GEN-4). */
  at: Date;
  /** The shift segment the punch belongs to. */
  segment: Interval;
  /** Whether it is the last segment of the day (only that one is extended by the evening meeting). */
  lastSegment: boolean;
  policy: Pick<AttendancePolicy, 'handoverMinutes' | 'lateGraceMinutes' | 'earlyGraceMinutes' | 'absenceThresholdMinutes' | 'endExtendedByEveningMeeting'>;
  /** Approved leave and business-outs of the person around the segment: covering the start moves the deadline, covering the end moves the end. */
  covering?: Interval[];
  /** ATT-1 case site: the recorded end of the evening meeting, when there is one. */
  eveningMeetingEnd?: Date | null;
}

export interface PunchStanding {
  /** in: on time or late; out: on time (not early) or early leave; beyond the threshold either way: absent (ATT-5). */
  status: 'on_time' | 'late' | 'early_leave' | 'absent';
  /** Whole minutes late or early, rounded up; 0 when on time. */
  minutes: number;
  /** in: the clock-in deadline (shift start minus the hand-over, or the end of leave covering the start); out: the end of the day. */
  reference: Date;
  ruleIds: string[];
}

/**
 * Where a person stands at the moment of a clock-in or clock-out (ATT-4, ATT-5), by the same reckoning
 * as `evaluateDay`: the deadline is the shift start minus the hand-over (ATT-1) plus the late grace; the
 * end is the segment's end (extended by a recorded evening meeting) minus the early-leave grace. The
 * day's final status is still `evaluateDay`'s (a late clock-in and an early clock-out make
 * `late_and_early_leave`); this answers the punch.
 */
export function punchStanding(input: PunchStandingInput): PunchStanding {
  const { policy, segment } = input;
  const meeting = input.lastSegment && policy.endExtendedByEveningMeeting && input.eveningMeetingEnd && input.eveningMeetingEnd > segment.to ? input.eveningMeetingEnd : null;
  const span = { from: segment.from, to: meeting ?? segment.to };
  const c = cover(span, input.covering ?? []);
  const rules = new Set<string>(['ATT-4']);
  if (input.kind === 'in') {
    if (c.head === null && policy.handoverMinutes > 0) rules.add('ATT-1');
    const deadline = c.head !== null ? c.head : segment.from.getTime() - policy.handoverMinutes * MIN;
    const late = input.at.getTime() - deadline;
    const minutes = late > policy.lateGraceMinutes * MIN ? ceilMinutes(late) : 0;
    return judged(minutes, 'late', new Date(deadline), rules, policy.absenceThresholdMinutes);
  }
  if (meeting) rules.add('ATT-1');
  const end = c.tail !== null ? c.tail : span.to.getTime();
  const early = end - input.at.getTime();
  const minutes = early > policy.earlyGraceMinutes * MIN ? ceilMinutes(early) : 0;
  return judged(minutes, 'early_leave', new Date(end), rules, policy.absenceThresholdMinutes);
}

function judged(minutes: number, off: 'late' | 'early_leave', reference: Date, rules: Set<string>, threshold: number): PunchStanding {
  if (minutes === 0) return { status: 'on_time', minutes, reference, ruleIds: [...rules].sort() };
  if (minutes > threshold) rules.add('ATT-5');
  return { status: minutes > threshold ? 'absent' : off, minutes, reference, ruleIds: [...rules].sort() };
}
