import { Alert, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { reservationAccess } from '../access';
import { useLive } from '../live';
import { yuanText } from '../money';
import { useInvalidateReservation, useOrders, useUnit } from '../queries';
import { awaitsSubscriptionMoney, Countdown, OrderStatusTag } from '../status';
import { useUnitLink } from '../unit-link';
import { OrderActionModal, type PaymentKind } from '../unit/OrderActionModal';

interface Due {
  order: OrderDto;
  kind: PaymentKind;
  amountFen: number;
}

/** What each order at the cashier is waiting for, the one with the nearest deadline first. */
function moneyDue(orders: OrderDto[]): Due[] {
  const out: Due[] = [];
  for (const o of orders) {
    if (awaitsSubscriptionMoney(o)) out.push({ order: o, kind: 'subscription', amountFen: o.subscriptionFen ?? 0 });
    else if (o.status === 'deposited' && o.depositFen && !o.depositPaidAt) out.push({ order: o, kind: 'deposit', amountFen: o.depositFen });
    else if (o.status === 'cancelled' && o.refundFen && !o.refundPaidAt) out.push({ order: o, kind: 'refund', amountFen: o.refundFen });
  }
  const due = (d: Due) => (d.kind === 'subscription' ? new Date(d.order.paymentDueAt!).getTime() : Number.MAX_SAFE_INTEGER);
  return out.sort((a, b) => due(a) - due(b) || a.order.heldAt.localeCompare(b.order.heldAt));
}

/** RES-4: the cashier's screen — money due at the cashier with its countdown; only the cashier records it. */
export function CashierPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = reservationAccess(site);
  const live = useLive();
  const unitLink = useUnitLink();
  const invalidate = useInvalidateReservation();
  const options = { refetchInterval: live.poll };
  // The server picks the orders at the cashier (RES-4/RES-5), so no unpaid refund hides behind a page of settled ones.
  const orders = useOrders({ siteId: site.siteId, atCashier: true, pageSize: 200 }, options);
  const rows = useMemo(() => moneyDue(orders.data?.items ?? []), [orders.data]);
  const [paying, setPaying] = useState<Due | null>(null);

  const columns: TableColumnsType<Due> = [
    { title: t('reservation.fields.unit'), key: 'unit', render: (_, d) => <Typography.Link onClick={() => unitLink.open(d.order.unitId)}>{d.order.unitLabel}</Typography.Link> },
    { title: t('reservation.fields.customer'), key: 'customer', render: (_, d) => d.order.customerName },
    { title: t('common.status'), key: 'status', render: (_, d) => <OrderStatusTag status={d.order.status} /> },
    { title: t('reservation.fields.paymentKind'), key: 'kind', render: (_, d) => t(`reservation.paymentKinds.${d.kind}`) },
    { title: t('reservation.fields.amount'), key: 'amount', align: 'right', render: (_, d) => <Typography.Text strong>{yuanText(d.amountFen, i18n.language)}</Typography.Text> },
    {
      title: t('reservation.cashier.deadline'),
      key: 'due',
      render: (_, d) =>
        d.kind === 'subscription' ? (
          <Flex vertical>
            <span>{siteTime(d.order.paymentDueAt)}</span>
            <Countdown due={d.order.paymentDueAt!} onElapsed={() => void invalidate()} />
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    ...(access.cashier
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: Due) => (
              <Button type="primary" size="small" onClick={() => setPaying(d)}>
                {t('reservation.actions.paymentTitle', { kind: t(`reservation.paymentKinds.${d.kind}`) })}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('reservation.cashier.title')}>
      {!access.cashier && <Alert type="info" showIcon title={t('reservation.cashier.readOnly')} style={{ marginBottom: 16 }} />}
      {orders.data && orders.data.total > orders.data.items.length && (
        <Alert type="warning" showIcon title={t('reservation.cashier.more', { shown: orders.data.items.length, total: orders.data.total })} style={{ marginBottom: 16 }} />
      )}
      {orders.error ? (
        <LoadError problem={orders.error} onRetry={() => void invalidate()} />
      ) : (
        <Table<Due>
          rowKey={(d) => `${d.order.id}-${d.kind}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={orders.isPending}
          locale={{ emptyText: t('reservation.cashier.empty') }}
          pagination={false}
        />
      )}
      {paying && <PaymentFor due={paying} onClose={() => setPaying(null)} />}
    </Card>
  );
}

/** The payment form needs the order's unit (its label in the title). */
function PaymentFor({ due, onClose }: { due: Due; onClose: () => void }) {
  const unit = useUnit(due.order.unitId);
  if (!unit.data) return null;
  return <OrderActionModal action="payment" kind={due.kind} unit={unit.data} order={due.order} onClose={onClose} />;
}
