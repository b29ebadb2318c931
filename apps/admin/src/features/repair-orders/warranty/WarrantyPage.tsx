import { Alert, Card, DatePicker, Empty, Input, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RepairOrderDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { yuan } from '../model';
import { useRepairOrder, useRepairOrders } from '../queries';
import { moreProblemText } from '../settings/problems';
import { WarrantyClaimsCard } from './WarrantyClaimsCard';

const PAGE_SIZE = 20;

/**
 * RO-10 warranty claims (索赔): a claim is made on an exited order, so this lists the exited orders
 * of the site (by plate and opening date, paged); an order opens to its claims with the assessment,
 * "claim warranty" and the decision. The API lists claims per order (GET /repair-orders/{id}/warranty-claims).
 */
export function WarrantyPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [plate, setPlate] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const orders = useRepairOrders({
    siteId: site.siteId,
    state: 'exited',
    plate: plate.trim() || undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <Card
      size="small"
      title={t('repairOrders.more.claims.exitedOrders')}
      data-testid="warranty-orders"
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              setPage(1);
            }}
          />
          <Input.Search
            allowClear
            placeholder={t('repairOrders.field.plate')}
            style={{ width: 160 }}
            onSearch={(v) => {
              setPlate(v);
              setPage(1);
            }}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('repairOrders.more.claims.hint')}</Typography.Paragraph>
      {orders.isError && <Alert type="error" showIcon title={moreProblemText(orders.error as Problem, t)} style={{ marginBottom: 8 }} />}
      <Table<RepairOrderDto>
        size="small"
        rowKey="id"
        loading={orders.isFetching}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={plate || range ? t('repairOrders.more.claims.noOrdersFiltered') : t('repairOrders.more.claims.noOrders')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (o) => <OrderClaims id={o.id} />, rowExpandable: () => true }}
        onRow={(o) => ({ 'data-testid': 'warranty-order', 'data-plate': o.plate }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('repairOrders.field.plate'), render: (_, o) => <Link to={`/repair-orders/${o.id}`}>{o.plate}</Link> },
          { title: t('repairOrders.field.name'), dataIndex: 'customerName' },
          { title: t('repairOrders.field.model'), dataIndex: 'model' },
          { title: t('repairOrders.detail.total'), render: (_, o) => yuan(o.totalFen) },
          { title: t('repairOrders.detail.openedAt'), render: (_, o) => siteTime(o.openedAt) },
          { title: t('repairOrders.desk.advisor'), dataIndex: 'advisorName' },
        ]}
      />
    </Card>
  );
}

function OrderClaims({ id }: { id: string }) {
  const { t } = useTranslation();
  const order = useRepairOrder(id);
  if (order.isPending) return <Spin />;
  if (order.isError) return <Alert type="error" showIcon title={moreProblemText(order.error as Problem, t)} />;
  return <WarrantyClaimsCard order={order.data} compact />;
}
