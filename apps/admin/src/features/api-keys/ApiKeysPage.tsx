import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyDto, CreatedApiKeyDto } from '../../api/generated';
import { shortId } from '../../shared/format';
import { problemText } from '../../shared/problem-text';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useSiteTime } from '../shell/current-site';
import { useUserDirectory } from '../users/queries';
import { CreateApiKeyModal } from './CreateApiKeyModal';
import { CreatedKeyModal } from './CreatedKeyModal';
import { useApiKeys, useRevokeApiKey } from './queries';

/** The organization's API keys (org admin): issue one for a channel partner, revoke. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const siteTime = useSiteTime();
  const keys = useApiKeys();
  const directory = useUserDirectory(true);
  const partners = useMemo(() => [...(directory.data?.values() ?? [])].filter((u) => u.active && u.agencyId && u.roles.some((r) => r.role === 'partner')), [directory.data]);
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyDto | null>(null);

  const columns: TableColumnsType<ApiKeyDto> = [
    { title: t('apiKeys.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    { title: t('apiKeys.owner'), dataIndex: 'userId', render: (id: string) => directory.data?.get(id)?.displayName ?? shortId(id) },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', render: siteTime },
    { title: t('apiKeys.lastUsedAt'), dataIndex: 'lastUsedAt', render: (at: string | null) => (at ? siteTime(at) : t('apiKeys.never')) },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      render: (at: string | null) => (at ? <Tag>{t('apiKeys.revoked')}</Tag> : <Tag color="green">{t('apiKeys.active')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        !key.revokedAt && (
          <Popconfirm
            title={t('apiKeys.revokeConfirm')}
            okText={t('apiKeys.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke.mutate(
                { path: { id: key.id } },
                { onSuccess: () => void message.success(t('apiKeys.revokedDone')), onError: (problem) => void message.error(problemText(problem, t)) },
              )
            }
          >
            <Button size="small" danger>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Card>
        {keys.isError ? (
          <LoadError problem={keys.error} onRetry={() => void keys.refetch()} />
        ) : (
          <Table<ApiKeyDto> rowKey="id" columns={columns} dataSource={keys.data} loading={keys.isFetching} locale={{ emptyText: t('apiKeys.empty') }} pagination={false} />
        )}
      </Card>
      <CreateApiKeyModal
        open={creating}
        partners={partners}
        onCancel={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <CreatedKeyModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
