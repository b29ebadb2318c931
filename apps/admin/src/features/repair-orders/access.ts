import type { Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/** The roles the API's routes let in (repair-orders.service.ts and repair-tickets.service.ts). */
const READERS: readonly Role[] = ['service_advisor', 'technician', 'cashier', 'supervisor', 'manager', 'director', 'admin'];
const ADVISORS: readonly Role[] = ['service_advisor', 'manager', 'director', 'admin'];
const WORKSHOP: readonly Role[] = ['technician', 'supervisor', 'manager', 'director', 'admin'];
const STATISTICS: readonly Role[] = ['cashier', 'supervisor', 'manager', 'director', 'admin'];
const TICKET_READERS: readonly Role[] = ['cs_agent', 'clerk', 'supervisor', 'technician', 'cashier', 'manager', 'director', 'admin'];
const TICKET_DESK: readonly Role[] = ['cs_agent', 'clerk', 'supervisor', 'manager', 'director', 'admin'];
const TICKET_FEES: readonly Role[] = ['supervisor', 'cashier', 'manager', 'director', 'admin'];

export interface RepairAccess {
  /** Repair orders and vehicle files of the site. */
  readsOrders: boolean;
  /** The service advisor's desk: files, opening orders. */
  advises: boolean;
  /** The technicians' workshop view. */
  works: boolean;
  statistics: boolean;
  /** RO-11: the call-centre intake and the ticket boards. */
  readsTickets: boolean;
  takesCalls: boolean;
  readsFees: boolean;
  /** Any of the module's pages. */
  any: boolean;
}

export function repairAccess(site: Pick<SiteRoleDto, 'roles'>): RepairAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  const a = {
    readsOrders: holds(READERS),
    advises: holds(ADVISORS),
    works: holds(WORKSHOP),
    statistics: holds(STATISTICS),
    readsTickets: holds(TICKET_READERS),
    takesCalls: holds(TICKET_DESK),
    readsFees: holds(TICKET_FEES),
  };
  return { ...a, any: a.readsOrders || a.readsTickets };
}
