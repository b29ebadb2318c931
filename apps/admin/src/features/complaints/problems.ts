import type { TFunction } from 'i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';

/** The complaint refusals (docs/errors.md#complaint) in people's words; anything else as the API says it. */
const KNOWN = [
  'COMPLAINT_INTAKE_INVALID',
  'COMPLAINT_CLASSIFICATION_INVALID',
  'FOLLOW_UP_ANSWERS_INVALID',
  'COMPLAINT_DATA_REQUIRED',
  'COMPLAINT_COMMAND_UNKNOWN',
  'COMPLAINT_PROMISE_IN_PAST',
  'COMPLAINT_PROPOSAL_UNKNOWN',
  'COMPLAINT_PROPOSAL_CHOICE_REQUIRED',
  'FOLLOW_UP_TIME_INVALID',
  'COMPLAINT_TRANSITION_NOT_ALLOWED',
  'COMPLAINT_ALREADY_OWNED',
  'COMPLAINT_AT_TOP_LEVEL',
  'COMPLAINT_ALREADY_WAITING',
  'COMPLAINT_NOT_WAITING',
  'COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED',
  'FOLLOW_UP_IN_PAST',
  'FOLLOW_UP_IN_REST_HOURS',
  'FOLLOW_UP_NO_CALLABLE_TIME',
  'BUSINESS_HOURS_NEVER_OPEN',
  'COMPLAINT_ROLE_REQUIRED',
  'NOT_RESPONSIBLE',
  'SELF_APPROVAL_FORBIDDEN',
  'APPROVER_ROLE_REQUIRED',
  'HANDOVER_REASON_REQUIRED',
  'HANDOVER_TO_OWNER',
  'EXPORT_TOO_LARGE',
  'FORBIDDEN',
  'NOT_FOUND',
] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

/** A problem's extension member (`role`, `state`, `command`), when the API sent one. */
const extra = (problem: Problem, key: string): string | undefined => {
  const v = (problem as unknown as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
};

export function complaintProblemText(problem: Problem, t: TFunction): string {
  if (!isKnown(problem.code)) return problemText(problem, t);
  const role = extra(problem, 'role');
  const state = extra(problem, 'state');
  const text = t(`complaints.problems.${problem.code}`, {
    role: role ? t(`roles.${role}` as 'roles.admin', { defaultValue: role }) : '',
    state: state ? t(`complaints.state.${state}` as 'complaints.state.received', { defaultValue: state }) : '',
    total: (problem as unknown as { total?: number }).total ?? '',
    limit: (problem as unknown as { limit?: number }).limit ?? '',
  });
  // Field errors (400): name them, so the person knows what to fix.
  const fields = problem.errors?.map((e) => e.field).filter(Boolean);
  return fields?.length ? `${text} (${fields.join(', ')})` : text;
}
