import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairOrderPeriodDto, TicketDepartmentRowDto, TicketDurationSummaryDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { problemText } from '../../../shared/problem-text';
import { LoadError } from '../../../shared/ui/LoadError';
import { siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { repairAccess } from '../access';
import { yuan } from '../model';
import { downloadRepairStatistics, useRepairStatistics, useTicketStatistics } from '../queries';

/** A horizontal bar: the share of `value` in `max`, drawn with CSS (no chart library in the console). */
function Bar({ value, max, color, label, text }: { value: number; max: number; color: string; label: string; text?: string }) {
  return (
    <Flex align="center" gap={8} style={{ marginBottom: 6 }} data-testid="stat-bar">
      <span style={{ width: 110, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={label}>
        {label}
      </span>
      <div style={{ flex: 1, background: '#f0f0f0', borderRadius: 3, height: 14 }}>
        <div role="presentation" style={{ width: `${max ? (value / max) * 100 : 0}%`, background: color, height: 14, borderRadius: 3, minWidth: value ? 2 : 0 }} />
      </div>
      <span style={{ width: 100, textAlign: 'right' }}>{text ?? value}</span>
    </Flex>
  );
}

const sum = (rows: Record<string, number>[]) => rows.reduce<Record<string, number>>((acc, r) => (Object.entries(r).forEach(([k, v]) => (acc[k] = (acc[k] ?? 0) + v)), acc), {});

/**
 * RO-12: per week or month of settlement — vehicles by type and repair category, revenue, paid and
 * receivables — and the property repair tickets per period of receipt and department (received,
 * done, open, breached, time to done as median/p90). CSS bars; the API's CSV and XLSX for finance.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const access = repairAccess(site);
  const today = siteToday(site.timeZone);
  const [period, setPeriod] = useState<'week' | 'month'>('month');
  const [range, setRange] = useState<[string, string]>(() => [dayjs(today).subtract(5, 'month').startOf('month').format('YYYY-MM-DD'), today]);
  const orders = useRepairStatistics(site.siteId, period, range[0], range[1], access.statistics);
  const tickets = useTicketStatistics(site.siteId, period, range[0], range[1], access.statistics);

  const rows = orders.data?.rows ?? [];
  const totals = { vehicles: rows.reduce((a, r) => a + r.vehicles, 0), revenue: rows.reduce((a, r) => a + r.revenueFen, 0), paid: rows.reduce((a, r) => a + r.paidFen, 0), receivables: rows.reduce((a, r) => a + r.receivablesFen, 0) };
  const byType = sum(rows.map((r) => r.byVehicleType as Record<string, number>));
  const byCategory = sum(rows.map((r) => r.byCategory as Record<string, number>));
  const maxRevenue = Math.max(0, ...rows.map((r) => r.revenueFen));
  const duration = (d: TicketDurationSummaryDto) => (d.count && d.median != null ? `${Math.round(d.median)} / ${Math.round(d.p90 ?? 0)} ${t('repairOrders.stats.min')}` : t('common.none'));

  const query = { siteId: site.siteId, period, from: range[0], to: range[1] };
  const downloads = (what: 'orders' | 'tickets', disabled: boolean) => (
    <Space>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          disabled={disabled}
          onClick={() => void downloadRepairStatistics(what, query, format).catch((e: unknown) => void message.error(problemText(e as Problem, t)))}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Space>
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={period} onChange={(v) => setPeriod(v as 'week')} options={(['week', 'month'] as const).map((p) => ({ value: p, label: t(`repairOrders.stats.${p}`) }))} />
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
      </Space>
      {access.statistics && (
        <Card
          size="small"
          title={t('repairOrders.stats.ordersTitle')}
          style={{ marginBottom: 16 }}
          data-testid="order-statistics"
          extra={downloads('orders', !rows.length)}
        >
          {orders.isError ? (
            <LoadError problem={orders.error} onRetry={() => void orders.refetch()} />
          ) : rows.length ? (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={6}>
                  <Statistic title={t('repairOrders.stats.vehicles')} value={totals.vehicles} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('repairOrders.stats.revenue')} value={yuan(totals.revenue)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('repairOrders.stats.paid')} value={yuan(totals.paid)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('repairOrders.stats.receivables')} value={yuan(totals.receivables)} valueStyle={totals.receivables ? { color: '#cf1322' } : undefined} />
                </Col>
              </Row>
              <Row gutter={24}>
                <Col xs={24} lg={12}>
                  <Typography.Title level={5}>{t('repairOrders.stats.revenueByPeriod')}</Typography.Title>
                  {rows.map((r) => (
                    <Bar key={r.period} label={r.period} value={r.revenueFen} max={maxRevenue} color="#1677ff" text={yuan(r.revenueFen)} />
                  ))}
                </Col>
                <Col xs={24} lg={6}>
                  <Typography.Title level={5}>{t('repairOrders.stats.byType')}</Typography.Title>
                  {Object.entries(byType).map(([k, v]) => (
                    <Bar key={k} label={t(`repairOrders.vehicleType.${k}` as 'repairOrders.vehicleType.car', { defaultValue: k })} value={v} max={Math.max(...Object.values(byType))} color="#52c41a" />
                  ))}
                </Col>
                <Col xs={24} lg={6}>
                  <Typography.Title level={5}>{t('repairOrders.stats.byCategory')}</Typography.Title>
                  {Object.entries(byCategory).map(([k, v]) => (
                    <Bar key={k} label={t(`repairOrders.category.${k}` as 'repairOrders.category.maintenance', { defaultValue: k })} value={v} max={Math.max(...Object.values(byCategory))} color="#faad14" />
                  ))}
                </Col>
              </Row>
              <Table<RepairOrderPeriodDto>
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={rows}
                style={{ marginTop: 16 }}
                columns={[
                  { title: t('repairOrders.stats.period'), dataIndex: 'period' },
                  { title: t('repairOrders.stats.vehicles'), dataIndex: 'vehicles' },
                  { title: t('repairOrders.stats.revenue'), render: (_, r) => yuan(r.revenueFen) },
                  { title: t('repairOrders.stats.paid'), render: (_, r) => yuan(r.paidFen) },
                  { title: t('repairOrders.stats.receivables'), render: (_, r) => yuan(r.receivablesFen) },
                ]}
              />
            </>
          ) : (
            <Empty description={orders.isPending ? '…' : t('repairOrders.stats.noOrders')} />
          )}
        </Card>
      )}
      {access.statistics && (
        <Card
          size="small"
          title={t('repairOrders.stats.ticketsTitle')}
          data-testid="ticket-statistics"
          extra={downloads('tickets', !tickets.data?.rows.length)}
        >
          {tickets.isError ? (
            <LoadError problem={tickets.error} onRetry={() => void tickets.refetch()} />
          ) : tickets.data?.rows.length ? (
            <>
              {tickets.data.rows.map((r) => (
                <Bar key={`${r.period}-${r.department}`} label={`${r.period} ${r.department}`} value={r.received} max={Math.max(...tickets.data.rows.map((x) => x.received))} color={r.breached ? '#ff4d4f' : '#1677ff'} text={`${r.received} / ${r.breached}`} />
              ))}
              <Table<TicketDepartmentRowDto>
                size="small"
                rowKey={(r) => `${r.period}-${r.department}`}
                pagination={false}
                dataSource={tickets.data.rows}
                style={{ marginTop: 16 }}
                columns={[
                  { title: t('repairOrders.stats.period'), dataIndex: 'period' },
                  { title: t('repairOrders.tickets.department'), dataIndex: 'department' },
                  { title: t('repairOrders.stats.received'), dataIndex: 'received' },
                  { title: t('repairOrders.stats.done'), dataIndex: 'done' },
                  { title: t('repairOrders.stats.open'), dataIndex: 'open' },
                  { title: t('repairOrders.stats.breached'), dataIndex: 'breached' },
                  { title: t('repairOrders.stats.timeToDone'), render: (_, r) => duration(r.timeToDone) },
                  { title: t('repairOrders.stats.businessTimeToDone'), render: (_, r) => duration(r.businessTimeToDone) },
                ]}
              />
            </>
          ) : (
            <Empty description={tickets.isPending ? '…' : t('repairOrders.stats.noTickets')} />
          )}
        </Card>
      )}
    </>
  );
}
