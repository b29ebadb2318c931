import { App, Button, Card, Flex, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FollowUpMissDto, OverdueFollowUpDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { TextModal } from '../../../shared/ui/TextModal';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { useExemptMiss, useMissedFollowUps, useOverdueFollowUps } from '../queries';
import { ConsultantFilter, yuan } from '../shared';

const PAGE_SIZE = 20;

/** CA-5: follow-ups that are due (every 3 days; daily for callers who never visited) and the misses fined for them. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [consultantId, setConsultantId] = useState<string | undefined>();
  const [overduePage, setOverduePage] = useState(1);
  const [missPage, setMissPage] = useState(1);
  const [missStatus, setMissStatus] = useState<'all' | 'fined' | 'exempted'>('all');
  const [exempting, setExempting] = useState<FollowUpMissDto | null>(null);
  const who = access.overseer && consultantId ? { consultantId } : {};
  const overdue = useOverdueFollowUps({ siteId: site.siteId, page: overduePage, pageSize: PAGE_SIZE, ...who });
  const misses = useMissedFollowUps({ siteId: site.siteId, page: missPage, pageSize: PAGE_SIZE, ...who, ...(missStatus !== 'all' ? { status: missStatus } : {}) });
  const exempt = useExemptMiss();
  const now = Date.now();

  const customerLink = (id: string, name: string) => <Link to={`/client-attribution/customers/${id}`}>{name}</Link>;
  const overdueColumns: TableColumnsType<OverdueFollowUpDto> = [
    { title: t('clients.fields.name'), key: 'name', render: (_, r) => customerLink(r.customerId, r.customerName) },
    { title: t('clients.fields.phone'), dataIndex: 'phone' },
    ...(access.overseer ? [{ title: t('clients.fields.owner'), dataIndex: 'ownerName' }] : []),
    { title: t('clients.fields.grade'), dataIndex: 'grade', render: (g: string) => t(`clients.grades.${g as 'A'}`, { defaultValue: g }) },
    { title: t('clients.followUps.every'), dataIndex: 'everyDays', render: (n: number, r) => t(r.visited ? 'clients.followUps.everyDays' : 'clients.followUps.daily', { count: n }) },
    { title: t('clients.followUps.last'), dataIndex: 'lastFollowUpAt', render: (d: string | null) => siteTime(d) },
    {
      title: t('clients.followUps.dueAt'),
      dataIndex: 'dueAt',
      render: (d: string) => <Typography.Text type={new Date(d).getTime() < now ? 'danger' : undefined}>{siteTime(d)}</Typography.Text>,
    },
  ];
  const missColumns: TableColumnsType<FollowUpMissDto> = [
    { title: t('clients.fields.name'), key: 'name', render: (_, r) => customerLink(r.customerId, r.customerName) },
    { title: t('clients.fields.owner'), dataIndex: 'ownerName' },
    { title: t('clients.followUps.dueAt'), dataIndex: 'dueAt', render: (d: string) => siteTime(d) },
    { title: t('clients.followUps.fine'), dataIndex: 'amountFen', align: 'right', render: (f: number, r) => (r.status === 'exempted' ? <Typography.Text delete>{yuan(f)}</Typography.Text> : yuan(f)) },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) =>
        r.status === 'exempted' ? (
          <Space direction="vertical" size={0}>
            <Tag color="green">{t('clients.followUps.exempted')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.exemptedByName} · {r.exemptionReason}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="red">{t('clients.followUps.fined')}</Tag>
        ),
    },
    ...(access.manages
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: FollowUpMissDto) =>
              r.status === 'fined' && (
                <Button size="small" onClick={() => setExempting(r)}>
                  {t('clients.followUps.exempt')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('clients.followUps.overdueTitle')}
        extra={
          access.overseer && (
            <ConsultantFilter
              value={consultantId}
              onChange={(id) => {
                setConsultantId(id);
                setOverduePage(1);
                setMissPage(1);
              }}
            />
          )
        }
      >
        {overdue.isError ? (
          <LoadError problem={overdue.error} onRetry={() => void overdue.refetch()} />
        ) : (
          <Table<OverdueFollowUpDto>
            rowKey="customerId"
            size="middle"
            columns={overdueColumns}
            dataSource={overdue.data?.items}
            loading={overdue.isFetching}
            locale={{ emptyText: t('clients.followUps.noneOverdue') }}
            pagination={{ current: overduePage, pageSize: PAGE_SIZE, total: overdue.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setOverduePage }}
          />
        )}
      </Card>
      <Card
        title={t('clients.followUps.missesTitle')}
        extra={
          <Segmented<'all' | 'fined' | 'exempted'>
            value={missStatus}
            onChange={(v) => {
              setMissStatus(v);
              setMissPage(1);
            }}
            options={[
              { value: 'all', label: t('clients.partner.all') },
              { value: 'fined', label: t('clients.followUps.fined') },
              { value: 'exempted', label: t('clients.followUps.exempted') },
            ]}
          />
        }
      >
        {misses.isError ? (
          <LoadError problem={misses.error} onRetry={() => void misses.refetch()} />
        ) : (
          <Table<FollowUpMissDto>
            rowKey="id"
            size="middle"
            columns={missColumns}
            dataSource={misses.data?.items}
            loading={misses.isFetching}
            locale={{ emptyText: t('clients.followUps.noMisses') }}
            pagination={{ current: missPage, pageSize: PAGE_SIZE, total: misses.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setMissPage }}
          />
        )}
      </Card>
      <TextModal
        open={exempting !== null}
        title={t('clients.followUps.exemptTitle', { name: exempting?.ownerName ?? '', customer: exempting?.customerName ?? '' })}
        label={t('clients.followUps.exemptReason')}
        requiredMessage={t('clients.followUps.exemptReasonRequired')}
        okText={t('clients.followUps.exempt')}
        pending={exempt.isPending}
        problem={exempt.error}
        onCancel={() => {
          exempt.reset();
          setExempting(null);
        }}
        onSubmit={(reason) =>
          exempting &&
          exempt.mutate(
            { path: { id: exempting.id }, body: { reason } },
            {
              onSuccess: () => {
                void message.success(t('clients.followUps.exemptedDone'));
                setExempting(null);
              },
            },
          )
        }
      />
    </Flex>
  );
}
