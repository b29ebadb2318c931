import type { Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/** Who reads and changes what in client attribution, as the API's routes decide it (the API refuses the rest). */
const RECEPTION: readonly Role[] = ['receptionist', 'supervisor', 'manager'];
const LINE_KEEPERS: readonly Role[] = ['supervisor', 'manager'];
const CUSTOMER_READERS: readonly Role[] = ['consultant', 'supervisor', 'manager', 'director', 'admin'];
const OVERSEERS: readonly Role[] = ['supervisor', 'manager', 'director', 'admin'];
const CALL_TAKERS: readonly Role[] = ['consultant', 'supervisor', 'manager'];
const INBOX: readonly Role[] = ['receptionist', 'supervisor', 'manager', 'director', 'admin'];
const AUDIT_READERS: readonly Role[] = ['manager', 'director', 'admin'];

export interface ClientsAccess {
  /** Any staff role: the reception line and the owner lookup (GEN-7). */
  staff: boolean;
  /** Only a channel partner here: the agency's own reports, nothing of the site's. */
  partnerOnly: boolean;
  /** Registers arrivals at the desk. */
  reception: boolean;
  /** Publishes the day's order, suspends (CA-10). */
  keepsLine: boolean;
  /** Stands in the line: may pass. */
  consultant: boolean;
  /** Customer lists and records (their own, or the site's for overseers). */
  readsCustomers: boolean;
  /** The site's customers and open pool, the SMS outbox. */
  overseer: boolean;
  /** Registers calls (CA-9, CA-13). */
  takesCalls: boolean;
  /** The site's partner reports. */
  readsInbox: boolean;
  /** The audit trail: ownership changes of a customer. */
  readsAudit: boolean;
  /** Managers (manager, director, admin): exemptions, disputes, agents, commissions, the policy. */
  manages: boolean;
  /** Stands in the line or oversees it: the open pool, follow-ups, figures. */
  sales: boolean;
}

export function clientsAccess(site: Pick<SiteRoleDto, 'roles'>): ClientsAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  const staff = site.roles.some((r) => r !== 'partner');
  return {
    staff,
    partnerOnly: !staff && site.roles.includes('partner'),
    reception: holds(RECEPTION),
    keepsLine: holds(LINE_KEEPERS),
    consultant: site.roles.includes('consultant'),
    readsCustomers: holds(CUSTOMER_READERS),
    overseer: holds(OVERSEERS),
    takesCalls: holds(CALL_TAKERS),
    readsInbox: holds(INBOX),
    readsAudit: holds(AUDIT_READERS),
    manages: holds(AUDIT_READERS),
    sales: holds(CUSTOMER_READERS),
  };
}
