import { businessCalendar } from './business-time.js';
import { decideComplaint, openComplaint, type ComplaintActor, type ComplaintCommand, type ComplaintSnapshot } from './lifecycle.js';
import { DEFAULT_COMPLAINT_POLICY as policy } from './policy.js';
import { classificationTable, complaintFact, durationSummary, groupKeys, memberFollowUpCoverage, satisfaction, settledClock, settledMinutes, settledOutcomes, slaCompliance, type ComplaintFact, type FollowUpFact } from './statistics.js';
import { readClock, type SlaClock } from './sla.js';

const t = (iso: string) => new Date(iso);
const TZ = 'Asia/Shanghai';
const fact = (over: Partial<ComplaintFact>): ComplaintFact => ({
  id: 'c',
  receivedAt: t('2026-03-10T02:00:00Z'),
  channel: 'phone',
  kind: 'complaint',
  validity: 'valid',
  category: 'service',
  department: 'sales',
  staffIds: [],
  state: 'closed',
  importantCustomer: false,
  firstResponseMinutes: 10,
  resolutionMinutes: 600,
  firstResponseMet: true,
  resolutionMet: true,
  promisedReplyMet: null,
  upheld: false,
  ...over,
});

describe('CMP-8 durations: median and 90th percentile', () => {
  it('median of an odd and an even count, nearest-rank p90', () => {
    expect(durationSummary([5, 1, 3])).toEqual({ count: 3, median: 3, p90: 5 });
    expect(durationSummary([4, 1, 3, 2])).toEqual({ count: 4, median: 2.5, p90: 4 });
    // 1..10: 90 % of the values are at or below 9.
    expect(durationSummary([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ count: 10, median: 5.5, p90: 9 });
    // 1..20: the 18th value.
    expect(durationSummary(Array.from({ length: 20 }, (_, i) => i + 1)).p90).toBe(18);
  });
  it('ignores missing values; nothing to summarize is null, not zero', () => {
    expect(durationSummary([null, 7, null])).toEqual({ count: 1, median: 7, p90: 7 });
    expect(durationSummary([])).toEqual({ count: 0, median: null, p90: null });
  });
});

describe('CMP-8 classification table (顾客投诉分类统计表)', () => {
  const facts = [
    fact({ id: 'a', category: 'service', staffIds: ['u1'], upheld: true, channel: 'visit' }),
    fact({ id: 'b', category: 'service', kind: 'grumble', resolutionMinutes: null, resolutionMet: null, firstResponseMet: false, firstResponseMinutes: 50 }),
    fact({ id: 'c', category: 'quality', department: 'engineering', staffIds: ['u1', 'u2'], upheld: true, state: 'investigating', resolutionMinutes: null, resolutionMet: false }),
    fact({ id: 'd', category: null, department: null, kind: null, validity: null, state: 'received', firstResponseMinutes: null, firstResponseMet: null, resolutionMinutes: null, resolutionMet: null }),
    fact({ id: 'e', validity: 'invalid', state: 'rejected', receivedAt: t('2026-03-31T17:00:00Z'), resolutionMinutes: null, resolutionMet: null }),
  ];
  it('groups by category with counts, times and SLA compliance, rows sorted', () => {
    const rows = classificationTable(facts, 'category', TZ);
    expect(rows.map((r) => r.key)).toEqual(['quality', 'service', 'untriaged']);
    const service = rows.find((r) => r.key === 'service')!;
    expect(service).toMatchObject({ total: 3, complaints: 2, grumbles: 1, valid: 2, invalid: 1, upheld: 1, open: 0 });
    expect(service.firstResponse).toEqual({ count: 3, median: 10, p90: 50 });
    expect(service.sla.firstResponse).toEqual({ met: 2, breached: 1, rate: 2 / 3 });
    expect(rows.find((r) => r.key === 'untriaged')).toMatchObject({ total: 1, untriaged: 1, open: 1 });
  });
  it('by staff a complaint counts for each person found responsible; by month in the site zone (GEN-4)', () => {
    expect(classificationTable(facts, 'staff', TZ).map((r) => [r.key, r.total])).toEqual([
      ['none', 3],
      ['u1', 2],
      ['u2', 1],
    ]);
    // 2026-03-31 17:00 UTC is 1 April in Shanghai.
    expect(groupKeys(facts[4], 'month', TZ)).toEqual(['2026-04']);
    expect(groupKeys(facts[4], 'month', 'UTC')).toEqual(['2026-03']);
    expect(classificationTable(facts, 'month', TZ).map((r) => [r.key, r.total])).toEqual([
      ['2026-03', 4],
      ['2026-04', 1],
    ]);
    expect(classificationTable(facts, 'channel', TZ).map((r) => r.key)).toEqual(['phone', 'visit']);
    expect(classificationTable(facts, 'department', TZ).map((r) => r.key)).toEqual(['engineering', 'sales', 'unassigned']);
  });
  it('SLA compliance counts decided clocks only', () => {
    expect(slaCompliance(facts)).toEqual({ firstResponse: { met: 3, breached: 1, rate: 0.75 }, promisedReply: { met: 0, breached: 0, rate: null }, resolution: { met: 1, breached: 1, rate: 0.5 } });
    expect(slaCompliance([]).firstResponse).toEqual({ met: 0, breached: 0, rate: null });
  });
});

describe('CMP-8 satisfaction and CMP-7 member coverage (回访总结报告)', () => {
  const call = (over: Partial<FollowUpFact>): FollowUpFact => ({ complaintId: 'a', calledAt: t('2026-03-12T02:00:00Z'), solved: true, attitude: 'satisfied', charged: false, score: 9, reopened: false, ...over });
  it('summarizes scores, attitudes, solved rate, fees and reopenings', () => {
    const s = satisfaction([call({}), call({ complaintId: 'b', score: 5, attitude: 'unsatisfied', solved: false, reopened: true, charged: true }), call({ complaintId: 'c', score: 7, attitude: 'neutral' })]);
    expect(s).toMatchObject({ calls: 3, averageScore: 7, solvedRate: 2 / 3, chargedCount: 1, attitude: { satisfied: 1, neutral: 1, unsatisfied: 1 }, reopened: 1 });
    expect(s.score).toEqual({ count: 3, median: 7, p90: 9 });
    expect(satisfaction([])).toMatchObject({ calls: 0, averageScore: null, solvedRate: null });
  });
  it('every resolved complaint of a member is called back: the rate and the ones missing', () => {
    const facts = [
      fact({ id: 'm1', importantCustomer: true, state: 'closed' }),
      fact({ id: 'm2', importantCustomer: true, state: 'resolved' }),
      fact({ id: 'm3', importantCustomer: true, state: 'investigating' }), // not resolved yet: not owed
      fact({ id: 'm4', importantCustomer: true, state: 'reopened' }), // reopened by its call: owed and called
      fact({ id: 'n1', importantCustomer: false, state: 'closed' }),
    ];
    const r = memberFollowUpCoverage(facts, [call({ complaintId: 'm1' }), call({ complaintId: 'm4', reopened: true }), call({ complaintId: 'n1' })]);
    expect(r).toEqual({ owed: 3, calledBack: 2, rate: 2 / 3, missing: ['m2'] });
    expect(memberFollowUpCoverage([], []).rate).toBeNull();
  });
});

describe('CMP-8 the statistics record of a complaint, derived from its snapshot', () => {
  it('business minutes to first response and resolution, each clock met or breached, upheld', () => {
    const cal = businessCalendar(policy, TZ); // 09:00–18:00 every day
    const agent: ComplaintActor = { userId: 'agent', roles: ['cs_agent'] };
    const sup: ComplaintActor = { userId: 'sup', roles: ['supervisor'] };
    const intake = { channel: 'phone', complainantName: '王', contact: '139', content: '态度差', subjectType: 'none', subjectRef: null, importantCustomer: false } as const;
    let c: ComplaintSnapshot = openComplaint({ id: 'C-9', intake }, agent, { policy, calendar: cal, now: t('2026-03-02T02:00:00Z') }).complaint; // Monday 10:00
    const step = (cmd: ComplaintCommand, actor: ComplaintActor, at: string) => (c = decideComplaint(c, cmd, actor, { policy, calendar: cal, now: t(at) }).complaint);
    step({ type: 'respond', message: '明早十点前答复', promisedReplyAt: t('2026-03-03T02:00:00Z') }, agent, '2026-03-02T02:20:00Z');
    step({ type: 'triage', classification: { kind: 'complaint', validity: 'valid', category: 'service', severity: 'normal' } }, agent, '2026-03-02T02:30:00Z');
    step({ type: 'investigate', investigatorId: 'agent' }, agent, '2026-03-02T03:00:00Z');
    step({ type: 'propose', findings: 'f', cause: 'c', proposals: [{ id: 'p1', text: '道歉' }], responsibleStaff: [{ userId: 'u1', departmentHeadId: null }] }, agent, '2026-03-02T05:00:00Z');
    step({ type: 'approve', proposalId: 'p1' }, sup, '2026-03-02T06:00:00Z');
    step({ type: 'respond', message: '方案已批准' }, agent, '2026-03-03T03:00:00Z'); // an hour after the promised time
    step({ type: 'resolve', implementation: '已道歉', customerAccepted: true, signature: '王' }, agent, '2026-03-03T04:00:00Z'); // Tuesday 12:00
    expect(complaintFact(c, cal, t('2026-03-04T00:00:00Z'))).toEqual({
      id: 'C-9',
      receivedAt: t('2026-03-02T02:00:00Z'),
      channel: 'phone',
      kind: 'complaint',
      validity: 'valid',
      category: 'service',
      department: 'sales',
      staffIds: ['u1'],
      state: 'resolved',
      importantCustomer: false,
      firstResponseMinutes: 20,
      resolutionMinutes: 8 * 60 + 3 * 60, // Monday 10:00–18:00, Tuesday 09:00–12:00
      firstResponseMet: true,
      resolutionMet: true,
      promisedReplyMet: false,
      upheld: true,
    });
  });
});

describe('CMP-8 stored facts: what a stopped clock and a reached response say, fixed once reached', () => {
  const cal = businessCalendar(policy, TZ); // 09:00–18:00 every day
  const clock = (over: Partial<SlaClock>): SlaClock => ({ key: 'resolution:1', kind: 'resolution', startedAt: t('2026-03-02T02:00:00Z'), targetMinutes: 120, promisedAt: null, stoppedAt: null, ...over });
  it('a running clock has nothing to store; a stopped one stores its business minutes and whether it met, as read at any later instant (GEN-8)', () => {
    expect(settledClock(clock({}), cal, [])).toBeNull();
    const pauses = [{ from: t('2026-03-02T02:30:00Z'), to: t('2026-03-02T03:30:00Z') }];
    const met = clock({ stoppedAt: t('2026-03-02T04:50:00Z') }); // 10:00 → 12:50 less an hour's pause = 110 min
    expect(settledClock(met, cal, pauses)).toEqual({ elapsedMinutes: 110, met: true });
    const late = clock({ stoppedAt: t('2026-03-02T05:00:00Z') }); // at the deadline itself: breached (half-open)
    expect(settledClock(late, cal, pauses)).toEqual({ elapsedMinutes: 120, met: false });
    for (const k of [met, late]) {
      const later = readClock(k, cal, [...pauses, { from: t('2026-03-05T02:00:00Z'), to: null }], t('2026-04-01T00:00:00Z'));
      expect(settledClock(k, cal, pauses)).toEqual({ elapsedMinutes: later.elapsedMinutes, met: later.status === 'met' });
    }
    const promise = clock({ key: 'promised_reply:1', kind: 'promised_reply', targetMinutes: null, promisedAt: t('2026-03-02T03:00:00Z'), stoppedAt: t('2026-03-02T02:45:00Z') });
    expect(settledClock(promise, cal, [])).toEqual({ elapsedMinutes: 45, met: true });
  });
  it('the per-kind outcome of the stopped clocks: a breach wins, met needs one stopped clock and no breach, running clocks are left to the reading', () => {
    const met = clock({ key: 'resolution:1', stoppedAt: t('2026-03-02T03:00:00Z') }); // 60 of 120 min
    const late = clock({ key: 'resolution:2', startedAt: t('2026-03-03T01:00:00Z'), stoppedAt: t('2026-03-03T05:00:00Z') }); // Tuesday 09:00 → 13:00: 240 min
    const running = clock({ key: 'resolution:3', startedAt: t('2026-03-04T01:00:00Z') });
    const fr = clock({ key: 'first_response', kind: 'first_response', targetMinutes: 30, stoppedAt: t('2026-03-02T02:10:00Z') });
    expect(settledOutcomes([], cal, [])).toEqual({ firstResponseMet: null, promisedReplyMet: null, resolutionMet: null });
    expect(settledOutcomes([fr, met, running], cal, [])).toEqual({ firstResponseMet: true, promisedReplyMet: null, resolutionMet: true });
    expect(settledOutcomes([fr, met, late, running], cal, [])).toEqual({ firstResponseMet: true, promisedReplyMet: null, resolutionMet: false });
    expect(settledOutcomes([running], cal, [])).toEqual({ firstResponseMet: null, promisedReplyMet: null, resolutionMet: null });
    // Once every clock has stopped, the stored outcome is complaintFact's.
    for (const clocks of [[fr, met], [fr, met, late]]) {
      const snapshot = { clocks, pauses: [] } as unknown as ComplaintSnapshot;
      const f = complaintFact({ ...snapshot, id: 'c', receivedAt: t('2026-03-02T02:00:00Z'), channel: 'phone', classification: null, investigation: null, state: 'closed', importantCustomer: false, firstRespondedAt: null, resolution: null, approval: null } as ComplaintSnapshot, cal, t('2026-05-01T00:00:00Z'));
      expect(settledOutcomes(clocks, cal, [])).toEqual({ firstResponseMet: f.firstResponseMet, promisedReplyMet: f.promisedReplyMet, resolutionMet: f.resolutionMet });
    }
  });
  it('business minutes to the first response and to the resolution, pauses excluded, as complaintFact counts them', () => {
    const pauses = [{ from: t('2026-03-02T09:00:00Z'), to: t('2026-03-03T02:00:00Z') }]; // 17:00 Monday → 10:00 Tuesday
    expect(
      settledMinutes({ receivedAt: t('2026-03-02T02:00:00Z'), firstRespondedAt: t('2026-03-02T02:20:00Z'), resolution: { at: t('2026-03-03T04:00:00Z') }, pauses }, cal),
    ).toEqual({ firstResponseMinutes: 20, resolutionMinutes: 7 * 60 + 2 * 60 });
    expect(settledMinutes({ receivedAt: t('2026-03-02T02:00:00Z'), firstRespondedAt: null, resolution: null, pauses: [] }, cal)).toEqual({ firstResponseMinutes: null, resolutionMinutes: null });
  });
});
