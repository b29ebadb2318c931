import { PRESETS, wallClock, type AttendancePolicy } from '@sitedesk/domain';
import type { TestApp } from './test-app.js';

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/**
 * A policy whose "now" shift started a minute ago and runs six hours, published from today, and a
 * published rota putting `people` on it today — so that clock-in tests run at any time of day.
 */
export async function shiftAroundNow(t: TestApp, people: string[], over: Partial<AttendancePolicy> = {}) {
  const siteId = await t.ids.site('demo-sales');
  const now = wallClock(new Date(), 'Asia/Shanghai');
  const startMin = Math.max(0, now.hour * 60 + now.minute - 1);
  const endMin = (startMin + 360) % 1440;
  const shift = { code: 'now', name: 'test shift', segments: [{ start: hhmm(Math.floor(startMin / 60), startMin % 60), end: hhmm(Math.floor(endMin / 60), endMin % 60) }] };
  const policy = { ...PRESETS['case-site'], lateGraceMinutes: 5, shifts: [...PRESETS['case-site'].shifts, shift], ...over };
  const manager = { authorization: `Bearer ${await t.token('manager')}` };
  const clerk = { authorization: `Bearer ${await t.token('clerk')}` };
  const put = await t.http().put('/api/v1/attendance/policy').set(manager).send({ siteId, effectiveFrom: now.date, policy });
  if (put.status !== 200) throw new Error(`policy: ${put.status} ${JSON.stringify(put.body)}`);
  const ids = await Promise.all(people.map((who) => t.ids.user(who)));
  const rota = await t.http().put('/api/v1/attendance/rota').set(clerk).send({ siteId, entries: ids.map((userId) => ({ userId, date: now.date, shiftCode: 'now' })) });
  if (rota.status !== 200) throw new Error(`rota: ${rota.status} ${JSON.stringify(rota.body)}`);
  // Publication checks the whole week: give everyone else of the site a valid week too is not needed,
  // only the people scheduled are checked.
  await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, date_trunc('week', $2::date)::date, $3) ON CONFLICT DO NOTHING`, [siteId, now.date, await t.ids.user('clerk')]);
  return { siteId, date: now.date, userIds: ids };
}
