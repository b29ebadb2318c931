import { DomainError } from '../common/errors.js';
import { classify, initialLevel, validateIntake, type ComplaintIntake } from './intake.js';
import { COMPLAINT_PRESET_NAMES, COMPLAINT_PRESETS, DEFAULT_COMPLAINT_POLICY, restMinutesPerDay, slaTargetFor, validateComplaintPolicy, type ComplaintPolicy } from './policy.js';

const policy = DEFAULT_COMPLAINT_POLICY;
const fields = (p: ComplaintPolicy) => validateComplaintPolicy(p).map((e) => e.field);
const edit = (f: (p: ComplaintPolicy) => void): ComplaintPolicy => {
  const p = structuredClone(policy);
  f(p);
  return p;
};
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('CMP-1..CMP-10 policy: every number is a per-site setting', () => {
  it.each(COMPLAINT_PRESET_NAMES)('the preset %s is valid', (name) => {
    expect(validateComplaintPolicy(COMPLAINT_PRESETS[name])).toEqual([]);
  });

  it('defaults follow the sources: 3-day follow-up, low score 6 or less, supervisor calls back, agent → supervisor → manager (CMP-5, CMP-7, CMP-10)', () => {
    expect(policy.followUp).toMatchObject({ windowHours: 72, lowScoreAtMost: 6, callerRole: 'supervisor' });
    expect(policy.escalation.chain).toEqual(['cs_agent', 'supervisor', 'manager']);
    expect(policy.discipline.staffKind).toBe('violation_slip');
  });

  it('refuses broken business hours', () => {
    expect(fields(edit((p) => (p.businessHours.week = p.businessHours.week.slice(0, 6))))).toContain('businessHours.week');
    expect(fields(edit((p) => (p.businessHours.week[0] = [{ start: '18:00', end: '09:00' }])))).toContain('businessHours.week[0][0]');
    expect(fields(edit((p) => (p.businessHours.week[0] = [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }])))).toContain('businessHours.week[0][1]');
    expect(fields(edit((p) => (p.businessHours.week = [[], [], [], [], [], [], []])))).toContain('businessHours.week');
    expect(fields(edit((p) => (p.businessHours.timeZone = 'Mars/Olympus')))).toContain('businessHours.timeZone');
    expect(fields(edit((p) => (p.businessHours.holidays = ['2026-02-30'])))).toContain('businessHours.holidays[0]');
    expect(fields(edit((p) => ((p.businessHours.holidays = ['2026-10-01']), (p.businessHours.makeupWorkdays = ['2026-10-01']))))).toContain('businessHours.makeupWorkdays[0]');
  });

  it('refuses broken SLA targets, categories, chains and follow-up settings', () => {
    expect(fields(edit((p) => (p.sla.bySeverity.normal.firstResponseMinutes = 0)))).toContain('sla.bySeverity.normal.firstResponseMinutes');
    expect(fields(edit((p) => (p.sla.bySeverity.major.resolutionMinutes = 5)))).toContain('sla.bySeverity.major.resolutionMinutes');
    expect(fields(edit((p) => p.sla.overrides.push({ category: 'nope', severity: 'normal', firstResponseMinutes: 10, resolutionMinutes: 60 })))).toContain('sla.overrides[0].category');
    expect(fields(edit((p) => p.categories.push({ ...p.categories[0] })))).toContain('categories[4].code');
    expect(fields(edit((p) => (p.categories[0].investigatorRole = 'partner')))).toContain('categories[0].investigatorRole');
    expect(fields(edit((p) => (p.escalation.chain = ['cs_agent'])))).toContain('escalation.chain');
    expect(fields(edit((p) => (p.escalation.majorStartsAt = 'director')))).toContain('escalation.majorStartsAt');
    expect(fields(edit((p) => (p.followUp.lowScoreAtMost = 10)))).toContain('followUp.lowScoreAtMost');
    expect(fields(edit((p) => (p.followUp.earliestAfterHours = 72)))).toContain('followUp.earliestAfterHours');
    expect(fields(edit((p) => (p.followUp.restHours = [{ start: '08:00', end: '07:00' }])))).toContain('followUp.restHours');
    expect(fields(edit((p) => (p.discipline.staffAmountFen = -1)))).toContain('discipline.staffAmountFen');
  });

  it('rest hours may wrap midnight: 21:00–09:00 and 12:00–14:00 are 14 hours', () => {
    expect(restMinutesPerDay(policy.followUp.restHours)).toBe(14 * 60);
  });

  it('SLA targets by category × severity: an override wins, grumbles have their own (CMP-2)', () => {
    const car = COMPLAINT_PRESETS['car-service'];
    expect(slaTargetFor(car, { kind: 'complaint', category: 'quality', severity: 'normal' }).resolutionMinutes).toBe(3 * 9 * 60);
    expect(slaTargetFor(car, { kind: 'complaint', category: 'service', severity: 'normal' }).resolutionMinutes).toBe(2 * 9 * 60);
    expect(slaTargetFor(car, { kind: 'grumble', category: 'quality', severity: 'major' })).toEqual(car.sla.grumble);
  });
});

