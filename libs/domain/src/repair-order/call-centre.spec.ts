import type { ShiftTemplate } from '../attendance/policy.js';
import { callCentreDay } from './call-centre.js';

const heating = { heatingSeason: { from: '11-15', to: '03-15' } };
const early: ShiftTemplate = { code: 'early', name: '早班', segments: [{ start: '08:00', end: '20:00' }] };
const late: ShiftTemplate = { code: 'late', name: '晚班', segments: [{ start: '09:00', end: '21:00' }] };
const night: ShiftTemplate = { code: 'night', name: '夜班', segments: [{ start: '20:00', end: '08:00' }] };
const split: ShiftTemplate = { code: 'split', name: '两头班', segments: [{ start: '07:00', end: '11:00' }, { start: '17:00', end: '21:00' }] };

describe('RO-11 the call centre around the clock in the heating season', () => {
  it('an early shift and the night shifts of yesterday and today cover the whole day: no gap', () => {
    const day = callCentreDay('2026-11-24', heating, [
      { userId: 'a', date: '2026-11-23', shift: night },
      { userId: 'b', date: '2026-11-24', shift: early },
      { userId: 'c', date: '2026-11-24', shift: night },
    ]);
    expect(day.roundTheClock).toBe(true);
    expect(day.gaps).toEqual([]);
    expect(day.windows).toEqual([
      { from: '00:00', to: '08:00', userIds: ['a'] },
      { from: '08:00', to: '20:00', userIds: ['b'] },
      { from: '20:00', to: '24:00', userIds: ['c'] },
    ]);
  });

  it('without the night shifts the night is a gap, before and after the day shifts', () => {
    const day = callCentreDay('2026-11-24', heating, [
      { userId: 'b', date: '2026-11-24', shift: early },
      { userId: 'd', date: '2026-11-24', shift: late },
    ]);
    expect(day.gaps).toEqual([
      { from: '00:00', to: '08:00' },
      { from: '21:00', to: '24:00' },
    ]);
    expect(day.windows.map((w) => [w.from, w.to, w.userIds.join('+')])).toEqual([
      ['00:00', '08:00', ''],
      ['08:00', '09:00', 'b'],
      ['09:00', '20:00', 'b+d'],
      ['20:00', '21:00', 'd'],
      ['21:00', '24:00', ''],
    ]);
  });

  it("yesterday's day shift and tomorrow's shifts do not count; a split shift leaves its middle uncovered", () => {
    const day = callCentreDay('2026-11-24', heating, [
      { userId: 'x', date: '2026-11-23', shift: early },
      { userId: 'y', date: '2026-11-25', shift: night },
      { userId: 's', date: '2026-11-24', shift: split },
    ]);
    expect(day.gaps).toEqual([
      { from: '00:00', to: '07:00' },
      { from: '11:00', to: '17:00' },
      { from: '21:00', to: '24:00' },
    ]);
  });

  it('outside the heating season (or with none) nothing is a gap; the rota is still shown', () => {
    const shifts = [{ userId: 'b', date: '2026-07-01', shift: early }];
    expect(callCentreDay('2026-07-01', heating, shifts)).toMatchObject({ roundTheClock: false, gaps: [] });
    const none = callCentreDay('2026-12-01', { heatingSeason: null }, shifts);
    expect(none.roundTheClock).toBe(false);
    expect(none.windows).toEqual([{ from: '00:00', to: '24:00', userIds: [] }]);
  });

  it('a season spanning the new year counts its last day, not the day after', () => {
    expect(callCentreDay('2027-03-15', heating, []).gaps).toEqual([{ from: '00:00', to: '24:00' }]);
    expect(callCentreDay('2027-03-16', heating, []).gaps).toEqual([]);
  });
});
