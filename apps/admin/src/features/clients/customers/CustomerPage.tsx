import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AuditEventDto, CustomerDetailDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { useConsultants, useCustomer, useCustomerAudit } from '../queries';
import { RuleTags } from '../rules';
import { CustomerStatusTag, ReportStatusTag } from '../status';
import { CustomerCommands } from './CustomerCommands';
import { FollowUpsCard } from './FollowUpsCard';
import { useMe } from '../../auth/me';

type TimelineEvent = CustomerDetailDto['timeline'][number];

const EVENT_KINDS = ['visit', 'call', 'relation', 'referral', 'employee_referral', 'agency_report', 'renewal', 'switch', 'decision', 'follow_up', 'deal', 'deal_cancelled', 'agent_barred'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);

const KIND_COLOR: Partial<Record<EventKind, string>> = { visit: 'green', call: 'blue', agency_report: 'orange', decision: 'red', switch: 'purple', renewal: 'cyan', deal: 'gold', agent_barred: 'red' };

type Entry = { at: string; key: string; node: ReactNode; color: string };

/** What one event of the history says, in words (the SMS of a call decides whether it claims, CA-9). */
function EventText({ e }: { e: TimelineEvent }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  const d = e.details as Record<string, unknown>;
  const kind = isKind(e.kind) ? t(`clients.events.${e.kind}`) : e.kind;
  let detail: ReactNode = null;
  if (e.kind === 'call') detail = d.smsSentAt ? t('clients.events.smsSent', { time: siteTime(String(d.smsSentAt)) }) : t('clients.events.smsNotSent');
  else if (e.kind === 'visit')
    detail = [d.role === 'assist' ? t('clients.events.assisted') : t('clients.events.received'), typeof d.visitKind === 'string' ? t(`clients.visitKinds.${d.visitKind as 'walk_in'}`, { defaultValue: d.visitKind }) : null]
      .filter(Boolean)
      .join(' · ');
  else if (e.kind === 'agency_report' && typeof d.status === 'string') detail = <ReportStatusTag status={d.status} />;
  else if (e.kind === 'follow_up' && typeof d.content === 'string')
    detail = t('clients.events.followUpText', { channel: t(`clients.followUps.channels.${d.channel as 'phone'}`, { defaultValue: String(d.channel ?? '') }), content: d.content });
  else if (e.kind === 'deal' && typeof d.stage === 'string') detail = t(`clients.commissions.stages.${d.stage as 'contract'}`, { defaultValue: d.stage });
  else if ((e.kind === 'deal_cancelled' || e.kind === 'agent_barred') && typeof d.reason === 'string') detail = d.reason;
  else if (Object.keys(d).length)
    detail = (
      <Typography.Text type="secondary">
        {Object.entries(d)
          .filter(([, v]) => v !== null && typeof v !== 'object')
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(' · ')}
      </Typography.Text>
    );
  return (
    <Space direction="vertical" size={2}>
      <Space size={6} wrap>
        <Typography.Text strong>{kind}</Typography.Text>
        <Typography.Text type="secondary">{siteTime(e.at)}</Typography.Text>
        {e.consultantName && <Typography.Text>{e.consultantName}</Typography.Text>}
        {e.lateEntry && <Tag color="gold">{t('clients.events.lateEntry')}</Tag>}
      </Space>
      {detail && <span>{detail}</span>}
    </Space>
  );
}

