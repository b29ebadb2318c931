import { Injectable } from '@nestjs/common';
import { employeeReferralClaim, normalizePhone, referralClaim, switchConsultant, turnReturned, type Role, type SwitchSplit } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { EventsService } from '../../platform/events/events.service.js';
import { notFound } from '../../platform/errors/problem.js';
import { validationFailed } from '../../platform/http/validation.js';
import { Customer, CustomerEvent, type Grade } from './client-attribution.entities.js';
import { CustomersService } from './customers.service.js';
import { ClientPolicyService } from './policy.service.js';
import { RotationService } from './rotation.service.js';

export interface CommandOutcome {
  customerId: string;
  eventId: string;
  status: string;
  ownerId: string | null;
  ownerRuleIds: string[];
}

const OVERSEERS: Role[] = ['supervisor', 'manager', 'director', 'admin'];

/** Whether a user holds one of `roles` on the site now (an organization-wide grant counts on its own organization's sites). */
export async function holdsRole(em: EntityManager, siteId: string, userId: string, roles: Role[]): Promise<boolean> {
  const rows = await em.query(`SELECT 1 FROM role_assignment r JOIN site s ON s.id = $2 WHERE r.user_id = $1 AND (r.site_id = s.id OR (r.site_id IS NULL AND r.organization_id = s.organization_id)) AND r.role = ANY($3) AND r.revoked_at IS NULL LIMIT 1`, [userId, siteId, roles]);
  return rows.length > 0;
}

export async function requireConsultant(em: EntityManager, siteId: string, userId: string, field: string) {
  if (!(await holdsRole(em, siteId, userId, ['consultant']))) throw validationFailed([{ field, message: 'not a consultant of this site' }]);
}

export function phoneOf(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone) throw validationFailed([{ field: 'phone', message: 'not a mobile number (11 digits, or with a country code)' }]);
  return phone;
}

/**
 * Commands that add claims to a customer's history (CA-3, CA-4, CA-8, CA-11). Each is a customer_event
 * that `decideOwner` replays; the owner is decided again and audited in the same transaction.
 */
