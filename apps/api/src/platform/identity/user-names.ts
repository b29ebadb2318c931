import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { User } from './identity.entities.js';

/** Display names for a set of user ids, in one query (lists show names, not ids). */
export async function userNames(em: EntityManager, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map();
  const rows = await em.getRepository(User).find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
  return new Map(rows.map((u) => [u.id, u.displayName]));
}
