import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveState } from '../attendance/live';

/** Whether the page follows the event stream, or polls while it is down. */
export function LiveBadge({ live }: { live: LiveState }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`appointments.live.hint.${live}`)}>
      <Badge data-testid="appointments-live" data-live={live} status={live === 'live' ? 'processing' : live === 'polling' ? 'warning' : 'default'} text={t(`appointments.live.${live}`)} style={{ fontWeight: 'normal' }} />
    </Tooltip>
  );
}
