import { Button, Empty, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FollowUpTaskDto, ListComplaintFollowUpsData } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { CommandModal } from '../detail/CommandModal';
import { useComplaint, useComplaintPolicy, useFollowUpCalls } from '../queries';
import { FollowUpCallModal, type CallTarget } from './FollowUpCallModal';

type Status = NonNullable<ListComplaintFollowUpsData['query']['status']>;
const STATUSES: readonly Status[] = ['open', 'due', 'overdue', 'planned', 'done'];
const STATUS_COLOR: Record<FollowUpTaskDto['status'], string> = { planned: 'blue', due: 'orange', overdue: 'red', done: 'green', dropped: 'default' };
const PAGE_SIZE = 20;

/**
 * CMP-7: the follow-up calls to make (回访), planned, due or overdue (read now), and the ones done; the
 * call screen with its script (CMP-10: a low score or "not solved" reopens), or a later time the
 * customer books (outside rest hours).
 */
export function FollowUpCallsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const policy = useComplaintPolicy(site.siteId);
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const [calling, setCalling] = useState<CallTarget | null>(null);
  const [booking, setBooking] = useState<string | null>(null);
  const calls = useFollowUpCalls({ siteId: site.siteId, status, page, pageSize: PAGE_SIZE }, 60_000);

  const columns: TableColumnsType<FollowUpTaskDto> = [
    {
      title: t('complaints.field.complainant'),
      key: 'who',
      render: (_, f) => (
        <Space>
          <Link to={`/complaints/${f.complaintId}`}>{f.complainantName}</Link>
          {f.importantCustomer && <Tag color="gold">{t('complaints.field.importantShort')}</Tag>}
        </Space>
      ),
    },
    { title: t('complaints.field.contact'), dataIndex: 'contact' },
    { title: t('complaints.calls.plannedAt'), dataIndex: 'plannedAt', render: siteTime },
    { title: t('complaints.calls.dueBy'), dataIndex: 'dueBy', render: siteTime },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, f) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[f.status]}>{t(`complaints.followUpStatus.${f.status}`)}</Tag>
          {f.bookedByCustomer && <Tag>{t('complaints.detail.booked')}</Tag>}
          {f.outsideWindow && <Tag color="orange">{t('complaints.detail.outsideWindow')}</Tag>}
          {f.reopened && <Tag color="magenta">{t('complaints.detail.callReopened')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('complaints.calls.result'),
      key: 'answers',
      render: (_, f) => (f.answers ? t('complaints.calls.score', { score: f.answers.score }) : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, f) =>
        f.status === 'done' || f.status === 'dropped' ? null : (
          <Space>
            <Button size="small" type="primary" onClick={() => setCalling({ complaintId: f.complaintId, complainantName: f.complainantName, contact: f.contact })}>
              {t('complaints.calls.call')}
            </Button>
            <Button size="small" onClick={() => setBooking(f.complaintId)}>
              {t('complaints.action.book_follow_up')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('common.status')}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`complaints.calls.filter.${s}`) }))}
          style={{ width: 160 }}
        />
      </Space>
      {calls.isError ? (
        <LoadError problem={calls.error} onRetry={() => void calls.refetch()} />
      ) : (
        <Table<FollowUpTaskDto>
          rowKey="id"
          size="middle"
          loading={calls.isPending}
          columns={columns}
          dataSource={calls.data?.items}
          locale={{ emptyText: <Empty description={status === 'done' ? t('complaints.calls.emptyDone') : t('complaints.calls.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: calls.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
        />
      )}
      <FollowUpCallModal
        target={calling}
        lowScoreAtMost={policy.data?.policy.followUp.lowScoreAtMost}
        onClose={() => setCalling(null)}
        onBookLater={() => {
          setBooking(calling?.complaintId ?? null);
          setCalling(null);
        }}
      />
      {booking && <BookModal id={booking} onClose={() => setBooking(null)} />}
    </>
  );
}

/** Books a later call on the complaint (its page's booking form, loaded for the complaint). */
function BookModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { site } = useCurrentSite();
  const complaint = useComplaint(id, false);
  const policy = useComplaintPolicy(site.siteId);
  if (!complaint.data) return null;
  return <CommandModal command="book_follow_up" complaint={complaint.data} policy={policy.data?.policy} staff={[]} onClose={onClose} />;
}
