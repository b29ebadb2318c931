import { APPOINTMENT_BOOKING_ROLES, MOVE_IN_DESK_ROLES, MOVE_IN_HALL_ROLES, MOVE_IN_SCHEDULE_ROLES, MOVE_IN_STEP_ROLES, STAFF_ROLES, type MoveInStep, type Role } from '@sitedesk/domain';
import type { SiteRoleDto } from '../../api/generated';

/**
 * Who does what with appointments, as the API's routes decide it (the API refuses the rest): the same
 * role lists the controllers name (`@Roles`), read from the domain so the console cannot drift from them.
 */
export interface AppointmentsAccess {
  /** Reads: the slots, the register, the move-in board (staff of the site). */
  reads: boolean;
  /** Books and cancels service appointments (RES-9): service advisor, receptionist, manager. */
  books: boolean;
  /** Sends the move-in schedule and gives new times (RES-7): the sales department. */
  schedules: boolean;
  /** Checks owners in at the desk and takes a place at it (RES-7). */
  desk: boolean;
  /** Checks in owners who walked into the hall (the service ambassador, RES-7). */
  hall: boolean;
  /** Records a missed slot by hand (RES-7). */
  recordsMissed: boolean;
  /** Decides for any early or late owner (besides the owner's own group leader). */
  overseesLeaders: boolean;
  /** May move a visit into this step (RES-8). */
  takesStep: (step: MoveInStep) => boolean;
}

const LEADER_OVERSEERS: readonly Role[] = ['manager'];

export function appointmentsAccess(site: Pick<SiteRoleDto, 'roles'>): AppointmentsAccess {
  const holds = (roles: readonly Role[]) => site.roles.some((r) => roles.includes(r));
  return {
    reads: holds(STAFF_ROLES),
    books: holds(APPOINTMENT_BOOKING_ROLES),
    schedules: holds(MOVE_IN_SCHEDULE_ROLES),
    desk: holds(MOVE_IN_DESK_ROLES),
    hall: holds(MOVE_IN_HALL_ROLES),
    recordsMissed: holds(['receptionist', ...MOVE_IN_SCHEDULE_ROLES]),
    overseesLeaders: holds(LEADER_OVERSEERS),
    takesStep: (step) => holds(MOVE_IN_STEP_ROLES[step]),
  };
}
