import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { problemText } from '../problem-text';

/** A page or a card whose data could not be loaded, with a way to try again. */
export function LoadError({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={problemText(problem, t)}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
