import { addMonths, type ClientAttributionPolicy } from './policy.js';

/** What the site knows of a customer, in the order it happened. Every claim carries its time. */
export type Claim =
  /** CA-2: a visit received by a consultant. `assist`: served for an absent owner — no credit. */
  | { kind: 'visit'; at: Date; consultantId: string; role: 'receive' | 'assist' }
  /** CA-9: a registered call; it claims the customer only when the SMS of CA-13 went out. */
  | { kind: 'call'; at: Date; consultantId: string; smsSentAt: Date | null }
  /** CA-4: a relative or friend registered beforehand by the consultant. */
  | { kind: 'relation'; at: Date; consultantId: string }
  /** CA-3: introduced by a customer of `consultantId`; counts when the new customer asked for them or it was registered before the visit. */
  | { kind: 'referral'; at: Date; consultantId: string; askedForConsultant: boolean; registeredBeforeVisit: boolean }
  /**
   * CA-8: an employee named by the customer recommends `consultantId`. Named before price negotiation:
   * the recommended consultant gets the customer; after: no claim. A customer who only phoned is credited
   * to the recommended consultant only with the referral form, the call record and follow-up records.
   */
  | { kind: 'employee_referral'; at: Date; consultantId: string; beforePriceNegotiation: boolean; phoneOnly: boolean; formsComplete: boolean }
  /** CA-17/CA-18: a valid agency report: channel credit for the agency, never a consultant's ownership. */
  | { kind: 'agency_report'; at: Date; agencyId: string; status: 'pending' | 'valid' | 'natural' | 'duplicate' | 'expired' | 'deal' }
  /** CA-5: the supervisor signed the re-registration of a slow customer: the window starts again. */
  | { kind: 'renewal'; at: Date; consultantId: string; signedBy: string }
  /** CA-11: the customer asked for another consultant. */
  | { kind: 'switch'; at: Date; fromConsultantId: string; toConsultantId: string }
  /** CA-12: the manager's decision of a dispute (final after appeal) — it wins over the records. */
  | { kind: 'decision'; at: Date; consultantId: string };

export interface Evidence {
  kind: Claim['kind'];
  at: Date;
  ruleId: string;
  consultantId?: string;
}

export interface Ownership {
  status: 'owned' | 'open_pool' | 'new';
  ownerId: string | null;
  since: Date | null;
  protectedUntil: Date | null;
  /** CA-11: the consultant who keeps half of a disputed sale after a switch. */
  sharedWith: string | null;
  /** CA-17: the agency with the channel credit (a valid report), if any. */
  agencyId: string | null;
  ruleIds: string[];
  /** The claim that decided, and the claims that did not count, with the rule that says why. */
  evidence: Evidence[];
}

/** Whether a claim gives its consultant the customer, and the rule that says so (or why not). */
function assess(c: Claim): { counts: boolean; consultantId?: string; ruleId: string } {
  switch (c.kind) {
    case 'visit':
      return { counts: c.role === 'receive', consultantId: c.consultantId, ruleId: 'CA-2' };
    case 'call':
      return { counts: c.smsSentAt !== null, consultantId: c.consultantId, ruleId: 'CA-9' };
    case 'relation':
      return { counts: true, consultantId: c.consultantId, ruleId: 'CA-4' };
    case 'referral':
      return { counts: c.askedForConsultant || c.registeredBeforeVisit, consultantId: c.consultantId, ruleId: 'CA-3' };
    case 'employee_referral':
      return { counts: c.beforePriceNegotiation && (!c.phoneOnly || c.formsComplete), consultantId: c.consultantId, ruleId: 'CA-8' };
    default:
      return { counts: false, ruleId: 'CA-18' };
  }
}

/** CA-8: a referral named during the visit that made someone else the owner (within the same 12 hours) takes the customer over. */
const SAME_VISIT_MS = 12 * 3_600_000;

/**
 * CA-18: who owns a customer, replayed in time order. A valid claim (a received visit CA-2, a call whose
 * SMS went out CA-9, a relation CA-4 or referral CA-3 registered beforehand, an employee referral named
 * before price negotiation CA-8) makes its consultant the owner when nobody owns the customer: the
 * earliest valid claim wins and later claims of others are evidence only. Ownership lasts the
 * protection window (CA-5, 3 months); the owner's supervisor-signed renewal starts it again; when it
 * runs out the customer is in the open pool until the next valid claim. A switch (CA-11) moves the
 * customer and keeps the previous consultant's half of a disputed sale; a manager's decision (CA-12)
 * wins over the records. A valid agency report gives the agency the channel credit (CA-17), never
 * a consultant's ownership.
 */
