import { DomainError } from '../common/errors.js';
import { missingFieldFine } from '../common/discipline.js';
import { fen } from '../common/money.js';
import { FOLLOW_UP_FORM_FIELDS, missedFollowUps } from './follow-up.js';
import { decideOwner, type Claim } from './ownership.js';
import { DEFAULT_CA_POLICY as policy } from './policy.js';
import { validateClientPolicy } from './policy-check.js';
import { checkRenewal, isInOpenPool } from './pool.js';
import { activityFigures, periodRange, type ActivityEvent } from './sales.js';

const t = (iso: string) => new Date(iso);
const code = (f: () => unknown) => {
  try {
    return f();
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CA-5 missed follow-ups (GEN-8: found from the history, whenever the job runs)', () => {
  const owned = { ownedSince: t('2026-03-01T02:00:00Z'), protectedUntil: t('2026-06-01T02:00:00Z'), visited: true, followUps: [] as Date[] };

  it('a visited customer is due every 3 days: each due date without a follow-up is one miss', () => {
    expect(missedFollowUps(owned, policy, t('2026-03-04T01:59:59Z'))).toEqual([]);
    expect(missedFollowUps(owned, policy, t('2026-03-04T02:00:00Z'))).toEqual([t('2026-03-04T02:00:00Z')]);
    expect(missedFollowUps(owned, policy, t('2026-03-10T03:00:00Z'))).toEqual([t('2026-03-04T02:00:00Z'), t('2026-03-07T02:00:00Z'), t('2026-03-10T02:00:00Z')]);
  });

  it('a follow-up before the due date moves the next one; a job that runs late finds the same misses', () => {
    const f = { ...owned, followUps: [t('2026-03-03T09:00:00Z'), t('2026-03-05T09:00:00Z')] };
    // due 03-04 02:00 met by 03-03; due 03-06 09:00 met by 03-05; then 03-08 09:00 missed, 03-11 09:00 missed
    expect(missedFollowUps(f, policy, t('2026-03-12T00:00:00Z'))).toEqual([t('2026-03-08T09:00:00Z'), t('2026-03-11T09:00:00Z')]);
    const early = missedFollowUps(f, policy, t('2026-03-09T00:00:00Z'));
    expect(missedFollowUps(f, policy, t('2026-03-12T00:00:00Z')).slice(0, early.length)).toEqual(early);
  });

  it('a caller who never visited is due daily; the site may turn the daily duty off', () => {
    const caller = { ...owned, visited: false };
    expect(missedFollowUps(caller, policy, t('2026-03-04T02:00:00Z'))).toHaveLength(3);
    expect(missedFollowUps(caller, { ...policy, callersFollowUpDaily: false }, t('2026-03-04T02:00:00Z'))).toHaveLength(1);
  });

  it('no duty after the protection window ended (the customer is in the open pool)', () => {
    const short = { ...owned, protectedUntil: t('2026-03-05T00:00:00Z') };
    expect(missedFollowUps(short, policy, t('2026-04-01T00:00:00Z'))).toEqual([t('2026-03-04T02:00:00Z')]);
  });

  it('a new policy version never moves a due date of the past: each period keeps the cadence in force when it began', () => {
    const changedAt = t('2026-03-05T00:00:00Z');
    const versions = (at: Date) => (at < changedAt ? policy : { ...policy, followUpEveryDays: 2 });
    // 03-04 02:00 under v1 (3 days); from then on v1 still (period began before the change): 03-07 02:00; then 2 days: 03-09 02:00
    expect(missedFollowUps(owned, versions, t('2026-03-09T03:00:00Z'))).toEqual([t('2026-03-04T02:00:00Z'), t('2026-03-07T02:00:00Z'), t('2026-03-09T02:00:00Z')]);
    expect(missedFollowUps(owned, versions, t('2026-03-09T03:00:00Z')).slice(0, 1)).toEqual(missedFollowUps(owned, policy, t('2026-03-04T03:00:00Z')));
  });

  it('follow-ups from before the ownership began do not count', () => {
    expect(missedFollowUps({ ...owned, followUps: [t('2026-02-28T00:00:00Z')] }, policy, t('2026-03-04T02:00:00Z'))).toHaveLength(1);
  });
});

describe('GEN-11 blank fields of the follow-up form', () => {
  it('each blank field of the form costs the policy fine', () => {
    const r = missingFieldFine({ content: '电话回访', grade: null, nextStep: ' ' }, FOLLOW_UP_FORM_FIELDS, fen(policy.blankFieldFineFen));
    expect(r).toEqual({ missing: ['grade', 'nextStep'], amountFen: 2000 });
  });
});

