import { Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintSummaryDto, SiteComplaintSummaryDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import type { StatisticsPeriod } from '../queries';
import { formatMinutes } from '../sla';
import { useOrganizationStatistics } from './organization';

const pct = (rate: number | null | undefined) => (rate == null ? null : `${Math.round(rate * 1000) / 10}%`);
type Row = ComplaintSummaryDto & { key: string; site: string };

/**
 * CMP-8 for directors and admins: one row per site they direct and the organization's totals (medians
 * and p90 over all the complaints together), from one request.
 */
export function OrganizationStatistics({ period }: { period: StatisticsPeriod }) {
  const { t } = useTranslation();
  const stats = useOrganizationStatistics(period, true);
  if (stats.isError) return <LoadError problem={stats.error} onRetry={() => void stats.refetch()} />;
  const o = stats.data;
  if (!o) return <Card loading />;
  const none = t('common.none');
  const duration = (count: number, v: number | null | undefined) => (count ? formatMinutes(v ?? null, t) : none);
  const columns: TableColumnsType<Row> = [
    { title: t('complaints.stats.org.site'), dataIndex: 'site', fixed: 'left' },
    { title: t('complaints.stats.total'), dataIndex: 'total' },
    { title: t('complaints.kind.complaint'), dataIndex: 'complaints' },
    { title: t('complaints.kind.grumble'), dataIndex: 'grumbles' },
    { title: t('complaints.stats.upheld'), dataIndex: 'upheld' },
    { title: t('complaints.stats.open'), dataIndex: 'open' },
    { title: t('complaints.stats.firstResponse'), key: 'fr', render: (_, r) => `${duration(r.firstResponse.count, r.firstResponse.median)} / ${duration(r.firstResponse.count, r.firstResponse.p90)}` },
    { title: t('complaints.stats.resolution'), key: 'res', render: (_, r) => `${duration(r.resolution.count, r.resolution.median)} / ${duration(r.resolution.count, r.resolution.p90)}` },
    { title: t('complaints.stats.sla_firstResponse'), key: 'slaFr', render: (_, r) => pct(r.sla.firstResponse.rate) ?? none },
    { title: t('complaints.stats.slaResolution'), key: 'slaRes', render: (_, r) => pct(r.sla.resolution.rate) ?? none },
    { title: t('complaints.stats.averageScore'), key: 'score', render: (_, r) => (r.satisfaction.averageScore == null ? none : r.satisfaction.averageScore.toFixed(1)) },
    { title: t('complaints.stats.org.members'), key: 'members', render: (_, r) => pct(r.memberFollowUp.rate) ?? none },
  ];
  const rows: Row[] = o.sites.map((s: SiteComplaintSummaryDto) => ({ ...s, key: s.siteId, site: `${s.siteName} (${s.siteCode})` }));
  return (
    <Card size="small" title={t('complaints.stats.org.title', { period: o.period })} data-testid="org-stats">
      {rows.length === 0 ? (
        <Empty description={t('complaints.stats.org.noSites')} />
      ) : (
        <Table<Row>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                {columns.map((c, i) => {
                  const total: Row = { ...o.totals, key: 'totals', site: t('complaints.stats.org.totals') };
                  const col = c as { dataIndex?: keyof Row; render?: (v: unknown, r: Row, i: number) => unknown };
                  const v = col.render ? col.render(undefined, total, 0) : col.dataIndex ? total[col.dataIndex] : '';
                  return (
                    <Table.Summary.Cell key={i} index={i}>
                      <Typography.Text strong>{String(v ?? '')}</Typography.Text>
                    </Table.Summary.Cell>
                  );
                })}
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('complaints.stats.org.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
