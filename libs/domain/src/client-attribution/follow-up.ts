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

/** CA-5: how a follow-up was made. */
export const FOLLOW_UP_CHANNELS = ['phone', 'wechat', 'sms', 'visit', 'other'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

/** GEN-11 (003 漏登): the fields of the follow-up form; each one left blank is a policy fine. */
export const FOLLOW_UP_FORM_FIELDS = ['content', 'grade', 'nextStep'] as const;

export interface OwnershipFollowUps {
  /** When the current ownership began (or was renewed). */
  ownedSince: Date;
  /** The end of the protection window; no follow-up duty after it (the customer is in the open pool). */
  protectedUntil: Date | null;
  visited: boolean;
  /** The owner's follow-ups, in any order. */
  followUps: Date[];
}

/** CA-5: the follow-up cadence in days — daily for callers who never visited (when the site says so). */
export const followUpEveryDays = (visited: boolean, policy: ClientAttributionPolicy) => (!visited && policy.callersFollowUpDaily ? 1 : policy.followUpEveryDays);

/**
 * CA-5 with GEN-8: every due date that passed without a follow-up, from the start of ownership up to
 * `now` (or the end of the window, if earlier). A follow-up before a due date moves the next one; a
 * missed due date starts the next period from itself. The answer depends only on the stored history and
 * `now`, so a job that runs late finds every missed due date, and one that runs twice finds the same.
 * `policy` may be the site's versions as a function of time: each period keeps the cadence of the version
 * in force when it began, so a new version never moves a due date of the past.
 */
export function missedFollowUps(f: OwnershipFollowUps, policy: ClientAttributionPolicy | ((at: Date) => ClientAttributionPolicy), now: Date): Date[] {
  const policyAt = typeof policy === 'function' ? policy : () => policy;
  const end = f.protectedUntil && f.protectedUntil < now ? f.protectedUntil : now;
  const done = f.followUps.map((d) => d.getTime()).filter((t) => t > f.ownedSince.getTime()).sort((a, b) => a - b);
  const missed: Date[] = [];
  let from = f.ownedSince.getTime();
  let i = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const due = from + followUpEveryDays(f.visited, policyAt(new Date(from))) * 86_400_000;
    if (due > end.getTime()) break;
    while (i < done.length && done[i] <= from) i++;
    if (i < done.length && done[i] < due) {
      from = done[i];
      continue;
    }
    missed.push(new Date(due));
    from = due;
  }
  return missed;
}
