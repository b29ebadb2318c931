import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Flex, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OrderDto, UnitDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { reservationAccess, type ReservationAccess } from '../access';
import { useLive } from '../live';
import { yuanText } from '../money';
import { ReservationProblem } from '../problems';
import { useClauses, useInvalidateReservation, useOrder, useOrders, useUnit } from '../queries';
import { awaitsSubscriptionMoney, Countdown, OrderStatusTag, UnitStatusTag } from '../status';
import { useUnitLink } from '../unit-link';
import { UnitFormModal } from '../units/UnitFormModal';
import { OrderActionModal, type OrderAction, type PaymentKind } from './OrderActionModal';

interface Pending {
  action: OrderAction;
  order: OrderDto | null;
  kind?: PaymentKind;
}

/** The steps the caller's roles allow on the unit's active order now (the API decides; this hides what it would refuse). */
export function allowedActions(unit: UnitDto, order: OrderDto | null, a: ReservationAccess): Pending[] {
  if (!order) return unit.status === 'available' && a.holds ? [{ action: 'hold', order: null }] : [];
  const out: Pending[] = [];
  const add = (when: boolean, action: OrderAction, kind?: PaymentKind) => when && out.push({ action, order, kind });
  const moneyIn = !!order.subscriptionPaidAt || !!order.depositPaidAt;
  switch (order.status) {
    case 'held':
      add(a.sells, 'subscribe');
      add(a.sells, 'discount');
      add(a.holds, 'release');
      add(a.holds, 'void');
      break;
    case 'subscribed':
      add(a.cashier && !order.subscriptionPaidAt, 'payment', 'subscription');
      add(a.sells && !!order.subscriptionPaidAt, 'deposit');
      add(a.holds && !moneyIn, 'release');
      add(a.holds && !moneyIn, 'void');
      add(a.sells && moneyIn, 'cancellation');
      break;
    case 'deposited':
      add(a.cashier && !order.depositPaidAt, 'payment', 'deposit');
      add(a.sells, 'signingNotice');
      add(a.sells && !order.wordingApprovedAt, 'wording');
      add(a.sells, 'contract');
      add(a.sells, 'cancellation');
      break;
    case 'contracted':
      add(a.sells, 'cancellation');
      break;
    case 'cancelled':
      add(a.cashier && !!order.refundFen && !order.refundPaidAt, 'payment', 'refund');
      break;
    default:
      break;
  }
  return out;
}

