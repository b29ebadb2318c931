import { fen, formatFen, type Role } from '@sitedesk/domain';
import type { RepairOrderDetailDto } from '../../api/generated';

/**
 * The parts of the order's detail the API sends as JSON objects (the domain's snapshot records,
 * docs/repair-order.md), typed as they arrive: instants are ISO strings.
 */
export interface LineView {
  id: string;
  description: string;
  system: string;
  labourHundredths: number;
  part: { supplier: 'workshop' | 'customer'; origin: 'oem' | 'aftermarket'; priceFen: number; name: string } | null;
  team: string;
  labourFen: number;
  partsFen: number;
  totalFen: number;
  noGuarantee: boolean;
}
export interface EstimateView {
  method: string;
  lines: LineView[];
  labourFen: number;
  partsFen: number;
  riskMarginPercent: number;
  riskMarginFen: number;
  totalFen: number;
  disclaimerLineIds: string[];
  disclaimer: string | null;
}
export interface AdditionalView {
  line: LineView;
  delayMinutes: number;
  reportedBy: string;
  reportedAt: string;
  consent: { decision: 'yes' | 'no'; at: string; channel: string; recordedBy: string; workshopToldName: string } | null;
}
export interface WorkView {
  lineId: string;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
}
export interface CheckInView {
  at: string;
  documents: { received: string[]; differences: string | null };
  inspection?: { exterior: string; interior: string; instruments: string; anomalies: string[] };
  belongings: string[];
  keyTag: string;
  fuelPercent: number;
  odometerKm: number;
}
export interface DispatchView {
  target: { kind: 'team'; team: string } | { kind: 'workshop_lead' };
  receiverId: string;
  receiverName: string;
  at: string;
  signedTime: string;
}
export interface DiscountView {
  amountFen: number;
  percent: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  approverRole: Role;
  decision: { decision: 'approved' | 'rejected'; by: string; at: string; comment: string | null } | null;
}
export interface SettlementView {
  at: string;
  totalFen: number;
  discountFen: number;
  dueFen: number;
  paidFen: number;
  receivableFen: number;
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export const estimateOf = (o: RepairOrderDetailDto) => o.estimate as unknown as EstimateView | null;
export const totalsOf = (o: RepairOrderDetailDto) => (o.totals ?? o.estimate) as unknown as EstimateView | null;
export const additionalOf = (o: RepairOrderDetailDto) => arr<AdditionalView>(o.additional);
export const workOf = (o: RepairOrderDetailDto) => arr<WorkView>(o.work);
export const checkInOf = (o: RepairOrderDetailDto) => o.checkIn as unknown as CheckInView | null;
export const dispatchOf = (o: RepairOrderDetailDto) => o.dispatch as unknown as DispatchView | null;
export const discountOf = (o: RepairOrderDetailDto) => o.discount as unknown as DiscountView | null;
export const settlementOf = (o: RepairOrderDetailDto) => o.settlement as unknown as SettlementView | null;

/** Additional work waiting for the customer's answer (RO-7). */
export const pendingAdditional = (o: RepairOrderDetailDto) => additionalOf(o).filter((a) => !a.consent);

/**
 * Every line the workshop may work on, with its state: the estimate's lines and the additional ones
 * (pending, agreed or declined), and how far the work on it is.
 */
export interface WorkLine {
  line: LineView;
  additional: 'pending' | 'yes' | 'no' | null;
  status: 'not_started' | 'in_work' | 'done';
}
export function workLines(o: RepairOrderDetailDto): WorkLine[] {
  const work = workOf(o);
  const statusOf = (id: string): WorkLine['status'] => {
    const mine = work.filter((w) => w.lineId === id);
    const last = mine.at(-1);
    return !last ? 'not_started' : last.finishedAt ? 'done' : 'in_work';
  };
  return [
    ...(estimateOf(o)?.lines ?? []).map((line) => ({ line, additional: null, status: statusOf(line.id) })),
    ...additionalOf(o).map((a) => ({ line: a.line, additional: a.consent?.decision ?? ('pending' as const), status: statusOf(a.line.id) })),
  ];
}

/** Money in yuan for people: ¥1,234.50. */
export const yuan = (amount: number | null | undefined) => (amount == null ? '—' : formatFen(fen(amount)));

/** Hours from hundredths (150 → 1.5). */
export const hours = (h: number) => (h / 100).toString();
