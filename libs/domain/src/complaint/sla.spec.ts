import { businessCalendar } from './business-time.js';
import { DEFAULT_COMPLAINT_POLICY, type ComplaintPolicy, type DayWindow } from './policy.js';
import { escalationAt, nextBreachAt, readClock, unrecordedBreaches, type EscalationFacts, type SlaClock } from './sla.js';

const t = (iso: string) => new Date(iso);
const day: DayWindow[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const policy: ComplaintPolicy = {
  ...DEFAULT_COMPLAINT_POLICY,
  businessHours: { timeZone: null, week: [day, day, day, day, day, [], []], holidays: [], makeupWorkdays: [] },
};
const cal = businessCalendar(policy, 'Asia/Shanghai');
const friday1730 = t('2026-03-06T09:30:00Z');
const mondayDue = t('2026-03-09T02:30:00Z'); // Friday 17:30 + 120 business minutes = Monday 10:30
const ms = (d: Date, n: number) => new Date(d.getTime() + n);

const clock = (over: Partial<SlaClock> = {}): SlaClock => ({
  key: 'first_response',
  kind: 'first_response',
  startedAt: friday1730,
  targetMinutes: 120,
  promisedAt: null,
  stoppedAt: null,
  ...over,
});
const facts = (over: Partial<EscalationFacts> = {}): EscalationFacts => ({ baseLevel: 0, escalations: [], clocks: [clock()], pauses: [], ...over });

describe('CMP-3 SLA clocks read at any instant (GEN-8)', () => {
  it('runs until the deadline and is breached at the deadline instant itself', () => {
    expect(readClock(clock(), cal, [], ms(mondayDue, -1))).toMatchObject({ status: 'running', dueAt: mondayDue, breachedAt: null });
    expect(readClock(clock(), cal, [], mondayDue)).toMatchObject({ status: 'breached', breachedAt: mondayDue, remainingMinutes: 0 });
  });

  it('is met when stopped strictly before the deadline, breached when stopped at or after it', () => {
    expect(readClock(clock({ stoppedAt: ms(mondayDue, -1) }), cal, [], t('2026-03-10T00:00:00Z')).status).toBe('met');
    expect(readClock(clock({ stoppedAt: mondayDue }), cal, [], t('2026-03-10T00:00:00Z')).status).toBe('breached');
    // Read at an instant before it stopped, the clock was still running then.
    expect(readClock(clock({ stoppedAt: ms(mondayDue, -1) }), cal, [], t('2026-03-09T01:00:00Z')).status).toBe('running');
  });

  it('counts elapsed and remaining business minutes, pauses excluded', () => {
    const r = readClock(clock(), cal, [], t('2026-03-09T01:30:00Z')); // Monday 09:30: 30 Friday + 30 Monday
    expect(r.elapsedMinutes).toBe(60);
    expect(r.remainingMinutes).toBe(60);
    const paused = readClock(clock(), cal, [{ from: t('2026-03-09T01:00:00Z'), to: null }], t('2026-03-09T01:30:00Z'));
    expect(paused).toMatchObject({ status: 'paused', dueAt: null, elapsedMinutes: 30, remainingMinutes: null });
  });

  it('a pause before the deadline moves it; a pause that starts after the breach does not undo it', () => {
    const before = [{ from: t('2026-03-09T01:00:00Z'), to: t('2026-03-09T02:00:00Z') }]; // Monday 09:00–10:00
    expect(readClock(clock(), cal, before, mondayDue).dueAt).toEqual(t('2026-03-09T03:30:00Z'));
    const after = [{ from: t('2026-03-09T03:00:00Z'), to: null }];
    expect(readClock(clock(), cal, after, t('2026-03-09T04:00:00Z'))).toMatchObject({ status: 'breached', breachedAt: mondayDue });
  });

  it('the promised reply time (CMP-3) is an absolute deadline that pauses do not move', () => {
    const promise = clock({ key: 'promised_reply:1', kind: 'promised_reply', targetMinutes: null, promisedAt: t('2026-03-07T02:00:00Z') }); // Saturday 10:00
    const pauses = [{ from: t('2026-03-06T09:40:00Z'), to: null }];
    expect(readClock(promise, cal, pauses, t('2026-03-07T01:59:00Z'))).toMatchObject({ status: 'running', remainingMinutes: 1 });
    expect(readClock(promise, cal, pauses, t('2026-03-07T02:00:00Z'))).toMatchObject({ status: 'breached', breachedAt: t('2026-03-07T02:00:00Z') });
  });

  it('a clock without a target never breaches (a grumble owes no fix, CMP-2)', () => {
    expect(readClock(clock({ kind: 'resolution', key: 'resolution:1', targetMinutes: null }), cal, [], t('2027-01-01T00:00:00Z'))).toMatchObject({ status: 'running', dueAt: null });
  });
});

describe('CMP-5 a breach escalates one level, at the exact breach instant', () => {
  it('is at the start level a millisecond before the breach and one level up at the breach instant', () => {
    expect(escalationAt(facts(), policy, cal, ms(mondayDue, -1))).toMatchObject({ level: 0, role: 'cs_agent', breaches: [] });
    expect(escalationAt(facts(), policy, cal, mondayDue)).toMatchObject({ level: 1, role: 'supervisor', breaches: [{ clockKey: 'first_response', at: mondayDue }] });
  });

  it('a job running hours late records the breach at its own instant and level (GEN-8)', () => {
    const late = t('2026-03-09T09:00:00Z'); // Monday 17:00, six and a half hours after the breach
    expect(unrecordedBreaches(facts(), policy, cal, new Set(), late)).toEqual([{ clockKey: 'first_response', kind: 'first_response', at: mondayDue, level: 1, role: 'supervisor' }]);
    expect(unrecordedBreaches(facts(), policy, cal, new Set(['first_response']), late)).toEqual([]);
  });

  it('each breach moves one level, manual and reopening steps add, the top of the chain caps it', () => {
    const resolution = clock({ key: 'resolution:1', kind: 'resolution', targetMinutes: 240 }); // 30 on Friday, 180 on Monday morning, 30 after lunch: Monday 13:30
    const f = facts({ clocks: [clock(), resolution] });
    const resolutionDue = t('2026-03-09T05:30:00Z');
    expect(escalationAt(f, policy, cal, ms(resolutionDue, -1)).level).toBe(1);
    expect(escalationAt(f, policy, cal, resolutionDue)).toMatchObject({ level: 2, role: 'manager', atTop: true });
    const manual = facts({ escalations: [{ at: t('2026-03-06T09:35:00Z'), reason: 'manual' }] });
    expect(escalationAt(manual, policy, cal, t('2026-03-06T09:36:00Z')).level).toBe(1);
    expect(escalationAt(manual, policy, cal, mondayDue)).toMatchObject({ level: 2, atTop: true });
    expect(escalationAt({ ...manual, baseLevel: 2 }, policy, cal, mondayDue).level).toBe(2);
  });

  it('recorded breach steps are not counted twice: the clocks say when breaches happened', () => {
    const recorded = facts({ escalations: [{ at: mondayDue, reason: 'breach', clockKey: 'first_response' }] });
    expect(escalationAt(recorded, policy, cal, t('2026-03-10T00:00:00Z')).level).toBe(1);
  });

  it('a breach of a met clock never happens; the next breach instant is known for the job', () => {
    expect(escalationAt(facts({ clocks: [clock({ stoppedAt: t('2026-03-06T09:40:00Z') })] }), policy, cal, t('2026-03-20T00:00:00Z')).level).toBe(0);
    expect(nextBreachAt(facts(), cal, friday1730)).toEqual(mondayDue);
    expect(nextBreachAt(facts(), cal, mondayDue)).toBeNull();
    expect(nextBreachAt(facts({ pauses: [{ from: friday1730, to: null }] }), cal, friday1730)).toBeNull();
  });
});
