import type { ClientAttributionPolicy } from './policy.js';

export interface FollowUpFacts {
  customerId: string;
  ownerId: string;
  /** When the owner's ownership began (or was renewed). */
  ownedSince: Date;
  /** The customer has visited at least once (callers who never visited are followed daily). */
  visited: boolean;
  lastFollowUpAt: Date | null;
}

/**
 * CA-5: when the next follow-up is due — every 3 days for owned customers, daily for callers who never
 * visited — counted from the last follow-up or from the start of ownership.
 */
export function followUpDueAt(f: FollowUpFacts, policy: ClientAttributionPolicy): Date {
  const every = !f.visited && policy.callersFollowUpDaily ? 1 : policy.followUpEveryDays;
  const from = f.lastFollowUpAt && f.lastFollowUpAt > f.ownedSince ? f.lastFollowUpAt : f.ownedSince;
  return new Date(from.getTime() + every * 86_400_000);
}

export const isFollowUpOverdue = (f: FollowUpFacts, policy: ClientAttributionPolicy, now: Date) => followUpDueAt(f, policy) <= now;
