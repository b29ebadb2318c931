import { Injectable } from '@nestjs/common';
import { DEFAULT_CA_POLICY, validateClientPolicy, type ClientAttributionPolicy } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { EventsService } from '../../platform/events/events.service.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { validationFailed } from '../../platform/http/validation.js';
import { ClientPolicyVersion } from './client-attribution.entities.js';

/**
 * The site's client-attribution policy: the newest version governs (version 1 holds the SPEC defaults).
 * Versions are never edited; a manager publishes a new one. What was decided under an older version keeps
 * it (missed follow-up fines record their version; nothing is recomputed when a new version is published).
 */
@Injectable()
export class ClientPolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: ClientAttributionPolicy }> {
    const latest = await em.getRepository(ClientPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: { ...DEFAULT_CA_POLICY, ...latest.policy } };
    await em.createQueryBuilder().insert().into(ClientPolicyVersion).values({ siteId: site.id, version: 1, policy: DEFAULT_CA_POLICY, createdBy: null }).orIgnore().execute();
    return { version: 1, policy: DEFAULT_CA_POLICY };
  }

  /** Every version, newest first. */
  async versions(site: SiteRef): Promise<ClientPolicyVersion[]> {
    await this.current(site);
    return this.ds.getRepository(ClientPolicyVersion).find({ where: { siteId: site.id }, order: { version: 'DESC' } });
  }

  /**
   * The manager publishes a new version: validated by the domain, numbered after `baseVersion` under the
   * site's policy lock (two managers editing the same version: the second answers 409), audited.
   */
  async publish(site: SiteRef, userId: string, baseVersion: number, policy: ClientAttributionPolicy): Promise<ClientPolicyVersion> {
    const problems = validateClientPolicy(policy);
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('client_policy:' || $1))`, [site.id]);
      const before = await this.current(site, em);
      if (before.version !== baseVersion) throw new ProblemException(409, 'POLICY_VERSION_CONFLICT', `the policy is at version ${before.version}: reload it and edit that`, { currentVersion: before.version });
      const row = await em.getRepository(ClientPolicyVersion).save(em.getRepository(ClientPolicyVersion).create({ siteId: site.id, version: before.version + 1, policy, createdBy: userId }));
      const changed = Object.fromEntries(Object.entries(policy).filter(([k, v]) => before.policy[k as keyof ClientAttributionPolicy] !== v));
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.policy_published',
        entityType: 'client_policy',
        entityId: row.id,
        before: { version: before.version, ...Object.fromEntries(Object.keys(changed).map((k) => [k, before.policy[k as keyof ClientAttributionPolicy]])) },
        after: { version: row.version, ...changed },
      });
      await this.events.publish(em, site.id, 'client.policy', { version: row.version });
      return row;
    });
  }
}
