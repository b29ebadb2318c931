import { DomainError } from '../common/errors.js';
import type { Fen } from '../common/money.js';
import type { Role } from '../common/roles.js';
import type { ReservationPolicy } from './policy.js';

/**
 * RES-1: a unit is `available`, `held` (销控), `subscribed` (小订/认购), `deposited` (大定) or
 * `contracted` (签约). The unit's status is the status of its one active order (RES-3), or
 * `available` when it has none.
 */
export type UnitStatus = 'available' | 'held' | 'subscribed' | 'deposited' | 'contracted';

/** An order's life: active while held … contracted; it ends released, lapsed, cancelled or void, and stays (GEN-3). */
export type OrderStatus = 'held' | 'subscribed' | 'deposited' | 'contracted' | 'released' | 'lapsed' | 'cancelled' | 'void';

export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = ['held', 'subscribed', 'deposited', 'contracted'];
export const ORDER_STATUSES: readonly OrderStatus[] = [...ACTIVE_ORDER_STATUSES, 'released', 'lapsed', 'cancelled', 'void'];
export const UNIT_STATUSES: readonly UnitStatus[] = ['available', 'held', 'subscribed', 'deposited', 'contracted'];

export type Transition = 'hold' | 'subscribe' | 'deposit' | 'contract' | 'release' | 'void' | 'cancel' | 'record_payment' | 'signing_notice' | 'request_discount' | 'request_wording' | 'set_clauses';

/**
 * Who performs each transition. RES-2: only a manager holds (and releases) a unit; RES-4: only the
 * cashier records money; RES-5: the consultant (or the manager) files requests, approvers decide them.
 */
export const TRANSITION_ROLES: Record<Transition, readonly Role[]> = {
  hold: ['manager'],
  release: ['manager'],
  void: ['manager'],
  subscribe: ['consultant', 'manager'],
  deposit: ['consultant', 'manager'],
  contract: ['consultant', 'manager'],
  signing_notice: ['consultant', 'manager'],
  record_payment: ['cashier'],
  cancel: ['consultant', 'manager'],
  request_discount: ['consultant', 'manager'],
  request_wording: ['consultant', 'manager'],
  /** RES-6 (003): clauses are added to or removed from an order only by the site manager. */
  set_clauses: ['manager'],
};

/** What the rules need to know of an order. Money in fen (GEN-5). */
export interface OrderFacts {
  status: OrderStatus;
  listPriceFen: Fen;
  /** The agreed price, set at subscription. */
  priceFen: Fen | null;
  /** RES-6: the lowest price the company approved for this order, if any. */
  approvedPriceFen: Fen | null;
  subscriptionFen: Fen | null;
  subscribedAt: Date | null;
  /** RES-4: stored when the order is signed, from the policy then in force. */
  paymentDueAt: Date | null;
  subscriptionPaidAt: Date | null;
  depositFen: Fen | null;
  depositPaidAt: Date | null;
  /** RES-5: the customer was told the signing time, place and documents. */
  signingNoticeAt: Date | null;
  /** RES-5: approved deviation from the sample contract. */
  wordingApprovedAt: Date | null;
  refundFen: Fen | null;
  refundPaidAt: Date | null;
}

const refuse = (code: string, message: string, kind: 'conflict' | 'unprocessable' | 'invalid' = 'conflict', details?: Record<string, unknown>) => new DomainError(code, kind, message, details);

/** RES-4: the deadline of the order's money, from the signing instant and the policy. */
export function paymentDueAt(subscribedAt: Date, policy: Pick<ReservationPolicy, 'paymentMinutes'>): Date {
  return new Date(subscribedAt.getTime() + policy.paymentMinutes * 60_000);
}

/**
 * RES-4 / GEN-8: whether the order has lapsed at instant `t` — signed, unpaid, and `t` after the
 * deadline. The deadline instant itself is still in time. Pure: a job that runs late asks with the
 * instant it runs at and gets the same answer a read got at the deadline.
 */
