import { STAFF_ROLES, TRANSITION_ROLES, type Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/** Who does what in reservation, as the API's routes decide it (the API refuses the rest; this hides what it would refuse). */
const INVENTORY: readonly Role[] = ['manager', 'clerk'];

export interface ReservationAccess {
  /** Reads the sales board, units and orders: every staff role of the site. */
  staff: boolean;
  /** RES-2: holds (销控), releases and voids — the manager only. */
  holds: boolean;
  /** Subscription, deposit, signing notice, contract; cancellation, discount and wording requests. */
  sells: boolean;
  /** RES-4: records money — the cashier only. */
  cashier: boolean;
  /** Creates, edits and imports units. */
  inventory: boolean;
  /** RES-6: adds or removes an order's clauses — the site manager only. */
  clauses: boolean;
}

export function reservationAccess(site: Pick<SiteRoleDto, 'roles'>): ReservationAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  return {
    staff: holds(STAFF_ROLES),
    holds: holds(TRANSITION_ROLES.hold),
    sells: holds(TRANSITION_ROLES.subscribe),
    cashier: holds(TRANSITION_ROLES.record_payment),
    inventory: holds(INVENTORY),
    clauses: holds(TRANSITION_ROLES.set_clauses),
  };
}
