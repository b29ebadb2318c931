import { DomainError } from '../common/errors.js';
import { decideOwner, type Claim } from './ownership.js';
import { DEFAULT_CA_POLICY as policy } from './policy.js';
import { employeeReferralClaim, referralClaim, switchConsultant, turnReturned } from './referrals.js';

const t = (iso: string) => new Date(iso);
const now = t('2026-03-10T00:00:00Z');
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CA-3 referral chain, as registered', () => {
  it('CA-3: an introduction registered before the first visit gives the new customer to the introducer\'s owner', () => {
    const claim = referralClaim({ at: t('2026-03-01T02:00:00Z'), referrerOwnerId: 'A', askedForConsultant: false, visitedBefore: false });
    expect(claim.registeredBeforeVisit).toBe(true);
    const later: Claim = { kind: 'visit', at: t('2026-03-02T02:00:00Z'), consultantId: 'B', role: 'receive' };
    expect(decideOwner([claim, later], policy, now)).toMatchObject({ ownerId: 'A', ruleIds: ['CA-18', 'CA-3'] });
  });
  it('CA-3: registered after a visit and not asked for: a chance meeting, no claim', () => {
    const claim = referralClaim({ at: t('2026-03-01T02:00:00Z'), referrerOwnerId: 'A', askedForConsultant: false, visitedBefore: true });
    expect(decideOwner([claim], policy, now)).toMatchObject({ ownerId: null, status: 'new' });
  });
  it('CA-3: the new customer asked for A: A gets them even when registered at the visit', () => {
    const claim = referralClaim({ at: t('2026-03-01T02:00:00Z'), referrerOwnerId: 'A', askedForConsultant: true, visitedBefore: true });
    expect(decideOwner([claim], policy, now).ownerId).toBe('A');
  });
  it('CA-3: an introducer nobody owns credits nobody', () => {
    expect(code(() => referralClaim({ at: now, referrerOwnerId: null, askedForConsultant: true, visitedBefore: false }))).toBe('REFERRER_NOT_OWNED');
  });
});

describe('CA-8 employee referral, as registered', () => {
  const base = { at: t('2026-03-01T02:30:00Z'), recommendedConsultantId: 'R', referralForm: false, hasCallRecord: false, hasFollowUps: false };
  const visit: Claim = { kind: 'visit', at: t('2026-03-01T02:00:00Z'), consultantId: 'B', role: 'receive' };
  it('CA-8: named before price negotiation during the visit: the recommended consultant takes the customer from the receiver', () => {
    const claim = employeeReferralClaim({ ...base, beforePriceNegotiation: true, visited: true });
    expect(decideOwner([visit, claim], policy, now)).toMatchObject({ ownerId: 'R', ruleIds: ['CA-18', 'CA-8'] });
  });
  it('CA-8: named after price negotiation: the receiving consultant keeps the deal', () => {
    const claim = employeeReferralClaim({ ...base, beforePriceNegotiation: false, visited: true });
    expect(decideOwner([visit, claim], policy, now).ownerId).toBe('B');
  });
  it('CA-8: a customer who only phoned needs the form, the call record and follow-ups, all three', () => {
    expect(employeeReferralClaim({ ...base, beforePriceNegotiation: true, visited: false, referralForm: true, hasCallRecord: true, hasFollowUps: false }).formsComplete).toBe(false);
    const complete = employeeReferralClaim({ ...base, beforePriceNegotiation: true, visited: false, referralForm: true, hasCallRecord: true, hasFollowUps: true });
    expect(complete).toMatchObject({ phoneOnly: true, formsComplete: true });
    expect(decideOwner([complete], policy, now).ownerId).toBe('R');
    const incomplete = employeeReferralClaim({ ...base, beforePriceNegotiation: true, visited: false, referralForm: true, hasCallRecord: false, hasFollowUps: true });
    expect(decideOwner([incomplete], policy, now).ownerId).toBeNull();
  });
});

describe('CA-4 relations', () => {
  it('CA-4: a relative registered beforehand belongs to the consultant; a colleague\'s later visit does not move them', () => {
    const claims: Claim[] = [
      { kind: 'relation', at: t('2026-03-01T00:00:00Z'), consultantId: 'A' },
      { kind: 'visit', at: t('2026-03-02T00:00:00Z'), consultantId: 'B', role: 'receive' },
    ];
    expect(decideOwner(claims, policy, now)).toMatchObject({ ownerId: 'A', ruleIds: ['CA-18', 'CA-4'] });
  });
  it('CA-4: registered after a colleague\'s first contact it does not count', () => {
    const claims: Claim[] = [
      { kind: 'visit', at: t('2026-03-01T00:00:00Z'), consultantId: 'B', role: 'receive' },
      { kind: 'relation', at: t('2026-03-02T00:00:00Z'), consultantId: 'A' },
    ];
    expect(decideOwner(claims, policy, now).ownerId).toBe('B');
  });
});

describe('CA-11 switch of consultant', () => {
  const owned: Claim = { kind: 'visit', at: t('2026-03-01T00:00:00Z'), consultantId: 'A', role: 'receive' };
  it('CA-11: the new consultant serves; the previous keeps half of a disputed sale (per policy)', () => {
    const { claim, split } = switchConsultant('A', 'B', t('2026-03-05T00:00:00Z'), policy);
    expect(split).toEqual({ fromConsultantId: 'A', toConsultantId: 'B', fromPercent: 50, toPercent: 50 });
    expect(decideOwner([owned, claim], policy, now)).toMatchObject({ ownerId: 'B', sharedWith: 'A' });
  });
  it('CA-11: the split is the site\'s setting', () => {
    expect(switchConsultant('A', 'B', now, { switchSplitPercent: 30 }).split).toMatchObject({ fromPercent: 30, toPercent: 70 });
  });
  it('CA-11: an unowned customer, or a switch to the owner, is refused', () => {
    expect(code(() => switchConsultant(null, 'B', now, policy))).toBe('CUSTOMER_NOT_OWNED');
    expect(code(() => switchConsultant('A', 'A', now, policy))).toBe('SAME_CONSULTANT');
  });
});

describe('CA-8 the receiving consultant keeps their turn', () => {
  it('CA-8: back to the front of the line; someone not in line changes nothing', () => {
    expect(turnReturned({ order: ['A', 'B', 'C'] }, 'C').order).toEqual(['C', 'A', 'B']);
    expect(turnReturned({ order: ['A', 'B'] }, 'X').order).toEqual(['A', 'B']);
  });
});
