import { AlertOutlined, CarOutlined, CoffeeOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessOutRecordDto, EveningMeetingRecordDto, IncidentRecordDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { attendanceAccess } from '../access';
import { addMonths, formatDate, monthBounds, monthOf, siteClock, siteToday, type PickedDate } from '../dates';
import { BusinessOutModal } from '../my/BusinessOutModal';
import { useBusinessOuts, useEveningMeetings, useIncidents, useStaffNames } from '../queries';
import { EveningMeetingModal } from '../today/EveningMeetingModal';
import { IncidentModal } from './IncidentModal';
import { CancelOutButton, VoidIncidentButton } from './record-actions';

type Box = 'outs' | 'incidents' | 'meetings';
const PAGE_SIZE = 20;

/**
 * Overseers: the site's business outs (the whereabouts board, ATT-10), recorded incidents (ATT-6 left
 * the post, ATT-9 swap without approval) and evening meetings (ATT-1), filtered by person and dates,
 * with the forms to register them.
 */
export function RecordsPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const access = attendanceAccess(site);
  const siteTime = useSiteTime();
  const today = siteToday(site.timeZone);
  const staff = useStaffNames(site.siteId, today);
  const [box, setBox] = useState<Box>('outs');
  const [userId, setUserId] = useState<string | undefined>();
  // Default: from the first of last month to the end of this one.
  const [range, setRange] = useState<{ from: string; to: string }>({ from: monthBounds(addMonths(monthOf(today), -1)).from, to: monthBounds(monthOf(today)).to });
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<'out' | 'incident' | 'meeting' | null>(null);
  const filter = { siteId: site.siteId, from: range.from, to: range.to, page, pageSize: PAGE_SIZE };
  const outs = useBusinessOuts({ ...filter, userId });
  const incidents = useIncidents({ ...filter, userId });
  const meetings = useEveningMeetings(filter);
  const name = (id: string, fallback: string) => fallback || staff.names.get(id) || id.slice(0, 8);
  const pagination = (total?: number) => ({ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (count: number) => t('common.total', { count }), hideOnSinglePage: true });

  const outColumns: TableColumnsType<BusinessOutRecordDto> = [
    { title: t('attendance.records.person'), key: 'person', render: (_, r) => <Typography.Text strong>{name(r.userId, r.displayName)}</Typography.Text> },
    { title: t('attendance.records.from'), dataIndex: 'from', render: siteTime },
    { title: t('attendance.records.to'), dataIndex: 'to', render: (to: string) => siteClock(to, site.timeZone) },
    { title: t('attendance.businessOut.whereabouts'), dataIndex: 'whereabouts' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) => {
        const now = Date.now();
        if (r.cancelledAt) return <Tag>{t('attendance.records.cancelled')}</Tag>;
        if (new Date(r.from).getTime() <= now && now < new Date(r.to).getTime()) return <Tag color="purple">{t('attendance.records.outNow')}</Tag>;
        return new Date(r.from).getTime() > now ? <Tag color="blue">{t('attendance.records.planned')}</Tag> : <Tag color="default">{t('attendance.records.back')}</Tag>;
      },
    },
    { title: t('attendance.records.registeredAt'), dataIndex: 'createdAt', render: siteTime },
    { title: t('common.actions'), key: 'actions', render: (_, r) => <CancelOutButton out={r} manages={access.manages} /> },
  ];
  const incidentColumns: TableColumnsType<IncidentRecordDto> = [
    { title: t('attendance.records.person'), key: 'person', render: (_, r) => <Typography.Text strong>{name(r.userId, r.displayName)}</Typography.Text> },
    { title: t('attendance.leave.day'), dataIndex: 'date', render: (d: string) => formatDate(d, i18n.language) },
    {
      title: t('attendance.records.kind'),
      dataIndex: 'kind',
      render: (k: IncidentRecordDto['kind']) => (
        <Space size={4}>
          <Tag color="red">{t(`attendance.records.kinds.${k}`)}</Tag>
          <Tag variant="filled">{k === 'unapproved_swap' ? 'ATT-9' : 'ATT-6'}</Tag>
        </Space>
      ),
    },
    { title: t('attendance.records.note'), dataIndex: 'note', ellipsis: true },
    { title: t('attendance.records.recordedBy'), key: 'by', render: (_, r) => name(r.recordedBy, r.recordedByName) },
    { title: t('attendance.records.recordedAt'), dataIndex: 'createdAt', render: siteTime },
    ...(access.manages ? ([{ title: t('common.actions'), key: 'actions', render: (_, r) => <VoidIncidentButton incident={r} /> }] as TableColumnsType<IncidentRecordDto>) : []),
  ];
  const meetingColumns: TableColumnsType<EveningMeetingRecordDto> = [
    { title: t('attendance.leave.day'), dataIndex: 'date', render: (d: string) => formatDate(d, i18n.language) },
    { title: t('attendance.meeting.endedAt'), dataIndex: 'endedAt', render: (e: string) => siteClock(e, site.timeZone) },
    { title: t('attendance.records.recordedBy'), key: 'by', render: (_, r) => name(r.recordedBy, r.recordedByName) },
  ];

  const table = () => {
    if (box === 'outs')
      return outs.isError ? (
        <LoadError problem={outs.error} onRetry={() => void outs.refetch()} />
      ) : (
        <Table<BusinessOutRecordDto> rowKey="id" size="middle" columns={outColumns} dataSource={outs.data?.items} loading={outs.isFetching} locale={{ emptyText: t('attendance.records.noOuts') }} pagination={pagination(outs.data?.total)} />
      );
    if (box === 'incidents')
      return incidents.isError ? (
        <LoadError problem={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : (
        <Table<IncidentRecordDto> rowKey="id" size="middle" columns={incidentColumns} dataSource={incidents.data?.items} loading={incidents.isFetching} locale={{ emptyText: t('attendance.records.noIncidents') }} pagination={pagination(incidents.data?.total)} />
      );
    return meetings.isError ? (
      <LoadError problem={meetings.error} onRetry={() => void meetings.refetch()} />
    ) : (
      <Table<EveningMeetingRecordDto> rowKey="date" size="middle" columns={meetingColumns} dataSource={meetings.data?.items} loading={meetings.isFetching} locale={{ emptyText: t('attendance.records.noMeetings') }} pagination={pagination(meetings.data?.total)} />
    );
  };

  return (
    <Card
      title={t('attendance.records.title')}
      extra={
        <Space wrap>
          {access.manages && (
            <Button icon={<CarOutlined />} onClick={() => setDialog('out')}>
              {t('attendance.records.registerOut')}
            </Button>
          )}
          {access.manages && (
            <Button icon={<AlertOutlined />} onClick={() => setDialog('incident')}>
              {t('attendance.records.recordIncident')}
            </Button>
          )}
          {access.recordsMeeting && (
            <Button icon={<CoffeeOutlined />} onClick={() => setDialog('meeting')}>
              {t('attendance.meeting.action')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={box}
        onChange={(k) => {
          setBox(k as Box);
          setPage(1);
        }}
        items={[
          { key: 'outs', label: t('attendance.records.outsTab') },
          { key: 'incidents', label: t('attendance.records.incidentsTab') },
          { key: 'meetings', label: t('attendance.records.meetingsTab') },
        ]}
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        {box !== 'meetings' && (
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
        <DatePicker.RangePicker
          allowClear={false}
          onChange={(v) => {
            const [a, b] = (v ?? []) as [PickedDate | null, PickedDate | null];
            if (a && b) {
              setRange({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              setPage(1);
            }
          }}
          value={[dayjs(range.from), dayjs(range.to)]}
          aria-label={t('attendance.records.dates')}
        />
      </Flex>
      {table()}
      <BusinessOutModal open={dialog === 'out'} forOthers onClose={() => setDialog(null)} />
      <IncidentModal open={dialog === 'incident'} onClose={() => setDialog(null)} />
      <EveningMeetingModal open={dialog === 'meeting'} date={today} onClose={() => setDialog(null)} />
    </Card>
  );
}
