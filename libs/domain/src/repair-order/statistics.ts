import { DomainError } from '../common/errors.js';
import { fen, type Fen } from '../common/money.js';
import { localDate, type LocalDate } from '../common/time.js';
import { businessMinutesBetween, type BusinessCalendar } from '../complaint/business-time.js';
import { durationSummary, type DurationSummary } from '../complaint/statistics.js';
import { weekStartOf } from './tickets.js';
import type { VehicleType } from './vehicle.js';

/**
 * RO-12 (002 篇一 18: 周、月维修车的数量、类型、维修类别、营业收入与欠收的登记、统计): weekly and monthly
 * figures for finance and management, as pure functions over plain records the API reads.
 */
export const STATISTICS_PERIODS = ['week', 'month'] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

/** The period an instant counts in, site-local (GEN-4): `YYYY-MM` for a month, the Monday `YYYY-MM-DD` for a week. */
export function periodKey(t: Date, period: StatisticsPeriod, timeZone: string): string {
  const d: LocalDate = localDate(t, timeZone);
  return period === 'month' ? d.slice(0, 7) : weekStartOf(d);
}

/** A settled repair order (the settlement is when revenue is booked). */
export interface RepairOrderFact {
  id: string;
  settledAt: Date;
  vehicleType: VehicleType;
  category: string;
  dueFen: Fen;
  paidFen: Fen;
}

export interface RepairOrderPeriodRow {
  period: string;
  vehicles: number;
  byVehicleType: Record<string, number>;
  byCategory: Record<string, number>;
  /** 营业收入: the amounts due of the period's settlements. */
  revenueFen: Fen;
  paidFen: Fen;
  /** 欠收: what those settlements still owe. */
  receivablesFen: Fen;
}

const count = (keys: string[]) => keys.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});

function bucket<T>(facts: readonly T[], key: (f: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const f of facts) {
    // One key per fact (the site-local period costs an Intl formatting) and no copying of the bucket.
    const k = key(f);
    const b = m.get(k);
    if (b) b.push(f);
    else m.set(k, [f]);
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const checkPeriod = (period: string) => {
  if (!(STATISTICS_PERIODS as readonly string[]).includes(period)) throw new DomainError('RO_STATISTICS_PERIOD_INVALID', 'invalid', `period: ${STATISTICS_PERIODS.join(' or ')}`, { ruleIds: ['RO-12'] });
};

/** RO-12: vehicles by type and repair category, revenue and receivables, per week or month (rows by period). */
export function repairOrderStatistics(facts: readonly RepairOrderFact[], period: StatisticsPeriod, timeZone: string): RepairOrderPeriodRow[] {
  checkPeriod(period);
  return bucket(facts, (f) => periodKey(f.settledAt, period, timeZone)).map(([key, fs]) => {
    const revenue = fs.reduce((s, f) => s + f.dueFen, 0);
    const paid = fs.reduce((s, f) => s + f.paidFen, 0);
    return {
      period: key,
      vehicles: fs.length,
      byVehicleType: count(fs.map((f) => f.vehicleType)),
      byCategory: count(fs.map((f) => f.category)),
      revenueFen: fen(revenue),
      paidFen: fen(paid),
      receivablesFen: fen(revenue - paid),
    };
  });
}

/** A repair ticket for the statistics (RO-11/RO-12). */
export interface TicketFact {
  id: string;
  receivedAt: Date;
  department: string;
  /** The last work ticket's return (返单); `null` while open. */
  doneAt: Date | null;
  closedAt: Date | null;
  /** Any work ticket passed its time limit. */
  breached: boolean;
}

export interface TicketDepartmentRow {
  period: string;
  department: string;
  received: number;
  done: number;
  open: number;
  breached: number;
  /** Calendar minutes from the call to the work done (中位数/P90; the complaint module's summary). */
  timeToDone: DurationSummary;
  /** Business minutes of the departments' calendar, from the call to the work done. */
  businessTimeToDone: DurationSummary;
  /** Calendar minutes from the call to closing (after the follow-up call). */
  timeToClose: DurationSummary;
}

/** RO-11/RO-12: tickets by department per week or month (of receipt), with the times to done and to close. */
export function ticketStatistics(facts: readonly TicketFact[], period: StatisticsPeriod, cal: BusinessCalendar): TicketDepartmentRow[] {
  checkPeriod(period);
  const minutes = (a: Date, b: Date | null) => (b ? (b.getTime() - a.getTime()) / 60_000 : null);
  return bucket(facts, (f) => `${periodKey(f.receivedAt, period, cal.timeZone)}|${f.department}`).map(([key, fs]) => {
    const [p, department] = key.split('|');
    return {
      period: p,
      department,
      received: fs.length,
      done: fs.filter((f) => f.doneAt).length,
      open: fs.filter((f) => !f.doneAt).length,
      breached: fs.filter((f) => f.breached).length,
      timeToDone: durationSummary(fs.map((f) => minutes(f.receivedAt, f.doneAt))),
      businessTimeToDone: durationSummary(fs.map((f) => (f.doneAt ? businessMinutesBetween(cal, f.receivedAt, f.doneAt) : null))),
      timeToClose: durationSummary(fs.map((f) => minutes(f.receivedAt, f.closedAt))),
    };
  });
}
