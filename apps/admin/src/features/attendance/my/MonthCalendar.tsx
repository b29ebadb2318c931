import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Tag, Tooltip, Typography, theme } from 'antd';
import { addDays, datesOfMonth, weekday, type LocalDate } from '@sitedesk/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlackoutDayDto, DayDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite } from '../../shell/current-site';
import { addMonths, formatMonth, formatWeekday, monthBounds, monthOf, siteClock, siteToday } from '../dates';
import { useBlackoutDays, useDays } from '../queries';
import { STATUS_STYLE, type DayStatus } from '../status';

const WORKED: readonly DayStatus[] = ['present', 'late', 'early_leave', 'late_and_early_leave', 'at_work', 'business_out'];
const LEGEND: readonly DayStatus[] = ['present', 'late', 'early_leave', 'absent', 'missing_punch', 'on_leave', 'business_out', 'rest'];

/** A person's month: every day coloured by its status, with late/early minutes and the deciding rules on hover. */
export function MonthCalendar({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const today = siteToday(site.timeZone);
  const [month, setMonth] = useState(() => monthOf(today));
  const { from, to } = monthBounds(month);
  const days = useDays({ siteId: site.siteId, from, to, userId });
  const blackout = useBlackoutDays(site.siteId, from, to);
  const byDate = useMemo(() => new Map(days.data?.[0]?.days.map((d) => [d.date, d])), [days.data]);
  const blackoutByDate = useMemo(() => new Map(blackout.data?.map((b) => [b.date, b])), [blackout.data]);
  const list = days.data?.[0]?.days ?? [];
  const summary = {
    worked: list.filter((d) => WORKED.includes(d.status)).length,
    lateCount: list.reduce((n, d) => n + (d.status === 'absent' ? 0 : d.lateCount), 0),
    lateMinutes: list.reduce((n, d) => n + (d.status === 'absent' ? 0 : d.lateMinutes), 0),
    early: list.reduce((n, d) => n + (d.status === 'absent' ? 0 : d.earlyCount), 0),
    absence: Math.round(list.reduce((n, d) => n + d.absenceDays, 0) * 100) / 100,
    leave: list.filter((d) => d.leaveType).length,
  };

  const dates = datesOfMonth(month);
  const lead = weekday(dates[0]) - 1;
  const cells: (LocalDate | null)[] = [...Array<null>(lead).fill(null), ...dates];
  while (cells.length % 7) cells.push(null);
  const monday = addDays(dates[0], -lead);

  return (
    <Card
      title={t('attendance.calendar.title')}
      extra={
        <Flex gap={8} align="center">
          <Button size="small" icon={<LeftOutlined />} aria-label={t('attendance.calendar.previous')} onClick={() => setMonth((m) => addMonths(m, -1))} />
          <Typography.Text strong style={{ minWidth: 110, textAlign: 'center' }}>
            {formatMonth(month, i18n.language)}
          </Typography.Text>
          <Button size="small" icon={<RightOutlined />} aria-label={t('attendance.calendar.next')} onClick={() => setMonth((m) => addMonths(m, 1))} />
          <Button size="small" disabled={month === monthOf(today)} onClick={() => setMonth(monthOf(today))}>
            {t('attendance.calendar.thisMonth')}
          </Button>
        </Flex>
      }
    >
      {days.isError ? (
        <LoadError problem={days.error} onRetry={() => void days.refetch()} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={5}>
              <Statistic title={t('attendance.calendar.worked')} value={summary.worked} suffix={t('attendance.units.days')} loading={days.isPending} />
            </Col>
            <Col span={5}>
              <Statistic title={t('attendance.calendar.late')} value={summary.lateCount} suffix={`/ ${summary.lateMinutes} ${t('attendance.units.min')}`} loading={days.isPending} />
            </Col>
            <Col span={4}>
              <Statistic title={t('attendance.calendar.early')} value={summary.early} loading={days.isPending} />
            </Col>
            <Col span={5}>
              <Statistic title={t('attendance.calendar.absence')} value={summary.absence} suffix={t('attendance.units.days')} loading={days.isPending} />
            </Col>
            <Col span={5}>
              <Statistic title={t('attendance.calendar.leave')} value={summary.leave} suffix={t('attendance.units.days')} loading={days.isPending} />
            </Col>
          </Row>
          <div role="grid" aria-label={formatMonth(month, i18n.language)} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 6, opacity: days.isFetching && !days.isPending ? 0.6 : 1 }}>
            {Array.from({ length: 7 }, (_, i) => (
              <Typography.Text key={i} type="secondary" role="columnheader" style={{ textAlign: 'center', fontSize: 12 }}>
                {formatWeekday(addDays(monday, i), i18n.language)}
              </Typography.Text>
            ))}
            {cells.map((date, i) => (date ? <DayCell key={date} date={date} day={byDate.get(date)} blackout={blackoutByDate.get(date)} today={date === today} /> : <div key={`pad-${i}`} />))}
          </div>
          <Flex gap={4} wrap style={{ marginTop: 12 }}>
            {LEGEND.map((s) => (
              <Tag key={s} color={STATUS_STYLE[s].color}>
                {t(`attendance.status.${s}`)}
              </Tag>
            ))}
          </Flex>
        </>
      )}
    </Card>
  );
}

