import { App, Button, Card, Descriptions, Drawer, Flex, Form, InputNumber, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientPolicyDto, ClientPolicyVersionDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { ClientsProblem } from '../problems';
import { useClientPolicy, useClientPolicyVersions, usePublishClientPolicy } from '../queries';
import { yuan } from '../shared';

type Key = keyof ClientPolicyDto;
type Field =
  | { key: Key; rule: string; kind: 'number'; min: number; max: number; unit?: 'minutes' | 'days' | 'months' | 'turns' | 'percent' }
  | { key: Key; rule: string; kind: 'money' }
  | { key: Key; rule: string; kind: 'boolean' }
  | { key: Key; rule: string; kind: 'choice'; options: readonly string[] };

/** The section-2 policy, field by field, in the order of the rules (every number is site policy, not a constant). */
const FIELDS: readonly Field[] = [
  { key: 'protectionMonths', rule: 'CA-5', kind: 'number', min: 1, max: 24, unit: 'months' },
  { key: 'followUpEveryDays', rule: 'CA-5', kind: 'number', min: 1, max: 30, unit: 'days' },
  { key: 'callersFollowUpDaily', rule: 'CA-5', kind: 'boolean' },
  { key: 'missedFollowUpFineFen', rule: 'CA-5', kind: 'money' },
  { key: 'reportLeadMinutes', rule: 'CA-6', kind: 'number', min: 0, max: 1440, unit: 'minutes' },
  { key: 'reportValidityDays', rule: 'CA-7', kind: 'number', min: 1, max: 90, unit: 'days' },
  { key: 'passMinStandMinutes', rule: 'CA-10', kind: 'number', min: 0, max: 480, unit: 'minutes' },
  { key: 'passCostsTurns', rule: 'CA-10', kind: 'number', min: 1, max: 10, unit: 'turns' },
  { key: 'suspensionDaysBySupervisor', rule: 'CA-10', kind: 'number', min: 1, max: 30, unit: 'days' },
  { key: 'suspensionDaysByManager', rule: 'CA-10', kind: 'number', min: 1, max: 30, unit: 'days' },
  { key: 'switchSplitPercent', rule: 'CA-11', kind: 'number', min: 0, max: 100, unit: 'percent' },
  { key: 'smsWithinMinutes', rule: 'CA-13', kind: 'number', min: 1, max: 120, unit: 'minutes' },
  { key: 'maskedReporting', rule: 'CA-15', kind: 'boolean' },
  { key: 'protectionMode', rule: 'CA-17', kind: 'choice', options: ['report_to_deal', 'report_visit_deal', 'visit_to_deal'] },
  { key: 'agencyProtectionDays', rule: 'CA-17', kind: 'number', min: 1, max: 365, unit: 'days' },
  { key: 'commissionAt', rule: 'CA-17', kind: 'choice', options: ['subscription', 'contract', 'down_payment'] },
  { key: 'appealDays', rule: 'CA-17', kind: 'number', min: 1, max: 30, unit: 'days' },
  { key: 'blankFieldFineFen', rule: 'GEN-11', kind: 'money' },
];

/** A policy value in words. */
function useShow() {
  const { t } = useTranslation();
  return (f: Field, value: unknown): string => {
    if (f.kind === 'boolean') return value ? t('clients.customer.yes') : t('clients.customer.no');
    if (f.kind === 'money') return yuan(Number(value));
    if (f.kind === 'choice') return t(`clients.policy.choices.${String(value) as 'contract'}`, { defaultValue: String(value) });
    return f.unit ? t(`clients.policy.units.${f.unit}`, { count: Number(value) }) : String(value);
  };
}

/** The keys whose value differs between two versions. */
const changedKeys = (a: ClientPolicyDto, b: ClientPolicyDto | undefined) => (b ? FIELDS.filter((f) => a[f.key] !== b[f.key]).map((f) => f.key) : []);

/** Managers publish a new version from the one in force: the form starts from it; money in yuan. */
function PolicyDrawer({ open, current, onClose }: { open: boolean; current: ClientPolicyVersionDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<Record<Key, unknown>>();
  const publish = usePublishClientPolicy();
  const initial = Object.fromEntries(FIELDS.map((f) => [f.key, f.kind === 'money' ? Number(current.policy[f.key]) / 100 : current.policy[f.key]]));
  return (
    <Drawer
      open={open}
      onClose={() => {
        publish.reset();
        onClose();
      }}
      width={560}
      title={t('clients.policy.editTitle')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={publish.isPending} onClick={() => form.submit()}>
          {t('clients.policy.publish')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('clients.policy.editHint')}</Typography.Paragraph>
      <ClientsProblem problem={publish.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          const policy = Object.fromEntries(FIELDS.map((f) => [f.key, f.kind === 'money' ? Math.round(Number(v[f.key]) * 100) : v[f.key]])) as unknown as ClientPolicyDto;
          publish.mutate(
            { body: { siteId: site.siteId, baseVersion: current.version, policy } },
            {
              onSuccess: () => {
                void message.success(t('clients.policy.published'));
                onClose();
              },
              onError: (problem) => showFieldErrors(form, { ...problem, errors: problem.errors?.map((e) => ({ ...e, field: e.field.replace(/^policy\./, '') })) }),
            },
          );
        }}
      >
        {FIELDS.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={
              <Space size={4}>
                {t(`clients.policy.fields.${f.key}`)}
                <Tag variant="filled">{f.rule}</Tag>
              </Space>
            }
            valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
            rules={f.kind === 'boolean' ? [] : [{ required: true, message: t('clients.policy.required') }]}
          >
            {f.kind === 'boolean' ? (
              <Switch />
            ) : f.kind === 'choice' ? (
              <Select options={f.options.map((o) => ({ value: o, label: t(`clients.policy.choices.${o as 'contract'}`) }))} />
            ) : f.kind === 'money' ? (
              <InputNumber min={0} max={100000} precision={2} prefix="¥" style={{ width: 200 }} />
            ) : (
              <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 200 }} suffix={f.unit ? t(`clients.policy.unitNames.${f.unit}`) : undefined} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}

/** The site's section-2 policy: the version in force, its history, and a new version (managers). */
export function ClientPolicyPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const show = useShow();
  const current = useClientPolicy(site.siteId);
  const versions = useClientPolicyVersions(site.siteId);
  const [editing, setEditing] = useState(false);

  if (current.isError) return <LoadError problem={current.error} onRetry={() => void current.refetch()} />;
  const list = versions.data ?? [];
  const columns: TableColumnsType<ClientPolicyVersionDto> = [
    { title: t('clients.policy.version'), dataIndex: 'version', width: 90 },
    { title: t('clients.customer.created'), dataIndex: 'createdAt', render: (d: string) => siteTime(d), width: 170 },
    { title: t('clients.fields.owner'), dataIndex: 'createdByName', render: (n: string | null) => n ?? t('common.none'), width: 140 },
    {
      title: t('clients.policy.changed'),
      key: 'changed',
      render: (_, v) => {
        const i = list.findIndex((x) => x.version === v.version);
        const before = list[i + 1];
        const keys = changedKeys(v.policy, before?.policy);
        if (!before) return t('common.none');
        if (!keys.length) return t('clients.policy.noChange');
        return (
          <Space size={4} wrap>
            {keys.map((k) => {
              const f = FIELDS.find((x) => x.key === k)!;
              return <Tag key={k}>{`${t(`clients.policy.fields.${k}`)}: ${show(f, before.policy[k])} → ${show(f, v.policy[k])}`}</Tag>;
            })}
          </Space>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        loading={current.isPending}
        title={current.data ? t('clients.policy.current', { version: current.data.version }) : ''}
        extra={
          current.data && (
            <Space>
              <Typography.Text type="secondary">{t('clients.policy.by', { name: current.data.createdByName ?? '—', time: siteTime(current.data.createdAt) })}</Typography.Text>
              {access.manages && (
                <Button type="primary" onClick={() => setEditing(true)}>
                  {t('clients.policy.edit')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {current.data && (
          <Descriptions
            column={{ xs: 1, md: 2, xl: 3 }}
            size="small"
            items={FIELDS.map((f) => ({
              key: f.key,
              label: (
                <Space size={4}>
                  {t(`clients.policy.fields.${f.key}`)}
                  <Tag variant="filled">{f.rule}</Tag>
                </Space>
              ),
              children: show(f, current.data.policy[f.key]),
            }))}
          />
        )}
      </Card>
      {!versions.isError && (
        <Card title={t('clients.policy.versions')}>
          <Table<ClientPolicyVersionDto> rowKey="version" size="middle" columns={columns} dataSource={list} loading={versions.isPending} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
        </Card>
      )}
      {current.data && <PolicyDrawer open={editing} current={current.data} onClose={() => setEditing(false)} />}
    </Flex>
  );
}
