import type { Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/** The roles the API's complaint routes let in (complaints.service.ts: COMPLAINT_READERS / COMPLAINT_SUPERVISORS). */
const READERS: readonly Role[] = ['cs_agent', 'service_advisor', 'supervisor', 'manager', 'director', 'admin'];
const SUPERVISORS: readonly Role[] = ['supervisor', 'manager', 'director', 'admin'];

export interface ComplaintAccess {
  /** Any staff member registers a complaint (CMP-1); partners do not. */
  registers: boolean;
  /** The inbox and every complaint of the site. */
  readsInbox: boolean;
  /** Follow-up calls and statistics. */
  supervises: boolean;
}

export function complaintAccess(site: Pick<SiteRoleDto, 'roles'>): ComplaintAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  return { registers: site.roles.some((r) => r !== 'partner'), readsInbox: holds(READERS), supervises: holds(SUPERVISORS) };
}
