import { minutesOf } from '../attendance/policy.js';
import { addDays } from '../attendance/rota.js';
import { DomainError } from '../common/errors.js';
import type { Role } from '../common/roles.js';
import { wallClock, zonedTime } from '../common/time.js';
import type { ComplaintPolicy, DayWindow } from './policy.js';

const HOUR = 3_600_000;

/** CMP-7: the follow-up call (回访) owed after a resolution. */
export interface FollowUpTask {
  /** When the call is planned (never in the customer's rest hours). */
  plannedAt: Date;
  /** The call is overdue from this instant (resolution + window; a customer's later booking moves it). */
  dueBy: Date;
  /** 004: the supervisor calls back complaining customers. */
  assigneeRole: Role;
  /** The customer asked for this time (预约回访时间). */
  bookedByCustomer: boolean;
  /** The booked time lies beyond the policy window, at the customer's request. */
  outsideWindow: boolean;
}

/** Is the wall-clock minute `m` inside the window (which may wrap midnight)? */
const inWindow = (m: number, w: DayWindow) => {
  const [s, e] = [minutesOf(w.start), minutesOf(w.end)];
  return s < e ? m >= s && m < e : m >= s || m < e;
};

/** CMP-7: is `t` in the customer's rest hours (site zone)? */
export function isRestTime(t: Date, restHours: readonly DayWindow[], timeZone: string): boolean {
  const w = wallClock(t, timeZone);
  const m = w.hour * 60 + w.minute;
  return restHours.some((r) => inWindow(m, r));
}

/** CMP-7: the first instant at or after `t` outside the rest hours. */
export function nextCallableAt(t: Date, restHours: readonly DayWindow[], timeZone: string): Date {
  let at = t;
  for (let i = 0; i < 2 * restHours.length + 2; i++) {
    const w = wallClock(at, timeZone);
    const m = w.hour * 60 + w.minute;
    const r = restHours.find((x) => inWindow(m, x));
    if (!r) return at;
    // The window ends today, or tomorrow when it wraps midnight and we are before midnight.
    const wraps = minutesOf(r.start) >= minutesOf(r.end);
    const endDate = wraps && m >= minutesOf(r.start) ? addDays(w.date, 1) : w.date;
    at = zonedTime(endDate, r.end, timeZone);
  }
  throw new DomainError('FOLLOW_UP_NO_CALLABLE_TIME', 'unprocessable', 'the rest hours leave no time to call (CMP-7)', { ruleIds: ['CMP-7'] });
}

/**
 * CMP-7: the follow-up call planned at resolution: at the first callable instant after the policy's
 * earliest delay, due by the end of the window (三天之内), assigned to the caller role (the supervisor).
 * A customer may have their own rest hours (works nights); the policy's apply otherwise.
 */
export function planFollowUp(resolvedAt: Date, policy: ComplaintPolicy, timeZone: string, customerRestHours?: readonly DayWindow[]): FollowUpTask {
  const f = policy.followUp;
  const rest = customerRestHours ?? f.restHours;
  const dueBy = new Date(resolvedAt.getTime() + f.windowHours * HOUR);
  const plannedAt = nextCallableAt(new Date(resolvedAt.getTime() + f.earliestAfterHours * HOUR), rest, timeZone);
  if (plannedAt >= dueBy) {
    throw new DomainError('FOLLOW_UP_NO_CALLABLE_TIME', 'unprocessable', 'no callable time inside the follow-up window (CMP-7)', { ruleIds: ['CMP-7'] });
  }
  return { plannedAt, dueBy, assigneeRole: f.callerRole, bookedByCustomer: false, outsideWindow: false };
}

/**
 * CMP-7: a busy customer books a later call (预约回访时间). The time is in the future and not in the
 * customer's rest hours. A time beyond the window is the customer's wish: kept, marked, and the call is
 * then due by the end of that local day.
 */
