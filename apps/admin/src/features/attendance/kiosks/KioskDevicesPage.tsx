import { DesktopOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedKioskDto, KioskDto } from '../../../api/generated';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { attendanceProblemText } from '../problems';
import { useKiosks, useRegisterKiosk, useRevokeKiosk } from '../queries';

/** The site's clock-in devices (打卡机): register one (its token is shown once), revoke a lost one at once. */
export function KioskDevicesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const kiosks = useKiosks(site.siteId);
  const revoke = useRevokeKiosk();
  const [registering, setRegistering] = useState(false);
  const [created, setCreated] = useState<CreatedKioskDto | null>(null);

  const columns: TableColumnsType<KioskDto> = [
    {
      title: t('attendance.kiosks.name'),
      dataIndex: 'name',
      render: (name: string) => (
        <span>
          <DesktopOutlined /> <Typography.Text strong>{name}</Typography.Text>
        </span>
      ),
    },
    { title: t('attendance.kiosks.createdAt'), dataIndex: 'createdAt', render: siteTime },
    { title: t('attendance.kiosks.lastSeenAt'), dataIndex: 'lastSeenAt', render: (at: string | null) => (at ? siteTime(at) : <Typography.Text type="secondary">{t('attendance.kiosks.never')}</Typography.Text>) },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      render: (at: string | null) => (at ? <Tag>{t('attendance.kiosks.revokedAt', { time: siteTime(at) })}</Tag> : <Tag color="green">{t('attendance.kiosks.active')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('attendance.kiosks.revokeConfirm')}
            okText={t('attendance.kiosks.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutate({ path: { id: k.id } }, { onSuccess: () => void message.success(t('attendance.kiosks.revoked')), onError: (p) => void message.error(attendanceProblemText(p, t)) })}
          >
            <Button size="small" danger>
              {t('attendance.kiosks.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('attendance.kiosks.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
          {t('attendance.kiosks.register')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('attendance.kiosks.hint')}{' '}
        <a href="/kiosk" target="_blank" rel="noreferrer">
          {t('attendance.kiosks.openPage')} <ExportOutlined />
        </a>
      </Typography.Paragraph>
      {kiosks.isError ? (
        <LoadError problem={kiosks.error} onRetry={() => void kiosks.refetch()} />
      ) : (
        <Table<KioskDto> rowKey="id" columns={columns} dataSource={kiosks.data} loading={kiosks.isFetching} pagination={false} locale={{ emptyText: t('attendance.kiosks.empty') }} />
      )}
      <RegisterKioskModal
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(k) => {
          setRegistering(false);
          setCreated(k);
        }}
      />
      <Modal
        open={created !== null}
        title={t('attendance.kiosks.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('apiKeys.done')}
          </Button>
        }
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('attendance.kiosks.shownOnce')} style={{ marginBottom: 16 }} />
        {created && (
          <>
            <Typography.Text type="secondary">{created.name}</Typography.Text>
            <Typography.Paragraph code copyable={{ text: created.token, tooltips: [t('attendance.kiosks.copy'), t('apiKeys.copied')] }} style={{ wordBreak: 'break-all', marginTop: 8 }} data-testid="created-kiosk-token">
              {created.token}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Card>
  );
}

function RegisterKioskModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (k: CreatedKioskDto) => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const register = useRegisterKiosk();
  const close = () => {
    register.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('attendance.kiosks.registerTitle')}
      okText={t('attendance.kiosks.register')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: register.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <ProblemAlert problem={register.error} />
      <Form<{ name: string }> id={formId} layout="vertical" onFinish={({ name }) => register.mutate({ body: { siteId: site.siteId, name: name.trim() } }, { onSuccess: onCreated })}>
        <Form.Item name="name" label={t('attendance.kiosks.name')} rules={[{ required: true, whitespace: true, message: t('attendance.kiosks.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('attendance.kiosks.namePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
