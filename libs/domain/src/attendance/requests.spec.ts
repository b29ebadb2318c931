import { DomainError } from '../common/errors.js';
import { zonedTime } from '../common/time.js';
import { PRESETS, validatePolicy, type PresetName } from './policy.js';
import { checkLeaveRequest, checkSwapRequest, sickLeaveStatus, swapIsApprovedInTime, type LeaveRequestInput } from './requests.js';
import { checkWeekRota, proposeRestDays, weekday, weekOf } from './rota.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string, seconds = 0) => new Date(zonedTime(date, time, TZ).getTime() + seconds * 1000);

function leave(preset: PresetName, over: Partial<LeaveRequestInput> = {}): LeaveRequestInput {
  const policy = PRESETS[preset];
  const start = policy.shifts[0].segments[0].start;
  return {
    policy,
    timeZone: TZ,
    type: 'personal',
    from: at('2026-03-10', start),
    to: at('2026-03-11', '00:00'),
    workingDays: ['2026-03-10'],
    firstShiftStart: at('2026-03-10', start),
    requestedAt: at('2026-03-08', '12:00'),
    emergency: false,
    blackoutDates: new Set(),
    ...over,
  };
}

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('ATT-7 leave notice (case site: one day ahead, manager approves)', () => {
  it('accepts leave asked 24 hours ahead and refuses 23 h 59 min ahead', () => {
    expect(checkLeaveRequest(leave('case-site', { requestedAt: at('2026-03-09', '08:30') }))).toMatchObject({ approvers: ['manager'], emergency: false });
    expect(codeOf(() => checkLeaveRequest(leave('case-site', { requestedAt: at('2026-03-09', '08:31') })))).toBe('LEAVE_NOTICE_TOO_SHORT');
  });

  it('accepts an emergency notified at 07:29 on the day and refuses one at 07:31', () => {
    expect(checkLeaveRequest(leave('case-site', { emergency: true, requestedAt: at('2026-03-10', '07:29') }))).toMatchObject({ emergency: true, ruleIds: ['ATT-7'] });
    expect(codeOf(() => checkLeaveRequest(leave('case-site', { emergency: true, requestedAt: at('2026-03-10', '07:31') })))).toBe('LEAVE_NOTICE_TOO_SHORT');
  });

  it('refuses leave asked after the fact (事后补假无效)', () => {
    expect(codeOf(() => checkLeaveRequest(leave('case-site', { requestedAt: at('2026-03-10', '10:00') })))).toBe('LEAVE_AFTER_THE_FACT');
  });
});

describe('ATT-3 blackout days', () => {
  it('refuses leave on a blackout day, also inside a longer leave', () => {
    const req = leave('case-site', { workingDays: ['2026-03-10', '2026-03-11'], blackoutDates: new Set(['2026-03-11']) });
    expect(codeOf(() => checkLeaveRequest(req))).toBe('LEAVE_ON_BLACKOUT_DAY');
  });
});

describe('ATT-7 trampoline: supervisor and store manager beforehand; an emergency phoned within 30 minutes', () => {
  it('needs both approvals, in order', () => {
    expect(checkLeaveRequest(leave('trampoline-park')).approvers).toEqual(['supervisor', 'manager']);
  });
  it('accepts an emergency phoned 30 minutes after the start, refuses 31', () => {
    expect(checkLeaveRequest(leave('trampoline-park', { emergency: true, requestedAt: at('2026-03-10', '09:30') })).emergency).toBe(true);
    expect(codeOf(() => checkLeaveRequest(leave('trampoline-park', { emergency: true, requestedAt: at('2026-03-10', '09:31') })))).toBe('LEAVE_AFTER_THE_FACT');
  });
  it('accepts ordinary leave any time before the start', () => {
    expect(checkLeaveRequest(leave('trampoline-park', { requestedAt: at('2026-03-10', '08:59') })).emergency).toBe(false);
  });
});

