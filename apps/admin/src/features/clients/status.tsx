import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export const REPORT_STATUSES = ['pending', 'valid', 'natural', 'duplicate', 'expired', 'deal'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const REPORT_COLOR: Record<ReportStatus, string> = { pending: 'blue', valid: 'green', natural: 'default', duplicate: 'orange', expired: 'default', deal: 'gold' };

/** A partner report's status (CA-7), coloured: blue waiting, green counted, orange duplicate. */
export function ReportStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (REPORT_STATUSES as readonly string[]).includes(status) ? (status as ReportStatus) : null;
  return <Tag color={known ? REPORT_COLOR[known] : 'default'}>{known ? t(`clients.reportStatus.${known}`) : status}</Tag>;
}

export const CUSTOMER_STATUSES = ['new', 'owned', 'open_pool'] as const;
type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
const CUSTOMER_COLOR: Record<CustomerStatus, string> = { new: 'blue', owned: 'green', open_pool: 'purple' };

/** A customer's ownership status (CA-5, CA-18). */
export function CustomerStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (CUSTOMER_STATUSES as readonly string[]).includes(status) ? (status as CustomerStatus) : null;
  return <Tag color={known ? CUSTOMER_COLOR[known] : 'default'}>{known ? t(`clients.customerStatus.${known}`) : status}</Tag>;
}

const SMS_STATUSES = ['queued', 'sent', 'failed'] as const;
type SmsStatus = (typeof SMS_STATUSES)[number];
const SMS_COLOR: Record<SmsStatus, string> = { queued: 'blue', sent: 'green', failed: 'red' };

/** An SMS of the outbox (CA-13): queued, sent or failed. */
export function SmsStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (SMS_STATUSES as readonly string[]).includes(status) ? (status as SmsStatus) : null;
  return <Tag color={known ? SMS_COLOR[known] : 'default'}>{known ? t(`clients.smsStatus.${known}`) : status}</Tag>;
}
