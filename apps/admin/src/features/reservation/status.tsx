import { Tag, Typography } from 'antd';
import type { UnitStatus } from '@sitedesk/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDto } from '../../api/generated';
import { useNow } from '../attendance/use-now';

/** RES-1: the board's colours, one per unit status (fill of the tile, ink of its text and tag). */
export const UNIT_STYLE: Record<UnitStatus, { fill: string; ink: string; border: string }> = {
  available: { fill: '#f6ffed', ink: '#389e0d', border: '#b7eb8f' },
  held: { fill: '#fffbe6', ink: '#d48806', border: '#ffe58f' },
  subscribed: { fill: '#e6f4ff', ink: '#0958d9', border: '#91caff' },
  deposited: { fill: '#f9f0ff', ink: '#722ed1', border: '#d3adf7' },
  contracted: { fill: '#fff1f0', ink: '#cf1322', border: '#ffa39e' },
};

export function UnitStatusTag({ status }: { status: UnitStatus }) {
  const { t } = useTranslation();
  const s = UNIT_STYLE[status];
  return (
    <Tag color={s.fill} style={{ color: s.ink, borderColor: s.border, marginInlineEnd: 0 }} data-status={status}>
      {t(`reservation.unitStatus.${status}`)}
    </Tag>
  );
}

const ENDED_COLOR: Record<string, string> = { released: 'default', lapsed: 'orange', cancelled: 'default', void: 'default' };

export function OrderStatusTag({ status }: { status: OrderDto['status'] }) {
  const { t } = useTranslation();
  if (status in UNIT_STYLE) return <UnitStatusTag status={status as UnitStatus} />;
  return (
    <Tag color={ENDED_COLOR[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`reservation.orderStatus.${status}`)}
    </Tag>
  );
}

/** RES-4: the subscription money is awaited at the cashier: a signed order, not paid yet. */
export const awaitsSubscriptionMoney = (o: Pick<OrderDto, 'status' | 'paymentDueAt' | 'subscriptionPaidAt'>) => o.status === 'subscribed' && !!o.paymentDueAt && !o.subscriptionPaidAt;

/** RES-4: the time left for the money to reach the cashier, counting down each second; "lapsed" once past. */
export function Countdown({ due, onElapsed }: { due: string; onElapsed?: () => void }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const left = Math.ceil((new Date(due).getTime() - now.getTime()) / 1000);
  const elapsed = left < 0;
  const callback = useRef(onElapsed);
  callback.current = onElapsed;
  // Once, when the deadline passes on screen: the caller rereads (the API reads the order lapsed, GEN-8).
  useEffect(() => {
    if (elapsed) callback.current?.();
  }, [elapsed]);
  if (elapsed) {
    return (
      <Typography.Text type="danger" data-testid="payment-countdown" data-left={0}>
        {t('reservation.order.dueLapsed')}
      </Typography.Text>
    );
  }
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <Typography.Text type={left <= 120 ? 'danger' : 'warning'} strong data-testid="payment-countdown" data-left={left}>
      {t('reservation.order.dueIn', { time: `${mm}:${ss}` })}
    </Typography.Text>
  );
}
