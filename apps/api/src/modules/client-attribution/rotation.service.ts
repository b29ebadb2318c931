import { Injectable } from '@nestjs/common';
import { isDomainError, localDate, nextUp, pass, received, startDay, suspend, countsAsTurn, type RotationState, type VisitKind } from '@sitedesk/domain';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { fromDomainError, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment } from '../../platform/identity/identity.entities.js';
import { RotationDay } from './client-attribution.entities.js';
import { ClientPolicyService } from './policy.service.js';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

/**
 * CA-10: the site's reception line for the day. Every change reads and writes the day's row under
 * `SELECT … FOR UPDATE`, so walk-ins registered at the same moment take consecutive turns.
 */
@Injectable()
export class RotationService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly policies: ClientPolicyService,
    private readonly events: EventsService,
  ) {}

  today(site: SiteRef) {
    return localDate(new Date(), site.timeZone);
  }

  async get(site: SiteRef): Promise<RotationState | null> {
    return (await this.ds.getRepository(RotationDay).findOneBy({ siteId: site.id, date: this.today(site) }))?.state ?? null;
  }

  /** The supervisor publishes the day's order (consultants of the site only). */
  async publish(site: SiteRef, order: string[], by: string): Promise<RotationState> {
    const consultants = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, role: 'consultant', revokedAt: IsNull(), userId: In(order) } });
    const known = new Set(consultants.map((c) => c.userId));
    const unknown = order.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
    if (unknown.length) throw validationFailed(unknown.map(({ i }) => ({ field: `order[${i}]`, message: 'not a consultant of this site' })));
    const state = domain(() => startDay(order, new Date()));
    await this.ds.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(RotationDay)
        .values({ siteId: site.id, date: this.today(site), state, publishedBy: by, updatedAt: new Date() })
        .orUpdate(['state', 'published_by', 'updated_at'], ['site_id', 'date'])
        .execute();
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.rotation_published', entityType: 'rotation_day', entityId: `${site.id}:${this.today(site)}`, after: { order } });
      await this.events.publish(em, site.id, 'client.rotation', {});
    });
    return state;
  }

  /** Runs `change` on the locked day row inside the caller's transaction. */
  async change<T>(em: EntityManager, site: SiteRef, change: (s: RotationState) => { state: RotationState; result: T }): Promise<T> {
    const row = await em.getRepository(RotationDay).findOne({ where: { siteId: site.id, date: this.today(site) }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new ProblemException(409, 'ROTATION_NOT_PUBLISHED', "the supervisor has not published today's reception order (CA-10)");
    const { state, result } = domain(() => change(row.state));
    row.state = state;
    row.updatedAt = new Date();
    await em.getRepository(RotationDay).save(row);
    await this.events.publish(em, site.id, 'client.rotation', {});
    return result;
  }

  /** Who receives a visitor of this kind; a walk-in or an agency's customer moves them to the back. */
  take(em: EntityManager, site: SiteRef, kind: VisitKind, busy: string[]): Promise<string> {
    const now = new Date();
    return this.change(em, site, (s) => {
      const who = nextUp(s, kind, new Set(busy), now);
      return { state: countsAsTurn(kind) ? received(s, who, now) : s, result: who };
    });
  }

  async pass(site: SiteRef, consultantId: string): Promise<RotationState> {
    const { policy } = await this.policies.current(site);
    return this.ds.transaction(async (em) => {
      const state = await this.change(em, site, (s) => {
        const next = pass(s, consultantId, new Date(), policy);
        return { state: next, result: next };
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.rotation_pass', entityType: 'rotation_day', entityId: `${site.id}:${this.today(site)}`, after: { consultantId } });
      return state;
    });
  }

  async suspend(site: SiteRef, consultantId: string, by: 'supervisor' | 'manager', reason: string, actor: string): Promise<RotationState> {
    if (consultantId === actor) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody suspends themselves');
    const { policy } = await this.policies.current(site);
    return this.ds.transaction(async (em) => {
      const state = await this.change(em, site, (s) => {
        const next = suspend(s, consultantId, by, new Date(), policy);
        return { state: next, result: next };
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.rotation_suspend', entityType: 'user', entityId: consultantId, after: { until: state.suspendedUntil[consultantId], by }, reason });
      return state;
    });
  }
}
