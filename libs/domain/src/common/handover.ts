import { DomainError } from './errors.js';
import { atOrAbove, type Role } from './roles.js';

/**
 * GEN-10 first-contact responsibility: whoever first takes a request owns it until an explicit,
 * recorded hand-over. The owner hands over; a supervisor or above may reassign with a reason.
 */
export interface Responsibility {
  ownerId: string | null;
}

export function takeFirstContact(current: Responsibility, actorId: string): Responsibility {
  return current.ownerId ? current : { ownerId: actorId };
}

export interface HandoverCommand {
  actorId: string;
  actorRoles: readonly Role[];
  toUserId: string;
  reason: string;
}

export function decideHandover(current: Responsibility, cmd: HandoverCommand): { from: string | null; to: string } {
  if (!cmd.reason.trim()) throw new DomainError('HANDOVER_REASON_REQUIRED', 'invalid', 'a hand-over records its reason (GEN-10)');
  if (cmd.toUserId === current.ownerId) throw new DomainError('HANDOVER_TO_OWNER', 'conflict', 'the request is already theirs (GEN-10)');
  const isOwner = current.ownerId === cmd.actorId;
  if (!isOwner && !atOrAbove(cmd.actorRoles, 'supervisor')) {
    throw new DomainError('NOT_RESPONSIBLE', 'forbidden', 'only the responsible person, or a supervisor and above, hands a request over (GEN-10)');
  }
  return { from: current.ownerId, to: cmd.toUserId };
}
