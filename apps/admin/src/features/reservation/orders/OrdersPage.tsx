import { Card, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ORDER_STATUSES } from '@sitedesk/domain';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { OrderDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useLive } from '../live';
import { yuanText } from '../money';
import { useInvalidateReservation, useOrders } from '../queries';
import { awaitsSubscriptionMoney, Countdown, OrderStatusTag } from '../status';
import { useUnitLink } from '../unit-link';

const PAGE_SIZE = 20;
type Status = OrderDto['status'];

/** The site's holds and orders, newest hold first, with their status read now (GEN-8); filtered by status, paged. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const live = useLive();
  const unitLink = useUnitLink();
  const invalidate = useInvalidateReservation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const status = (params.get('status') as Status | null) ?? undefined;
  const orders = useOrders({ siteId: site.siteId, status, page, pageSize: PAGE_SIZE }, { refetchInterval: live.poll });
  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const money = (fen: number | null | undefined) => yuanText(fen, i18n.language);

  const columns: TableColumnsType<OrderDto> = [
    {
      title: t('reservation.fields.unit'),
      dataIndex: 'unitLabel',
      render: (label: string, o) => <Typography.Link onClick={() => unitLink.open(o.unitId)}>{label}</Typography.Link>,
    },
    { title: t('reservation.fields.customer'), dataIndex: 'customerName' },
    { title: t('common.status'), dataIndex: 'status', render: (s: Status) => <OrderStatusTag status={s} /> },
    { title: t('reservation.order.heldBy'), key: 'held', render: (_, o) => t('reservation.order.heldByAt', { name: o.heldByName, time: siteTime(o.heldAt) }) },
    { title: t('reservation.fields.price'), key: 'price', align: 'right', render: (_, o) => money(o.priceFen ?? o.listPriceFen) },
    {
      title: t('reservation.orders.money'),
      key: 'money',
      render: (_, o) =>
        awaitsSubscriptionMoney(o) ? (
          <Countdown due={o.paymentDueAt!} onElapsed={() => void invalidate()} />
        ) : (
          <Space size={4} wrap>
            {o.subscriptionFen != null && <span>{t('reservation.orders.subscriptionPaid', { amount: money(o.subscriptionFen), state: o.subscriptionPaidAt ? '✓' : '…' })}</span>}
            {o.depositFen != null && <span>{t('reservation.orders.depositPaid', { amount: money(o.depositFen), state: o.depositPaidAt ? '✓' : '…' })}</span>}
            {o.subscriptionFen == null && o.depositFen == null && t('common.none')}
          </Space>
        ),
    },
    { title: t('reservation.order.ended'), key: 'ended', render: (_, o) => (o.endedAt ? siteTime(o.endedAt) : t('common.none')) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('reservation.orders.title')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('common.status')}
            placeholder={t('reservation.orders.allStatuses')}
            allowClear
            value={status}
            onChange={(v) => set({ status: v, page: null })}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`reservation.orderStatus.${s}`) }))}
            style={{ width: 160 }}
          />
        </Space>
        {orders.isError ? (
          <LoadError problem={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <Table<OrderDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={orders.data?.items}
            loading={orders.isFetching && !orders.data}
            locale={{ emptyText: status ? t('reservation.orders.noMatch') : t('reservation.orders.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: orders.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => set({ page: String(p) }),
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
