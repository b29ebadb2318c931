import { atOrAbove, COMPLAINT_TRANSITIONS, HIERARCHY, qualifiesAtLevel, type ComplaintPolicy, type Role } from '@sitedesk/domain';
import type { ComplaintDetailDto } from '../../api/generated';
import type { ComplaintCommandType } from './queries';

/** The order the actions are offered in: the step that moves the complaint on first. */
const ORDER: readonly ComplaintCommandType[] = [
  'take',
  'respond',
  'triage',
  'settle_on_the_spot',
  'investigate',
  'propose',
  'approve',
  'send_back',
  'resolve',
  'customer_declined',
  'record_follow_up',
  'book_follow_up',
  'close',
  'reopen',
  'wait_for_customer',
  'customer_responded',
  'escalate',
  'hand_over',
];

/** The step that moves the complaint on, highlighted among the allowed ones. */
export const PRIMARY: ReadonlySet<ComplaintCommandType> = new Set(['take', 'triage', 'investigate', 'propose', 'approve', 'resolve', 'record_follow_up', 'close']);

export interface Caller {
  userId: string;
  roles: readonly Role[];
}

/**
 * The actions this caller can take on the complaint now: the state table of CMP-9 (the domain's
 * `COMPLAINT_TRANSITIONS`), then who may act as the domain decides it — the handler (owner, or a
 * supervisor or above at the complaint's level: GEN-10, CMP-5), the approver (CMP-4, GEN-6), the
 * follow-up caller and the closer (the site policy's roles). The API decides again on every command; a
 * refusal it still makes (an approval routed one level up from a supervisor's own proposal) is shown
 * as its message.
 */
export function allowedActions(c: ComplaintDetailDto, caller: Caller, policy: ComplaintPolicy | undefined): ComplaintCommandType[] {
  if (!policy) return [];
  const { userId, roles } = caller;
  const owner = c.ownerId === userId;
  const handler = owner || (atOrAbove(roles, 'supervisor') && qualifiesAtLevel(roles, policy, c.level));
  const chain = policy.escalation.chain;
  const atFault = (c.investigation?.responsibleStaff ?? []).some((s) => s.userId === userId);
  const approverRole = HIERARCHY.indexOf(c.levelRole as Role) > HIERARCHY.indexOf(policy.approverRole) ? (c.levelRole as Role) : policy.approverRole;
  const approver = c.proposedBy !== userId && !atFault && atOrAbove(roles, approverRole);

  const who: Record<ComplaintCommandType, boolean> = {
    take: !c.ownerId && qualifiesAtLevel(roles, policy, 0),
    respond: handler,
    triage: handler,
    settle_on_the_spot: handler,
    investigate: handler,
    propose: handler || c.investigation?.investigatorId === userId,
    approve: approver,
    send_back: approver,
    resolve: handler,
    customer_declined: handler,
    book_follow_up: atOrAbove(roles, policy.followUp.callerRole),
    record_follow_up: atOrAbove(roles, policy.followUp.callerRole),
    close: atOrAbove(roles, policy.closerRole),
    reopen: atOrAbove(roles, policy.closerRole),
    escalate: handler && c.level < chain.length - 1,
    hand_over: !!c.ownerId && (owner || atOrAbove(roles, 'supervisor')),
    wait_for_customer: handler && !c.waiting,
    customer_responded: handler && c.waiting,
  };
  return ORDER.filter((type) => (COMPLAINT_TRANSITIONS[type] as readonly string[]).includes(c.state) && who[type]);
}
