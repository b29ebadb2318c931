import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeaveDto } from '../../api/generated';
import { useSiteTime } from '../shell/current-site';

/**
 * ATT-8 for a sick report: when the certificate is due, whether it arrived, and — once overdue — the
 * type the days now read as (the policy's conversion, GEN-8: derived when read).
 */
export function CertificateState({ leave }: { leave: LeaveDto }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  if (!leave.certificate) return null;
  const color = leave.certificate === 'converted' ? 'red' : leave.certificate === 'certified' ? 'green' : 'orange';
  return (
    <Space size={4} wrap data-testid={`certificate-${leave.id}`} data-state={leave.certificate}>
      <Tooltip title={t('attendance.certificate.ruleHint')}>
        <Tag color={color} style={{ marginInlineEnd: 0 }}>
          {t(`attendance.certificate.${leave.certificate}`)}
        </Tag>
      </Tooltip>
      {leave.certificate === 'certificate_due' && leave.certificateDueAt && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('attendance.certificate.dueBy', { time: siteTime(leave.certificateDueAt) })}
        </Typography.Text>
      )}
      {leave.certificate === 'certificate_submitted' && leave.certificateSubmittedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attendance.certificate.handedInAt', { time: siteTime(leave.certificateSubmittedAt) })}
        </Typography.Text>
      )}
      {leave.certificate === 'converted' && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('attendance.certificate.readsAs', { type: t(`attendance.leaveTypes.${leave.readsAs}`) })}
        </Typography.Text>
      )}
    </Space>
  );
}
