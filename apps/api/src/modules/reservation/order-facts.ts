import { fen, type OrderFacts } from '@sitedesk/domain';
import type { UnitOrder } from './reservation.entities.js';

const money = (v: number | null) => (v === null ? null : fen(v));

/** What the domain's order rules read of a stored order. */
export function orderFacts(o: UnitOrder): OrderFacts {
  return {
    status: o.status,
    listPriceFen: fen(o.listPriceFen),
    priceFen: money(o.priceFen),
    approvedPriceFen: money(o.approvedPriceFen),
    subscriptionFen: money(o.subscriptionFen),
    subscribedAt: o.subscribedAt,
    paymentDueAt: o.paymentDueAt,
    subscriptionPaidAt: o.subscriptionPaidAt,
    depositFen: money(o.depositFen),
    depositPaidAt: o.depositPaidAt,
    signingNoticeAt: o.signingNoticeAt,
    wordingApprovedAt: o.wordingApprovedAt,
    refundFen: money(o.refundFen),
    refundPaidAt: o.refundPaidAt,
  };
}
