import { ImportOutlined, LoginOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { addDays, type LocalDate } from '@sitedesk/domain';
import { Alert, App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Segmented, Space, Steps, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveInAppointmentDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { formatDay, siteToday } from '../../attendance/dates';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { appointmentsAccess } from '../access';
import { DayPicker } from '../DayPicker';
import { REFRESH_MS, useAppointmentEvents } from '../live';
import { LiveBadge } from '../LiveBadge';
import { appointmentsProblemText } from '../problems';
import { useDesk, useLeaderDecision, useMoveInBoard, useRecordMissed } from '../queries';
import { CheckInModal } from './CheckInModal';
import { RescheduleModal } from './RescheduleModal';
import { ScheduleModal } from './ScheduleModal';
import { StepModal } from './StepModal';
import { MOVE_IN_STEPS, nextStep, STATUS_COLOR, type MoveInStep } from './steps';

type Filter = 'all' | 'scheduled' | 'waiting' | 'arrived' | 'missed' | 'done';
const FILTERS: readonly Filter[] = ['all', 'scheduled', 'waiting', 'arrived', 'missed', 'done'];
const inFilter = (a: MoveInAppointmentDto, f: Filter) => f === 'all' || (f === 'done' ? a.step === 'done' : f === 'arrived' ? a.status === 'arrived' && a.step !== 'done' : a.status === f);

/**
 * The move-in day (入住/收楼, RES-7, RES-8): the desk (never left empty), the slots with each group
 * leader's load, every owner with their status, the step of the visit and who holds the papers;
 * check-in, the group leader's decision for early and late owners, missed slots and new times, the
 * schedule for tomorrow (entered or imported). Live from `reservation.move_in` events.
 */
export function MoveInBoardPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const access = appointmentsAccess(site);
  const siteTime = useSiteTime();
  const today = siteToday(site.timeZone);
  const [date, setDate] = useState<LocalDate>(today);
  const [filter, setFilter] = useState<Filter>('all');
  const [dialog, setDialog] = useState<'schedule' | 'checkIn' | null>(null);
  const [stepping, setStepping] = useState<{ a: MoveInAppointmentDto; step: MoveInStep } | null>(null);
  const [rescheduling, setRescheduling] = useState<MoveInAppointmentDto | null>(null);
  const live = useAppointmentEvents(site.siteId, 'move_in');
  const board = useMoveInBoard(site.siteId, date, { refetchInterval: live === 'live' ? false : REFRESH_MS });
  const desk = useDesk();
  const decide = useLeaderDecision();
  const missed = useRecordMissed();
  const lines = useMemo(() => board.data?.appointments ?? [], [board.data]);
  const shown = lines.filter((a) => inFilter(a, filter));
  const atDesk = board.data?.desk.atDesk ?? [];
  const isToday = date === today;
  const fail = (p: Parameters<typeof appointmentsProblemText>[0]) => void message.error(appointmentsProblemText(p, t, i18n.language));
  const meAtDesk = atDesk.includes(me.displayName);

  const columns: TableColumnsType<MoveInAppointmentDto> = [
    { title: t('appointments.moveIn.time'), dataIndex: 'time', width: 80 },
    {
      title: t('appointments.moveIn.owner'),
      key: 'owner',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{a.ownerName}</Typography.Text>
          <Typography.Text type="secondary">
            {a.unitLabel} · {a.noticeNo}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('appointments.moveIn.leader'), dataIndex: 'leaderName' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[a.status]}>{t(`appointments.moveIn.status.${a.status as 'scheduled'}`)}</Tag>
          {a.arrival && a.arrival !== 'on_time' && <Tag color="orange">{t(`appointments.moveIn.arrival.${a.arrival as 'early'}`)}</Tag>}
          {a.checkedInVia === 'hall' && <Tag color="purple">{t('appointments.moveIn.viaHall')}</Tag>}
          {a.leaderDecision === 'take_now' && <Tag>{t('appointments.moveIn.takenByLeader')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('appointments.moveIn.step'),
      key: 'step',
      width: 360,
      render: (_, a) =>
        a.status === 'arrived' || a.step ? (
          <div data-testid={`step-${a.noticeNo}`} data-step={a.step ?? ''}>
            <Steps
              size="small"
              progressDot
              current={a.step ? MOVE_IN_STEPS.indexOf(a.step as MoveInStep) : -1}
              items={MOVE_IN_STEPS.map((s) => ({ title: <span style={{ fontSize: 12 }}>{t(`appointments.moveIn.steps.${s}`)}</span> }))}
            />
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('appointments.moveIn.papers'),
      key: 'papers',
      render: (_, a) => (a.papersHolderName ? <Tag color="geekblue">{a.papersHolderName}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => {
        const next = nextStep(a);
        const leads = a.leaderId === me.id || access.overseesLeaders;
        return (
          <Space size={4} wrap>
            {a.status === 'waiting' && leads && (
              <>
                <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ path: { id: a.id }, body: { decision: 'take_now' } }, { onSuccess: () => void message.success(t('appointments.moveIn.taken', { name: a.ownerName })), onError: fail })}>
                  {t('appointments.moveIn.takeNow')}
                </Button>
                <Button size="small" onClick={() => decide.mutate({ path: { id: a.id }, body: { decision: 'wait' } }, { onSuccess: () => void message.info(t('appointments.moveIn.keepsWaiting', { name: a.ownerName })), onError: fail })}>
                  {t('appointments.moveIn.wait')}
                </Button>
              </>
            )}
            {next && access.takesStep(next) && (
              <Button size="small" type="primary" onClick={() => setStepping({ a, step: next })}>
                {t('appointments.moveIn.toStep', { step: t(`appointments.moveIn.steps.${next}`) })}
              </Button>
            )}
            {a.status === 'missed' && access.recordsMissed && (
              <Popconfirm title={t('appointments.moveIn.recordMissedConfirm', { name: a.ownerName })} onConfirm={() => missed.mutate({ path: { id: a.id }, body: {} }, { onSuccess: () => void message.success(t('appointments.moveIn.missedRecorded')), onError: fail })}>
                <Button size="small">{t('appointments.moveIn.recordMissed')}</Button>
              </Popconfirm>
            )}
            {access.schedules && ['missed', 'waiting', 'scheduled'].includes(a.status) && (
              <Button size="small" onClick={() => setRescheduling(a)}>
                {t('appointments.moveIn.reschedule')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  const count = (f: Filter) => lines.filter((a) => inFilter(a, f)).length;

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            {t('appointments.moveIn.title', { date: formatDay(date, i18n.language) })}
            <LiveBadge live={live} />
          </Space>
        }
        extra={
          <Space wrap>
            <DayPicker value={date} onChange={setDate} today={today} allowTomorrow />
            {(access.desk || access.hall) && isToday && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog('checkIn')}>
                {t('appointments.moveIn.checkIn')}
              </Button>
            )}
            {access.schedules && (
              <Button icon={<ImportOutlined />} onClick={() => setDialog('schedule')}>
                {t('appointments.moveIn.schedule')}
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('appointments.moveIn.desk')} data-testid="move-in-desk">
              {isToday && !board.isPending && atDesk.length === 0 && <Alert type="warning" showIcon title={t('appointments.moveIn.deskEmpty')} style={{ marginBottom: 8 }} />}
              <Space wrap>
                {atDesk.map((name) => (
                  <Tag key={name} color="cyan">
                    {name}
                  </Tag>
                ))}
                {!atDesk.length && <Typography.Text type="secondary">{t('appointments.moveIn.nobodyAtDesk')}</Typography.Text>}
              </Space>
              {access.desk && isToday && (
                <Flex gap={8} style={{ marginTop: 12 }}>
                  {!meAtDesk ? (
                    <Button size="small" icon={<LoginOutlined />} loading={desk.isPending} onClick={() => desk.mutate({ body: { siteId: site.siteId, action: 'join' } }, { onSuccess: () => void message.success(t('appointments.moveIn.joined')), onError: fail })}>
                      {t('appointments.moveIn.joinDesk')}
                    </Button>
                  ) : (
                    <Button size="small" icon={<LogoutOutlined />} loading={desk.isPending} onClick={() => desk.mutate({ body: { siteId: site.siteId, action: 'leave' } }, { onSuccess: () => void message.success(t('appointments.moveIn.left')), onError: fail })}>
                      {t('appointments.moveIn.leaveDesk')}
                    </Button>
                  )}
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card size="small" title={t('appointments.moveIn.slots')}>
              {board.data?.slots.length ? (
                <Flex gap={8} wrap>
                  {board.data.slots.map((s) => (
                    <Card key={s.startsAt} size="small" style={{ minWidth: 160 }} data-testid={`move-in-slot-${s.time}`}>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong>{s.time}</Typography.Text>
                        <Tag color={s.booked >= s.capacity ? 'red' : 'green'}>{t('appointments.moveIn.slotLoad', { booked: s.booked, capacity: s.capacity })}</Tag>
                      </Flex>
                      {s.leaders.map((l) => (
                        <Flex key={l.leaderId} justify="space-between" gap={8}>
                          <Typography.Text type="secondary">{l.leaderName}</Typography.Text>
                          <Typography.Text type={l.booked >= l.capacity ? 'danger' : 'secondary'}>
                            {l.booked}/{l.capacity}
                          </Typography.Text>
                        </Flex>
                      ))}
                    </Card>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('appointments.moveIn.noSlots')}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      </Card>
      <Card>
        <Segmented<Filter> value={filter} onChange={setFilter} options={FILTERS.map((f) => ({ value: f, label: `${t(`appointments.moveIn.filters.${f}`)} ${count(f)}` }))} style={{ marginBottom: 16 }} />
        {board.isError ? (
          <LoadError problem={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <Table<MoveInAppointmentDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={board.isPending}
            pagination={false}
            scroll={{ x: 1200 }}
            locale={{
              emptyText: (
                <Empty
                  description={lines.length ? t('appointments.moveIn.emptyFiltered') : date > today ? t('appointments.moveIn.emptyAhead') : t('appointments.moveIn.empty')}
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                />
              ),
            }}
            expandable={{
              rowExpandable: (a) => a.steps.length > 0 || !!a.arrivedAt,
              expandedRowRender: (a) => (
                <Space direction="vertical" size={2}>
                  {a.arrivedAt && <Typography.Text type="secondary">{t('appointments.moveIn.arrivedAt', { time: siteTime(a.arrivedAt) })}</Typography.Text>}
                  {a.steps.map((s) => (
                    <Typography.Text key={`${s.step}-${s.at}`}>
                      {siteTime(s.at)} · {t(`appointments.moveIn.steps.${s.step as MoveInStep}`)} · {t('appointments.moveIn.stepBy', { by: s.byName, holder: s.holderName })}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            }}
          />
        )}
      </Card>
      {dialog === 'schedule' && <ScheduleModal defaultDate={addDays(today, 1)} onDone={(d) => setDate(d)} onClose={() => setDialog(null)} />}
      {dialog === 'checkIn' && <CheckInModal onClose={() => setDialog(null)} />}
      {stepping && <StepModal appointment={stepping.a} step={stepping.step} onClose={() => setStepping(null)} />}
      {rescheduling && <RescheduleModal appointment={rescheduling} onClose={() => setRescheduling(null)} />}
    </Flex>
  );
}
