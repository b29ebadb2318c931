import { DomainError } from '../common/errors.js';
import { conversionRates } from './conversion.js';
import { followUpDueAt, isFollowUpOverdue } from './follow-up.js';
import { decideOwner, type Claim } from './ownership.js';
import { normalizeReportedPhone, patternKey, phoneFits, reportsMayMatch } from './phone-pattern.js';
import { addMonths, DEFAULT_CA_POLICY as policy } from './policy.js';
import { decideNewReport, judgeVisit, reportExpiry, reportStatusAt, type ActiveReport } from './reports.js';
import { countsAsTurn, nextUp, pass, received, startDay, suspend } from './rotation.js';

const t = (iso: string) => new Date(iso);
const full = (p: string) => normalizeReportedPhone(p)!;
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CA-15 masked reporting', () => {
  it('reads full numbers and 138****5678 patterns', () => {
    expect(normalizeReportedPhone('138 1234 5678')).toEqual({ kind: 'full', phone: '13812345678' });
    expect(normalizeReportedPhone('138****5678')).toEqual({ kind: 'masked', prefix: '138', suffix: '5678' });
    expect(normalizeReportedPhone('138***5678')).toBeNull();
    expect(patternKey(full('13812345678'))).toBe('138****5678');
  });
  it('a full number fits its pattern; a masked report conflicts with every number that fits it', () => {
    expect(phoneFits('13812345678', full('138****5678'))).toBe(true);
    expect(phoneFits('13912345678', full('138****5678'))).toBe(false);
    expect(reportsMayMatch(full('138****5678'), full('13899995678'))).toBe(true);
    expect(reportsMayMatch(full('138****5678'), full('138****5679'))).toBe(false);
  });
});

describe('CA-6/CA-7 a new report', () => {
  const base = { agencyId: 'north', reported: full('13812345678'), at: t('2026-03-02T02:00:00Z'), sequence: 10 };
  const active = (over: Partial<ActiveReport>): ActiveReport => ({
    id: 'r1',
    agencyId: 'south',
    reported: full('13812345678'),
    reportedAt: t('2026-03-02T01:00:00Z'),
    sequence: 5,
    status: 'pending',
    expiresAt: t('2026-03-09T01:00:00Z'),
    ...over,
  });

  it('is pending when nobody owns or reported the customer', () => {
    expect(decideNewReport(base, { protectedPhones: [], activeReports: [] })).toMatchObject({ status: 'pending', reason: 'new' });
  });
  it('is duplicate for a customer owned on the site (CA-7), also through a masked report (CA-15)', () => {
    expect(decideNewReport(base, { protectedPhones: ['13812345678'], activeReports: [] })).toMatchObject({ status: 'duplicate', reason: 'owned_on_site', ruleIds: ['CA-7'] });
    expect(decideNewReport({ ...base, reported: full('138****5678') }, { protectedPhones: ['13800005678'], activeReports: [] })).toMatchObject({ status: 'duplicate', ruleIds: ['CA-7', 'CA-15'] });
  });
  it('the earlier report of another agency wins', () => {
    expect(decideNewReport(base, { protectedPhones: [], activeReports: [active({})] })).toMatchObject({ status: 'duplicate', reason: 'reported_earlier_by_another_agency' });
  });
  it('two agencies reporting within the same second: the one that arrived first wins', () => {
    const sameSecond = active({ reportedAt: base.at, sequence: 9 });
    expect(decideNewReport(base, { protectedPhones: [], activeReports: [sameSecond] }).status).toBe('duplicate');
    expect(decideNewReport({ ...base, sequence: 8 }, { protectedPhones: [], activeReports: [sameSecond] }).status).toBe('pending');
  });
  it('an expired or natural earlier report does not block', () => {
    expect(decideNewReport(base, { protectedPhones: [], activeReports: [active({ expiresAt: t('2026-03-02T01:30:00Z') })] }).status).toBe('pending');
    expect(decideNewReport(base, { protectedPhones: [], activeReports: [active({ status: 'natural' })] }).status).toBe('pending');
  });
  it('expires after the validity (7 days), and reads expired from that instant (GEN-8)', () => {
    const expires = reportExpiry(base.at, policy);
    expect(expires).toEqual(t('2026-03-09T02:00:00Z'));
    expect(reportStatusAt('pending', expires, new Date(expires.getTime() - 1))).toBe('pending');
    expect(reportStatusAt('pending', expires, expires)).toBe('expired');
    expect(reportStatusAt('valid', expires, expires)).toBe('valid');
  });
});

