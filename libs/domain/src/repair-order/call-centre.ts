import type { ClockTime, ShiftTemplate } from '../attendance/policy.js';
import { addDays } from '../attendance/rota.js';
import type { LocalDate } from '../common/time.js';
import { isHeatingSeason } from './tickets.js';
import type { RepairOrderPolicy } from './policy.js';

/** A call-centre person's shift from the published rota (ATT-2), on its shift date. */
export interface RotaShift {
  userId: string;
  /** The shift's date: an overnight segment that starts on it ends the next morning. */
  date: LocalDate;
  shift: ShiftTemplate;
}

/** A stretch of the day with the same people on duty; `to` is `24:00` for the end of the day. */
export interface CoverageWindow {
  from: ClockTime;
  to: ClockTime;
  userIds: string[];
}

export interface CallCentreDay {
  date: LocalDate;
  /** RO-11: in the heating season the call centre answers around the clock. */
  roundTheClock: boolean;
  /** The day from 00:00 to 24:00 in stretches, each with who is on duty (empty: nobody). */
  windows: CoverageWindow[];
  /** The stretches nobody is on duty while the call centre must answer (only in the heating season). */
  gaps: { from: ClockTime; to: ClockTime }[];
}

const DAY = 24 * 60;
const minutes = (t: ClockTime) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const clock = (m: number): ClockTime => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * RO-11 (003 呼叫中心: 供暖期间实行24小时倒班制度): who answers the call centre's phone through a local
 * day, from the rota's shifts of that day and of the day before (whose overnight segments run into this
 * morning), and the stretches nobody covers when the heating season wants the phone answered around the
 * clock. Outside the heating season nothing is a gap: the departments' business hours apply.
 */
export function callCentreDay(date: LocalDate, policy: Pick<RepairOrderPolicy, 'heatingSeason'>, shifts: readonly RotaShift[]): CallCentreDay {
  const covered: { from: number; to: number; userId: string }[] = [];
  const yesterday = addDays(date, -1);
  for (const s of shifts) {
    for (const seg of s.shift.segments) {
      const start = minutes(seg.start);
      const end = minutes(seg.end);
      const overnight = end <= start;
      if (s.date === date) covered.push({ from: start, to: overnight ? DAY : end, userId: s.userId });
      else if (s.date === yesterday && overnight && end > 0) covered.push({ from: 0, to: end, userId: s.userId });
    }
  }
  const cuts = [...new Set([0, DAY, ...covered.flatMap((c) => [c.from, c.to])])].sort((a, b) => a - b);
  const windows: CoverageWindow[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const userIds = [...new Set(covered.filter((c) => c.from <= from && c.to >= to).map((c) => c.userId))].sort();
    const last = windows[windows.length - 1];
    if (last && last.userIds.join() === userIds.join()) last.to = clock(to);
    else windows.push({ from: clock(from), to: clock(to), userIds });
  }
  const roundTheClock = isHeatingSeason(date, policy);
  return { date, roundTheClock, windows, gaps: roundTheClock ? windows.filter((w) => w.userIds.length === 0).map(({ from, to }) => ({ from, to })) : [] };
}
