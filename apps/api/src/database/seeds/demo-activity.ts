import { localDate, PRESETS, proposeRestDays, shiftBounds, weekOf } from '@sitedesk/domain';
import type { DataSource } from 'typeorm';
import { demoLogin } from './demo.js';

/** A small deterministic PRNG, so that every demo start shows the same history. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export const DEMO_STAFF = ['supervisor', 'consultant', 'consultant2', 'clerk', 'receptionist', 'cashier'];

/**
 * Activity for `npm start` (not for the tests, whose fixtures are their own): a published rota on the
 * demo sales office from three weeks back to eight weeks ahead, with one rotating rest day, and three
 * weeks of punches — mostly on time, some late, an absence now and then — so that the attendance pages
 * have something to show. Runs once (skipped when the site has a rota).
 */
export async function seedDemoActivity(ds: DataSource, now = new Date(), log: (m: string) => void = () => {}) {
  const [site] = await ds.query(`SELECT id, time_zone FROM site WHERE code = 'demo-sales'`);
  if (!site) return;
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM schedule_entry WHERE site_id = $1`, [site.id]);
  if (n > 0) return;
  const users: { id: string; login: string }[] = await ds.query(`SELECT id, login FROM app_user WHERE login = ANY($1) ORDER BY login`, [DEMO_STAFF.map(demoLogin)]);
  const [{ id: clerk }] = await ds.query(`SELECT id FROM app_user WHERE login = $1`, [demoLogin('clerk')]);
  const tz: string = site.time_zone;
  const today = localDate(now, tz);
  const shift = PRESETS['case-site'].shifts[0];
  const random = mulberry32(20261124);
  await ds.transaction(async (em) => {
    for (let w = -3; w <= 8; w++) {
      const week = weekOf(addDays(today, w * 7));
      const rest = proposeRestDays(users.map((u) => u.id), week, new Set());
      await em.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [site.id, week[0], clerk]);
      for (const u of users) {
        for (const date of week) {
          const working = date !== rest.get(u.id);
          await em.query(`INSERT INTO schedule_entry (site_id, user_id, date, shift_code, updated_by) VALUES ($1, $2, $3, $4, $5)`, [site.id, u.id, date, working ? shift.code : null, clerk]);
          if (!working || date >= today) continue;
          const r = random();
          if (r < 0.03) continue; // an absence now and then
          const [b] = shiftBounds(date, shift, tz);
          const lateBy = r < 0.15 ? 1 + Math.floor(random() * 20) : -Math.floor(random() * 25);
          const inAt = new Date(b.from.getTime() + lateBy * 60_000);
          const outAt = new Date(b.to.getTime() + Math.floor(random() * 45) * 60_000);
          await em.query(`INSERT INTO punch (site_id, user_id, kind, at, shift_date, segment, source) VALUES ($1, $2, 'in', $3, $4, 0, 'personal'), ($1, $2, 'out', $5, $4, 0, 'personal')`, [site.id, u.id, inAt, date, outAt]);
        }
      }
    }
    await em.query(`INSERT INTO blackout_day (site_id, date, kind, name, created_by) VALUES ($1, $2, 'opening', '开盘日 Opening day', $3) ON CONFLICT DO NOTHING`, [site.id, addDays(today, 10), clerk]);
  });
  log(`demo activity loaded: a published rota (3 weeks back, 8 ahead) and 3 weeks of punches on demo-sales; opening day on ${addDays(today, 10)}`);
}
