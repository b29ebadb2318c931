import { zonedTime } from '../common/time.js';
import { evaluateDay, type DayInput, type Punch } from './evaluate-day.js';
import { PRESETS, type AttendancePolicy, type PresetName } from './policy.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string, seconds = 0) => new Date(zonedTime(date, time, TZ).getTime() + seconds * 1000);
const punch = (date: string, time: string, kind: Punch['kind'], seconds = 0): Punch => ({ at: at(date, time, seconds), kind });

function day(preset: PresetName, over: Partial<Omit<DayInput, 'policy'>> & { policy?: Partial<AttendancePolicy> } = {}): DayInput {
  const policy = { ...PRESETS[preset], ...over.policy };
  return {
    date: '2026-03-02',
    timeZone: TZ,
    policyVersion: 1,
    shift: policy.shifts[0],
    punches: [],
    leave: [],
    businessOuts: [],
    now: at('2026-03-04', '12:00'),
    ...over,
    policy,
  };
}

describe('ATT-4 clock-in deadline and graces', () => {
  it('case site: clocking in at 08:30:00 is on time, one second later is late', () => {
    const onTime = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '08:30', 'in'), punch('2026-03-02', '17:30', 'out')] }));
    expect(onTime.status).toBe('present');
    expect(onTime.ruleIds).toContain('ATT-4');
    const late = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '08:30', 'in', 1), punch('2026-03-02', '17:30', 'out')] }));
    expect(late).toMatchObject({ status: 'late', lateMinutes: 1, lateCount: 1 });
  });

  it('trampoline: 5 minutes of grace on arrival — 09:05:00 on time, 09:05:01 late by 6 min; none on leaving', () => {
    const edge = evaluateDay(day('trampoline-park', { punches: [punch('2026-03-02', '09:05', 'in'), punch('2026-03-02', '17:00', 'out')] }));
    expect(edge.status).toBe('present');
    const late = evaluateDay(day('trampoline-park', { punches: [punch('2026-03-02', '09:05', 'in', 1), punch('2026-03-02', '17:00', 'out')] }));
    expect(late).toMatchObject({ status: 'late', lateMinutes: 6 });
    const early = evaluateDay(day('trampoline-park', { punches: [punch('2026-03-02', '09:00', 'in'), punch('2026-03-02', '16:59', 'out', 59)] }));
    expect(early).toMatchObject({ status: 'early_leave', earlyMinutes: 1 });
  });

  it('late grace and early-leave grace are separate settings', () => {
    const policy = { lateGraceMinutes: 0, earlyGraceMinutes: 10 };
    const r = evaluateDay(day('case-site', { policy, punches: [punch('2026-03-02', '08:31', 'in'), punch('2026-03-02', '17:21', 'out')] }));
    expect(r).toMatchObject({ status: 'late', lateMinutes: 1, earlyMinutes: 0 });
    const both = evaluateDay(day('case-site', { policy, punches: [punch('2026-03-02', '08:31', 'in'), punch('2026-03-02', '17:19', 'out')] }));
    expect(both).toMatchObject({ status: 'late_and_early_leave', lateMinutes: 1, earlyMinutes: 11 });
  });

  it('on-site split day: each half has its own clock-in and clock-out with 15 minutes either way', () => {
    const r = evaluateDay(
      day('on-site-ops', {
        punches: [punch('2026-03-02', '08:15', 'in'), punch('2026-03-02', '11:45', 'out'), punch('2026-03-02', '14:16', 'in'), punch('2026-03-02', '18:00', 'out')],
      }),
    );
    expect(r).toMatchObject({ status: 'late', lateMinutes: 16, lateCount: 1, earlyCount: 0 });
  });

  it('on-site split day: a missing afternoon counts as half a day of absence (ATT-6)', () => {
    const r = evaluateDay(day('on-site-ops', { punches: [punch('2026-03-02', '08:00', 'in'), punch('2026-03-02', '12:00', 'out')] }));
    expect(r).toMatchObject({ status: 'absent', absenceDays: 0.5 });
    expect(r.ruleIds).toContain('ATT-6');
  });
});

