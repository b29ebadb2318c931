import { TICKET_COMMAND_ROLES, type Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../../api/generated';

/**
 * The roles the API admits for the screens of issue #7 (repair-orders.controller.ts, vehicles.controller.ts,
 * repair-tickets.controller.ts and the domain's TICKET_COMMAND_ROLES), like ../access.ts: the console only
 * offers what the API would do; it still decides every request.
 */
const READERS: readonly Role[] = ['service_advisor', 'technician', 'cashier', 'supervisor', 'manager', 'director', 'admin'];
/** REPAIR_ADVISORS: claim warranty, decide a claim, record a reminder sent. */
const ADVISORS: readonly Role[] = ['service_advisor', 'manager', 'director', 'admin'];
/** REPAIR_MANAGERS: publish a policy version, set the key cabinet. */
const MANAGERS: readonly Role[] = ['manager', 'director', 'admin'];

export interface RepairMoreAccess {
  /** Vehicle files, the policy, the key cabinet and an order's claims are read by all repair staff. */
  reads: boolean;
  claimsWarranty: boolean;
  decidesClaims: boolean;
  remindsService: boolean;
  managesSettings: boolean;
  /** RO-11 / CMP-7 / GEN-10 on tickets. */
  booksTicketFollowUp: boolean;
  recordsTicketFollowUp: boolean;
  handsOverTickets: boolean;
}

export function repairMoreAccess(site: Pick<SiteRoleDto, 'roles'>): RepairMoreAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  return {
    reads: holds(READERS),
    claimsWarranty: holds(ADVISORS),
    decidesClaims: holds(ADVISORS),
    remindsService: holds(ADVISORS),
    managesSettings: holds(MANAGERS),
    booksTicketFollowUp: holds(TICKET_COMMAND_ROLES.book_follow_up),
    recordsTicketFollowUp: holds(TICKET_COMMAND_ROLES.record_follow_up),
    handsOverTickets: holds(TICKET_COMMAND_ROLES.hand_over),
  };
}
