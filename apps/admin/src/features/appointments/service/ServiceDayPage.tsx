import { PlusOutlined } from '@ant-design/icons';
import { type LocalDate } from '@sitedesk/domain';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSlotDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { formatDay, siteClock, siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { appointmentsAccess } from '../access';
import { DayPicker } from '../DayPicker';
import { REFRESH_MS, useAppointmentEvents } from '../live';
import { LiveBadge } from '../LiveBadge';
import { useAppointmentPolicy, useServiceSlots, yuanText } from '../queries';
import { BookingModal } from './BookingModal';
import { RegisterTable } from './RegisterTable';

/**
 * The service centre's day (RES-9, RES-10): every slot with its bays, booked and free; booking from a
 * free slot with the signed form and the deposit rule; the day's appointments below. Live.
 */
export function ServiceDayPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const access = appointmentsAccess(site);
  const today = siteToday(site.timeZone);
  const [date, setDate] = useState<LocalDate>(today);
  const [booking, setBooking] = useState<string | null | undefined>(undefined);
  const live = useAppointmentEvents(site.siteId, 'service');
  const polling = live === 'live' ? false : REFRESH_MS;
  const slots = useServiceSlots(site.siteId, date, { refetchInterval: polling });
  const policy = useAppointmentPolicy(site.siteId);
  const p = policy.data?.policy;
  const now = Date.now();
  const isOpen = (s: ServiceSlotDto) => s.free > 0 && new Date(s.startsAt).getTime() > now;
  const booked = (slots.data ?? []).reduce((n, s) => n + s.booked, 0);
  const capacity = (slots.data ?? []).reduce((n, s) => n + s.capacity, 0);

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            {t('appointments.service.title', { date: formatDay(date, i18n.language) })}
            <LiveBadge live={live} />
          </Space>
        }
        extra={
          <Space wrap>
            <DayPicker value={date} onChange={setDate} today={today} />
            {access.books && (
              <Button type="primary" icon={<PlusOutlined />} disabled={!slots.data?.some(isOpen)} onClick={() => setBooking(null)}>
                {t('appointments.service.book')}
              </Button>
            )}
          </Space>
        }
      >
        {p && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('appointments.service.policy', {
              bays: p.bays,
              minutes: p.slotMinutes,
              start: p.dayStart,
              end: p.dayEnd,
              parts: yuanText(p.highValuePartsFen, i18n.language),
              percent: p.minDepositPercent,
              hours: p.reminderHoursBefore,
            })}
          />
        )}
        {slots.isError ? (
          <LoadError problem={slots.error} onRetry={() => void slots.refetch()} />
        ) : !slots.isPending && !slots.data?.length ? (
          <Empty description={t('appointments.service.noSlots')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('appointments.service.summary', { booked, capacity, free: capacity - booked })}</Typography.Paragraph>
            <Row gutter={[12, 12]}>
              {(slots.data ?? []).map((s) => {
                const past = new Date(s.startsAt).getTime() <= now;
                return (
                  <Col key={s.startsAt} xs={12} md={8} lg={6} xl={4}>
                    <Card size="small" data-testid={`slot-${s.time}`} aria-label={t('appointments.service.slotLabel', { time: s.time })} style={{ opacity: past ? 0.6 : 1 }}>
                      <Flex justify="space-between" align="center">
                        <Typography.Text strong>
                          {s.time}–{siteClock(s.endsAt, site.timeZone)}
                        </Typography.Text>
                        {past ? <Tag>{t('appointments.service.past')}</Tag> : s.free > 0 ? <Tag color="green">{t('appointments.service.free', { count: s.free })}</Tag> : <Tag color="red">{t('appointments.service.full')}</Tag>}
                      </Flex>
                      <Progress percent={s.capacity ? Math.round((s.booked / s.capacity) * 100) : 0} showInfo={false} size="small" status={s.free === 0 ? 'exception' : 'normal'} />
                      <Flex justify="space-between" align="center">
                        <Typography.Text type="secondary">{t('appointments.service.bays', { booked: s.booked, capacity: s.capacity })}</Typography.Text>
                        {access.books && isOpen(s) && (
                          <Button size="small" type="link" onClick={() => setBooking(s.time)}>
                            {t('appointments.service.bookSlot')}
                          </Button>
                        )}
                      </Flex>
                    </Card>
                  </Col>
                );
              })}
            </Row>
          </>
        )}
      </Card>
      <Card title={t('appointments.service.dayList')} size="small">
        <RegisterTable key={date} filter={{ siteId: site.siteId, date }} refetchInterval={polling} emptyText={t('appointments.register.emptyDay')} />
      </Card>
      {booking !== undefined && <BookingModal date={date} time={booking} slots={slots.data ?? []} policy={p} onClose={() => setBooking(undefined)} />}
    </Flex>
  );
}
