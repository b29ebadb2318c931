import { conversionRates, type ConversionRates } from './conversion.js';
import type { LocalDate } from '../common/time.js';

/** CA-14 / CA-19: the periods of the conversion figures and the sales reports. */
export const SALES_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type SalesPeriod = (typeof SALES_PERIODS)[number];

const addDays = (date: LocalDate, n: number): LocalDate => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The first and last local date of the period that contains `date` (weeks start on Monday). */
export function periodRange(period: SalesPeriod, date: LocalDate): { from: LocalDate; to: LocalDate } {
  const [y, m] = date.split('-').map(Number);
  switch (period) {
    case 'day':
      return { from: date, to: date };
    case 'week': {
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
      const from = addDays(date, 1 - wd);
      return { from, to: addDays(from, 6) };
    }
    case 'month': {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const mm = String(m).padStart(2, '0');
      return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** A record of a consultant's work with a customer: calls (CA-9), received visits (CA-2), follow-ups (CA-5), deals. */
export interface ActivityEvent {
  kind: 'call' | 'visit' | 'follow_up' | 'deal';
  customerId: string;
  consultantId: string;
  at: Date;
  /** GEN-11: entered on a later day than it happened. */
  lateEntry: boolean;
}

export interface ActivityFigures extends ConversionRates {
  /** Records of the period (CA-19: the day's calls, visits, follow-ups and deals). */
  callRecords: number;
  visitRecords: number;
  followUps: number;
  deals: number;
  /** GEN-11: records entered on a later day. */
  lateEntries: number;
}

/**
 * CA-14 and CA-19: the figures of one consultant (or, with `consultantId` omitted, the whole site) over
 * the events of one period. Conversion counts customers: callers of the period who visited after their
 * call within the period (来电转访率), and visitors who bought after their visit within the period
 * (来访成交率) — so a period's figures do not change once it is over.
 */
export function activityFigures(events: ActivityEvent[], consultantId?: string): ActivityFigures {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const mine = consultantId ? sorted.filter((e) => e.consultantId === consultantId) : sorted;
  const firstCall = new Map<string, number>();
  const firstVisit = new Map<string, number>();
  for (const e of mine) {
    if (e.kind === 'call' && !firstCall.has(e.customerId)) firstCall.set(e.customerId, e.at.getTime());
    if (e.kind === 'visit' && !firstVisit.has(e.customerId)) firstVisit.set(e.customerId, e.at.getTime());
  }
  // A caller converts by visiting (anyone receiving); a visitor converts by a deal (whoever closed it).
  const visitedAfter = (customerId: string, t: number) => sorted.some((e) => e.kind === 'visit' && e.customerId === customerId && e.at.getTime() > t);
  const dealtAfter = (customerId: string, t: number) => sorted.some((e) => e.kind === 'deal' && e.customerId === customerId && e.at.getTime() >= t);
  const count = (kind: ActivityEvent['kind']) => mine.filter((e) => e.kind === kind).length;
  return {
    ...conversionRates({
      calls: firstCall.size,
      callsThatVisited: [...firstCall].filter(([c, t]) => visitedAfter(c, t)).length,
      visits: firstVisit.size,
      visitsThatDealt: [...firstVisit].filter(([c, t]) => dealtAfter(c, t)).length,
    }),
    callRecords: count('call'),
    visitRecords: count('visit'),
    followUps: count('follow_up'),
    deals: count('deal'),
    lateEntries: mine.filter((e) => e.lateEntry).length,
  };
}
