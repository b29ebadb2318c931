import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, List, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RepairOrderDto } from '../../../api/generated';
import { siteToday } from '../../attendance/dates';
import { useServiceAppointments } from '../../appointments/queries';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { repairAccess } from '../access';
import { stageProgress, StateTag, WORKSHOP_STAGES } from '../labels';
import { yuan } from '../model';
import { useRepairOrders } from '../queries';
import { NewOrderModal, type NewOrderSeed } from './NewOrderModal';
import { PlateSearch } from '../PlateSearch';

const REFRESH_MS = 60_000;
const RECEPTION = ['opened', 'diagnosing', 'diagnosed', 'estimated', 'signed'] as const;

/**
 * The service advisor's desk: today's service appointments (Reservation module, RES-9), the orders
 * waiting at reception or on the customer (estimate to sign, progress checks due), the vehicles in the
 * workshop by stage with their progress, and every order with filters; a new order from here.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const today = siteToday(site.timeZone);
  const [seed, setSeed] = useState<NewOrderSeed | null>(null);
  const advises = repairAccess(site).advises;
  const appointments = useServiceAppointments({ siteId: site.siteId, date: today, status: 'booked', pageSize: 100 }, { refetchInterval: REFRESH_MS });

  return (
    <>
      {advises && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setSeed({})}>
            {t('repairOrders.desk.newOrder')}
          </Button>
        </Flex>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('repairOrders.desk.appointments', { date: today })} style={{ marginBottom: 16 }} data-testid="desk-appointments">
            <List
              size="small"
              loading={appointments.isPending}
              dataSource={appointments.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairOrders.desk.noAppointments')} /> }}
              renderItem={(a) => (
                <List.Item
                  actions={
                    advises
                      ? [
                          <Button key="open" size="small" onClick={() => setSeed({ plate: a.vehiclePlate, name: a.customerName, model: a.vehicleModel, work: a.work })}>
                            {t('repairOrders.desk.receive')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>
                      {a.time} · {a.vehiclePlate}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {a.customerName} · {a.work}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <WaitingCard />
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('repairOrders.desk.workshop')} style={{ marginBottom: 16 }} data-testid="desk-workshop">
            <Row gutter={[8, 8]}>
              {WORKSHOP_STAGES.map((s) => (
                <Col key={s} xs={24} sm={12} xl={8}>
                  <StageColumn state={s} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      <AllOrders siteTime={siteTime} />
      <NewOrderModal seed={seed} onClose={() => setSeed(null)} />
    </>
  );
}

/** One stage of the workshop: its vehicles with progress and promised time. */
function StageColumn({ state }: { state: string }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const orders = useRepairOrders({ siteId: site.siteId, state: state as 'opened', pageSize: 50 }, REFRESH_MS);
  const items = orders.data?.items ?? [];
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`stage-${state}`}
      title={
        <Space>
          {t(`repairOrders.state.${state}` as 'repairOrders.state.opened')}
          <Badge count={orders.data?.total ?? 0} showZero color={items.length ? 'blue' : '#d9d9d9'} />
        </Space>
      }
    >
      {items.length ? (
        items.map((o) => (
          <div key={o.id} style={{ marginBottom: 8 }} data-testid="stage-order">
            <Link to={`/repair-orders/${o.id}`}>
              {o.plate} · {o.customerName}
            </Link>
            {o.keyTag && <Tag style={{ marginLeft: 4 }}>{o.keyTag}</Tag>}
            <Progress percent={stageProgress(o.state)} size="small" showInfo={false} status={o.progressCheck?.status === 'overdue' ? 'exception' : 'active'} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.promisedAt ? t('repairOrders.detail.promised', { at: siteTime(o.promisedAt) }) : ''}
              {o.progressCheck && ['due', 'overdue'].includes(o.progressCheck.status) ? ` · ${t(`repairOrders.progressStatus.${o.progressCheck.status as 'due'}`)}` : ''}
            </Typography.Text>
          </div>
        ))
      ) : (
        <Typography.Text type="secondary">{orders.isPending ? '…' : t('repairOrders.desk.stageEmpty')}</Typography.Text>
      )}
    </Card>
  );
}