/**
 * A customer's record and timeline (GEN-7: the owner and the overseers): calls with their SMS, visits,
 * agency reports, follow-ups and — for managers, from the audit trail — each change of owner with the rules
 * that decided it (CA-18).
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const customer = useCustomer(id);
  const audit = useCustomerAudit(site.siteId, id, access.readsAudit && !!customer.data);
  const consultants = useConsultants(site.siteId);
  const names = useMemo(() => new Map((consultants.data ?? []).map((c) => [c.userId, c.displayName])), [consultants.data]);
  const nameOf = (ownerId: unknown) => (typeof ownerId === 'string' ? (names.get(ownerId) ?? ownerId.slice(0, 8)) : t('common.none'));

  const entries = useMemo<Entry[]>(() => {
    if (!customer.data) return [];
    const events: Entry[] = customer.data.timeline.map((e, i) => ({ at: e.at, key: `e${i}`, color: (isKind(e.kind) && KIND_COLOR[e.kind]) || 'gray', node: <EventText e={e} /> }));
    const changes: Entry[] = (audit.data?.items ?? [])
      .filter((a: AuditEventDto) => a.action === 'client.owner_changed')
      .map((a) => {
        const before = (a.before ?? {}) as { ownerId?: string | null; status?: string };
        const after = (a.after ?? {}) as { ownerId?: string | null; status?: string; ruleIds?: string[] };
        return {
          at: a.at,
          key: `a${a.id}`,
          color: 'red',
          node: (
            <Space direction="vertical" size={2} data-testid="owner-change">
              <Space size={6} wrap>
                <Typography.Text strong>{t('clients.events.ownerChanged')}</Typography.Text>
                <Typography.Text type="secondary">{siteTime(a.at)}</Typography.Text>
              </Space>
              <Space size={6} wrap>
                {nameOf(before.ownerId)} → {nameOf(after.ownerId)}
                {after.status && <CustomerStatusTag status={after.status} />}
                <RuleTags ids={after.ruleIds ?? []} />
              </Space>
            </Space>
          ),
        };
      });
    // Same instant: the event first, then the ownership it caused.
    return [...events, ...changes].sort((a, b) => a.at.localeCompare(b.at) || (a.key[0] === 'e' ? -1 : 1));
  }, [customer.data, audit.data, names, t, siteTime]);

  const back = (
    <Link to="/client-attribution/customers">
      <Button icon={<ArrowLeftOutlined />}>{t('clients.customer.back')}</Button>
    </Link>
  );
  if (customer.isPending) return <Skeleton active />;
  if (customer.isError) {
    if (customer.error.status === 404) return <Result status="404" title={t('clients.customer.notFound')} subTitle={t('clients.customer.notFoundHint')} extra={back} />;
    return <LoadError problem={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;
  return (
    <Flex vertical gap={16}>
      <Card title={<Space>{back}{c.name}</Space>} extra={<CustomerCommands customer={c} />}>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'phone', label: t('clients.fields.phone'), children: c.phone },
            { key: 'status', label: t('common.status'), children: <CustomerStatusTag status={c.status} /> },
            { key: 'owner', label: t('clients.fields.owner'), children: c.ownerName ?? t('common.none') },
            { key: 'until', label: t('clients.fields.protectedUntil'), children: siteTime(c.protectedUntil) },
            { key: 'rules', label: t('clients.customer.decidedBy'), children: <RuleTags ids={c.ownerRuleIds} /> },
            { key: 'source', label: t('clients.fields.source'), children: t(`clients.sources.${c.source as 'call'}`, { defaultValue: c.source }) },
            { key: 'grade', label: t('clients.fields.grade'), children: t(`clients.grades.${c.grade as 'A'}`, { defaultValue: c.grade }) },
            { key: 'visited', label: t('clients.customer.visited'), children: c.visited ? t('clients.customer.yes') : t('clients.customer.no') },
            { key: 'created', label: t('clients.customer.created'), children: siteTime(c.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('clients.customer.timeline')}>
        {!access.readsAudit && <Alert type="info" showIcon title={t('clients.customer.ownerChangesManagersOnly')} style={{ marginBottom: 16 }} />}
        {entries.length ? <Timeline items={entries.map((e) => ({ key: e.key, color: e.color, content: e.node }))} /> : <Empty description={t('clients.customer.noEvents')} />}
      </Card>
      <FollowUpsCard customerId={c.id} isOwner={c.ownerId === me.id} />
    </Flex>
  );
}
