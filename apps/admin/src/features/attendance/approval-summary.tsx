import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto } from '../../api/generated';
import { useSiteTime } from '../shell/current-site';
import { formatDate } from './dates';
import { LEAVE_COLOR, LeavePeriod } from './my/MyRequests';

const TYPES = ['attendance.leave', 'attendance.swap', 'attendance.missed_punch', 'attendance.certificate'] as const;
type AttendanceApprovalType = (typeof TYPES)[number];
const KEY: Record<AttendanceApprovalType, 'leave' | 'swap' | 'missed_punch' | 'certificate'> = { 'attendance.leave': 'leave', 'attendance.swap': 'swap', 'attendance.missed_punch': 'missed_punch', 'attendance.certificate': 'certificate' };

export const isAttendanceApproval = (type: string): type is AttendanceApprovalType => (TYPES as readonly string[]).includes(type);

/** The name of an attendance approval's type, as a tag. */
export function AttendanceApprovalType({ type }: { type: AttendanceApprovalType }) {
  const { t } = useTranslation();
  return <Tag color="purple">{t(`attendance.approvalTypes.${KEY[type]}`)}</Tag>;
}

/** What an attendance approval is about, from its payload: the leave and its days, the swapped days, the missed punch. */
export function AttendanceApprovalSummary({ approval }: { approval: ApprovalDto & { type: AttendanceApprovalType } }) {
  const { t, i18n } = useTranslation();
  const siteTime = useSiteTime();
  const p = approval.payload as Record<string, unknown>;
  switch (approval.type) {
    case 'attendance.leave': {
      const type = p.type as 'personal' | 'annual' | 'sick';
      return (
        <Space size={4} wrap>
          <Tag color={LEAVE_COLOR[type] ?? 'default'}>{t(`attendance.leaveTypes.${type}`)}</Tag>
          {typeof p.from === 'string' && typeof p.to === 'string' && <LeavePeriod from={p.from} to={p.to} />}
        </Space>
      );
    }
    case 'attendance.swap':
      return (
        <span>
          {formatDate(String(p.requesterDate), i18n.language)} ⇄ {formatDate(String(p.colleagueDate), i18n.language)}
        </span>
      );
    case 'attendance.certificate':
      return (
        <Space size={4} wrap>
          <Tag color={LEAVE_COLOR.sick}>{t('attendance.leaveTypes.sick')}</Tag>
          {typeof p.from === 'string' && typeof p.to === 'string' && <LeavePeriod from={p.from} to={p.to} />}
          <Typography.Text type="secondary">· {t('attendance.certificate.handedInAt', { time: siteTime(String(p.submittedAt)) })}</Typography.Text>
          {typeof p.note === 'string' && p.note && <Typography.Text type="secondary">· {p.note}</Typography.Text>}
        </Space>
      );
    case 'attendance.missed_punch':
      return (
        <Space size={4} wrap>
          <Tag>{t(`attendance.punchKinds.${p.kind === 'out' ? 'out' : 'in'}`)}</Tag>
          {siteTime(String(p.at))}
          {typeof p.reason === 'string' && <Typography.Text type="secondary">· {p.reason}</Typography.Text>}
        </Space>
      );
  }
}
