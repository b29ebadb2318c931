import { DomainError } from '../common/errors.js';
import { fen } from '../common/money.js';
import { forfeit, newCommission, recordDeal } from './commission.js';

const t = (iso: string) => new Date(iso);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CA-17 commission ledger', () => {
  const at = t('2026-03-05T00:00:00Z');
  it('CA-17: policy at subscription: the subscription makes the commission due', () => {
    expect(recordDeal(newCommission(), 'subscription', fen(500000), at, { commissionAt: 'subscription' })).toMatchObject({ status: 'due', stage: 'subscription', amountFen: 500000, dueAt: at });
  });
  it('CA-17: policy at contract: a subscription leaves it pending, the contract makes it due', () => {
    const sub = recordDeal(newCommission(), 'subscription', fen(500000), at, { commissionAt: 'contract' });
    expect(sub).toMatchObject({ status: 'pending', dueAt: null });
    const later = t('2026-03-20T00:00:00Z');
    expect(recordDeal(sub, 'contract', fen(500000), later, { commissionAt: 'contract' })).toMatchObject({ status: 'due', dueAt: later });
  });
  it('CA-17: policy at down payment: a contract is not enough', () => {
    const c = recordDeal(newCommission(), 'contract', fen(1), at, { commissionAt: 'down_payment' });
    expect(c.status).toBe('pending');
    expect(recordDeal(c, 'down_payment', fen(1), at, { commissionAt: 'down_payment' }).status).toBe('due');
  });
  it('CA-17: stages only move forward; a due date stays the first one', () => {
    const due = recordDeal(newCommission(), 'subscription', fen(1), at, { commissionAt: 'subscription' });
    expect(code(() => recordDeal(due, 'subscription', fen(1), at, { commissionAt: 'subscription' }))).toBe('DEAL_STAGE_RECORDED');
    expect(recordDeal(due, 'contract', fen(2), t('2026-04-01T00:00:00Z'), { commissionAt: 'subscription' }).dueAt).toEqual(at);
    expect(code(() => recordDeal(newCommission(), 'contract', -1, at, { commissionAt: 'contract' }))).toBe('AMOUNT_INVALID');
  });
  it('CA-6: a 撬单 finding forfeits the commission, due or not, and a later deal does not revive it', () => {
    const due = recordDeal(newCommission(), 'subscription', fen(500000), at, { commissionAt: 'subscription' });
    const lost = forfeit(due, at);
    expect(lost).toMatchObject({ status: 'forfeited', forfeitedAt: at });
    expect(recordDeal(lost, 'contract', fen(500000), at, { commissionAt: 'subscription' }).status).toBe('forfeited');
    expect(forfeit(newCommission(), at).status).toBe('forfeited');
    expect(code(() => forfeit(lost, at))).toBe('COMMISSION_FORFEITED');
  });
});
