import { DomainError } from '../common/errors.js';
import { businessCalendar } from '../complaint/business-time.js';
import { COMPLAINT_PRESETS } from '../complaint/policy.js';
import { periodKey, repairOrderStatistics, ticketStatistics, type RepairOrderFact, type StatisticsPeriod, type TicketFact } from './statistics.js';

const TZ = 'Asia/Shanghai';
const local = (date: string, time: string) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 8 * 3_600_000);

const orders: RepairOrderFact[] = [
  { id: 'a', settledAt: local('2026-03-02', '10:00'), vehicleType: 'car', category: 'maintenance', dueFen: 50_000, paidFen: 50_000 },
  { id: 'b', settledAt: local('2026-03-08', '23:30'), vehicleType: 'suv', category: 'repair', dueFen: 120_000, paidFen: 100_000 },
  { id: 'c', settledAt: local('2026-03-09', '00:10'), vehicleType: 'car', category: 'repair', dueFen: 30_000, paidFen: 0 },
  // 2026-03-31 23:30 in Shanghai is still March although it is 15:30 UTC.
  { id: 'd', settledAt: local('2026-03-31', '23:30'), vehicleType: 'car', category: 'maintenance', dueFen: 10_000, paidFen: 10_000 },
];

describe('RO-12 statistics weekly and monthly: vehicles by type and category, revenue and receivables', () => {
  it('periods are site-local: the Monday of the week, the month', () => {
    expect(periodKey(local('2026-03-08', '23:30'), 'week', TZ)).toBe('2026-03-02');
    expect(periodKey(local('2026-03-09', '00:10'), 'week', TZ)).toBe('2026-03-09');
    expect(periodKey(local('2026-04-01', '00:30'), 'month', TZ)).toBe('2026-04');
  });
  it('weekly rows', () => {
    const rows = repairOrderStatistics(orders, 'week', TZ);
    expect(rows.map((r) => r.period)).toEqual(['2026-03-02', '2026-03-09', '2026-03-30']);
    expect(rows[0]).toEqual({ period: '2026-03-02', vehicles: 2, byVehicleType: { car: 1, suv: 1 }, byCategory: { maintenance: 1, repair: 1 }, revenueFen: 170_000, paidFen: 150_000, receivablesFen: 20_000 });
    expect(rows[1]).toMatchObject({ vehicles: 1, receivablesFen: 30_000 });
  });
  it('monthly rows', () => {
    const rows = repairOrderStatistics(orders, 'month', TZ);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2026-03', vehicles: 4, byVehicleType: { car: 3, suv: 1 }, revenueFen: 210_000, receivablesFen: 50_000 });
    expect(repairOrderStatistics([], 'month', TZ)).toEqual([]);
  });
  it('refuses an unknown period', () => {
    expect(() => repairOrderStatistics(orders, 'year' as StatisticsPeriod, TZ)).toThrow(DomainError);
  });
});

describe('RO-11/RO-12 tickets by department and time to close', () => {
  const cal = businessCalendar(COMPLAINT_PRESETS['car-service'], TZ); // Mon–Sat 08:30–17:30
  const tickets: TicketFact[] = [
    { id: '1', receivedAt: local('2026-03-02', '09:00'), department: 'engineering', doneAt: local('2026-03-02', '10:00'), closedAt: local('2026-03-03', '09:00'), breached: false },
    { id: '2', receivedAt: local('2026-03-02', '17:00'), department: 'engineering', doneAt: local('2026-03-03', '09:00'), closedAt: null, breached: true },
    { id: '3', receivedAt: local('2026-03-03', '09:00'), department: 'engineering', doneAt: null, closedAt: null, breached: false },
    { id: '4', receivedAt: local('2026-03-04', '09:00'), department: 'security', doneAt: local('2026-03-04', '09:30'), closedAt: local('2026-03-04', '12:00'), breached: false },
  ];
  it('counts received, done, open, breached per department and week, with the times (median and P90)', () => {
    const rows = ticketStatistics(tickets, 'week', cal);
    expect(rows.map((r) => [r.period, r.department, r.received, r.done, r.open, r.breached])).toEqual([
      ['2026-03-02', 'engineering', 3, 2, 1, 1],
      ['2026-03-02', 'security', 1, 1, 0, 0],
    ]);
    // Engineering: 60 and 960 calendar minutes; in business time 60 and 30 + 30 = 60.
    expect(rows[0].timeToDone).toEqual({ count: 2, median: 510, p90: 960 });
    expect(rows[0].businessTimeToDone).toEqual({ count: 2, median: 60, p90: 60 });
    expect(rows[0].timeToClose).toEqual({ count: 1, median: 1440, p90: 1440 });
  });
});