export function decideOwner(claims: Claim[], policy: ClientAttributionPolicy, now: Date): Ownership {
  const sorted = [...claims].filter((c) => c.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const end = (since: Date) => addMonths(since, policy.protectionMonths);
  const evidence: Evidence[] = [];
  let owner: { id: string; since: Date; ruleId: string; claimKind: Claim['kind']; claimAt: Date } | null = null;
  let sharedWith: string | null = null;
  let agencyId: string | null = null;
  let everOwned = false;
  const rules = new Set<string>();

  for (const c of sorted) {
    if (owner && c.at >= end(owner.since)) {
      evidence.push({ kind: owner.claimKind, at: owner.claimAt, ruleId: 'CA-5', consultantId: owner.id });
      owner = null;
      sharedWith = null;
      rules.clear();
    }
    if (c.kind === 'agency_report') {
      if (c.status === 'valid' || c.status === 'deal') agencyId = c.agencyId;
      evidence.push({ kind: c.kind, at: c.at, ruleId: 'CA-17' });
      continue;
    }
    if (c.kind === 'renewal') {
      if (owner && c.consultantId === owner.id) {
        owner.since = c.at;
        rules.add('CA-5');
      } else if (!owner && everOwned) {
        // CA-5: a signed re-registration takes the customer back out of the open pool.
        owner = { id: c.consultantId, since: c.at, ruleId: 'CA-5', claimKind: c.kind, claimAt: c.at };
        sharedWith = null;
        rules.clear();
        rules.add('CA-5');
      }
      evidence.push({ kind: c.kind, at: c.at, ruleId: 'CA-5', consultantId: c.consultantId });
      continue;
    }
    if (c.kind === 'switch') {
      if (owner && c.fromConsultantId === owner.id) {
        sharedWith = owner.id;
        owner = { id: c.toConsultantId, since: c.at, ruleId: 'CA-11', claimKind: c.kind, claimAt: c.at };
        rules.add('CA-11');
      }
      evidence.push({ kind: c.kind, at: c.at, ruleId: 'CA-11', consultantId: c.toConsultantId });
      continue;
    }
    if (c.kind === 'decision') {
      owner = { id: c.consultantId, since: c.at, ruleId: 'CA-12', claimKind: c.kind, claimAt: c.at };
      sharedWith = null;
      everOwned = true;
      rules.clear();
      rules.add('CA-12');
      evidence.push({ kind: c.kind, at: c.at, ruleId: 'CA-12', consultantId: c.consultantId });
      continue;
    }
    const a = assess(c);
    evidence.push({ kind: c.kind, at: c.at, ruleId: a.ruleId, consultantId: a.consultantId });
    if (!a.counts) continue;
    const takesOverVisit = c.kind === 'employee_referral' && owner?.claimKind === 'visit' && c.at.getTime() - owner.claimAt.getTime() <= SAME_VISIT_MS;
    if (!owner || takesOverVisit) {
      owner = { id: a.consultantId!, since: c.at, ruleId: a.ruleId, claimKind: c.kind, claimAt: c.at };
      everOwned = true;
      rules.clear();
      rules.add(a.ruleId).add('CA-18');
    }
  }
  if (owner && now >= end(owner.since)) {
    evidence.push({ kind: owner.claimKind, at: owner.claimAt, ruleId: 'CA-5', consultantId: owner.id });
    owner = null;
    sharedWith = null;
  }
  if (agencyId) rules.add('CA-17');
  if (!owner) {
    return { status: everOwned ? 'open_pool' : 'new', ownerId: null, since: null, protectedUntil: null, sharedWith: null, agencyId, ruleIds: everOwned ? ['CA-5'] : [], evidence };
  }
  return { status: 'owned', ownerId: owner.id, since: owner.since, protectedUntil: end(owner.since), sharedWith, agencyId, ruleIds: [...rules].sort(), evidence };
}