describe('CA-6 at the visit', () => {
  const report = { reported: full('13812345678'), customerName: '王先生', reportedAt: t('2026-03-02T02:00:00Z'), expiresAt: t('2026-03-09T02:00:00Z') };
  const visit = { arrivedAt: t('2026-03-02T02:30:00Z'), phone: '13812345678', name: '王先生', mentionedAgency: true, visitCode: false };

  it('a report 30 minutes before the arrival is valid; 29 minutes is interception (natural)', () => {
    expect(judgeVisit(report, visit, policy)).toMatchObject({ status: 'valid', ruleIds: ['CA-6'] });
    expect(judgeVisit(report, { ...visit, arrivedAt: t('2026-03-02T02:29:00Z') }, policy)).toMatchObject({ status: 'natural', reason: 'report_too_late' });
  });
  it('the same phone with a different name is natural', () => {
    expect(judgeVisit(report, { ...visit, name: '李女士' }, policy)).toMatchObject({ status: 'natural', reason: 'name_mismatch' });
    expect(judgeVisit(report, { ...visit, name: ' 王 先生 ' }, policy).status).toBe('valid');
  });
  it('a different phone is natural; a masked report needs the full number to fit', () => {
    expect(judgeVisit(report, { ...visit, phone: '13812345679' }, policy).reason).toBe('phone_mismatch');
    expect(judgeVisit({ ...report, reported: full('138****5678') }, visit, policy).status).toBe('valid');
    expect(judgeVisit({ ...report, reported: full('138****5678') }, { ...visit, phone: '13912345678' }, policy).ruleIds).toEqual(['CA-6', 'CA-15']);
  });
  it('a customer who mentioned no agency before reception began is natural, unless the visit code was scanned (CA-16)', () => {
    expect(judgeVisit(report, { ...visit, mentionedAgency: false }, policy).reason).toBe('agency_not_mentioned');
    expect(judgeVisit(report, { ...visit, mentionedAgency: false, visitCode: true }, policy)).toMatchObject({ status: 'valid', ruleIds: ['CA-6', 'CA-16'] });
  });
  it('a visit after the validity finds the report expired (CA-7)', () => {
    expect(judgeVisit(report, { ...visit, arrivedAt: t('2026-03-09T02:00:00Z') }, policy).status).toBe('expired');
  });
});

