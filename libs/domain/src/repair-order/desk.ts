import { followUpStatusAt } from '../complaint/follow-up.js';
import type { RepairOrderPolicy } from './policy.js';
import { progressCheckStatusAt, type RepairOrderSnapshot } from './lifecycle.js';

/**
 * What an order waits for, for the advisor's desk (one list read instead of a read per order):
 * RO-7 additional work waiting for the customer's yes or no, RO-9 a discount waiting for approval
 * (GEN-6), RO-8 the progress check due or overdue, RO-10 the follow-up call due or overdue — the timed
 * ones read from stored times now (GEN-8).
 */
export interface RepairOrderPending {
  /** RO-7: additional lines reported by the workshop without the customer's answer. */
  additionalAwaitingCustomer: number;
  /** RO-9: a discount request not yet decided. */
  discountAwaitingApproval: boolean;
  /** RO-8: the progress check is due or overdue now. */
  progressCheckDue: boolean;
  /** RO-10: the follow-up call is due or overdue now (and not made). */
  followUpDue: boolean;
}

/**
 * RO-7/RO-9: the order waits for somebody's answer — the customer's yes or no to additional work, or a
 * discount's approval. Fixed until the next command on the order (no clock in it), so the API stores it
 * with the order and the desk lists these orders by it.
 */
export function awaitingAnswer(o: Pick<RepairOrderSnapshot, 'additional' | 'discount'>): boolean {
  return o.additional.some((a) => !a.consent) || (!!o.discount && !o.discount.decision);
}

export function repairOrderPending(
  o: Pick<RepairOrderSnapshot, 'additional' | 'discount' | 'dispatch' | 'promisedAt' | 'progressChecks' | 'state' | 'followUp' | 'followUpResult'>,
  policy: Pick<RepairOrderPolicy, 'progressCheck'>,
  now: Date,
): RepairOrderPending {
  const progress = progressCheckStatusAt(o, policy, now);
  const followUp = o.followUp ? followUpStatusAt(o.followUp, o.followUpResult?.at ?? null, now) : null;
  return {
    additionalAwaitingCustomer: o.additional.filter((a) => !a.consent).length,
    discountAwaitingApproval: !!o.discount && !o.discount.decision,
    progressCheckDue: progress === 'due' || progress === 'overdue',
    followUpDue: followUp === 'due' || followUp === 'overdue',
  };
}
