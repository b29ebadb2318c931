import { Card, Select, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApprovalDto } from '../../api/generated';
import { shortId } from '../../shared/format';
import { JsonBlock } from '../../shared/ui/JsonBlock';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { AttendanceApprovalSummary, AttendanceApprovalType, isAttendanceApproval } from '../attendance/approval-summary';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { useUserDirectory } from '../users/queries';
import { APPROVAL_STATUSES, ApprovalStatusTag, DecideButtons, DecisionModal, type ApprovalStatus, type DecisionTarget } from './DecisionModal';
import { useApprovals } from './queries';

type Box = 'decide' | 'mine';

const PAGE_SIZE = 20;

/** Where the console shows an approval's subject, when it has a page of its own. */
const SUBJECT_PAGES: Record<string, (id: string) => string> = {
  complaint: (id) => `/complaints/${id}`,
  customer: (id) => `/client-attribution/customers/${id}`,
};

function ApprovalTypeTag({ type }: { type: string }) {
  const { t, i18n } = useTranslation();
  const key = `approvals.types.${type.replace(/\./g, '_')}`;
  return <Tag>{i18n.exists(key) ? t(key as never) : type}</Tag>;
}

function ApprovalSubject({ approval }: { approval: ApprovalDto }) {
  const { t } = useTranslation();
  const page = SUBJECT_PAGES[approval.subjectType];
  const label = `${approval.subjectType} · ${shortId(approval.subjectId)}`;
  return page ? <Link to={page(approval.subjectId)}>{t('approvals.open')} {label}</Link> : <>{label}</>;
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  const { site, access } = useCurrentSite();
  const siteTime = useSiteTime();
  const [box, setBox] = useState<Box>('decide');
  const [status, setStatus] = useState<ApprovalStatus>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const approvals = useApprovals({ siteId: site.siteId, box, status, page, pageSize: PAGE_SIZE });
  const people = useUserDirectory(access.managesSite);

  const columns: TableColumnsType<ApprovalDto> = [
    { title: t('approvals.type'), dataIndex: 'type', render: (type: string) => (isAttendanceApproval(type) ? <AttendanceApprovalType type={type} /> : <ApprovalTypeTag type={type} />) },
    {
      title: t('approvals.subject'),
      key: 'subject',
      render: (_, a) => (isAttendanceApproval(a.type) ? <AttendanceApprovalSummary approval={{ ...a, type: a.type }} /> : <ApprovalSubject approval={a} />),
    },
    { title: t('approvals.requestedBy'), dataIndex: 'requestedBy', render: (id: string) => people.data?.get(id)?.displayName ?? shortId(id) },
    { title: t('approvals.requestedAt'), dataIndex: 'requestedAt', render: siteTime },
    { title: t('approvals.approverRole'), dataIndex: 'approverRole', render: (role: ApprovalDto['approverRole']) => t(`roles.${role}`) },
    { title: t('common.status'), dataIndex: 'status', render: (s: ApprovalStatus) => <ApprovalStatusTag status={s} /> },
    { title: t('approvals.decidedAt'), dataIndex: 'decidedAt', render: siteTime },
    { title: t('approvals.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? t('common.none') },
  ];
  if (box === 'decide' && status === 'pending') {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, approval) => <DecideButtons approval={approval} onDecide={setDeciding} />,
    });
  }

  return (
    <>
      <PageTitle title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <Card>
        <Tabs
          activeKey={box}
          onChange={(key) => {
            setBox(key as Box);
            setPage(1);
          }}
          items={[
            { key: 'decide', label: t('approvals.boxDecide') },
            { key: 'mine', label: t('approvals.boxMine') },
          ]}
          tabBarExtraContent={
            <Select<ApprovalStatus>
              aria-label={t('common.status')}
              value={status}
              onChange={(s) => {
                setStatus(s);
                setPage(1);
              }}
              options={APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`approvals.status.${s}`) }))}
              style={{ width: 140 }}
            />
          }
        />
        {approvals.isError ? (
          <LoadError problem={approvals.error} onRetry={() => void approvals.refetch()} />
        ) : (
          <Table<ApprovalDto>
            rowKey="id"
            columns={columns}
            dataSource={approvals.data?.items}
            loading={approvals.isFetching}
            locale={{ emptyText: t('approvals.empty') }}
            expandable={{ expandedRowRender: (a) => <JsonBlock value={a.payload} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: approvals.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      <DecisionModal target={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
