import { ArrowRightOutlined, CalendarOutlined, CarOutlined, FieldTimeOutlined, MedicineBoxOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Popconfirm, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import type { Role } from '@sitedesk/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApprovalDto, BusinessOutRecordDto, LeaveDto, SwapDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { TextModal } from '../../../shared/ui/TextModal';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { asWholeDays, formatDate, siteClock, siteToday } from '../dates';
import { attendanceProblemText } from '../problems';
import { CancelOutButton } from '../records/record-actions';
import { useAcceptSwap, useBusinessOuts, useCancelLeave, useDeclineSwap, useLeaveRequests, useMyMissedPunches, useStaffNames, useSubmitCertificate, useSwaps } from '../queries';
import { CertificateState } from '../certificate-state';
import { BusinessOutModal } from './BusinessOutModal';
import { LeaveModal } from './LeaveModal';
import { MissedPunchModal } from './MissedPunchModal';
import { SwapModal } from './SwapModal';

type LeaveType = LeaveDto['type'];
type Box = 'leave' | 'swaps' | 'missed' | 'outs';

export const REQUEST_STATUS_COLOR: Record<string, string> = {
  pending: 'gold',
  awaiting_colleague: 'gold',
  awaiting_manager: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};
export const LEAVE_COLOR: Record<LeaveType, string> = { personal: 'blue', annual: 'cyan', sick: 'magenta' };

/** My leave, sick reports, swaps and missed punches: ask, follow, withdraw. Decisions happen in Approvals. */
export function MyRequests() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const [box, setBox] = useState<Box>('leave');
  const [leaveType, setLeaveType] = useState<LeaveType | null>(null);
  const [swapping, setSwapping] = useState(false);
  const [missing, setMissing] = useState(false);
  const [goingOut, setGoingOut] = useState(false);
  const leave = useLeaveRequests(site.siteId, me.id);
  const swaps = useSwaps(site.siteId, me.id);
  const missed = useMyMissedPunches(site.siteId);
  const outs = useBusinessOuts({ siteId: site.siteId, userId: me.id, pageSize: 50 });
  const waitingForMe = swaps.data?.items.filter((s) => s.colleagueId === me.id && s.status === 'awaiting_colleague').length ?? 0;

  return (
    <Card
      title={t('attendance.requests.title')}
      extra={
        <Space wrap>
          <Button type="primary" icon={<CalendarOutlined />} onClick={() => setLeaveType('annual')}>
            {t('attendance.requests.askLeave')}
          </Button>
          <Button icon={<MedicineBoxOutlined />} onClick={() => setLeaveType('sick')}>
            {t('attendance.requests.reportSick')}
          </Button>
          <Button icon={<SwapOutlined />} onClick={() => setSwapping(true)}>
            {t('attendance.requests.askSwap')}
          </Button>
          <Button icon={<FieldTimeOutlined />} onClick={() => setMissing(true)}>
            {t('attendance.requests.missedPunch')}
          </Button>
          <Button icon={<CarOutlined />} onClick={() => setGoingOut(true)}>
            {t('attendance.requests.businessOut')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={box}
        onChange={(k) => setBox(k as Box)}
        items={[
          { key: 'leave', label: t('attendance.requests.leaveTab'), children: leave.isError ? <LoadError problem={leave.error} onRetry={() => void leave.refetch()} /> : <LeaveTable items={leave.data?.items} loading={leave.isFetching} /> },
          {
            key: 'swaps',
            label: (
              <Badge count={waitingForMe} size="small" offset={[8, -2]}>
                {t('attendance.requests.swapsTab')}
              </Badge>
            ),
            children: swaps.isError ? <LoadError problem={swaps.error} onRetry={() => void swaps.refetch()} /> : <SwapTable items={swaps.data?.items} loading={swaps.isFetching} />,
          },
          { key: 'missed', label: t('attendance.requests.missedTab'), children: missed.isError ? <LoadError problem={missed.error} onRetry={() => void missed.refetch()} /> : <MissedTable items={missed.data} loading={missed.isFetching} /> },
          { key: 'outs', label: t('attendance.requests.outsTab'), children: outs.isError ? <LoadError problem={outs.error} onRetry={() => void outs.refetch()} /> : <OutsTable items={outs.data?.items} loading={outs.isFetching} /> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('attendance.requests.approvalsHint')}{' '}
        <Link to="/approvals">
          {t('nav.approvals')} <ArrowRightOutlined />
        </Link>
      </Typography.Paragraph>
      <LeaveModal open={leaveType !== null} type={leaveType ?? 'annual'} onClose={() => setLeaveType(null)} />
      <SwapModal open={swapping} onClose={() => setSwapping(false)} />
      <MissedPunchModal open={missing} onClose={() => setMissing(false)} />
      <BusinessOutModal open={goingOut} onClose={() => setGoingOut(false)} />
    </Card>
  );
}

/** "05/20 – 05/21" for whole days, "05/20 09:00 – 12:00" for part of a day, in the site's time. */
export function LeavePeriod({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const days = asWholeDays(from, to, site.timeZone);
  if (days) {
    const count = Math.round((new Date(`${days.last}T00:00:00Z`).getTime() - new Date(`${days.first}T00:00:00Z`).getTime()) / 86_400_000) + 1;
    return (
      <span>
        {formatDate(days.first, i18n.language)}
        {days.last !== days.first && ` – ${formatDate(days.last, i18n.language)}`} <Typography.Text type="secondary">({t('attendance.units.dayCount', { count })})</Typography.Text>
      </span>
    );
  }
  return (
    <span>
      {siteTime(from)} – {siteClock(to, site.timeZone)}
    </span>
  );
}

function LeaveTable({ items, loading }: { items?: LeaveDto[]; loading: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const siteTime = useSiteTime();
  const cancel = useCancelLeave();
  const submit = useSubmitCertificate();
  const [handingIn, setHandingIn] = useState<LeaveDto | null>(null);
  const now = Date.now();
  const columns: TableColumnsType<LeaveDto> = [
    {
      title: t('attendance.leave.type'),
      dataIndex: 'type',
      width: 120,
      render: (type: LeaveType, l) => (
        <Space size={4}>
          <Tag color={LEAVE_COLOR[type]}>{t(`attendance.leaveTypes.${type}`)}</Tag>
          {l.emergency && <Tag color="red">{t('attendance.leave.emergencyTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('attendance.leave.period'), key: 'period', render: (_, l) => <LeavePeriod from={l.from} to={l.to} /> },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 260,
      render: (status: LeaveDto['status'], l) => (
        <Space size={4} wrap>
          <Tag color={REQUEST_STATUS_COLOR[status]}>{t(`attendance.requestStatus.${status}`)}</Tag>
          {status === 'pending' && l.approvalSteps.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('attendance.leave.thenApprovedBy', { roles: l.approvalSteps.map((r) => t(`roles.${r as Role}`)).join(' → ') })}
            </Typography.Text>
          )}
          <CertificateState leave={l} />
        </Space>
      ),
    },
    { title: t('attendance.requests.requestedAt'), dataIndex: 'requestedAt', width: 160, render: siteTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, l) =>
        l.certificate === 'certificate_due' || l.certificate === 'awaiting_return' ? (
          <Button size="small" onClick={() => setHandingIn(l)}>
            {t('attendance.certificate.handIn')}
          </Button>
        ) : (
          (l.status === 'pending' || (l.status === 'approved' && new Date(l.from).getTime() > now)) && (
          <Popconfirm
            title={t('attendance.leave.cancelConfirm')}
            okText={t('attendance.leave.cancel')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              cancel.mutate(
                { path: { id: l.id } },
                { onSuccess: () => void message.success(t('attendance.leave.cancelled')), onError: (p) => void message.error(attendanceProblemText(p, t)) },
              )
            }
          >
            <Button size="small" danger>
              {t('attendance.leave.cancel')}
            </Button>
          </Popconfirm>
          )
        ),
    },
  ];
  return (
    <>
      <Table<LeaveDto> rowKey="id" size="middle" columns={columns} dataSource={items} loading={loading} locale={{ emptyText: t('attendance.requests.noLeave') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      <TextModal
        open={handingIn !== null}
        title={t('attendance.certificate.handInTitle')}
        label={t('attendance.certificate.note')}
        placeholder={t('attendance.certificate.notePlaceholder')}
        okText={t('attendance.certificate.handIn')}
        pending={submit.isPending}
        problem={submit.error}
        onCancel={() => {
          submit.reset();
          setHandingIn(null);
        }}
        onSubmit={(note) =>
          handingIn &&
          submit.mutate(
            { path: { id: handingIn.id }, body: note ? { note } : {} },
            {
              onSuccess: () => {
                void message.success(t('attendance.certificate.handedIn'));
                setHandingIn(null);
              },
            },
          )
        }
      />
    </>
  );
}

function SwapTable({ items, loading }: { items?: SwapDto[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const { names } = useStaffNames(site.siteId, siteToday(site.timeZone));
  const accept = useAcceptSwap();
  const decline = useDeclineSwap();
  const done = (text: string) => ({ onSuccess: () => void message.success(text), onError: (p: Parameters<typeof attendanceProblemText>[0]) => void message.error(attendanceProblemText(p, t)) });
  const columns: TableColumnsType<SwapDto> = [
    {
      title: t('attendance.swap.with'),
      key: 'with',
      render: (_, s) => {
        const other = s.requesterId === me.id ? s.colleagueId : s.requesterId;
        return (
          <Space size={4}>
            {names.get(other) ?? other.slice(0, 8)}
            <Tag>{s.requesterId === me.id ? t('attendance.swap.iAsked') : t('attendance.swap.askedMe')}</Tag>
          </Space>
        );
      },
    },
    { title: t('attendance.swap.myDate'), key: 'mine', render: (_, s) => formatDate(s.requesterId === me.id ? s.requesterDate : s.colleagueDate, i18n.language) },
    { title: t('attendance.swap.theirDate'), key: 'theirs', render: (_, s) => formatDate(s.requesterId === me.id ? s.colleagueDate : s.requesterDate, i18n.language) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', render: (status: SwapDto['status']) => <Tag color={REQUEST_STATUS_COLOR[status]}>{t(`attendance.swapStatus.${status}`)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) =>
        s.colleagueId === me.id &&
        s.status === 'awaiting_colleague' && (
          <Space>
            <Button size="small" type="primary" loading={accept.isPending} onClick={() => accept.mutate({ path: { id: s.id } }, done(t('attendance.swap.accepted')))}>
              {t('attendance.swap.accept')}
            </Button>
            <Button size="small" danger loading={decline.isPending} onClick={() => decline.mutate({ path: { id: s.id } }, done(t('attendance.swap.declined')))}>
              {t('attendance.swap.decline')}
            </Button>
          </Space>
        ),
    },
  ];
  return <Table<SwapDto> rowKey="id" size="middle" columns={columns} dataSource={items} loading={loading} locale={{ emptyText: t('attendance.requests.noSwaps') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />;
}

function MissedTable({ items, loading }: { items?: ApprovalDto[]; loading: boolean }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  const columns: TableColumnsType<ApprovalDto> = [
    { title: t('attendance.missed.kind'), key: 'kind', render: (_, a) => t(`attendance.punchKinds.${(a.payload.kind as 'in' | 'out') ?? 'in'}`) },
    { title: t('attendance.missed.at'), key: 'at', render: (_, a) => siteTime(a.payload.at as string) },
    { title: t('attendance.leave.reason'), key: 'reason', ellipsis: true, render: (_, a) => String(a.payload.reason ?? '') },
    { title: t('common.status'), dataIndex: 'status', render: (status: ApprovalDto['status']) => <Tag color={REQUEST_STATUS_COLOR[status]}>{t(`attendance.requestStatus.${status}`)}</Tag> },
    { title: t('approvals.approverRole'), dataIndex: 'approverRole', render: (role: ApprovalDto['approverRole']) => t(`roles.${role}`) },
    { title: t('approvals.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? t('common.none') },
  ];
  return (
    <Flex vertical>
      <Table<ApprovalDto> rowKey="id" size="middle" columns={columns} dataSource={items} loading={loading} locale={{ emptyText: t('attendance.requests.noMissed') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
    </Flex>
  );
}

/** ATT-10: my business outs (the whereabouts board); one that has not begun may be cancelled. */
function OutsTable({ items, loading }: { items?: BusinessOutRecordDto[]; loading: boolean }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const columns: TableColumnsType<BusinessOutRecordDto> = [
    { title: t('attendance.records.from'), dataIndex: 'from', render: siteTime },
    { title: t('attendance.records.to'), dataIndex: 'to', render: (v: string) => siteClock(v, site.timeZone) },
    { title: t('attendance.businessOut.whereabouts'), dataIndex: 'whereabouts', ellipsis: true },
    { title: t('common.status'), key: 'status', render: (_, o) => (o.cancelledAt ? <Tag>{t('attendance.records.cancelled')}</Tag> : null) },
    { title: t('common.actions'), key: 'actions', render: (_, o) => <CancelOutButton out={o} manages={false} /> },
  ];
  return <Table<BusinessOutRecordDto> rowKey="id" size="middle" columns={columns} dataSource={items} loading={loading} locale={{ emptyText: t('attendance.requests.noOuts') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />;
}
