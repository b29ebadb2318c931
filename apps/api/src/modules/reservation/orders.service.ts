import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ACTIVE_ORDER_STATUSES,
  decideCancellationRequest,
  decideContract,
  decideDeposit,
  decideDiscountRequest,
  decideHold,
  decidePayment,
  decideClauses,
  decideRelease,
  decideSigningNotice,
  decideSubscribe,
  decideWordingRequest,
  fen,
  isDomainError,
  isLapsedAt,
  nextApprovalStep,
  orderStatusAt,
  STAFF_ROLES,
  TRANSITION_ROLES,
  type ApprovalDecision,
  type OrderStatus,
  type Role,
  type Transition,
} from '@sitedesk/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { Approval } from '../../platform/approvals/approval.entity.js';
import { ApprovalsService } from '../../platform/approvals/approvals.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { CommissionService } from '../client-attribution/commission.service.js';
import { orderFacts } from './order-facts.js';
import { ReservationPolicyService } from './policy.service.js';
import type { ApprovalRefDto, CancellationDto, ContractDto, DepositDto, DiscountDto, ListOrdersQuery, OrderDto, PaymentDto, SigningNoticeDto, SubscribeDto, WordingDto } from './reservation.dto.js';
import { Unit, UnitOrder, UnitPayment } from './reservation.entities.js';
import { isUniqueViolation } from '../../platform/errors/pg-errors.js';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

export const LAPSE_JOB = 'reservation.lapse';
export const LAPSE_SWEEP_JOB = 'reservation.lapse_sweep';
/**
 * CA-17: the deal stages an order step records for its customer, in the client-attribution ledger's
 * terms (认购 → 签约 → 首付). An order here goes 小订 → 大定 → 签约, and the contract needs the 大定 at the
 * cashier (RES-4), so the down payment is in when the contract is signed: the contract records both.
 * The 大定 itself records no stage — as 首付 it would make a commission due "at contract" before the
 * contract, and the contract after it could no longer be recorded (stages only move forward).
 */
export const ORDER_DEAL_STAGES = { subscribe: ['subscription'], contract: ['contract', 'down_payment'] } as const;

const APPROVAL = { cancellation: 'reservation.cancellation', discount: 'reservation.discount', wording: 'reservation.wording' } as const;

/** The order's status as read at `$now` in SQL, the same rule as the domain's orderStatusAt (GEN-8). */
const ORDER_STATUS_SQL = (now: string) =>
  `CASE WHEN o.status = 'subscribed' AND o.payment_due_at < ${now}
             AND (o.subscription_paid_at IS NULL OR o.subscription_paid_at > o.payment_due_at) THEN 'lapsed'
        ELSE o.status END`;

/** RES-4/RES-5: money the cashier awaits (subscription money before its deadline, deposit) or owes back (refund). */
const AT_CASHIER_SQL = (now: string) =>
  `(o.status = 'subscribed' AND o.payment_due_at >= ${now} AND o.subscription_paid_at IS NULL)
   OR (o.status = 'deposited' AND o.deposit_fen IS NOT NULL AND o.deposit_paid_at IS NULL)
   OR (o.status = 'cancelled' AND o.refund_fen > 0 AND o.refund_paid_at IS NULL)`;

interface Loaded {
  order: UnitOrder;
  site: SiteRef;
  roles: Role[];
}

