import { DomainError } from '../common/errors.js';
import { labourFen, lineWithoutGuarantee, priceEstimate, validateEstimateLines, type EstimateLineInput } from './estimate.js';
import { DEFAULT_REPAIR_ORDER_POLICY as policy } from './policy.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};
// Rate 120 yuan/h, symptom margin 15 %.
const brakes: EstimateLineInput = { id: 'L1', description: '更换前刹车片', system: 'brakes', labourHundredths: 150, part: { supplier: 'workshop', origin: 'oem', priceFen: 48_000, name: '刹车片' }, team: 'A' };
const oil: EstimateLineInput = { id: 'L2', description: '更换机油', system: 'lubrication', labourHundredths: 50, part: { supplier: 'workshop', origin: 'aftermarket', priceFen: 20_000, name: '机油' }, team: 'A' };

describe('RO-3 estimate: labour hours × rate + parts', () => {
  it('prices each line and sums them by system (the default method)', () => {
    const e = priceEstimate('system', [brakes, oil], policy);
    expect(e.lines.map((l) => [l.labourFen, l.partsFen, l.totalFen])).toEqual([
      [18_000, 48_000, 66_000],
      [6_000, 20_000, 26_000],
    ]);
    expect([e.labourFen, e.partsFen, e.riskMarginFen, e.totalFen]).toEqual([24_000, 68_000, 0, 92_000]);
    expect(e.disclaimer).toBeNull();
  });
  it('labour rounds half up to the fen', () => {
    expect(labourFen(33, 12_345)).toBe(4074); // 4073.85
    expect(labourFen(1, 50)).toBe(1); // 0.5 → 1
  });
  it('by symptom adds the risk margin on the sum', () => {
    const e = priceEstimate('symptom', [brakes, oil], policy);
    expect(e.riskMarginFen).toBe(13_800);
    expect(e.totalFen).toBe(105_800);
  });
  it('by item only after the customer was told quality may not be guaranteed', () => {
    expect(code(() => priceEstimate('item', [brakes], policy))).toBe('RO_ITEM_PRICING_NOTICE_REQUIRED');
    const e = priceEstimate('item', [brakes], policy, { qualityNoticeGiven: true });
    expect(e.disclaimer).toContain('项目定价');
    expect(e.riskMarginFen).toBe(0);
  });
  it('refuses an unknown method and malformed lines, field by field', () => {
    expect(code(() => priceEstimate('guess' as 'system', [brakes], policy))).toBe('RO_ESTIMATE_INVALID');
    expect(validateEstimateLines([])).toEqual([{ field: 'lines', message: '1 to 100 lines' }]);
    const bad = [{ ...brakes, labourHundredths: 1.5 }, { ...brakes, part: { ...brakes.part!, supplier: 'friend' } }] as EstimateLineInput[];
    expect(validateEstimateLines(bad).map((e) => e.field)).toEqual(['lines[0].labourHundredths', 'lines[1].id', 'lines[1].part.supplier']);
    expect(validateEstimateLines([{ ...brakes, labourHundredths: 0, part: null }]).map((e) => e.field)).toEqual(['lines[0]']);
  });
});

describe('RO-3 part supplier, OEM or aftermarket, and the warranty disclaimer', () => {
  it('a customer-supplied part carries no guarantee and is not charged', () => {
    const own = { ...brakes, part: { ...brakes.part!, supplier: 'customer' as const, priceFen: 0 } };
    expect(lineWithoutGuarantee(own, policy)).toBe(true);
    expect(validateEstimateLines([{ ...own, part: { ...own.part, priceFen: 100 } }]).map((e) => e.field)).toEqual(['lines[0].part.priceFen']);
    const e = priceEstimate('system', [own, oil], policy);
    expect(e.disclaimerLineIds).toEqual(['L1']);
    expect(e.disclaimer).toContain('不作担保');
  });
  it('an aftermarket part on a critical system carries no guarantee; on another system it does', () => {
    expect(lineWithoutGuarantee({ ...brakes, part: { ...brakes.part!, origin: 'aftermarket' } }, policy)).toBe(true);
    expect(lineWithoutGuarantee(oil, policy)).toBe(false);
    expect(lineWithoutGuarantee(brakes, policy)).toBe(false);
    expect(lineWithoutGuarantee({ ...brakes, part: null }, policy)).toBe(false);
  });
  it('the critical systems are the site policy', () => {
    const aftermarketOil = oil;
    expect(lineWithoutGuarantee(aftermarketOil, { estimate: { ...policy.estimate, criticalSystems: ['lubrication'] } })).toBe(true);
  });
});

describe('RO-3 the symptom margin is recorded with the estimate', () => {
  it('the estimate carries the percentage it was made with (the order re-sums with it, not with a later policy)', () => {
    const e = priceEstimate('symptom', [brakes], policy);
    expect(e.riskMarginPercent).toBe(15);
    const after = priceEstimate('symptom', [brakes], { estimate: { ...policy.estimate, symptomRiskMarginPercent: 30 } });
    expect(after.riskMarginPercent).toBe(30);
    expect(e.totalFen).toBe(Math.round(66_000 * 1.15));
  });
});
