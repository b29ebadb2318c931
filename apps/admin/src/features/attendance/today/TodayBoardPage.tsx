import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Flex, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessOutRecordDto, DayDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { useUserDirectory } from '../../users/queries';
import { attendanceAccess } from '../access';
import { formatDay, siteClock, siteToday } from '../dates';
import { useSiteEvents } from '../live';
import { useBusinessOuts, useDays, usePolicyVersions, useStaffNames, versionOn } from '../queries';
import { STATUS_STYLE, StatusTag } from '../status';
import { CorrectionModal } from './CorrectionModal';
import { EveningMeetingModal } from './EveningMeetingModal';

/** Where each person stands today, in the words of the board. */
export const BOARD_GROUPS = ['at_work', 'late', 'not_arrived', 'upcoming', 'left', 'absent', 'on_leave', 'business_out', 'rest'] as const;
export type BoardGroup = (typeof BOARD_GROUPS)[number];

export function boardGroup(day: DayDto): BoardGroup {
  switch (day.status) {
    case 'at_work':
      return day.lateMinutes > 0 ? 'late' : 'at_work';
    case 'late':
    case 'late_and_early_leave':
      return 'late';
    case 'present':
    case 'early_leave':
      return 'left';
    case 'absent':
    case 'missing_punch':
      return 'absent';
    case 'not_arrived':
    case 'upcoming':
    case 'on_leave':
    case 'business_out':
    case 'rest':
      return day.status;
  }
}

const GROUP_COLOR: Record<BoardGroup, string> = {
  at_work: STATUS_STYLE.at_work.ink,
  late: STATUS_STYLE.late.ink,
  not_arrived: STATUS_STYLE.not_arrived.ink,
  upcoming: STATUS_STYLE.upcoming.ink,
  left: STATUS_STYLE.present.ink,
  absent: STATUS_STYLE.absent.ink,
  on_leave: STATUS_STYLE.on_leave.ink,
  business_out: STATUS_STYLE.business_out.ink,
  rest: STATUS_STYLE.rest.ink,
};

/** The groups counted at the top of the board, in the order a supervisor reads them. */
const HEADLINE: readonly (BoardGroup | 'clockedIn')[] = ['clockedIn', 'at_work', 'late', 'not_arrived', 'on_leave', 'business_out', 'rest'];

interface Row {
  userId: string;
  name: string;
  day: DayDto;
  group: BoardGroup;
}

/** Slow polling while the live stream is down; with the stream open the board refreshes on each event. */
const REFRESH_MS = 30_000;
/** Events that arrive together (a queue at the kiosk at 08:29) refresh the board once. */
const EVENT_BATCH_MS = 400;

