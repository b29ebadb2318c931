import { Injectable } from '@nestjs/common';
import type { Role } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformCodes } from '../errors/codes.js';
import { notFound, ProblemException } from '../errors/problem.js';
import { Site } from '../identity/identity.entities.js';
import type { Principal } from '../auth/principal.js';
import { validationFailed } from '../http/validation.js';

export interface SiteRef {
  id: string;
  organizationId: string;
  code: string;
  name: string;
  kind: Site['kind'];
  timeZone: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GEN-7: the one place that answers "may this principal touch this site, with which roles".
 * An object of a site the caller has no role on answers 404 (never 403, never the data);
 * a site they are on but without the needed role answers 403.
 */
@Injectable()
export class AccessPolicy {
  private cache = new Map<string, { site: SiteRef | null; at: number }>();

  constructor(private readonly ds: DataSource) {}

  async site(siteId: string): Promise<SiteRef | null> {
    if (!UUID.test(siteId)) return null;
    const hit = this.cache.get(siteId);
    if (hit && Date.now() - hit.at < 60_000) return hit.site;
    const row = await this.ds.getRepository(Site).findOne({ where: { id: siteId } });
    const site = row ? { id: row.id, organizationId: row.organizationId, code: row.code, name: row.name, kind: row.kind, timeZone: row.timeZone } : null;
    this.cache.set(siteId, { site, at: Date.now() });
    return site;
  }

  /** Drop a cached site after it changed. */
  forget(siteId: string) {
    this.cache.delete(siteId);
  }

  /** The roles the principal holds on a site (org-wide grants count on every site of the organization). */
  rolesOn(p: Principal, site: SiteRef): Role[] {
    if (site.organizationId !== p.organizationId) return [];
    return [...new Set(p.grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role))];
  }

  /**
   * Resolve a site for a principal. Unknown site or no role on it → 404. `roles` given and none
   * held on this site → 403.
   */
  async requireSite(p: Principal, siteId: string, roles?: readonly Role[]): Promise<{ site: SiteRef; roles: Role[] }> {
    return this.resolve(p, siteId, roles, 'site');
  }

  /**
   * The site of an object the caller asked for by its id (GEN-7): no role on that site → 404 naming the
   * object (`what`), so that another site's objects look like none; a role there but none of `roles` → 403.
   */
  async requireObjectSite(p: Principal, siteId: string, roles: readonly Role[], what: string): Promise<{ site: SiteRef; roles: Role[] }> {
    return this.resolve(p, siteId, roles, what);
  }

  private async resolve(p: Principal, siteId: string, roles: readonly Role[] | undefined, what: string): Promise<{ site: SiteRef; roles: Role[] }> {
    const site = await this.site(siteId);
    const held = site ? this.rolesOn(p, site) : [];
    if (!site || !held.length) throw notFound(what);
    if (roles && !held.some((r) => roles.includes(r))) {
      throw new ProblemException(403, PlatformCodes.FORBIDDEN, `this needs one of the roles ${roles.join(', ')} on this site`);
    }
    return { site, roles: held };
  }

  /** Ids of the sites where the principal holds one of `roles` (any role when omitted). */
  async siteIds(p: Principal, roles?: readonly Role[]): Promise<string[]> {
    const relevant = p.grants.filter((g) => !roles || roles.includes(g.role));
    if (relevant.some((g) => g.siteId === null)) {
      const rows = await this.ds.getRepository(Site).find({ where: { organizationId: p.organizationId }, select: { id: true } });
      return rows.map((r) => r.id);
    }
    return [...new Set(relevant.map((g) => g.siteId!))];
  }

  /** Whether the principal holds one of `roles` anywhere in its organization with org-wide reach. */
  isOrgAdmin(p: Principal): boolean {
    return p.grants.some((g) => g.siteId === null && g.role === 'admin');
  }

  /** Users that hold a staff role on the site (or organization-wide), not partners; 400 naming `field` for any other. */
  async requireSiteStaff(em: EntityManager, site: SiteRef, ids: (string | null | undefined)[], field: string): Promise<void> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return;
    const rows: { user_id: string }[] = await em.query(
      `SELECT DISTINCT ra.user_id FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
        WHERE ra.user_id = ANY($1) AND ra.revoked_at IS NULL AND ra.role <> 'partner' AND u.organization_id = $3
          AND (ra.site_id = $2 OR (ra.site_id IS NULL AND ra.organization_id = $3))`,
      [wanted, site.id, site.organizationId],
    );
    const found = new Set(rows.map((r) => r.user_id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw validationFailed(missing.map(() => ({ field, message: 'no staff member of this site' })));
  }
}
