import { DomainError } from '../common/errors.js';
import type { ClientAttributionPolicy } from './policy.js';

/** The rule ids a decision may cite (SPEC section 2). */
export const CA_RULE_IDS = Array.from({ length: 19 }, (_, i) => `CA-${i + 1}`);

/** CA-12: a consultant's claim on a customer, against the owner at the time it was raised (if any). */
export interface DisputeParties {
  claimantId: string;
  respondentId: string | null;
}

export interface ReasonedDecision {
  reasons: string;
  ruleIds: string[];
}

/** CA-12: a decision records its reasons and the rule ids; both are required, the ids must be SPEC section 2's. */
function checkReasons(d: ReasonedDecision) {
  if (!d.reasons.trim()) throw new DomainError('REASONS_REQUIRED', 'invalid', 'a decision records its reasons (CA-12)');
  const unknown = d.ruleIds.filter((r) => !CA_RULE_IDS.includes(r));
  if (!d.ruleIds.length || unknown.length) throw new DomainError('RULE_IDS_INVALID', 'invalid', `cite the rules of SPEC section 2 (CA-1..CA-19)${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
}

/**
 * CA-12: may this consultant raise a dispute over a customer now owned by `ownerId`? The owner has
 * nothing to claim; a customer nobody owns is not disputed but claimed (a registered contact, or a
 * re-registration from the open pool, CA-5).
 */
export function checkNewDispute(claimantId: string, ownerId: string | null): DisputeParties & { respondentId: string } {
  if (ownerId === claimantId) throw new DomainError('ALREADY_OWNER', 'conflict', 'you already own this customer: there is nothing to dispute');
  if (!ownerId) throw new DomainError('CUSTOMER_NOT_OWNED', 'conflict', 'nobody owns this customer: register your contact or re-register them from the open pool (CA-5)');
  return { claimantId, respondentId: ownerId };
}

/**
 * CA-12 with GEN-6: the manager decides a dispute from the records, with reasons and the rule ids; the
 * customer goes to one of the parties. A party never decides their own dispute.
 */
export function decideDispute(parties: DisputeParties, deciderId: string, decision: ReasonedDecision & { winnerId: string }): { winnerId: string; loserId: string | null; ruleIds: string[] } {
  if (deciderId === parties.claimantId || deciderId === parties.respondentId) throw new DomainError('OWN_DISPUTE', 'forbidden', 'a party never decides their own dispute (GEN-6)');
  checkReasons(decision);
  if (decision.winnerId !== parties.claimantId && decision.winnerId !== parties.respondentId) {
    throw new DomainError('WINNER_NOT_A_PARTY', 'invalid', 'the customer goes to the claimant or the respondent');
  }
  const loserId = decision.winnerId === parties.claimantId ? parties.respondentId : parties.claimantId;
  return { winnerId: decision.winnerId, loserId, ruleIds: [...new Set([...decision.ruleIds, 'CA-12'])].sort() };
}

/** CA-17: the last instant to appeal a decision taken at `decidedAt`. */
export const appealDeadline = (decidedAt: Date, policy: Pick<ClientAttributionPolicy, 'appealDays'>) => new Date(decidedAt.getTime() + policy.appealDays * 86_400_000);

export type AppealSubject =
  /** A consultant appeals the manager's decision of a dispute (CA-12): only the losing party. */
  | { kind: 'dispute'; decidedAt: Date; loserId: string | null; deciderId: string }
  /** An agency appeals how its report was judged (natural, duplicate, expired: CA-6/CA-7). */
  | { kind: 'report'; judgedAt: Date; status: string };

/**
 * CA-17 appeals (申诉): within the policy's days of the decision (3 by default), the losing party may
 * appeal once, with a statement. `alreadyAppealed`: a second appeal is refused (the appeal's decision
 * is final). An agency appeals a report that was not counted (natural, duplicate or expired).
 */
export function checkAppeal(subject: AppealSubject, appellant: { userId: string }, alreadyAppealed: boolean, now: Date, policy: Pick<ClientAttributionPolicy, 'appealDays'>): { deadline: Date } {
  if (alreadyAppealed) throw new DomainError('ALREADY_APPEALED', 'conflict', 'a decision may be appealed once (CA-12, CA-17)');
  if (subject.kind === 'dispute') {
    if (subject.loserId !== appellant.userId) throw new DomainError('NOT_THE_LOSING_PARTY', 'forbidden', 'only the losing party may appeal (CA-17)');
  } else if (!['natural', 'duplicate', 'expired'].includes(subject.status)) {
    throw new DomainError('NOTHING_TO_APPEAL', 'conflict', `a ${subject.status} report has nothing to appeal`);
  }
  const deadline = appealDeadline(subject.kind === 'dispute' ? subject.decidedAt : subject.judgedAt, policy);
  if (now > deadline) throw new DomainError('APPEAL_WINDOW_CLOSED', 'conflict', `appeals are taken within ${policy.appealDays} days of the decision (CA-17)`);
  return { deadline };
}

/**
 * CA-17: an appeal goes to the level above the decider. A dispute decided by the manager is appealed to
 * the director (or an organization admin), never to the one who decided it (GEN-6); a report judged at
 * reception is appealed to the manager. The appeal's decision is final.
 */
export function appealDeciderRoles(subject: AppealSubject['kind']): ('manager' | 'director' | 'admin')[] {
  return subject === 'dispute' ? ['director', 'admin'] : ['manager', 'director', 'admin'];
}

export function decideAppeal(
  appeal: { subject: AppealSubject['kind']; appellantId: string; disputeDeciderId?: string | null },
  deciderId: string,
  decision: ReasonedDecision & { outcome: 'upheld' | 'rejected' },
): { outcome: 'upheld' | 'rejected'; ruleIds: string[] } {
  if (deciderId === appeal.appellantId) throw new DomainError('OWN_APPEAL', 'forbidden', 'nobody decides their own appeal (GEN-6)');
  if (appeal.subject === 'dispute' && deciderId === appeal.disputeDeciderId) throw new DomainError('OWN_DECISION_APPEALED', 'forbidden', 'the appeal goes to the level above the one who decided (CA-17)');
  checkReasons(decision);
  return { outcome: decision.outcome, ruleIds: [...new Set([...decision.ruleIds, 'CA-17'])].sort() };
}
