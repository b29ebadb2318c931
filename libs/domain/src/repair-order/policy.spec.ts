import { DEFAULT_REPAIR_ORDER_POLICY, REPAIR_ORDER_PRESETS, REPAIR_ORDER_PRESET_NAMES, followUpPolicyOf, validateRepairOrderPolicy, type RepairOrderPolicy } from './policy.js';

const fields = (p: unknown) => validateRepairOrderPolicy(p as RepairOrderPolicy).map((e) => e.field);
const edit = (f: (p: RepairOrderPolicy) => void) => {
  const p = structuredClone(DEFAULT_REPAIR_ORDER_POLICY);
  f(p);
  return fields(p);
};

describe('RO policy: presets and validation (every number is a site setting)', () => {
  it.each(REPAIR_ORDER_PRESET_NAMES)('the %s preset is valid', (name) => {
    expect(validateRepairOrderPolicy(REPAIR_ORDER_PRESETS[name])).toEqual([]);
  });
  it('the vehicle preset carries the source numbers: system estimate, 10-minute rounding, 70–80 %, follow-up 2 days to a week', () => {
    const p = REPAIR_ORDER_PRESETS['vehicle-service-centre'];
    expect(p.estimate.defaultMethod).toBe('system');
    expect(p.dispatchRoundingMinutes).toBe(10);
    expect(p.progressCheck).toEqual({ fromPercent: 70, toPercent: 80 });
    expect([p.followUp.earliestAfterHours, p.followUp.windowHours]).toEqual([48, 168]);
    expect(p.discountLevels[0].role).toBe('supervisor');
  });
  it('the property preset has a heating season and the CMP-7 three-day follow-up for tickets', () => {
    const p = REPAIR_ORDER_PRESETS['property-management'];
    expect(p.heatingSeason).toEqual({ from: '11-15', to: '03-15' });
    expect(p.tickets.followUp.windowHours).toBe(72);
  });
  it('never throws on garbage and lists problems by field', () => {
    expect(() => validateRepairOrderPolicy({} as RepairOrderPolicy)).not.toThrow();
    expect(() => validateRepairOrderPolicy(null as unknown as RepairOrderPolicy)).not.toThrow();
    expect(fields({})).toEqual(expect.arrayContaining(['preset', 'estimate.defaultMethod', 'discountLevels', 'tickets.departments', 'followUp.windowHours']));
  });
  it('RO-1 an interval needs a distance or a time', () => {
    expect(edit((p) => (p.serviceInterval = { km: null, months: null }))).toContain('serviceInterval');
    expect(edit((p) => (p.serviceInterval = { km: null, months: 6 }))).toEqual([]);
    expect(edit((p) => (p.serviceInterval = { km: 50, months: 6 }))).toContain('serviceInterval.km');
  });
  it('RO-3 method, margin and critical systems', () => {
    expect(edit((p) => ((p.estimate as { defaultMethod: string }).defaultMethod = 'guess'))).toContain('estimate.defaultMethod');
    expect(edit((p) => (p.estimate.symptomRiskMarginPercent = 101))).toContain('estimate.symptomRiskMarginPercent');
    expect(edit((p) => (p.estimate.criticalSystems = ['brakes', 'brakes']))).toContain('estimate.criticalSystems');
    expect(edit((p) => (p.estimate.criticalSystems = ['Brakes!']))).toContain('estimate.criticalSystems[0]');
  });
  it('RO-6 the rounding divides an hour; RO-8 the window is ordered', () => {
    expect(edit((p) => (p.dispatchRoundingMinutes = 7))).toContain('dispatchRoundingMinutes');
    expect(edit((p) => (p.dispatchRoundingMinutes = 15))).toEqual([]);
    expect(edit((p) => (p.progressCheck = { fromPercent: 80, toPercent: 70 }))).toContain('progressCheck.toPercent');
    expect(edit((p) => (p.progressCheck = { fromPercent: 75, toPercent: 75 }))).toEqual([]);
  });
  it('RO-9 discount levels rise and end at 100 %', () => {
    expect(edit((p) => (p.discountLevels = [{ upToPercent: 10, role: 'supervisor' }]))).toContain('discountLevels');
    expect(edit((p) => (p.discountLevels = [{ upToPercent: 20, role: 'supervisor' }, { upToPercent: 10, role: 'manager' }, { upToPercent: 100, role: 'director' }]))).toContain('discountLevels[1].upToPercent');
    expect(edit((p) => (p.discountLevels = [{ upToPercent: 100, role: 'partner' }]))).toContain('discountLevels[0].role');
  });
  it("RO-10 follow-up settings are checked by CMP-7's own validation, under this policy's field names", () => {
    expect(edit((p) => (p.followUp.earliestAfterHours = 168))).toContain('followUp.earliestAfterHours');
    expect(edit((p) => (p.tickets.followUp.callerRole = 'partner'))).toContain('tickets.followUp.callerRole');
    expect(edit((p) => (p.followUp.restHours = [{ start: '00:00', end: '23:00' }]))).toContain('followUp.restHours');
  });
  it('RO-11 departments, categories, business hours (the complaint calendar), chain, heating season', () => {
    expect(edit((p) => (p.tickets.categories[0].department = 'nowhere'))).toContain('tickets.categories[0].department');
    expect(edit((p) => (p.tickets.departments[0].timeLimitMinutes = 0))).toContain('tickets.departments[0].timeLimitMinutes');
    expect(edit((p) => (p.tickets.businessHours = { ...p.tickets.businessHours, week: [] }))).toContain('tickets.businessHours.week');
    expect(edit((p) => (p.tickets.escalationChain = ['cs_agent']))).toContain('tickets.escalationChain');
    expect(edit((p) => (p.heatingSeason = { from: '13-01', to: '03-15' }))).toContain('heatingSeason.from');
    expect(edit((p) => (p.heatingSeason = null))).toEqual([]);
  });
  it('followUpPolicyOf hands the settings to the complaint module unchanged', () => {
    expect(followUpPolicyOf(DEFAULT_REPAIR_ORDER_POLICY.followUp).followUp).toEqual(DEFAULT_REPAIR_ORDER_POLICY.followUp);
  });
});