export function isLapsedAt(o: Pick<OrderFacts, 'status' | 'paymentDueAt' | 'subscriptionPaidAt'>, t: Date): boolean {
  if (o.status === 'lapsed') return true;
  if (o.status !== 'subscribed' || !o.paymentDueAt) return false;
  if (o.subscriptionPaidAt && o.subscriptionPaidAt.getTime() <= o.paymentDueAt.getTime()) return false;
  return t.getTime() > o.paymentDueAt.getTime();
}

/** The order's status as read at `t` (GEN-8): a signed, unpaid order past its deadline reads `lapsed`. */
export function orderStatusAt(o: OrderFacts, t: Date): OrderStatus {
  return isLapsedAt(o, t) ? 'lapsed' : o.status;
}

/** RES-1: the unit's status at `t` given its active order (or none). */
export function unitStatusAt(active: OrderFacts | null, t: Date): UnitStatus {
  if (!active) return 'available';
  const s = orderStatusAt(active, t);
  return (ACTIVE_ORDER_STATUSES as readonly string[]).includes(s) ? (s as UnitStatus) : 'available';
}

/** Whether an order still blocks its unit at `t` (RES-3). */
export const isActiveAt = (o: OrderFacts, t: Date) => (ACTIVE_ORDER_STATUSES as readonly string[]).includes(orderStatusAt(o, t));

/** RES-2/RES-3: a hold needs the unit available at `t` (an order lapsed at `t` no longer blocks it). */
export function decideHold(active: OrderFacts | null, t: Date): { lapseFirst: boolean } {
  if (active && isActiveAt(active, t)) throw refuse('UNIT_NOT_AVAILABLE', `the unit is ${unitStatusAt(active, t)}: at most one active hold or subscription per unit (RES-3)`);
  return { lapseFirst: !!active && active.status === 'subscribed' };
}

function expectStatus(o: OrderFacts, t: Date, allowed: OrderStatus[], action: string) {
  const s = orderStatusAt(o, t);
  if (s === 'lapsed' && o.status !== 'lapsed') throw refuse('ORDER_LAPSED', `the order lapsed: its money did not reach the cashier by ${o.paymentDueAt!.toISOString()} (RES-4)`);
  if (!allowed.includes(s)) throw refuse('ORDER_STATE_CONFLICT', `an order that is ${s} cannot be ${action}`, 'conflict', { orderStatus: s });
}

export interface SubscribeInput {
  priceFen: Fen;
  subscriptionFen: Fen;
}

/**
 * 小订/认购 (RES-1, RES-4, RES-6): on a held order; the price is the list price unless the company
 * approved a lower one (RES-6); the subscription money is then due at the cashier within the policy's
 * minutes (RES-4).
 */
export function decideSubscribe(o: OrderFacts, input: SubscribeInput, t: Date, policy: Pick<ReservationPolicy, 'paymentMinutes'>): { paymentDueAt: Date } {
  expectStatus(o, t, ['held'], 'subscribed');
  if (input.priceFen <= 0 || input.subscriptionFen <= 0) throw refuse('AMOUNT_INVALID', 'amounts are positive whole fen', 'invalid');
  if (input.subscriptionFen > input.priceFen) throw refuse('AMOUNT_INVALID', 'the subscription cannot exceed the price', 'unprocessable');
  if (input.priceFen < o.listPriceFen && (o.approvedPriceFen === null || input.priceFen < o.approvedPriceFen)) {
    throw refuse('DISCOUNT_NOT_APPROVED', 'a price below the list price needs a special discount approved at company level (RES-6)', 'unprocessable', { listPriceFen: o.listPriceFen, approvedPriceFen: o.approvedPriceFen });
  }
  return { paymentDueAt: paymentDueAt(t, policy) };
}

export type PaymentKind = 'subscription' | 'deposit' | 'refund';
export const PAYMENT_KINDS: readonly PaymentKind[] = ['subscription', 'deposit', 'refund'];

/**
 * RES-4: the cashier records money against the order. The subscription money counts only up to its
 * deadline inclusive — money arriving after it, even before the lapse job ran, finds the order lapsed.
 * Each amount is the one the order states.
 */
