import { DomainError } from '../common/errors.js';
import type { Ownership } from './ownership.js';

/**
 * CA-5 (open pool, an addition): a customer whose protection window ran out is in the site's open pool.
 * Derived from the stored window when read (GEN-8), so it holds before any job has run.
 */
export const isInOpenPool = (c: { status: string; protectedUntil: Date | null }, now: Date) =>
  c.status === 'open_pool' || (c.status === 'owned' && c.protectedUntil !== null && c.protectedUntil <= now);

/**
 * CA-5: who may ask for a re-registration (the supervisor signs it). The owner renews their window;
 * any consultant claims a customer of the open pool; nobody re-registers a customer someone else owns,
 * nor one that was never owned (that one is claimed by registering the call or visit, CA-2/CA-9).
 */
export function checkRenewal(o: Pick<Ownership, 'status' | 'ownerId'>, consultantId: string): 'renew' | 'claim' {
  if (o.status === 'owned' && o.ownerId === consultantId) return 'renew';
  if (o.status === 'owned') throw new DomainError('CUSTOMER_OWNED', 'conflict', 'another consultant owns this customer inside the protection window (CA-5)');
  if (o.status === 'open_pool') return 'claim';
  throw new DomainError('NOT_IN_OPEN_POOL', 'conflict', 'nobody has owned this customer yet: register the call or the visit instead (CA-2, CA-9)');
}
