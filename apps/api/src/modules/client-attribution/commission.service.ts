import { Injectable } from '@nestjs/common';
import { DEAL_STAGES, forfeit, maskPhone, newCommission, recordDeal, type CommissionEntry, type DealStage, type Fen } from '@sitedesk/domain';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { EventsService } from '../../platform/events/events.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { Agency, User } from '../../platform/identity/identity.entities.js';
import { BarredAgent, Customer, CustomerEvent, PartnerReport } from './client-attribution.entities.js';
import type { AgentDto, CommissionDto, CommissionsQuery, DealOutcomeDto, PartnerCommissionsQuery } from './commission.dto.js';
import { CustomersService } from './customers.service.js';
import { CommissionEntryRow } from './disputes.entities.js';
import { ClientPolicyService } from './policy.service.js';

const toDomain = (r: CommissionEntryRow): CommissionEntry => ({ status: r.status, stage: r.stage, amountFen: r.amountFen as Fen, dueAt: r.dueAt, forfeitedAt: r.forfeitedAt });

/**
 * CA-17 commission ledger and CA-6 barring. A deal (recorded by the manager now; by the Reservation
 * module from its orders, through `recordOrderDealIn`) makes the commission of the agency with the channel credit due at
 * the site's policy stage; a 撬单 finding bars the agent (the person, not the agency) and forfeits it.
 */
