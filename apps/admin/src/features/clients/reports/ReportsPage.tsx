import { Card, Col, DatePicker, Flex, Row, Segmented, Space, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { localDate } from '@sitedesk/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSalesReport, type ConsultantFiguresDto, type FiguresDto } from '../../../api/generated';
import { saveDownload } from '../../../shared/download';
import { useDownload } from '../../../shared/use-download';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { clientsProblemText } from '../problems';
import { useConversion } from '../queries';
import { yuan } from '../shared';

type Period = 'day' | 'week' | 'month';
const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** A horizontal bar for a rate (0–1), drawn with CSS: the figure and the counts it comes from. */
function RateBar({ rate, of, total, color, label }: { rate: number | null | undefined; of: number; total: number; color: string; label: string }) {
  const width = rate === null || rate === undefined ? 0 : Math.max(0, Math.min(1, rate)) * 100;
  return (
    <Tooltip title={`${of} / ${total}`}>
      <Flex align="center" gap={8} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(width)} data-rate={percent(rate)}>
        <div style={{ flex: 1, minWidth: 120, height: 14, background: '#f0f0f0', borderRadius: 7, overflow: 'hidden' }}>
          <div style={{ width: `${width}%`, height: '100%', background: color, borderRadius: 7, transition: 'width .3s' }} />
        </div>
        <Typography.Text style={{ width: 56, textAlign: 'right' }}>{percent(rate)}</Typography.Text>
      </Flex>
    </Tooltip>
  );
}

