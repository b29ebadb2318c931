import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { RoleAssignment } from '../identity/identity.entities.js';
import type { Grant } from './principal.js';

export async function loadGrants(em: EntityManager, userId: string): Promise<Grant[]> {
  const rows = await em.find(RoleAssignment, { where: { userId, revokedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map((r) => ({ siteId: r.siteId, role: r.role }));
}
