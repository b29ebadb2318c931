import type { PolicyDto } from '../../../api/generated';

/**
 * The policy editor's values: the policy itself, field for field (so the API's field errors land on
 * the right inputs), with money in yuan instead of fen and the variant rules flattened.
 */
export interface PolicyFormValues {
  sixDayWeek: boolean;
  shifts: PolicyDto['shifts'];
  handoverMinutes: number;
  lateGraceMinutes: number;
  earlyGraceMinutes: number;
  absenceThresholdMinutes: number;
  endExtendedByEveningMeeting: boolean;
  leave: {
    notice: { kind: PolicyDto['leave']['notice']['kind']; hours?: number; shortNoticeDays?: number; longFromDays?: number; longNoticeDays?: number };
    emergency: { kind: PolicyDto['leave']['emergency']['kind']; time?: string; minutes?: number };
    approvers: PolicyDto['leave']['approvers'];
  };
  sick: PolicyDto['sick'];
  swapApprover: PolicyDto['swapApprover'];
  /** Yuan, not fen. */
  fines: { lateFen: number; earlyFen: number; fromNthInMonth: number; absenceWarningSlip: boolean; leavingPostFen: number; dozingFen: number };
  /** Yuan, not fen. */
  fullAttendanceBonusFen: number;
  salesBonusPoolNoOvertime: boolean;
  flags: { absentDaysAtLeast?: number | null; leaveDaysAtLeast?: number | null; absencesMoreThan?: number | null; lateMinutesMoreThan?: number | null };
  clockIn: PolicyDto['clockIn'];
}

const toYuan = (fen: number) => fen / 100;
const toFen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

export function toFormValues(p: PolicyDto): PolicyFormValues {
  return {
    sixDayWeek: p.sixDayWeek,
    shifts: p.shifts.map((s) => ({ ...s, segments: s.segments.map((x) => ({ ...x })), breaks: (s.breaks ?? []).map((x) => ({ ...x })) })),
    handoverMinutes: p.handoverMinutes,
    lateGraceMinutes: p.lateGraceMinutes,
    earlyGraceMinutes: p.earlyGraceMinutes,
    absenceThresholdMinutes: p.absenceThresholdMinutes,
    endExtendedByEveningMeeting: p.endExtendedByEveningMeeting,
    leave: { notice: { ...p.leave.notice }, emergency: { ...p.leave.emergency }, approvers: [...p.leave.approvers] },
    sick: { ...p.sick },
    swapApprover: p.swapApprover,
    fines: {
      lateFen: toYuan(p.fines.lateFen),
      earlyFen: toYuan(p.fines.earlyFen),
      fromNthInMonth: p.fines.fromNthInMonth,
      absenceWarningSlip: p.fines.absenceWarningSlip,
      leavingPostFen: toYuan(p.fines.leavingPostFen),
      dozingFen: toYuan(p.fines.dozingFen),
    },
    fullAttendanceBonusFen: toYuan(p.fullAttendanceBonusFen),
    salesBonusPoolNoOvertime: p.salesBonusPoolNoOvertime,
    flags: { ...p.flags },
    clockIn: { personal: p.clockIn.personal, networks: [...p.clockIn.networks] },
  };
}

/** The policy to publish: the edited values over the base (its preset name and deductions are kept). */
export function toPolicy(v: PolicyFormValues, base: PolicyDto): PolicyDto {
  const n = v.leave.notice;
  const notice: PolicyDto['leave']['notice'] =
    n.kind === 'hours_ahead'
      ? { kind: n.kind, hours: n.hours ?? 0 }
      : n.kind === 'tiered'
        ? { kind: n.kind, shortNoticeDays: n.shortNoticeDays ?? 0, longFromDays: n.longFromDays ?? 0, longNoticeDays: n.longNoticeDays ?? 0 }
        : { kind: n.kind };
  const e = v.leave.emergency;
  const emergency: PolicyDto['leave']['emergency'] =
    e.kind === 'notify_before' ? { kind: e.kind, time: e.time ?? '' } : e.kind === 'notify_within_minutes_of_start' ? { kind: e.kind, minutes: e.minutes ?? 0 } : { kind: e.kind };
  const flag = (x: number | null | undefined) => (x == null ? null : x);
  return {
    ...base,
    sixDayWeek: v.sixDayWeek,
    shifts: (v.shifts ?? []).map((s) => ({
      code: (s.code ?? '').trim(),
      name: (s.name ?? '').trim(),
      segments: s.segments ?? [],
      ...(s.breaks?.length ? { breaks: s.breaks } : {}),
    })),
    handoverMinutes: v.handoverMinutes,
    lateGraceMinutes: v.lateGraceMinutes,
    earlyGraceMinutes: v.earlyGraceMinutes,
    absenceThresholdMinutes: v.absenceThresholdMinutes,
    endExtendedByEveningMeeting: v.endExtendedByEveningMeeting,
    leave: { notice, emergency, approvers: v.leave.approvers ?? [] },
    sick: v.sick,
    swapApprover: v.swapApprover,
    fines: {
      lateFen: toFen(v.fines.lateFen),
      earlyFen: toFen(v.fines.earlyFen),
      fromNthInMonth: v.fines.fromNthInMonth,
      absenceWarningSlip: v.fines.absenceWarningSlip,
      leavingPostFen: toFen(v.fines.leavingPostFen),
      dozingFen: toFen(v.fines.dozingFen),
    },
    fullAttendanceBonusFen: toFen(v.fullAttendanceBonusFen),
    salesBonusPoolNoOvertime: v.salesBonusPoolNoOvertime,
    flags: {
      absentDaysAtLeast: flag(v.flags.absentDaysAtLeast),
      leaveDaysAtLeast: flag(v.flags.leaveDaysAtLeast),
      absencesMoreThan: flag(v.flags.absencesMoreThan),
      lateMinutesMoreThan: flag(v.flags.lateMinutesMoreThan),
    },
    clockIn: { personal: v.clockIn.personal, networks: (v.clockIn.networks ?? []).map((x) => x.trim()).filter(Boolean) },
  };
}

/**
 * The form field of an API error: `policy.shifts[0].segments[1]` (the domain's checks) and
 * `policy.shifts.0.code` (the request's shape) both name a field of the editor; a whole segment
 * points at its start time. Null when the error has no input of its own.
 */
export function fieldOf(field: string): (string | number)[] | null {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'effectiveFrom') return ['effectiveFrom'];
  if (parts[0] !== 'policy' || parts.length < 2) return null;
  const path = parts.slice(1);
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number' && (parent === 'segments' || parent === 'breaks')) return [...path, 'start'];
  if (path.length === 1 && (path[0] === 'shifts' || path[0] === 'leave')) return null;
  if (path[0] === 'shifts' && path.length === 3 && (path[2] === 'segments' || path[2] === 'breaks')) return null;
  return path;
}