/** Counts side by side as bars scaled to the largest (calls, visits, deals, follow-ups per consultant). */
function CountBars({ rows }: { rows: { name: string; values: { key: string; value: number; color: string }[] }[] }) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v.value)));
  return (
    <Flex vertical gap={10}>
      {rows.map((r) => (
        <Flex key={r.name} align="center" gap={12}>
          <Typography.Text style={{ width: 96 }} ellipsis>
            {r.name}
          </Typography.Text>
          <Flex vertical gap={2} style={{ flex: 1 }}>
            {r.values.map((v) => (
              <Flex key={v.key} align="center" gap={6}>
                <div style={{ width: `${(v.value / max) * 100}%`, minWidth: v.value ? 4 : 0, height: 10, background: v.color, borderRadius: 5 }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.value}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}

const COLORS = { calls: '#1677ff', visits: '#13c2c2', deals: '#52c41a', followUps: '#faad14' };

/** CA-14/CA-19: conversion figures per consultant and for the site, by day, week or month; the sales report to download. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = clientsAccess(site);
  const [period, setPeriod] = useState<Period>('week');
  const [date, setDate] = useState(() => localDate(new Date(), site.timeZone));
  const figures = useConversion({ siteId: site.siteId, period, date });
  const data = figures.data;

  const { button } = useDownload(
    async (format: 'csv' | 'xlsx') => {
      const { data: blob, response } = await getSalesReport({ query: { siteId: site.siteId, period, date, format }, parseAs: 'blob' });
      return saveDownload(blob, response, `sales-${period}-${date}.${format}`);
    },
    (problem) => clientsProblemText(problem, t),
  );

  const siteCard = (f: FiguresDto) => (
    <Row gutter={[12, 12]}>
      {(
        [
          ['calls', f.calls],
          ['callsThatVisited', f.callsThatVisited],
          ['callToVisitRate', percent(f.callToVisitRate)],
          ['visits', f.visits],
          ['visitsThatDealt', f.visitsThatDealt],
          ['visitToDealRate', percent(f.visitToDealRate)],
          ['deals', f.deals],
          ['followUps', f.followUps],
          ['lateEntries', f.lateEntries],
        ] as const
      ).map(([key, value]) => (
        <Col key={key} flex="1 1 130px">
          <Card size="small">
            <Statistic title={t(`clients.reports.figures.${key}`)} value={value} />
          </Card>
        </Col>
      ))}
    </Row>
  );

  const columns: TableColumnsType<ConsultantFiguresDto> = [
    { title: t('clients.reports.consultant'), dataIndex: 'displayName', fixed: 'left' },
    { title: t('clients.reports.figures.callToVisitRate'), key: 'cv', width: 220, render: (_, r) => <RateBar rate={r.callToVisitRate} of={r.callsThatVisited} total={r.calls} color={COLORS.visits} label={`${r.displayName} ${t('clients.reports.figures.callToVisitRate')}`} /> },
    { title: t('clients.reports.figures.visitToDealRate'), key: 'vd', width: 220, render: (_, r) => <RateBar rate={r.visitToDealRate} of={r.visitsThatDealt} total={r.visits} color={COLORS.deals} label={`${r.displayName} ${t('clients.reports.figures.visitToDealRate')}`} /> },
    { title: t('clients.reports.figures.calls'), dataIndex: 'calls', align: 'right' },
    { title: t('clients.reports.figures.visits'), dataIndex: 'visits', align: 'right' },
    { title: t('clients.reports.figures.deals'), dataIndex: 'deals', align: 'right' },
    { title: t('clients.reports.figures.followUps'), dataIndex: 'followUps', align: 'right' },
    { title: t('clients.reports.missed'), dataIndex: 'missedFollowUps', align: 'right' },
    { title: t('clients.reports.fines'), dataIndex: 'finesFen', align: 'right', render: (f: number) => yuan(f) },
    { title: t('clients.reports.figures.lateEntries'), dataIndex: 'lateEntries', align: 'right' },
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Space wrap>
          <Segmented<Period> value={period} onChange={setPeriod} options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`clients.reports.periods.${p}`) }))} />
          <DatePicker
            aria-label={t('clients.reports.date')}
            allowClear={false}
            picker={period === 'month' ? 'month' : period === 'week' ? 'week' : 'date'}
            value={dayjs(date)}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          />
          {data && (
            <Typography.Text type="secondary">
              {t('clients.reports.range', { from: data.from, to: data.to, version: data.policyVersion })}
            </Typography.Text>
          )}
          {access.overseer && (
            <>
              {button('csv', t('clients.reports.csv'))}
              {button('xlsx', t('clients.reports.xlsx'))}
            </>
          )}
        </Space>
      </Card>
      {figures.isError ? (
        <LoadError problem={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <>
          <Card title={t('clients.reports.siteTitle')} loading={figures.isPending}>
            {data && siteCard(data.site)}
          </Card>
          <Card title={t('clients.reports.chartTitle')} loading={figures.isPending}>
            {data && data.consultants.length ? (
              <>
                <Space size={16} style={{ marginBottom: 12 }}>
                  {(['calls', 'visits', 'deals', 'followUps'] as const).map((k) => (
                    <Space key={k} size={4}>
                      <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: COLORS[k] }} />
                      <Typography.Text type="secondary">{t(`clients.reports.figures.${k}`)}</Typography.Text>
                    </Space>
                  ))}
                </Space>
                <CountBars
                  rows={data.consultants.map((c) => ({
                    name: c.displayName,
                    values: [
                      { key: 'calls', value: c.calls, color: COLORS.calls },
                      { key: 'visits', value: c.visits, color: COLORS.visits },
                      { key: 'deals', value: c.deals, color: COLORS.deals },
                      { key: 'followUps', value: c.followUps, color: COLORS.followUps },
                    ],
                  }))}
                />
              </>
            ) : (
              <Typography.Text type="secondary">{t('clients.reports.empty')}</Typography.Text>
            )}
          </Card>
          <Card title={t('clients.reports.tableTitle')}>
            <Table<ConsultantFiguresDto>
              rowKey="consultantId"
              size="middle"
              columns={columns}
              dataSource={data?.consultants}
              loading={figures.isFetching}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: t('clients.reports.empty') }}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
