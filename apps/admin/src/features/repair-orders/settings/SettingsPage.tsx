import type { RepairOrderPolicy } from '@sitedesk/domain';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Radio, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { KeyTagDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useKeyCabinet, useRepairPolicyVersion, useSetKeyCabinet } from '../queries';
import { repairMoreAccess } from './access';
import { PolicyPublishModal } from './PolicyPublishModal';
import { moreProblemText } from './problems';

/**
 * The module's settings: the key cabinet (RO-5: each tag and the open order holding it; a manager sets
 * the tags, a tag on an open order stays) and the repair-order policy (every number a site setting:
 * everybody on the module reads the current version; a manager publishes a new one, orders already
 * opened keep theirs). Only the actions the caller's roles admit are shown (REPAIR_MANAGERS).
 */
export function SettingsPage() {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={10}>
        <KeyCabinetCard />
      </Col>
      <Col xs={24} xl={14}>
        <PolicyCard />
      </Col>
    </Row>
  );
}

/** Tags as a person types them: separated by spaces, commas or new lines. */
export const parseTags = (text: string) => text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);

function KeyCabinetCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = repairMoreAccess(site);
  const cabinet = useKeyCabinet(site.siteId);
  const setCabinet = useSetKeyCabinet();
  const [show, setShow] = useState<'all' | 'inUse' | 'free'>('all');
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  // VALIDATION_FAILED names the wrong tags as `tags[i]`: say which ones, in words.
  const cabinetProblemText = (pr: Problem, typed: string[]) => {
    const bad = (pr.errors ?? []).map((e) => /^tags\[(\d+)\]$/.exec(e.field)).filter((m) => m !== null).map((m) => typed[Number(m[1])]);
    if (pr.code !== 'VALIDATION_FAILED') return moreProblemText(pr, t);
    return bad.length ? t('repairOrders.more.cabinet.invalidTags', { tags: bad.join('、') }) : t('repairOrders.more.cabinet.invalid');
  };
  if (cabinet.isError) return <LoadError problem={cabinet.error} onRetry={() => void cabinet.refetch()} />;
  const tags = cabinet.data?.tags ?? [];
  const shown = tags.filter((k) => show === 'all' || (show === 'inUse') === !!k.orderId);
  const startEdit = () => {
    setText(tags.map((k) => k.tag).join('\n'));
    setProblem(null);
    setEditing(true);
  };
  const save = async () => {
    setProblem(null);
    try {
      await setCabinet.mutateAsync({ body: { siteId: site.siteId, tags: parseTags(text) } });
      setEditing(false);
      void message.success(t('repairOrders.more.cabinet.saved'));
    } catch (e) {
      setProblem(e as Problem);
    }
  };
  return (
    <Card
      size="small"
      title={t('repairOrders.more.cabinet.title')}
      style={{ marginBottom: 16 }}
      data-testid="key-cabinet"
      extra={
        access.managesSettings &&
        !editing && (
          <Button size="small" onClick={startEdit} disabled={!cabinet.data}>
            {t('repairOrders.more.cabinet.edit')}
          </Button>
        )
      }
    >
      <Space size={32} style={{ marginBottom: 12 }}>
        <Statistic title={t('repairOrders.more.cabinet.total')} value={tags.length} />
        <Statistic title={t('repairOrders.more.cabinet.inUse')} value={cabinet.data?.inUse ?? 0} data-testid="cabinet-in-use" />
      </Space>
      <Typography.Paragraph type="secondary">
        {cabinet.data?.updatedAt ? t('repairOrders.more.cabinet.updatedAt', { at: siteTime(cabinet.data.updatedAt) }) : t('repairOrders.more.cabinet.defaults')}
      </Typography.Paragraph>
      {editing && (
        <div style={{ marginBottom: 12 }} data-testid="cabinet-editor">
          {problem && <Alert type="error" showIcon title={cabinetProblemText(problem, parseTags(text))} style={{ marginBottom: 8 }} data-testid="command-problem" />}
          <Input.TextArea aria-label={t('repairOrders.more.cabinet.tags')} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {t('repairOrders.more.cabinet.tagsHint', { n: parseTags(text).length })}
          </Typography.Paragraph>
          <Space>
            <Button type="primary" loading={setCabinet.isPending} onClick={() => void save()}>
              {t('repairOrders.more.cabinet.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </div>
      )}
      <Radio.Group
        size="small"
        optionType="button"
        value={show}
        onChange={(e) => setShow(e.target.value as typeof show)}
        options={(['all', 'inUse', 'free'] as const).map((k) => ({ value: k, label: t(`repairOrders.more.cabinet.show.${k}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Table<KeyTagDto>
        size="small"
        rowKey="tag"
        loading={cabinet.isFetching}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(k) => ({ 'data-testid': 'key-tag', 'data-tag': k.tag }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={show === 'inUse' ? t('repairOrders.more.cabinet.noneInUse') : t('repairOrders.more.cabinet.none')} /> }}
        columns={[
          { title: t('repairOrders.more.cabinet.tag'), dataIndex: 'tag' },
          {
            title: t('repairOrders.more.cabinet.holder'),
            render: (_, k) => (k.orderId ? <Link to={`/repair-orders/${k.orderId}`}>{k.plate ?? k.orderId.slice(0, 8)}</Link> : <Tag>{t('repairOrders.more.cabinet.free')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function PolicyCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = repairMoreAccess(site);
  const policy = useRepairPolicyVersion(site.siteId);
  const [publishing, setPublishing] = useState(false);
  if (policy.isError) return <LoadError problem={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  const body = p?.policy as Record<string, unknown> | undefined;
  const si = body?.serviceInterval as { km: number | null; months: number | null } | undefined;
  const fu = body?.followUp as { earliestAfterHours?: number; windowHours?: number } | undefined;
  const warranty = body?.warranty as Record<string, unknown> | undefined;
  return (
    <Card
      size="small"
      title={t('repairOrders.more.policy.title')}
      data-testid="repair-policy"
      extra={
        access.managesSettings && p && (
          <Button size="small" type="primary" onClick={() => setPublishing(true)}>
            {t('repairOrders.more.policy.publish')}
          </Button>
        )
      }
    >
      {p ? (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('repairOrders.more.policy.version')}>
              <span data-testid="policy-version">{p.version}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('repairOrders.more.policy.publishedAt')}>{siteTime(p.createdAt)}</Descriptions.Item>
            {si && (
              <Descriptions.Item label={t('repairOrders.more.vehicles.interval')}>
                {[si.km != null ? `${si.km} km` : null, si.months != null ? t('repairOrders.more.vehicles.months', { n: si.months }) : null].filter(Boolean).join(' / ') || t('common.none')}
              </Descriptions.Item>
            )}
            {fu && <Descriptions.Item label={t('repairOrders.more.policy.followUp')}>{t('repairOrders.more.policy.followUpWindow', { from: fu.earliestAfterHours, to: fu.windowHours })}</Descriptions.Item>}
            {warranty && <Descriptions.Item label={t('repairOrders.more.policy.warranty')}>{Object.entries(warranty).map(([k, v]) => `${k}: ${String(v)}`).join(' · ')}</Descriptions.Item>}
          </Descriptions>
          <Typography.Paragraph type="secondary">{access.managesSettings ? t('repairOrders.more.policy.managerHint') : t('repairOrders.more.policy.readOnly')}</Typography.Paragraph>
          <pre style={{ maxHeight: 360, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12 }} data-testid="policy-json">
            {JSON.stringify(p.policy, null, 2)}
          </pre>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="…" />
      )}
      {publishing && p && <PolicyPublishModal current={p.policy as unknown as RepairOrderPolicy} onClose={() => setPublishing(false)} />}
    </Card>
  );
}
