import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  listComplaintFollowUpsOptions,
  listComplaintsOptions,
  listOverdueFollowUpsOptions,
  listRepairFollowUpsOptions,
  listRepairOrdersOptions,
  listRepairTicketsOptions,
  listSiteWarrantyClaimsOptions,
  listUnitOrdersOptions,
  listUnrecordedVisitsOptions,
} from '../../api/generated/@tanstack/react-query.gen';
import { usePendingApprovalCount } from '../approvals/queries';
import { useMe } from '../auth/me';
import { clientsAccess } from '../clients/access';
import { complaintAccess } from '../complaints/access';
import { repairAccess } from '../repair-orders/access';
import { reservationAccess } from '../reservation/access';
import { useCurrentSite } from '../shell/current-site';

interface Todo {
  key: string;
  label: ReactNode;
  to: string;
  count: UseQueryResult<number, unknown>;
  /** The person's roles on the site make this their work. */
  shown: boolean;
  /** Past a deadline: shown in red. */
  urgent?: boolean;
}

const total = (page: { total: number }) => page.total;
const length = (rows: unknown[]) => rows.length;
/** Counts refresh every minute while the page is open; a count is a first page of one row. */
const live = { staleTime: 30_000, refetchInterval: 60_000 } as const;

/**
 * The signed-in person's open work on this site, one line per kind, each a link to where it is done:
 * what their roles let them act on (the API's own filters: owner, deadline, state), nothing else.
 */
export function MyDay() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteId = site.siteId;
  const clients = clientsAccess(site);
  const complaints = complaintAccess(site);
  const repair = repairAccess(site);
  const reservation = reservationAccess(site);

  const todos: Todo[] = [
    {
      key: 'approvals',
      label: t('home.todo.approvals'),
      shown: clients.staff,
      to: '/approvals',
      count: usePendingApprovalCount(siteId),
    },
    {
      key: 'clientFollowUps',
      label: t('home.todo.clientFollowUps'),
      shown: clients.consultant,
      to: '/client-attribution/follow-ups',
      urgent: true,
      count: useQuery({ ...listOverdueFollowUpsOptions({ query: { siteId, consultantId: me.id, pageSize: 1 } }), select: total, enabled: clients.consultant, ...live }),
    },
    {
      key: 'visitRegisters',
      label: t('home.todo.visitRegisters'),
      shown: clients.consultant,
      to: '/client-attribution',
      count: useQuery({ ...listUnrecordedVisitsOptions({ query: { siteId } }), select: length, enabled: clients.consultant, ...live }),
    },
    {
      key: 'complaintsBreached',
      label: t('home.todo.complaintsBreached'),
      shown: complaints.readsInbox,
      to: '/complaints',
      urgent: true,
      count: useQuery({ ...listComplaintsOptions({ query: { siteId, ownerId: me.id, breached: true, pageSize: 1 } }), select: total, enabled: complaints.readsInbox, ...live }),
    },
    {
      key: 'complaintsUnowned',
      label: t('home.todo.complaintsUnowned'),
      shown: complaints.readsInbox,
      to: '/complaints',
      count: useQuery({ ...listComplaintsOptions({ query: { siteId, ownerId: 'none', status: 'received', pageSize: 1 } }), select: total, enabled: complaints.readsInbox, ...live }),
    },
    {
      key: 'complaintCallsOverdue',
      label: t('home.todo.complaintCallsOverdue'),
      shown: complaints.supervises,
      to: '/complaints/follow-ups',
      urgent: true,
      count: useQuery({ ...listComplaintFollowUpsOptions({ query: { siteId, status: 'overdue', pageSize: 1 } }), select: total, enabled: complaints.supervises, ...live }),
    },
    {
      key: 'complaintCallsDue',
      label: t('home.todo.complaintCallsDue'),
      shown: complaints.supervises,
      to: '/complaints/follow-ups',
      count: useQuery({ ...listComplaintFollowUpsOptions({ query: { siteId, status: 'due', pageSize: 1 } }), select: total, enabled: complaints.supervises, ...live }),
    },
    {
      key: 'cashier',
      label: t('home.todo.cashier'),
      shown: reservation.cashier,
      to: '/reservation/cashier',
      count: useQuery({ ...listUnitOrdersOptions({ query: { siteId, atCashier: true, pageSize: 1 } }), select: total, enabled: reservation.cashier, ...live }),
    },
    {
      key: 'ticketsReceived',
      label: t('home.todo.ticketsReceived'),
      shown: repair.takesCalls,
      to: '/repair-orders/tickets',
      count: useQuery({ ...listRepairTicketsOptions({ query: { siteId, state: 'received', pageSize: 1 } }), select: total, enabled: repair.takesCalls, ...live }),
    },
    {
      key: 'repairAwaitingAnswer',
      label: t('home.todo.repairAwaitingAnswer'),
      shown: repair.advises,
      to: '/repair-orders/desk',
      count: useQuery({ ...listRepairOrdersOptions({ query: { siteId, awaitingAnswer: true, pageSize: 1 } }), select: total, enabled: repair.advises, ...live }),
    },
    {
      key: 'warrantyClaimsOpen',
      label: t('home.todo.warrantyClaimsOpen'),
      shown: repair.advises,
      to: '/repair-orders/warranty',
      count: useQuery({ ...listSiteWarrantyClaimsOptions({ query: { siteId, status: 'open', pageSize: 1 } }), select: total, enabled: repair.advises, ...live }),
    },
    {
      key: 'repairCallsDue',
      label: t('home.todo.repairCallsDue'),
      shown: repair.advises,
      to: '/repair-orders/desk',
      count: useQuery({ ...listRepairFollowUpsOptions({ query: { siteId, status: 'due', pageSize: 1 } }), select: total, enabled: repair.advises, ...live }),
    },
  ];
  const mine = todos.filter((d) => d.shown);
  const loading = mine.some((d) => d.count.isPending);
  const open = mine.filter((d) => (d.count.data ?? 0) > 0 || d.count.isError);

  return (
    <Card title={t('home.todo.title')} style={{ height: '100%' }} data-testid="my-day">
      {loading && open.length === 0 ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : open.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} />
      ) : (
        <List
          size="small"
          dataSource={open}
          renderItem={(d) => (
            <List.Item key={d.key} data-todo={d.key} extra={d.count.isError ? <Typography.Text type="danger">{t('home.todo.unavailable')}</Typography.Text> : <Badge count={d.count.data} overflowCount={999} color={d.urgent ? 'red' : 'blue'} />}>
              <Link to={d.to}>{d.label}</Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
