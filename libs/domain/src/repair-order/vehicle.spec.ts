import { DEFAULT_REPAIR_ORDER_POLICY as policy } from './policy.js';
import { addCalendarMonths, averageKmPerDay, customerFileLate, nextService, normalizePlate, serviceDue, validateCustomerFile, type CustomerFileInput } from './vehicle.js';

const file: CustomerFileInput = {
  name: '王先生',
  address: '北京市朝阳区建国路 1 号',
  phone: '138 0013 8000',
  visitDate: '2026-03-02',
  vehicle: { model: '奇瑞 瑞虎8', plate: '京A·12345', type: 'suv', odometerKm: 23_450 },
  workDone: '常规保养',
  wishes: '希望洗车',
};

describe('RO-1 the customer file', () => {
  it('accepts a complete file', () => {
    expect(validateCustomerFile(file)).toEqual([]);
  });
  it('lists each missing or malformed entry', () => {
    const bad = { ...file, name: ' ', phone: '12345', visitDate: '2026-02-30', vehicle: { model: '', plate: 'ABC', type: 'tank', odometerKm: -1 }, workDone: '' } as unknown as CustomerFileInput;
    expect(validateCustomerFile(bad).map((e) => e.field)).toEqual(['name', 'phone', 'visitDate', 'vehicle.model', 'vehicle.plate', 'vehicle.type', 'vehicle.odometerKm', 'workDone']);
    expect(validateCustomerFile(null as unknown as CustomerFileInput).length).toBeGreaterThan(5);
  });
  it('normalizes plates, including new-energy plates', () => {
    expect(normalizePlate('京a 12345')).toBe('京A12345');
    expect(normalizePlate('沪AD12345')).toBe('沪AD12345');
    expect(normalizePlate('A12345')).toBeNull();
  });
  it('GEN-11 a file made on a later local day is flagged late', () => {
    // 23:30 and 00:30 Shanghai on consecutive days.
    expect(customerFileLate(new Date('2026-03-02T15:30:00Z'), new Date('2026-03-02T16:30:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(customerFileLate(new Date('2026-03-02T01:00:00Z'), new Date('2026-03-02T15:30:00Z'), 'Asia/Shanghai')).toBe(false);
  });
});

describe('RO-1 service interval and next service date, whichever comes first', () => {
  it('adds calendar months, clamped to the month end', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-15', 6)).toBe('2027-02-15');
  });
  it('by months when the daily distance is unknown', () => {
    expect(nextService({ date: '2026-03-02', odometerKm: 20_000 }, policy)).toEqual({ byDate: '2026-09-02', byKm: 25_000, dueDate: '2026-09-02', basis: 'months' });
  });
  it('by km when the vehicle will reach the distance first', () => {
    // 50 km a day: 5,000 km in 100 days, before 6 months.
    expect(nextService({ date: '2026-03-02', odometerKm: 20_000 }, policy, 50)).toMatchObject({ dueDate: '2026-06-10', basis: 'km' });
    // 20 km a day: 250 days, after 6 months.
    expect(nextService({ date: '2026-03-02', odometerKm: 20_000 }, policy, 20)).toMatchObject({ dueDate: '2026-09-02', basis: 'months' });
  });
  it('by km only, or by months only, as the site sets it', () => {
    expect(nextService({ date: '2026-03-02', odometerKm: 0 }, { serviceInterval: { km: 5000, months: null } })).toEqual({ byDate: null, byKm: 5000, dueDate: null, basis: 'km' });
    expect(nextService({ date: '2026-03-02', odometerKm: 0 }, { serviceInterval: { km: null, months: 12 } }, 100)).toMatchObject({ dueDate: '2027-03-02', byKm: null });
  });
  it('the service is due at the date or the distance, whichever is reached first', () => {
    const n = nextService({ date: '2026-03-02', odometerKm: 20_000 }, policy);
    expect(serviceDue(n, '2026-09-01', 24_999)).toEqual({ due: false, reasons: [] });
    expect(serviceDue(n, '2026-05-01', 25_000)).toEqual({ due: true, reasons: ['km'] });
    expect(serviceDue(n, '2026-09-02', null)).toEqual({ due: true, reasons: ['date'] });
  });
  it('the average daily distance comes from two visits', () => {
    expect(averageKmPerDay({ date: '2026-01-01', odometerKm: 10_000 }, { date: '2026-01-11', odometerKm: 10_500 })).toBe(50);
    expect(averageKmPerDay({ date: '2026-01-01', odometerKm: 10_000 }, { date: '2026-01-01', odometerKm: 10_500 })).toBeNull();
    expect(averageKmPerDay({ date: '2026-01-01', odometerKm: 10_000 }, { date: '2026-01-11', odometerKm: 9_000 })).toBeNull();
  });
});
