import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Input, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { localDate } from '@sitedesk/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConsultantFiguresDto, DailyWorkStatusDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { ClientsProblem } from '../problems';
import { useDailyFilings, useDailyWork, useFileDailyWork, useJudgeDailyWork } from '../queries';
import { yuan } from '../shared';

/** The day's figures of one consultant (CA-19): calls, visits, follow-ups, deals, and what they cost. */
function Figures({ f }: { f: ConsultantFiguresDto }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 2, md: 4 }}
      items={[
        { key: 'calls', label: t('clients.daily.callRecords'), children: f.callRecords },
        { key: 'visits', label: t('clients.daily.visitRecords'), children: f.visitRecords },
        { key: 'followUps', label: t('clients.reports.figures.followUps'), children: f.followUps },
        { key: 'deals', label: t('clients.reports.figures.deals'), children: f.deals },
        { key: 'missed', label: t('clients.reports.missed'), children: f.missedFollowUps },
        { key: 'late', label: t('clients.reports.figures.lateEntries'), children: f.lateEntries },
        { key: 'fines', label: t('clients.reports.fines'), children: yuan(f.finesFen) },
      ]}
    />
  );
}

/** One consultant's report of a day, with the follow-ups still due (the report is complete when none is left). */
function DayReport({ date, consultantId, canFile }: { date: string; consultantId?: string; canFile: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const report = useDailyWork({ siteId: site.siteId, date, ...(consultantId ? { consultantId } : {}) });
  const file = useFileDailyWork();
  const [note, setNote] = useState('');
  if (report.isError) return <LoadError problem={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Card loading />;
  const r = report.data;
  return (
    <Flex vertical gap={12}>
      <Figures f={r.figures} />
      {r.followUpsOutstanding.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('clients.daily.outstanding', { count: r.followUpsOutstanding.length })}
          description={
            <List
              size="small"
              dataSource={r.followUpsOutstanding}
              renderItem={(d) => (
                <List.Item>
                  <Link to={`/client-attribution/customers/${d.customerId}`}>{d.customerName}</Link>
                  <Typography.Text type="secondary">{siteTime(d.dueAt)}</Typography.Text>
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('clients.daily.complete')} />
      )}
      {canFile && (
        <>
          <ClientsProblem problem={file.error} />
          <Space.Compact style={{ maxWidth: 640 }}>
            <Input placeholder={t('clients.daily.notePlaceholder')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
            <Button
              type="primary"
              loading={file.isPending}
              onClick={() =>
                file.mutate(
                  { body: { siteId: site.siteId, ...(note.trim() ? { note: note.trim() } : {}) } },
                  {
                    onSuccess: () => {
                      void message.success(t('clients.daily.filed'));
                      setNote('');
                    },
                  },
                )
              }
            >
              {t('clients.daily.file')}
            </Button>
          </Space.Compact>
        </>
      )}
    </Flex>
  );
}

/** CA-19 (002 篇七): the supervisor finds a filed report false (a day's absence) or unfinished (half a day), with a reason. */
function Judge({ filing }: { filing: NonNullable<DailyWorkStatusDto['filing']> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const judge = useJudgeDailyWork();
  const [reason, setReason] = useState('');
  if (filing.verdict) return <Tag color="volcano">{t(`clients.daily.verdicts.${filing.verdict}`)}</Tag>;
  const send = (verdict: 'false' | 'unfinished') =>
    judge.mutate({ path: { id: filing.id }, body: { siteId: site.siteId, verdict, reason } }, { onSuccess: () => void message.success(t('clients.daily.judged')) });
  return (
    <Space direction="vertical" size={4}>
      <ClientsProblem problem={judge.error} />
      <Space.Compact>
        <Input size="small" aria-label={t('clients.daily.judgeReason')} placeholder={t('clients.daily.judgeReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        <Button size="small" danger disabled={!reason.trim()} loading={judge.isPending} onClick={() => send('unfinished')}>
          {t('clients.daily.judgeUnfinished')}
        </Button>
        <Button size="small" danger disabled={!reason.trim()} loading={judge.isPending} onClick={() => send('false')}>
          {t('clients.daily.judgeFalse')}
        </Button>
      </Space.Compact>
    </Space>
  );
}

/** CA-19: the daily work report — consultants file theirs before leaving; supervisors see who filed and who did not. */
export function DailyWorkPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const today = localDate(new Date(), site.timeZone);
  const [date, setDate] = useState(today);
  const filings = useDailyFilings(site.siteId, date, access.overseer);
  const columns: TableColumnsType<DailyWorkStatusDto> = [
    { title: t('clients.reports.consultant'), dataIndex: 'displayName' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string, r) =>
        s === 'filed' ? <Tag color="green">{t('clients.daily.filedAt', { time: siteTime(r.filing?.filedAt) })}</Tag> : <Tag color="red">{t('clients.daily.notFiled')}</Tag>,
    },
    { title: t('clients.daily.note'), key: 'note', render: (_, r) => r.filing?.note ?? t('common.none') },
    { title: t('clients.daily.verdict'), key: 'verdict', render: (_, r) => (r.filing ? <Judge filing={r.filing} /> : t('common.none')) },
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Space>
          <DatePicker aria-label={t('clients.reports.date')} allowClear={false} value={dayjs(date)} disabledDate={(d) => d.format('YYYY-MM-DD') > today} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          <Typography.Text type="secondary">{t('clients.daily.hint')}</Typography.Text>
        </Space>
      </Card>
      {access.consultant && (
        <Card title={t('clients.daily.mine')}>
          <DayReport date={date} canFile={date === today} />
        </Card>
      )}
      {access.overseer && (
        <Card title={t('clients.daily.filings')}>
          {filings.isError ? (
            <LoadError problem={filings.error} onRetry={() => void filings.refetch()} />
          ) : (
            <Table<DailyWorkStatusDto>
              rowKey="consultantId"
              size="middle"
              columns={columns}
              dataSource={filings.data}
              loading={filings.isFetching}
              pagination={false}
              expandable={{ expandedRowRender: (r) => <DayReport date={date} consultantId={r.consultantId} canFile={false} /> }}
              locale={{ emptyText: t('clients.rotation.noConsultants') }}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}
