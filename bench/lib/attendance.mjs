// What the attendance scenarios share: the volumes of the issue (2,000 staff on 20 sites, a year of
// punches), and the people who can clock in now.
import { addDays, localDate, shiftBounds } from '@sitedesk/domain';

/**
 * The time zone of the attendance sites a run creates: Asia/Shanghai, or `BENCH_ATTENDANCE_TZ` (on a fresh
 * database) to measure clock-ins at an hour when no shift starts in China — the clock-in scenarios need
 * people whose shift starts around now. Sites already in a kept database keep their zone.
 */
export const ATTENDANCE_TIME_ZONE = process.env.BENCH_ATTENDANCE_TZ || 'Asia/Shanghai';

/** Issue #3: 2,000 staff on 20 sites, one year of punches (about a million rows). */
export const ATTENDANCE_VOLUMES = { attendanceSites: 20, attendanceStaff: 2000, attendanceDays: 365 };

const HOUR = 3_600_000;

/** The segment AttendanceDataService.segmentFor picks for a clock-in at `now` (the same reckoning). */
function segmentFor(schedule, policyOn, dates, now, timeZone) {
  let best = null;
  for (const date of dates) {
    const code = schedule.get(date);
    const shift = code ? policyOn(date).shifts.find((s) => s.code === code) : null;
    if (!shift) continue;
    shiftBounds(date, shift, timeZone).forEach((b, segment) => {
      if (now.getTime() < b.from.getTime() - 4 * HOUR || now.getTime() > b.to.getTime() + 8 * HOUR) return;
      const distance = Math.abs(now.getTime() - b.from.getTime());
      if (!best || distance < best.distance) best = { shiftDate: date, segment, distance, from: b.from };
    });
  }
  return best;
}

/**
 * Everybody works today: on each site, today's rota entries (rest days included, as on a blackout
 * day) become the site's shift whose start is nearest to now among those a clock-in now belongs to.
 * Returns the people whose clock-in now is a first clock-in — the API would attach it to a segment
 * that has no clock-in yet (at some hours the nearest segment is yesterday's, already punched in the
 * generated history: those people are left out). Sites with no shift around now are left out.
 * @param {import('../generate.mjs').Db} db
 * @param {NonNullable<Awaited<ReturnType<typeof import('../generate.mjs').generate>>['attendance']>} att
 * @returns {Promise<{ people: { userId: string, login: string, siteId: string, shiftDate: string, segment: number, minutesFromStart: number }[], sites: { siteId: string, code: string, shift: string | null }[] }>}
 */
export async function peopleWhoCanClockInNow(db, att, now = new Date()) {
  const { rows: zones } = await db.query('SELECT DISTINCT time_zone FROM site WHERE id = ANY($1)', [att.siteIds]);
  if (zones.length !== 1) throw new Error(`the attendance sites are in ${zones.length} time zones`);
  const timeZone = zones[0].time_zone;
  const today = localDate(now, timeZone);
  const dates = [addDays(today, -1), today, addDays(today, 1)];
  const { rows: versions } = await db.query('SELECT site_id, version, effective_from::text AS effective_from, policy FROM attendance_policy WHERE site_id = ANY($1) ORDER BY site_id, version', [att.siteIds]);
  const people = [];
  const sites = [];
  for (let s = 0; s < att.siteIds.length; s++) {
    const siteId = att.siteIds[s];
    const mine = versions.filter((v) => v.site_id === siteId);
    const policyOn = (date) => ([...mine].reverse().find((v) => v.effective_from <= date) ?? mine[0]).policy;
    // The shift of today whose segment start is nearest to now, among those whose window holds now.
    const shifts = policyOn(today).shifts;
    let shift = null;
    for (const sh of shifts) {
      const best = segmentFor(new Map([[today, sh.code]]), policyOn, [today], now, timeZone);
      if (best && (!shift || best.distance < shift.distance)) shift = { code: sh.code, distance: best.distance };
    }
    sites.push({ siteId, code: att.siteCodes[s], shift: shift?.code ?? null });
    if (!shift) continue;
    await db.query('UPDATE schedule_entry SET shift_code = $3 WHERE site_id = $1 AND date = $2 AND shift_code IS DISTINCT FROM $3', [siteId, today, shift.code]);
    const [{ rows: entries }, { rows: punched }] = await Promise.all([
      db.query('SELECT user_id, date::text AS date, shift_code FROM schedule_entry WHERE site_id = $1 AND date BETWEEN $2 AND $3', [siteId, dates[0], dates[2]]),
      db.query("SELECT user_id, shift_date::text AS shift_date, segment FROM punch WHERE site_id = $1 AND kind = 'in' AND voided_at IS NULL AND shift_date BETWEEN $2 AND $3", [siteId, dates[0], dates[2]]),
    ]);
    const scheduleOf = new Map();
    for (const e of entries) {
      if (!scheduleOf.has(e.user_id)) scheduleOf.set(e.user_id, new Map());
      scheduleOf.get(e.user_id).set(e.date, e.shift_code);
    }
    const taken = new Set(punched.map((p) => `${p.user_id}|${p.shift_date}|${p.segment}`));
    att.userIds[s].forEach((userId, n) => {
      const seg = segmentFor(scheduleOf.get(userId) ?? new Map(), policyOn, dates, now, timeZone);
      if (!seg || taken.has(`${userId}|${seg.shiftDate}|${seg.segment}`)) return;
      people.push({ userId, login: att.logins[s][n], siteId, shiftDate: seg.shiftDate, segment: seg.segment, minutesFromStart: Math.round((now.getTime() - seg.from.getTime()) / 60_000) });
    });
  }
  return { people, sites };
}
