import { Button, Card, Empty, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/me';
import { siteToday } from '../../attendance/dates';
import { useStaffNames } from '../../attendance/queries';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { allowedActions } from '../actions';
import { CommandModal } from '../detail/CommandModal';
import { WorkLines } from '../detail/WorkLines';
import { StateTag } from '../labels';
import { dispatchOf, pendingAdditional } from '../model';
import { useRepairOrder, useRepairOrders, useRepairPolicy, type RepairCommandType } from '../queries';

/** The workshop's own commands, offered on each order of the view. */
const WORKSHOP_COMMANDS: readonly RepairCommandType[] = ['report_additional_work', 'complete', 'quality_check'];
const STAGES = ['dispatched', 'in_progress', 'completed'] as const;

/**
 * The technicians' view: the orders handed to the workshop (RO-6) — by default those this person
 * signed for — with their lines to start and finish, additional work to report (RO-7: it cannot be
 * started before the customer's yes), completion and the quality check (RO-9).
 */
export function WorkshopPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const dispatched = useRepairOrders({ siteId: site.siteId, state: STAGES[0], pageSize: 50 }, 60_000);
  const inProgress = useRepairOrders({ siteId: site.siteId, state: STAGES[1], pageSize: 50 }, 60_000);
  const completed = useRepairOrders({ siteId: site.siteId, state: STAGES[2], pageSize: 50 }, 60_000);
  const lists = [dispatched, inProgress, completed];
  const ids = lists.flatMap((l) => l.data?.items.map((o) => o.id) ?? []);
  const pending = lists.some((l) => l.isPending);

  return (
    <>
      <Radio.Group optionType="button" value={scope} onChange={(e) => setScope(e.target.value as 'mine')} style={{ marginBottom: 12 }} options={[{ value: 'mine', label: t('repairOrders.workshop.mine') }, { value: 'all', label: t('repairOrders.workshop.all') }]} />
      {pending ? <Spin style={{ display: 'block', margin: 48 }} /> : ids.length ? ids.map((id) => <WorkshopOrder key={id} id={id} scope={scope} />) : <Empty description={t('repairOrders.workshop.empty')} />}
    </>
  );
}

function WorkshopOrder({ id, scope }: { id: string; scope: 'mine' | 'all' }) {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const order = useRepairOrder(id, 60_000);
  const policy = useRepairPolicy(site.siteId);
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const [command, setCommand] = useState<RepairCommandType | null>(null);
  if (!order.data) return null;
  const o = order.data;
  const dispatch = dispatchOf(o);
  if (scope === 'mine' && dispatch?.receiverId !== me.id) return null;
  const actions = allowedActions(o, site.roles).filter((a) => WORKSHOP_COMMANDS.includes(a));
  const waiting = pendingAdditional(o).length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="workshop-order"
      data-plate={o.plate}
      title={
        <Space wrap>
          <Link to={`/repair-orders/${o.id}`}>{o.plate}</Link>
          <span>{o.model}</span>
          <StateTag state={o.state} />
          {o.keyTag && <Tag>{o.keyTag}</Tag>}
          {waiting > 0 && <Tag color="orange">{t('repairOrders.workshop.waitingCustomer', { count: waiting })}</Tag>}
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {dispatch ? t('repairOrders.workshop.receivedBy', { name: dispatch.receiverName, at: siteTime(dispatch.signedTime) }) : ''}
          {o.promisedAt ? ` · ${t('repairOrders.detail.promised', { at: siteTime(o.promisedAt) })}` : ''}
        </Typography.Text>
      }
    >
      <WorkLines order={o} roles={site.roles} />
      {actions.length > 0 && (
        <Space style={{ marginTop: 8 }} data-testid="workshop-actions">
          {actions.map((a) => (
            <Button key={a} type={a === 'complete' ? 'primary' : 'default'} onClick={() => setCommand(a)}>
              {t(`repairOrders.action.${a}`)}
            </Button>
          ))}
        </Space>
      )}
      <CommandModal command={command} order={o} critical={policy.data?.policy.estimate.criticalSystems ?? []} staff={staff.people} onClose={() => setCommand(null)} />
    </Card>
  );
}
