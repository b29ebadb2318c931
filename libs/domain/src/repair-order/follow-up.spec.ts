import { DomainError } from '../common/errors.js';
import { assessWarrantyClaim, evaluateVehicleFollowUp, serviceReminderAt, serviceReminderStateAt, type VehicleFollowUpAnswers } from './follow-up.js';
import { DEFAULT_REPAIR_ORDER_POLICY as policy } from './policy.js';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 8 * 3_600_000);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};
const answers: VehicleFollowUpAnswers = { solved: true, attitude: 'satisfied', charged: true, score: 9, suggestions: '', careAdviceGiven: true, nextServiceDateTold: true };

describe('RO-10 the follow-up call script (CMP-7 answers, CMP-10 verdict)', () => {
  it('a good call closes nothing; the rule ids name RO-10 and CMP-7', () => {
    expect(evaluateVehicleFollowUp(answers, policy)).toMatchObject({ reopen: false, openCase: false, ruleIds: ['RO-10', 'CMP-7'] });
  });
  it('a vehicle that does not run well, or a low score (policy: 6 or less), opens a case for the advisor', () => {
    expect(evaluateVehicleFollowUp({ ...answers, solved: false }, policy)).toMatchObject({ openCase: true, reasons: ['not_solved'] });
    expect(evaluateVehicleFollowUp({ ...answers, score: 6 }, policy)).toMatchObject({ openCase: true, reasons: ['low_score'] });
    expect(evaluateVehicleFollowUp({ ...answers, score: 7 }, policy).openCase).toBe(false);
  });
  it('the call gives care advice and tells the next service date; malformed answers are refused', () => {
    expect(code(() => evaluateVehicleFollowUp({ ...answers, nextServiceDateTold: false }, policy))).toBe('RO_FOLLOW_UP_SCRIPT_INCOMPLETE');
    expect(code(() => evaluateVehicleFollowUp({ ...answers, careAdviceGiven: 'yes' as unknown as boolean }, policy))).toBe('FOLLOW_UP_ANSWERS_INVALID');
    expect(code(() => evaluateVehicleFollowUp({ ...answers, score: 0 }, policy))).toBe('FOLLOW_UP_ANSWERS_INVALID');
  });
});

describe('RO-10 next-service reminders', () => {
  it('go out the policy days before the next service date, at the first callable time of that day', () => {
    // 7 days before 2026-09-02 → 2026-08-26, 09:00 (rest hours end).
    expect(serviceReminderAt({ dueDate: '2026-09-02' }, policy, TZ, local('2026-03-02', '17:00'))).toEqual(local('2026-08-26', '09:00'));
  });
  it('a reminder day already past is due at once (at a callable time), none after the service date', () => {
    expect(serviceReminderAt({ dueDate: '2026-09-02' }, policy, TZ, local('2026-08-30', '22:00'))).toEqual(local('2026-08-31', '09:00'));
    expect(serviceReminderAt({ dueDate: '2026-09-02' }, policy, TZ, local('2026-09-03', '10:00'))).toBeNull();
    expect(serviceReminderAt({ dueDate: null }, policy, TZ, local('2026-03-02', '10:00'))).toBeNull();
  });
  it('GEN-8 the state is read from stored times', () => {
    const remindAt = local('2026-08-26', '09:00');
    expect(serviceReminderStateAt({ remindAt, sentAt: null }, local('2026-08-26', '08:59'))).toBe('pending');
    expect(serviceReminderStateAt({ remindAt, sentAt: null }, remindAt)).toBe('due');
    expect(serviceReminderStateAt({ remindAt, sentAt: local('2026-08-26', '09:05') }, local('2026-08-27', '00:00'))).toBe('sent');
    expect(serviceReminderStateAt({ remindAt: null, sentAt: null }, remindAt)).toBe('none');
  });
});

describe('RO-10 warranty claims (索赔), checked against the guarantee and RO-3', () => {
  const order = {
    exitedAt: local('2026-03-02', '17:00'),
    exitOdometerKm: 20_000,
    lines: [
      { id: 'L1', noGuarantee: false },
      { id: 'L2', noGuarantee: true },
    ],
  };
  it('inside 30 days and 5,000 km: covered, except the lines without a guarantee', () => {
    const a = assessWarrantyClaim({ lineIds: ['L1', 'L2'], description: '刹车异响', odometerKm: 21_000 }, order, policy, TZ, local('2026-04-01', '10:00'));
    expect(a).toMatchObject({ inPeriod: true, coveredLineIds: ['L1'], excludedLineIds: ['L2'], expiresOn: '2026-04-01', expiresAtKm: 25_000 });
  });
  it('whichever ends first: the day after, or beyond the km', () => {
    expect(assessWarrantyClaim({ lineIds: ['L1'], description: 'x', odometerKm: 21_000 }, order, policy, TZ, local('2026-04-02', '10:00')).inPeriod).toBe(false);
    expect(assessWarrantyClaim({ lineIds: ['L1'], description: 'x', odometerKm: 25_001 }, order, policy, TZ, local('2026-03-10', '10:00'))).toMatchObject({ inPeriod: false, coveredLineIds: [] });
  });
  it('refuses lines of another order and an odometer below the exit reading', () => {
    expect(code(() => assessWarrantyClaim({ lineIds: ['Z1'], description: 'x', odometerKm: 21_000 }, order, policy, TZ, local('2026-03-10', '10:00')))).toBe('RO_WARRANTY_CLAIM_INVALID');
    expect(code(() => assessWarrantyClaim({ lineIds: ['L1'], description: 'x', odometerKm: 19_000 }, order, policy, TZ, local('2026-03-10', '10:00')))).toBe('RO_WARRANTY_CLAIM_INVALID');
  });
});
