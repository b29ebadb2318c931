import { App, Button, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceAppointmentDto } from '../../../api/generated';
import { TextModal } from '../../../shared/ui/TextModal';
import { formatDate } from '../../attendance/dates';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { appointmentsAccess } from '../access';
import { appointmentsProblemText } from '../problems';
import { useCancelAppointment, useServiceAppointments, yuanText, type RegisterFilter } from '../queries';

const REMINDER_COLOR: Record<string, string> = { pending: 'blue', due: 'gold', sent: 'green', not_sent: 'default' };
const NOTICE_COLOR: Record<string, string> = { pending: 'gold', sent: 'green', overdue: 'red', not_needed: 'default' };

/**
 * The appointment register (预约统计表, RES-9): slot order, the signed form, parts and deposit, the
 * reminder and the workshop notice as read now (GEN-8), cancellation while the appointment lies ahead.
 */
export function RegisterTable({ filter, refetchInterval, emptyText, onPage }: { filter: RegisterFilter; refetchInterval?: number | false; emptyText: string; onPage?: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const access = appointmentsAccess(site);
  const siteTime = useSiteTime();
  // Paged by the caller (the register's filters), or here (the day's list under the slots).
  const [ownPage, setOwnPage] = useState(1);
  const page = filter.page ?? ownPage;
  const pageSize = filter.pageSize ?? 50;
  const list = useServiceAppointments({ ...filter, page, pageSize }, { refetchInterval });
  const cancel = useCancelAppointment();
  const [cancelling, setCancelling] = useState<ServiceAppointmentDto | null>(null);
  const now = Date.now();

  const columns: TableColumnsType<ServiceAppointmentDto> = [
    {
      title: t('appointments.register.when'),
      key: 'when',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{a.time}</Typography.Text>
          <Typography.Text type="secondary">{formatDate(a.date, i18n.language)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('appointments.register.customer'),
      key: 'customer',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{a.customerName}</Typography.Text>
          <Typography.Text type="secondary">{a.customerPhoneMasked}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('appointments.register.vehicle'),
      key: 'vehicle',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{a.vehiclePlate}</Typography.Text>
          {a.vehicleModel && <Typography.Text type="secondary">{a.vehicleModel}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('appointments.register.work'), dataIndex: 'work', ellipsis: true },
    {
      title: t('appointments.register.partsDeposit'),
      key: 'money',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{yuanText(a.partsFen, i18n.language)}</Typography.Text>
          {a.depositFen > 0 ? (
            <Tooltip title={t('appointments.register.requiredDeposit', { amount: yuanText(a.requiredDepositFen, i18n.language) })}>
              <Typography.Text type="secondary">{t('appointments.register.depositWithReceipt', { amount: yuanText(a.depositFen, i18n.language), receipt: a.depositReceiptNo ?? '—' })}</Typography.Text>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">{t('appointments.register.noDeposit')}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('appointments.register.form'),
      key: 'form',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{a.formNo}</Typography.Text>
          <Typography.Text type="secondary">{t('appointments.register.signedBy', { name: a.signedBy })}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('appointments.register.reminder'),
      key: 'reminder',
      render: (_, a) => (
        <Tooltip title={a.remindedAt ? t('appointments.register.remindedAt', { time: siteTime(a.remindedAt) }) : t('appointments.register.remindAt', { time: siteTime(a.remindAt) })}>
          <Tag color={REMINDER_COLOR[a.reminder]}>{t(`appointments.reminder.${a.reminder as 'pending'}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('appointments.register.workshop'),
      key: 'workshop',
      render: (_, a) => (
        <Tooltip title={a.workshopNotifiedAt ? t('appointments.register.notifiedAt', { time: siteTime(a.workshopNotifiedAt) }) : undefined}>
          <Tag color={NOTICE_COLOR[a.workshopNotice]}>{t(`appointments.workshopNotice.${a.workshopNotice as 'pending'}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, a) =>
        a.status === 'cancelled' ? (
          <Tooltip title={a.cancelReason}>
            <Tag>{t('appointments.status.cancelled')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="blue">{t('appointments.status.booked')}</Tag>
        ),
    },
    { title: t('appointments.register.bookedBy'), key: 'by', render: (_, a) => <Tooltip title={siteTime(a.bookedAt)}>{a.bookedByName}</Tooltip> },
    ...(access.books
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, a) =>
              a.status === 'booked' &&
              new Date(a.startsAt).getTime() > now && (
                <Button size="small" danger onClick={() => setCancelling(a)}>
                  {t('appointments.register.cancel')}
                </Button>
              ),
          },
        ] as TableColumnsType<ServiceAppointmentDto>)
      : []),
  ];

  return (
    <>
      <Table<ServiceAppointmentDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: list.isError ? appointmentsProblemText(list.error, t, i18n.language) : emptyText }}
        pagination={{ current: page, pageSize, total: list.data?.total, onChange: onPage ?? setOwnPage, showTotal: (count: number) => t('common.total', { count }), hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
      />
      <TextModal
        open={!!cancelling}
        title={t('appointments.register.cancelTitle', { name: cancelling?.customerName ?? '', time: cancelling?.time ?? '' })}
        label={t('appointments.register.cancelReason')}
        requiredMessage={t('appointments.register.cancelReasonRequired')}
        okText={t('appointments.register.cancel')}
        danger
        pending={cancel.isPending}
        problem={cancel.error && { ...cancel.error, detail: appointmentsProblemText(cancel.error, t, i18n.language) }}
        onCancel={() => {
          setCancelling(null);
          cancel.reset();
        }}
        onSubmit={(reason) =>
          cancelling &&
          cancel.mutate(
            { path: { id: cancelling.id }, body: { reason } },
            {
              onSuccess: () => {
                void message.success(t('appointments.register.cancelled'));
                setCancelling(null);
                cancel.reset();
              },
            },
          )
        }
      />
    </>
  );
}
