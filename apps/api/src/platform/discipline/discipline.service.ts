import { Injectable } from '@nestjs/common';
import type { DisciplineEntryDraft } from '@sitedesk/domain';
import type { EntityManager } from 'typeorm';
import type { SiteRef } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound, ProblemException } from '../errors/problem.js';
import { DisciplineEntry, Handover } from './discipline-entry.entity.js';

/** GEN-9 and GEN-10 as services every module calls inside its own transaction. */
@Injectable()
export class DisciplineService {
  constructor(private readonly audit: AuditService) {}

  async issue(em: EntityManager, site: SiteRef, draft: DisciplineEntryDraft, issuedBy: string | null): Promise<DisciplineEntry> {
    const entry = em.getRepository(DisciplineEntry).create({ ...draft, siteId: site.id, sourceRef: draft.sourceRef ?? null, issuedBy });
    await em.getRepository(DisciplineEntry).save(entry);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'discipline.issued', entityType: 'discipline_entry', entityId: entry.id, after: entry });
    return entry;
  }

  async void(em: EntityManager, site: SiteRef, id: string, by: string, reason: string): Promise<DisciplineEntry> {
    const entry = await em.getRepository(DisciplineEntry).findOne({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
    if (!entry) throw notFound('discipline entry');
    if (entry.voidedAt) throw new ProblemException(409, 'ALREADY_VOIDED', 'this entry is already void');
    if (entry.userId === by) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody voids an entry of their own (GEN-6)');
    const before = { ...entry };
    Object.assign(entry, { voidedAt: new Date(), voidedBy: by, voidReason: reason });
    await em.getRepository(DisciplineEntry).save(entry);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'discipline.voided', entityType: 'discipline_entry', entityId: entry.id, before, after: entry, reason });
    return entry;
  }

  /** GEN-10: record a hand-over decided by the domain's `decideHandover`. */
  async recordHandover(em: EntityManager, site: SiteRef, h: { subjectType: string; subjectId: string; fromUserId: string | null; toUserId: string; byUserId: string; reason: string }) {
    const row = await em.getRepository(Handover).save(em.getRepository(Handover).create({ ...h, siteId: site.id }));
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'handover', entityType: h.subjectType, entityId: h.subjectId, before: { ownerId: h.fromUserId }, after: { ownerId: h.toUserId }, reason: h.reason });
    return row;
  }
}
