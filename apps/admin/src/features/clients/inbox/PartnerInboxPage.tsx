import { Card, DatePicker, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { PartnerInboxItemDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useAgencies } from '../../users/queries';
import { clientsAccess } from '../access';
import { useSitePartnerReports } from '../queries';
import { REPORT_STATUSES, ReportStatusTag, type ReportStatus } from '../status';

const PAGE_SIZE = 20;

/**
 * The site's partner reports (CA-6, CA-7) for the reception desk and the managers: who is expected, what
 * became of each report. Phones masked and no visit codes: the agent shows the code at the arrival (CA-16).
 */
export function PartnerInboxPage() {
  const { t } = useTranslation();
  const { site, access: shell } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ReportStatus | null) ?? undefined;
  const agencyId = params.get('agency') ?? undefined;
  const q = params.get('q') ?? '';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const reports = useSitePartnerReports({
    siteId: site.siteId,
    page,
    pageSize: PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(agencyId ? { agencyId } : {}),
    ...(q ? { q } : {}),
    ...(from ? { expectedFrom: from } : {}),
    ...(to ? { expectedTo: to } : {}),
  });
  // Agencies to filter by: the organization's for managers, else the ones seen in the inbox so far.
  const directory = useAgencies(shell.managesSite);
  const seen = useRef(new Map<string, string>());
  for (const r of reports.data?.items ?? []) seen.current.set(r.agencyId, r.agencyName);
  const agencies = useMemo(
    () => (directory.data ? directory.data.map((a) => ({ value: a.id, label: a.name })) : [...seen.current].map(([value, label]) => ({ value, label }))),
    [directory.data, reports.data],
  );
  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<PartnerInboxItemDto> = [
    { title: t('clients.inbox.reportedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d) },
    { title: t('clients.inbox.agency'), key: 'agency', render: (_, r) => <Space direction="vertical" size={0}><span>{r.agencyName}</span><Typography.Text type="secondary">{r.agentName}</Typography.Text></Space> },
    { title: t('clients.fields.name'), dataIndex: 'customerName' },
    { title: t('clients.fields.phone'), dataIndex: 'phoneMasked' },
    { title: t('clients.inbox.expected'), dataIndex: 'expectedVisitAt', render: (d: string) => siteTime(d) },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <ReportStatusTag status={r.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`clients.reportReasons.${r.statusReason as 'new'}`, { defaultValue: r.statusReason })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('clients.inbox.expires'), dataIndex: 'expiresAt', render: (d: string) => siteTime(d) },
    {
      title: t('clients.inbox.visited'),
      key: 'visited',
      render: (_, r) =>
        r.visitedAt ? (r.customerId && access.readsCustomers ? <Link to={`/client-attribution/customers/${r.customerId}`}>{siteTime(r.visitedAt)}</Link> : siteTime(r.visitedAt)) : t('common.none'),
    },
  ];

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('clients.inbox.search')}
          placeholder={t('clients.inbox.searchPlaceholder')}
          defaultValue={q}
          allowClear
          maxLength={50}
          style={{ width: 260 }}
          onSearch={(value) => set({ q: value.trim() || null })}
        />
        <Select
          aria-label={t('common.status')}
          placeholder={t('clients.inbox.allStatuses')}
          allowClear
          value={status}
          style={{ width: 150 }}
          onChange={(value?: string) => set({ status: value })}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`clients.reportStatus.${s}`) }))}
        />
        <Select
          aria-label={t('clients.inbox.agency')}
          placeholder={t('clients.inbox.allAgencies')}
          allowClear
          value={agencyId}
          style={{ width: 180 }}
          onChange={(value?: string) => set({ agency: value })}
          options={agencies}
        />
        <DatePicker.RangePicker
          aria-label={t('clients.inbox.expected')}
          placeholder={[t('clients.inbox.expectedFrom'), t('clients.inbox.expectedTo')]}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      {reports.isError ? (
        <LoadError problem={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <Table<PartnerInboxItemDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={reports.data?.items}
          loading={reports.isFetching}
          locale={{ emptyText: status || agencyId || q || from ? t('clients.inbox.noMatch') : t('clients.inbox.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: reports.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      )}
    </Card>
  );
}