/** Overseers: everyone of the site today — at work, late, not arrived, on leave, out, resting. Live. */
export function TodayBoardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { site, access: shell } = useCurrentSite();
  const access = attendanceAccess(site);
  const today = siteToday(site.timeZone);
  const queryClient = useQueryClient();
  const batch = useRef<number | null>(null);
  const live = useSiteEvents(site.siteId, (e) => {
    if (!e.type.startsWith('attendance.') || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void queryClient.invalidateQueries({ predicate: (q) => ['listAttendanceDays', 'listBusinessOuts'].includes((q.queryKey[0] as { _id?: string } | undefined)?._id ?? '') });
    }, EVENT_BATCH_MS);
  });
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);
  const polling = live === 'live' ? false : REFRESH_MS;
  const days = useDays({ siteId: site.siteId, from: today, to: today }, { refetchInterval: polling, refetchOnWindowFocus: true });
  const outs = useBusinessOuts({ siteId: site.siteId, from: today, to: today, pageSize: 100 }, { refetchInterval: polling });
  const staff = useStaffNames(site.siteId, today);
  const directory = useUserDirectory(shell.managesSite);
  const versions = usePolicyVersions(site.siteId);
  const policy = versionOn(versions.data, today)?.policy;
  const [filter, setFilter] = useState<BoardGroup | 'all'>('all');
  const [correcting, setCorrecting] = useState<Row | null>(null);
  const [meeting, setMeeting] = useState(false);

  const rows = useMemo<Row[]>(() => {
    const list = (days.data ?? []).flatMap((p) => {
      const day = p.days[0];
      if (!day) return [];
      const name = staff.names.get(p.userId) ?? directory.data?.get(p.userId)?.displayName ?? p.userId.slice(0, 8);
      return [{ userId: p.userId, name, day, group: boardGroup(day) }];
    });
    const order = (r: Row) => BOARD_GROUPS.indexOf(r.group);
    return list.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  }, [days.data, staff.names, directory.data]);

  const count = (g: BoardGroup | 'clockedIn') => (g === 'clockedIn' ? rows.filter((r) => r.day.firstIn).length : rows.filter((r) => r.group === g).length);
  const shown = filter === 'all' ? rows : rows.filter((r) => r.group === filter);

  const columns: TableColumnsType<Row> = [
    { title: t('attendance.today.person'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('attendance.today.shift'),
      key: 'shift',
      render: (_, r) => (r.day.scheduledStart ? `${siteClock(r.day.scheduledStart, site.timeZone)} – ${siteClock(r.day.scheduledEnd, site.timeZone)}` : t('common.none')),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={4}>
          <Tag color={GROUP_COLOR[r.group]} style={{ marginInlineEnd: 0 }}>
            {t(`attendance.today.groups.${r.group}`)}
          </Tag>
          {r.group !== r.day.status && r.day.status !== 'at_work' && <StatusTag status={r.day.status} />}
          {r.day.corrected && <Tag>{t('attendance.calendar.corrected')}</Tag>}
        </Space>
      ),
    },
    { title: t('attendance.today.in'), key: 'in', render: (_, r) => siteClock(r.day.firstIn, site.timeZone) },
    { title: t('attendance.today.out'), key: 'out', render: (_, r) => siteClock(r.day.lastOut, site.timeZone) },
    { title: t('attendance.today.lateMinutes'), key: 'late', align: 'right', render: (_, r) => (r.day.lateMinutes ? <Typography.Text type="warning">{r.day.lateMinutes}</Typography.Text> : '—') },
    { title: t('attendance.today.earlyMinutes'), key: 'early', align: 'right', render: (_, r) => (r.day.earlyMinutes ? <Typography.Text type="warning">{r.day.earlyMinutes}</Typography.Text> : '—') },
    {
      title: t('attendance.calendar.rules'),
      key: 'rules',
      render: (_, r) => (
        <Tooltip title={t('attendance.calendar.policyVersion', { version: r.day.policyVersion })}>
          <Space size={2} wrap>
            {r.day.ruleIds.map((id) => (
              <Tag key={id} variant="filled">
                {id}
              </Tag>
            ))}
          </Space>
        </Tooltip>
      ),
    },
    ...(access.manages
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Row) =>
              r.userId !== me.id &&
              r.day.scheduledStart && (
                <Button size="small" onClick={() => setCorrecting(r)}>
                  {t('attendance.correction.action')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space>
            {t('attendance.today.title', { date: formatDay(today, i18n.language) })}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {days.dataUpdatedAt ? t('attendance.today.updated', { time: siteClock(new Date(days.dataUpdatedAt).toISOString(), site.timeZone) }) : ''}
            </Typography.Text>
            <Tooltip title={t(`attendance.today.liveHint.${live}`)}>
              <Badge data-testid="board-live" data-live={live} status={live === 'live' ? 'processing' : live === 'polling' ? 'warning' : 'default'} text={t(`attendance.today.live.${live}`)} style={{ fontWeight: 'normal' }} />
            </Tooltip>
          </Space>
        }
        extra={
          <Space>
            {access.recordsMeeting && policy?.endExtendedByEveningMeeting && <Button onClick={() => setMeeting(true)}>{t('attendance.meeting.action')}</Button>}
            <Button icon={<ReloadOutlined spin={days.isFetching} />} onClick={() => void days.refetch()}>
              {t('attendance.today.refresh')}
            </Button>
          </Space>
        }
      >
        <Row gutter={[12, 12]}>
          {HEADLINE.map((g) => (
            <Col key={g} flex="1 1 140px">
              <Card
                size="small"
                hoverable={g !== 'clockedIn'}
                onClick={() => g !== 'clockedIn' && setFilter(filter === g ? 'all' : g)}
                style={{ borderColor: filter === g ? GROUP_COLOR[g as BoardGroup] : undefined }}
              >
                <Statistic
                  title={t(`attendance.today.groups.${g}`)}
                  value={count(g)}
                  loading={days.isPending}
                  styles={{ content: { color: g === 'clockedIn' ? undefined : GROUP_COLOR[g], fontWeight: 600 } }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        <Segmented<BoardGroup | 'all'>
          value={filter}
          onChange={setFilter}
          options={[{ value: 'all' as const, label: `${t('attendance.today.all')} ${rows.length}` }, ...BOARD_GROUPS.map((g) => ({ value: g, label: `${t(`attendance.today.groups.${g}`)} ${count(g)}` }))]}
          style={{ marginBottom: 16 }}
        />
        {days.isError ? (
          <LoadError problem={days.error} onRetry={() => void days.refetch()} />
        ) : (
          <Table<Row> rowKey="userId" size="middle" columns={columns} dataSource={shown} loading={days.isPending} locale={{ emptyText: t('attendance.today.empty') }} pagination={false} />
        )}
      </Card>
      <OutNow outs={outs.data?.items} loading={outs.isPending} timeZone={site.timeZone} names={staff.names} />
      {correcting && <CorrectionModal person={correcting} onClose={() => setCorrecting(null)} />}
      <EveningMeetingModal open={meeting} date={today} onClose={() => setMeeting(false)} />
    </Flex>
  );
}

/** ATT-10 the whereabouts board (员工去向牌): who is out on business today, where, and until when. */
function OutNow({ outs, loading, timeZone, names }: { outs?: BusinessOutRecordDto[]; loading: boolean; timeZone: string; names: Map<string, string> }) {
  const { t } = useTranslation();
  const now = Date.now();
  const today = (outs ?? []).filter((o) => !o.cancelledAt);
  const columns: TableColumnsType<BusinessOutRecordDto> = [
    { title: t('attendance.today.person'), key: 'person', render: (_, o) => <Typography.Text strong>{o.displayName || names.get(o.userId) || o.userId.slice(0, 8)}</Typography.Text> },
    { title: t('attendance.businessOut.whereabouts'), dataIndex: 'whereabouts' },
    { title: t('attendance.records.from'), dataIndex: 'from', render: (v: string) => siteClock(v, timeZone) },
    { title: t('attendance.records.to'), dataIndex: 'to', render: (v: string) => siteClock(v, timeZone) },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, o) =>
        new Date(o.from).getTime() <= now && now < new Date(o.to).getTime() ? (
          <Tag color="purple">{t('attendance.records.outNow')}</Tag>
        ) : new Date(o.from).getTime() > now ? (
          <Tag color="blue">{t('attendance.records.planned')}</Tag>
        ) : (
          <Tag>{t('attendance.records.back')}</Tag>
        ),
    },
  ];
  return (
    <Card title={t('attendance.today.whereabouts')} size="small">
      <Table<BusinessOutRecordDto> rowKey="id" size="small" columns={columns} dataSource={today} loading={loading} pagination={false} locale={{ emptyText: t('attendance.today.nobodyOut') }} />
    </Card>
  );
}