describe('CA-2..CA-9, CA-18 ownership', () => {
  const now = t('2026-03-20T00:00:00Z');
  const visit = (consultantId: string, at: string, role: 'receive' | 'assist' = 'receive'): Claim => ({ kind: 'visit', at: t(at), consultantId, role });

  it('CA-2: the first consultant who received a visit owns the customer; an assisting consultant gets no credit', () => {
    const o = decideOwner([visit('a', '2026-03-01T02:00:00Z'), visit('b', '2026-03-05T02:00:00Z', 'assist')], policy, now);
    expect(o).toMatchObject({ status: 'owned', ownerId: 'a', ruleIds: ['CA-18', 'CA-2'] });
    expect(o.evidence.find((e) => e.consultantId === 'b')?.ruleId).toBe('CA-2');
  });

  it('CA-9: a registered call claims the customer only if its SMS went out', () => {
    const withSms: Claim = { kind: 'call', at: t('2026-03-01T02:00:00Z'), consultantId: 'a', smsSentAt: t('2026-03-01T02:03:00Z') };
    const noSms: Claim = { ...withSms, smsSentAt: null } as Claim;
    expect(decideOwner([withSms, visit('b', '2026-03-03T02:00:00Z')], policy, now).ownerId).toBe('a');
    expect(decideOwner([noSms, visit('b', '2026-03-03T02:00:00Z')], policy, now).ownerId).toBe('b');
  });

  it('CA-3: a referral counts when asked for or registered before the visit, not for a chance meeting', () => {
    const chance: Claim = { kind: 'referral', at: t('2026-03-01T02:00:00Z'), consultantId: 'a', askedForConsultant: false, registeredBeforeVisit: false };
    const asked: Claim = { ...chance, askedForConsultant: true } as Claim;
    expect(decideOwner([chance, visit('b', '2026-03-01T03:00:00Z')], policy, now).ownerId).toBe('b');
    expect(decideOwner([asked, visit('b', '2026-03-01T03:00:00Z')], policy, now).ownerId).toBe('a');
  });

  it('CA-4: a relation belongs to the consultant who registered it beforehand', () => {
    const relation: Claim = { kind: 'relation', at: t('2026-02-20T02:00:00Z'), consultantId: 'a' };
    expect(decideOwner([relation, visit('b', '2026-03-01T02:00:00Z')], policy, now)).toMatchObject({ ownerId: 'a', ruleIds: ['CA-18', 'CA-4'] });
    const late: Claim = { ...relation, at: t('2026-03-02T02:00:00Z') } as Claim;
    expect(decideOwner([visit('b', '2026-03-01T02:00:00Z'), late], policy, now).ownerId).toBe('b');
  });

  it('CA-8: an employee named before price negotiation takes the customer from the receiving consultant; named after, the receiver keeps them', () => {
    const received = visit('b', '2026-03-01T02:00:00Z');
    const before: Claim = { kind: 'employee_referral', at: t('2026-03-01T02:20:00Z'), consultantId: 'a', beforePriceNegotiation: true, phoneOnly: false, formsComplete: false };
    const after: Claim = { ...before, beforePriceNegotiation: false } as Claim;
    expect(decideOwner([received, before], policy, now)).toMatchObject({ ownerId: 'a', ruleIds: ['CA-18', 'CA-8'] });
    expect(decideOwner([received, after], policy, now).ownerId).toBe('b');
  });

  it('CA-8: a phone-only referral needs the form, the call record and follow-ups', () => {
    const phoneOnly: Claim = { kind: 'employee_referral', at: t('2026-03-01T02:00:00Z'), consultantId: 'a', beforePriceNegotiation: true, phoneOnly: true, formsComplete: false };
    expect(decideOwner([phoneOnly, visit('b', '2026-03-10T02:00:00Z')], policy, now).ownerId).toBe('b');
    expect(decideOwner([{ ...phoneOnly, formsComplete: true } as Claim, visit('b', '2026-03-10T02:00:00Z')], policy, now).ownerId).toBe('a');
  });

  it('CA-5: ownership ends exactly 3 months after the claim — owned the instant before, open pool at the instant', () => {
    const claims = [visit('a', '2026-01-31T02:00:00Z')];
    const end = addMonths(t('2026-01-31T02:00:00Z'), 3);
    expect(end).toEqual(t('2026-04-30T02:00:00Z'));
    expect(decideOwner(claims, policy, new Date(end.getTime() - 1))).toMatchObject({ status: 'owned', protectedUntil: end });
    expect(decideOwner(claims, policy, end)).toMatchObject({ status: 'open_pool', ownerId: null, ruleIds: ['CA-5'] });
  });

  it('CA-5: the owner\'s signed re-registration renews the window; another consultant\'s does not', () => {
    const claims: Claim[] = [visit('a', '2026-01-01T02:00:00Z'), { kind: 'renewal', at: t('2026-03-25T02:00:00Z'), consultantId: 'a', signedBy: 's' }];
    expect(decideOwner(claims, policy, t('2026-05-01T00:00:00Z'))).toMatchObject({ ownerId: 'a', since: t('2026-03-25T02:00:00Z'), ruleIds: ['CA-18', 'CA-2', 'CA-5'] });
    const byOther: Claim[] = [visit('a', '2026-01-01T02:00:00Z'), { kind: 'renewal', at: t('2026-03-25T02:00:00Z'), consultantId: 'b', signedBy: 's' }];
    expect(decideOwner(byOther, policy, t('2026-05-01T00:00:00Z')).status).toBe('open_pool');
  });

  it('CA-5: from the open pool, the next valid claim makes a new owner', () => {
    const claims = [visit('a', '2025-10-01T02:00:00Z'), visit('b', '2026-03-01T02:00:00Z')];
    expect(decideOwner(claims, policy, now).ownerId).toBe('b');
  });

  it('CA-18: an agency report gives the agency the channel credit, never a consultant\'s ownership', () => {
    const claims: Claim[] = [{ kind: 'agency_report', at: t('2026-03-01T01:00:00Z'), agencyId: 'north', status: 'valid' }, visit('b', '2026-03-01T02:00:00Z')];
    expect(decideOwner(claims, policy, now)).toMatchObject({ ownerId: 'b', agencyId: 'north', ruleIds: ['CA-17', 'CA-18', 'CA-2'] });
  });

  it('CA-11: a switch moves the customer and the previous consultant shares a disputed sale', () => {
    const claims: Claim[] = [visit('a', '2026-03-01T02:00:00Z'), { kind: 'switch', at: t('2026-03-05T02:00:00Z'), fromConsultantId: 'a', toConsultantId: 'b' }];
    expect(decideOwner(claims, policy, now)).toMatchObject({ ownerId: 'b', sharedWith: 'a' });
  });

  it('CA-12: the manager\'s decision wins over the records', () => {
    const claims: Claim[] = [visit('a', '2026-03-01T02:00:00Z'), { kind: 'decision', at: t('2026-03-10T02:00:00Z'), consultantId: 'b' }];
    expect(decideOwner(claims, policy, now)).toMatchObject({ ownerId: 'b', ruleIds: ['CA-12'] });
  });

  it('a customer with no valid claim is new', () => {
    expect(decideOwner([{ kind: 'call', at: t('2026-03-01T02:00:00Z'), consultantId: 'a', smsSentAt: null }], policy, now).status).toBe('new');
  });
});

