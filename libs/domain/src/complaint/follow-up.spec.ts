import { DomainError } from '../common/errors.js';
import { bookFollowUp, evaluateFollowUp, followUpStatusAt, isRestTime, nextCallableAt, planFollowUp, type FollowUpAnswers } from './follow-up.js';
import { DEFAULT_COMPLAINT_POLICY as policy } from './policy.js';

const TZ = 'Asia/Shanghai'; // UTC+8
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};
/** Local Shanghai wall-clock time → instant. */
const local = (date: string, time: string) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 8 * 3_600_000);

describe('CMP-7 never call in the customer rest hours', () => {
  it('rest hours are 21:00–09:00 and 12:00–14:00 by default, half-open', () => {
    const rest = policy.followUp.restHours;
    expect(isRestTime(local('2026-03-02', '20:59'), rest, TZ)).toBe(false);
    expect(isRestTime(local('2026-03-02', '21:00'), rest, TZ)).toBe(true);
    expect(isRestTime(local('2026-03-03', '08:59'), rest, TZ)).toBe(true);
    expect(isRestTime(local('2026-03-03', '09:00'), rest, TZ)).toBe(false);
    expect(isRestTime(local('2026-03-03', '12:00'), rest, TZ)).toBe(true);
    expect(isRestTime(local('2026-03-03', '14:00'), rest, TZ)).toBe(false);
  });
  it('moves a time in rest hours to the end of the rest, across midnight', () => {
    const rest = policy.followUp.restHours;
    expect(nextCallableAt(local('2026-03-02', '22:00'), rest, TZ)).toEqual(local('2026-03-03', '09:00'));
    expect(nextCallableAt(local('2026-03-03', '08:00'), rest, TZ)).toEqual(local('2026-03-03', '09:00'));
    expect(nextCallableAt(local('2026-03-03', '12:30'), rest, TZ)).toEqual(local('2026-03-03', '14:00'));
    expect(nextCallableAt(local('2026-03-03', '10:00'), rest, TZ)).toEqual(local('2026-03-03', '10:00'));
    // Back-to-back windows: 12:00–14:00 then 14:00–15:00.
    expect(nextCallableAt(local('2026-03-03', '12:30'), [...rest, { start: '14:00', end: '15:00' }], TZ)).toEqual(local('2026-03-03', '15:00'));
  });
});

describe('CMP-7 the call is planned within 3 days of the resolution', () => {
  it('a day after the resolution, due 72 hours after it, for the supervisor', () => {
    expect(planFollowUp(local('2026-03-02', '10:00'), policy, TZ)).toEqual({
      plannedAt: local('2026-03-03', '10:00'),
      dueBy: local('2026-03-05', '10:00'),
      assigneeRole: 'supervisor',
      bookedByCustomer: false,
      outsideWindow: false,
    });
  });
  it('moves out of the lunch rest and out of the night', () => {
    expect(planFollowUp(local('2026-03-02', '12:30'), policy, TZ).plannedAt).toEqual(local('2026-03-03', '14:00'));
    expect(planFollowUp(local('2026-03-02', '22:00'), policy, TZ).plannedAt).toEqual(local('2026-03-04', '09:00'));
    expect(planFollowUp(local('2026-03-02', '08:00'), policy, TZ).plannedAt).toEqual(local('2026-03-03', '09:00'));
  });
  it('respects a customer’s own rest hours (works nights)', () => {
    expect(planFollowUp(local('2026-03-02', '10:00'), policy, TZ, [{ start: '08:00', end: '16:00' }]).plannedAt).toEqual(local('2026-03-03', '16:00'));
  });
  it('refuses a window with no callable time instead of planning in rest hours', () => {
    const tight = { ...policy, followUp: { ...policy.followUp, windowHours: 1, earliestAfterHours: 0 } };
    expect(code(() => planFollowUp(local('2026-03-02', '21:30'), tight, TZ))).toBe('FOLLOW_UP_NO_CALLABLE_TIME');
    expect(planFollowUp(local('2026-03-02', '10:00'), tight, TZ).plannedAt).toEqual(local('2026-03-02', '10:00'));
  });
});

