import { Injectable } from '@nestjs/common';
import { COMPLAINT_PRESET_NAMES, COMPLAINT_PRESETS, validateComplaintPolicy, type ComplaintPolicy } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { validationFailed } from '../../platform/http/validation.js';
import { ComplaintPolicyVersion } from './complaint.entities.js';

/** The preset a site starts with: a sales office's, or a service centre's (002 服务顾问). */
export const defaultComplaintPolicy = (site: Pick<SiteRef, 'kind'>): ComplaintPolicy => COMPLAINT_PRESETS[site.kind === 'service_centre' ? 'car-service' : 'sales-office'];

/** Only the policy's own fields, in their own shape (unknown keys a client sent are not stored). */
export function normalizeComplaintPolicy(p: ComplaintPolicy): ComplaintPolicy {
  const win = (w: { start: string; end: string }) => ({ start: w.start, end: w.end });
  const target = (t: { firstResponseMinutes: number; resolutionMinutes: number | null }) => ({ firstResponseMinutes: t.firstResponseMinutes, resolutionMinutes: t.resolutionMinutes });
  return {
    preset: p.preset,
    categories: p.categories.map((c) => ({ code: c.code, name: c.name, department: c.department, investigatorRole: c.investigatorRole })),
    businessHours: { timeZone: p.businessHours.timeZone, week: p.businessHours.week.map((d) => d.map(win)), holidays: [...p.businessHours.holidays], makeupWorkdays: [...p.businessHours.makeupWorkdays] },
    sla: {
      bySeverity: { minor: target(p.sla.bySeverity.minor), normal: target(p.sla.bySeverity.normal), major: target(p.sla.bySeverity.major) },
      overrides: p.sla.overrides.map((o) => ({ category: o.category, severity: o.severity, ...target(o) })),
      grumble: target(p.sla.grumble),
    },
    escalation: { chain: [...p.escalation.chain], majorStartsAt: p.escalation.majorStartsAt, importantCustomerStartsAt: p.escalation.importantCustomerStartsAt },
    approverRole: p.approverRole,
    closerRole: p.closerRole,
    discipline: { staffKind: p.discipline.staffKind, staffAmountFen: p.discipline.staffAmountFen, departmentHeadKind: p.discipline.departmentHeadKind, departmentHeadAmountFen: p.discipline.departmentHeadAmountFen },
    followUp: { windowHours: p.followUp.windowHours, earliestAfterHours: p.followUp.earliestAfterHours, restHours: p.followUp.restHours.map(win), callerRole: p.followUp.callerRole, lowScoreAtMost: p.followUp.lowScoreAtMost },
  };
}

/**
 * The site's complaint policy: versions are never edited; the newest governs new complaints, and each
 * complaint keeps the version it was received under (version 1 is the preset of the site's kind).
 */
@Injectable()
export class ComplaintPolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: ComplaintPolicy; row: ComplaintPolicyVersion }> {
    const latest = await em.getRepository(ComplaintPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: latest.policy, row: latest };
    // First use: version 1 from the preset. Concurrent first uses insert once.
    await em.createQueryBuilder().insert().into(ComplaintPolicyVersion).values({ siteId: site.id, version: 1, policy: defaultComplaintPolicy(site), createdBy: null }).orIgnore().execute();
    const row = await em.getRepository(ComplaintPolicyVersion).findOneOrFail({ where: { siteId: site.id }, order: { version: 'DESC' } });
    return { version: row.version, policy: row.policy, row };
  }

  /** A given version (the one a complaint was received under). */
  async version(site: SiteRef, version: number, em: EntityManager = this.ds.manager): Promise<ComplaintPolicy> {
    const row = await em.getRepository(ComplaintPolicyVersion).findOne({ where: { siteId: site.id, version } });
    return row ? row.policy : (await this.current(site, em)).policy;
  }

  async publish(site: SiteRef, userId: string, policy: ComplaintPolicy): Promise<ComplaintPolicyVersion> {
    let problems: { field: string; message: string }[];
    try {
      problems = validateComplaintPolicy(policy);
      if (!(COMPLAINT_PRESET_NAMES as readonly string[]).includes(policy.preset)) problems.push({ field: 'preset', message: `one of ${COMPLAINT_PRESET_NAMES.join(', ')}` });
    } catch {
      problems = [{ field: 'policy', message: 'not a complaint policy' }];
    }
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    const clean = normalizeComplaintPolicy(policy);
    return this.ds.transaction(async (em) => {
      await this.current(site, em);
      // Lock the site's versions so that two publishers number their versions one after the other.
      await em.query('SELECT 1 FROM complaint_policy WHERE site_id = $1 FOR UPDATE', [site.id]);
      const last = (await em.getRepository(ComplaintPolicyVersion).maximum('version', { siteId: site.id })) ?? 0;
      const repo = em.getRepository(ComplaintPolicyVersion);
      const row = await repo.save(repo.create({ siteId: site.id, version: last + 1, policy: clean, createdBy: userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'complaint.policy_published', entityType: 'complaint_policy', entityId: row.id, after: { version: row.version, ...clean } });
      return row;
    });
  }
}