export function decidePayment(o: OrderFacts, kind: PaymentKind, amountFen: Fen, t: Date): void {
  if (amountFen <= 0) throw refuse('AMOUNT_INVALID', 'amounts are positive whole fen', 'invalid');
  if (kind === 'subscription') {
    expectStatus(o, t, ['subscribed'], 'paid');
    if (o.subscriptionPaidAt) throw refuse('ALREADY_PAID', 'the subscription money is already recorded');
    if (amountFen !== o.subscriptionFen) throw refuse('PAYMENT_AMOUNT_MISMATCH', `the order states ${o.subscriptionFen} fen`, 'unprocessable', { expectedFen: o.subscriptionFen });
  } else if (kind === 'deposit') {
    expectStatus(o, t, ['deposited'], 'paid');
    if (o.depositPaidAt) throw refuse('ALREADY_PAID', 'the deposit is already recorded');
    if (amountFen !== o.depositFen) throw refuse('PAYMENT_AMOUNT_MISMATCH', `the order states ${o.depositFen} fen`, 'unprocessable', { expectedFen: o.depositFen });
  } else {
    expectStatus(o, t, ['cancelled'], 'refunded');
    if (o.refundPaidAt) throw refuse('ALREADY_PAID', 'the refund is already recorded');
    if (amountFen !== o.refundFen) throw refuse('PAYMENT_AMOUNT_MISMATCH', `the approved refund is ${o.refundFen} fen`, 'unprocessable', { expectedFen: o.refundFen });
  }
}

/** 大定 (RES-1): after the subscription money reached the cashier. */
export function decideDeposit(o: OrderFacts, depositFen: Fen, t: Date): void {
  expectStatus(o, t, ['subscribed'], 'deposited');
  if (!o.subscriptionPaidAt) throw refuse('PAYMENT_MISSING', 'the subscription money has not reached the cashier (RES-4)', 'unprocessable');
  if (depositFen <= 0) throw refuse('AMOUNT_INVALID', 'amounts are positive whole fen', 'invalid');
  if (o.priceFen !== null && depositFen + (o.subscriptionFen ?? 0) > o.priceFen) throw refuse('AMOUNT_INVALID', 'subscription and deposit exceed the price', 'unprocessable');
}

/**
 * 签约 (RES-1, RES-5): after the deposit reached the cashier and the customer was told the signing
 * time, place and documents; wording that differs from the sample needs its approval first.
 */
export function decideContract(o: OrderFacts, wordingDiffers: boolean, t: Date): void {
  expectStatus(o, t, ['deposited'], 'contracted');
  if (!o.depositPaidAt) throw refuse('PAYMENT_MISSING', 'the deposit has not reached the cashier (RES-4)', 'unprocessable');
  if (!o.signingNoticeAt) throw refuse('SIGNING_NOTICE_MISSING', 'the customer must be told the signing time, place and documents beforehand, and the notice recorded (RES-5)', 'unprocessable');
  if (wordingDiffers && !o.wordingApprovedAt) throw refuse('WORDING_NOT_APPROVED', 'wording that differs from the sample contract needs the approval of the site manager or the developer (RES-5)', 'unprocessable');
}

/** RES-5: the signing notice is recorded on a subscribed or deposited order, before the contract. */
export function decideSigningNotice(o: OrderFacts, signingAt: Date, t: Date): void {
  expectStatus(o, t, ['subscribed', 'deposited'], 'given a signing notice');
  if (signingAt.getTime() <= t.getTime()) throw refuse('SIGNING_NOTICE_LATE', 'the customer is told the signing time beforehand (RES-5)', 'unprocessable');
}

/** Money recorded on the order, in and out. */
const hasMoney = (o: OrderFacts) => !!o.subscriptionPaidAt || !!o.depositPaidAt;

/**
 * RES-2 release (the customer gave up before paying) and voiding (an agreement made in error; 作废,
 * kept, never torn up): a hold, or a signed order whose money never came. Once money was recorded,
 * only a cancellation with its approvals (RES-5) ends the order.
 */
