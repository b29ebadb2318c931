import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useAgents, useBarAgent, useCustomers, useUnbarAgent } from '../queries';

/** A customer picked by name or phone (the site's customers, managers). */
function CustomerPicker({ value, onChange }: { value?: string; onChange?: (id?: string) => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [q, setQ] = useState('');
  const customers = useCustomers({ siteId: site.siteId, scope: 'all', pageSize: 20, ...(q ? { q } : {}) }, q.length > 0);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      placeholder={t('clients.agents.customerPlaceholder')}
      loading={customers.isFetching}
      options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} ${c.phone}` }))}
    />
  );
}

/** CA-6: the site's partner agents; a manager bars one who took over a consultant's customer, and lifts a bar. */
export function AgentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const agents = useAgents(site.siteId);
  const bar = useBarAgent();
  const unbar = useUnbarAgent();
  const [target, setTarget] = useState<{ agent: AgentDto; action: 'bar' | 'unbar' } | null>(null);
  const [form] = Form.useForm<{ reason: string; customerId?: string }>();
  const formId = useId();
  const mutation = target?.action === 'unbar' ? unbar : bar;
  const close = () => {
    bar.reset();
    unbar.reset();
    setTarget(null);
  };

  const columns: TableColumnsType<AgentDto> = [
    { title: t('clients.agents.title'), dataIndex: 'displayName' },
    { title: t('clients.agents.agency'), dataIndex: 'agencyName', render: (n: string | null) => n ?? t('common.none') },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, a) =>
        a.barred ? (
          <Space direction="vertical" size={0}>
            <Tag color="red">{t('clients.agents.barred')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {siteTime(a.barredAt)} · {a.barredReason}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="green">{t('clients.agents.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.barred ? (
          <Button size="small" onClick={() => setTarget({ agent: a, action: 'unbar' })}>
            {t('clients.agents.unbar')}
          </Button>
        ) : (
          <Button size="small" danger onClick={() => setTarget({ agent: a, action: 'bar' })}>
            {t('clients.agents.bar')}
          </Button>
        ),
    },
  ];

  return (
    <Card>
      {agents.isError ? (
        <LoadError problem={agents.error} onRetry={() => void agents.refetch()} />
      ) : (
        <Table<AgentDto> rowKey="id" size="middle" columns={columns} dataSource={agents.data} loading={agents.isPending} pagination={false} locale={{ emptyText: t('clients.agents.empty') }} />
      )}
      <Modal
        open={target !== null}
        title={target ? t(target.action === 'bar' ? 'clients.agents.barTitle' : 'clients.agents.unbarTitle', { name: target.agent.displayName }) : ''}
        okText={target?.action === 'unbar' ? t('clients.agents.unbar') : t('clients.agents.bar')}
        cancelText={t('common.cancel')}
        okButtonProps={{ htmlType: 'submit', form: formId, loading: mutation.isPending, danger: target?.action === 'bar' }}
        onCancel={close}
        destroyOnHidden
      >
        {target?.action === 'bar' && <Typography.Paragraph type="secondary">{t('clients.agents.barHint')}</Typography.Paragraph>}
        <ClientsProblem problem={mutation.error} />
        <Form
          id={formId}
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => {
            if (!target) return;
            const done = { onSuccess: () => (void message.success(t('clients.agents.done')), close()), onError: (p: Parameters<typeof showFieldErrors>[1]) => showFieldErrors(form, p) };
            if (target.action === 'bar') bar.mutate({ path: { agentId: target.agent.id }, body: { siteId: site.siteId, reason: v.reason.trim(), ...(v.customerId ? { customerId: v.customerId } : {}) } }, done);
            else unbar.mutate({ path: { agentId: target.agent.id }, body: { siteId: site.siteId, reason: v.reason.trim() } }, done);
          }}
        >
          <Form.Item name="reason" label={t('clients.agents.reason')} rules={[{ required: true, whitespace: true, message: t('clients.agents.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} autoFocus />
          </Form.Item>
          {target?.action === 'bar' && (
            <Form.Item name="customerId" label={t('clients.agents.customer')}>
              <CustomerPicker />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
