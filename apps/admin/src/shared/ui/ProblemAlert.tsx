import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../problem-text';

/** A failed call's message above a form or a table; nothing when there is no problem. */
export function ProblemAlert({ problem }: { problem: Problem | null | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return <Alert type="error" showIcon title={problemText(problem, t)} style={{ marginBottom: 16 }} />;
}
