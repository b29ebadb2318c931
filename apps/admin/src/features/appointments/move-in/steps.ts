import { MOVE_IN_STEPS, type MoveInStep } from '@sitedesk/domain';
import type { MoveInAppointmentDto } from '../../../api/generated';

export { MOVE_IN_STEPS, type MoveInStep };

/** RES-8: the step a visit moves into next, or null when it is done (or the owner is not taken yet). */
export function nextStep(a: Pick<MoveInAppointmentDto, 'status' | 'step'>): MoveInStep | null {
  if (a.status !== 'arrived') return null;
  if (!a.step) return 'reception';
  return MOVE_IN_STEPS[MOVE_IN_STEPS.indexOf(a.step as MoveInStep) + 1] ?? null;
}

export const STATUS_COLOR: Record<string, string> = { scheduled: 'blue', waiting: 'gold', arrived: 'green', missed: 'red', rescheduled: 'default' };
