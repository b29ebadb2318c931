import { Injectable } from '@nestjs/common';
import { DEFAULT_RESERVATION_POLICY, validateReservationPolicy, type ReservationPolicy } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { validationFailed } from '../../platform/http/validation.js';
import { ReservationPolicyVersion } from './reservation.entities.js';

/**
 * The site's reservation policy: versions are never edited; the newest governs new orders, and each
 * order keeps the version it was signed under (version 1 holds the SPEC defaults).
 */
@Injectable()
export class ReservationPolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: ReservationPolicy; row: ReservationPolicyVersion }> {
    const latest = await em.getRepository(ReservationPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: { ...DEFAULT_RESERVATION_POLICY, ...latest.policy }, row: latest };
    // First use: version 1 from the defaults. Concurrent first uses insert once.
    await em.createQueryBuilder().insert().into(ReservationPolicyVersion).values({ siteId: site.id, version: 1, policy: DEFAULT_RESERVATION_POLICY, createdBy: null }).orIgnore().execute();
    const row = (await em.getRepository(ReservationPolicyVersion).findOneOrFail({ where: { siteId: site.id }, order: { version: 'DESC' } }));
    return { version: row.version, policy: { ...DEFAULT_RESERVATION_POLICY, ...row.policy }, row };
  }

  async publish(site: SiteRef, userId: string, policy: ReservationPolicy): Promise<ReservationPolicyVersion> {
    const problems = validateReservationPolicy(policy);
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    return this.ds.transaction(async (em) => {
      await this.current(site, em);
      // Lock the site's versions so that two publishers number their versions one after the other.
      await em.query('SELECT 1 FROM reservation_policy WHERE site_id = $1 FOR UPDATE', [site.id]);
      const last = (await em.getRepository(ReservationPolicyVersion).maximum('version', { siteId: site.id })) ?? 0;
      const row = await em.getRepository(ReservationPolicyVersion).save(em.getRepository(ReservationPolicyVersion).create({ siteId: site.id, version: last + 1, policy, createdBy: userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.policy_published', entityType: 'reservation_policy', entityId: row.id, after: { version: row.version, ...policy } });
      return row;
    });
  }
}
