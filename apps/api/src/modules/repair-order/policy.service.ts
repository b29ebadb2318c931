import { Injectable } from '@nestjs/common';
import { REPAIR_ORDER_PRESETS, validateKeyCabinet, validateRepairOrderPolicy, type RepairOrderPolicy } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RepairKeyCabinet, RepairPolicyVersion } from './repair-order.entities.js';

/** The preset a site starts with: a service centre's (002 服务顾问), or property management's (004). */
export const defaultRepairPolicy = (site: Pick<SiteRef, 'kind'>): RepairOrderPolicy => REPAIR_ORDER_PRESETS[site.kind === 'service_centre' ? 'vehicle-service-centre' : 'property-management'];

/**
 * RO-5 *(decision)*: a site without a configured cabinet starts with hooks K001…K100, which a manager
 * replaces with the real cabinet's numbering (`PUT /repair-orders/key-cabinet`).
 */
export const DEFAULT_KEY_TAGS = Array.from({ length: 100 }, (_, i) => `K${String(i + 1).padStart(3, '0')}`);

/** Only the policy's own top-level fields, as the domain validated them (a JSON copy: no shared references). */
export function normalizeRepairPolicy(p: RepairOrderPolicy): RepairOrderPolicy {
  const keys: (keyof RepairOrderPolicy)[] = ['preset', 'serviceInterval', 'estimate', 'fees', 'dispatchRoundingMinutes', 'progressCheck', 'discountLevels', 'followUp', 'reminderDaysBefore', 'warranty', 'tickets', 'heatingSeason'];
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, p[k]])))) as RepairOrderPolicy;
}

/**
 * The site's repair-order policy: versions are never edited; the newest governs new orders and files,
 * and each order keeps the version it was opened under (version 1 is the preset of the site's kind).
 */
@Injectable()
export class RepairPolicyService {
  private readonly versions = new Map<string, RepairOrderPolicy>();

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: RepairOrderPolicy; row: RepairPolicyVersion }> {
    const latest = await em.getRepository(RepairPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: latest.policy, row: latest };
    await em.createQueryBuilder().insert().into(RepairPolicyVersion).values({ siteId: site.id, version: 1, policy: defaultRepairPolicy(site), createdBy: null }).orIgnore().execute();
    const row = await em.getRepository(RepairPolicyVersion).findOneOrFail({ where: { siteId: site.id }, order: { version: 'DESC' } });
    return { version: row.version, policy: row.policy, row };
  }

  /** A given version (the one an order was opened under). */
  async version(site: SiteRef, version: number, em: EntityManager = this.ds.manager): Promise<RepairOrderPolicy> {
    // A published version never changes (publishing adds the next one), so it is kept once read (issue #7: a
    // statement less on every order page and command). Callers treat policies as read-only.
    const key = `${site.id}:${version}`;
    const known = this.versions.get(key);
    if (known) return known;
    const row = await em.getRepository(RepairPolicyVersion).findOne({ where: { siteId: site.id, version } });
    if (!row) return (await this.current(site, em)).policy;
    if (this.versions.size >= 10_000) this.versions.clear();
    this.versions.set(key, row.policy);
    return row.policy;
  }

  async publish(site: SiteRef, userId: string, policy: RepairOrderPolicy): Promise<RepairPolicyVersion> {
    let problems: { field: string; message: string }[];
    try {
      problems = validateRepairOrderPolicy(policy);
    } catch {
      problems = [{ field: 'policy', message: 'not a repair-order policy' }];
    }
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    const clean = normalizeRepairPolicy(policy);
    return this.ds.transaction(async (em) => {
      await this.current(site, em);
      // Lock the site's versions so that two publishers number their versions one after the other.
      await em.query('SELECT 1 FROM repair_policy WHERE site_id = $1 FOR UPDATE', [site.id]);
      const last = (await em.getRepository(RepairPolicyVersion).maximum('version', { siteId: site.id })) ?? 0;
      const repo = em.getRepository(RepairPolicyVersion);
      const row = await repo.save(repo.create({ siteId: site.id, version: last + 1, policy: clean, createdBy: userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.policy_published', entityType: 'repair_policy', entityId: row.id, after: { version: row.version, ...clean } });
      return row;
    });
  }

  /** RO-5: the cabinet's tags (the default hooks until a manager sets them). */
  async cabinet(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ tags: string[]; updatedAt: Date | null; updatedBy: string | null }> {
    const row = await em.getRepository(RepairKeyCabinet).findOne({ where: { siteId: site.id } });
    return row ? { tags: row.tags, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : { tags: DEFAULT_KEY_TAGS, updatedAt: null, updatedBy: null };
  }

  /** RO-5: replaces the cabinet's tags; a tag held by an open order must stay. */
  async setCabinet(site: SiteRef, userId: string, tags: string[]) {
    const problems = validateKeyCabinet(tags);
    if (problems.length) throw validationFailed(problems);
    return this.ds.transaction(async (em) => {
      // The same lock as a check-in: no tag is handed out while the cabinet changes.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`repair_key_cabinet:${site.id}`]);
      const held: { key_tag: string }[] = await em.query(
        `SELECT key_tag FROM repair_order WHERE site_id = $1 AND key_tag IS NOT NULL AND state IN ('checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled')`,
        [site.id],
      );
      const missing = held.map((h) => h.key_tag).filter((t) => !tags.includes(t));
      if (missing.length) throw validationFailed(missing.map((t) => ({ field: 'tags', message: `tag ${t} is on an open repair order and stays in the cabinet` })));
      const before = await this.cabinet(site, em);
      const now = new Date();
      await em
        .createQueryBuilder()
        .insert()
        .into(RepairKeyCabinet)
        .values({ siteId: site.id, tags: [...tags], updatedBy: userId, updatedAt: now })
        .orUpdate(['tags', 'updated_by', 'updated_at'], ['site_id'])
        .execute();
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.key_cabinet_set', entityType: 'repair_key_cabinet', entityId: site.id, before: { tags: before.tags }, after: { tags } });
      return { tags: [...tags], updatedAt: now, updatedBy: userId };
    });
  }
}
