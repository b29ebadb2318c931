import { REPAIR_ORDER_COMMAND_ROLES, REPAIR_ORDER_TRANSITIONS, type Role } from '@sitedesk/domain';
import type { RepairOrderDetailDto } from '../../api/generated';
import { discountOf, pendingAdditional, workOf } from './model';
import type { RepairCommandType } from './queries';

/** The order the actions are offered in: the step that moves the order on first. */
const ORDER: readonly RepairCommandType[] = [
  'consent_diagnosis',
  'record_diagnosis',
  'estimate',
  'sign',
  'check_in',
  'dispatch',
  'start_work',
  'report_additional_work',
  'record_additional_consent',
  'finish_work',
  'record_progress_check',
  'complete',
  'quality_check',
  'prepare_delivery',
  'request_discount',
  'decide_discount',
  'settle',
  'exit',
  'record_follow_up',
  'book_follow_up',
  'decline',
  'hand_over',
];

/** The step that moves the order on, highlighted among the allowed ones. */
export const PRIMARY: ReadonlySet<RepairCommandType> = new Set(['estimate', 'sign', 'check_in', 'dispatch', 'complete', 'quality_check', 'prepare_delivery', 'settle', 'exit', 'record_follow_up']);

/**
 * The actions this caller can take on the order now: the state table (`REPAIR_ORDER_TRANSITIONS`) and
 * the roles (`REPAIR_ORDER_COMMAND_ROLES`) of the domain, plus what the order's data makes pointless
 * (a consent with nothing pending, a decision with no discount request). The API decides again on
 * every command; a refusal it still makes (self-inspection, the approver's level) shows as its message.
 */
export function allowedActions(o: RepairOrderDetailDto, roles: readonly Role[]): RepairCommandType[] {
  const discountPending = !!discountOf(o) && !discountOf(o)?.decision;
  const pending = pendingAdditional(o).length > 0;
  const followUpOpen = !!o.followUp && !o.followUpResult;
  const extra: Partial<Record<RepairCommandType, boolean>> = {
    record_additional_consent: pending,
    decide_discount: discountPending,
    request_discount: !discountPending,
    finish_work: workOf(o).some((w) => !w.finishedAt),
    record_follow_up: followUpOpen,
    book_follow_up: followUpOpen,
  };
  return ORDER.filter((type) => (REPAIR_ORDER_TRANSITIONS[type] as readonly string[]).includes(o.state) && roles.some((r) => REPAIR_ORDER_COMMAND_ROLES[type].includes(r)) && extra[type] !== false);
}
