import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyDto, SiteDto } from '../../api/generated';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { AgencyModal } from './AgencyModal';
import { useAgencies, useSites } from './queries';
import { SiteModal } from './SiteModal';

/** The organization admin's sites and partner agencies: open a site, rename it or change its time zone, register an agency. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sites = useSites();
  const agencies = useAgencies();
  const [editing, setEditing] = useState<SiteDto | 'new' | null>(null);
  const [addingAgency, setAddingAgency] = useState(false);

  const siteColumns: TableColumnsType<SiteDto> = [
    { title: t('organization.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: t('organization.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('organization.kind'), dataIndex: 'kind', render: (kind: SiteDto['kind']) => <Tag color={kind === 'sales_office' ? 'blue' : 'geekblue'}>{t(`siteKinds.${kind}`)}</Tag> },
    { title: t('organization.timeZone'), dataIndex: 'timeZone' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, site) => (
        <Button size="small" icon={<EditOutlined />} aria-label={t('organization.editSite', { code: site.code })} onClick={() => setEditing(site)}>
          {t('organization.edit')}
        </Button>
      ),
    },
  ];
  const agencyColumns: TableColumnsType<AgencyDto> = [{ title: t('organization.agencyName'), dataIndex: 'name' }];

  return (
    <>
      <PageTitle title={t('organization.title')} subtitle={t('organization.subtitle')} />
      <Card
        title={t('organization.sites')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('organization.createSite')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      >
        {sites.isError ? (
          <LoadError problem={sites.error} onRetry={() => void sites.refetch()} />
        ) : (
          <Table<SiteDto> rowKey="id" columns={siteColumns} dataSource={sites.data} loading={sites.isFetching} pagination={false} locale={{ emptyText: t('organization.noSites') }} />
        )}
      </Card>
      <Card
        title={t('organization.agencies')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setAddingAgency(true)}>
            {t('organization.createAgency')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('organization.agenciesHint')}</Typography.Paragraph>
        {agencies.isError ? (
          <LoadError problem={agencies.error} onRetry={() => void agencies.refetch()} />
        ) : (
          <Table<AgencyDto> rowKey="id" columns={agencyColumns} dataSource={agencies.data} loading={agencies.isFetching} pagination={false} locale={{ emptyText: t('organization.noAgencies') }} />
        )}
      </Card>
      <SiteModal
        open={editing !== null}
        site={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onDone={(site) => {
          void message.success(t(editing === 'new' ? 'organization.siteCreated' : 'organization.siteSaved', { name: site.name }));
          setEditing(null);
        }}
      />
      <AgencyModal
        open={addingAgency}
        onCancel={() => setAddingAgency(false)}
        onDone={(agency) => {
          void message.success(t('organization.agencyCreated', { name: agency.name }));
          setAddingAgency(false);
        }}
      />
    </>
  );
}
