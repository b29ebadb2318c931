import { DomainError } from '../common/errors.js';
import { checkPublishable, followUpReportFigures, isoWeekOf, parseReportPeriod, reportPeriodOf, validateReportText, type ReportCall } from './follow-up-report.js';

const TZ = 'Asia/Shanghai';
const t = (iso: string) => new Date(iso);
let n = 0;
const call = (over: Partial<Omit<ReportCall, 'complaint'>> & { complaint?: Partial<ReportCall['complaint']> } = {}): ReportCall => {
  const { complaint, ...rest } = over;
  n++;
  return {
    id: `call-${String(n).padStart(3, '0')}`,
    complaintId: `c-${n}`,
    status: 'done',
    plannedAt: t('2026-11-17T02:00:00Z'),
    dueBy: t('2026-11-19T02:00:00Z'),
    doneAt: t('2026-11-17T03:00:00Z'),
    answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' },
    reopened: false,
    ...rest,
    complaint: { importantCustomer: false, complainantName: '李女士', category: 'service', department: 'sales', ...complaint },
  };
};
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('CMP-8 report periods (site-local ISO week or month)', () => {
  it('an ISO week runs Monday to Sunday in the site zone', () => {
    const p = parseReportPeriod('2026-W47', TZ);
    expect(p).toMatchObject({ kind: 'week', from: '2026-11-16', to: '2026-11-22' });
    expect(p.start.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('week 1 holds 4 January; 2026 has 53 weeks, 2025 has 52', () => {
    expect(parseReportPeriod('2026-W01', TZ)).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(parseReportPeriod('2026-W53', TZ)).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(code(() => parseReportPeriod('2025-W53', TZ))).toBe('FOLLOW_UP_REPORT_PERIOD_INVALID');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
  });

  it('a month is its calendar days, December to the year end, February of a leap year', () => {
    expect(parseReportPeriod('2026-11', TZ)).toMatchObject({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(parseReportPeriod('2026-12', TZ)).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    expect(parseReportPeriod('2028-02', TZ)).toMatchObject({ to: '2028-02-29' });
  });

  it('anything else is refused with a stable code', () => {
    for (const bad of ['2026-13', '2026-00', '2026-W00', '2026-W54', '2026', 'W47', '2026-11-01', '', '1999-01', null as unknown as string]) {
      expect(code(() => parseReportPeriod(bad, TZ))).toBe('FOLLOW_UP_REPORT_PERIOD_INVALID');
    }
  });

  it('the period holding an instant is read in the site zone (GEN-4)', () => {
    // Sunday 22 Nov 23:30 in Shanghai is still week 47, though it is 15:30 UTC.
    expect(reportPeriodOf(t('2026-11-22T15:30:00Z'), 'week', TZ)).toBe('2026-W47');
    expect(reportPeriodOf(t('2026-11-22T16:30:00Z'), 'week', TZ)).toBe('2026-W48');
    expect(reportPeriodOf(t('2026-11-30T16:30:00Z'), 'month', TZ)).toBe('2026-12');
  });
});

describe('CMP-8 follow-up summary figures (回访总结报告)', () => {
  const week = parseReportPeriod('2026-W47', TZ);
  const now = t('2026-11-25T00:00:00Z');

  it('counts the calls planned in the period: done on time and late, dropped, overdue, pending; calls planned outside are left out', () => {
    const calls = [
      call(),
      call({ doneAt: t('2026-11-20T02:00:00Z') }), // after dueBy: late
      call({ status: 'dropped', doneAt: null, answers: null }),
      call({ status: 'open', doneAt: null, answers: null }), // dueBy 19 Nov < now: overdue
      call({ status: 'open', doneAt: null, answers: null, plannedAt: t('2026-11-22T02:00:00Z'), dueBy: t('2026-11-26T00:00:00Z') }), // pending
      call({ plannedAt: t('2026-11-15T15:59:00Z') }), // Sunday of week 46 in Shanghai
      call({ plannedAt: t('2026-11-22T16:00:00Z') }), // Monday of week 48
    ];
    expect(followUpReportFigures(week, calls, now)).toMatchObject({ period: '2026-W47', from: '2026-11-16', to: '2026-11-22', planned: 5, done: 2, doneOnTime: 1, doneLate: 1, dropped: 1, overdue: 1, pending: 1, computedAt: now.toISOString() });
  });

  it('solved rate, attitude split, fee-charged count, average and distribution of the 1–10 score', () => {
    const calls = [
      call({ answers: { solved: true, attitude: 'satisfied', charged: true, score: 10, suggestions: '' } }),
      call({ answers: { solved: true, attitude: 'neutral', charged: false, score: 7, suggestions: '' } }),
      call({ answers: { solved: false, attitude: 'unsatisfied', charged: true, score: 3, suggestions: '' }, reopened: true }),
      call({ answers: { solved: true, attitude: 'satisfied', charged: false, score: 10, suggestions: '' } }),
    ];
    const f = followUpReportFigures(week, calls, now);
    expect(f.solvedRate).toBe(0.75);
    expect(f.attitude).toEqual({ satisfied: 2, neutral: 1, unsatisfied: 1 });
    expect(f.chargedCount).toBe(2);
    expect(f.averageScore).toBe(7.5);
    expect(f.scoreDistribution).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0, 2]);
  });

  it('nothing done: rates and average are null, never 0', () => {
    const f = followUpReportFigures(week, [call({ status: 'open', doneAt: null, answers: null })], now);
    expect(f).toMatchObject({ done: 0, solvedRate: null, averageScore: null, scoreDistribution: Array(10).fill(0), memberCoverage: { owed: 0, calledBack: 0, rate: null } });
  });

  it('CMP-7 member coverage: every member complaint owed a call in the period, counted once, dropped ones not owed', () => {
    const member = { importantCustomer: true };
    const calls = [
      call({ complaintId: 'm1', complaint: member }),
      call({ complaintId: 'm2', complaint: member, status: 'open', doneAt: null, answers: null }),
      call({ complaintId: 'm3', complaint: member, status: 'dropped', doneAt: null, answers: null }),
      // m4 was called (reopened), then owed a second call still open: it was called back.
      call({ complaintId: 'm4', complaint: member, reopened: true, answers: { solved: false, attitude: 'neutral', charged: false, score: 5, suggestions: '' } }),
      call({ complaintId: 'm4', complaint: member, status: 'open', doneAt: null, answers: null, plannedAt: t('2026-11-21T02:00:00Z') }),
      call({ complaintId: 'x1' }),
    ];
    expect(followUpReportFigures(week, calls, now).memberCoverage).toEqual({ owed: 3, calledBack: 2, rate: 2 / 3, missing: ['m2'] });
  });

  it('CMP-10 reopenings caused; unsatisfied calls listed with category and department; suggestions listed, blank ones left out', () => {
    const calls = [
      call({ id: 'a', doneAt: t('2026-11-18T02:00:00Z'), answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '  希望周末也能上门  ' } }),
      call({ id: 'b', doneAt: t('2026-11-17T02:00:00Z'), reopened: true, answers: { solved: false, attitude: 'neutral', charged: false, score: 8, suggestions: '' }, complaint: { category: 'quality', department: 'engineering' } }),
      call({ id: 'c', doneAt: t('2026-11-17T05:00:00Z'), answers: { solved: true, attitude: 'unsatisfied', charged: false, score: 7, suggestions: '   ' } }),
      call({ id: 'd', doneAt: t('2026-11-17T06:00:00Z'), reopened: true, answers: { solved: true, attitude: 'satisfied', charged: false, score: 4, suggestions: '态度可以，效率低' } }),
    ];
    const f = followUpReportFigures(week, calls, now);
    expect(f.reopened).toBe(2);
    expect(f.unsatisfiedCalls.map((u) => [u.callId, u.category, u.department, u.solved, u.reopened])).toEqual([
      ['b', 'quality', 'engineering', false, true],
      ['c', 'service', 'sales', true, false],
      ['d', 'service', 'sales', true, true],
    ]);
    expect(f.suggestions.map((s) => [s.callId, s.text])).toEqual([
      ['d', '态度可以，效率低'],
      ['a', '希望周末也能上门'],
    ]);
  });

  it('GEN-8: overdue and pending are read at the instant given', () => {
    const c = call({ status: 'open', doneAt: null, answers: null });
    expect(followUpReportFigures(week, [c], t('2026-11-19T01:59:59Z'))).toMatchObject({ overdue: 0, pending: 1 });
    expect(followUpReportFigures(week, [c], t('2026-11-19T02:00:00Z'))).toMatchObject({ overdue: 1, pending: 0 });
  });
});

describe('CMP-8 the written part and publishing', () => {
  const week = parseReportPeriod('2026-W47', TZ);
  it('a draft holds strings up to 10 000 characters', () => {
    expect(validateReportText({ causes: '', improvements: '' })).toEqual([]);
    expect(validateReportText({ causes: 'x'.repeat(10_001), improvements: 3 as unknown as string }).map((e) => e.field)).toEqual(['causes', 'improvements']);
  });

  it('publishing needs the period over and both causes and improvements written', () => {
    const text = { causes: '维修人员不足', improvements: '增加周末班' };
    expect(code(() => checkPublishable(week, text, t('2026-11-22T15:59:59Z')))).toBe('FOLLOW_UP_REPORT_PERIOD_OPEN');
    expect(code(() => checkPublishable(week, { causes: ' ', improvements: 'x' }, t('2026-11-22T16:00:00Z')))).toBe('FOLLOW_UP_REPORT_TEXT_REQUIRED');
    expect(() => checkPublishable(week, text, t('2026-11-22T16:00:00Z'))).not.toThrow();
  });
});