describe('ATT-1 schedules', () => {
  it('case site: the day ends with the evening meeting — leaving at 18:00 when it ended 18:10 is early leave', () => {
    const r = evaluateDay(
      day('case-site', { eveningMeetingEnd: at('2026-03-02', '18:10'), punches: [punch('2026-03-02', '08:20', 'in'), punch('2026-03-02', '18:00', 'out')] }),
    );
    expect(r).toMatchObject({ status: 'early_leave', earlyMinutes: 10 });
    expect(r.scheduledEnd).toEqual(at('2026-03-02', '18:10'));
    expect(r.ruleIds).toEqual(expect.arrayContaining(['ATT-1', 'ATT-4']));
  });

  it('case site: a meeting that ended before 17:30 does not shorten the day', () => {
    const r = evaluateDay(day('case-site', { eveningMeetingEnd: at('2026-03-02', '17:00'), punches: [punch('2026-03-02', '08:20', 'in'), punch('2026-03-02', '17:10', 'out')] }));
    expect(r).toMatchObject({ status: 'early_leave', earlyMinutes: 20 });
  });

  it('call centre: the clock-in deadline is the shift start minus the 10-minute hand-over', () => {
    const shift = PRESETS['call-centre'].shifts[0];
    const ok = evaluateDay(day('call-centre', { shift, punches: [punch('2026-03-02', '07:50', 'in'), punch('2026-03-02', '20:00', 'out')] }));
    expect(ok.status).toBe('present');
    const late = evaluateDay(day('call-centre', { shift, punches: [punch('2026-03-02', '07:55', 'in'), punch('2026-03-02', '20:00', 'out')] }));
    expect(late).toMatchObject({ status: 'late', lateMinutes: 5 });
    expect(late.ruleIds).toContain('ATT-1');
  });

  it('call centre: a night shift across midnight belongs to the day it starts', () => {
    const night = PRESETS['call-centre'].shifts[2];
    const r = evaluateDay(day('call-centre', { shift: night, punches: [punch('2026-03-02', '19:48', 'in'), punch('2026-03-03', '08:02', 'out')] }));
    expect(r).toMatchObject({ status: 'present', scheduledStart: at('2026-03-02', '20:00'), scheduledEnd: at('2026-03-03', '08:00') });
  });

  it('call centre: a night shift across a month end, leaving early on the first of the next month', () => {
    const night = PRESETS['call-centre'].shifts[2];
    const r = evaluateDay(
      day('call-centre', { date: '2026-01-31', shift: night, punches: [punch('2026-01-31', '19:45', 'in'), punch('2026-02-01', '07:30', 'out')], now: at('2026-02-02', '00:00') }),
    );
    expect(r).toMatchObject({ date: '2026-01-31', status: 'early_leave', earlyMinutes: 30 });
  });
});

describe('ATT-5 more than 60 minutes late or early is an absent day', () => {
  it('60 minutes late is late, 61 is absent', () => {
    const sixty = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '09:30', 'in'), punch('2026-03-02', '17:30', 'out')] }));
    expect(sixty).toMatchObject({ status: 'late', lateMinutes: 60 });
    const sixtyOne = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '09:31', 'in'), punch('2026-03-02', '17:30', 'out')] }));
    expect(sixtyOne).toMatchObject({ status: 'absent', absenceDays: 1, lateMinutes: 61 });
    expect(sixtyOne.ruleIds).toContain('ATT-5');
  });

  it('leaving 61 minutes early is an absent day', () => {
    const r = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '08:00', 'in'), punch('2026-03-02', '16:29', 'out')] }));
    expect(r).toMatchObject({ status: 'absent', earlyMinutes: 61 });
  });
});

describe('ATT-6 absence', () => {
  it('a scheduled day with no clock-in and no leave is absence', () => {
    const r = evaluateDay(day('case-site'));
    expect(r).toMatchObject({ status: 'absent', absenceDays: 1, ruleIds: ['ATT-6'] });
  });

  it('leaving the post without consent is absence whatever the punches', () => {
    const r = evaluateDay(day('case-site', { leftPost: true, punches: [punch('2026-03-02', '08:00', 'in'), punch('2026-03-02', '17:30', 'out')] }));
    expect(r).toMatchObject({ status: 'absent', ruleIds: ['ATT-6'] });
  });

  it('a clock-in without clock-out is a missing punch once the day is over, counted as absence until corrected', () => {
    const r = evaluateDay(day('case-site', { punches: [punch('2026-03-02', '08:00', 'in')] }));
    expect(r).toMatchObject({ status: 'missing_punch', absenceDays: 1 });
    expect(r.ruleIds).toContain('ATT-6');
  });

  it('GEN-8: a day still running is not judged — before the deadline upcoming, after it not arrived, in without out at work', () => {
    expect(evaluateDay(day('case-site', { now: at('2026-03-02', '08:29') })).status).toBe('upcoming');
    expect(evaluateDay(day('case-site', { now: at('2026-03-02', '08:31') })).status).toBe('not_arrived');
    const working = evaluateDay(day('case-site', { now: at('2026-03-02', '10:00'), punches: [punch('2026-03-02', '08:40', 'in')] }));
    expect(working).toMatchObject({ status: 'at_work', lateMinutes: 10 });
  });
});

