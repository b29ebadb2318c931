import { Injectable, OnModuleInit } from '@nestjs/common';
import { checkRenewal, isDomainError, maskPhone, type ApprovalDecision } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { Approval } from '../../platform/approvals/approval.entity.js';
import { ApprovalsService } from '../../platform/approvals/approvals.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { EventsService } from '../../platform/events/events.service.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging } from '../../platform/http/paging.js';
import { Customer, CustomerEvent } from './client-attribution.entities.js';
import { CustomersService } from './customers.service.js';
import { OVERSEERS } from './follow-ups.service.js';
import type { PoolCustomerDto, PoolQuery, RenewalRequestDto } from './pool.dto.js';

export const RENEWAL_APPROVAL = 'client.renewal';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

/**
 * CA-5 open pool and re-registration (003: 重新登记, 登记表须经售楼部主管签字确认): the consultant asks,
 * the supervisor signs through the approvals inbox; the signature is recorded as a `renewal` customer
 * event that `decideOwner` replays, and the owner is decided again in the same transaction.
 */
@Injectable()
export class PoolService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly approvals: ApprovalsService,
    private readonly customers: CustomersService,
    private readonly events: EventsService,
  ) {}

  onModuleInit() {
    this.approvals.onDecision(RENEWAL_APPROVAL, (em, a, d) => this.renewalDecided(em, a, d));
  }

  /** The site's open pool (GEN-8: a window that ran out counts before any job recorded it). */
  async list(site: SiteRef, overseer: boolean, q: PoolQuery, now = new Date()) {
    const qb = this.ds
      .getRepository(Customer)
      .createQueryBuilder('c')
      .where('c.site_id = :site', { site: site.id })
      .andWhere(`(c.status = 'open_pool' OR (c.status = 'owned' AND c.protected_until <= :now))`, { now });
    if (q.q) qb.andWhere('(c.name ILIKE :like OR c.phone LIKE :digits)', { like: `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`, digits: `%${q.q.replace(/\D/g, '') || '\u0000'}%` });
    const [rows, total] = await qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.id').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    const pending: { id: string; subject_id: string }[] = rows.length
      ? await this.ds.query(`SELECT id, subject_id FROM approval WHERE site_id = $1 AND type = $2 AND status = 'pending' AND subject_id = ANY($3)`, [site.id, RENEWAL_APPROVAL, rows.map((r) => r.id)])
      : [];
    const pendingOf = new Map(pending.map((a) => [a.subject_id, a.id]));
    const items: PoolCustomerDto[] = rows.map((c) => ({
      id: c.id,
      name: c.name,
      phone: overseer ? c.phone : maskPhone(c.phone),
      grade: c.grade,
      source: c.source,
      visited: c.visited,
      poolSince: c.protectedUntil,
      pendingRenewalId: pendingOf.get(c.id) ?? null,
    }));
    return page(items, total, q);
  }

  /** A consultant asks to re-register a customer: their own (renew) or one of the open pool (claim). */
  async request(p: Principal, customerId: string, note: string | undefined): Promise<RenewalRequestDto> {
    const found = await this.ds.getRepository(Customer).findOneBy({ id: customerId });
    if (!found) throw notFound('customer');
    const { site } = await this.access.requireSite(p, found.siteId).catch(() => {
      throw notFound('customer');
    });
    await this.access.requireSite(p, found.siteId, ['consultant']);
    return this.ds.transaction(async (em) => {
      // The customer's row lock serialises requests: one pending re-registration per customer.
      const customer = await em.getRepository(Customer).findOneOrFail({ where: { id: customerId }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      const ownership = await this.customers.recompute(em, site, customer, now);
      const mode = domain(() => checkRenewal(ownership, p.userId));
      const open = await em.getRepository(Approval).findOneBy({ siteId: site.id, type: RENEWAL_APPROVAL, subjectId: customer.id, status: 'pending' });
      if (open) throw new ProblemException(409, 'RENEWAL_PENDING', 'a re-registration of this customer is already waiting for the supervisor');
      const approval = await this.approvals.request(em, site, {
        type: RENEWAL_APPROVAL,
        subjectType: 'customer',
        subjectId: customer.id,
        requesterId: p.userId,
        approverRole: 'supervisor',
        payload: { consultantId: p.userId, mode, customerName: customer.name, note: note ?? null },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.renewal_requested', entityType: 'customer', entityId: customer.id, after: { approvalId: approval.id, mode }, reason: note ?? null });
      return { approvalId: approval.id, customerId: customer.id, mode, approverRole: approval.approverRole, status: 'pending' };
    });
  }

  /** The supervisor signed (or refused): a signature becomes a `renewal` event; the owner is decided again. */
  private async renewalDecided(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    if (decision !== 'approved') return;
    const site = await this.access.site(a.siteId);
    if (!site) throw notFound('site');
    const consultantId = (a.payload as { consultantId: string }).consultantId;
    const customer = await em.getRepository(Customer).findOne({ where: { id: a.subjectId, siteId: a.siteId }, lock: { mode: 'pessimistic_write' } });
    if (!customer) throw notFound('customer');
    const now = a.decidedAt ?? new Date();
    const before = await this.customers.recompute(em, site, customer, now);
    // Another consultant may have won the customer since the request: the signature cannot give it away.
    const mode = domain(() => checkRenewal(before, consultantId));
    await em.getRepository(CustomerEvent).insert({
      siteId: site.id,
      customerId: customer.id,
      kind: 'renewal',
      at: now,
      consultantId,
      details: { signedBy: a.decidedBy!, approvalId: a.id, mode },
      recordedBy: a.decidedBy!,
    });
    const after = await this.customers.recompute(em, site, customer, now);
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: 'client.renewed',
      entityType: 'customer',
      entityId: customer.id,
      before: { status: before.status, ownerId: before.ownerId, protectedUntil: before.protectedUntil },
      after: { status: after.status, ownerId: after.ownerId, protectedUntil: after.protectedUntil, ruleIds: after.ruleIds, approvalId: a.id },
    });
    await this.events.publish(em, site.id, 'client.owner', { customerId: customer.id, ownerId: after.ownerId });
  }

  static isOverseer = (roles: string[]) => roles.some((r) => (OVERSEERS as string[]).includes(r));
}
