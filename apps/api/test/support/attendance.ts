import { PRESETS, wallClock, zonedTime, type AttendancePolicy, type ShiftTemplate } from '@sitedesk/domain';
import type { TestApp } from './test-app.js';

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/**
 * A policy whose "now" shift started a minute ago and runs six hours, published from today, and a
 * published rota putting `people` on it today — so that clock-in tests run at any time of day.
 * `startedMinutesAgo` and `code` add another such shift (one that began earlier, for late clock-ins)
 * next to those of earlier calls: people put on a shift by an earlier call keep it.
 */
export async function shiftAroundNow(t: TestApp, people: string[], over: Partial<AttendancePolicy> = {}, opts: { startedMinutesAgo?: number; code?: string } = {}) {
  const siteId = await t.ids.site('demo-sales');
  const code = opts.code ?? 'now';
  const now = wallClock(new Date(), 'Asia/Shanghai');
  const startMin = Math.max(0, now.hour * 60 + now.minute - (opts.startedMinutesAgo ?? 1));
  const endMin = (startMin + 360) % 1440;
  const shift: ShiftTemplate = { code, name: 'test shift', segments: [{ start: hhmm(Math.floor(startMin / 60), startMin % 60), end: hhmm(Math.floor(endMin / 60), endMin % 60) }] };
  const manager = { authorization: `Bearer ${await t.token('manager')}` };
  const clerk = { authorization: `Bearer ${await t.token('clerk')}` };
  // Test shifts of earlier calls stay (their people are still scheduled on them).
  const versions = (await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(manager)).body as { policy: AttendancePolicy }[];
  const base = PRESETS['case-site'].shifts;
  const earlier = (versions[versions.length - 1]?.policy.shifts ?? []).filter((s) => !base.some((b) => b.code === s.code) && s.code !== code);
  const policy = { ...PRESETS['case-site'], lateGraceMinutes: 5, shifts: [...base, ...earlier, shift], ...over };
  const put = await t.http().put('/api/v1/attendance/policy').set(manager).send({ siteId, effectiveFrom: now.date, policy });
  if (put.status !== 200) throw new Error(`policy: ${put.status} ${JSON.stringify(put.body)}`);
  const ids = await Promise.all(people.map((who) => t.ids.user(who)));
  const rota = await t.http().put('/api/v1/attendance/rota').set(clerk).send({ siteId, entries: ids.map((userId) => ({ userId, date: now.date, shiftCode: code })) });
  if (rota.status !== 200) throw new Error(`rota: ${rota.status} ${JSON.stringify(rota.body)}`);
  // Publication checks the whole week: give everyone else of the site a valid week too is not needed,
  // only the people scheduled are checked.
  await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, date_trunc('week', $2::date)::date, $3) ON CONFLICT DO NOTHING`, [siteId, now.date, await t.ids.user('clerk')]);
  const start = zonedTime(now.date, shift.segments[0].start, 'Asia/Shanghai');
  return { siteId, date: now.date, userIds: ids, start, end: new Date(start.getTime() + 360 * 60_000) };
}
