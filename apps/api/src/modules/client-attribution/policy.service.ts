import { Injectable } from '@nestjs/common';
import { DEFAULT_CA_POLICY, type ClientAttributionPolicy } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { ClientPolicyVersion } from './client-attribution.entities.js';

/** The site's client-attribution policy: the newest version (version 1 holds the SPEC defaults). */
@Injectable()
export class ClientPolicyService {
  constructor(private readonly ds: DataSource) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: ClientAttributionPolicy }> {
    const latest = await em.getRepository(ClientPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: { ...DEFAULT_CA_POLICY, ...latest.policy } };
    await em.createQueryBuilder().insert().into(ClientPolicyVersion).values({ siteId: site.id, version: 1, policy: DEFAULT_CA_POLICY, createdBy: null }).orIgnore().execute();
    return { version: 1, policy: DEFAULT_CA_POLICY };
  }
}