describe('ATT-7 on-site: 1–2 days need 1 day of notice, 3 or more need 2; an emergency is filed after returning', () => {
  it('tiers the notice by length', () => {
    const three = ['2026-03-10', '2026-03-11', '2026-03-12'];
    expect(codeOf(() => checkLeaveRequest(leave('on-site-ops', { requestedAt: at('2026-03-09', '08:00') })))).toBe('accepted');
    expect(codeOf(() => checkLeaveRequest(leave('on-site-ops', { workingDays: three, requestedAt: at('2026-03-09', '08:00') })))).toBe('LEAVE_NOTICE_TOO_SHORT');
    expect(codeOf(() => checkLeaveRequest(leave('on-site-ops', { workingDays: three, requestedAt: at('2026-03-08', '08:00') })))).toBe('accepted');
  });
  it('accepts an emergency filed after the leave', () => {
    expect(checkLeaveRequest(leave('on-site-ops', { emergency: true, requestedAt: at('2026-03-12', '09:00') })).emergency).toBe(true);
  });
});

describe('ATT-8 sick leave', () => {
  it('is reported before 07:30 on the day, and needs a certificate', () => {
    expect(checkLeaveRequest(leave('case-site', { type: 'sick', requestedAt: at('2026-03-10', '07:29') }))).toMatchObject({ certificateRequired: true, ruleIds: ['ATT-8'] });
    expect(codeOf(() => checkLeaveRequest(leave('case-site', { type: 'sick', requestedAt: at('2026-03-10', '07:31') })))).toBe('SICK_REPORTED_TOO_LATE');
  });

  it('converts to personal leave when the certificate is not in by the end of the first working day back', () => {
    const base = { firstDayBack: '2026-03-12', timeZone: TZ, convertTo: 'personal' as const };
    expect(sickLeaveStatus({ ...base, certificateAt: null, now: at('2026-03-12', '18:00') })).toMatchObject({ status: 'certificate_due', leaveType: 'sick' });
    expect(sickLeaveStatus({ ...base, certificateAt: at('2026-03-12', '23:59'), now: at('2026-03-20', '00:00') })).toMatchObject({ status: 'certified', leaveType: 'sick' });
    expect(sickLeaveStatus({ ...base, certificateAt: null, now: at('2026-03-13', '00:00') })).toMatchObject({ status: 'converted', leaveType: 'personal' });
    expect(sickLeaveStatus({ ...base, certificateAt: at('2026-03-13', '09:00'), now: at('2026-03-13', '10:00') })).toMatchObject({ status: 'converted' });
  });

  it('ATT-8: a certificate handed in on time keeps the leave sick while the clerk confirms it; handed in late it does not', () => {
    const base = { firstDayBack: '2026-03-12', timeZone: TZ, convertTo: 'personal' as const };
    expect(sickLeaveStatus({ ...base, certificateAt: null, submittedAt: at('2026-03-12', '17:00'), now: at('2026-03-12', '18:00') })).toMatchObject({ status: 'certificate_submitted', leaveType: 'sick' });
    // Still waiting for the clerk after the deadline: not converted.
    expect(sickLeaveStatus({ ...base, certificateAt: null, submittedAt: at('2026-03-12', '17:00'), now: at('2026-03-15', '09:00') })).toMatchObject({ status: 'certificate_submitted', leaveType: 'sick' });
    expect(sickLeaveStatus({ ...base, certificateAt: null, submittedAt: at('2026-03-13', '08:00'), now: at('2026-03-13', '09:00') })).toMatchObject({ status: 'converted', leaveType: 'personal' });
    // Accepted: the acceptance is what counts.
    expect(sickLeaveStatus({ ...base, certificateAt: at('2026-03-12', '17:00'), submittedAt: at('2026-03-12', '17:00'), now: at('2026-03-15', '09:00') }).status).toBe('certified');
  });
});

