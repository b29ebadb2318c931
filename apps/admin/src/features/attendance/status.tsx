import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayDto } from '../../api/generated';

export type DayStatus = DayDto['status'];

/** Tag colour and calendar tint of each day status: green is fine, gold late or early, red absent. */
export const STATUS_STYLE: Record<DayStatus, { color: string; tint: string; ink: string }> = {
  rest: { color: 'default', tint: '#fafafa', ink: '#8c8c8c' },
  upcoming: { color: 'blue', tint: '#f0f5ff', ink: '#2f54eb' },
  at_work: { color: 'cyan', tint: '#e6fffb', ink: '#08979c' },
  not_arrived: { color: 'orange', tint: '#fff7e6', ink: '#d46b08' },
  present: { color: 'green', tint: '#f6ffed', ink: '#389e0d' },
  late: { color: 'gold', tint: '#fffbe6', ink: '#d48806' },
  early_leave: { color: 'gold', tint: '#fffbe6', ink: '#d48806' },
  late_and_early_leave: { color: 'volcano', tint: '#fff2e8', ink: '#d4380d' },
  absent: { color: 'red', tint: '#fff1f0', ink: '#cf1322' },
  missing_punch: { color: 'magenta', tint: '#fff0f6', ink: '#c41d7f' },
  on_leave: { color: 'purple', tint: '#f9f0ff', ink: '#531dab' },
  business_out: { color: 'geekblue', tint: '#f0f5ff', ink: '#1d39c4' },
};

export function StatusTag({ status, late = 0 }: { status: DayStatus; late?: number }) {
  const { t } = useTranslation();
  // At work but arrived late: say so (the day is judged when it ends).
  if (status === 'at_work' && late > 0) return <Tag color="gold">{t('attendance.status.at_work_late', { minutes: late })}</Tag>;
  return <Tag color={STATUS_STYLE[status].color}>{t(`attendance.status.${status}`)}</Tag>;
}