describe('CA-10 reception rotation', () => {
  const at = t('2026-03-02T00:30:00Z');
  const none = new Set<string>();

  it('the first in line receives a walk-in, then goes to the back', () => {
    const s = startDay(['a', 'b', 'c'], at);
    expect(nextUp(s, 'walk_in', none, at)).toBe('a');
    expect(received(s, 'a', at).order).toEqual(['b', 'c', 'a']);
  });
  it('if the first is busy the second receives, and the first keeps the front place', () => {
    const s = startDay(['a', 'b', 'c'], at);
    const who = nextUp(s, 'walk_in', new Set(['a']), at);
    expect(who).toBe('b');
    expect(received(s, who, at).order).toEqual(['a', 'c', 'b']);
  });
  it('market research goes to the last in line; returns and deals in progress are not turns', () => {
    const s = startDay(['a', 'b', 'c'], at);
    expect(nextUp(s, 'market_research', none, at)).toBe('c');
    expect(countsAsTurn('return_owned')).toBe(false);
    expect(countsAsTurn('market_research')).toBe(false);
    expect(countsAsTurn('agency')).toBe(true);
  });
  it('a pass needs 30 minutes stood: refused at 29, allowed at 30; it costs two turns', () => {
    const s = startDay(['a', 'b', 'c'], at);
    expect(code(() => pass(s, 'a', new Date(at.getTime() + 29 * 60_000), policy))).toBe('PASS_TOO_EARLY');
    let p = pass(s, 'a', new Date(at.getTime() + 30 * 60_000), policy);
    expect(p.order).toEqual(['b', 'c', 'a']);
    p = received(p, 'b', at);
    p = received(p, 'c', at);
    // a reached the front owing a turn: skipped once more
    expect(nextUp(p, 'walk_in', none, at)).toBe('b');
  });
  it('a suspended consultant does not receive until the suspension ends (1 day by a supervisor, 3 by a manager)', () => {
    const s = suspend(startDay(['a', 'b'], at), 'a', 'manager', at, policy);
    expect(nextUp(s, 'walk_in', none, new Date(at.getTime() + 2 * 86_400_000))).toBe('b');
    expect(nextUp(s, 'walk_in', none, new Date(at.getTime() + 3 * 86_400_000))).toBe('a');
  });
});

describe('CA-5 follow-up duty and CA-14 conversion', () => {
  it('owned customers are followed every 3 days, callers who never visited daily', () => {
    const f = { customerId: 'x', ownerId: 'a', ownedSince: t('2026-03-01T02:00:00Z'), visited: true, lastFollowUpAt: t('2026-03-04T02:00:00Z') };
    expect(followUpDueAt(f, policy)).toEqual(t('2026-03-07T02:00:00Z'));
    expect(followUpDueAt({ ...f, visited: false }, policy)).toEqual(t('2026-03-05T02:00:00Z'));
    expect(isFollowUpOverdue(f, policy, t('2026-03-07T02:00:00Z'))).toBe(true);
    expect(isFollowUpOverdue(f, policy, t('2026-03-07T01:59:59Z'))).toBe(false);
  });
  it('computes calls→visits and visits→deals rates', () => {
    expect(conversionRates({ calls: 40, callsThatVisited: 10, visits: 25, visitsThatDealt: 3 })).toMatchObject({ callToVisitRate: 0.25, visitToDealRate: 0.12 });
    expect(conversionRates({ calls: 0, callsThatVisited: 0, visits: 0, visitsThatDealt: 0 }).callToVisitRate).toBeNull();
  });
});