describe('ATT-9 swaps', () => {
  it('count only when approved before the first swapped shift', () => {
    const starts = [at('2026-03-10', '08:30'), at('2026-03-12', '08:30')];
    expect(swapIsApprovedInTime(at('2026-03-10', '08:29'), starts)).toBe(true);
    expect(swapIsApprovedInTime(at('2026-03-10', '08:31'), starts)).toBe(false);
    expect(swapIsApprovedInTime(null, starts)).toBe(false);
  });
  it('refuse a swap with oneself, too late, or resting on a blackout day', () => {
    const base = { requesterId: 'a', colleagueId: 'b', shiftStarts: [at('2026-03-10', '08:30')], requestedAt: at('2026-03-09', '12:00'), restDatesAfterSwap: ['2026-03-10'], blackoutDates: new Set<string>() };
    expect(codeOf(() => checkSwapRequest(base))).toBe('accepted');
    expect(codeOf(() => checkSwapRequest({ ...base, colleagueId: 'a' }))).toBe('SWAP_WITH_SELF');
    expect(codeOf(() => checkSwapRequest({ ...base, requestedAt: at('2026-03-10', '09:00') }))).toBe('SWAP_TOO_LATE');
    expect(codeOf(() => checkSwapRequest({ ...base, blackoutDates: new Set(['2026-03-10']) }))).toBe('SWAP_ON_BLACKOUT_DAY');
  });
});

describe('ATT-2 six-day week rota', () => {
  const week = weekOf('2026-03-11');
  it('knows the week Monday to Sunday', () => {
    expect(week).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
  });
  it('wants exactly one rest day Monday–Friday, none at the weekend, none on a blackout day', () => {
    const rota = new Map([
      ['ok', ['2026-03-10']],
      ['weekend', ['2026-03-14']],
      ['two', ['2026-03-09', '2026-03-10']],
      ['blackout', ['2026-03-12']],
    ]);
    const problems = checkWeekRota(PRESETS['case-site'], week, rota, new Set(['2026-03-12']));
    expect(problems.filter((p) => p.userId === 'ok')).toEqual([]);
    expect(problems.filter((p) => p.userId === 'weekend').map((p) => p.code)).toEqual(['REST_ON_WEEKEND', 'REST_DAYS_PER_WEEK']);
    expect(problems.filter((p) => p.userId === 'two').map((p) => p.code)).toEqual(['REST_DAYS_PER_WEEK']);
    expect(problems.filter((p) => p.userId === 'blackout').map((p) => p.code)).toEqual(['REST_ON_BLACKOUT_DAY']);
  });
  it('proposes rest days that rotate week by week and skip blackout days', () => {
    const users = ['a', 'b', 'c', 'd', 'e'];
    const w1 = proposeRestDays(users, week, new Set());
    expect(new Set(w1.values()).size).toBe(5);
    const w2 = proposeRestDays(users, weekOf('2026-03-18'), new Set());
    expect(weekday(w2.get('a')!)).toBe((weekday(w1.get('a')!) % 5) + 1);
    const blocked = proposeRestDays(users, week, new Set(week.slice(0, 5).filter((d) => d !== '2026-03-13')));
    expect([...new Set(blocked.values())]).toEqual(['2026-03-13']);
    expect(checkWeekRota(PRESETS['case-site'], week, new Map([...w1].map(([k, v]) => [k, [v]])), new Set())).toEqual([]);
  });
});

describe('policy validation', () => {
  it('accepts every preset', () => {
    for (const p of Object.values(PRESETS)) expect(validatePolicy(p)).toEqual([]);
  });
  it('lists the fields that are wrong', () => {
    const bad = { ...PRESETS['case-site'], lateGraceMinutes: -1, shifts: [{ code: 'X Y', name: 'x', segments: [{ start: '25:00', end: '17:30' }] }] };
    expect(validatePolicy(bad).map((e) => e.field)).toEqual(['shifts[0].code', 'shifts[0].segments[0]', 'lateGraceMinutes']);
  });
});
