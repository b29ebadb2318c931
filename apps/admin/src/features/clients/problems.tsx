import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../../shared/problem-text';

/** Client-attribution refusals people meet often, in their words; anything else as the API says it. */
const KNOWN = [
  'ROTATION_NOT_PUBLISHED',
  'ROTATION_DUPLICATE',
  'NOBODY_AVAILABLE',
  'VISIT_CODE_UNKNOWN',
  'PASS_TOO_EARLY',
  'NOT_IN_LINE',
  'SELF_APPROVAL_FORBIDDEN',
  'AGENT_BARRED',
  'MASKED_REPORTING_OFF',
  'NOT_A_PARTNER',
  'IDEMPOTENCY_KEY_REUSED',
  'TOO_MANY_REQUESTS',
  'FOLLOW_UPS_OUTSTANDING',
  'DAILY_REPORT_FILED',
  'NOT_RECEIVING_CONSULTANT',
  'VISIT_ALREADY_RECORDED',
  'CUSTOMER_OWNED',
  'NOT_IN_OPEN_POOL',
  'RENEWAL_PENDING',
  'APPEAL_WINDOW_CLOSED',
  'ALREADY_APPEALED',
  'POLICY_VERSION_CONFLICT',
  'DISPUTE_DECIDED',
  'OWN_DISPUTE',
] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

export function clientsProblemText(problem: Problem, t: TFunction): string {
  if (isKnown(problem.code)) return t(`clients.problems.${problem.code}`);
  return problemText(problem, t);
}

/** A failed call's message above a form or a table, in the module's words; nothing without a problem. */
export function ClientsProblem({ problem }: { problem: Problem | null | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return <Alert type="error" showIcon title={clientsProblemText(problem, t)} style={{ marginBottom: 16 }} />;
}
