import { Card, Flex, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { APPROVAL_STATUSES, ApprovalStatusTag, DecideButtons, DecisionModal, type ApprovalStatus, type DecisionTarget } from '../../approvals/DecisionModal';
import { useApprovals } from '../../approvals/queries';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { yuanText } from '../money';
import { useOrder } from '../queries';
import { useUnitLink } from '../unit-link';

/** The reservation requests decided through the approvals inbox (GEN-6). */
export const RESERVATION_APPROVAL_TYPES = ['reservation.cancellation', 'reservation.discount', 'reservation.wording'] as const;
type ApprovalType = (typeof RESERVATION_APPROVAL_TYPES)[number];
const KEY: Record<ApprovalType, 'cancellation' | 'discount' | 'wording'> = { 'reservation.cancellation': 'cancellation', 'reservation.discount': 'discount', 'reservation.wording': 'wording' };
type Box = 'decide' | 'mine';
const PAGE_SIZE = 20;

/** The order a request is about: its unit (opens the unit's drawer) and customer. */
function OrderRef({ orderId }: { orderId: string }) {
  const order = useOrder(orderId);
  const unitLink = useUnitLink();
  if (!order.data) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Typography.Link onClick={() => unitLink.open(order.data.unitId)}>{order.data.unitLabel}</Typography.Link>
      <span>{order.data.customerName}</span>
    </Space>
  );
}

/** What is asked, from the request's payload: the refund (RES-5), the special price (RES-6), the wording (RES-5). */
function RequestSummary({ approval }: { approval: ApprovalDto }) {
  const { t, i18n } = useTranslation();
  const p = approval.payload as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  switch (approval.type as ApprovalType) {
    case 'reservation.cancellation': {
      const chain = Array.isArray(p.chain) ? (p.chain as string[]) : [];
      return (
        <Flex vertical>
          <span>{t('reservation.approvals.refund', { amount: yuanText(num(p.refundFen), i18n.language) })}</span>
          {chain.length > 1 && <Typography.Text type="secondary">{t('reservation.approvals.step', { step: (num(p.step) ?? 0) + 1, of: chain.length })}</Typography.Text>}
          {typeof p.reason === 'string' && <Typography.Text type="secondary">{p.reason}</Typography.Text>}
        </Flex>
      );
    }
    case 'reservation.discount':
      return (
        <Flex vertical>
          <span>{t('reservation.approvals.price', { price: yuanText(num(p.priceFen), i18n.language), list: yuanText(num(p.listPriceFen), i18n.language) })}</span>
          {typeof p.reason === 'string' && <Typography.Text type="secondary">{p.reason}</Typography.Text>}
        </Flex>
      );
    case 'reservation.wording':
      return <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{String(p.differences ?? '')}</Typography.Paragraph>;
    default:
      return null;
  }
}

/** RES-5/RES-6: cancellation, special-price and wording requests of the site — what waits for me, what I asked. */
export function ReservationApprovalsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [type, setType] = useState<ApprovalType>('reservation.cancellation');
  const [box, setBox] = useState<Box>('decide');
  const [status, setStatus] = useState<ApprovalStatus>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const approvals = useApprovals({ siteId: site.siteId, type, box, status, page, pageSize: PAGE_SIZE });

  const columns: TableColumnsType<ApprovalDto> = [
    { title: t('reservation.fields.unit'), key: 'order', render: (_, a) => <OrderRef orderId={a.subjectId} /> },
    { title: t('reservation.approvals.request'), key: 'summary', render: (_, a) => <RequestSummary approval={a} /> },
    { title: t('approvals.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => siteTime(v) },
    { title: t('approvals.approverRole'), dataIndex: 'approverRole', render: (role: ApprovalDto['approverRole']) => t(`roles.${role}`) },
    { title: t('common.status'), dataIndex: 'status', render: (s: ApprovalStatus) => <ApprovalStatusTag status={s} /> },
    { title: t('approvals.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? t('common.none') },
  ];
  if (box === 'decide' && status === 'pending') {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, approval) => <DecideButtons approval={approval} onDecide={setDeciding} />,
    });
  }
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <Card title={t('reservation.approvals.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<ApprovalType> value={type} onChange={reset(setType)} options={RESERVATION_APPROVAL_TYPES.map((v) => ({ value: v, label: t(`reservation.approvals.types.${KEY[v]}`) }))} />
        <Segmented<Box>
          value={box}
          onChange={reset(setBox)}
          options={[
            { value: 'decide', label: t('approvals.boxDecide') },
            { value: 'mine', label: t('approvals.boxMine') },
          ]}
        />
        <Select<ApprovalStatus> aria-label={t('common.status')} value={status} onChange={reset(setStatus)} options={APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`approvals.status.${s}`) }))} style={{ width: 140 }} />
      </Space>
      {approvals.isError ? (
        <LoadError problem={approvals.error} onRetry={() => void approvals.refetch()} />
      ) : (
        <Table<ApprovalDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={approvals.data?.items}
          loading={approvals.isFetching && !approvals.data}
          locale={{ emptyText: t(box === 'decide' ? 'reservation.approvals.emptyDecide' : 'reservation.approvals.emptyMine') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: approvals.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) }}
        />
      )}
      <DecisionModal target={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}
