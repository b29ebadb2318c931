import type { TFunction } from 'i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';

/** Attendance refusals people meet often, in their words; anything else as the API says it. */
const KNOWN = [
  'NO_SHIFT_NOW',
  'NOT_CLOCKED_IN',
  'CLOCK_IN_KIOSK_ONLY',
  'CLOCK_IN_OUTSIDE_NETWORK',
  'LEAVE_OVERLAP',
  'LEAVE_ON_BLACKOUT_DAY',
  'LEAVE_NOTICE_TOO_SHORT',
  'LEAVE_AFTER_THE_FACT',
  'LEAVE_NO_WORKING_DAY',
  'SICK_REPORTED_TOO_LATE',
  'REQUEST_NOT_CANCELLABLE',
  'REQUEST_NOT_PENDING',
  'SWAP_WITH_SELF',
  'SWAP_TOO_LATE',
  'SWAP_ON_BLACKOUT_DAY',
  'SWAP_NOT_WORKING',
  'NO_SHIFT_THEN',
  'SELF_APPROVAL_FORBIDDEN',
  'ROTA_DATE_PAST',
  'ROTA_INVALID',
  'BLACKOUT_DAY_EXISTS',
  'MONTH_SUBMITTED',
  'MONTH_NOT_STARTED',
  'MONTH_NOT_SUBMITTED',
  'NOTHING_TO_REVISE',
  'ALREADY_REVOKED',
  'WRONG_PIN',
  'TOO_MANY_REQUESTS',
] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

export function attendanceProblemText(problem: Problem, t: TFunction): string {
  if (isKnown(problem.code)) return t(`attendance.problems.${problem.code}`);
  return problemText(problem, t);
}
