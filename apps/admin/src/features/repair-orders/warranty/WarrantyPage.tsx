import { Alert, Card, DatePicker, Empty, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RepairOrderDto, SiteWarrantyClaimDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { yuan } from '../model';
import { useRepairOrder, useRepairOrders, useSiteWarrantyClaims, type SiteClaimsQuery } from '../queries';
import { moreProblemText } from '../settings/problems';
import { CLAIM_STATUS_COLOR, WarrantyClaimsCard } from './WarrantyClaimsCard';
import { PlateSearch } from '../PlateSearch';

const PAGE_SIZE = 20;

/**
 * RO-10 warranty claims (索赔): the site's claims first (open ones first, by status and plate; a claim
 * opens to its order's claims, where the advisor decides it), then the exited orders, where a new claim
 * is made (a claim is always on an exited order).
 */
export function WarrantyPage() {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <SiteClaims />
      <ExitedOrders />
    </Space>
  );
}

function SiteClaims() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [status, setStatus] = useState<SiteClaimsQuery['status'] | 'all'>('open');
  const [plate, setPlate] = useState('');
  const [page, setPage] = useState(1);
  const claims = useSiteWarrantyClaims({ siteId: site.siteId, status: status === 'all' ? undefined : status, plate: plate.trim() || undefined, page, pageSize: PAGE_SIZE });
  const filtered = status !== 'all' || !!plate;
  return (
    <Card
      size="small"
      title={t('repairOrders.more.claims.siteClaims')}
      data-testid="site-warranty-claims"
      extra={
        <Space wrap>
          <Radio.Group
            size="small"
            optionType="button"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              setPage(1);
            }}
            options={[...(['open', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: t(`repairOrders.more.claims.status.${s}`) })), { value: 'all', label: t('repairOrders.more.claims.all') }]}
          />
          <PlateSearch
            onSearch={(v) => {
              setPlate(v);
              setPage(1);
            }}
          />
        </Space>
      }
    >
      {claims.isError && <Alert type="error" showIcon title={moreProblemText(claims.error as Problem, t)} style={{ marginBottom: 8 }} />}
      <Table<SiteWarrantyClaimDto>
        size="small"
        rowKey="id"
        loading={claims.isFetching}
        dataSource={claims.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('repairOrders.more.claims.noneOnSiteFiltered') : t('repairOrders.more.claims.noneOnSite')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: claims.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (c) => <OrderClaims id={c.orderId} />, rowExpandable: () => true }}
        onRow={(c) => ({ 'data-testid': 'site-warranty-claim', 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('repairOrders.field.plate'), render: (_, c) => <Link to={`/repair-orders/${c.orderId}`}>{c.plate}</Link> },
          { title: t('repairOrders.field.name'), dataIndex: 'customerName' },
          { title: t('repairOrders.more.claims.claimedAt'), render: (_, c) => siteTime(c.claimedAt) },
          { title: t('repairOrders.more.claims.description'), dataIndex: 'description' },
          {
            title: t('repairOrders.more.claims.assessment'),
            render: (_, c) => <Tag color={c.assessment.inPeriod ? 'green' : 'orange'}>{c.assessment.inPeriod ? t('repairOrders.more.claims.inPeriod') : t('repairOrders.more.claims.outOfPeriod')}</Tag>,
          },
          {
            title: t('repairOrders.more.claims.statusTitle'),
            render: (_, c) => (
              <>
                <Tag color={CLAIM_STATUS_COLOR[c.status]}>{t(`repairOrders.more.claims.status.${c.status}`)}</Tag>
                {c.resolution && <Typography.Text type="secondary">{c.resolution}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ExitedOrders() {
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
          <PlateSearch
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
