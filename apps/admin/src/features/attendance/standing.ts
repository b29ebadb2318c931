import type { TFunction } from 'i18next';
import type { PunchStandingDto } from '../../api/generated';

/** On time, late or early n minutes, in words (also on the kiosk). */
export function standingText(kind: 'in' | 'out', s: PunchStandingDto | null | undefined, t: TFunction): string {
  if (!s) return t('attendance.clock.noStanding');
  if (s.status === 'absent') return t(kind === 'in' ? 'attendance.clock.absentLate' : 'attendance.clock.absentEarly', { minutes: s.minutes });
  if (kind === 'in') return s.status === 'late' ? t('attendance.clock.lateBy', { minutes: s.minutes }) : t('attendance.clock.onTime');
  return s.status === 'early_leave' ? t('attendance.clock.earlyBy', { minutes: s.minutes }) : t('attendance.clock.notEarly');
}
