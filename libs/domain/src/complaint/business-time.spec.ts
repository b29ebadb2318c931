import { DomainError } from '../common/errors.js';
import { addBusinessMinutes, businessCalendar, businessMinutesBetween, isBusinessTime, type BusinessCalendar } from './business-time.js';
import { COMPLAINT_PRESETS, type ComplaintPolicy, type DayWindow } from './policy.js';

const t = (iso: string) => new Date(iso);
const day: DayWindow[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
/** Monday–Friday 09:00–12:00 and 13:00–18:00, closed at weekends. */
const hours = (over: Partial<ComplaintPolicy['businessHours']> = {}): Pick<ComplaintPolicy, 'businessHours'> => ({
  businessHours: { timeZone: null, week: [day, day, day, day, day, [], []], holidays: [], makeupWorkdays: [], ...over },
});
const shanghai = businessCalendar(hours(), 'Asia/Shanghai');
// 2026-03-06 is a Friday; Shanghai is UTC+8 all year.
const friday1730 = t('2026-03-06T09:30:00Z');

describe('CMP-3/CMP-5 SLA arithmetic in business hours', () => {
  it('counts 120 business minutes from Friday 17:30 across the weekend to Monday 10:30', () => {
    // 30 minutes on Friday, 90 on Monday morning.
    expect(addBusinessMinutes(shanghai, friday1730, 120)).toEqual(t('2026-03-09T02:30:00Z'));
    expect(businessMinutesBetween(shanghai, friday1730, t('2026-03-09T02:30:00Z'))).toBe(120);
  });

  it('skips the lunch break inside a day', () => {
    // Monday 11:00 + 90 = 60 before lunch, 30 after 13:00 → 13:30.
    expect(addBusinessMinutes(shanghai, t('2026-03-09T03:00:00Z'), 90)).toEqual(t('2026-03-09T05:30:00Z'));
  });

  it('a target ending exactly at closing time is due at closing time, not the next morning', () => {
    expect(addBusinessMinutes(shanghai, t('2026-03-06T09:00:00Z'), 60)).toEqual(t('2026-03-06T10:00:00Z')); // Fri 17:00 + 60 = 18:00
  });

  it('a clock started at night or at the weekend starts counting at the next opening', () => {
    expect(addBusinessMinutes(shanghai, t('2026-03-07T04:00:00Z'), 30)).toEqual(t('2026-03-09T01:30:00Z')); // Saturday noon → Monday 09:30
    expect(businessMinutesBetween(shanghai, t('2026-03-06T11:00:00Z'), t('2026-03-09T00:59:00Z'))).toBe(0); // Fri 19:00 → Mon 08:59
  });

  it('skips holidays and works make-up days (调休) with Monday hours', () => {
    const holiday = businessCalendar(hours({ holidays: ['2026-03-09'] }), 'Asia/Shanghai');
    expect(addBusinessMinutes(holiday, friday1730, 120)).toEqual(t('2026-03-10T02:30:00Z')); // Tuesday 10:30
    const makeup = businessCalendar(hours({ makeupWorkdays: ['2026-03-07'] }), 'Asia/Shanghai');
    expect(addBusinessMinutes(makeup, friday1730, 120)).toEqual(t('2026-03-07T02:30:00Z')); // Saturday 10:30
  });

  it('pauses (waiting on the customer) stop the clock, also across the weekend', () => {
    // Waiting from Friday 17:45 until Monday 10:00: 15 minutes on Friday, then 105 from Monday 10:00 → 11:45.
    const pauses = [{ from: t('2026-03-06T09:45:00Z'), to: t('2026-03-09T02:00:00Z') }];
    expect(addBusinessMinutes(shanghai, friday1730, 120, pauses)).toEqual(t('2026-03-09T03:45:00Z'));
    expect(businessMinutesBetween(shanghai, friday1730, t('2026-03-09T03:45:00Z'), pauses)).toBe(120);
    // Overlapping and out-of-order pauses count once.
    const messy = [pauses[0], { from: t('2026-03-09T01:00:00Z'), to: t('2026-03-09T01:30:00Z') }, { from: t('2026-03-06T09:50:00Z'), to: t('2026-03-06T10:00:00Z') }];
    expect(addBusinessMinutes(shanghai, friday1730, 120, messy)).toEqual(t('2026-03-09T03:45:00Z'));
  });

  it('a pause still open makes the deadline unknown when it falls inside it; not when the target is reached before', () => {
    const open = [{ from: t('2026-03-06T09:45:00Z'), to: null }];
    expect(addBusinessMinutes(shanghai, friday1730, 120, open)).toBeNull();
    expect(addBusinessMinutes(shanghai, friday1730, 10, open)).toEqual(t('2026-03-06T09:40:00Z'));
    expect(isBusinessTime(shanghai, t('2026-03-06T09:50:00Z'), open)).toBe(false);
    expect(isBusinessTime(shanghai, t('2026-03-06T09:50:00Z'))).toBe(true);
  });

  it('is time-zone correct: the same hours in another zone are other instants (GEN-4)', () => {
    const utc = businessCalendar(hours(), 'UTC');
    expect(addBusinessMinutes(utc, t('2026-03-06T17:30:00Z'), 120)).toEqual(t('2026-03-09T10:30:00Z'));
    // The policy's own zone wins over the site's.
    const own = businessCalendar(hours({ timeZone: 'UTC' }), 'Asia/Shanghai');
    expect(own.timeZone).toBe('UTC');
    // A zone with daylight saving: Friday 17:30 EST + 120 → Monday 10:30 EDT, after the change of 8 March.
    const ny = businessCalendar(hours(), 'America/New_York');
    expect(addBusinessMinutes(ny, t('2026-03-06T22:30:00Z'), 120)).toEqual(t('2026-03-09T14:30:00Z'));
  });

  it('a 24-hour call centre counts every minute, across midnight (24:00 ends the day)', () => {
    const cc = businessCalendar(COMPLAINT_PRESETS['property-call-centre'], 'Asia/Shanghai');
    expect(addBusinessMinutes(cc, t('2026-03-07T15:00:00Z'), 120)).toEqual(t('2026-03-07T17:00:00Z'));
    expect(businessMinutesBetween(cc, t('2026-03-07T15:00:00Z'), t('2026-03-08T15:00:00Z'))).toBe(24 * 60);
  });

  it('refuses a calendar that never opens instead of looping forever', () => {
    const closed: BusinessCalendar = { ...shanghai, week: [[], [], [], [], [], [], []] };
    let error: unknown;
    try {
      addBusinessMinutes(closed, friday1730, 1);
    } catch (e) {
      error = e;
    }
    expect((error as DomainError).code).toBe('BUSINESS_HOURS_NEVER_OPEN');
    expect(() => addBusinessMinutes(shanghai, friday1730, -1)).toThrow(RangeError);
  });

  it('adding n business minutes and measuring them back agree, for many starts, targets and pauses (seeded)', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const holidayCal = businessCalendar(hours({ holidays: ['2026-03-11'], makeupWorkdays: ['2026-03-14'] }), 'Asia/Shanghai');
    for (let i = 0; i < 300; i++) {
      const start = new Date(Date.UTC(2026, 2, 2) + rnd(14 * 24 * 60) * 60_000);
      const minutes = 1 + rnd(3000);
      const pauses = Array.from({ length: rnd(3) }, () => {
        const from = new Date(start.getTime() + rnd(5 * 24 * 60) * 60_000);
        return { from, to: new Date(from.getTime() + (1 + rnd(24 * 60)) * 60_000) };
      });
      const due = addBusinessMinutes(holidayCal, start, minutes, pauses)!;
      expect(businessMinutesBetween(holidayCal, start, due, pauses)).toBe(minutes);
      // One minute earlier, less than the target had passed.
      expect(businessMinutesBetween(holidayCal, start, new Date(due.getTime() - 60_000), pauses)).toBeLessThan(minutes);
    }
  });
});
