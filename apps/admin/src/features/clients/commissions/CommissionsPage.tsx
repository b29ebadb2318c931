import { Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CommissionDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useAgencies } from '../../users/queries';
import { useCommissions } from '../queries';
import { yuan } from '../shared';

const PAGE_SIZE = 20;
const STATUSES = ['pending', 'due', 'forfeited'] as const;
const STATUS_COLOR = { pending: 'blue', due: 'green', forfeited: 'red' } as const;

export function CommissionStatusTag({ status }: { status: CommissionDto['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`clients.commissions.status.${status}`)}</Tag>;
}

/** The commission columns both the site's ledger and an agency's own view show (CA-17). */
export function useCommissionColumns(withCustomerLink: boolean): TableColumnsType<CommissionDto> {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  return [
    {
      title: t('clients.fields.name'),
      dataIndex: 'customerName',
      render: (n: string, c) => (withCustomerLink ? <Link to={`/client-attribution/customers/${c.customerId}`}>{n}</Link> : n),
    },
    { title: t('clients.fields.phone'), dataIndex: 'phoneMasked' },
    { title: t('clients.commissions.agency'), dataIndex: 'agencyName', render: (n: string | null) => n ?? t('common.none') },
    { title: t('clients.commissions.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f) },
    { title: t('clients.commissions.stage'), dataIndex: 'stage', render: (s?: string) => (s ? t(`clients.commissions.stages.${s as 'contract'}`) : t('common.none')) },
    { title: t('clients.commissions.dueAtStage'), dataIndex: 'dueAtStage', render: (s: string) => t(`clients.commissions.stages.${s as 'contract'}`) },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <CommissionStatusTag status={c.status} />
          {c.forfeitReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.forfeitReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('clients.commissions.dueAt'), dataIndex: 'dueAt', render: (d: string | null) => siteTime(d) },
  ];
}

/** CA-17/CA-6: the site's agency commission ledger — pending until the deal reaches the policy's stage, then due; forfeited by a 撬单 finding. */
export function CommissionsPage() {
  const { t } = useTranslation();
  const { site, access: shell } = useCurrentSite();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | undefined>();
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const agencies = useAgencies(shell.managesSite);
  const ledger = useCommissions({ siteId: site.siteId, page, pageSize: PAGE_SIZE, ...(status ? { status } : {}), ...(agencyId ? { agencyId } : {}) });
  const columns = useCommissionColumns(true);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('common.status')}
          placeholder={t('clients.inbox.allStatuses')}
          allowClear
          value={status}
          style={{ width: 150 }}
          onChange={(v?: (typeof STATUSES)[number]) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`clients.commissions.status.${s}`) }))}
        />
        <Select
          aria-label={t('clients.commissions.agency')}
          placeholder={t('clients.inbox.allAgencies')}
          allowClear
          value={agencyId}
          style={{ width: 180 }}
          onChange={(v?: string) => {
            setAgencyId(v);
            setPage(1);
          }}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
      </Space>
      {ledger.isError ? (
        <LoadError problem={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <Table<CommissionDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={ledger.data?.items}
          loading={ledger.isFetching}
          locale={{ emptyText: t('clients.commissions.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: ledger.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
    </Card>
  );
}