export function bookFollowUp(task: FollowUpTask, at: Date, now: Date, policy: ComplaintPolicy, timeZone: string, customerRestHours?: readonly DayWindow[]): FollowUpTask {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new DomainError('FOLLOW_UP_TIME_INVALID', 'invalid', 'a call time is needed', { ruleIds: ['CMP-7'] });
  if (at <= now) throw new DomainError('FOLLOW_UP_IN_PAST', 'unprocessable', 'a booked call lies in the future (CMP-7)', { ruleIds: ['CMP-7'] });
  if (isRestTime(at, customerRestHours ?? policy.followUp.restHours, timeZone)) {
    throw new DomainError('FOLLOW_UP_IN_REST_HOURS', 'unprocessable', 'never call a customer in their rest hours (CMP-7)', { ruleIds: ['CMP-7'] });
  }
  const windowEnd = task.outsideWindow ? null : task.dueBy;
  const outside = task.outsideWindow || (windowEnd !== null && at >= windowEnd);
  const endOfDay = zonedTime(addDays(wallClock(at, timeZone).date, 1), '00:00', timeZone);
  return { ...task, plannedAt: at, bookedByCustomer: true, outsideWindow: outside, dueBy: outside ? endOfDay : task.dueBy };
}

export type FollowUpStatus = 'planned' | 'due' | 'overdue' | 'done';

/** GEN-8: the task's status read at `now` from its stored times. */
export function followUpStatusAt(task: FollowUpTask, doneAt: Date | null, now: Date): FollowUpStatus {
  if (doneAt && doneAt <= now) return 'done';
  if (now >= task.dueBy) return 'overdue';
  return now >= task.plannedAt ? 'due' : 'planned';
}

/** CMP-7: the script's answers (003 呼叫中心 回访, 004 回访记录表). */
export const FOLLOW_UP_ATTITUDES = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type FollowUpAttitude = (typeof FOLLOW_UP_ATTITUDES)[number];

export interface FollowUpAnswers {
  solved: boolean;
  attitude: FollowUpAttitude;
  charged: boolean;
  /** 1–10 */
  score: number;
  suggestions: string;
}

export function validateFollowUpAnswers(a: FollowUpAnswers): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (typeof a?.solved !== 'boolean') errors.push({ field: 'solved', message: 'true or false' });
  if (!(FOLLOW_UP_ATTITUDES as readonly string[]).includes(a?.attitude)) errors.push({ field: 'attitude', message: FOLLOW_UP_ATTITUDES.join(', ') });
  if (typeof a?.charged !== 'boolean') errors.push({ field: 'charged', message: 'true or false' });
  if (!Number.isInteger(a?.score) || a.score < 1 || a.score > 10) errors.push({ field: 'score', message: 'a whole number from 1 to 10' });
  if (typeof a?.suggestions !== 'string' || a.suggestions.length > 2000) errors.push({ field: 'suggestions', message: 'up to 2000 characters' });
  return errors;
}

export interface FollowUpVerdict {
  /** CMP-10: reopen the complaint and escalate it one level. */
  reopen: boolean;
  reasons: ('low_score' | 'not_solved')[];
  ruleIds: string[];
}

/** CMP-10: a score at or below the policy's threshold (6), or "not solved", reopens the complaint. */
export function evaluateFollowUp(a: FollowUpAnswers, policy: ComplaintPolicy): FollowUpVerdict {
  const errors = validateFollowUpAnswers(a);
  if (errors.length) throw new DomainError('FOLLOW_UP_ANSWERS_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['CMP-7'] });
  const reasons: FollowUpVerdict['reasons'] = [];
  if (!a.solved) reasons.push('not_solved');
  if (a.score <= policy.followUp.lowScoreAtMost) reasons.push('low_score');
  return { reopen: reasons.length > 0, reasons, ruleIds: reasons.length ? ['CMP-7', 'CMP-10'] : ['CMP-7'] };
}
