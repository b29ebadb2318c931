import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Result, Row, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RepairOrderDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { StateTag } from '../labels';
import { yuan } from '../model';
import { useRepairOrders, useRepairPolicyVersion, useVehicleFile } from '../queries';
import { NextService, ReminderCell } from './VehiclesPage';

/**
 * One vehicle's file (RO-1): customer, vehicle, the work of the visit, the site's service interval
 * and the next service date (km or months, whichever comes first, read now), the next-service reminder
 * (RO-10) and the history of its repair orders.
 */
export function VehicleFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const file = useVehicleFile(id);
  const policy = useRepairPolicyVersion(site.siteId);
  const plate = file.data?.plate ?? '';
  const orders = useRepairOrders({ siteId: site.siteId, plate: plate || undefined, pageSize: 100 });
  const back = (
    <Link to="/repair-orders/vehicles">
      <ArrowLeftOutlined /> {t('repairOrders.more.vehicles.title')}
    </Link>
  );
  if (file.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (file.isError) {
    if (file.error.status === 404) return <Result status="404" title={t('repairOrders.more.vehicles.notFound')} extra={back} />;
    return <LoadError problem={file.error} onRetry={() => void file.refetch()} />;
  }
  const v = file.data;
  const interval = (policy.data?.policy as { serviceInterval?: { km: number | null; months: number | null } } | undefined)?.serviceInterval;
  const history = plate ? (orders.data?.items ?? []).filter((o) => o.vehicleId === v.id) : [];
  return (
    <>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Typography.Title level={4} data-testid="vehicle-title">
        {v.plate} · {v.name} {v.late && <Tag color="orange">{t('repairOrders.more.vehicles.late')}</Tag>}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('repairOrders.more.vehicles.file')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('repairOrders.field.name')}>{v.name}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.phone')}>{v.phone}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.address')}>{v.address}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.model')}>{v.model}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.more.vehicles.visitDate')}>{v.visitDate}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.more.vehicles.workDone')}>{v.workDone}</Descriptions.Item>
              {v.wishes && <Descriptions.Item label={t('repairOrders.cmd.wishes')}>{v.wishes}</Descriptions.Item>}
              <Descriptions.Item label={t('repairOrders.more.vehicles.odometer')}>{v.odometerKm} km</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('repairOrders.more.vehicles.service')} style={{ marginBottom: 16 }} data-testid="vehicle-service">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('repairOrders.more.vehicles.interval')}>
                {interval ? [interval.km != null ? `${interval.km} km` : null, interval.months != null ? t('repairOrders.more.vehicles.months', { n: interval.months }) : null].filter(Boolean).join(' / ') || t('common.none') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.more.vehicles.lastService')}>
                {v.lastServiceDate} · {v.lastServiceKm} km
              </Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.more.vehicles.nextService')}>
                <NextService file={v} />
              </Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.more.vehicles.reminderTitle')}>
                <ReminderCell file={v} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('repairOrders.more.vehicles.history')} data-testid="vehicle-history">
            <Table<RepairOrderDto>
              size="small"
              rowKey="id"
              loading={orders.isFetching}
              dataSource={history}
              pagination={history.length > 10 ? { pageSize: 10 } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairOrders.more.vehicles.noOrders')} /> }}
              columns={[
                { title: t('repairOrders.detail.openedAt'), render: (_, o) => <Link to={`/repair-orders/${o.id}`}>{siteTime(o.openedAt)}</Link> },
                { title: t('common.status'), render: (_, o) => <StateTag state={o.state} /> },
                { title: t('repairOrders.detail.total'), render: (_, o) => yuan(o.totalFen) },
                { title: t('repairOrders.desk.advisor'), dataIndex: 'advisorName' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