@Injectable()
export class CustomerCommandsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly customers: CustomersService,
    private readonly policies: ClientPolicyService,
    private readonly rotation: RotationService,
    private readonly events: EventsService,
  ) {}

  private async add(em: EntityManager, site: SiteRef, customer: Customer, p: Principal, kind: string, consultantId: string | null, details: Record<string, unknown>, at: Date, action: string): Promise<CommandOutcome> {
    const event = await em.getRepository(CustomerEvent).save(em.getRepository(CustomerEvent).create({ siteId: site.id, customerId: customer.id, kind, at, consultantId, details, recordedBy: p.userId }));
    const ownership = await this.customers.recompute(em, site, customer, at);
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action,
      entityType: 'customer',
      entityId: customer.id,
      after: { eventId: event.id, kind, consultantId, ...details, ownerId: ownership.ownerId, ownerRuleIds: ownership.ruleIds },
      reason: typeof details.reason === 'string' ? details.reason : null,
    });
    await this.events.publish(em, site.id, 'client.customer', { customerId: customer.id });
    return { customerId: customer.id, eventId: event.id, status: ownership.status, ownerId: ownership.ownerId, ownerRuleIds: ownership.ruleIds };
  }

  /** CA-4: a consultant registers a relative or friend beforehand; it counts when nobody owns the customer yet. */
  async registerRelation(p: Principal, site: SiteRef, body: { phone: string; name: string; relationship: 'family' | 'friend'; grade?: Grade }): Promise<CommandOutcome> {
    const phone = phoneOf(body.phone);
    return this.ds.transaction(async (em) => {
      const { customer } = await this.customers.customerFor(em, site, phone, body.name.trim(), 'relation', body.grade ?? 'C', p.userId);
      return this.add(em, site, customer, p, 'relation', p.userId, { relationship: body.relationship }, new Date(), 'client.relation_registered');
    });
  }

  /**
   * CA-3: a customer of consultant A introduces a new customer. Registered by A beforehand (A must own
   * the introducer), or at reception when the newcomer asks for A. Counts when asked for, or registered
   * before the newcomer's first visit.
   */
  async registerReferral(p: Principal, site: SiteRef, roles: Role[], body: { phone: string; name: string; referrerCustomerId: string; askedForConsultant: boolean; grade?: Grade }): Promise<CommandOutcome> {
    const phone = phoneOf(body.phone);
    return this.ds.transaction(async (em) => {
      const referrer = await em.getRepository(Customer).findOneBy({ id: body.referrerCustomerId, siteId: site.id });
      // GEN-7: a consultant sees (and may cite) only their own customers.
      const desk = roles.some((r) => r === 'receptionist' || OVERSEERS.includes(r));
      if (!referrer || (!desk && referrer.ownerId !== p.userId)) throw notFound('referrer customer');
      if (referrer.phone === phone) throw validationFailed([{ field: 'referrerCustomerId', message: 'a customer does not introduce themselves' }]);
      const { customer } = await this.customers.customerFor(em, site, phone, body.name.trim(), 'referral', body.grade ?? 'C', p.userId);
      // Dated once the customer's row is ours: a registration that waited must not date itself first (CA-18).
      const now = new Date();
      const claim = referralClaim({ at: now, referrerOwnerId: referrer.status === 'owned' ? referrer.ownerId : null, askedForConsultant: body.askedForConsultant, visitedBefore: customer.visited });
      return this.add(
        em,
        site,
        customer,
        p,
        'referral',
        claim.consultantId,
        { referrerCustomerId: referrer.id, askedForConsultant: claim.askedForConsultant, registeredBeforeVisit: claim.registeredBeforeVisit },
        now,
        'client.referral_registered',
      );
    });
  }

  /**
   * CA-8: the customer names a referring employee who recommends a consultant. Before price negotiation
   * the recommended consultant takes the customer and the receiving consultant gets their turn back;
   * after it, the receiver keeps the deal. A customer who only phoned counts with the referral form, the
   * recommended consultant's call record and follow-up records (the last two read from the history).
   */
  async registerEmployeeReferral(
    p: Principal,
    site: SiteRef,
    body: { phone: string; name: string; referringEmployeeId: string; recommendedConsultantId: string; beforePriceNegotiation: boolean; referralForm: boolean; grade?: Grade },
  ): Promise<CommandOutcome & { turnReturnedTo: string | null }> {
    const phone = phoneOf(body.phone);
    return this.ds.transaction(async (em) => {
      if (!(await holdsRole(em, site.id, body.referringEmployeeId, ['admin', 'director', 'manager', 'supervisor', 'consultant', 'clerk', 'receptionist', 'cashier', 'cs_agent']))) {
        throw validationFailed([{ field: 'referringEmployeeId', message: 'not an employee of this site' }]);
      }
      await requireConsultant(em, site.id, body.recommendedConsultantId, 'recommendedConsultantId');
      const { customer } = await this.customers.customerFor(em, site, phone, body.name.trim(), 'employee_referral', body.grade ?? 'C', p.userId);
      // Dated once the customer's row is ours: a registration that waited must not date itself first (CA-18).
      const now = new Date();
      const history = await em.getRepository(CustomerEvent).find({ where: { customerId: customer.id }, order: { at: 'ASC' } });
      const mine = (kind: string) => history.some((e) => e.kind === kind && e.consultantId === body.recommendedConsultantId);
      const claim = employeeReferralClaim({
        at: now,
        recommendedConsultantId: body.recommendedConsultantId,
        beforePriceNegotiation: body.beforePriceNegotiation,
        visited: customer.visited,
        referralForm: body.referralForm,
        hasCallRecord: mine('call'),
        hasFollowUps: mine('follow_up'),
      });
      const ownerBefore = customer.ownerId;
      const out = await this.add(
        em,
        site,
        customer,
        p,
        'employee_referral',
        claim.consultantId,
        { referringEmployeeId: body.referringEmployeeId, beforePriceNegotiation: claim.beforePriceNegotiation, phoneOnly: claim.phoneOnly, formsComplete: claim.formsComplete, referralForm: body.referralForm },
        now,
        'client.employee_referral_registered',
      );
      // CA-8: the receiver of today's counted visit who lost the customer keeps their turn.
      let turnReturnedTo: string | null = null;
      const lastVisit = [...history].reverse().find((e) => e.kind === 'visit');
      const counted = lastVisit && ['walk_in', 'agency'].includes(String(lastVisit.details.visitKind ?? 'walk_in'));
      if (ownerBefore && out.ownerId === claim.consultantId && ownerBefore !== claim.consultantId && counted && lastVisit.consultantId === ownerBefore && now.getTime() - lastVisit.at.getTime() < 12 * 3_600_000) {
        const returned = await this.rotation.change(em, site, (s) => ({ state: turnReturned(s, ownerBefore), result: s.order.includes(ownerBefore) })).catch((e: { code?: string }) => {
          if (e.code !== 'ROTATION_NOT_PUBLISHED') throw e;
          return false;
        });
        if (returned) turnReturnedTo = ownerBefore;
      }
      return { ...out, turnReturnedTo };
    });
  }

  /** CA-11: the customer asked for another consultant: the new one serves; the split of a disputed sale is recorded with the switch. */
  async switchConsultant(p: Principal, site: SiteRef, customerId: string, body: { toConsultantId: string; reason: string }): Promise<CommandOutcome & { split: SwitchSplit; policyVersion: number }> {
    return this.ds.transaction(async (em) => {
      const customer = await em.getRepository(Customer).findOne({ where: { id: customerId, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      if (!customer) throw notFound('customer');
      await requireConsultant(em, site.id, body.toConsultantId, 'toConsultantId');
      const now = new Date();
      // The stored owner may be stale (a window ran out): decide from the history first.
      const current = await this.customers.recompute(em, site, customer, now);
      const { version, policy } = await this.policies.current(site, em);
      const { split } = switchConsultant(current.ownerId, body.toConsultantId, now, policy);
      const out = await this.add(em, site, customer, p, 'switch', body.toConsultantId, { fromConsultantId: split.fromConsultantId, split, policyVersion: version, reason: body.reason }, now, 'client.consultant_switched');
      return { ...out, split, policyVersion: version };
    });
  }
}
