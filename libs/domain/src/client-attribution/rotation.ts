import { DomainError } from '../common/errors.js';
import type { ClientAttributionPolicy } from './policy.js';

/**
 * CA-10 reception rotation (轮序/站位) for one day. `order` is the line, front first. A consultant
 * `owes` turns after a pass (a pass costs two: they go to the back and are skipped once more).
 */
export interface RotationState {
  order: string[];
  /** When each consultant took their place in line today (a pass needs 30 minutes stood). */
  standingSince: Record<string, string>;
  /** Turns still owed from passes: skipped that many times when they reach the front. */
  owed: Record<string, number>;
  /** Suspended from receiving until this instant (ISO). */
  suspendedUntil: Record<string, string>;
}

export type VisitKind = 'walk_in' | 'agency' | 'return_owned' | 'deal_in_progress' | 'market_research' | 'absent_owner';

const fail = (code: string, message: string) => {
  throw new DomainError(code, 'conflict', message, { ruleIds: ['CA-10'] });
};

export function startDay(order: string[], at: Date): RotationState {
  if (new Set(order).size !== order.length) fail('ROTATION_DUPLICATE', 'a consultant stands once in the line');
  return { order: [...order], standingSince: Object.fromEntries(order.map((id) => [id, at.toISOString()])), owed: {}, suspendedUntil: {} };
}

const available = (s: RotationState, id: string, busy: ReadonlySet<string>, now: Date) => !busy.has(id) && !(s.suspendedUntil[id] && new Date(s.suspendedUntil[id]) > now);

/**
 * Who receives the next visitor. A walk-in or an agency's customer goes to the first available in line
 * (if the first is busy, the second, and the first keeps the front place). Market research (同行调研)
 * goes to the last available in line. Returns of owned customers, deals in progress and an absent
 * owner's customer are not turns: the caller names who serves them.
 */
export function nextUp(s: RotationState, kind: VisitKind, busy: ReadonlySet<string>, now: Date): string {
  const line = kind === 'market_research' ? [...s.order].reverse() : s.order;
  const found = line.find((id) => available(s, id, busy, now));
  if (!found) fail('NOBODY_AVAILABLE', 'nobody in the line is free to receive');
  return found!;
}

/** Whether a visit counts as a turn (CA-10: returns, deals in progress, market research and absent owners' customers do not). */
export const countsAsTurn = (kind: VisitKind) => kind === 'walk_in' || kind === 'agency';

/** After `id` received a counted visit: to the back of the line; those owing turns at the front are skipped past. */
export function received(s: RotationState, id: string, now: Date): RotationState {
  const order = s.order.filter((x) => x !== id);
  order.push(id);
  const owed = { ...s.owed };
  // Someone at the front who still owes a turn is moved back once (a pass costs two turns).
  while (order.length > 1 && (owed[order[0]] ?? 0) > 0) {
    const front = order.shift()!;
    owed[front] -= 1;
    order.push(front);
  }
  return { ...s, order, owed, standingSince: { ...s.standingSince, [id]: now.toISOString() } };
}

/** A pass (放弃): allowed after 30 minutes stood; it costs two turns. */
export function pass(s: RotationState, id: string, now: Date, policy: ClientAttributionPolicy): RotationState {
  if (!s.order.includes(id)) fail('NOT_IN_LINE', 'not in today\'s line');
  const stood = (now.getTime() - new Date(s.standingSince[id]).getTime()) / 60_000;
  if (stood < policy.passMinStandMinutes) fail('PASS_TOO_EARLY', `a pass needs ${policy.passMinStandMinutes} minutes stood (${Math.floor(stood)} so far)`);
  const after = received(s, id, now);
  return { ...after, owed: { ...after.owed, [id]: (after.owed[id] ?? 0) + policy.passCostsTurns - 1 } };
}

/** Refusing to stand or choosing customers: suspended from receiving for a day (supervisor) or three (manager). */
export function suspend(s: RotationState, id: string, by: 'supervisor' | 'manager', now: Date, policy: ClientAttributionPolicy): RotationState {
  const days = by === 'manager' ? policy.suspensionDaysByManager : policy.suspensionDaysBySupervisor;
  return { ...s, suspendedUntil: { ...s.suspendedUntil, [id]: new Date(now.getTime() + days * 86_400_000).toISOString() } };
}
