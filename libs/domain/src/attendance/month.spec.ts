import { fen } from '../common/money.js';
import type { DayResult } from './evaluate-day.js';
import { datesOfMonth, quarterBonus, reportDueDate, summarizeMonth } from './month.js';
import { PRESETS, type AttendancePolicy, type PresetName } from './policy.js';

const start = (date: string) => new Date(`${date}T00:30:00Z`);
const end = (date: string) => new Date(`${date}T09:30:00Z`);

function d(date: string, over: Partial<DayResult> = {}): DayResult {
  return {
    date,
    status: 'present',
    lateMinutes: 0,
    earlyMinutes: 0,
    lateCount: 0,
    earlyCount: 0,
    absenceDays: 0,
    leaveType: null,
    leaveHours: 0,
    businessOut: false,
    corrected: false,
    scheduledStart: start(date),
    scheduledEnd: end(date),
    firstIn: null,
    lastOut: null,
    ruleIds: [],
    policyVersion: 1,
    ...over,
  };
}
const late = (date: string, minutes: number) => d(date, { status: 'late', lateMinutes: minutes, lateCount: 1 });
const policies = (preset: PresetName, extra: [number, AttendancePolicy][] = []) => new Map<number, AttendancePolicy>([[1, PRESETS[preset]], ...extra]);

describe('ATT-14 monthly figures', () => {
  it('counts scheduled, present, late, early, absence, leave by type, business out and corrections', () => {
    const days = [
      d('2026-03-02'),
      late('2026-03-03', 12),
      d('2026-03-04', { status: 'early_leave', earlyMinutes: 5, earlyCount: 1 }),
      d('2026-03-05', { status: 'absent', absenceDays: 1, ruleIds: ['ATT-6'] }),
      d('2026-03-06', { status: 'on_leave', leaveType: 'annual', leaveHours: 9 }),
      d('2026-03-07', { status: 'business_out', businessOut: true }),
      d('2026-03-08', { status: 'rest' }),
      d('2026-03-09', { corrected: true }),
      d('2026-03-10', { status: 'absent', absenceDays: 1, lateMinutes: 75, lateCount: 1, ruleIds: ['ATT-5'] }),
    ];
    const s = summarizeMonth('2026-03', days, policies('case-site'));
    expect(s).toMatchObject({
      scheduledDays: 8,
      presentDays: 5,
      lateCount: 1,
      lateMinutes: 12,
      earlyCount: 1,
      earlyMinutes: 5,
      absenceDays: 2,
      leaveDays: { personal: 0, annual: 1, sick: 0 },
      businessOutDays: 1,
      correctedDays: 1,
    });
  });

  it('is due by the 30th, or the last day of February', () => {
    expect(reportDueDate('2026-03')).toBe('2026-03-30');
    expect(reportDueDate('2026-02')).toBe('2026-02-28');
    expect(reportDueDate('2028-02')).toBe('2028-02-29');
    expect(datesOfMonth('2026-02')).toHaveLength(28);
  });
});

describe('ATT-11 fines and bonuses', () => {
  it('case site: 50 yuan for each late arrival, and a warning slip for each absence', () => {
    const s = summarizeMonth('2026-03', [late('2026-03-02', 3), late('2026-03-03', 1), d('2026-03-04', { status: 'absent', absenceDays: 1, ruleIds: ['ATT-6'] })], policies('case-site'));
    expect(s.fines.map((f) => [f.kind, f.amountFen])).toEqual([
      ['fine', 5000],
      ['fine', 5000],
      ['warning_slip', 0],
    ]);
    expect(s.finesFen).toBe(10000);
  });

  it('on-site: from the third late or early leave of the month, 20 yuan each', () => {
    const days = [late('2026-03-02', 20), d('2026-03-03', { status: 'early_leave', earlyCount: 1, earlyMinutes: 20 }), late('2026-03-04', 20), late('2026-03-05', 20)];
    const s = summarizeMonth('2026-03', days, policies('on-site-ops'));
    expect(s.fines.map((f) => [f.date, f.amountFen])).toEqual([
      ['2026-03-04', 2000],
      ['2026-03-05', 2000],
    ]);
  });

  it('hotel sales: 10 yuan for each late arrival and each early leave', () => {
    const s = summarizeMonth('2026-03', [d('2026-03-02', { status: 'late_and_early_leave', lateCount: 1, earlyCount: 1, lateMinutes: 2, earlyMinutes: 3 })], policies('hotel-sales'));
    expect(s.finesFen).toBe(2000);
  });

  it('trampoline: 50 yuan full-attendance bonus earned by a clean month, forfeited by a leave; paid per quarter only if all three months earned it', () => {
    const clean = summarizeMonth('2026-01', [d('2026-01-05'), d('2026-01-06')], policies('trampoline-park'));
    expect(clean.bonusEarnedFen).toBe(5000);
    const withLeave = summarizeMonth('2026-02', [d('2026-02-02'), d('2026-02-03', { leaveType: 'personal', leaveHours: 1 })], policies('trampoline-park'));
    expect(withLeave.bonusEarnedFen).toBe(0);
    expect(quarterBonus([clean, clean, clean])).toBe(15000);
    expect(quarterBonus([clean, withLeave, clean])).toBe(0);
  });

  it('a policy change in the middle of the month applies from its day on, not before', () => {
    const stricter: AttendancePolicy = { ...PRESETS['case-site'], fines: { ...PRESETS['case-site'].fines, lateFen: fen(10000) } };
    const days = [late('2026-03-02', 5), { ...late('2026-03-20', 5), policyVersion: 2 }];
    const s = summarizeMonth('2026-03', days, policies('case-site', [[2, stricter]]));
    expect(s.fines.map((f) => f.amountFen)).toEqual([5000, 10000]);
    expect(s.policyVersions).toEqual([1, 2]);
  });
});

