import type { TFunction } from 'i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';

/** The repair-order and ticket refusals (docs/repair-order.md, docs/errors.md) in people's words; anything else as the API says it. */
const KNOWN = [
  'RO_DATA_REQUIRED',
  'RO_ESTIMATE_INVALID',
  'RO_LINE_UNKNOWN',
  'RO_PROMISED_TIME_IN_PAST',
  'RO_KEY_TAG_UNKNOWN',
  'RO_ROLE_REQUIRED',
  'RO_SELF_INSPECTION_FORBIDDEN',
  'RO_TRANSITION_NOT_ALLOWED',
  'RO_ORDER_VERSION_CHANGED',
  'RO_KEY_TAG_IN_USE',
  'RO_KEY_CABINET_FULL',
  'RO_CONSENT_ALREADY_RECORDED',
  'RO_LINE_ID_TAKEN',
  'RO_WORK_ALREADY_STARTED',
  'RO_WORK_ALREADY_DONE',
  'RO_WORK_NOT_STARTED',
  'RO_DISCOUNT_PENDING',
  'RO_NO_DISCOUNT_PENDING',
  'RO_FOLLOW_UP_NOT_OPEN',
  'RO_ITEM_PRICING_NOTICE_REQUIRED',
  'RO_DIAGNOSIS_REPORT_REQUIRED',
  'RO_SIGNATURE_REQUIRED',
  'RO_ODOMETER_BELOW_FILE',
  'RO_DISPATCH_MULTI_TEAM',
  'RO_DISPATCH_WRONG_TEAM',
  'RO_ADDITIONAL_WORK_NOT_APPROVED',
  'RO_ADDITIONAL_WORK_DECLINED',
  'RO_ADDITIONAL_WORK_PENDING',
  'RO_WORK_UNFINISHED',
  'RO_DELIVERY_NOT_READY',
  'RO_DISCOUNT_TOO_LARGE',
  'RO_OVERPAYMENT',
  'RO_EXIT_DOCUMENTS_MISSING',
  'RO_FOLLOW_UP_SCRIPT_INCOMPLETE',
  'RO_VEHICLE_FILE_EXISTS',
  'TICKET_INTAKE_INVALID',
  'TICKET_FEE_REQUIRED',
  'TICKET_NOT_PAID_SERVICE',
  'TICKET_TRANSITION_NOT_ALLOWED',
  'TICKET_ROLE_REQUIRED',
  'SELF_APPROVAL_FORBIDDEN',
  'APPROVER_ROLE_REQUIRED',
  'FOLLOW_UP_IN_PAST',
  'FOLLOW_UP_IN_REST_HOURS',
  'FORBIDDEN',
  'NOT_FOUND',
] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

export function repairProblemText(problem: Problem, t: TFunction): string {
  if (!isKnown(problem.code)) return problemText(problem, t);
  const text = t(`repairOrders.problems.${problem.code}`);
  // Field errors (400): name them, so the person knows what to fix.
  const fields = problem.errors?.map((e) => e.field).filter(Boolean);
  return fields?.length ? `${text} (${fields.join(', ')})` : text;
}