describe('CA-5 open pool and re-registration', () => {
  const visit = (consultantId: string, at: string): Claim => ({ kind: 'visit', at: t(at), consultantId, role: 'receive' });
  const renewal = (consultantId: string, at: string): Claim => ({ kind: 'renewal', at: t(at), consultantId, signedBy: 's' });

  it('a customer whose window ran out is in the open pool when read, before any job ran', () => {
    expect(isInOpenPool({ status: 'owned', protectedUntil: t('2026-03-01T00:00:00Z') }, t('2026-03-01T00:00:00Z'))).toBe(true);
    expect(isInOpenPool({ status: 'owned', protectedUntil: t('2026-03-01T00:00:00Z') }, t('2026-02-28T23:59:59Z'))).toBe(false);
    expect(isInOpenPool({ status: 'new', protectedUntil: null }, t('2026-03-01T00:00:00Z'))).toBe(false);
  });

  it('a signed re-registration claims a customer out of the open pool, by any consultant, for a new window', () => {
    const o = decideOwner([visit('a', '2025-10-01T02:00:00Z'), renewal('b', '2026-03-01T02:00:00Z')], policy, t('2026-03-20T00:00:00Z'));
    expect(o).toMatchObject({ status: 'owned', ownerId: 'b', since: t('2026-03-01T02:00:00Z'), protectedUntil: t('2026-06-01T02:00:00Z'), ruleIds: ['CA-5'] });
  });

  it('the owner renews; another consultant cannot re-register an owned customer; a customer never owned is not in the pool', () => {
    const owned = decideOwner([visit('a', '2026-03-01T02:00:00Z')], policy, t('2026-03-20T00:00:00Z'));
    expect(checkRenewal(owned, 'a')).toBe('renew');
    expect(code(() => checkRenewal(owned, 'b'))).toBe('CUSTOMER_OWNED');
    const pool = decideOwner([visit('a', '2025-10-01T02:00:00Z')], policy, t('2026-03-20T00:00:00Z'));
    expect(checkRenewal(pool, 'b')).toBe('claim');
    expect(code(() => checkRenewal({ status: 'new', ownerId: null }, 'b'))).toBe('NOT_IN_OPEN_POOL');
  });

  it('a renewal of a customer never owned changes nothing', () => {
    expect(decideOwner([renewal('b', '2026-03-01T02:00:00Z')], policy, t('2026-03-20T00:00:00Z')).status).toBe('new');
  });
});

describe('CA-14 conversion and CA-19 sales periods', () => {
  it('periods: the day, the week from Monday, the month, the year', () => {
    expect(periodRange('day', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(periodRange('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodRange('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodRange('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('year', '2026-02-14')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  const e = (kind: ActivityEvent['kind'], customerId: string, consultantId: string, at: string, lateEntry = false): ActivityEvent => ({ kind, customerId, consultantId, at: t(at), lateEntry });
  const events = [
    e('call', 'c1', 'a', '2026-03-02T02:00:00Z'),
    e('call', 'c1', 'a', '2026-03-02T05:00:00Z'),
    e('call', 'c2', 'a', '2026-03-02T03:00:00Z', true),
    e('call', 'c3', 'b', '2026-03-02T03:00:00Z'),
    // c1 visits after the call, received by b; then buys from b
    e('visit', 'c1', 'b', '2026-03-03T02:00:00Z'),
    e('deal', 'c1', 'b', '2026-03-04T02:00:00Z'),
    e('visit', 'c4', 'b', '2026-03-03T06:00:00Z'),
    e('follow_up', 'c2', 'a', '2026-03-03T06:00:00Z'),
  ];

  it('CA-14: calls → visits counts callers who visited after their call; visits → deals visitors who bought after the visit', () => {
    expect(activityFigures(events, 'a')).toMatchObject({ calls: 2, callsThatVisited: 1, callToVisitRate: 0.5, callRecords: 3, followUps: 1, lateEntries: 1, visits: 0, visitToDealRate: null });
    expect(activityFigures(events, 'b')).toMatchObject({ calls: 1, callsThatVisited: 0, visits: 2, visitsThatDealt: 1, visitToDealRate: 0.5, deals: 1 });
    expect(activityFigures(events)).toMatchObject({ calls: 3, callsThatVisited: 1, callToVisitRate: 0.3333, visits: 2, visitsThatDealt: 1, deals: 1, callRecords: 4 });
  });

  it('CA-14: a visit before the call does not convert it', () => {
    expect(activityFigures([e('visit', 'c9', 'b', '2026-03-01T02:00:00Z'), e('call', 'c9', 'a', '2026-03-02T02:00:00Z')], 'a').callsThatVisited).toBe(0);
  });
});

describe('section 2 policy editor: validated by the domain', () => {
  it('accepts the SPEC defaults', () => {
    expect(validateClientPolicy(policy)).toEqual([]);
  });
  it('refuses numbers out of range, inconsistent settings and unknown settings', () => {
    const bad = { ...policy, protectionMonths: 0, followUpEveryDays: 1.5, suspensionDaysByManager: 1, suspensionDaysBySupervisor: 2, reportValidityDays: 40, protectionMode: 'forever', extra: 1 } as never;
    expect(validateClientPolicy(bad).map((p) => p.field).sort()).toEqual(['extra', 'followUpEveryDays', 'protectionMode', 'protectionMonths', 'reportValidityDays', 'suspensionDaysByManager']);
  });
});
