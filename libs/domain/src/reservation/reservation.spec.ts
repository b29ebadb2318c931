import { DomainError } from '../common/errors.js';
import { fen } from '../common/money.js';
import {
  decideCancellationRequest,
  decideClauses,
  decideContract,
  decideDeposit,
  decideDiscountRequest,
  decideHold,
  decidePayment,
  decideRelease,
  decideSigningNotice,
  decideSubscribe,
  decideWordingRequest,
  isLapsedAt,
  nextApprovalStep,
  orderStatusAt,
  paymentDueAt,
  TRANSITION_ROLES,
  unitStatusAt,
  type OrderFacts,
} from './order.js';
import { DEFAULT_RESERVATION_POLICY, validateReservationPolicy } from './policy.js';
import { decimalToHundredths, parseUnitsCsv, splitCsv, unitKey, validateUnit } from './units.js';

const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss}+08:00`);
const held: OrderFacts = {
  status: 'held',
  listPriceFen: fen(200_000_000),
  priceFen: null,
  approvedPriceFen: null,
  subscriptionFen: null,
  subscribedAt: null,
  paymentDueAt: null,
  subscriptionPaidAt: null,
  depositFen: null,
  depositPaidAt: null,
  signingNoticeAt: null,
  wordingApprovedAt: null,
  refundFen: null,
  refundPaidAt: null,
};
/** Signed at 09:50, so the money is due at 10:00 under the default 10 minutes. */
const signed: OrderFacts = { ...held, status: 'subscribed', priceFen: fen(200_000_000), subscriptionFen: fen(2_000_000), subscribedAt: at('09:50:00'), paymentDueAt: at('10:00:00') };
const paid: OrderFacts = { ...signed, subscriptionPaidAt: at('09:55:00') };
const deposited: OrderFacts = { ...paid, status: 'deposited', depositFen: fen(20_000_000) };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'OK';
};

describe('RES-1 units and their status', () => {
  it('a unit without an active order is available; otherwise it reads its order status', () => {
    expect(unitStatusAt(null, at('10:00:00'))).toBe('available');
    expect(unitStatusAt(held, at('10:00:00'))).toBe('held');
    expect(unitStatusAt(paid, at('11:00:00'))).toBe('subscribed');
    expect(unitStatusAt(deposited, at('11:00:00'))).toBe('deposited');
    expect(unitStatusAt({ ...deposited, status: 'contracted' }, at('11:00:00'))).toBe('contracted');
  });

  it('validates building, number, floor, layout, area and list price', () => {
    expect(validateUnit({ building: '1栋', number: '1-1201', floor: 12, layout: '3室2厅', areaCentiM2: 12_345, listPriceFen: fen(198_000_000) })).toEqual([]);
    const problems = validateUnit({ building: ' ', number: '1201;DROP', floor: 1.5, layout: 'x', areaCentiM2: 0, listPriceFen: fen(0) });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual(['building:MISSING_FIELD', 'number:INVALID_VALUE', 'floor:INVALID_VALUE', 'area:INVALID_VALUE', 'listPrice:INVALID_VALUE']);
  });

  it('reads decimals with two places without floating point, and names units case- and space-insensitively', () => {
    expect(decimalToHundredths('1,980,000.1')).toBe(198_000_010);
    expect(decimalToHundredths('89.99')).toBe(8999);
    expect(decimalToHundredths('0.105')).toBeNull();
    expect(decimalToHundredths('-3')).toBeNull();
    expect(decimalToHundredths('1e5')).toBeNull();
    expect(unitKey({ building: 'A 1', number: 'b-1201' })).toBe(unitKey({ building: 'a1', number: 'B-1201' }));
  });
});

describe('RES-1 unit import (CSV with a per-row error report)', () => {
  it('keeps the good rows and reports each bad row by line, field and code', () => {
    const csv = [
      'building,number,floor,layout,area,list price',
      '1栋,1201,12,3室2厅,120.5,"1,980,000"',
      '1栋,1202,twelve,3室2厅,120.5,1980000',
      '1栋,1203,12,3室2厅,,1980000',
      '1栋,1201,12,3室2厅,120.5,1980000',
      '',
      '"2栋",0801,8,"2室,1厅",89.99,¥1500000.50',
      '2栋,0802,8,2室1厅,89.99,1500000,extra',
    ].join('\r\n');
    const { rows, errors } = parseUnitsCsv(csv);
    expect(rows).toEqual([
      { line: 2, unit: { building: '1栋', number: '1201', floor: 12, layout: '3室2厅', areaCentiM2: 12050, listPriceFen: 198_000_000 } },
      { line: 7, unit: { building: '2栋', number: '0801', floor: 8, layout: '2室,1厅', areaCentiM2: 8999, listPriceFen: 150_000_050 } },
    ]);
    expect(errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual(['3:floor:INVALID_VALUE', '4:area:MISSING_FIELD', '5:number:DUPLICATE_IN_FILE', '8:row:TOO_MANY_COLUMNS']);
  });

  it('accepts Chinese headers in any order; a header missing a column is one error and no rows', () => {
    expect(parseUnitsCsv('房号,楼栋,楼层,户型,面积,总价\n101,3栋,1,1室,50,800000').rows[0].unit).toMatchObject({ building: '3栋', number: '101', listPriceFen: 80_000_000 });
    expect(parseUnitsCsv('building,number,floor\n1,2,3')).toEqual({ rows: [], errors: [{ line: 1, field: 'header', code: 'HEADER_INVALID', message: 'missing columns: layout, area, list price' }] });
    expect(parseUnitsCsv('').errors[0].code).toBe('HEADER_INVALID');
  });

  it('counts lines across quoted line breaks', () => {
    expect(splitCsv('a,b\n"x\ny",z\nlast,1').map((r) => r.line)).toEqual([1, 2, 4]);
  });
});

describe('RES-2 holds: only a manager, only on an available unit', () => {
  it('only a manager holds and releases; a consultant cannot', () => {
    expect(TRANSITION_ROLES.hold).toEqual(['manager']);
    expect(TRANSITION_ROLES.release).toEqual(['manager']);
    expect(TRANSITION_ROLES.hold).not.toContain('consultant');
  });
  it('an available unit is held', () => {
    expect(decideHold(null, at('10:00:00'))).toEqual({ lapseFirst: false });
  });
});

describe('RES-3 no unit is sold twice', () => {
  it('a held, subscribed, deposited or contracted unit refuses another hold with UNIT_NOT_AVAILABLE', () => {
    for (const o of [held, signed, paid, deposited, { ...deposited, status: 'contracted' as const }]) {
      expect(code(() => decideHold(o, at('09:59:00')))).toBe('UNIT_NOT_AVAILABLE');
    }
  });
  it('an order lapsed at the instant of the hold no longer blocks it, even before the job recorded the lapse', () => {
    expect(decideHold(signed, at('10:00:01'))).toEqual({ lapseFirst: true });
    expect(code(() => decideHold(signed, at('10:00:00')))).toBe('UNIT_NOT_AVAILABLE');
  });
});

describe('RES-4 the payment deadline (GEN-8)', () => {
  it('is the signing instant plus the policy minutes', () => {
    expect(paymentDueAt(at('09:50:00'), DEFAULT_RESERVATION_POLICY)).toEqual(at('10:00:00'));
    expect(paymentDueAt(at('09:50:00'), { paymentMinutes: 15 })).toEqual(at('10:05:00'));
  });
  it('10:00 exactly is still in time; 10:00:01 and 10:01 are lapsed', () => {
    expect(isLapsedAt(signed, at('10:00:00'))).toBe(false);
    expect(isLapsedAt(signed, at('10:00:01'))).toBe(true);
    expect(isLapsedAt(signed, at('10:01:00'))).toBe(true);
    expect(orderStatusAt(signed, at('10:01:00'))).toBe('lapsed');
    expect(unitStatusAt(signed, at('10:01:00'))).toBe('available');
  });
  it('money recorded by the deadline keeps the order, however late the lapse job runs', () => {
    expect(isLapsedAt({ ...signed, subscriptionPaidAt: at('10:00:00') }, at('23:00:00'))).toBe(false);
    expect(isLapsedAt(paid, at('23:00:00'))).toBe(false);
  });
  it('a late job decides from the stored deadline: the order signed at 09:50 lapsed whether the job runs at 10:00:01 or the next day', () => {
    expect(isLapsedAt(signed, new Date(at('10:00:00').getTime() + 24 * 3_600_000))).toBe(true);
  });
  it('the cashier records the money up to the deadline inclusive; money after it, before the job ran, finds the order lapsed', () => {
    expect(code(() => decidePayment(signed, 'subscription', fen(2_000_000), at('10:00:00')))).toBe('OK');
    expect(code(() => decidePayment(signed, 'subscription', fen(2_000_000), at('10:01:00')))).toBe('ORDER_LAPSED');
  });
  it('the amount is the one the order states, recorded once', () => {
    expect(code(() => decidePayment(signed, 'subscription', fen(1_000_000), at('09:55:00')))).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect(code(() => decidePayment(paid, 'subscription', fen(2_000_000), at('09:56:00')))).toBe('ALREADY_PAID');
    expect(code(() => decidePayment(signed, 'subscription', fen(0), at('09:55:00')))).toBe('AMOUNT_INVALID');
    expect(code(() => decidePayment(held, 'subscription', fen(2_000_000), at('09:55:00')))).toBe('ORDER_STATE_CONFLICT');
  });
  it('only the cashier records money', () => {
    expect(TRANSITION_ROLES.record_payment).toEqual(['cashier']);
  });
  it('the deposit (大定) follows only when the subscription money reached the cashier; the contract only when the deposit did', () => {
    expect(code(() => decideDeposit(signed, fen(20_000_000), at('09:55:00')))).toBe('PAYMENT_MISSING');
    expect(code(() => decideDeposit(paid, fen(20_000_000), at('11:00:00')))).toBe('OK');
    expect(code(() => decideDeposit(paid, fen(199_000_000), at('11:00:00')))).toBe('AMOUNT_INVALID');
    expect(code(() => decidePayment(deposited, 'deposit', fen(20_000_000), at('11:00:00')))).toBe('OK');
    expect(code(() => decideContract({ ...deposited, signingNoticeAt: at('11:00:00') }, false, at('12:00:00')))).toBe('PAYMENT_MISSING');
  });
});

describe('RES-5 contract, signing notice, cancellation', () => {
  const ready: OrderFacts = { ...deposited, depositPaidAt: at('11:00:00') };
  it('the contract needs the signing notice recorded first', () => {
    expect(code(() => decideContract(ready, false, at('12:00:00')))).toBe('SIGNING_NOTICE_MISSING');
    expect(code(() => decideContract({ ...ready, signingNoticeAt: at('11:30:00') }, false, at('12:00:00')))).toBe('OK');
  });
  it('the notice is given beforehand: a signing time in the past is refused', () => {
    expect(code(() => decideSigningNotice(ready, at('11:00:00'), at('12:00:00')))).toBe('SIGNING_NOTICE_LATE');
    expect(code(() => decideSigningNotice(ready, at('15:00:00'), at('12:00:00')))).toBe('OK');
  });
  it('wording that differs from the sample needs its approval before signing', () => {
    const noticed = { ...ready, signingNoticeAt: at('11:30:00') };
    expect(code(() => decideContract(noticed, true, at('12:00:00')))).toBe('WORDING_NOT_APPROVED');
    expect(code(() => decideContract({ ...noticed, wordingApprovedAt: at('11:45:00') }, true, at('12:00:00')))).toBe('OK');
    expect(code(() => decideWordingRequest({ ...noticed, wordingApprovedAt: at('11:45:00') }, at('12:00:00')))).toBe('ALREADY_APPROVED');
  });
  it('a cancellation is asked on an order with money or a contract; the refund never exceeds what was paid', () => {
    expect(code(() => decideCancellationRequest(ready, fen(22_000_000), at('12:00:00')))).toBe('OK');
    expect(code(() => decideCancellationRequest(ready, fen(22_000_001), at('12:00:00')))).toBe('REFUND_EXCEEDS_PAID');
    expect(code(() => decideCancellationRequest(held, fen(0), at('12:00:00')))).toBe('ORDER_STATE_CONFLICT');
  });
  it('once money was recorded, release and void are refused: only the approved cancellation ends the order', () => {
    expect(code(() => decideRelease(paid, at('12:00:00')))).toBe('CANCELLATION_REQUIRED');
    expect(code(() => decideRelease(held, at('12:00:00')))).toBe('OK');
    expect(code(() => decideRelease(signed, at('09:59:00'), 'voided'))).toBe('OK');
    expect(code(() => decideRelease(signed, at('10:30:00')))).toBe('ORDER_STATE_CONFLICT');
  });
  it('the chain runs site manager, then the developer; each step leads to the next, the last completes it', () => {
    const chain = DEFAULT_RESERVATION_POLICY.cancellationChain;
    expect(chain).toEqual(['manager', 'developer_approver']);
    expect(nextApprovalStep(chain, 0)).toEqual({ step: 1, role: 'developer_approver' });
    expect(nextApprovalStep(chain, 1)).toBeNull();
  });
  it('the refund is recorded by the cashier once the cancellation is approved, in the approved amount', () => {
    const cancelled: OrderFacts = { ...ready, status: 'cancelled', refundFen: fen(22_000_000) };
    expect(code(() => decidePayment(ready, 'refund', fen(22_000_000), at('12:00:00')))).toBe('ORDER_STATE_CONFLICT');
    expect(code(() => decidePayment(cancelled, 'refund', fen(22_000_000), at('12:00:00')))).toBe('OK');
    expect(code(() => decidePayment(cancelled, 'refund', fen(1), at('12:00:00')))).toBe('PAYMENT_AMOUNT_MISMATCH');
  });
});

describe('RES-6 special discounts', () => {
  it('a price below the list price needs the company-approved price; at or above it is accepted', () => {
    const input = { priceFen: fen(190_000_000), subscriptionFen: fen(2_000_000) };
    expect(code(() => decideSubscribe(held, input, at('09:50:00'), DEFAULT_RESERVATION_POLICY))).toBe('DISCOUNT_NOT_APPROVED');
    expect(code(() => decideSubscribe({ ...held, approvedPriceFen: fen(191_000_000) }, input, at('09:50:00'), DEFAULT_RESERVATION_POLICY))).toBe('DISCOUNT_NOT_APPROVED');
    expect(decideSubscribe({ ...held, approvedPriceFen: fen(190_000_000) }, input, at('09:50:00'), DEFAULT_RESERVATION_POLICY)).toEqual({ paymentDueAt: at('10:00:00') });
    expect(decideSubscribe(held, { ...input, priceFen: fen(200_000_000) }, at('09:50:00'), DEFAULT_RESERVATION_POLICY)).toEqual({ paymentDueAt: at('10:00:00') });
  });
  it('is asked on a held order for a price below the list price; the default approver is at company level', () => {
    expect(code(() => decideDiscountRequest(held, fen(200_000_000), at('09:00:00')))).toBe('AMOUNT_INVALID');
    expect(code(() => decideDiscountRequest(held, fen(190_000_000), at('09:00:00')))).toBe('OK');
    expect(DEFAULT_RESERVATION_POLICY.discountApproverRole).toBe('director');
    expect(validateReservationPolicy({ ...DEFAULT_RESERVATION_POLICY, discountApproverRole: 'consultant' }).map((p) => p.field)).toEqual(['discountApproverRole']);
  });
  it('policy numbers are checked', () => {
    expect(validateReservationPolicy(DEFAULT_RESERVATION_POLICY)).toEqual([]);
    expect(validateReservationPolicy({ ...DEFAULT_RESERVATION_POLICY, paymentMinutes: 0, cancellationChain: [] }).map((p) => p.field)).toEqual(['paymentMinutes', 'cancellationChain']);
  });
});

describe('RES-6 clauses of an order', () => {
  const now = at('11:00:00');
  it('only the site manager sets them', () => {
    expect(TRANSITION_ROLES.set_clauses).toEqual(['manager']);
  });
  it('records what was added and removed', () => {
    expect(decideClauses(held, ['赠送车位使用权一年'], ['赠送车位使用权一年', '交房时间 2027-06-30 前'], now)).toEqual({ clauses: ['赠送车位使用权一年', '交房时间 2027-06-30 前'], added: ['交房时间 2027-06-30 前'], removed: [] });
    expect(decideClauses(deposited, ['a', 'b'], ['b'], now)).toMatchObject({ added: [], removed: ['a'] });
  });
  it('refuses no change, blank or duplicate clauses, and a contracted order', () => {
    expect(code(() => decideClauses(held, ['a'], ['a'], now))).toBe('CLAUSES_UNCHANGED');
    expect(code(() => decideClauses(held, [], [' '], now))).toBe('CLAUSES_INVALID');
    expect(code(() => decideClauses(held, [], ['a', 'a'], now))).toBe('CLAUSES_INVALID');
    expect(code(() => decideClauses({ ...deposited, status: 'contracted' }, [], ['a'], now))).toBe('ORDER_STATE_CONFLICT');
  });
});