describe('ATT-7/8/10 leave and business out', () => {
  const whole = { from: at('2026-03-02', '00:00'), to: at('2026-03-03', '00:00') };

  it('approved leave over the whole shift is a leave day of its type', () => {
    const r = evaluateDay(day('case-site', { leave: [{ ...whole, type: 'annual' }] }));
    expect(r).toMatchObject({ status: 'on_leave', leaveType: 'annual', leaveHours: 9, absenceDays: 0 });
    expect(r.ruleIds).toEqual(['ATT-7']);
    expect(evaluateDay(day('case-site', { leave: [{ ...whole, type: 'sick' }] })).ruleIds).toEqual(['ATT-8']);
  });

  it('leave over the morning moves the clock-in deadline to its end', () => {
    const r = evaluateDay(
      day('trampoline-park', {
        leave: [{ from: at('2026-03-02', '09:00'), to: at('2026-03-02', '11:00'), type: 'personal' }],
        punches: [punch('2026-03-02', '11:03', 'in'), punch('2026-03-02', '17:00', 'out')],
      }),
    );
    expect(r).toMatchObject({ status: 'present', leaveType: 'personal', leaveHours: 2 });
  });

  it('a business out registered over the end of the day counts as present (ATT-10)', () => {
    const r = evaluateDay(
      day('case-site', { businessOuts: [{ from: at('2026-03-02', '15:00'), to: at('2026-03-02', '19:00') }], punches: [punch('2026-03-02', '08:25', 'in')] }),
    );
    expect(r).toMatchObject({ status: 'present', businessOut: true });
    expect(r.ruleIds).toContain('ATT-10');
  });

  it('a business out over the whole day is a business-out day', () => {
    expect(evaluateDay(day('case-site', { businessOuts: [whole] })).status).toBe('business_out');
  });
});

describe('ATT-9 swaps without approval', () => {
  it('mark the person absent whatever they punched', () => {
    const r = evaluateDay(day('case-site', { unapprovedSwap: true, punches: [punch('2026-03-02', '08:00', 'in'), punch('2026-03-02', '17:30', 'out')] }));
    expect(r).toMatchObject({ status: 'absent', absenceDays: 1, ruleIds: ['ATT-9'] });
  });
});

describe('CA-19 the daily work report judged by the supervisor', () => {
  const worked = [punch('2026-03-02', '08:25', 'in'), punch('2026-03-02', '18:05', 'out')];
  it('a false report is a day of absence although the day was worked', () => {
    expect(evaluateDay(day('case-site', { punches: worked, workReport: 'false' }))).toMatchObject({ status: 'absent', absenceDays: 1, ruleIds: expect.arrayContaining(['CA-19']) });
  });
  it('an unfinished report is half a day of absence; the day keeps its status', () => {
    const plain = evaluateDay(day('case-site', { punches: worked }));
    expect(evaluateDay(day('case-site', { punches: worked, workReport: 'unfinished' }))).toMatchObject({ status: plain.status, absenceDays: 0.5, ruleIds: expect.arrayContaining(['CA-19']) });
  });
  it('never lowers an absence the day already had', () => {
    expect(evaluateDay(day('case-site', { workReport: 'unfinished' }))).toMatchObject({ status: 'absent', absenceDays: 1 });
  });
});

describe('ATT-2 rest days and ATT-15 corrections', () => {
  it('a day without a shift is a rest day', () => {
    expect(evaluateDay(day('case-site', { shift: null })).status).toBe('rest');
  });

  it('a corrected punch is marked as a correction', () => {
    const r = evaluateDay(day('case-site', { punches: [{ ...punch('2026-03-02', '08:00', 'in'), corrected: true }, punch('2026-03-02', '17:30', 'out')] }));
    expect(r).toMatchObject({ status: 'present', corrected: true });
  });

  it('records the policy version that decided the day', () => {
    expect(evaluateDay(day('case-site', { policyVersion: 7 })).policyVersion).toBe(7);
  });
});
