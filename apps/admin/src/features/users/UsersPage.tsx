import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleAssignmentDto, UserDto } from '../../api/generated';
import { problemText } from '../../shared/problem-text';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextModal } from '../../shared/ui/TextModal';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { CreateUserDrawer } from './CreateUserDrawer';
import { GrantRoleModal } from './GrantRoleModal';
import { useRevokeRole, useUpdateUser, useUsers } from './queries';
import { RoleTags } from './RoleTags';

type Scope = 'site' | 'all';
const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [scope, setScope] = useState<Scope>('site');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserDto | null>(null);
  const [revoking, setRevoking] = useState<{ user: UserDto; assignment: RoleAssignmentDto } | null>(null);
  const users = useUsers({ page, pageSize: PAGE_SIZE, ...(scope === 'site' ? { siteId: site.siteId } : {}), ...(q ? { q } : {}) });
  const update = useUpdateUser();
  const revoke = useRevokeRole();

  const setActive = (user: UserDto, active: boolean) =>
    update.mutate(
      { path: { id: user.id }, body: { active } },
      { onSuccess: () => void message.success(t('users.updated')), onError: (problem) => void message.error(problemText(problem, t)) },
    );

  const columns: TableColumnsType<UserDto> = [
    {
      title: t('users.displayName'),
      key: 'name',
      render: (_, user) => (
        <Flex vertical>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{user.login}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('users.roles'), key: 'roles', render: (_, user) => <RoleTags roles={user.roles} onRevoke={(assignment) => setRevoking({ user, assignment })} /> },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) => (active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.disabled')}</Tag>),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', render: siteTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space>
          <Button size="small" onClick={() => setGranting(user)}>
            {t('users.grant')}
          </Button>
          {user.active ? (
            <Popconfirm title={t('users.disableConfirm')} okText={t('users.disable')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => setActive(user, false)}>
              <Button size="small" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => setActive(user, true)}>
              {t('users.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<Scope>
            value={scope}
            onChange={(s) => {
              setScope(s);
              setPage(1);
            }}
            options={[
              { value: 'site', label: t('common.thisSite') },
              { value: 'all', label: t('common.mySites') },
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('common.search')}
            style={{ maxWidth: 280 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
        </Flex>
        {users.isError ? (
          <LoadError problem={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserDto>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            locale={{ emptyText: t('users.empty') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: users.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      <CreateUserDrawer open={creating} onClose={() => setCreating(false)} />
      <GrantRoleModal user={granting} onClose={() => setGranting(null)} />
      <TextModal
        open={revoking !== null}
        title={revoking ? t('users.revokeTitle', { role: t(`roles.${revoking.assignment.role}`) }) : ''}
        label={t('users.revokeReason')}
        danger
        pending={revoke.isPending}
        problem={revoke.error}
        onCancel={() => {
          revoke.reset();
          setRevoking(null);
        }}
        onSubmit={(reason) => {
          if (!revoking) return;
          revoke.mutate(
            { path: { id: revoking.user.id, assignmentId: revoking.assignment.id }, body: reason ? { reason } : {} },
            {
              onSuccess: () => {
                void message.success(t('users.revoked'));
                setRevoking(null);
              },
            },
          );
        }}
      />
    </>
  );
}