function DayCell({ date, day, blackout, today }: { date: LocalDate; day?: DayDto; blackout?: BlackoutDayDto; today: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { site } = useCurrentSite();
  const style = day ? STATUS_STYLE[day.status] : null;
  const label = day ? t(`attendance.status.${day.status}`) : '';
  const minutes = day && (day.lateMinutes > 0 || day.earlyMinutes > 0);
  const cell = (
    <div
      role="gridcell"
      aria-label={`${date} ${label}`}
      data-status={day?.status}
      style={{
        minHeight: 78,
        padding: '6px 8px',
        borderRadius: token.borderRadius,
        background: style?.tint ?? token.colorFillQuaternary,
        border: today ? `2px solid ${token.colorPrimary}` : `1px solid ${token.colorBorderSecondary}`,
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        cursor: day ? 'default' : undefined,
      }}
    >
      <Flex justify="space-between" align="center">
        <Typography.Text strong={today} style={{ fontSize: 13 }}>
          {Number(date.slice(8))}
        </Typography.Text>
        {day?.corrected && <Tag style={{ marginInlineEnd: 0, fontSize: 10, lineHeight: '16px', paddingInline: 4 }}>{t('attendance.calendar.corrected')}</Tag>}
      </Flex>
      {blackout && (
        <Typography.Text style={{ fontSize: 11, color: token.colorError }} ellipsis>
          {blackout.name}
        </Typography.Text>
      )}
      {day && day.status !== 'rest' && (
        <Typography.Text style={{ fontSize: 12, color: style?.ink, fontWeight: 500 }} ellipsis>
          {label}
        </Typography.Text>
      )}
      {day?.status === 'rest' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
      )}
      {minutes && (
        <Typography.Text style={{ fontSize: 11, color: style?.ink }}>
          {[day.lateMinutes > 0 && t('attendance.calendar.lateShort', { minutes: day.lateMinutes }), day.earlyMinutes > 0 && t('attendance.calendar.earlyShort', { minutes: day.earlyMinutes })].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
    </div>
  );
  if (!day) return cell;
  return (
    <Tooltip
      title={
        <Flex vertical gap={2}>
          <span>
            {date} · {label}
          </span>
          {day.scheduledStart && <span>{t('attendance.calendar.shift', { start: siteClock(day.scheduledStart, site.timeZone), end: siteClock(day.scheduledEnd, site.timeZone) })}</span>}
          {(day.firstIn || day.lastOut) && <span>{t('attendance.calendar.punches', { in: siteClock(day.firstIn, site.timeZone), out: siteClock(day.lastOut, site.timeZone) })}</span>}
          {day.lateMinutes > 0 && <span>{t('attendance.calendar.lateLong', { minutes: day.lateMinutes })}</span>}
          {day.earlyMinutes > 0 && <span>{t('attendance.calendar.earlyLong', { minutes: day.earlyMinutes })}</span>}
          {day.leaveType && <span>{t(`attendance.leaveTypes.${day.leaveType}`)} · {day.leaveHours} h</span>}
          {blackout && <span>{blackout.name}</span>}
          <span>
            {t('attendance.calendar.rules')}: {day.ruleIds.length ? day.ruleIds.join(', ') : '—'} · {t('attendance.calendar.policyVersion', { version: day.policyVersion })}
          </span>
        </Flex>
      }
    >
      {cell}
    </Tooltip>
  );
}
