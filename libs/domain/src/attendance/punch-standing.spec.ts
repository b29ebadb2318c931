import { zonedTime } from '../common/time.js';
import { punchStanding, type PunchStandingInput } from './punch-standing.js';
import { PRESETS, type PresetName } from './policy.js';

const TZ = 'Asia/Shanghai';
const at = (time: string, seconds = 0, date = '2026-03-02') => new Date(zonedTime(date, time, TZ).getTime() + seconds * 1000);
const input = (preset: PresetName, kind: 'in' | 'out', when: Date, over: Partial<PunchStandingInput> = {}): PunchStandingInput => {
  const seg = PRESETS[preset].shifts[0].segments[0];
  return { kind, at: when, segment: { from: at(seg.start), to: at(seg.end) }, lastSegment: true, policy: PRESETS[preset], ...over };
};

describe('ATT-4 the clock-in answer: on time or late n minutes', () => {
  it('case site (grace 0): 08:30:00 is on time, 08:30:01 is 1 minute late', () => {
    expect(punchStanding(input('case-site', 'in', at('08:30')))).toMatchObject({ status: 'on_time', minutes: 0, ruleIds: ['ATT-4'] });
    expect(punchStanding(input('case-site', 'in', at('08:30', 1)))).toMatchObject({ status: 'late', minutes: 1, ruleIds: ['ATT-4'] });
  });

  it('trampoline (late grace 5): 09:05 is on time, 09:05:01 is 6 minutes late — counted from the start, not the end of the grace', () => {
    expect(punchStanding(input('trampoline-park', 'in', at('09:05'))).status).toBe('on_time');
    expect(punchStanding(input('trampoline-park', 'in', at('09:05', 1)))).toMatchObject({ status: 'late', minutes: 6 });
  });

  it('ATT-1 call centre: the deadline is the shift start minus the hand-over', () => {
    const res = punchStanding(input('call-centre', 'in', at('07:55')));
    expect(res).toMatchObject({ status: 'late', minutes: 5, ruleIds: ['ATT-1', 'ATT-4'] });
    expect(res.reference).toEqual(at('07:50'));
  });

  it('ATT-5: more than the threshold late is an absent day', () => {
    expect(punchStanding(input('case-site', 'in', at('09:30')))).toMatchObject({ status: 'late', minutes: 60 });
    expect(punchStanding(input('case-site', 'in', at('09:30', 1)))).toMatchObject({ status: 'absent', minutes: 61, ruleIds: ['ATT-4', 'ATT-5'] });
  });

  it('ATT-7/ATT-10: leave or a business-out covering the start moves the deadline to its end', () => {
    const covering = [{ from: at('08:00'), to: at('10:00') }];
    expect(punchStanding(input('case-site', 'in', at('10:00'), { covering })).status).toBe('on_time');
    expect(punchStanding(input('case-site', 'in', at('10:03'), { covering }))).toMatchObject({ status: 'late', minutes: 3 });
  });
});

describe('ATT-4 the clock-out answer: early n minutes or not', () => {
  it('case site: 17:29 is 1 minute early, 17:30 is not early', () => {
    expect(punchStanding(input('case-site', 'out', at('17:29')))).toMatchObject({ status: 'early_leave', minutes: 1 });
    expect(punchStanding(input('case-site', 'out', at('17:30'))).status).toBe('on_time');
  });

  it('on-site (early grace 15): 11:45 is not early, 11:44:59 is 16 minutes early', () => {
    expect(punchStanding(input('on-site-ops', 'out', at('11:45'))).status).toBe('on_time');
    expect(punchStanding(input('on-site-ops', 'out', at('11:44', 59)))).toMatchObject({ status: 'early_leave', minutes: 16 });
  });

  it('ATT-1 case site: a recorded evening meeting moves the end of the day', () => {
    const res = punchStanding(input('case-site', 'out', at('17:45'), { eveningMeetingEnd: at('18:00') }));
    expect(res).toMatchObject({ status: 'early_leave', minutes: 15, ruleIds: ['ATT-1', 'ATT-4'] });
    // Not on a site whose day does not wait for the meeting.
    expect(punchStanding(input('hotel-sales', 'out', at(PRESETS['hotel-sales'].shifts[0].segments[0].end), { eveningMeetingEnd: at('23:00') })).status).toBe('on_time');
  });

  it('ATT-5: leaving more than the threshold early is an absent day; leave covering the end excuses it', () => {
    expect(punchStanding(input('case-site', 'out', at('16:00')))).toMatchObject({ status: 'absent', minutes: 90, ruleIds: ['ATT-4', 'ATT-5'] });
    expect(punchStanding(input('case-site', 'out', at('16:00'), { covering: [{ from: at('16:00'), to: at('17:30') }] })).status).toBe('on_time');
  });
});
