import { isCalendarDate, isSameDayEntry, localClock, localDate, localDateTime, zonedTime } from './time.js';

describe('GEN-4 site time zone', () => {
  it('evaluates the local date in the site zone, not UTC', () => {
    // 2026-03-01 17:30 UTC is 2026-03-02 01:30 in Shanghai
    expect(localDate(new Date('2026-03-01T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T17:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('writes an instant as the site reads it: HH:mm and YYYY-MM-DD HH:mm, zero-padded, across the date line', () => {
    expect(localClock(new Date('2026-03-01T17:05:00Z'), 'Asia/Shanghai')).toBe('01:05');
    expect(localDateTime(new Date('2026-03-01T17:05:59Z'), 'Asia/Shanghai')).toBe('2026-03-02 01:05');
    expect(localDateTime(new Date('2026-03-01T17:05:00Z'), 'UTC')).toBe('2026-03-01 17:05');
    expect(localDateTime(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02 00:00');
  });

  it('turns a wall-clock time on a local date into the UTC instant', () => {
    expect(zonedTime('2026-03-02', '08:30', 'Asia/Shanghai').toISOString()).toBe('2026-03-02T00:30:00.000Z');
  });

  it('handles a daylight-saving zone on both sides of the change', () => {
    expect(zonedTime('2026-03-07', '09:00', 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedTime('2026-03-09', '09:00', 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('rejects dates that do not exist', () => {
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
});

describe('GEN-11 same-day entry', () => {
  it('accepts an entry made the same local day and flags one made the next day', () => {
    const visit = new Date('2026-03-02T10:00:00Z'); // 18:00 Shanghai
    expect(isSameDayEntry(visit, new Date('2026-03-02T15:59:00Z'), 'Asia/Shanghai')).toBe(true); // 23:59
    expect(isSameDayEntry(visit, new Date('2026-03-02T16:01:00Z'), 'Asia/Shanghai')).toBe(false); // 00:01 next day
  });
});
