import { DomainError } from '../common/errors.js';
import type { Claim } from './ownership.js';
import type { ClientAttributionPolicy } from './policy.js';

/**
 * CA-3 (群带性): a customer of consultant A introduces a new customer. The claim counts for A when the
 * new customer asked for A, or when the introduction was registered before the new customer's first
 * visit (`visitedBefore`: the site had already received them); a chance meeting gives nothing.
 */
export function referralClaim(input: { at: Date; referrerOwnerId: string | null; askedForConsultant: boolean; visitedBefore: boolean }): Extract<Claim, { kind: 'referral' }> {
  if (!input.referrerOwnerId) throw new DomainError('REFERRER_NOT_OWNED', 'conflict', 'the introducing customer has no owner to credit (CA-3)');
  return { kind: 'referral', at: input.at, consultantId: input.referrerOwnerId, askedForConsultant: input.askedForConsultant, registeredBeforeVisit: !input.visitedBefore };
}

/**
 * CA-8 (员工推荐): the customer names a referring employee, who recommends a consultant. Before price
 * negotiation the customer goes to the recommended consultant; after it, the receiving consultant keeps
 * the deal. A customer who only phoned (never visited) is credited only with the referral form, the
 * recommended consultant's call record and follow-up records — all three taken from the records.
 */
export function employeeReferralClaim(input: {
  at: Date;
  recommendedConsultantId: string;
  beforePriceNegotiation: boolean;
  visited: boolean;
  referralForm: boolean;
  hasCallRecord: boolean;
  hasFollowUps: boolean;
}): Extract<Claim, { kind: 'employee_referral' }> {
  return {
    kind: 'employee_referral',
    at: input.at,
    consultantId: input.recommendedConsultantId,
    beforePriceNegotiation: input.beforePriceNegotiation,
    phoneOnly: !input.visited,
    formsComplete: input.referralForm && input.hasCallRecord && input.hasFollowUps,
  };
}

/** CA-11: who keeps what of a disputed sale after a switch: the previous owner's share, per site policy (50 by default). */
export interface SwitchSplit {
  fromConsultantId: string;
  toConsultantId: string;
  fromPercent: number;
  toPercent: number;
}

/** CA-11: the customer asked for another consultant: the new one serves; a disputed sale is split per policy. */
export function switchConsultant(ownerId: string | null, toConsultantId: string, at: Date, policy: Pick<ClientAttributionPolicy, 'switchSplitPercent'>): { claim: Extract<Claim, { kind: 'switch' }>; split: SwitchSplit } {
  if (!ownerId) throw new DomainError('CUSTOMER_NOT_OWNED', 'conflict', 'only an owned customer is switched to another consultant (CA-11)');
  if (ownerId === toConsultantId) throw new DomainError('SAME_CONSULTANT', 'conflict', 'the customer already belongs to this consultant');
  const fromPercent = policy.switchSplitPercent;
  return {
    claim: { kind: 'switch', at, fromConsultantId: ownerId, toConsultantId },
    split: { fromConsultantId: ownerId, toConsultantId, fromPercent, toPercent: 100 - fromPercent },
  };
}

/**
 * CA-8: when a referral named before price negotiation takes the customer from the consultant who was
 * receiving them, that consultant does not lose their turn (还接访置业顾问一个轮排): back to the front of the line.
 */
export function turnReturned<S extends { order: string[] }>(state: S, consultantId: string): S {
  if (!state.order.includes(consultantId)) return state;
  return { ...state, order: [consultantId, ...state.order.filter((id) => id !== consultantId)] };
}
