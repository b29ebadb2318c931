import { DomainError } from '../common/errors.js';
import type { Fen } from '../common/money.js';
import type { ClientAttributionPolicy } from './policy.js';

/** CA-17: the stages of a deal, in the order a sale goes through them (认购 → 签约 → 首付). */
export const DEAL_STAGES = ['subscription', 'contract', 'down_payment'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export type CommissionStatus = 'pending' | 'due' | 'forfeited';

/** An agency's commission on one customer (the agency with the channel credit, CA-17/CA-18). */
export interface CommissionEntry {
  status: CommissionStatus;
  /** The furthest stage of the deal recorded so far. */
  stage: DealStage | null;
  amountFen: Fen;
  dueAt: Date | null;
  forfeitedAt: Date | null;
}

const rank = (s: DealStage | null) => (s === null ? -1 : DEAL_STAGES.indexOf(s));

/**
 * CA-17: a deal at a stage makes the agency's commission due once it reaches the site's policy stage
 * (at subscription, contract or down payment); before that it is pending. Stages only move forward.
 * A forfeited commission (CA-6, 撬单) stays forfeited whatever the deal does.
 */
export function recordDeal(entry: CommissionEntry, stage: DealStage, amountFen: Fen, at: Date, policy: Pick<ClientAttributionPolicy, 'commissionAt'>): CommissionEntry {
  if (rank(stage) <= rank(entry.stage)) throw new DomainError('DEAL_STAGE_RECORDED', 'conflict', `the deal has already reached ${entry.stage}`);
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new DomainError('AMOUNT_INVALID', 'invalid', 'the commission is a whole number of fen, not negative');
  if (entry.status === 'forfeited') return { ...entry, stage };
  const due = rank(stage) >= rank(policy.commissionAt);
  return { ...entry, stage, amountFen, status: due ? 'due' : 'pending', dueAt: due ? (entry.dueAt ?? at) : null };
}

/** CA-6: a 撬单 finding against the agent forfeits the commission, due or not. */
export function forfeit(entry: CommissionEntry, at: Date): CommissionEntry {
  if (entry.status === 'forfeited') throw new DomainError('COMMISSION_FORFEITED', 'conflict', 'the commission is already forfeited');
  return { ...entry, status: 'forfeited', forfeitedAt: at };
}

export const newCommission = (): CommissionEntry => ({ status: 'pending', stage: null, amountFen: 0 as Fen, dueAt: null, forfeitedAt: null });