/** A unit's page as a drawer over the board or the lists: its data, its active order with the steps allowed now, and its history. */
export function UnitDrawer() {
  const { t, i18n } = useTranslation();
  const { unitId, close } = useUnitLink();
  const { site } = useCurrentSite();
  const access = reservationAccess(site);
  const live = useLive();
  const unit = useUnit(unitId);
  const activeId = unit.data?.activeOrder?.id;
  const order = useOrder(activeId);
  const history = useOrders({ siteId: site.siteId, unitId: unitId ?? undefined, pageSize: 50 }, { enabled: !!unitId, refetchInterval: live.poll });
  const invalidate = useInvalidateReservation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState(false);
  const u = unit.data;
  const active = activeId ? (order.data ?? null) : null;

  return (
    <Drawer
      open={!!unitId}
      onClose={close}
      size={760}
      title={u ? t('reservation.unit.title', { building: u.building, number: u.number }) : t('reservation.unit.loading')}
      extra={
        u &&
        access.inventory && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('reservation.unit.edit')}
          </Button>
        )
      }
    >
      {unit.isError ? (
        <LoadError problem={unit.error} onRetry={() => void unit.refetch()} />
      ) : !u ? (
        <Card loading variant="borderless" />
      ) : (
        <Flex vertical gap={16} data-testid="unit-drawer" data-status={u.status}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('common.status')}>
              <UnitStatusTag status={u.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('reservation.fields.floor')}>{u.floor}</Descriptions.Item>
            <Descriptions.Item label={t('reservation.fields.layout')}>{u.layout}</Descriptions.Item>
            <Descriptions.Item label={t('reservation.fields.area')}>{u.areaM2} ㎡</Descriptions.Item>
            <Descriptions.Item label={t('reservation.fields.listPrice')} span={2}>
              {yuanText(u.listPriceFen, i18n.language)}
            </Descriptions.Item>
          </Descriptions>

          <Card size="small" title={t('reservation.unit.activeOrder')}>
            {activeId && order.isError ? (
              <LoadError problem={order.error} onRetry={() => void order.refetch()} />
            ) : activeId && !active ? (
              <Card loading variant="borderless" />
            ) : active ? (
              <Flex vertical gap={12}>
                <OrderDetails order={active} onElapsed={() => void invalidate()} />
                <OrderClauses order={active} editable={access.clauses} />
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(access.holds ? 'reservation.unit.noOrderHold' : 'reservation.unit.noOrder')} />
            )}
            <Space wrap style={{ marginTop: 12 }}>
              {allowedActions(u, active, access).map((p) => (
                <Button
                  key={`${p.action}-${p.kind ?? ''}`}
                  type={p.action === 'hold' || p.action === 'payment' ? 'primary' : 'default'}
                  danger={p.action === 'void'}
                  onClick={() => setPending(p)}
                >
                  {p.action === 'payment' ? t('reservation.actions.paymentTitle', { kind: t(`reservation.paymentKinds.${p.kind ?? 'subscription'}`) }) : t(`reservation.actions.${p.action}`)}
                </Button>
              ))}
            </Space>
          </Card>

          <Card size="small" title={t('reservation.unit.history')}>
            <HistoryTable orders={history.data?.items} loading={history.isPending} activeId={activeId} onAction={setPending} unit={u} access={access} />
          </Card>
          {access.sells && (
            <Typography.Text type="secondary">
              {t('reservation.unit.approvalsHint')} <Link to="/approvals">{t('nav.approvals')}</Link>
            </Typography.Text>
          )}
        </Flex>
      )}
      {pending && u && <OrderActionModal action={pending.action} unit={u} order={pending.order} kind={pending.kind} onClose={() => setPending(null)} />}
      {editing && u && <UnitFormModal unit={u} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

/** The order's facts: customer, who held it, the amounts, the money at the cashier, the signing notice, the contract. */
export function OrderDetails({ order, onElapsed }: { order: OrderDto; onElapsed?: () => void }) {
  const { t, i18n } = useTranslation();
  const siteTime = useSiteTime();
  const money = (fen: number | null | undefined) => yuanText(fen, i18n.language);
  const paid = (at: string | null | undefined) => (at ? t('reservation.order.paidAt', { time: siteTime(at) }) : t('reservation.order.unpaid'));
  return (
    <Flex vertical gap={12} data-testid="active-order" data-status={order.status}>
      {awaitsSubscriptionMoney(order) && (
        <Alert
          type="warning"
          showIcon
          title={
            <Space wrap>
              {t('reservation.order.dueBy', { time: siteTime(order.paymentDueAt) })}
              <Countdown due={order.paymentDueAt!} onElapsed={onElapsed} />
            </Space>
          }
        />
      )}
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('common.status')}>
          <OrderStatusTag status={order.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('reservation.fields.customer')}>{order.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('reservation.order.heldBy')}>{t('reservation.order.heldByAt', { name: order.heldByName, time: siteTime(order.heldAt) })}</Descriptions.Item>
        <Descriptions.Item label={t('reservation.fields.listPrice')}>{money(order.listPriceFen)}</Descriptions.Item>
        {order.approvedPriceFen != null && <Descriptions.Item label={t('reservation.order.approvedPrice')}>{money(order.approvedPriceFen)}</Descriptions.Item>}
        {order.priceFen != null && <Descriptions.Item label={t('reservation.fields.price')}>{money(order.priceFen)}</Descriptions.Item>}
        {order.subscriptionFen != null && (
          <Descriptions.Item label={t('reservation.fields.subscription')}>
            {money(order.subscriptionFen)} · {paid(order.subscriptionPaidAt)}
          </Descriptions.Item>
        )}
        {order.agreementNo && <Descriptions.Item label={t('reservation.fields.agreementNo')}>{order.agreementNo}</Descriptions.Item>}
        {order.depositFen != null && (
          <Descriptions.Item label={t('reservation.fields.deposit')}>
            {money(order.depositFen)} · {paid(order.depositPaidAt)}
          </Descriptions.Item>
        )}
        {order.signingNotice && (
          <Descriptions.Item label={t('reservation.order.signingNotice')} span={2}>
            {t('reservation.order.signingNoticeText', {
              time: siteTime(order.signingNotice.signingAt),
              place: order.signingNotice.place,
              documents: order.signingNotice.documents.join('、'),
              channel: t(`reservation.channels.${order.signingNotice.channel as 'phone'}`, { defaultValue: order.signingNotice.channel }),
            })}
          </Descriptions.Item>
        )}
        {(order.wordingDiffers || order.wordingApprovedAt) && (
          <Descriptions.Item label={t('reservation.fields.wordingDiffers')}>{order.wordingApprovedAt ? t('reservation.order.wordingApproved', { time: siteTime(order.wordingApprovedAt) }) : t('common.none')}</Descriptions.Item>
        )}
        {order.contractNo && (
          <Descriptions.Item label={t('reservation.fields.contractNo')}>
            {order.contractNo} · {siteTime(order.contractedAt)}
          </Descriptions.Item>
        )}
        {order.refundFen != null && (
          <Descriptions.Item label={t('reservation.fields.refund')}>
            {money(order.refundFen)} · {paid(order.refundPaidAt)}
          </Descriptions.Item>
        )}
        {order.endedAt && (
          <Descriptions.Item label={t('reservation.order.ended')} span={2}>
            {siteTime(order.endedAt)}
            {order.endReason ? ` · ${order.endReason}` : ''}
          </Descriptions.Item>
        )}
        {order.policyVersion != null && <Descriptions.Item label={t('reservation.order.policyVersion')}>v{order.policyVersion}</Descriptions.Item>}
      </Descriptions>
      {order.payments.length > 0 && (
        <Table
          size="small"
          rowKey={(p) => `${p.kind}-${p.receiptNo}`}
          pagination={false}
          dataSource={order.payments}
          columns={[
            { title: t('reservation.fields.paymentKind'), dataIndex: 'kind', render: (k: string) => t(`reservation.paymentKinds.${k as PaymentKind}`, { defaultValue: k }) },
            { title: t('reservation.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => money(v) },
            { title: t('reservation.fields.receiptNo'), dataIndex: 'receiptNo' },
            { title: t('reservation.order.recordedBy'), key: 'by', render: (_, p) => `${p.recordedByName} · ${siteTime(p.recordedAt)}` },
          ]}
        />
      )}
    </Flex>
  );
}

function HistoryTable({
  orders,
  loading,
  activeId,
  onAction,
  unit,
  access,
}: {
  orders?: OrderDto[];
  loading: boolean;
  activeId?: string;
  onAction: (p: Pending) => void;
  unit: UnitDto;
  access: ReservationAccess;
}) {
  const { t, i18n } = useTranslation();
  const siteTime = useSiteTime();
  const past = (orders ?? []).filter((o) => o.id !== activeId);
  const columns: TableColumnsType<OrderDto> = [
    { title: t('common.status'), dataIndex: 'status', render: (s: OrderDto['status']) => <OrderStatusTag status={s} /> },
    { title: t('reservation.fields.customer'), dataIndex: 'customerName' },
    { title: t('reservation.order.heldAt'), dataIndex: 'heldAt', render: (v: string) => siteTime(v) },
    { title: t('reservation.order.ended'), key: 'ended', render: (_, o) => (o.endedAt ? `${siteTime(o.endedAt)}${o.endReason ? ` · ${o.endReason}` : ''}` : t('common.none')) },
    { title: t('reservation.fields.price'), key: 'price', align: 'right', render: (_, o) => yuanText(o.priceFen ?? o.listPriceFen, i18n.language) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) =>
        allowedActions(unit, o, access)
          .filter((p) => p.action === 'payment')
          .map((p) => (
            <Button key={p.kind} size="small" onClick={() => onAction(p)}>
              {t('reservation.actions.paymentTitle', { kind: t(`reservation.paymentKinds.${p.kind ?? 'refund'}`) })}
            </Button>
          )),
    },
  ];
  return <Table<OrderDto> rowKey="id" size="small" columns={columns} dataSource={past} loading={loading} pagination={false} locale={{ emptyText: t('reservation.unit.noHistory') }} />;
}

/** RES-6: the order's clauses; the site manager adds or removes them (one a line) with a reason. */
export function OrderClauses({ order, editable }: { order: OrderDto; editable: boolean }) {
  const { t } = useTranslation();
  const save = useClauses();
  const [text, setText] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const open = ['held', 'subscribed', 'deposited'].includes(order.status);
  if (text === null) {
    return (
      <Flex vertical gap={4} data-testid="order-clauses">
        <Typography.Text strong>{t('reservation.clauses.title')}</Typography.Text>
        {order.clauses.length ? order.clauses.map((c) => <Typography.Text key={c}>· {c}</Typography.Text>) : <Typography.Text type="secondary">{t('reservation.clauses.none')}</Typography.Text>}
        {editable && open && (
          <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setText(order.clauses.join('\n'))}>
            {t('reservation.clauses.edit')}
          </Button>
        )}
      </Flex>
    );
  }
  const clauses = text.split('\n').map((c) => c.trim()).filter(Boolean);
  return (
    <Flex vertical gap={8} data-testid="order-clauses">
      <Typography.Text strong>{t('reservation.clauses.title')}</Typography.Text>
      <ReservationProblem problem={save.error} />
      <Input.TextArea aria-label={t('reservation.clauses.title')} rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('reservation.clauses.onePerLine')} />
      <Input aria-label={t('reservation.clauses.reason')} placeholder={t('reservation.clauses.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <Space>
        <Button type="primary" size="small" disabled={!reason.trim()} loading={save.isPending} onClick={() => save.mutate({ path: { id: order.id }, body: { clauses, reason } }, { onSuccess: () => setText(null) })}>
          {t('common.save')}
        </Button>
        <Button size="small" onClick={() => setText(null)}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Flex>
  );
}
