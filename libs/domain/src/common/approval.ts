import { DomainError } from './errors.js';
import { atOrAbove, nextLevelUp, type Role } from './roles.js';

/** GEN-6: an approval is an explicit record. */
export type ApprovalDecision = 'approved' | 'rejected';

export interface ApprovalRequest {
  requesterId: string;
  /** The role the rule asks for (e.g. `manager` for leave, `developer_approver` for refunds). */
  approverRole: Role;
  /** Whom the request is about, when it is not the requester (a correction of someone's record). */
  subjectUserId?: string;
}

export interface Approver {
  userId: string;
  roles: readonly Role[];
}

/**
 * GEN-6: the approver must hold the role the request needs (or stand above it in the site's
 * hierarchy), and never approves their own request nor a request about their own record.
 */
export function checkApprover(request: ApprovalRequest, approver: Approver): void {
  if (approver.userId === request.requesterId || approver.userId === request.subjectUserId) {
    throw new DomainError('SELF_APPROVAL_FORBIDDEN', 'forbidden', 'a person never approves their own request nor corrects their own record (GEN-6)');
  }
  if (!atOrAbove(approver.roles, request.approverRole)) {
    throw new DomainError('APPROVER_ROLE_REQUIRED', 'forbidden', `this approval needs the role ${request.approverRole} (GEN-6)`);
  }
}

/**
 * GEN-6: to whom a request goes. Normally the role the rule names; when the requester holds that role
 * themselves (a manager asking for leave), the request goes to the next level up.
 */
export function routeApproval(requesterRoles: readonly Role[], approverRole: Role): Role {
  return atOrAbove(requesterRoles, approverRole) ? nextLevelUp(requesterRoles) : approverRole;
}