describe('CMP-1 intake', () => {
  const intake: ComplaintIntake = { channel: 'phone', complainantName: '王先生', contact: '13812345678', content: '维修后仍漏油', subjectType: 'repair_order', subjectRef: 'RO-1', importantCustomer: false };
  it('accepts a complete entry of the complaint log', () => {
    expect(validateIntake(intake)).toEqual([]);
    expect(validateIntake({ ...intake, channel: 'follow_up_call', subjectType: 'none', subjectRef: null })).toEqual([]);
  });
  it('lists each missing or wrong field', () => {
    const bad = { ...intake, channel: 'fax', complainantName: ' ', content: '', subjectType: 'staff', subjectRef: null } as unknown as ComplaintIntake;
    expect(validateIntake(bad).map((e) => e.field)).toEqual(['channel', 'complainantName', 'content', 'subjectRef']);
    expect(validateIntake({ ...intake, content: 'x'.repeat(4001) }).map((e) => e.field)).toEqual(['content']);
  });
});

describe('CMP-2 classification', () => {
  it('fills the responsible department and investigator from the category (CMP-4)', () => {
    expect(classify({ kind: 'complaint', validity: 'valid', category: 'quality', severity: 'normal' }, policy)).toEqual({
      kind: 'complaint',
      validity: 'valid',
      category: 'quality',
      severity: 'normal',
      department: 'engineering',
      investigatorRole: 'manager',
    });
    expect(classify({ kind: 'grumble', validity: 'valid', category: 'service', severity: 'minor', department: '前台' }, policy).department).toBe('前台');
  });
  it('refuses an unknown category, kind or severity with the stable code', () => {
    expect(code(() => classify({ kind: 'complaint', validity: 'valid', category: 'weather', severity: 'normal' }, policy))).toBe('COMPLAINT_CLASSIFICATION_INVALID');
    expect(code(() => classify({ kind: 'moan', validity: 'valid', category: 'service', severity: 'normal' } as never, policy))).toBe('COMPLAINT_CLASSIFICATION_INVALID');
    expect(code(() => classify({ kind: 'complaint', validity: 'maybe', category: 'service', severity: 'urgent' } as never, policy))).toBe('COMPLAINT_CLASSIFICATION_INVALID');
  });
  it('CMP-5: a major complaint or an important customer starts at the manager', () => {
    expect(initialLevel(policy, { severity: 'normal', importantCustomer: false })).toBe(0);
    expect(initialLevel(policy, { severity: 'major', importantCustomer: false })).toBe(2);
    expect(initialLevel(policy, { severity: null, importantCustomer: true })).toBe(2);
    expect(initialLevel({ ...policy, escalation: { ...policy.escalation, importantCustomerStartsAt: 'supervisor' } }, { severity: 'minor', importantCustomer: true })).toBe(1);
  });
});