@Injectable()
export class CommissionService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly customers: CustomersService,
    private readonly policies: ClientPolicyService,
    private readonly events: EventsService,
  ) {}

  /** The valid (or dealt) report that gave `agencyId` the channel credit on this customer: its agent. */
  private async creditedReport(em: EntityManager, customer: Customer, agencyId: string): Promise<PartnerReport | null> {
    return em.getRepository(PartnerReport).findOne({ where: { siteId: customer.siteId, customerId: customer.id, agencyId, status: In(['valid', 'deal']) }, order: { createdAt: 'ASC' } });
  }

  /** CA-17: a deal at a stage; the agency's commission falls due when the stage reaches the policy's. */
  recordDeal(p: Principal, site: SiteRef, customerId: string, body: { stage: DealStage; commissionFen?: number }): Promise<DealOutcomeDto> {
    return this.ds.transaction((em) => this.recordDealIn(em, p, site, customerId, body));
  }

  /**
   * The same inside the caller's transaction: the Reservation module records the stages of its orders
   * here (subscription, contract, down payment), so that the commission falls due with the sale.
   */
  async recordDealIn(em: EntityManager, p: Principal, site: SiteRef, customerId: string, body: { stage: DealStage; commissionFen?: number }): Promise<DealOutcomeDto> {
    return (await this.dealIn(em, p, site, customerId, body, null))!;
  }

  /**
   * CA-17 from the Reservation module, inside the order step's transaction: the order's customer reached
   * `stage`. Idempotent per customer and stage: a stage the customer has already reached (by another
   * order, or recorded by hand) writes nothing and returns null, so that two orders of one customer
   * record the deal once. The customer's row lock lines parallel orders up.
   */
  async recordOrderDealIn(em: EntityManager, p: Principal, site: SiteRef, customerId: string, orderId: string, body: { stage: DealStage; commissionFen?: number }): Promise<DealOutcomeDto | null> {
    return this.dealIn(em, p, site, customerId, body, orderId);
  }

  /**
   * RES-5 and CA-17: an order of this customer was cancelled (退订/退房, approved by the site manager and
   * the developer). Neither SPEC nor the manuals take a commission back for it — only a 撬单 finding
   * forfeits one (CA-6) — so the entry keeps its status (pending stays pending: another order may still
   * reach the stage; due stays due, settled on the developer's side with the refund). The cancellation is
   * recorded against the entry (customer event, audit, `client.commission_order_cancelled`) so the
   * manager and the developer see it when they settle. Returns the entry's id, or null without one.
   */
  async orderCancelledIn(em: EntityManager, site: SiteRef, customerId: string, order: { id: string; reason: string; decidedBy: string | null }): Promise<string | null> {
    const row = await em.getRepository(CommissionEntryRow).findOne({ where: { siteId: site.id, customerId }, lock: { mode: 'pessimistic_write' } });
    if (!row) return null;
    await em.getRepository(CustomerEvent).insert({ siteId: site.id, customerId, kind: 'deal_cancelled', at: new Date(), details: { orderId: order.id, reason: order.reason, commissionEntryId: row.id, commissionStatus: row.status }, recordedBy: order.decidedBy });
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: 'client.deal_order_cancelled',
      entityType: 'commission_entry',
      entityId: row.id,
      before: { status: row.status, stage: row.stage },
      after: { status: row.status, stage: row.stage, orderId: order.id, ruleIds: ['RES-5', 'CA-17'] },
      reason: order.reason,
    });
    await this.events.publish(em, site.id, 'client.commission_order_cancelled', { entryId: row.id, agencyId: row.agencyId, orderId: order.id, status: row.status });
    return row.id;
  }

  private async dealIn(em: EntityManager, p: Principal, site: SiteRef, customerId: string, body: { stage: DealStage; commissionFen?: number }, orderId: string | null): Promise<DealOutcomeDto | null> {
    const customer = await em.getRepository(Customer).findOne({ where: { id: customerId, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
    if (!customer) throw notFound('customer');
    const now = new Date();
    const deals = await em.getRepository(CustomerEvent).find({ where: { customerId: customer.id, kind: 'deal' } });
    const reached = Math.max(-1, ...deals.map((d) => DEAL_STAGES.indexOf(d.details.stage as DealStage)));
    if (DEAL_STAGES.indexOf(body.stage) <= reached) {
      if (orderId) return null;
      throw new ProblemException(409, 'DEAL_STAGE_RECORDED', `the deal has already reached ${DEAL_STAGES[reached]}`);
    }
    const ownership = await this.customers.recompute(em, site, customer, now);
    const { version, policy } = await this.policies.current(site, em);
    let row = await em.getRepository(CommissionEntryRow).findOne({ where: { siteId: site.id, customerId: customer.id }, lock: { mode: 'pessimistic_write' } });
    const agencyId = row?.agencyId ?? ownership.agencyId;
    if (agencyId && !row && body.commissionFen === undefined) throw validationFailed([{ field: 'commissionFen', message: "the agency's commission is required at the first stage of an agency's customer" }]);
    await em.getRepository(CustomerEvent).insert({ siteId: site.id, customerId: customer.id, kind: 'deal', at: now, consultantId: ownership.ownerId, details: { stage: body.stage, agencyId: agencyId ?? undefined, ...(orderId ? { orderId } : {}) }, recordedBy: p.userId });
    if (!agencyId) {
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.deal_recorded', entityType: 'customer', entityId: customer.id, after: { stage: body.stage, agencyId: null, orderId } });
      return { customerId: customer.id, stage: body.stage, commission: null };
    }
    const report = await this.creditedReport(em, customer, agencyId);
    if (!row) {
      row = em.getRepository(CommissionEntryRow).create({
        siteId: site.id,
        customerId: customer.id,
        agencyId,
        agentId: report?.agentId ?? null,
        reportId: report?.id ?? null,
        ...newCommission(),
        dueAtStage: policy.commissionAt,
        policyVersion: version,
      });
    }
    const before = toDomain(row);
    const next = recordDeal(before, body.stage, (body.commissionFen ?? row.amountFen) as Fen, now, { commissionAt: row.dueAtStage });
    Object.assign(row, next, { updatedAt: now });
    row = await em.getRepository(CommissionEntryRow).save(row);
    if (report && report.status === 'valid') {
      // CA-7: the customer bought.
      report.status = 'deal';
      await em.getRepository(PartnerReport).save(report);
    }
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: 'client.deal_recorded',
      entityType: 'commission_entry',
      entityId: row.id,
      before: { status: before.status, stage: before.stage },
      after: { status: next.status, stage: next.stage, amountFen: next.amountFen, agencyId, customerId: customer.id, orderId },
    });
    if (before.status !== 'due' && next.status === 'due') await this.events.publish(em, site.id, 'client.commission_due', { entryId: row.id, agencyId });
    return { customerId: customer.id, stage: body.stage, commission: (await this.dtos(em, [row]))[0] };
  }

  /** The partner agents of a site, with whether each is barred (CA-6). */
  async agents(site: SiteRef): Promise<AgentDto[]> {
    const rows: { id: string; display_name: string; agency_id: string | null; agency_name: string | null }[] = await this.ds.query(
      `SELECT DISTINCT u.id, u.display_name, u.agency_id, a.name AS agency_name FROM app_user u JOIN role_assignment r ON r.user_id = u.id AND r.role = 'partner' AND r.revoked_at IS NULL AND r.site_id = $1
       LEFT JOIN agency a ON a.id = u.agency_id ORDER BY u.display_name`,
      [site.id],
    );
    const bars = await this.ds.getRepository(BarredAgent).find({ where: { siteId: site.id, liftedAt: IsNull() } });
    return rows.map((r) => {
      const bar = bars.find((b) => b.agentId === r.id);
      return { id: r.id, displayName: r.display_name, agencyId: r.agency_id, agencyName: r.agency_name, barred: !!bar, barredReason: bar?.reason ?? null, barredAt: bar?.createdAt ?? null };
    });
  }

  /** An agent (partner user) of this site; anything else is a 404. */
  private async agent(em: EntityManager, site: SiteRef, agentId: string): Promise<User> {
    const [row] = await em.query(`SELECT 1 FROM role_assignment WHERE user_id = $1 AND site_id = $2 AND role = 'partner' AND revoked_at IS NULL LIMIT 1`, [agentId, site.id]);
    const user = row ? await em.getRepository(User).findOneBy({ id: agentId, organizationId: site.organizationId }) : null;
    if (!user || !user.agencyId) throw notFound('agent');
    return user;
  }

  /**
   * CA-6: the manager bars an agent (the person, not the agency) from bringing customers. With a
   * customer it is a 撬单 finding: the agency's commission on that customer is forfeited (due or not,
   * and a later deal does not revive it).
   */
  async bar(p: Principal, site: SiteRef, agentId: string, body: { reason: string; customerId?: string }): Promise<AgentDto> {
    await this.ds.transaction(async (em) => {
      const agent = await this.agent(em, site, agentId);
      const customer = body.customerId ? await em.getRepository(Customer).findOne({ where: { id: body.customerId, siteId: site.id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (body.customerId && !customer) throw validationFailed([{ field: 'customerId', message: 'not a customer of this site' }]);
      // One active bar per agent and site (partial unique index); the lock makes a parallel bar wait and see it.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bar:${site.id}:${agentId}`]);
      if (await em.getRepository(BarredAgent).exists({ where: { siteId: site.id, agentId, liftedAt: IsNull() } })) throw new ProblemException(409, 'AGENT_ALREADY_BARRED', 'this agent is already barred');
      const bar = await em.getRepository(BarredAgent).save(em.getRepository(BarredAgent).create({ siteId: site.id, agentId, reason: body.reason.trim(), barredBy: p.userId }));
      let forfeited: string | null = null;
      if (customer) {
        const now = new Date();
        let row = await em.getRepository(CommissionEntryRow).findOne({ where: { siteId: site.id, customerId: customer.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) {
          const report = await em.getRepository(PartnerReport).findOne({ where: { siteId: site.id, agentId, customerId: customer.id }, order: { createdAt: 'ASC' } });
          const { version, policy } = await this.policies.current(site, em);
          row = em.getRepository(CommissionEntryRow).create({ siteId: site.id, customerId: customer.id, agencyId: agent.agencyId!, agentId, reportId: report?.id ?? null, ...newCommission(), dueAtStage: policy.commissionAt, policyVersion: version });
        }
        if (row.status !== 'forfeited') {
          Object.assign(row, forfeit(toDomain(row), now), { forfeitReason: body.reason.trim(), updatedAt: now });
          row = await em.getRepository(CommissionEntryRow).save(row);
          forfeited = row.id;
        }
        await em.getRepository(CustomerEvent).insert({ siteId: site.id, customerId: customer.id, kind: 'agent_barred', at: now, details: { agentId, agencyId: agent.agencyId ?? undefined, reason: body.reason.trim(), commissionEntryId: row.id }, recordedBy: p.userId });
      }
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.agent_barred',
        entityType: 'barred_agent',
        entityId: bar.id,
        after: { agentId, agencyId: agent.agencyId, customerId: customer?.id ?? null, forfeitedCommission: forfeited },
        reason: body.reason,
      });
    });
    return (await this.agents(site)).find((a) => a.id === agentId)!;
  }

  /** CA-6: the manager lifts a bar (audited with the reason); forfeited commissions stay forfeited. */
  async unbar(p: Principal, site: SiteRef, agentId: string, body: { reason: string }): Promise<AgentDto> {
    await this.ds.transaction(async (em) => {
      await this.agent(em, site, agentId);
      const bar = await em.getRepository(BarredAgent).findOne({ where: { siteId: site.id, agentId, liftedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!bar) throw new ProblemException(409, 'AGENT_NOT_BARRED', 'this agent is not barred');
      bar.liftedAt = new Date();
      await em.getRepository(BarredAgent).save(bar);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.agent_unbarred', entityType: 'barred_agent', entityId: bar.id, before: { liftedAt: null }, after: { agentId, liftedAt: bar.liftedAt }, reason: body.reason });
    });
    return (await this.agents(site)).find((a) => a.id === agentId)!;
  }

  async ledger(site: SiteRef, q: CommissionsQuery) {
    const [rows, total] = await this.ds.getRepository(CommissionEntryRow).findAndCount({
      where: { siteId: site.id, ...(q.status ? { status: q.status } : {}), ...(q.agencyId ? { agencyId: q.agencyId } : {}) },
      order: { updatedAt: 'DESC' },
      ...paging(q),
    });
    return page(await this.dtos(this.ds.manager, rows), total, q);
  }

  /** The agency's own ledger (GEN-7: phones masked). */
  async partnerLedger(p: Principal, q: PartnerCommissionsQuery) {
    const [rows, total] = await this.ds.getRepository(CommissionEntryRow).findAndCount({
      where: { agencyId: p.agencyId ?? '00000000-0000-0000-0000-000000000000', ...(q.siteId ? { siteId: q.siteId } : {}), ...(q.status ? { status: q.status } : {}) },
      order: { updatedAt: 'DESC' },
      ...paging(q),
    });
    return page(await this.dtos(this.ds.manager, rows), total, q);
  }

  private async dtos(em: EntityManager, rows: CommissionEntryRow[]): Promise<CommissionDto[]> {
    if (!rows.length) return [];
    const customers = await em.getRepository(Customer).find({ where: { id: In(rows.map((r) => r.customerId)) }, select: { id: true, name: true, phone: true } });
    const agencies = await em.getRepository(Agency).find({ where: { id: In(rows.map((r) => r.agencyId)) } });
    return rows.map((r) => {
      const c = customers.find((x) => x.id === r.customerId);
      return {
        id: r.id,
        siteId: r.siteId,
        customerId: r.customerId,
        customerName: c?.name ?? '',
        phoneMasked: c ? maskPhone(c.phone) : '',
        agencyId: r.agencyId,
        agencyName: agencies.find((a) => a.id === r.agencyId)?.name ?? null,
        agentId: r.agentId,
        reportId: r.reportId,
        status: r.status,
        stage: r.stage,
        dueAtStage: r.dueAtStage,
        amountFen: Number(r.amountFen),
        dueAt: r.dueAt,
        forfeitedAt: r.forfeitedAt,
        forfeitReason: r.forfeitReason,
        policyVersion: r.policyVersion,
        updatedAt: r.updatedAt,
      };
    });
  }
}
