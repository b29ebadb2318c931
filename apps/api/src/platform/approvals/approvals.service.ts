import { Injectable } from '@nestjs/common';
import { checkApprover, isDomainError, routeApproval, type ApprovalDecision, type Role } from '@sitedesk/domain';
import { IsNull, type EntityManager } from 'typeorm';
import { RoleAssignment } from '../identity/identity.entities.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { fromDomainError, notFound, ProblemException } from '../errors/problem.js';
import { Approval } from './approval.entity.js';
import type { SiteRef } from '../access/access.policy.js';

/** What a module does when its approval is decided, inside the deciding transaction. */
export type ApprovalEffect = (em: EntityManager, approval: Approval, decision: ApprovalDecision) => Promise<void>;

/**
 * GEN-6 approvals as records. A module asks (`request`), naming the role the rule requires; a
 * requester who holds that role is routed one level up. `decide` refuses self-approval and the
 * wrong role, then runs the module's registered effect in the same transaction.
 */
@Injectable()
export class ApprovalsService {
  private readonly effects = new Map<string, ApprovalEffect>();

  constructor(private readonly audit: AuditService) {}

  onDecision(type: string, effect: ApprovalEffect) {
    this.effects.set(type, effect);
  }

  async request(
    em: EntityManager,
    site: SiteRef,
    input: { type: string; subjectType: string; subjectId: string; requesterId: string; approverRole: Role; subjectUserId?: string; payload?: Record<string, unknown> },
  ): Promise<Approval> {
    // The requester's roles on the site decide where the request goes (GEN-6: one level up from their own).
    const held = await em.getRepository(RoleAssignment).find({ where: [{ userId: input.requesterId, siteId: site.id, revokedAt: IsNull() }, { userId: input.requesterId, siteId: IsNull(), revokedAt: IsNull() }] });
    const approval = em.getRepository(Approval).create({
      siteId: site.id,
      type: input.type,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      requestedBy: input.requesterId,
      subjectUserId: input.subjectUserId ?? null,
      approverRole: routeApproval(held.map((r) => r.role), input.approverRole),
      payload: input.payload ?? {},
    });
    await em.getRepository(Approval).save(approval);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'approval.requested', entityType: 'approval', entityId: approval.id, after: approval });
    return approval;
  }

  async decide(em: EntityManager, site: SiteRef, approvalId: string, approver: Principal, approverRoles: Role[], decision: ApprovalDecision, comment: string | null): Promise<Approval> {
    const approval = await em.getRepository(Approval).findOne({ where: { id: approvalId, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
    if (!approval) throw notFound('approval');
    if (approval.status !== 'pending') throw new ProblemException(409, 'APPROVAL_ALREADY_DECIDED', `this approval is already ${approval.status}`);
    try {
      checkApprover({ requesterId: approval.requestedBy, subjectUserId: approval.subjectUserId ?? undefined, approverRole: approval.approverRole }, { userId: approver.userId, roles: approverRoles });
    } catch (e) {
      throw isDomainError(e) ? fromDomainError(e) : e;
    }
    const before = { ...approval };
    Object.assign(approval, { status: decision, decidedBy: approver.userId, decidedAt: new Date(), comment });
    await em.getRepository(Approval).save(approval);
    const effect = this.effects.get(approval.type);
    if (effect) await effect(em, approval, decision);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `approval.${decision}`, entityType: 'approval', entityId: approval.id, before, after: approval, reason: comment });
    return approval;
  }
}
