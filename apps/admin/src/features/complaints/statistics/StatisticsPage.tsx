import { Card, Col, DatePicker, Empty, Flex, Progress, Row, Segmented, Space, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassificationRowDto, ComplianceDto, DurationSummaryDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useDownload } from '../../../shared/use-download';
import { siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { complaintProblemText } from '../problems';
import { downloadStatistics, useComplaintStatistics, type StatisticsPeriod } from '../queries';
import { formatMinutes } from '../sla';
import { OrganizationStatistics } from './OrganizationStatistics';
import { downloadOrganizationStatistics, ORGANIZATION_READERS } from './organization';

type By = 'category' | 'department' | 'staff' | 'channel' | 'month';
const BYS: readonly By[] = ['category', 'department', 'staff', 'channel', 'month'];
const pct = (rate: number | null | undefined) => (rate == null ? null : Math.round(rate * 1000) / 10);

/** A horizontal bar: the share of `value` in `max`, drawn with CSS (no chart library in the console). */
function Bar({ value, max, color, label }: { value: number; max: number; color: string; label: string }) {
  return (
    <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
      <span style={{ width: 120, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={label}>
        {label}
      </span>
      <div style={{ flex: 1, background: '#f0f0f0', borderRadius: 3, height: 14 }}>
        <div role="presentation" style={{ width: `${max ? (value / max) * 100 : 0}%`, background: color, height: 14, borderRadius: 3, minWidth: value ? 2 : 0 }} />
      </div>
      <span style={{ width: 40, textAlign: 'right' }}>{value}</span>
    </Flex>
  );
}

/**
 * CMP-8: the complaint statistics of a month or a year (site-local): the classification tables by
 * category, department, staff, channel and month, first-response and resolution times (median, p90,
 * business minutes), SLA compliance, satisfaction from the follow-up calls and the member call-back
 * coverage (CMP-7); CSV (the table shown) and XLSX downloads.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [unit, setUnit] = useState<'month' | 'year'>('month');
  const [month, setMonth] = useState(() => siteToday(site.timeZone).slice(0, 7));
  const [year, setYear] = useState(() => siteToday(site.timeZone).slice(0, 4));
  const [by, setBy] = useState<By>('category');
  // A director or an admin also sees the organization: every site they direct in one table (issue #6).
  const orgReader = site.roles.some((r) => (ORGANIZATION_READERS as readonly string[]).includes(r));
  const [scope, setScope] = useState<'site' | 'organization'>('site');
  const organization = orgReader && scope === 'organization';
  const period: StatisticsPeriod = unit === 'month' ? { month } : { year };
  const stats = useComplaintStatistics(site.siteId, period, !organization);

  const { button } = useDownload(
    (format: 'csv' | 'xlsx') => (organization ? downloadOrganizationStatistics(period, format) : downloadStatistics(site.siteId, period, format, by)),
    (problem) => complaintProblemText(problem, t),
  );

  const duration = (d: DurationSummaryDto) => (d.count ? `${formatMinutes(d.median, t)} / ${formatMinutes(d.p90, t)}` : t('common.none'));
  const rate = (c: ComplianceDto) => (c.rate == null ? t('common.none') : `${pct(c.rate)}%`);
  const columns: TableColumnsType<ClassificationRowDto> = [
    { title: t(`complaints.stats.by.${by}`), dataIndex: 'label', fixed: 'left' },
    { title: t('complaints.stats.total'), dataIndex: 'total' },
    { title: t('complaints.kind.complaint'), dataIndex: 'complaints' },
    { title: t('complaints.kind.grumble'), dataIndex: 'grumbles' },
    { title: t('complaints.validity.valid'), dataIndex: 'valid' },
    { title: t('complaints.validity.invalid'), dataIndex: 'invalid' },
    { title: t('complaints.stats.untriaged'), dataIndex: 'untriaged' },
    { title: t('complaints.stats.upheld'), dataIndex: 'upheld' },
    { title: t('complaints.stats.open'), dataIndex: 'open' },
    { title: t('complaints.stats.firstResponse'), key: 'fr', render: (_, r) => duration(r.firstResponse) },
    { title: t('complaints.stats.resolution'), key: 'res', render: (_, r) => duration(r.resolution) },
    { title: t('complaints.stats.slaResolution'), key: 'sla', render: (_, r) => rate(r.sla.resolution) },
  ];

  const s = stats.data;
  const rows = s?.tables[by] ?? [];
  const max = Math.max(0, ...rows.map((r) => r.total));
  const attitudes = s ? (['satisfied', 'neutral', 'unsatisfied'] as const).map((a) => ({ a, n: Number(s.satisfaction.attitude[a] ?? 0) })) : [];

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          {orgReader && (
            <Segmented
              aria-label={t('complaints.stats.org.scope')}
              value={scope}
              onChange={(v) => setScope(v as 'site' | 'organization')}
              options={[
                { value: 'site', label: t('complaints.stats.org.thisSite') },
                { value: 'organization', label: t('complaints.stats.org.organization') },
              ]}
            />
          )}
          <Segmented
            value={unit}
            onChange={(v) => setUnit(v as 'month' | 'year')}
            options={[
              { value: 'month', label: t('complaints.stats.month') },
              { value: 'year', label: t('complaints.stats.year') },
            ]}
          />
          {unit === 'month' ? (
            <DatePicker picker="month" allowClear={false} aria-label={t('complaints.stats.month')} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
          ) : (
            <DatePicker picker="year" allowClear={false} aria-label={t('complaints.stats.year')} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.format('YYYY'))} />
          )}
        </Space>
        <Space>
          {button('csv', t('complaints.stats.csv'))}
          {button('xlsx', t('complaints.stats.xlsx'))}
        </Space>
      </Flex>
      {organization ? (
        <OrganizationStatistics period={period} />
      ) : stats.isError ? (
        <LoadError problem={stats.error} onRetry={() => void stats.refetch()} />
      ) : !s ? (
        <Card loading />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('complaints.stats.total')} value={s.total} data-testid="stats-total" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('complaints.stats.firstResponseMedian')} value={s.firstResponse.count ? formatMinutes(s.firstResponse.median, t) : t('common.none')} />
                <Typography.Text type="secondary">{t('complaints.stats.p90', { v: s.firstResponse.count ? formatMinutes(s.firstResponse.p90, t) : t('common.none') })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('complaints.stats.resolutionMedian')} value={s.resolution.count ? formatMinutes(s.resolution.median, t) : t('common.none')} />
                <Typography.Text type="secondary">{t('complaints.stats.p90', { v: s.resolution.count ? formatMinutes(s.resolution.p90, t) : t('common.none') })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('complaints.stats.averageScore')} value={s.satisfaction.averageScore == null ? t('common.none') : s.satisfaction.averageScore.toFixed(1)} />
                <Typography.Text type="secondary">{t('complaints.stats.calls', { n: s.satisfaction.calls })}</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={12}>
              <Card size="small" title={t('complaints.stats.sla')}>
                {(['firstResponse', 'promisedReply', 'resolution'] as const).map((k) => (
                  <div key={k} style={{ marginBottom: 8 }}>
                    <Flex justify="space-between">
                      <span>{t(`complaints.stats.sla_${k}`)}</span>
                      <Typography.Text type="secondary">{t('complaints.stats.metBreached', { met: s.sla[k].met, breached: s.sla[k].breached })}</Typography.Text>
                    </Flex>
                    {s.sla[k].rate == null ? <Typography.Text type="secondary">{t('complaints.stats.noDecided')}</Typography.Text> : <Progress percent={pct(s.sla[k].rate) ?? 0} status={(s.sla[k].rate ?? 0) < 0.9 ? 'exception' : 'success'} />}
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('complaints.stats.satisfaction')}>
                {s.satisfaction.calls === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.stats.noCalls')} />
                ) : (
                  <>
                    {attitudes.map(({ a, n }) => (
                      <Bar key={a} label={t(`complaints.attitude.${a}`)} value={n} max={s.satisfaction.calls} color={a === 'satisfied' ? '#52c41a' : a === 'neutral' ? '#faad14' : '#ff4d4f'} />
                    ))}
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                      {t('complaints.stats.satisfactionLine', {
                        solved: s.satisfaction.solvedRate == null ? t('common.none') : `${pct(s.satisfaction.solvedRate)}%`,
                        charged: s.satisfaction.chargedCount,
                        reopened: s.satisfaction.reopened,
                        median: s.satisfaction.score.median ?? t('common.none'),
                        p90: s.satisfaction.score.p90 ?? t('common.none'),
                      })}
                    </Typography.Paragraph>
                  </>
                )}
                <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('complaints.stats.members', { called: s.memberFollowUp.calledBack, owed: s.memberFollowUp.owed, rate: s.memberFollowUp.rate == null ? t('common.none') : `${pct(s.memberFollowUp.rate)}%` })}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('complaints.stats.classification')}>
            <Tabs activeKey={by} onChange={(k) => setBy(k as By)} items={BYS.map((b) => ({ key: b, label: t(`complaints.stats.by.${b}`) }))} />
            {rows.length === 0 ? (
              <Empty description={t('complaints.stats.empty')} />
            ) : (
              <>
                <div style={{ maxWidth: 640, marginBottom: 16 }} data-testid="stats-chart">
                  {rows.map((r) => (
                    <Bar key={r.key} label={r.label} value={r.total} max={max} color="#1677ff" />
                  ))}
                </div>
                <Table<ClassificationRowDto> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: true }} />
              </>
            )}
          </Card>
        </>
      )}
    </>
  );
}