describe('ATT-12 pay deductions', () => {
  const daily = { dailyFen: fen(20000) };

  it('trampoline: personal leave over half an hour deducts half the day, four hours or more the whole day', () => {
    const days = [d('2026-03-02', { leaveType: 'personal', leaveHours: 0.5 }), d('2026-03-03', { leaveType: 'personal', leaveHours: 1 }), d('2026-03-04', { leaveType: 'personal', leaveHours: 4 })];
    expect(summarizeMonth('2026-03', days, policies('trampoline-park'), daily).deductionFen).toBe(10000 + 20000);
  });

  it('trampoline: more than three personal-leave days deduct 200 % for each', () => {
    const days = ['02', '03', '04', '05'].map((n) => d(`2026-03-${n}`, { status: 'on_leave', leaveType: 'personal', leaveHours: 8 }));
    expect(summarizeMonth('2026-03', days, policies('trampoline-park'), daily).deductionFen).toBe(4 * 40000);
  });

  it('trampoline: sick days 1–3 paid in full, 4–7 at 60 %, beyond 7 suspended', () => {
    const sick = (n: number) => Array.from({ length: n }, (_, i) => d(`2026-03-${String(i + 2).padStart(2, '0')}`, { status: 'on_leave', leaveType: 'sick', leaveHours: 8 }));
    expect(summarizeMonth('2026-03', sick(3), policies('trampoline-park'), daily).deductionFen).toBe(0);
    expect(summarizeMonth('2026-03', sick(5), policies('trampoline-park'), daily).deductionFen).toBe(2 * 8000);
    const long = summarizeMonth('2026-03', sick(8), policies('trampoline-park'), daily);
    expect(long.deductionFen).toBe(4 * 8000 + 20000);
    expect(long.flags.map((f) => f.code)).toContain('SUSPENDED_UNTIL_RECOVERED');
  });

  it('on-site: monthly wage ÷ days worked × (absence + personal leave); more than three absences withhold the month', () => {
    const wage = { monthlyFen: fen(600000) };
    const days = [...['02', '03', '04', '05', '06'].map((n) => d(`2026-03-${n}`)), d('2026-03-09', { status: 'absent', absenceDays: 1 })];
    expect(summarizeMonth('2026-03', days, policies('on-site-ops'), wage).deductionFen).toBe(120000);
    const four = ['10', '11', '12', '13'].map((n) => d(`2026-03-${n}`, { status: 'absent', absenceDays: 1 }));
    const s = summarizeMonth('2026-03', [...days, ...four], policies('on-site-ops'), wage);
    expect(s.deductionFen).toBe(600000);
    expect(s.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['WAGE_WITHHELD', 'DISMISSAL_REVIEW', 'WRITTEN_EXPLANATION']));
  });

  it('is unknown (null) without the wage it needs', () => {
    expect(summarizeMonth('2026-03', [d('2026-03-02', { leaveType: 'personal', leaveHours: 2 })], policies('trampoline-park')).deductionFen).toBeNull();
  });
});

describe('ATT-13 flags', () => {
  it('trampoline: three absent days and five leave days are flagged', () => {
    const days = [
      ...['02', '03', '04'].map((n) => d(`2026-03-${n}`, { status: 'absent', absenceDays: 1 })),
      ...['05', '06', '09', '10', '11'].map((n) => d(`2026-03-${n}`, { status: 'on_leave', leaveType: 'annual', leaveHours: 8 })),
    ];
    expect(summarizeMonth('2026-03', days, policies('trampoline-park')).flags.map((f) => f.code)).toEqual(['DISMISSAL_REVIEW', 'LEAVE_REVIEW']);
  });

  it('on-site: more than three hours of lateness in a month needs a written explanation', () => {
    const days = ['02', '03', '04', '05'].map((n) => late(`2026-03-${n}`, 46));
    const s = summarizeMonth('2026-03', days, policies('on-site-ops'));
    expect(s.lateMinutes).toBe(184);
    expect(s.flags).toEqual([expect.objectContaining({ code: 'WRITTEN_EXPLANATION', ruleId: 'ATT-13' })]);
    expect(summarizeMonth('2026-03', days.slice(0, 3), policies('on-site-ops')).flags).toEqual([]);
  });
});
