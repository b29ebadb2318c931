import type { DomainError } from '../common/errors.js';
import { arrivalKind, decideCheckIn, parseMoveInCsv, decideLeaderDecision, decideMissed, decideReschedule, decideScheduleDate, decideStep, matchOwner, moveInStatusAt, type MoveInFacts } from './move-in.js';

const at = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00+08:00`);
const slot: MoveInFacts = { status: 'scheduled', startsAt: at('09:30'), endsAt: at('10:30'), arrivedAt: null, step: null };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('RES-7 move-in schedule and check-in', () => {
  it('RES-7: the schedule is sent a day ahead — tomorrow or later, never for today', () => {
    expect(() => decideScheduleDate('2026-11-25', '2026-11-24')).not.toThrow();
    expect(code(() => decideScheduleDate('2026-11-24', '2026-11-24'))).toBe('SCHEDULE_TOO_LATE');
    expect(code(() => decideScheduleDate('2026-11-23', '2026-11-24'))).toBe('SCHEDULE_TOO_LATE');
  });

  it('RES-7: an owner is found by the move-in notice, or without it by unit and name (spaces and case aside)', () => {
    const rows = [
      { noticeNo: 'RZ-001', unitId: 'u1', ownerName: '张 三' },
      { noticeNo: 'RZ-002', unitId: 'u2', ownerName: 'Li Si' },
    ];
    expect(matchOwner(rows, { noticeNo: 'rz-002 ' })).toBe(rows[1]);
    expect(matchOwner(rows, { unitId: 'u1', ownerName: '张三' })).toBe(rows[0]);
    expect(matchOwner(rows, { unitId: 'u2', ownerName: 'li si' })).toBe(rows[1]);
    expect(matchOwner(rows, { unitId: 'u1', ownerName: '李四' })).toBeNull();
    expect(matchOwner(rows, { noticeNo: 'RZ-404' })).toBeNull();
    expect(matchOwner(rows, { unitId: 'u1' })).toBeNull();
  });

  it('RES-7: on time within the slot is arrived; early or late waits for the group leader', () => {
    expect(arrivalKind(slot, at('09:29'))).toBe('early');
    expect(arrivalKind(slot, at('09:30'))).toBe('on_time');
    expect(arrivalKind(slot, at('10:29'))).toBe('on_time');
    expect(arrivalKind(slot, at('10:30'))).toBe('late');
    expect(decideCheckIn(slot, at('10:00'))).toEqual({ status: 'arrived', arrival: 'on_time' });
    expect(decideCheckIn(slot, at('09:00'))).toEqual({ status: 'waiting', arrival: 'early' });
    expect(decideCheckIn({ ...slot, status: 'missed' }, at('11:00'))).toEqual({ status: 'waiting', arrival: 'late' });
    expect(code(() => decideCheckIn({ ...slot, status: 'arrived' }, at('10:00')))).toBe('ALREADY_ARRIVED');
    expect(code(() => decideCheckIn({ ...slot, status: 'rescheduled' }, at('10:00')))).toBe('NOT_ON_SCHEDULE');
  });

  it('RES-7: the group leader takes a waiting owner now or lets them wait', () => {
    expect(decideLeaderDecision({ ...slot, status: 'waiting' }, 'take_now')).toEqual({ status: 'arrived' });
    expect(decideLeaderDecision({ ...slot, status: 'waiting' }, 'wait')).toEqual({ status: 'waiting' });
    expect(code(() => decideLeaderDecision(slot, 'take_now'))).toBe('MOVE_IN_STATE_CONFLICT');
  });

  it('RES-7 / GEN-8: a slot that ended without the owner reads missed at once; it is recorded and goes back to sales', () => {
    expect(moveInStatusAt(slot, at('10:29'))).toBe('scheduled');
    expect(moveInStatusAt(slot, at('10:30'))).toBe('missed');
    expect(code(() => decideMissed(slot, at('10:29')))).toBe('MOVE_IN_STATE_CONFLICT');
    expect(() => decideMissed(slot, at('10:30'))).not.toThrow();
    expect(code(() => decideMissed({ ...slot, status: 'missed' }, at('11:30')))).toBe('MOVE_IN_STATE_CONFLICT');
    expect(() => decideReschedule({ ...slot, status: 'missed' }, at('11:30'))).not.toThrow();
    expect(code(() => decideReschedule({ ...slot, status: 'arrived' }, at('11:30')))).toBe('MOVE_IN_STATE_CONFLICT');
  });
});

describe('RES-8 the four steps of the visit', () => {
  const arrived: MoveInFacts = { ...slot, status: 'arrived', arrivedAt: at('09:40') };
  it('RES-8: reception → greeting → verification → payment → done, one at a time, in order', () => {
    expect(() => decideStep(arrived, 'reception', ['receptionist'])).not.toThrow();
    expect(code(() => decideStep(arrived, 'greeting', ['manager']))).toBe('STEP_OUT_OF_ORDER');
    expect(() => decideStep({ ...arrived, step: 'reception' }, 'greeting', ['supervisor'])).not.toThrow();
    expect(() => decideStep({ ...arrived, step: 'greeting' }, 'verification', ['consultant'])).not.toThrow();
    expect(code(() => decideStep({ ...arrived, step: 'greeting' }, 'payment', ['cashier']))).toBe('STEP_OUT_OF_ORDER');
    expect(() => decideStep({ ...arrived, step: 'verification' }, 'payment', ['cashier'])).not.toThrow();
    expect(() => decideStep({ ...arrived, step: 'payment' }, 'done', ['cs_agent'])).not.toThrow();
    expect(code(() => decideStep({ ...arrived, step: 'done' }, 'done', ['manager']))).toBe('MOVE_IN_STATE_CONFLICT');
  });

  it('RES-8: each step is taken by its staff: the cashier collects, the salesperson verifies', () => {
    expect(code(() => decideStep({ ...arrived, step: 'verification' }, 'payment', ['consultant']))).toBe('FORBIDDEN');
    expect(code(() => decideStep({ ...arrived, step: 'greeting' }, 'verification', ['cashier']))).toBe('FORBIDDEN');
    expect(code(() => decideStep(arrived, 'reception', ['cashier']))).toBe('FORBIDDEN');
  });

  it('RES-8: no step before check-in, nor while the owner waits for the group leader', () => {
    expect(code(() => decideStep(slot, 'reception', ['receptionist']))).toBe('MOVE_IN_STATE_CONFLICT');
    expect(code(() => decideStep({ ...slot, status: 'waiting' }, 'reception', ['receptionist']))).toBe('MOVE_IN_STATE_CONFLICT');
  });
});

describe('RES-7 schedule import (入住时间预约安排表)', () => {
  it('RES-7: Chinese or English headers in any order; each bad line reported by line and field, good lines kept', () => {
    const csv = ['组长,时间,楼栋,房号,业主,通知书编号', 'supervisor,9:30,1栋,101,张三,RZ-1', '孙主管,10:30,1栋,"102",李四,RZ-2', ',10:30,1栋,103,王五,RZ-3', 'x,25:00,1栋,104,赵六,RZ-4', 'x,10:30,1栋,105,钱七,rz-1', 'x,10:30,1栋,106,孙八,RZ-6,extra'].join('\r\n');
    const { rows, errors } = parseMoveInCsv(csv);
    expect(rows).toEqual([
      { line: 2, time: '09:30', building: '1栋', number: '101', ownerName: '张三', noticeNo: 'RZ-1', leader: 'supervisor' },
      { line: 3, time: '10:30', building: '1栋', number: '102', ownerName: '李四', noticeNo: 'RZ-2', leader: '孙主管' },
    ]);
    expect(errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual(['4:leader:MISSING_FIELD', '5:time:INVALID_VALUE', '6:noticeNo:DUPLICATE_IN_FILE', '7:row:TOO_MANY_COLUMNS']);
    const english = parseMoveInCsv('time,building,number,owner,notice,leader\n08:30,2栋,201,Wang,RZ-9,clerk');
    expect(english.rows[0]).toMatchObject({ time: '08:30', ownerName: 'Wang', leader: 'clerk' });
  });

  it('RES-7: a file without the needed columns is one HEADER_INVALID', () => {
    expect(parseMoveInCsv('time,building\n09:30,1栋').errors).toEqual([expect.objectContaining({ line: 1, code: 'HEADER_INVALID' })]);
    expect(parseMoveInCsv('').errors[0].code).toBe('HEADER_INVALID');
  });
});
