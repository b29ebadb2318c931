import { App, Button, Card, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PoolCustomerDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { TextModal } from '../../../shared/ui/TextModal';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { clientsProblemText } from '../problems';
import { useOpenPool, useRequestRenewal } from '../queries';

const PAGE_SIZE = 20;

/**
 * CA-5: the site's open pool — customers whose protection window ran out without renewal. A consultant
 * claims one by re-registering it; the supervisor signs the claim in Approvals.
 */
export function PoolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [claiming, setClaiming] = useState<PoolCustomerDto | null>(null);
  const pool = useOpenPool({ siteId: site.siteId, page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) });
  const renew = useRequestRenewal();

  const columns: TableColumnsType<PoolCustomerDto> = [
    {
      title: t('clients.fields.name'),
      dataIndex: 'name',
      render: (name: string, c) => (access.overseer ? <Link to={`/client-attribution/customers/${c.id}`}>{name}</Link> : name),
    },
    { title: t('clients.fields.phone'), dataIndex: 'phone' },
    { title: t('clients.fields.source'), dataIndex: 'source', render: (s: string) => t(`clients.sources.${s as 'call'}`, { defaultValue: s }) },
    { title: t('clients.fields.grade'), dataIndex: 'grade', render: (g: string) => t(`clients.grades.${g as 'A'}`, { defaultValue: g }) },
    { title: t('clients.customer.visited'), dataIndex: 'visited', render: (v: boolean) => (v ? t('clients.customer.yes') : t('clients.customer.no')) },
    { title: t('clients.pool.since'), dataIndex: 'poolSince', render: (d: string | null) => siteTime(d) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.pendingRenewalId ? (
          <Tag color="processing">{t('clients.pool.claimPending')}</Tag>
        ) : (
          access.consultant && (
            <Button size="small" onClick={() => setClaiming(c)}>
              {t('clients.pool.claim')}
            </Button>
          )
        ),
    },
  ];

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('clients.customers.search')}
          placeholder={t('clients.customers.searchPlaceholder')}
          allowClear
          maxLength={50}
          style={{ width: 280 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
      </Space>
      {pool.isError ? (
        <LoadError problem={pool.error} onRetry={() => void pool.refetch()} />
      ) : (
        <Table<PoolCustomerDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={pool.data?.items}
          loading={pool.isFetching}
          locale={{ emptyText: q ? t('clients.customers.noMatch', { q }) : t('clients.customers.empty.open_pool') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: pool.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
      <TextModal
        open={claiming !== null}
        title={t('clients.pool.claimTitle', { name: claiming?.name ?? '' })}
        label={t('clients.pool.note')}
        placeholder={t('clients.pool.notePlaceholder')}
        okText={t('clients.pool.claim')}
        pending={renew.isPending}
        problem={renew.error ? { ...renew.error, detail: clientsProblemText(renew.error, t) } : null}
        onCancel={() => {
          renew.reset();
          setClaiming(null);
        }}
        onSubmit={(note) =>
          claiming &&
          renew.mutate(
            { path: { id: claiming.id }, body: note ? { note } : {} },
            {
              onSuccess: () => {
                void message.success(t('clients.pool.claimed'));
                setClaiming(null);
              },
            },
          )
        }
      />
    </Card>
  );
}
