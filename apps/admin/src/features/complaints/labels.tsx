import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDto } from '../../api/generated';

type State = ComplaintDto['state'];
type Severity = ComplaintDto['severity'];

export const STATES: readonly State[] = ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed', 'rejected', 'reopened'];
export const SEVERITIES: readonly Severity[] = ['minor', 'normal', 'major'];
export const CHANNELS: readonly ComplaintDto['channel'][] = ['phone', 'visit', 'online', 'follow_up_call'];
export const SUBJECT_TYPES: readonly ComplaintDto['subjectType'][] = ['none', 'unit', 'vehicle', 'repair_order', 'staff'];

const STATE_COLOR: Record<State, string> = {
  received: 'gold',
  triaged: 'cyan',
  investigating: 'blue',
  proposed: 'geekblue',
  approved: 'purple',
  resolved: 'green',
  followed_up: 'lime',
  closed: 'default',
  rejected: 'default',
  reopened: 'magenta',
};
const SEVERITY_COLOR: Record<Severity, string> = { minor: 'default', normal: 'blue', major: 'red' };

export function StateTag({ state }: { state: State }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-state={state}>
      {t(`complaints.state.${state}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`complaints.severity.${severity}`)}</Tag>;
}
