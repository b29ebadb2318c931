import type { TFunction } from 'i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';
import { yuanText } from './queries';

/** Appointment refusals people meet, in their words; anything else as the API says it. */
export const KNOWN_PROBLEMS = [
  'SLOT_FULL',
  'SLOT_INVALID',
  'SLOT_PAST',
  'FORM_NO_EXISTS',
  'SIGNATURE_MISSING',
  'DEPOSIT_REQUIRED',
  'DEPOSIT_RECEIPT_MISSING',
  'AMOUNT_INVALID',
  'APPOINTMENT_STATE_CONFLICT',
  'SCHEDULE_TOO_LATE',
  'NOT_ON_SCHEDULE',
  'ALREADY_ARRIVED',
  'PARTY_INCOMPLETE',
  'DESK_UNATTENDED',
  'MOVE_IN_STATE_CONFLICT',
  'STEP_OUT_OF_ORDER',
  'LEADER_FULL',
  'UNIT_UNKNOWN',
  'LEADER_UNKNOWN',
  'NOTICE_EXISTS',
  'UNIT_SCHEDULED',
  'HEADER_INVALID',
  'MISSING_FIELD',
  'INVALID_VALUE',
  'DUPLICATE_IN_FILE',
  'TOO_MANY_COLUMNS',
] as const;
export type KnownProblem = (typeof KNOWN_PROBLEMS)[number];
export const isKnownProblem = (code: string | null | undefined): code is KnownProblem => !!code && (KNOWN_PROBLEMS as readonly string[]).includes(code);

/** A code of a per-line or per-party report (schedule errors, check-in results), in words. */
export function codeText(code: string, t: TFunction, fallback?: string): string {
  if (isKnownProblem(code)) return t(`appointments.problems.${code}`, { amount: '' });
  return fallback ?? code;
}

export function appointmentsProblemText(problem: Problem, t: TFunction, language = 'zh-CN'): string {
  if (problem.code === 'DEPOSIT_REQUIRED') {
    const required = (problem as Problem & { requiredDepositFen?: number }).requiredDepositFen;
    return t('appointments.problems.DEPOSIT_REQUIRED', { amount: typeof required === 'number' ? yuanText(required, language) : '' });
  }
  if (isKnownProblem(problem.code)) return t(`appointments.problems.${problem.code}`, { amount: '' });
  return problemText(problem, t);
}
