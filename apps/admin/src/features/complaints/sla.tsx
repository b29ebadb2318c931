import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClockDto, ComplaintDto } from '../../api/generated';
import { useSiteTime } from '../shell/current-site';

/** Minutes as "2 h 15 min" / "3 d 4 h" in the console's language. */
export function formatMinutes(minutes: number | null | undefined, t: TFunction): string {
  if (minutes === null || minutes === undefined) return t('common.none');
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('complaints.duration.minutes', { m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('complaints.duration.hours', { h, m: m % 60 });
  return t('complaints.duration.days', { d: Math.floor(h / 24), h: h % 24 });
}

/** Wall-clock minutes from now to an instant (negative once passed). */
export const minutesUntil = (iso: string, now: Date) => (new Date(iso).getTime() - now.getTime()) / 60_000;

/** Less than this left: the countdown turns orange. */
const SOON_MINUTES = 60;

/** The inbox's SLA cell (GEN-8, read by the API at the request): breached, paused, due in …, or nothing running. */
export function SlaCell({ c, now }: { c: Pick<ComplaintDto, 'breached' | 'waiting' | 'nextDueAt' | 'state'>; now: Date }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  if (c.breached) {
    return (
      <Tag color="red" data-sla="breached">
        {t('complaints.sla.breached')}
      </Tag>
    );
  }
  if (c.waiting) return <Tag data-sla="paused">{t('complaints.sla.paused')}</Tag>;
  if (!c.nextDueAt) return <span data-sla="none">{t('common.none')}</span>;
  const left = minutesUntil(c.nextDueAt, now);
  // The stored deadline has passed since the read: the next refresh shows the breach.
  if (left <= 0) return <Tag color="red" data-sla="breached">{t('complaints.sla.breached')}</Tag>;
  return (
    <Tooltip title={t('complaints.sla.dueAt', { at: siteTime(c.nextDueAt) })}>
      <Tag color={left < SOON_MINUTES ? 'orange' : 'blue'} data-sla="running">
        {t('complaints.sla.dueIn', { left: formatMinutes(left, t) })}
      </Tag>
    </Tooltip>
  );
}

const CLOCK_COLOR: Record<ClockDto['status'], string> = { running: 'blue', paused: 'default', met: 'green', breached: 'red' };

/** One SLA clock of the complaint page: its kind, state and, while running, the countdown to its deadline. */
export function ClockLine({ clock, now }: { clock: ClockDto; now: Date }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  const n = clock.key.split(':')[1];
  const label = t(`complaints.clock.${clock.kind}`) + (n ? ` #${n}` : '');
  let detail: string;
  if (clock.status === 'running' && clock.dueAt) {
    const left = minutesUntil(clock.dueAt, now);
    detail = left > 0 ? t('complaints.sla.dueIn', { left: formatMinutes(left, t) }) : t('complaints.sla.breached');
  } else if (clock.status === 'met') detail = t('complaints.clock.metAt', { at: siteTime(clock.stoppedAt) });
  else if (clock.status === 'breached') detail = t('complaints.clock.breachedAt', { at: siteTime(clock.dueAt ?? clock.promisedAt) });
  else if (clock.status === 'paused') detail = t('complaints.clock.pausedHint');
  else detail = '';
  const target = clock.promisedAt
    ? t('complaints.clock.promised', { at: siteTime(clock.promisedAt) })
    : clock.targetMinutes != null
      ? t('complaints.clock.target', { target: formatMinutes(clock.targetMinutes, t) })
      : '';
  return (
    <div data-testid={`clock-${clock.key}`} data-status={clock.status} style={{ marginBottom: 8 }}>
      <Tag color={CLOCK_COLOR[clock.status]}>{t(`complaints.clockStatus.${clock.status}`)}</Tag>
      <strong>{label}</strong>
      <span style={{ marginLeft: 8 }}>{detail}</span>
      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
        {t('complaints.clock.started', { at: siteTime(clock.startedAt) })}
        {clock.dueAt && clock.status !== 'met' ? ` · ${t('complaints.sla.dueAt', { at: siteTime(clock.dueAt) })}` : ''}
        {target ? ` · ${target}` : ''}
        {clock.status === 'running' && clock.remainingMinutes != null ? ` · ${t('complaints.clock.businessLeft', { left: formatMinutes(clock.remainingMinutes, t) })}` : ''}
      </div>
    </div>
  );
}