/** Orders waiting at reception or on the customer: to diagnose, estimate, sign or check in. */
function WaitingCard() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('repairOrders.desk.waiting')} style={{ marginBottom: 16 }} data-testid="desk-waiting">
      {RECEPTION.map((s) => (
        <WaitingState key={s} state={s} />
      ))}
      <WaitingAnswers />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('repairOrders.desk.waitingHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * Orders waiting for an answer: additional work waiting for the customer's yes or no (RO-7), a discount
 * waiting for approval (RO-9). The API finds them by the flag it stores with each order
 * (`awaitingAnswer=true`), however many orders are in the workshop; the items' `pending` says which.
 */
function WaitingAnswers() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const orders = useRepairOrders({ siteId: site.siteId, awaitingAnswer: true, pageSize: 50 }, REFRESH_MS);
  const items = orders.data?.items ?? [];
  if (!items.length) return null;
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        {t('repairOrders.desk.awaitingAnswer')} ({orders.data?.total ?? 0})
      </Typography.Text>
      {items.map((o) => (
        <WaitingAnswer key={o.id} order={o} />
      ))}
    </div>
  );
}

function WaitingAnswer({ order: o }: { order: RepairOrderDto }) {
  const { t } = useTranslation();
  const additional = o.pending.additionalAwaitingCustomer;
  const discountPending = o.pending.discountAwaitingApproval;
  if (!additional && !discountPending) return null;
  return (
    <div style={{ marginBottom: 4 }} data-testid="waiting-answer">
      <Link to={`/repair-orders/${o.id}`}>
        {o.plate} · {o.customerName}
      </Link>{' '}
      {additional > 0 && <Tag color="orange">{t('repairOrders.workshop.waitingCustomer', { count: additional })}</Tag>}
      {discountPending && <Tag color="gold">{t('repairOrders.detail.discountPending')}</Tag>}
    </div>
  );
}

function WaitingState({ state }: { state: string }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const orders = useRepairOrders({ siteId: site.siteId, state: state as 'opened', pageSize: 20 }, REFRESH_MS);
  const items = orders.data?.items ?? [];
  if (!items.length) return null;
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        {t(`repairOrders.waitingFor.${state}` as 'repairOrders.waitingFor.opened')} ({orders.data?.total ?? 0})
      </Typography.Text>
      {items.map((o) => (
        <div key={o.id}>
          <Link to={`/repair-orders/${o.id}`}>
            {o.plate} · {o.customerName}
          </Link>
          {state === 'estimated' && !o.signedCurrent && <Tag color="orange" style={{ marginLeft: 4 }}>{t('repairOrders.detail.notSignedCurrent')}</Tag>}
        </div>
      ))}
    </div>
  );
}

/** Every order of the site, newest first: by state and plate, paged. */
function AllOrders({ siteTime }: { siteTime: (iso: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [state, setState] = useState<string | undefined>();
  const [plate, setPlate] = useState('');
  const [page, setPage] = useState(1);
  const orders = useRepairOrders({ siteId: site.siteId, state: state as 'opened' | undefined, plate: plate.trim() || undefined, page, pageSize: 20 });
  return (
    <Card
      size="small"
      title={t('repairOrders.desk.allOrders')}
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder={t('repairOrders.desk.anyState')}
            style={{ width: 140 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={[...RECEPTION, ...WORKSHOP_STAGES, 'exited', 'declined'].map((s) => ({ value: s, label: t(`repairOrders.state.${s}` as 'repairOrders.state.opened') }))}
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
      <Table<RepairOrderDto>
        size="small"
        rowKey="id"
        loading={orders.isFetching}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairOrders.desk.noOrders')} /> }}
        pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('repairOrders.field.plate'), render: (_, o) => <Link to={`/repair-orders/${o.id}`}>{o.plate}</Link> },
          { title: t('repairOrders.field.name'), dataIndex: 'customerName' },
          { title: t('repairOrders.field.model'), dataIndex: 'model' },
          { title: t('common.status'), render: (_, o) => <StateTag state={o.state} /> },
          { title: t('repairOrders.detail.total'), render: (_, o) => yuan(o.totalFen) },
          { title: t('repairOrders.detail.openedAt'), render: (_, o) => siteTime(o.openedAt) },
          { title: t('repairOrders.desk.advisor'), dataIndex: 'advisorName' },
        ]}
      />
    </Card>
  );
}
