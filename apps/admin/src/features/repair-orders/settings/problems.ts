import type { TFunction } from 'i18next';
import type { Problem } from '../../../api/problem';
import { repairProblemText } from '../problems';

/** The refusals of the issue #7 screens (warranty claims, ticket follow-up and hand-over, reminders) in people's words; the rest as ../problems.ts says them. */
const MORE = [
  'RO_WARRANTY_CLAIM_INVALID',
  'RO_WARRANTY_CLAIM_DECIDED',
  'RO_NO_SERVICE_REMINDER',
  'RO_REMINDER_ALREADY_SENT',
  'FOLLOW_UP_TIME_INVALID',
  'FOLLOW_UP_NO_CALLABLE_TIME',
  'FOLLOW_UP_ANSWERS_INVALID',
  'HANDOVER_REASON_REQUIRED',
  'HANDOVER_TO_OWNER',
  'NOT_RESPONSIBLE',
] as const;
type MoreCode = (typeof MORE)[number];
const isMore = (code: string): code is MoreCode => (MORE as readonly string[]).includes(code);

export function moreProblemText(problem: Problem, t: TFunction): string {
  if (!isMore(problem.code)) return repairProblemText(problem, t);
  const text = t(`repairOrders.more.problems.${problem.code}`);
  const fields = problem.errors?.map((e) => e.field).filter(Boolean);
  return fields?.length ? `${text} (${fields.join(', ')})` : text;
}