export function decideRelease(o: OrderFacts, t: Date, action: 'released' | 'voided' = 'released'): void {
  const s = orderStatusAt(o, t);
  if (!['held', 'subscribed'].includes(s)) throw refuse('ORDER_STATE_CONFLICT', `an order that is ${s} cannot be ${action}`, 'conflict', { orderStatus: s });
  if (hasMoney(o)) throw refuse('CANCELLATION_REQUIRED', 'money was recorded on this order: a cancellation or refund needs the approvals of RES-5', 'conflict');
}

/** RES-5: a cancellation or refund request, on an order with money or a contract; the refund cannot exceed what was paid. */
export function decideCancellationRequest(o: OrderFacts, refundFen: Fen, t: Date): void {
  expectStatus(o, t, ['subscribed', 'deposited', 'contracted'], 'cancelled');
  if (refundFen < 0) throw refuse('AMOUNT_INVALID', 'amounts are whole fen, not negative', 'invalid');
  const paid = (o.subscriptionPaidAt ? (o.subscriptionFen ?? 0) : 0) + (o.depositPaidAt ? (o.depositFen ?? 0) : 0);
  if (refundFen > paid) throw refuse('REFUND_EXCEEDS_PAID', `at most ${paid} fen was paid`, 'unprocessable', { paidFen: paid });
}

/** RES-6: a special discount is asked on a held order, for a price below the list price. */
export function decideDiscountRequest(o: OrderFacts, priceFen: Fen, t: Date): void {
  expectStatus(o, t, ['held'], 'discounted');
  if (priceFen <= 0 || priceFen >= o.listPriceFen) throw refuse('AMOUNT_INVALID', 'a special discount is a price below the list price', 'unprocessable', { listPriceFen: o.listPriceFen });
}

/** RES-5: wording that differs from the sample is asked before the contract. */
/** RES-6: at most this many clauses on an order, each at most 500 characters. */
export const MAX_ORDER_CLAUSES = 20;

/**
 * RES-6 (003: 不得擅自增减订单条款): the site manager sets an open order's clauses (the role is checked
 * by TRANSITION_ROLES.set_clauses); answers what was added and removed, for the record. A contracted
 * order's terms are its contract's (a change there is RES-5's wording approval).
 */
export function decideClauses(o: OrderFacts, current: readonly string[], next: readonly string[], t: Date): { clauses: string[]; added: string[]; removed: string[] } {
  expectStatus(o, t, ['held', 'subscribed', 'deposited'], 'given other clauses');
  const clauses = next.map((c) => c.trim());
  if (clauses.length > MAX_ORDER_CLAUSES || clauses.some((c) => !c || c.length > 500)) {
    throw refuse('CLAUSES_INVALID', `at most ${MAX_ORDER_CLAUSES} clauses of 1 to 500 characters`, 'invalid');
  }
  if (new Set(clauses).size !== clauses.length) throw refuse('CLAUSES_INVALID', 'a clause is listed twice', 'invalid');
  const added = clauses.filter((c) => !current.includes(c));
  const removed = current.filter((c) => !clauses.includes(c));
  if (!added.length && !removed.length) throw refuse('CLAUSES_UNCHANGED', 'the clauses are already these', 'conflict');
  return { clauses, added, removed };
}

export function decideWordingRequest(o: OrderFacts, t: Date): void {
  expectStatus(o, t, ['subscribed', 'deposited'], 'given different contract wording');
  if (o.wordingApprovedAt) throw refuse('ALREADY_APPROVED', 'the wording is already approved');
}

/**
 * RES-5: the approval chain of a cancellation. Given the step just approved (0-based), the role
 * of the next step, or null when the chain is complete.
 */
export function nextApprovalStep(chain: readonly Role[], approvedStep: number): { step: number; role: Role } | null {
  const step = approvedStep + 1;
  return step < chain.length ? { step, role: chain[step] } : null;
}