describe('CMP-7 a busy customer books a later call (预约回访时间)', () => {
  const task = planFollowUp(local('2026-03-02', '10:00'), policy, TZ);
  const now = local('2026-03-03', '10:05');
  it('inside the window: the booked time, the same due time', () => {
    expect(bookFollowUp(task, local('2026-03-04', '15:00'), now, policy, TZ)).toEqual({ ...task, plannedAt: local('2026-03-04', '15:00'), bookedByCustomer: true });
  });
  it('beyond the window at the customer’s wish: kept, marked, due by the end of that day', () => {
    expect(bookFollowUp(task, local('2026-03-06', '10:00'), now, policy, TZ)).toEqual({
      ...task,
      plannedAt: local('2026-03-06', '10:00'),
      bookedByCustomer: true,
      outsideWindow: true,
      dueBy: local('2026-03-07', '00:00'),
    });
  });
  it('never in rest hours, never in the past', () => {
    expect(code(() => bookFollowUp(task, local('2026-03-04', '21:30'), now, policy, TZ))).toBe('FOLLOW_UP_IN_REST_HOURS');
    expect(code(() => bookFollowUp(task, local('2026-03-04', '12:15'), now, policy, TZ))).toBe('FOLLOW_UP_IN_REST_HOURS');
    expect(code(() => bookFollowUp(task, now, now, policy, TZ))).toBe('FOLLOW_UP_IN_PAST');
    expect(code(() => bookFollowUp(task, new Date('nope'), now, policy, TZ))).toBe('FOLLOW_UP_TIME_INVALID');
  });
  it('the status is read from the stored times (GEN-8)', () => {
    expect(followUpStatusAt(task, null, local('2026-03-03', '09:59'))).toBe('planned');
    expect(followUpStatusAt(task, null, local('2026-03-03', '10:00'))).toBe('due');
    expect(followUpStatusAt(task, null, new Date(task.dueBy.getTime() - 1))).toBe('due');
    expect(followUpStatusAt(task, null, task.dueBy)).toBe('overdue');
    expect(followUpStatusAt(task, local('2026-03-04', '10:00'), local('2026-03-06', '10:00'))).toBe('done');
  });
});

describe('CMP-10 a low score or "not solved" reopens the complaint', () => {
  const a: FollowUpAnswers = { solved: true, attitude: 'satisfied', charged: false, score: 7, suggestions: '' };
  it('6 or less is low by default; 7 is not', () => {
    expect(evaluateFollowUp({ ...a, score: 6 }, policy)).toEqual({ reopen: true, reasons: ['low_score'], ruleIds: ['CMP-7', 'CMP-10'] });
    expect(evaluateFollowUp({ ...a, score: 1 }, policy).reopen).toBe(true);
    expect(evaluateFollowUp(a, policy)).toEqual({ reopen: false, reasons: [], ruleIds: ['CMP-7'] });
  });
  it('"not solved" reopens whatever the score; both reasons are kept', () => {
    expect(evaluateFollowUp({ ...a, solved: false, score: 10 }, policy).reasons).toEqual(['not_solved']);
    expect(evaluateFollowUp({ ...a, solved: false, score: 3 }, policy).reasons).toEqual(['not_solved', 'low_score']);
  });
  it('the threshold is the site’s', () => {
    const strict = { ...policy, followUp: { ...policy.followUp, lowScoreAtMost: 8 } };
    expect(evaluateFollowUp({ ...a, score: 8 }, strict).reopen).toBe(true);
    const lenient = { ...policy, followUp: { ...policy.followUp, lowScoreAtMost: 4 } };
    expect(evaluateFollowUp({ ...a, score: 5 }, lenient).reopen).toBe(false);
  });
  it('the script’s answers are checked: score 1–10, attitude, yes/no answers', () => {
    for (const bad of [{ score: 0 }, { score: 11 }, { score: 6.5 }, { attitude: 'angry' }, { solved: 'yes' }, { charged: null }, { suggestions: 'x'.repeat(2001) }]) {
      expect(code(() => evaluateFollowUp({ ...a, ...bad } as unknown as FollowUpAnswers, policy))).toBe('FOLLOW_UP_ANSWERS_INVALID');
    }
  });
});
