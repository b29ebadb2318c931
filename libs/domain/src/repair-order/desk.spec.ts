import { awaitingAnswer, repairOrderPending } from './desk.js';
import type { RepairOrderSnapshot } from './lifecycle.js';

const T0 = new Date('2026-03-02T01:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
type Order = Parameters<typeof repairOrderPending>[0];
const base = (over: Partial<Order> = {}): Order => ({
  state: 'in_progress',
  additional: [],
  discount: null,
  dispatch: { at: T0 } as RepairOrderSnapshot['dispatch'],
  promisedAt: at(100),
  progressChecks: [],
  followUp: null,
  followUpResult: null,
  ...over,
});
const policy = { progressCheck: { fromPercent: 70, toPercent: 80 } };
const additional = (consent: boolean) => ({ line: {}, delayMinutes: 30, reportedBy: 't', reportedAt: T0, consent: consent ? { decision: 'yes', at: T0, channel: 'phone', recordedBy: 'a', workshopToldName: 'x' } : null }) as unknown as RepairOrderSnapshot['additional'][number];

describe('the desk flags of an order: what it waits for, read now (RO-7, RO-8, RO-9, RO-10, GEN-8)', () => {
  it('RO-7: counts additional lines without the customer’s answer', () => {
    expect(repairOrderPending(base({ additional: [additional(false), additional(true), additional(false)] }), policy, at(10)).additionalAwaitingCustomer).toBe(2);
    expect(repairOrderPending(base({ additional: [additional(true)] }), policy, at(10)).additionalAwaitingCustomer).toBe(0);
  });
  it('RO-7/RO-9: waits for an answer while an additional line has none or a discount is undecided; the stored flag of the desk list', () => {
    const discount = { amountFen: 100, percent: 5, reason: 'r', requestedBy: 'a', requestedAt: T0, approverRole: 'manager', decision: null } as unknown as Order['discount'];
    expect(awaitingAnswer(base())).toBe(false);
    expect(awaitingAnswer(base({ additional: [additional(true), additional(false)] }))).toBe(true);
    expect(awaitingAnswer(base({ additional: [additional(true)] }))).toBe(false);
    expect(awaitingAnswer(base({ discount }))).toBe(true);
    expect(awaitingAnswer(base({ discount: { ...discount!, decision: { decision: 'rejected', by: 's', at: T0, comment: null } } }))).toBe(false);
  });
  it('RO-9: a discount waits for approval until decided', () => {
    const discount = { amountFen: 100, percent: 5, reason: 'x', requestedBy: 'a', requestedAt: T0, approverRole: 'supervisor', decision: null } as RepairOrderSnapshot['discount'];
    expect(repairOrderPending(base({ discount }), policy, at(10)).discountAwaitingApproval).toBe(true);
    expect(repairOrderPending(base({ discount: { ...discount!, decision: { decision: 'approved', by: 's', at: T0, comment: null } } }), policy, at(10)).discountAwaitingApproval).toBe(false);
    expect(repairOrderPending(base(), policy, at(10)).discountAwaitingApproval).toBe(false);
  });
  it('RO-8 + GEN-8: the progress check is due from 70 % of the promised duration, overdue after 80 %, not once made', () => {
    expect(repairOrderPending(base(), policy, at(69)).progressCheckDue).toBe(false);
    expect(repairOrderPending(base(), policy, at(70)).progressCheckDue).toBe(true);
    expect(repairOrderPending(base(), policy, at(90)).progressCheckDue).toBe(true);
    expect(repairOrderPending(base({ progressChecks: [{ at: at(71) } as RepairOrderSnapshot['progressChecks'][number]] }), policy, at(90)).progressCheckDue).toBe(false);
    // the per-site policy moves the window
    expect(repairOrderPending(base(), { progressCheck: { fromPercent: 50, toPercent: 60 } }, at(55)).progressCheckDue).toBe(true);
  });
  it('RO-10 + GEN-8: the follow-up call is due from its planned time until made', () => {
    const followUp = { plannedAt: at(60), dueBy: at(120), assigneeRole: 'service_advisor', bookedByCustomer: false } as RepairOrderSnapshot['followUp'];
    const exited = base({ state: 'exited', dispatch: null, followUp });
    expect(repairOrderPending(exited, policy, at(59)).followUpDue).toBe(false);
    expect(repairOrderPending(exited, policy, at(60)).followUpDue).toBe(true);
    expect(repairOrderPending(exited, policy, at(200)).followUpDue).toBe(true);
    expect(repairOrderPending({ ...exited, followUpResult: { at: at(70) } as RepairOrderSnapshot['followUpResult'] }, policy, at(200)).followUpDue).toBe(false);
  });
});
