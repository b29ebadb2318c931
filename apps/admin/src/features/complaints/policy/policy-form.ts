import type { ComplaintPolicy, DayWindow } from '@sitedesk/domain';
import type { TFunction } from 'i18next';

/** ISO weekdays, Monday first (`week[0]`), as the strings name them. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Windows as a person types them: `09:00-12:00, 13:00-18:00` (empty = none). */
export const windowsText = (ws: readonly DayWindow[]) => ws.map((w) => `${w.start}-${w.end}`).join(', ');

const WINDOW = /^(\d{2}:\d{2})\s*[-–~]\s*(\d{2}:\d{2})$/;

/** The windows typed, or `null` when one of them is not `HH:MM-HH:MM`. */
export function parseWindows(text: string): DayWindow[] | null {
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: DayWindow[] = [];
  for (const p of parts) {
    const m = WINDOW.exec(p);
    if (!m) return null;
    out.push({ start: m[1], end: m[2] });
  }
  return out;
}

/** Dates as typed: `2026-10-01, 2026-10-02`. */
export const parseDates = (text: string): string[] =>
  text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const clonePolicy = (p: ComplaintPolicy): ComplaintPolicy => JSON.parse(JSON.stringify(p)) as ComplaintPolicy;

/**
 * A field of a VALIDATION_FAILED answer (`policy.sla.bySeverity.normal.firstResponseMinutes`,
 * `policy.businessHours.week[0][1]`) in words: each part named, positions counted from one.
 */
export function fieldInWords(field: string, t: TFunction): string {
  const parts = field.replace(/^policy\.?/, '').split('.').filter(Boolean);
  const words: string[] = [];
  let inWeek = false;
  for (const part of parts) {
    const m = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    const name = m ? m[1] : part;
    const key = `complaints.policy.path.${name}`;
    const severity = ['minor', 'normal', 'major'].includes(name) ? t(`complaints.severity.${name}` as 'complaints.severity.minor') : null;
    words.push(severity ?? t(key as 'complaints.policy.path.sla', { defaultValue: name }));
    if (name === 'week') inWeek = true;
    const indexes = m?.[2] ? [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) : [];
    indexes.forEach((i, n) => {
      if (inWeek && n === 0 && i < 7) words.push(t(`complaints.policy.weekday.${WEEKDAY_KEYS[i]}`));
      else words.push(t('complaints.policy.path.nth', { n: i + 1 }));
    });
  }
  return words.join(' · ') || t('complaints.policy.path.policy');
}

/** The domain's messages (validateComplaintPolicy) as the person's language says them; others as sent. */
const MESSAGES: [RegExp, string][] = [
  [/^must be a whole number from (\d+) to (\d+)$/, 'range'],
  [/^at least the first-response target$/, 'resolutionShort'],
  [/^ends after it starts, on the same day$/, 'windowOrder'],
  [/^windows follow each other without overlap$/, 'overlap'],
  [/^open at least one window a week$/, 'neverOpen'],
  [/^a date YYYY-MM-DD$/, 'date'],
  [/^a day cannot be both a holiday and a working day$/, 'holidayAndWorkday'],
  [/^one of the categories$/, 'category'],
  [/^one override per category and severity$/, 'duplicateOverride'],
  [/^at least two levels$/, 'chainShort'],
  [/^each role once$/, 'chainDuplicate'],
  [/^a level of the chain$/, 'notInChain'],
  [/^a staff role$/, 'staffRole'],
  [/^less than the window$/, 'earliest'],
  [/^leave at least four callable hours a day$/, 'restTooLong'],
  [/^start and end are different HH:MM/, 'restWindow'],
  [/^start is HH:MM, end is HH:MM or 24:00$/, 'windowFormat'],
];

export function messageInWords(message: string, t: TFunction): string {
  for (const [re, key] of MESSAGES) {
    const m = re.exec(message);
    if (m) return t(`complaints.policy.msg.${key}` as 'complaints.policy.msg.range', { min: m[1], max: m[2] });
  }
  return message;
}