/**
 * Orders on units (SPEC section 3): hold (RES-2) → subscription → deposit → contract, with release,
 * lapse (RES-4), cancellation/refund (RES-5) and void. Each command locks the rows it changes, decides
 * with the domain, writes the change and its audit record in one transaction and announces it on the
 * live sales board (`reservation.unit`). The database allows one active order per unit (RES-3).
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly approvals: ApprovalsService,
    private readonly policies: ReservationPolicyService,
    private readonly commission: CommissionService,
  ) {}

  onModuleInit() {
    this.approvals.onDecision(APPROVAL.cancellation, (em, a, d) => this.cancellationDecided(em, a, d));
    this.approvals.onDecision(APPROVAL.discount, (em, a, d) => this.discountDecided(em, a, d));
    this.approvals.onDecision(APPROVAL.wording, (em, a, d) => this.wordingDecided(em, a, d));
    // RES-4 / GEN-8: reads already show the lapse at the deadline; the job records and announces it.
    this.jobs.register(LAPSE_JOB, async (job, em) => {
      await this.lapseIfDue(em, (job.payload as { orderId: string }).orderId);
    });
    // A safety net for a lapse whose job was lost or ran early: every minute, any order past its deadline.
    this.jobs.every(LAPSE_SWEEP_JOB, 60_000, async (_job, em) => {
      const rows: { id: string }[] = await em.query(
        `SELECT id FROM unit_order WHERE status = 'subscribed' AND payment_due_at < now() AND (subscription_paid_at IS NULL OR subscription_paid_at > payment_due_at) ORDER BY payment_due_at LIMIT 200`,
      );
      for (const r of rows) await this.lapseIfDue(em, r.id);
    });
  }

  // ---------- access ----------

  /** Loads and locks an order for a transition, checking the caller's roles on its site. */
  private async load(em: EntityManager, p: Principal, id: string, transition: Transition): Promise<Loaded> {
    const peek = await em.getRepository(UnitOrder).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('order');
    const { site, roles } = await this.access.requireObjectSite(p, peek.siteId, TRANSITION_ROLES[transition], 'order');
    const order = await em.getRepository(UnitOrder).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return { order, site, roles };
  }

  private async announce(em: EntityManager, site: SiteRef, order: UnitOrder, change: string) {
    const status = orderStatusAt(orderFacts(order), new Date());
    const unitStatus = (ACTIVE_ORDER_STATUSES as readonly string[]).includes(status) ? status : 'available';
    await this.events.publish(em, site.id, 'reservation.unit', { unitId: order.unitId, orderId: order.id, change, status: unitStatus });
  }

  private async save(em: EntityManager, site: SiteRef, order: UnitOrder, before: Partial<UnitOrder>, action: string, change: string | null, reason?: string | null, actor?: { id: string | null; login: string | null }) {
    order.updatedAt = new Date();
    await em.getRepository(UnitOrder).save(order);
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: `reservation.${action}`,
      entityType: 'unit_order',
      entityId: order.id,
      before,
      after: order,
      reason: reason ?? null,
      ...(actor ? { actorId: actor.id, actorLogin: actor.login } : {}),
    });
    if (change) await this.announce(em, site, order, change);
  }

  // ---------- reads ----------

  async toDtos(orders: UnitOrder[], em: EntityManager = this.ds.manager, now = new Date()): Promise<OrderDto[]> {
    if (!orders.length) return [];
    const ids = orders.map((o) => o.id);
    // One after another: inside a transaction they share one connection, which runs one query at a time.
    const units = await em.getRepository(Unit).find({ where: { id: In([...new Set(orders.map((o) => o.unitId))]) } });
    const customers: { id: string; name: string }[] = await em.query(`SELECT id, name FROM customer WHERE id = ANY($1)`, [[...new Set(orders.map((o) => o.customerId))]]);
    const payments = await em.getRepository(UnitPayment).find({ where: { orderId: In(ids) }, order: { recordedAt: 'ASC' } });
    const names = await userNames(em, [...orders.map((o) => o.heldBy), ...payments.map((x) => x.recordedBy)]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const customerById = new Map(customers.map((c) => [c.id, c.name]));
    return orders.map((o) => {
      const unit = unitById.get(o.unitId);
      return {
        id: o.id,
        siteId: o.siteId,
        unitId: o.unitId,
        unitLabel: unit ? `${unit.building} ${unit.number}` : '',
        customerId: o.customerId,
        customerName: customerById.get(o.customerId) ?? '',
        status: orderStatusAt(orderFacts(o), now),
        heldBy: o.heldBy,
        heldByName: names.get(o.heldBy) ?? '',
        heldAt: o.heldAt,
        listPriceFen: o.listPriceFen,
        approvedPriceFen: o.approvedPriceFen,
        priceFen: o.priceFen,
        subscriptionFen: o.subscriptionFen,
        agreementNo: o.agreementNo,
        subscribedAt: o.subscribedAt,
        paymentDueAt: o.paymentDueAt,
        policyVersion: o.policyVersion,
        subscriptionPaidAt: o.subscriptionPaidAt,
        depositFen: o.depositFen,
        depositedAt: o.depositedAt,
        depositPaidAt: o.depositPaidAt,
        signingNotice: o.signingNotice,
        wordingDiffers: o.wordingDiffers,
        clauses: o.clauses ?? [],
        wordingApprovedAt: o.wordingApprovedAt,
        contractNo: o.contractNo,
        contractedAt: o.contractedAt,
        refundFen: o.refundFen,
        refundPaidAt: o.refundPaidAt,
        endedAt: o.endedAt,
        endReason: o.endReason,
        payments: payments.filter((x) => x.orderId === o.id).map((x) => ({ kind: x.kind, amountFen: x.amountFen, receiptNo: x.receiptNo, recordedAt: x.recordedAt, recordedByName: names.get(x.recordedBy) ?? '' })),
      };
    });
  }

  async get(p: Principal, id: string): Promise<OrderDto> {
    const order = await this.ds.getRepository(UnitOrder).findOneBy({ id });
    if (!order) throw notFound('order');
    await this.access.requireObjectSite(p, order.siteId, STAFF_ROLES, 'order');
    return (await this.toDtos([order]))[0];
  }

  async list(site: SiteRef, q: ListOrdersQuery) {
    const now = new Date();
    const qb = this.ds.getRepository(UnitOrder).createQueryBuilder('o').where('o.site_id = :site', { site: site.id });
    if (q.status) qb.andWhere(`(${ORDER_STATUS_SQL(':now')}) = :status`, { now, status: q.status });
    if (q.unitId) qb.andWhere('o.unit_id = :unit', { unit: q.unitId });
    if (q.atCashier !== undefined) qb.andWhere(`${q.atCashier ? '' : 'NOT '}(${AT_CASHIER_SQL(':now')})`, { now });
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy('o.held_at', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    return page(await this.toDtos(rows, this.ds.manager, now), total, q);
  }

  // ---------- RES-2 / RES-3: hold ----------

  async hold(p: Principal, unitId: string, customerId: string): Promise<OrderDto> {
    const peek = await this.ds.getRepository(Unit).findOne({ where: { id: unitId }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('unit');
    const { site } = await this.access.requireObjectSite(p, peek.siteId, TRANSITION_ROLES.hold, 'unit');
    const [customer] = await this.ds.query(`SELECT id FROM customer WHERE id = $1 AND site_id = $2`, [customerId, site.id]);
    if (!customer) throw validationFailed([{ field: 'customerId', message: 'no such customer on this site' }]);
    return this.ds.transaction(async (em) => {
      // The unit's row lock lines concurrent holds up; the partial unique index is the guarantee (RES-3).
      const unit = await em.getRepository(Unit).findOneOrFail({ where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      const active = await em.getRepository(UnitOrder).findOne({ where: { unitId, status: In([...ACTIVE_ORDER_STATUSES]) } });
      const now = new Date();
      const { lapseFirst } = domain(() => decideHold(active ? orderFacts(active) : null, now));
      if (lapseFirst && active) await this.recordLapse(em, site, active);
      const order = em.getRepository(UnitOrder).create({
        siteId: site.id,
        unitId,
        customerId,
        status: 'held',
        heldBy: p.userId,
        heldAt: now,
        listPriceFen: unit.listPriceFen,
        approvedPriceFen: null,
        updatedAt: now,
      });
      try {
        await em.getRepository(UnitOrder).insert(order);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ProblemException(409, 'UNIT_NOT_AVAILABLE', 'the unit already has an active hold or order (RES-3)');
        throw e;
      }
      const saved = await em.getRepository(UnitOrder).findOneByOrFail({ id: order.id });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.held', entityType: 'unit_order', entityId: saved.id, after: saved });
      await this.announce(em, site, saved, 'hold');
      return (await this.toDtos([saved], em, now))[0];
    });
  }

  // ---------- transitions ----------

  async subscribe(p: Principal, id: string, body: SubscribeDto): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'subscribe');
      const { version, policy } = await this.policies.current(site, em);
      const now = new Date();
      const { paymentDueAt } = domain(() => decideSubscribe(orderFacts(order), { priceFen: fen(body.priceFen), subscriptionFen: fen(body.subscriptionFen) }, now, policy));
      const before = { ...order };
      Object.assign(order, { status: 'subscribed', priceFen: body.priceFen, subscriptionFen: body.subscriptionFen, agreementNo: body.agreementNo, subscribedBy: p.userId, subscribedAt: now, paymentDueAt, policyVersion: version });
      // One second past the deadline: at the deadline itself the order is still in time (RES-4).
      await this.jobs.schedule(em, { name: LAPSE_JOB, runAt: new Date(paymentDueAt.getTime() + 1000), siteId: site.id, payload: { orderId: order.id }, dedupeKey: `${LAPSE_JOB}:${order.id}` });
      await this.save(em, site, order, before, 'subscribed', 'subscribe');
      await this.recordDeals(em, p, site, order, 'subscribe', body.commissionFen);
      return (await this.toDtos([order], em, now))[0];
    });
  }

  /** RES-4: only the cashier records money; the subscription money counts up to its deadline inclusive. */
  async recordPayment(p: Principal, id: string, body: PaymentDto): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'record_payment');
      const now = new Date();
      domain(() => decidePayment(orderFacts(order), body.kind, fen(body.amountFen), now));
      const before = { ...order };
      try {
        await em.getRepository(UnitPayment).insert({ siteId: site.id, orderId: order.id, kind: body.kind, amountFen: body.amountFen, receiptNo: body.receiptNo, recordedBy: p.userId, recordedAt: now });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ProblemException(409, 'ALREADY_PAID', `the ${body.kind} money is already recorded`);
        throw e;
      }
      if (body.kind === 'subscription') order.subscriptionPaidAt = now;
      else if (body.kind === 'deposit') order.depositPaidAt = now;
      else order.refundPaidAt = now;
      await this.save(em, site, order, before, `payment_${body.kind}`, 'payment');
      return (await this.toDtos([order], em, now))[0];
    });
  }

  async deposit(p: Principal, id: string, body: DepositDto): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'deposit');
      const now = new Date();
      domain(() => decideDeposit(orderFacts(order), fen(body.depositFen), now));
      const before = { ...order };
      Object.assign(order, { status: 'deposited', depositFen: body.depositFen, depositAgreementNo: body.agreementNo, depositedAt: now });
      await this.save(em, site, order, before, 'deposited', 'deposit');
      return (await this.toDtos([order], em, now))[0];
    });
  }

  async signingNotice(p: Principal, id: string, body: SigningNoticeDto): Promise<OrderDto> {
    const signingAt = new Date(body.signingAt);
    if (Number.isNaN(signingAt.getTime())) throw validationFailed([{ field: 'signingAt', message: 'must be an instant' }]);
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'signing_notice');
      const now = new Date();
      domain(() => decideSigningNotice(orderFacts(order), signingAt, now));
      const before = { ...order };
      Object.assign(order, { signingNoticeAt: now, signingNotice: { signingAt: signingAt.toISOString(), place: body.place, documents: body.documents, channel: body.channel, by: p.userId } });
      await this.save(em, site, order, before, 'signing_notice_recorded', null);
      return (await this.toDtos([order], em, now))[0];
    });
  }

  async contract(p: Principal, id: string, body: ContractDto): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'contract');
      const now = new Date();
      domain(() => decideContract(orderFacts(order), body.wordingDiffers, now));
      const before = { ...order };
      Object.assign(order, { status: 'contracted', contractNo: body.contractNo, wordingDiffers: body.wordingDiffers, contractedAt: now });
      await this.save(em, site, order, before, 'contracted', 'contract');
      await this.recordDeals(em, p, site, order, 'contract', body.commissionFen);
      return (await this.toDtos([order], em, now))[0];
    });
  }

  /** RES-2: the manager releases a hold (or a signed order whose money never came); void keeps the order, marked void. */
  async end(p: Principal, id: string, kind: 'release' | 'void', reason: string): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, kind);
      const now = new Date();
      domain(() => decideRelease(orderFacts(order), now, kind === 'release' ? 'released' : 'voided'));
      const before = { ...order };
      Object.assign(order, { status: kind === 'release' ? 'released' : 'void', endedAt: now, endedBy: p.userId, endReason: reason });
      await this.save(em, site, order, before, kind === 'release' ? 'released' : 'voided', kind, reason);
      return (await this.toDtos([order], em, now))[0];
    });
  }

  /** RES-6: the site manager adds or removes clauses of an open order; what changed is audited. */
  async setClauses(p: Principal, id: string, body: { clauses: string[]; reason: string }): Promise<OrderDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'set_clauses');
      const now = new Date();
      const change = domain(() => decideClauses(orderFacts(order), order.clauses ?? [], body.clauses, now));
      const before = { ...order };
      order.clauses = change.clauses;
      await this.save(em, site, order, before, 'clauses_changed', 'clauses', `${body.reason.trim()} (+${change.added.length} −${change.removed.length})`);
      return (await this.toDtos([order], em, now))[0];
    });
  }

  /**
   * CA-17: the order step records the customer's deal stages in the commission ledger, in this same
   * transaction: a failure there undoes the step. Stages the customer already reached are skipped.
   */
  private async recordDeals(em: EntityManager, p: Principal, site: SiteRef, order: UnitOrder, step: keyof typeof ORDER_DEAL_STAGES, commissionFen: number | undefined) {
    for (const stage of ORDER_DEAL_STAGES[step]) {
      const outcome = await this.commission.recordOrderDealIn(em, p, site, order.customerId, order.id, { stage, commissionFen });
      // The amount is agreed once: later stages keep it.
      if (outcome?.commission) commissionFen = undefined;
    }
  }

  // ---------- RES-4 lapse ----------

  private async recordLapse(em: EntityManager, site: SiteRef, order: UnitOrder) {
    const before = { ...order };
    // The order ended at its deadline, whenever this runs (GEN-8).
    Object.assign(order, { status: 'lapsed' as OrderStatus, endedAt: order.paymentDueAt, endedBy: null, endReason: 'RES-4: the order money did not reach the cashier in time' });
    await this.save(em, site, order, before, 'lapsed', 'lapse', 'the order money did not reach the cashier in time (RES-4)', { id: null, login: 'system' });
  }

  /** Idempotent: records the lapse only of an order that has lapsed at this instant (payment by the deadline keeps it). */
  async lapseIfDue(em: EntityManager, orderId: string): Promise<boolean> {
    const order = await em.getRepository(UnitOrder).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.status !== 'subscribed' || !isLapsedAt(orderFacts(order), new Date())) return false;
    const site = await this.access.site(order.siteId);
    if (!site) return false;
    await this.recordLapse(em, site, order);
    return true;
  }

  // ---------- RES-5 / RES-6 requests through approvals ----------

  private async ensureNoPending(em: EntityManager, type: string, orderId: string) {
    const pending = await em.getRepository(Approval).exists({ where: { type, subjectType: 'unit_order', subjectId: orderId, status: 'pending' } });
    if (pending) throw new ProblemException(409, 'REQUEST_PENDING', 'a request of this kind already waits for approval on this order');
  }

  async requestCancellation(p: Principal, id: string, body: CancellationDto): Promise<ApprovalRefDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'cancel');
      domain(() => decideCancellationRequest(orderFacts(order), fen(body.refundFen), new Date()));
      await this.ensureNoPending(em, APPROVAL.cancellation, order.id);
      const { policy } = await this.policies.current(site, em);
      const approval = await this.approvals.request(em, site, {
        type: APPROVAL.cancellation,
        subjectType: 'unit_order',
        subjectId: order.id,
        requesterId: p.userId,
        approverRole: policy.cancellationChain[0],
        payload: { step: 0, chain: policy.cancellationChain, refundFen: body.refundFen, reason: body.reason, ruleIds: ['RES-5'] },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.cancellation_requested', entityType: 'unit_order', entityId: order.id, after: { approvalId: approval.id, refundFen: body.refundFen }, reason: body.reason });
      return { approvalId: approval.id, approverRole: approval.approverRole };
    });
  }

  async requestDiscount(p: Principal, id: string, body: DiscountDto): Promise<ApprovalRefDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'request_discount');
      domain(() => decideDiscountRequest(orderFacts(order), fen(body.priceFen), new Date()));
      await this.ensureNoPending(em, APPROVAL.discount, order.id);
      const { policy } = await this.policies.current(site, em);
      const approval = await this.approvals.request(em, site, {
        type: APPROVAL.discount,
        subjectType: 'unit_order',
        subjectId: order.id,
        requesterId: p.userId,
        approverRole: policy.discountApproverRole,
        payload: { priceFen: body.priceFen, listPriceFen: order.listPriceFen, reason: body.reason, ruleIds: ['RES-6'] },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.discount_requested', entityType: 'unit_order', entityId: order.id, after: { approvalId: approval.id, priceFen: body.priceFen }, reason: body.reason });
      return { approvalId: approval.id, approverRole: approval.approverRole };
    });
  }

  async requestWording(p: Principal, id: string, body: WordingDto): Promise<ApprovalRefDto> {
    return this.ds.transaction(async (em) => {
      const { order, site } = await this.load(em, p, id, 'request_wording');
      domain(() => decideWordingRequest(orderFacts(order), new Date()));
      await this.ensureNoPending(em, APPROVAL.wording, order.id);
      const { policy } = await this.policies.current(site, em);
      const approval = await this.approvals.request(em, site, {
        type: APPROVAL.wording,
        subjectType: 'unit_order',
        subjectId: order.id,
        requesterId: p.userId,
        approverRole: body.approverRole ?? policy.wordingApproverRole,
        payload: { differences: body.differences, ruleIds: ['RES-5'] },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.wording_requested', entityType: 'unit_order', entityId: order.id, after: { approvalId: approval.id, differences: body.differences } });
      return { approvalId: approval.id, approverRole: approval.approverRole };
    });
  }

  private async lockFor(em: EntityManager, a: Approval): Promise<{ order: UnitOrder; site: SiteRef }> {
    const order = await em.getRepository(UnitOrder).findOne({ where: { id: a.subjectId, siteId: a.siteId }, lock: { mode: 'pessimistic_write' } });
    const site = order ? await this.access.site(order.siteId) : null;
    if (!order || !site) throw notFound('order');
    return { order, site };
  }

  /** RES-5: each approval of the chain leads to the next; the last one cancels the order and frees the unit. */
  private async cancellationDecided(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    const { order, site } = await this.lockFor(em, a);
    const payload = a.payload as { step: number; chain: Role[]; refundFen: number; reason: string };
    if (decision === 'rejected') {
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.cancellation_rejected', entityType: 'unit_order', entityId: order.id, after: { approvalId: a.id, step: payload.step }, reason: a.comment });
      return;
    }
    const now = new Date();
    domain(() => decideCancellationRequest(orderFacts(order), fen(payload.refundFen), now));
    const next = nextApprovalStep(payload.chain, payload.step);
    if (next) {
      const approval = await this.approvals.request(em, site, {
        type: APPROVAL.cancellation,
        subjectType: 'unit_order',
        subjectId: order.id,
        requesterId: a.requestedBy,
        approverRole: next.role,
        payload: { ...payload, step: next.step },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.cancellation_forwarded', entityType: 'unit_order', entityId: order.id, after: { approvalId: approval.id, step: next.step, approverRole: approval.approverRole } });
      return;
    }
    const before = { ...order };
    Object.assign(order, { status: 'cancelled' as OrderStatus, refundFen: payload.refundFen, endedAt: now, endedBy: a.decidedBy, endReason: payload.reason });
    await this.save(em, site, order, before, 'cancelled', 'cancel', payload.reason);
    // CA-17: the agency's commission keeps its status; the cancellation is recorded against it.
    if (order.subscribedAt) await this.commission.orderCancelledIn(em, site, order.customerId, { id: order.id, reason: payload.reason, decidedBy: a.decidedBy });
  }

  /** RES-6: the company's approval sets the lowest price the order may be subscribed at. */
  private async discountDecided(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    const { order, site } = await this.lockFor(em, a);
    if (decision === 'rejected') return;
    const payload = a.payload as { priceFen: number };
    domain(() => decideDiscountRequest(orderFacts(order), fen(payload.priceFen), new Date()));
    const before = { ...order };
    order.approvedPriceFen = payload.priceFen;
    await this.save(em, site, order, before, 'discount_approved', 'discount_approved');
  }

  /** RES-5: approved wording that differs from the sample contract. */
  private async wordingDecided(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    const { order, site } = await this.lockFor(em, a);
    if (decision === 'rejected') return;
    domain(() => decideWordingRequest(orderFacts(order), new Date()));
    const before = { ...order };
    Object.assign(order, { wordingApprovedAt: new Date(), wordingDiffers: true });
    await this.save(em, site, order, before, 'wording_approved', 'wording_approved');
  }
}
