import type { Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/** Who reads and changes what in attendance, as the API's routes decide it (the API refuses the rest). */
const OVERSEERS: readonly Role[] = ['supervisor', 'clerk', 'manager', 'director', 'admin'];
const ROTA_EDITORS: readonly Role[] = ['clerk', 'manager', 'director', 'admin'];
const MANAGERS: readonly Role[] = ['manager', 'director', 'admin'];
const MEETING_RECORDERS: readonly Role[] = ['supervisor', 'manager', 'director', 'admin'];
const ORGANIZATION_READERS: readonly Role[] = ['director', 'admin'];

export interface AttendanceAccess {
  /** Everyone's days, the today board, the monthly report, the site's requests. */
  overseer: boolean;
  /** The rota and blackout days; submitting the month. */
  keepsRota: boolean;
  /** Policy, kiosks, corrections, revising a submitted month. */
  manages: boolean;
  /** The evening meeting's end (ATT-1). */
  recordsMeeting: boolean;
  /** The monthly report of every site they direct in one table (ATT-14, issue #3). */
  readsOrganization: boolean;
}

export function attendanceAccess(site: Pick<SiteRoleDto, 'roles'>): AttendanceAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  return { overseer: holds(OVERSEERS), keepsRota: holds(ROTA_EDITORS), manages: holds(MANAGERS), recordsMeeting: holds(MEETING_RECORDERS), readsOrganization: holds(ORGANIZATION_READERS) };
}
