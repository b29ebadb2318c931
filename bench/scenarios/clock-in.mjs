// POST /api/v1/attendance/clock-in: first clock-ins (201), one per person, at 64 connections, on the
// attendance volumes of issue #3 (2,000 staff on 20 sites, a year of punches: about a million rows).
//
// A second clock-in of the same person for the same shift is another, cheaper path (the first punch
// again, 200): it is measured by `clock-in-repeat`. Here every request is a first clock-in: the
// measurement is a fixed number of requests, one per person who can clock in now (everybody is on
// today's rota, see peopleWhoCanClockInNow), each person's token from the real login. Before each
// warm-up and each measurement the clock-ins of the previous one are deleted (and the table vacuumed),
// so that the API and the baseline each clock in the same people on the same data. The audit events
// of the deleted punches stay (the trail is append-only).
import { addDays, zonedTime } from '@sitedesk/domain';
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { ATTENDANCE_TIME_ZONE, ATTENDANCE_VOLUMES, peopleWhoCanClockInNow } from '../lib/attendance.mjs';

/** @param {import('../run.mjs').SetupContext} ctx */
export async function clockInLoad({ db, data, app }) {
  const setupAt = new Date();
  const att = /** @type {any} */ (data.attendance);
  // Clock-ins of earlier runs on this database (the generated history has none for today): gone, so
  // that everybody's next clock-in is a first one again.
  const midnight = zonedTime(att.today, '00:00', ATTENDANCE_TIME_ZONE);
  await db.query("DELETE FROM punch WHERE site_id = ANY($1) AND kind = 'in' AND source = 'personal' AND created_at >= $2 AND shift_date >= $3", [att.siteIds, midnight, addDays(att.today, -1)]);
  const { people, sites } = await peopleWhoCanClockInNow(db, att, setupAt);
  if (people.length < 200) {
    throw new Error(`only ${people.length} people can clock in now (${setupAt.toISOString()}): no site has a shift around this time (${sites.map((s) => `${s.code}: ${s.shift ?? 'none'}`).join(', ')})`);
  }
  const tokens = await app.logins(people.map((p) => p.login), BENCH_PASSWORD);
  const requests = people.map((p, i) => ({
    method: 'POST',
    path: '/api/v1/attendance/clock-in',
    headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteId: p.siteId }),
  }));
  const userIds = people.map((p) => p.userId);
  const minutes = people.map((p) => p.minutesFromStart).sort((a, b) => a - b);
  return {
    requests,
    people,
    /** Deletes the clock-ins made since the setup (by the probes, a warm-up or a measurement). */
    reset: async () => {
      await db.query("DELETE FROM punch WHERE user_id = ANY($1) AND created_at >= $2 AND source = 'personal'", [userIds, setupAt]);
      await db.query('VACUUM (ANALYZE) punch');
    },
    note: `${people.length} people on ${sites.filter((s) => s.shift).length} sites, clocking in ${minutes[0]} to ${minutes.at(-1)} minutes from their shift start (median ${minutes[minutes.length >> 1]})`,
  };
}

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'clock-in',
  title: 'POST /api/v1/attendance/clock-in, first clock-ins: one request per person, 2,000 staff on 20 sites, ~1M punches',
  data: ATTENDANCE_VOLUMES,
  baseline: fileURLToPath(new URL('../baselines/clock-in-raw.mjs', import.meta.url)),

  async setup(ctx) {
    const { requests, people, reset, note } = await clockInLoad(ctx);
    // Two people of the same site and shift probe the servers: each answer is a new punch (201).
    const i = Math.max(1, people.findIndex((p, k) => k > 0 && p.siteId === people[k - 1].siteId && p.shiftDate === people[k - 1].shiftDate && p.segment === people[k - 1].segment));
    return { requests, amount: requests.length, probe: { app: requests[i - 1], baseline: requests[i] }, reset, note };
  },

  // Two first clock-ins of two people: the same status and shape, the same shift, the same standing
  // up to the minutes that passed between them.
  compare(api, baseline) {
    if (api.status !== 201 || baseline.status !== 201) return `status ${api.status} from the API, ${baseline.status} from the baseline (201 expected): ${api.body.slice(0, 300)} / ${baseline.body.slice(0, 300)}`;
    const [a, b] = [JSON.parse(api.body), JSON.parse(baseline.body)];
    const shape = (o) => JSON.stringify(Object.keys(o).sort()) + JSON.stringify(Object.keys(o.standing ?? {}).sort());
    if (shape(a) !== shape(b)) return `the bodies differ in shape:\n  API      ${api.body}\n  baseline ${baseline.body}`;
    for (const k of ['kind', 'shiftDate', 'segment', 'source']) if (a[k] !== b[k]) return `${k} differs: ${a[k]} / ${b[k]}`;
    if (a.standing.status !== b.standing.status || a.standing.reference !== b.standing.reference || Math.abs(a.standing.minutes - b.standing.minutes) > 1) return `the standing differs: ${JSON.stringify(a.standing)} / ${JSON.stringify(b.standing)}`;
    return null;
  },
};
