import { fen, type Fen } from '../common/money.js';
import type { Role } from '../common/roles.js';

/**
 * The per-site attendance policy: every number of SPEC section 1 is a setting here (SPEC: numbers in
 * rules are per-site policy defaults). Presets are named after their sources in seed 003/000.
 */
export const PRESET_NAMES = ['case-site', 'trampoline-park', 'on-site-ops', 'hotel-sales', 'call-centre'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** `HH:MM`, 24-hour. */
export type ClockTime = string;

/** A stretch of work with its own clock-in and clock-out (a split day has two). */
export interface Segment {
  start: ClockTime;
  /** Earlier than or equal to `start`: the segment ends the next day (overnight shift). */
  end: ClockTime;
}

export interface ShiftTemplate {
  code: string;
  name: string;
  segments: Segment[];
  /** Unpaid breaks inside a segment, informational (trampoline lunch 11:30–12:30); no punches. */
  breaks?: Segment[];
}

/** ATT-7: how far ahead leave must be asked. */
export type NoticeRule =
  /** At least `hours` before the leave starts (case site: one day = 24 h). */
  | { kind: 'hours_ahead'; hours: number }
  /** On-site: 1–2 days need `shortDays` days' notice, `longFromDays` days or more need `longNoticeDays`. */
  | { kind: 'tiered'; shortNoticeDays: number; longFromDays: number; longNoticeDays: number }
  /** Trampoline: any time before the leave starts (beforehand). */
  | { kind: 'before_start' };

/** ATT-7/ATT-8: what an emergency may do when the notice rule cannot be met. */
export type EmergencyRule =
  /** Case site: notified before a clock time on the day itself (07:30). */
  | { kind: 'notify_before'; time: ClockTime }
  /** Trampoline: the supervisor phoned within `minutes` of the shift start. */
  | { kind: 'notify_within_minutes_of_start'; minutes: number }
  /** On-site: filed after returning (休假完毕后补办). */
  | { kind: 'file_after_return' }
  | { kind: 'none' };

export interface AttendancePolicy {
  preset: PresetName;
  /**
   * Where staff may clock in with their own account (the shared kiosk device always works):
   * anywhere, only from the site's networks (CIDR ranges), or only at a registered kiosk.
   */
  clockIn: { personal: 'anywhere' | 'networks' | 'kiosk_only'; networks: string[] };
  /** ATT-2: sales sites work six days, one rotating rest day Monday–Friday, nobody rests at weekends. */
  sixDayWeek: boolean;
  shifts: ShiftTemplate[];
  /** ATT-1 call centre: arrive this many minutes before the shift for the hand-over; it moves the clock-in deadline. */
  handoverMinutes: number;
  /** ATT-1 case site: the working day ends at the later of the shift end and the evening meeting's end. */
  endExtendedByEveningMeeting: boolean;
  /** ATT-4 */
  lateGraceMinutes: number;
  /** ATT-4 */
  earlyGraceMinutes: number;
  /** ATT-5: late or early by more than this many minutes is an absent day. */
  absenceThresholdMinutes: number;
  leave: {
    /** ATT-7 personal and annual leave. */
    notice: NoticeRule;
    emergency: EmergencyRule;
    /** The roles that approve, in order (trampoline: the direct supervisor and the store manager). */
    approvers: Role[];
  };
  sick: {
    /** ATT-8: reported before this clock time on the day. */
    reportBefore: ClockTime;
    /** ATT-8: with no certificate by the end of the first working day back, sick leave becomes this. */
    convertTo: 'personal' | 'annual';
  };
  /** ATT-9: who approves a swap. */
  swapApprover: Role;
  /** ATT-11: fines, each writing the discipline register (GEN-9). */
  fines: {
    lateFen: Fen;
    earlyFen: Fen;
    /** The fines start with the n-th late or early leave of the month (on-site: the third). */
    fromNthInMonth: number;
    absenceWarningSlip: boolean;
    leavingPostFen: Fen;
    dozingFen: Fen;
  };
  /** ATT-11 trampoline: full-attendance bonus, paid quarterly, forfeited for the quarter by any leave, late or early. */
  fullAttendanceBonusFen: Fen;
  /** ATT-11: staff in the sales-bonus pool earn no overtime pay and no time off in lieu. */
  salesBonusPoolNoOvertime: boolean;
  /** ATT-12 */
  deductions:
    | { kind: 'none' }
    | {
        kind: 'trampoline';
        /** personal leave over `minHours` and under `fullDayHours` deducts `partialRate` of the day's wage, more the whole day */
        personalMinHours: number;
        personalFullDayHours: number;
        personalPartialRate: number;
        /** more than this many personal-leave days in a month deduct `excessRate` of the day's wage each */
        personalExcessDays: number;
        personalExcessRate: number;
        /** sick leave: up to `sickFullPayDays` paid in full, then `sickReducedRate` paid up to `sickReducedUntilDay`, beyond that suspended */
        sickFullPayDays: number;
        sickReducedUntilDay: number;
        sickReducedRate: number;
      }
    | {
        kind: 'on-site';
        /** more than this many absent days withhold the whole month and end the contract */
        absenceWithholdAfterDays: number;
      };
  /** ATT-13 */
  flags: {
    absentDaysAtLeast: number | null;
    leaveDaysAtLeast: number | null;
    absencesMoreThan: number | null;
    lateMinutesMoreThan: number | null;
  };
}

const noFlags = { absentDaysAtLeast: null, leaveDaysAtLeast: null, absencesMoreThan: null, lateMinutesMoreThan: null };
const anywhere = { personal: 'anywhere' as const, networks: [] };
const noFines = { lateFen: fen(0), earlyFen: fen(0), fromNthInMonth: 1, absenceWarningSlip: false, leavingPostFen: fen(0), dozingFen: fen(0) };

/** The presets of ATT-1, with their graces (ATT-4), leave rules (ATT-7), fines (ATT-11), deductions (ATT-12) and flags (ATT-13). */
export const PRESETS: Record<PresetName, AttendancePolicy> = {
  // 003 案场管理制度: 8:30–17:30 or until the last group has left and the evening meeting is over; 8:30前打卡.
  'case-site': {
    preset: 'case-site',
    clockIn: anywhere,
    sixDayWeek: true,
    shifts: [{ code: 'day', name: '白班 08:30–17:30', segments: [{ start: '08:30', end: '17:30' }] }],
    handoverMinutes: 0,
    endExtendedByEveningMeeting: true,
    lateGraceMinutes: 0,
    earlyGraceMinutes: 0,
    absenceThresholdMinutes: 60,
    leave: { notice: { kind: 'hours_ahead', hours: 24 }, emergency: { kind: 'notify_before', time: '07:30' }, approvers: ['manager'] },
    sick: { reportBefore: '07:30', convertTo: 'personal' },
    swapApprover: 'manager',
    fines: { ...noFines, lateFen: fen(5000), absenceWarningSlip: true, leavingPostFen: fen(20000), dozingFen: fen(20000) },
    fullAttendanceBonusFen: fen(0),
    salesBonusPoolNoOvertime: true,
    deductions: { kind: 'none' },
    flags: noFlags,
  },
  // 003 蹦床公园: 9:00–17:00, lunch 11:30–12:30, 5 minutes' grace on arrival, none on leaving.
  'trampoline-park': {
    preset: 'trampoline-park',
    clockIn: anywhere,
    sixDayWeek: true,
    shifts: [{ code: 'day', name: '白班 09:00–17:00', segments: [{ start: '09:00', end: '17:00' }], breaks: [{ start: '11:30', end: '12:30' }] }],
    handoverMinutes: 0,
    endExtendedByEveningMeeting: false,
    lateGraceMinutes: 5,
    earlyGraceMinutes: 0,
    absenceThresholdMinutes: 60,
    leave: { notice: { kind: 'before_start' }, emergency: { kind: 'notify_within_minutes_of_start', minutes: 30 }, approvers: ['supervisor', 'manager'] },
    sick: { reportBefore: '07:30', convertTo: 'personal' },
    swapApprover: 'manager',
    fines: noFines,
    fullAttendanceBonusFen: fen(5000),
    salesBonusPoolNoOvertime: false,
    deductions: {
      kind: 'trampoline',
      personalMinHours: 0.5,
      personalFullDayHours: 4,
      personalPartialRate: 0.5,
      personalExcessDays: 3,
      personalExcessRate: 2,
      sickFullPayDays: 3,
      sickReducedUntilDay: 7,
      sickReducedRate: 0.6,
    },
    flags: { ...noFlags, absentDaysAtLeast: 3, leaveDaysAtLeast: 5 },
  },
  // 003 驻场: split day 8:00–12:00 and 14:00–18:00, 15 minutes either way; from the third late/early 20 yuan each.
  'on-site-ops': {
    preset: 'on-site-ops',
    clockIn: anywhere,
    sixDayWeek: false,
    shifts: [{ code: 'split', name: '分段 08:00–12:00 / 14:00–18:00', segments: [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }] }],
    handoverMinutes: 0,
    endExtendedByEveningMeeting: false,
    lateGraceMinutes: 15,
    earlyGraceMinutes: 15,
    absenceThresholdMinutes: 60,
    leave: { notice: { kind: 'tiered', shortNoticeDays: 1, longFromDays: 3, longNoticeDays: 2 }, emergency: { kind: 'file_after_return' }, approvers: ['manager'] },
    sick: { reportBefore: '07:30', convertTo: 'personal' },
    swapApprover: 'manager',
    fines: { ...noFines, lateFen: fen(2000), earlyFen: fen(2000), fromNthInMonth: 3 },
    fullAttendanceBonusFen: fen(0),
    salesBonusPoolNoOvertime: false,
    deductions: { kind: 'on-site', absenceWithholdAfterDays: 3 },
    flags: { ...noFlags, absentDaysAtLeast: 3, absencesMoreThan: 3, lateMinutesMoreThan: 180 },
  },
  // 000 篇3: hotel sales, 10 yuan for each late or early leave.
  'hotel-sales': {
    preset: 'hotel-sales',
    clockIn: anywhere,
    sixDayWeek: false,
    shifts: [{ code: 'day', name: '白班 09:00–18:00', segments: [{ start: '09:00', end: '18:00' }] }],
    handoverMinutes: 0,
    endExtendedByEveningMeeting: false,
    lateGraceMinutes: 0,
    earlyGraceMinutes: 0,
    absenceThresholdMinutes: 60,
    leave: { notice: { kind: 'hours_ahead', hours: 24 }, emergency: { kind: 'notify_before', time: '07:30' }, approvers: ['manager'] },
    sick: { reportBefore: '07:30', convertTo: 'personal' },
    swapApprover: 'manager',
    fines: { ...noFines, lateFen: fen(1000), earlyFen: fen(1000) },
    fullAttendanceBonusFen: fen(0),
    salesBonusPoolNoOvertime: false,
    deductions: { kind: 'none' },
    flags: noFlags,
  },
  // 003 呼叫中心: 24-hour shifts in the heating season, arrive 10 minutes early for the hand-over, swaps need the supervisor.
  'call-centre': {
    preset: 'call-centre',
    clockIn: anywhere,
    sixDayWeek: false,
    shifts: [
      { code: 'early', name: '早班 08:00–20:00', segments: [{ start: '08:00', end: '20:00' }] },
      { code: 'late', name: '晚班 09:00–21:00', segments: [{ start: '09:00', end: '21:00' }] },
      { code: 'night', name: '夜班 20:00–08:00', segments: [{ start: '20:00', end: '08:00' }] },
    ],
    handoverMinutes: 10,
    endExtendedByEveningMeeting: false,
    lateGraceMinutes: 0,
    earlyGraceMinutes: 0,
    absenceThresholdMinutes: 60,
    leave: { notice: { kind: 'hours_ahead', hours: 24 }, emergency: { kind: 'notify_before', time: '07:30' }, approvers: ['supervisor'] },
    sick: { reportBefore: '07:30', convertTo: 'personal' },
    swapApprover: 'supervisor',
    fines: noFines,
    fullAttendanceBonusFen: fen(0),
    salesBonusPoolNoOvertime: false,
    deductions: { kind: 'none' },
    flags: noFlags,
  },
};

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isClockTime = (v: unknown): v is ClockTime => typeof v === 'string' && CLOCK.test(v);
export const minutesOf = (t: ClockTime) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Validates a policy a manager edited. Returns the problems, field by field (empty when valid). */
export function validatePolicy(p: AttendancePolicy): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const nonNegInt = (field: string, v: unknown, max: number) => {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > max) errors.push({ field, message: `must be a whole number from 0 to ${max}` });
  };
  if (!p.shifts?.length) errors.push({ field: 'shifts', message: 'at least one shift' });
  const codes = new Set<string>();
  p.shifts?.forEach((s, i) => {
    if (!/^[a-z0-9-]{1,20}$/.test(s.code ?? '')) errors.push({ field: `shifts[${i}].code`, message: 'lower-case letters, digits and -, up to 20' });
    if (codes.has(s.code)) errors.push({ field: `shifts[${i}].code`, message: 'codes must be unique' });
    codes.add(s.code);
    if (!s.segments?.length || s.segments.length > 3) errors.push({ field: `shifts[${i}].segments`, message: 'one to three segments' });
    s.segments?.forEach((seg, j) => {
      if (!isClockTime(seg.start) || !isClockTime(seg.end)) errors.push({ field: `shifts[${i}].segments[${j}]`, message: 'start and end are HH:MM' });
      else if (j > 0 && s.segments[j - 1].end && minutesOf(seg.start) < minutesOf(s.segments[j - 1].end) && minutesOf(s.segments[j - 1].end) > minutesOf(s.segments[j - 1].start)) {
        errors.push({ field: `shifts[${i}].segments[${j}]`, message: 'segments follow each other' });
      }
    });
  });
  nonNegInt('handoverMinutes', p.handoverMinutes, 120);
  nonNegInt('lateGraceMinutes', p.lateGraceMinutes, 120);
  nonNegInt('earlyGraceMinutes', p.earlyGraceMinutes, 120);
  nonNegInt('absenceThresholdMinutes', p.absenceThresholdMinutes, 24 * 60);
  if (p.absenceThresholdMinutes <= p.lateGraceMinutes) errors.push({ field: 'absenceThresholdMinutes', message: 'must exceed the late grace' });
  if (!isClockTime(p.sick?.reportBefore)) errors.push({ field: 'sick.reportBefore', message: 'HH:MM' });
  if (p.leave?.emergency?.kind === 'notify_before' && !isClockTime(p.leave.emergency.time)) errors.push({ field: 'leave.emergency.time', message: 'HH:MM' });
  if (!p.leave?.approvers?.length) errors.push({ field: 'leave.approvers', message: 'at least one approver role' });
  for (const [k, v] of Object.entries(p.fines ?? {})) {
    if (k === 'absenceWarningSlip') continue;
    nonNegInt(`fines.${k}`, v, 10_000_000);
  }
  if ((p.fines?.fromNthInMonth ?? 1) < 1) errors.push({ field: 'fines.fromNthInMonth', message: 'at least 1' });
  nonNegInt('fullAttendanceBonusFen', p.fullAttendanceBonusFen, 10_000_000);
  if (p.clockIn?.personal === 'networks' && !p.clockIn.networks?.length) errors.push({ field: 'clockIn.networks', message: 'at least one network when clock-in is limited to networks' });
  p.clockIn?.networks?.forEach((n, i) => {
    if (!/^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/.test(n)) errors.push({ field: `clockIn.networks[${i}]`, message: 'a CIDR range like 10.1.0.0/16' });
  });
  // The fields each kind needs.
  const n = p.leave?.notice as Record<string, unknown> | undefined;
  if (n?.kind === 'hours_ahead') nonNegInt('leave.notice.hours', n.hours, 720);
  if (n?.kind === 'tiered') for (const k of ['shortNoticeDays', 'longFromDays', 'longNoticeDays']) nonNegInt(`leave.notice.${k}`, n[k], 60);
  const em = p.leave?.emergency as Record<string, unknown> | undefined;
  if (em?.kind === 'notify_within_minutes_of_start') nonNegInt('leave.emergency.minutes', em.minutes, 720);
  const d = p.deductions as Record<string, unknown> | undefined;
  if (d?.kind === 'on-site') nonNegInt('deductions.absenceWithholdAfterDays', d.absenceWithholdAfterDays, 31);
  if (d?.kind === 'trampoline') {
    for (const k of ['personalMinHours', 'personalFullDayHours', 'personalPartialRate', 'personalExcessDays', 'personalExcessRate', 'sickFullPayDays', 'sickReducedUntilDay', 'sickReducedRate']) {
      if (typeof d[k] !== 'number' || (d[k] as number) < 0) errors.push({ field: `deductions.${k}`, message: 'a number of 0 or more is needed for trampoline deductions' });
    }
  }
  return errors;
}
