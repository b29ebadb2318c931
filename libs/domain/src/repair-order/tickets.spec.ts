import { DomainError } from '../common/errors.js';
import { businessCalendar } from '../complaint/business-time.js';
import { COMPLAINT_PRESETS } from '../complaint/policy.js';
import { REPAIR_ORDER_PRESETS, type RepairOrderPolicy } from './policy.js';
import {
  callCentreCoverage,
  decideTicket,
  isHeatingSeason,
  openTicket,
  ticketTimingAt,
  validateTicketIntake,
  weekStartOf,
  weeklyFeeSummary,
  type TicketActor,
  type TicketCommand,
  type TicketContext,
  type TicketIntake,
  type TicketSnapshot,
} from './tickets.js';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 8 * 3_600_000);
const policy = REPAIR_ORDER_PRESETS['property-management'];
const cal = businessCalendar(policy.tickets, TZ); // 24 hours a day
const T0 = local('2026-12-07', '22:00'); // Monday night, heating season
const ctx = (now: Date = T0, p: RepairOrderPolicy = policy): TicketContext => ({ policy: p, calendar: businessCalendar(p.tickets, TZ), now });
const agent: TicketActor = { userId: 'agent', roles: ['cs_agent'] };
const sup: TicketActor = { userId: 'sup', roles: ['supervisor'] };
const tech: TicketActor = { userId: 'tech', roles: ['technician'] };
const fails = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'ok';
};

