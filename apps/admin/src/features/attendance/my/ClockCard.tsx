import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { wallClock } from '@sitedesk/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { formatDay, siteClock, siteToday } from '../dates';
import { attendanceProblemText } from '../problems';
import { useClock, useDays, type PunchAnswer } from '../queries';
import { StatusTag } from '../status';
import { standingText } from '../standing';
import { useNow } from '../use-now';

const pad = (n: number) => String(n).padStart(2, '0');

/** ATT-4: clock in and out at server time, with the answer — when, and whether it was late or early. */
export function ClockCard() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const now = useNow();
  const wall = wallClock(now, site.timeZone);
  const today = siteToday(site.timeZone);
  const days = useDays({ siteId: site.siteId, from: today, to: today, userId: me.id });
  const day = days.data?.[0]?.days[0];
  const clock = useClock();
  const [answer, setAnswer] = useState<PunchAnswer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const punch = (kind: 'in' | 'out') => {
    setAnswer(null);
    setProblem(null);
    clock.mutate({ siteId: site.siteId, kind }, { onSuccess: setAnswer, onError: setProblem });
  };

  return (
    <Card title={t('attendance.clock.title')}>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          {formatDay(wall.date, i18n.language)} · {site.timeZone}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 44, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.1 }} aria-label={t('attendance.clock.siteTime')}>
          {pad(wall.hour)}:{pad(wall.minute)}
          <Typography.Text type="secondary" style={{ fontSize: 22 }}>
            :{pad(wall.second)}
          </Typography.Text>
        </Typography.Text>
        {days.isPending ? (
          <Skeleton.Input active size="small" />
        ) : day && day.scheduledStart ? (
          <Flex gap={8} align="center" wrap justify="center">
            <Typography.Text>
              {t('attendance.clock.shift', { start: siteClock(day.scheduledStart, site.timeZone), end: siteClock(day.scheduledEnd, site.timeZone) })}
            </Typography.Text>
            <StatusTag status={day.status} late={day.lateMinutes} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('attendance.clock.noShiftToday')}</Typography.Text>
        )}
      </Flex>
      <Flex gap={12}>
        <Button
          type="primary"
          size="large"
          icon={<LoginOutlined />}
          loading={clock.isPending && clock.variables?.kind === 'in'}
          disabled={clock.isPending}
          onClick={() => punch('in')}
          style={{ flex: 1, height: 64, fontSize: 18 }}
        >
          {t('attendance.clock.in')}
        </Button>
        <Button
          size="large"
          icon={<LogoutOutlined />}
          loading={clock.isPending && clock.variables?.kind === 'out'}
          disabled={clock.isPending}
          onClick={() => punch('out')}
          style={{ flex: 1, height: 64, fontSize: 18 }}
        >
          {t('attendance.clock.out')}
        </Button>
      </Flex>
      {answer && <PunchAnswerAlert answer={answer} timeZone={site.timeZone} />}
      {problem && <Alert type="error" showIcon title={attendanceProblemText(problem, t)} style={{ marginTop: 16 }} />}
      {day?.firstIn && !answer && (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', textAlign: 'center' }}>
          {t('attendance.clock.todaySoFar', { in: siteClock(day.firstIn, site.timeZone), out: day.lastOut ? siteClock(day.lastOut, site.timeZone) : '—' })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The API's answer to a punch: on time, or late / early n minutes, with the rules that decided it (ATT-4, ATT-5). */
export function PunchAnswerAlert({ answer, timeZone }: { answer: PunchAnswer; timeZone: string }) {
  const { t } = useTranslation();
  const time = siteClock(answer.at, timeZone);
  const s = answer.standing;
  const title = answer.kind === 'in' ? (answer.created ? t('attendance.clock.clockedIn', { time }) : t('attendance.clock.alreadyIn', { time })) : t('attendance.clock.clockedOut', { time });
  const off = !!s && s.status !== 'on_time';
  const text = standingText(answer.kind, s, t);
  return (
    <Alert
      role="status"
      type={s?.status === 'absent' ? 'error' : off ? 'warning' : 'success'}
      showIcon
      title={title}
      description={
        <span data-testid="punch-standing" data-status={s?.status ?? 'unknown'}>
          {text}
          {s && s.ruleIds.length > 0 && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t(answer.kind === 'in' ? 'attendance.clock.decidedByIn' : 'attendance.clock.decidedByOut', { rules: s.ruleIds.join(', '), time: siteClock(s.reference, timeZone) })}
            </Typography.Text>
          )}
        </span>
      }
      style={{ marginTop: 16 }}
    />
  );
}
