import { PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { normalizePhone } from '@sitedesk/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { CustomerDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { clientsProblemText } from '../problems';
import { useCustomers, useLookup } from '../queries';
import { RuleTags } from '../rules';
import { CustomerStatusTag } from '../status';
import { RegisterCallModal } from './RegisterCallModal';
import { RelationModal } from './RelationModal';

type Scope = 'mine' | 'all' | 'open_pool';
const PAGE_SIZE = 20;

/** GEN-7: anyone on the site may ask who owns a number — the owner's name to call, nothing else. */
function LookupCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [asked, setAsked] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const lookup = useLookup(site.siteId, asked);
  return (
    <Card title={t('clients.lookup.title')} size="small">
      <Typography.Paragraph type="secondary">{t('clients.lookup.hint')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('clients.lookup.phone')}
        placeholder={t('clients.lookup.placeholder')}
        enterButton={<SearchOutlined />}
        maxLength={20}
        style={{ maxWidth: 360 }}
        onSearch={(value) => {
          const phone = normalizePhone(value);
          setInvalid(!phone && value.trim() !== '');
          setAsked(phone);
        }}
      />
      {invalid && <Alert type="warning" showIcon title={t('clients.lookup.notAPhone')} style={{ marginTop: 12 }} />}
      {lookup.isError && <Alert type="error" showIcon title={clientsProblemText(lookup.error, t)} style={{ marginTop: 12 }} />}
      {asked && lookup.data && (
        <Alert
          data-testid="lookup-answer"
          type={lookup.data.status === 'owned' ? 'info' : 'success'}
          showIcon
          style={{ marginTop: 12 }}
          title={
            !lookup.data.found
              ? t('clients.lookup.new')
              : lookup.data.status === 'owned'
                ? t('clients.lookup.owned', { name: lookup.data.ownerName ?? '—', until: siteTime(lookup.data.protectedUntil) })
                : t(`clients.lookup.${lookup.data.status === 'open_pool' ? 'openPool' : 'known'}`)
          }
        />
      )}
    </Card>
  );
}

/** Customer search by name or phone (CA-1): a consultant's own, the site's and its open pool for overseers. */
export function CustomersPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [params, setParams] = useSearchParams();
  const scope = (access.overseer ? (params.get('scope') as Scope | null) : 'mine') ?? 'all';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [calling, setCalling] = useState(false);
  const [relating, setRelating] = useState(false);
  const customers = useCustomers({ siteId: site.siteId, scope, page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) }, access.readsCustomers);
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<CustomerDto> = [
    { title: t('clients.fields.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/client-attribution/customers/${c.id}`}>{name}</Link> },
    { title: t('clients.fields.phone'), dataIndex: 'phone' },
    { title: t('clients.fields.source'), dataIndex: 'source', render: (s: string) => t(`clients.sources.${s as 'call'}`, { defaultValue: s }) },
    { title: t('clients.fields.grade'), dataIndex: 'grade', render: (g: string) => t(`clients.grades.${g as 'A'}`, { defaultValue: g }) },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <CustomerStatusTag status={s} /> },
    { title: t('clients.fields.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? t('common.none') },
    { title: t('clients.fields.protectedUntil'), dataIndex: 'protectedUntil', render: (d: string | null) => siteTime(d) },
    { title: t('clients.fields.rules'), dataIndex: 'ownerRuleIds', render: (ids: string[]) => <RuleTags ids={ids} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <LookupCard />
      {access.readsCustomers ? (
        <Card
          title={t('clients.customers.title')}
          extra={
            <Space>
              {access.consultant && <Button onClick={() => setRelating(true)}>{t('clients.relation.action')}</Button>}
              {access.takesCalls && (
                <Button type="primary" icon={<PhoneOutlined />} onClick={() => setCalling(true)}>
                  {t('clients.call.action')}
                </Button>
              )}
            </Space>
          }
        >
          <Space wrap style={{ marginBottom: 16 }}>
            <Input.Search
              aria-label={t('clients.customers.search')}
              placeholder={t('clients.customers.searchPlaceholder')}
              defaultValue={q}
              allowClear
              maxLength={50}
              style={{ width: 300 }}
              onSearch={(value) => set({ q: value.trim() || null, page: null })}
            />
            {access.overseer && (
              <Segmented<Scope>
                value={scope}
                onChange={(value) => set({ scope: value, page: null })}
                options={(['all', 'mine', 'open_pool'] as const).map((s) => ({ value: s, label: t(`clients.customers.scopes.${s}`) }))}
              />
            )}
          </Space>
          {customers.isError ? (
            <LoadError problem={customers.error} onRetry={() => void customers.refetch()} />
          ) : (
            <Table<CustomerDto>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={customers.data?.items}
              loading={customers.isFetching}
              locale={{ emptyText: q ? t('clients.customers.noMatch', { q }) : t(`clients.customers.empty.${scope}`) }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: customers.data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (total) => t('common.total', { count: total }),
                onChange: (p) => set({ page: String(p) }),
              }}
            />
          )}
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('clients.customers.lookupOnly')} />
      )}
      <RegisterCallModal open={calling} onClose={() => setCalling(false)} />
      <RelationModal open={relating} onClose={() => setRelating(false)} />
    </Flex>
  );
}
