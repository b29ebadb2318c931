import { Injectable } from '@nestjs/common';
import { localDate, PRESETS, validatePolicy, type AttendancePolicy, type LocalDate } from '@sitedesk/domain';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { validationFailed } from '../../platform/http/validation.js';
import { AttendanceMonth, AttendancePolicyVersion } from './attendance.entities.js';

/** A site's policy versions as `resolver` hands them on. */
export interface Resolver {
  versions: Map<number, AttendancePolicy>;
  on: (date: LocalDate) => AttendancePolicyVersion;
}

/**
 * The identity of a site's list of versions (their ids in version order), as a scalar subquery; `$1` is
 * the site id. Compared with what `resolverFor` last loaded.
 */
export const VERSION_KEY_SQL = `(SELECT string_agg(v.id::text, ',' ORDER BY v.version) FROM attendance_policy v WHERE v.site_id = $1)`;
const versionKey = (all: AttendancePolicyVersion[]) => all.map((v) => v.id).join(',');
/** How many sites' versions are kept (a few hundred bytes to a few kB each); beyond, the memory starts over. */
const KNOWN_SITES = 2000;

/** The policy a new site starts with: the case-site preset for sales offices, hotel-sales hours for service centres. */
const defaultPolicy = (site: SiteRef): AttendancePolicy => PRESETS[site.kind === 'sales_office' ? 'case-site' : 'hotel-sales'];

/**
 * Versioned attendance policies. A version governs from its `effectiveFrom` date until the next
 * version's; versions are never edited, and a version may not start inside a submitted month
 * (a change never silently rewrites a submitted month).
 */
@Injectable()
export class AttendancePolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The versions last loaded per site, with the key of their list (see `resolverFor`). */
  private readonly known = new Map<string, { key: string; resolver: Resolver }>();

  async versions(site: SiteRef, em: EntityManager = this.ds.manager): Promise<AttendancePolicyVersion[]> {
    const rows = await em.getRepository(AttendancePolicyVersion).find({ where: { siteId: site.id }, order: { version: 'ASC' } });
    if (rows.length) return rows;
    // First use: version 1 from the default preset, from the beginning of time. Concurrent first uses insert once.
    await em
      .createQueryBuilder()
      .insert()
      .into(AttendancePolicyVersion)
      .values({ siteId: site.id, version: 1, effectiveFrom: '2000-01-01', policy: defaultPolicy(site), createdBy: null })
      .orIgnore()
      .execute();
    return em.getRepository(AttendancePolicyVersion).find({ where: { siteId: site.id }, order: { version: 'ASC' } });
  }

  /** The version in force on a local date. */
  async on(site: SiteRef, date: LocalDate, em: EntityManager = this.ds.manager): Promise<AttendancePolicyVersion> {
    const all = await this.versions(site, em);
    return [...all].reverse().find((v) => v.effectiveFrom <= date) ?? all[0];
  }

  /** A resolver for many dates, with every version loaded once. */
  async resolver(site: SiteRef, em: EntityManager = this.ds.manager): Promise<Resolver> {
    const all = await this.versions(site, em);
    const desc = [...all].reverse();
    const resolver = {
      versions: new Map(all.map((v) => [v.version, v.policy])),
      on: (date: LocalDate) => desc.find((v) => v.effectiveFrom <= date) ?? all[0],
    };
    if (this.known.size >= KNOWN_SITES) this.known.clear();
    this.known.set(site.id, { key: versionKey(all), resolver });
    return resolver;
  }

  /**
   * The resolver for a site whose version list the caller has just read as `key` (`VERSION_KEY_SQL`,
   * typically in the same statement as other data): the versions already loaded when the list is the
   * same, else read again. Versions are immutable rows (a change is a new version with a new id), so a
   * list of the same ids in the same order is the same policy; another replica's publication changes the
   * list and is seen at once. `key` null: the site has no version yet (the first use creates one).
   */
  async resolverFor(site: SiteRef, key: string | null, em: EntityManager = this.ds.manager): Promise<Resolver> {
    const hit = key === null ? undefined : this.known.get(site.id);
    return hit && hit.key === key ? hit.resolver : this.resolver(site, em);
  }

  async publish(site: SiteRef, userId: string, effectiveFrom: LocalDate, policy: AttendancePolicy): Promise<AttendancePolicyVersion> {
    const problems = validatePolicy(policy);
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    const today = localDate(new Date(), site.timeZone);
    if (effectiveFrom < today) throw validationFailed([{ field: 'effectiveFrom', message: `must be today (${today}) or later: a policy never changes days already past` }]);
    return this.ds.transaction(async (em) => {
      const submitted = await em.getRepository(AttendanceMonth).findOne({ where: { siteId: site.id, month: LessThanOrEqual(effectiveFrom.slice(0, 7)) }, order: { month: 'DESC' } });
      if (submitted && submitted.month === effectiveFrom.slice(0, 7)) {
        throw new ProblemException(409, 'MONTH_SUBMITTED', `${submitted.month} is submitted: a new policy starts in a later month`);
      }
      const all = await this.versions(site, em);
      // Lock the site's versions so that two publishers number their versions one after the other.
      await em.query('SELECT 1 FROM attendance_policy WHERE site_id = $1 FOR UPDATE', [site.id]);
      const last = (await em.getRepository(AttendancePolicyVersion).maximum('version', { siteId: site.id })) ?? all.length;
      const row = await em.getRepository(AttendancePolicyVersion).save(
        em.getRepository(AttendancePolicyVersion).create({ siteId: site.id, version: last + 1, effectiveFrom, policy, createdBy: userId }),
      );
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.policy_published', entityType: 'attendance_policy', entityId: row.id, after: { version: row.version, effectiveFrom, preset: policy.preset } });
      return row;
    });
  }
}