const intake: TicketIntake = {
  problem: '暖气不热',
  address: '3 号楼 2 单元 501',
  name: '张女士',
  phone: '139-0000-1111',
  category: 'heating',
  readBack: { problem: true, address: true, name: true, phone: true },
};
const opened = (over: Partial<TicketIntake> = {}) => openTicket({ id: 'T-1', intake: { ...intake, ...over } }, agent, ctx()).next;
const run = (t: TicketSnapshot, cmd: TicketCommand, actor: TicketActor = agent, now: Date = T0) => decideTicket(t, cmd, actor, ctx(now));
const answers = { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' } as const;

describe('RO-11 intake script: problem, address, name, phone, each read back', () => {
  it('accepts a complete intake and normalizes the phone; the taker owns the ticket (GEN-10)', () => {
    const t = opened();
    expect(t).toMatchObject({ state: 'received', phone: '13900001111', ownerId: 'agent', paid: false });
  });
  it('each answer not read back is a problem of its own', () => {
    const bad = { ...intake, readBack: { problem: true, address: false, name: true, phone: false } };
    expect(validateTicketIntake(bad, policy).map((e) => e.field)).toEqual(['readBack.address', 'readBack.phone']);
    expect(fails(() => openTicket({ id: 'T-2', intake: bad }, agent, ctx()))).toBe('TICKET_INTAKE_INVALID');
  });
  it('refuses missing entries, a bad phone, an unknown category; staff outside the desk', () => {
    expect(validateTicketIntake({ ...intake, address: '', phone: '123', category: 'spaceship' }, policy).map((e) => e.field)).toEqual(['address', 'phone', 'category']);
    expect(validateTicketIntake(null as unknown as TicketIntake, policy).length).toBeGreaterThan(5);
    expect(fails(() => openTicket({ id: 'T-3', intake }, tech, ctx()))).toBe('TICKET_ROLE_REQUIRED');
  });
});

describe('RO-11 work ticket to the department with its time limit, reminder and escalation (GEN-8)', () => {
  it('routes by category to the department and schedules the reminder and the deadline', () => {
    const d = run(opened(), { type: 'dispatch' });
    expect(d.next.workTickets[0]).toMatchObject({ number: 1, department: 'heating', timeLimitMinutes: 120 });
    // 2 hours, reminder at 75 %: 23:30; due at 00:00.
    expect(d.effects).toContainEqual({ type: 'ticket_timer', workTicket: 1, reminderAt: local('2026-12-07', '23:30'), dueAt: local('2026-12-08', '00:00') });
    expect(run(opened(), { type: 'dispatch', department: 'engineering' }).next.workTickets[0].timeLimitMinutes).toBe(240);
    expect(fails(() => run(opened(), { type: 'dispatch', department: 'kitchen' }))).toBe('TICKET_DEPARTMENT_UNKNOWN');
  });
  it('reads running → reminder due → breached (one level up) → another limit overrun (the top) from stored times', () => {
    const t = run(opened(), { type: 'dispatch' }).next;
    const read = (time: Date) => ticketTimingAt(t, policy, cal, time);
    expect(read(local('2026-12-07', '23:29'))).toMatchObject({ status: 'running', level: 0, role: 'cs_agent', nextChangeAt: local('2026-12-07', '23:30') });
    expect(read(local('2026-12-07', '23:30'))).toMatchObject({ status: 'reminder_due', level: 0, nextChangeAt: local('2026-12-08', '00:00') });
    expect(read(local('2026-12-08', '00:00'))).toMatchObject({ status: 'breached', level: 1, role: 'supervisor', breaches: [local('2026-12-08', '00:00')], nextChangeAt: local('2026-12-08', '02:00') });
    expect(read(local('2026-12-08', '09:00'))).toMatchObject({ status: 'breached', level: 2, role: 'manager', nextChangeAt: null });
    expect(read(local('2026-12-08', '09:00')).breaches).toHaveLength(2);
  });
  it('the limit counts business time of the departments (the complaint calendar)', () => {
    const office: RepairOrderPolicy = { ...policy, tickets: { ...policy.tickets, businessHours: COMPLAINT_PRESETS['car-service'].businessHours } };
    const officeCal = businessCalendar(office.tickets, TZ); // Mon–Sat 08:30–17:30
    const t = decideTicket(openTicket({ id: 'T-9', intake: { ...intake, category: 'water' } }, agent, ctx(local('2026-12-07', '16:30'), office)).next, { type: 'dispatch' }, agent, ctx(local('2026-12-07', '16:30'), office)).next;
    // 4 hours: 1 h on Monday, 3 h on Tuesday from 08:30. Reminder at 3 h.
    const r = ticketTimingAt(t, office, officeCal, local('2026-12-07', '17:00'));
    expect(r).toMatchObject({ dueAt: local('2026-12-08', '11:30'), reminderAt: local('2026-12-08', '10:30'), status: 'running' });
  });
  it('done in time is met; done after the deadline is met late and stays at its level', () => {
    const t = run(opened(), { type: 'dispatch' }).next;
    const inTime = run(t, { type: 'report_done', report: '已排气' }, tech, local('2026-12-07', '23:00')).next;
    expect(ticketTimingAt(inTime, policy, cal, local('2026-12-09', '00:00'))).toMatchObject({ status: 'met', level: 0 });
    const late = run(t, { type: 'report_done', report: '已排气' }, tech, local('2026-12-08', '01:00')).next;
    expect(ticketTimingAt(late, policy, cal, local('2026-12-09', '00:00'))).toMatchObject({ status: 'met_late', level: 1 });
  });
});

describe('RO-11 paid services get a fee ticket; the week is summarised for finance', () => {
  it('a paid category returns with its fee items; a free one may not charge', () => {
    const paid = run(opened({ category: 'in_home_repair' }), { type: 'dispatch' }).next;
    expect(fails(() => run(paid, { type: 'report_done', report: '换水龙头' }, tech))).toBe('TICKET_FEE_REQUIRED');
    const d = run(paid, { type: 'report_done', report: '换水龙头', fee: [{ description: '水龙头', amountFen: 8_000 }, { description: '人工', amountFen: 3_000 }] }, tech);
    expect(d.next.feeTicket).toMatchObject({ totalFen: 11_000, paidAt: null, issuedBy: 'tech' });
    expect(d.effects.some((e) => e.type === 'fee_ticket')).toBe(true);
    const free = run(opened(), { type: 'dispatch' }).next;
    expect(fails(() => run(free, { type: 'report_done', report: '排气', fee: [{ description: '人工', amountFen: 100 }] }, tech))).toBe('TICKET_NOT_PAID_SERVICE');
    const paidOnce = run(d.next, { type: 'record_fee_paid' }, { userId: 'c', roles: ['cashier'] }).next;
    expect(fails(() => run(paidOnce, { type: 'record_fee_paid' }))).toBe('TICKET_FEE_ALREADY_PAID');
  });
  it('the weekly summary counts the site-local week Monday to Monday, by category and department', () => {
    expect(weekStartOf('2026-12-13')).toBe('2026-12-07'); // Sunday → Monday before
    const fees = [
      { ticketId: 'a', category: 'in_home_repair', department: 'engineering', totalFen: 11_000, issuedAt: local('2026-12-07', '00:00'), paidAt: local('2026-12-08', '10:00') },
      { ticketId: 'b', category: 'cleaning', department: 'cleaning', totalFen: 5_000, issuedAt: local('2026-12-13', '23:59'), paidAt: local('2026-12-14', '09:00') },
      { ticketId: 'c', category: 'in_home_repair', department: 'engineering', totalFen: 2_000, issuedAt: local('2026-12-14', '00:00'), paidAt: null },
      { ticketId: 'd', category: 'in_home_repair', department: 'engineering', totalFen: 7_000, issuedAt: local('2026-12-06', '23:59'), paidAt: null },
    ];
    const s = weeklyFeeSummary(fees, '2026-12-07', TZ);
    expect(s.total).toEqual({ key: 'total', count: 2, totalFen: 16_000, paidFen: 11_000, unpaidFen: 5_000 });
    expect(s.byCategory.map((r) => [r.key, r.totalFen])).toEqual([
      ['cleaning', 5_000],
      ['in_home_repair', 11_000],
    ]);
    expect(s.byDepartment.map((r) => r.key)).toEqual(['cleaning', 'engineering']);
    expect(fails(() => weeklyFeeSummary(fees, '2026-12-08', TZ))).toBe('TICKET_WEEK_START_INVALID');
  });
});

describe('RO-11 then the follow-up call of CMP-7', () => {
  const done = () => run(run(opened(), { type: 'dispatch' }).next, { type: 'report_done', report: '已排气' }, tech, local('2026-12-07', '23:00'));
  it('planned with CMP-7: 2 hours after, outside rest hours, within 3 days', () => {
    const d = done();
    // 01:00 is rest time (21:00–09:00): the call is planned for 09:00.
    expect(d.next.followUp).toMatchObject({ plannedAt: local('2026-12-08', '09:00'), dueBy: local('2026-12-10', '23:00') });
    expect(d.effects.some((e) => e.type === 'follow_up_task')).toBe(true);
  });
  it('a busy customer books a later time (never in rest hours)', () => {
    const t = done().next;
    expect(fails(() => run(t, { type: 'book_follow_up', at: local('2026-12-08', '22:00') }, agent, local('2026-12-08', '09:00')))).toBe('FOLLOW_UP_IN_REST_HOURS');
    expect(run(t, { type: 'book_follow_up', at: local('2026-12-08', '18:00') }, agent, local('2026-12-08', '09:00')).next.followUp).toMatchObject({ plannedAt: local('2026-12-08', '18:00'), bookedByCustomer: true });
  });
  it('solved and a good score: followed up, then closed by the supervisor', () => {
    const f = run(done().next, { type: 'record_follow_up', answers }).next;
    expect(f.state).toBe('followed_up');
    expect(fails(() => run(f, { type: 'close' }))).toBe('TICKET_ROLE_REQUIRED');
    expect(run(f, { type: 'close' }, sup).next.state).toBe('closed');
  });
  it('not solved (CMP-10): a new work ticket, one level up', () => {
    const now = local('2026-12-08', '10:00');
    const d = run(done().next, { type: 'record_follow_up', answers: { ...answers, solved: false } }, agent, now);
    expect(d.next.state).toBe('dispatched');
    expect(d.next.workTickets).toHaveLength(2);
    expect(ticketTimingAt(d.next, policy, cal, now)).toMatchObject({ workTicket: 2, level: 1, role: 'supervisor', status: 'running' });
    expect(fails(() => run(done().next, { type: 'record_follow_up', answers: { ...answers, score: 11 } }))).toBe('FOLLOW_UP_ANSWERS_INVALID');
  });
});

describe('RO-11 the call centre runs 24 hours in the heating season', () => {
  it('the season spans the new year', () => {
    expect(isHeatingSeason('2026-11-14', policy)).toBe(false);
    expect(isHeatingSeason('2026-11-15', policy)).toBe(true);
    expect(isHeatingSeason('2027-01-20', policy)).toBe(true);
    expect(isHeatingSeason('2027-03-15', policy)).toBe(true);
    expect(isHeatingSeason('2027-03-16', policy)).toBe(false);
    expect(isHeatingSeason('2027-01-20', REPAIR_ORDER_PRESETS['vehicle-service-centre'])).toBe(false);
  });
  it("inside it the rota is the Attendance module's call-centre shifts (overnight included)", () => {
    const on = callCentreCoverage('2026-12-07', policy);
    expect(on).toMatchObject({ roundTheClock: true, attendancePreset: 'call-centre', handoverMinutes: 10 });
    // The three shifts cover the day; the night shift crosses midnight (ATT-1, 003 呼叫中心).
    expect(on.shifts.map((s) => s.segments[0])).toEqual([
      { start: '08:00', end: '20:00' },
      { start: '09:00', end: '21:00' },
      { start: '20:00', end: '08:00' },
    ]);
    expect(callCentreCoverage('2026-07-01', policy)).toEqual({ roundTheClock: false, attendancePreset: null, shifts: [], handoverMinutes: 0 });
  });
});

describe('RO-11 malformed input is a DomainError (a 4xx), never a crash', () => {
  const everyone: TicketActor = { userId: 'all', roles: ['cs_agent', 'supervisor', 'technician', 'cashier'] };
  const garbage: unknown[] = [undefined, null, 42, 'x', '', {}, [], [null], [{}], true, new Date(NaN)];
  it('every command with every kind of garbage', () => {
    const received = opened();
    const dispatchedT = run(received, { type: 'dispatch' }).next;
    const doneT = run(run(opened({ category: 'cleaning' }), { type: 'dispatch' }).next, { type: 'report_done', report: 'ok', fee: [{ description: '保洁', amountFen: 100 }] }, tech).next;
    const paidT = run(opened({ category: 'cleaning' }), { type: 'dispatch' }).next;
    let checked = 0;
    for (const t of [received, dispatchedT, doneT, paidT]) {
      for (const type of ['dispatch', 'report_done', 'record_fee_paid', 'book_follow_up', 'record_follow_up', 'close', 'hand_over']) {
        for (const v of garbage) {
          const cmd = { type, department: v, report: v, fee: v, at: v, answers: v, toUserId: v, reason: v } as unknown as TicketCommand;
          try {
            decideTicket(t, cmd, everyone, ctx());
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
          }
          checked++;
        }
      }
    }
    for (const v of garbage) {
      try {
        openTicket({ id: v, intake: v } as unknown as { id: string; intake: TicketIntake }, everyone, ctx());
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
