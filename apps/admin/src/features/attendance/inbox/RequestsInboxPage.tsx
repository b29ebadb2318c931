import { App, Badge, Button, Card, Flex, Popconfirm, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto, DecisionDto, LeaveDto, SwapDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { DecideButtons, DecisionModal } from '../../approvals/DecisionModal';
import { useApprovals } from '../../approvals/queries';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { attendanceAccess } from '../access';
import { AttendanceApprovalSummary } from '../approval-summary';
import { formatDate, siteToday } from '../dates';
import { LEAVE_COLOR, LeavePeriod, REQUEST_STATUS_COLOR } from '../my/MyRequests';
import { attendanceProblemText } from '../problems';
import { useInvalidateAttendance, useLeaveRequests, useRecordCertificate, useStaffNames, useSwaps } from '../queries';
import { CertificateState } from '../certificate-state';

type Box = 'leave' | 'swaps' | 'missed' | 'certificates';
type Status = 'pending' | 'approved' | 'rejected' | 'cancelled';
const STATUSES: readonly Status[] = ['pending', 'approved', 'rejected', 'cancelled'];
const PAGE_SIZE = 20;
const APPROVAL_TYPE: Record<Box, string> = { leave: 'attendance.leave', swaps: 'attendance.swap', missed: 'attendance.missed_punch', certificates: 'attendance.certificate' };

/**
 * Supervisors, clerks and managers: the site's leave and sick reports, swaps and missed punches, with
 * status and person filters. What waits for the signed-in user is decided here through the platform's
 * approvals (GEN-6: never one's own); the clerk records medical certificates (ATT-8).
 */
export function RequestsInboxPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = attendanceAccess(site);
  const [box, setBox] = useState<Box>('leave');
  const [status, setStatus] = useState<Status>('pending');
  const [userId, setUserId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ approval: ApprovalDto; decision: DecisionDto['decision'] } | null>(null);
  const invalidate = useInvalidateAttendance();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const query = { page, pageSize: PAGE_SIZE, status, userId };
  const leave = useLeaveRequests(site.siteId, userId, query, box === 'leave');
  const swaps = useSwaps(site.siteId, userId, query, box === 'swaps');
  // What waits for me, by type: the rows of the lists get their approve / reject buttons from here.
  const waiting = useApprovals({ siteId: site.siteId, box: 'decide', status: 'pending', pageSize: 200 });
  // Missed punches and handed-in certificates exist only as approvals: those the signed-in user decides.
  const approvalBox = box === 'missed' || box === 'certificates';
  const missed = useApprovals({ siteId: site.siteId, box: 'decide', status, type: APPROVAL_TYPE[approvalBox ? box : 'missed'], page, pageSize: PAGE_SIZE });
  const pendingOf = useMemo(() => new Map((waiting.data?.items ?? []).map((a) => [`${a.type}|${a.subjectId}`, a])), [waiting.data]);
  const countOf = (type: string) => (waiting.data?.items ?? []).filter((a) => a.type === type).length;
  const nameOf = (id: string) => staff.names.get(id) ?? id.slice(0, 8);

  const decide = (type: string, subjectId: string) => {
    const approval = pendingOf.get(`${type}|${subjectId}`);
    return approval ? <DecideButtons approval={approval} onDecide={setDeciding} /> : null;
  };

  const leaveColumns: TableColumnsType<LeaveDto> = [
    { title: t('attendance.records.person'), dataIndex: 'userId', render: (id: string) => <Typography.Text strong>{nameOf(id)}</Typography.Text> },
    {
      title: t('attendance.leave.type'),
      dataIndex: 'type',
      render: (type: LeaveDto['type'], l) => (
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
      key: 'status',
      render: (_, l) => (
        <Space size={4} wrap>
          <Tag color={REQUEST_STATUS_COLOR[l.status]}>{t(`attendance.requestStatus.${l.status}`)}</Tag>
          {l.status === 'pending' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('attendance.inbox.waitingFor', { role: pendingRole(l, pendingOf, t) })}
            </Typography.Text>
          )}
          <CertificateState leave={l} />
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) => decide(APPROVAL_TYPE.leave, l.id) ?? decide(APPROVAL_TYPE.certificates, l.id) ?? <CertificateAction leave={l} canRecord={access.keepsRota} />,
    },
  ];

  const swapColumns: TableColumnsType<SwapDto> = [
    { title: t('attendance.inbox.requester'), dataIndex: 'requesterId', render: (id: string) => <Typography.Text strong>{nameOf(id)}</Typography.Text> },
    { title: t('attendance.inbox.colleague'), dataIndex: 'colleagueId', render: nameOf },
    { title: t('attendance.inbox.swapDays'), key: 'days', render: (_, s) => <SwapDays swap={s} /> },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', render: (s: SwapDto['status']) => <Tag color={REQUEST_STATUS_COLOR[s]}>{t(`attendance.swapStatus.${s}`)}</Tag> },
    { title: t('common.actions'), key: 'actions', render: (_, s) => decide(APPROVAL_TYPE.swaps, s.id) },
  ];

  const missedColumns: TableColumnsType<ApprovalDto> = [
    { title: t('attendance.records.person'), key: 'person', render: (_, a) => <Typography.Text strong>{a.requestedByName || nameOf(a.requestedBy)}</Typography.Text> },
    ...(box === 'missed'
      ? ([
          { title: t('attendance.missed.kind'), key: 'kind', render: (_, a) => t(`attendance.punchKinds.${a.payload.kind === 'out' ? 'out' : 'in'}`) },
          { title: t('attendance.missed.at'), key: 'at', render: (_, a) => <MissedAt iso={String(a.payload.at)} /> },
          { title: t('attendance.leave.reason'), key: 'reason', ellipsis: true, render: (_, a) => String(a.payload.reason ?? '') },
        ] as TableColumnsType<ApprovalDto>)
      : ([{ title: t('approvals.subject'), key: 'subject', render: (_, a) => <AttendanceApprovalSummary approval={{ ...a, type: 'attendance.certificate' }} /> }] as TableColumnsType<ApprovalDto>)),
    { title: t('common.status'), dataIndex: 'status', render: (s: ApprovalDto['status']) => <Tag color={REQUEST_STATUS_COLOR[s]}>{t(`attendance.requestStatus.${s}`)}</Tag> },
    { title: t('common.actions'), key: 'actions', render: (_, a) => (a.status === 'pending' ? <DecideButtons approval={a} onDecide={setDeciding} /> : null) },
  ];

  const tab = (key: Box, count: number) => (
    <Badge count={count} size="small" offset={[8, -2]}>
      {t(`attendance.inbox.tabs.${key}`)}
    </Badge>
  );

  return (
    <Card title={t('attendance.inbox.title')}>
      <Tabs
        activeKey={box}
        onChange={(k) => {
          setBox(k as Box);
          setPage(1);
        }}
        items={[
          { key: 'leave', label: tab('leave', countOf(APPROVAL_TYPE.leave)) },
          { key: 'swaps', label: tab('swaps', countOf(APPROVAL_TYPE.swaps)) },
          { key: 'missed', label: tab('missed', countOf(APPROVAL_TYPE.missed)) },
          { key: 'certificates', label: tab('certificates', countOf(APPROVAL_TYPE.certificates)) },
        ]}
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<Status>
          aria-label={t('common.status')}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`attendance.requestStatus.${s}`) }))}
          style={{ width: 140 }}
        />
        {!approvalBox && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('attendance.records.person')}
            placeholder={t('attendance.records.everyone')}
            value={userId}
            onChange={(v) => {
              setUserId(v);
              setPage(1);
            }}
            options={staff.people.map((p) => ({ value: p.userId, label: p.displayName }))}
            style={{ width: 200 }}
          />
        )}
      </Flex>
      {box === 'leave' &&
        (leave.isError ? (
          <LoadError problem={leave.error} onRetry={() => void leave.refetch()} />
        ) : (
          <Table<LeaveDto>
            rowKey="id"
            size="middle"
            columns={leaveColumns}
            dataSource={leave.data?.items}
            loading={leave.isFetching}
            locale={{ emptyText: t('attendance.inbox.noLeave') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: leave.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        ))}
      {box === 'swaps' &&
        (swaps.isError ? (
          <LoadError problem={swaps.error} onRetry={() => void swaps.refetch()} />
        ) : (
          <Table<SwapDto>
            rowKey="id"
            size="middle"
            columns={swapColumns}
            dataSource={swaps.data?.items}
            loading={swaps.isFetching}
            locale={{ emptyText: t('attendance.inbox.noSwaps') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: swaps.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        ))}
      {approvalBox &&
        (missed.isError ? (
          <LoadError problem={missed.error} onRetry={() => void missed.refetch()} />
        ) : (
          <Table<ApprovalDto>
            rowKey="id"
            size="middle"
            columns={missedColumns}
            dataSource={missed.data?.items}
            loading={missed.isFetching}
            locale={{ emptyText: t(box === 'missed' ? 'attendance.inbox.noMissed' : 'attendance.inbox.noCertificates') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: missed.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        ))}
      <DecisionModal
        target={deciding}
        onClose={() => {
          setDeciding(null);
          // The decision changes the request, the days and the month: refresh what attendance shows.
          void invalidate();
        }}
      />
    </Card>
  );
}

/** Whose decision a pending request waits for: yours (the buttons are on the row) or another approver's. */
function pendingRole(l: LeaveDto, pendingOf: Map<string, ApprovalDto>, t: TFunction) {
  return pendingOf.has(`attendance.leave|${l.id}`) ? t('attendance.inbox.you') : t('attendance.inbox.approver');
}


function SwapDays({ swap }: { swap: SwapDto }) {
  const { i18n } = useTranslation();
  return (
    <span>
      {formatDate(swap.requesterDate, i18n.language)} ⇄ {formatDate(swap.colleagueDate, i18n.language)}
    </span>
  );
}

function MissedAt({ iso }: { iso: string }) {
  const siteTime = useSiteTime();
  return <span>{siteTime(iso)}</span>;
}

/** ATT-8: the clerk (or a manager) records that the medical certificate arrived; never one's own (GEN-6). */
function CertificateAction({ leave, canRecord }: { leave: LeaveDto; canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const record = useRecordCertificate();
  if (!canRecord || leave.type !== 'sick' || leave.status !== 'approved' || leave.certificateAt || leave.userId === me.id) return null;
  return (
    <Popconfirm
      title={t('attendance.inbox.certificateConfirm')}
      okText={t('attendance.inbox.recordCertificate')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        record.mutate(
          { path: { id: leave.id }, body: {} },
          { onSuccess: () => void message.success(t('attendance.inbox.certificateRecorded')), onError: (p) => void message.error(attendanceProblemText(p, t)) },
        )
      }
    >
      <Button size="small" loading={record.isPending}>
        {t('attendance.inbox.recordCertificate')}
      </Button>
    </Popconfirm>
  );
}
