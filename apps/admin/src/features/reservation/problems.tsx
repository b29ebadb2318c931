import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';

/** Reservation refusals in the seller's words; anything else as the API says it. */
const KNOWN = [
  'UNIT_NOT_AVAILABLE',
  'UNIT_EXISTS',
  'ORDER_LAPSED',
  'ORDER_STATE_CONFLICT',
  'CANCELLATION_REQUIRED',
  'ALREADY_PAID',
  'PAYMENT_AMOUNT_MISMATCH',
  'PAYMENT_MISSING',
  'SIGNING_NOTICE_LATE',
  'SIGNING_NOTICE_MISSING',
  'WORDING_NOT_APPROVED',
  'DISCOUNT_NOT_APPROVED',
  'AMOUNT_INVALID',
  'REFUND_EXCEEDS_PAID',
  'REQUEST_PENDING',
  'ALREADY_APPROVED',
  'SELF_APPROVAL_FORBIDDEN',
  'FORBIDDEN',
] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

export function reservationProblemText(problem: Problem, t: TFunction): string {
  if (isKnown(problem.code)) return t(`reservation.problems.${problem.code}`);
  return problemText(problem, t);
}

/** A failed call's message above a form, in the module's words; nothing without a problem. */
export function ReservationProblem({ problem }: { problem: Problem | null | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return <Alert data-problem={problem.code} type="error" showIcon title={reservationProblemText(problem, t)} style={{ marginBottom: 16 }} />;
}
