import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyVersionDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useUserDirectory } from '../../users/queries';
import { formatDate, siteToday } from '../dates';
import { usePolicyVersions, usePresets, versionOn } from '../queries';
import { PolicyEditorDrawer, type PolicyBase } from './PolicyEditorDrawer';

/** ATT-1: the site's policy versions; a manager publishes a new one from a date on (versions are never edited). */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const { site, access: shell } = useCurrentSite();
  const siteTime = useSiteTime();
  const today = siteToday(site.timeZone);
  const versions = usePolicyVersions(site.siteId);
  const presets = usePresets();
  const directory = useUserDirectory(shell.managesSite);
  const [editing, setEditing] = useState<string | null>(null);
  const current = versionOn(versions.data, today);
  const bases = useMemo<PolicyBase[]>(() => [...(versions.data ?? [])].reverse().map((v) => ({ key: `v${v.version}`, policy: v.policy })), [versions.data]);

  const columns: TableColumnsType<PolicyVersionDto> = [
    { title: t('attendance.policy.version'), dataIndex: 'version', width: 90, render: (v: number) => <Typography.Text strong>v{v}</Typography.Text> },
    { title: t('attendance.policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 140, render: (d: string) => formatDate(d, i18n.language) },
    {
      title: t('common.status'),
      key: 'state',
      width: 110,
      render: (_, v) =>
        v.version === current?.version ? <Tag color="green">{t('attendance.policy.inForce')}</Tag> : v.effectiveFrom > today ? <Tag color="blue">{t('attendance.policy.scheduled')}</Tag> : <Tag>{t('attendance.policy.past')}</Tag>,
    },
    { title: t('attendance.policy.preset'), key: 'preset', width: 150, render: (_, v) => <Tag>{t(`attendance.presets.${v.policy.preset}`)}</Tag> },
    {
      title: t('attendance.policy.shifts'),
      key: 'shifts',
      render: (_, v) => (
        <Space size={4} wrap>
          {v.policy.shifts.map((s) => (
            <Tag key={s.code} color="blue">
              {s.code}: {s.segments.map((x) => `${x.start}–${x.end}`).join(', ')}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('attendance.policy.graces'), key: 'graces', width: 150, render: (_, v) => t('attendance.policy.gracesValue', { late: v.policy.lateGraceMinutes, early: v.policy.earlyGraceMinutes }) },
    { title: t('attendance.policy.createdAt'), key: 'created', width: 200, render: (_, v) => `${siteTime(v.createdAt)}${v.createdBy ? ` · ${directory.data?.get(v.createdBy)?.displayName ?? ''}` : ''}` },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, v) => (
        <Button size="small" onClick={() => setEditing(`v${v.version}`)}>
          {t('attendance.policy.startHere')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('attendance.policy.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} disabled={!versions.data} onClick={() => setEditing(current ? `v${current.version}` : (presets.data?.[0]?.name ?? ''))}>
          {t('attendance.policy.newVersion')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('attendance.policy.hint')}</Typography.Paragraph>
      {versions.isError ? (
        <LoadError problem={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <Table<PolicyVersionDto>
          rowKey="version"
          size="middle"
          columns={columns}
          dataSource={versions.data ? [...versions.data].reverse() : undefined}
          loading={versions.isFetching}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('attendance.policy.empty') }}
        />
      )}
      <PolicyEditorDrawer open={editing !== null} initial={editing ?? ''} bases={bases} presets={presets.data ?? []} onClose={() => setEditing(null)} />
    </Card>
  );
}
