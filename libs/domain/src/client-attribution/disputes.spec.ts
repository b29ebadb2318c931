import { DomainError } from '../common/errors.js';
import { appealDeadline, appealDeciderRoles, checkAppeal, checkNewDispute, decideAppeal, decideDispute } from './disputes.js';
import { decideOwner, type Claim } from './ownership.js';
import { DEFAULT_CA_POLICY as policy } from './policy.js';

const t = (iso: string) => new Date(iso);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CA-12 disputes', () => {
  const parties = { claimantId: 'C', respondentId: 'O' };
  it('CA-12: the owner has nothing to dispute; anyone else raises against the owner; nobody\'s customer is claimed, not disputed', () => {
    expect(code(() => checkNewDispute('O', 'O'))).toBe('ALREADY_OWNER');
    expect(checkNewDispute('C', 'O')).toEqual(parties);
    expect(code(() => checkNewDispute('C', null))).toBe('CUSTOMER_NOT_OWNED');
  });
  it('CA-12: the decision names a party, records reasons and SPEC rule ids', () => {
    expect(decideDispute(parties, 'M', { winnerId: 'C', reasons: '首次来电记录在先', ruleIds: ['CA-2', 'CA-9'] })).toEqual({ winnerId: 'C', loserId: 'O', ruleIds: ['CA-12', 'CA-2', 'CA-9'] });
    expect(code(() => decideDispute(parties, 'M', { winnerId: 'X', reasons: 'x', ruleIds: ['CA-2'] }))).toBe('WINNER_NOT_A_PARTY');
    expect(code(() => decideDispute(parties, 'M', { winnerId: 'C', reasons: '  ', ruleIds: ['CA-2'] }))).toBe('REASONS_REQUIRED');
    expect(code(() => decideDispute(parties, 'M', { winnerId: 'C', reasons: 'x', ruleIds: [] }))).toBe('RULE_IDS_INVALID');
    expect(code(() => decideDispute(parties, 'M', { winnerId: 'C', reasons: 'x', ruleIds: ['ATT-4'] }))).toBe('RULE_IDS_INVALID');
  });
  it('CA-12/GEN-6: a party never decides their own dispute', () => {
    expect(code(() => decideDispute(parties, 'C', { winnerId: 'C', reasons: 'x', ruleIds: ['CA-2'] }))).toBe('OWN_DISPUTE');
    expect(code(() => decideDispute(parties, 'O', { winnerId: 'O', reasons: 'x', ruleIds: ['CA-2'] }))).toBe('OWN_DISPUTE');
  });
  it('CA-12: the decision wins over the records when the owner is replayed', () => {
    const claims: Claim[] = [
      { kind: 'visit', at: t('2026-03-01T00:00:00Z'), consultantId: 'O', role: 'receive' },
      { kind: 'decision', at: t('2026-03-03T00:00:00Z'), consultantId: 'C' },
    ];
    expect(decideOwner(claims, policy, t('2026-03-04T00:00:00Z'))).toMatchObject({ ownerId: 'C', ruleIds: ['CA-12'] });
  });
});

describe('CA-17 appeals', () => {
  const decidedAt = t('2026-03-03T00:00:00Z');
  const dispute = { kind: 'dispute' as const, decidedAt, loserId: 'O', deciderId: 'M' };
  it('CA-17: the losing party may appeal within 3 days (policy), once', () => {
    expect(appealDeadline(decidedAt, policy)).toEqual(t('2026-03-06T00:00:00Z'));
    expect(checkAppeal(dispute, { userId: 'O' }, false, t('2026-03-05T23:00:00Z'), policy).deadline).toEqual(t('2026-03-06T00:00:00Z'));
    expect(code(() => checkAppeal(dispute, { userId: 'O' }, false, t('2026-03-06T00:00:01Z'), policy))).toBe('APPEAL_WINDOW_CLOSED');
    expect(code(() => checkAppeal(dispute, { userId: 'O' }, false, t('2026-03-07T00:00:00Z'), { appealDays: 5 }))).toBe('ok');
    expect(code(() => checkAppeal(dispute, { userId: 'C' }, false, t('2026-03-04T00:00:00Z'), policy))).toBe('NOT_THE_LOSING_PARTY');
    expect(code(() => checkAppeal(dispute, { userId: 'O' }, true, t('2026-03-04T00:00:00Z'), policy))).toBe('ALREADY_APPEALED');
  });
  it('CA-17: an agency appeals a report that was not counted; a valid one has nothing to appeal', () => {
    for (const status of ['natural', 'duplicate', 'expired']) expect(code(() => checkAppeal({ kind: 'report', judgedAt: decidedAt, status }, { userId: 'P' }, false, t('2026-03-04T00:00:00Z'), policy))).toBe('ok');
    for (const status of ['valid', 'pending', 'deal']) expect(code(() => checkAppeal({ kind: 'report', judgedAt: decidedAt, status }, { userId: 'P' }, false, t('2026-03-04T00:00:00Z'), policy))).toBe('NOTHING_TO_APPEAL');
  });
  it('CA-17/GEN-6: the appeal goes above the decider and is decided with reasons', () => {
    expect(appealDeciderRoles('dispute')).toEqual(['director', 'admin']);
    expect(appealDeciderRoles('report')).toContain('manager');
    expect(code(() => decideAppeal({ subject: 'dispute', appellantId: 'O', disputeDeciderId: 'M' }, 'M', { outcome: 'upheld', reasons: 'x', ruleIds: ['CA-2'] }))).toBe('OWN_DECISION_APPEALED');
    expect(code(() => decideAppeal({ subject: 'report', appellantId: 'P' }, 'P', { outcome: 'upheld', reasons: 'x', ruleIds: ['CA-6'] }))).toBe('OWN_APPEAL');
    expect(code(() => decideAppeal({ subject: 'report', appellantId: 'P' }, 'M', { outcome: 'rejected', reasons: '', ruleIds: ['CA-6'] }))).toBe('REASONS_REQUIRED');
    expect(decideAppeal({ subject: 'dispute', appellantId: 'O', disputeDeciderId: 'M' }, 'D', { outcome: 'upheld', reasons: '通话记录在先', ruleIds: ['CA-9'] })).toEqual({ outcome: 'upheld', ruleIds: ['CA-17', 'CA-9'] });
  });
});
