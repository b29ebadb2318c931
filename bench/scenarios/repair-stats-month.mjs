// GET /api/v1/repair-orders/statistics?period=month (RO-12, issue #7): a site's last complete month of
// settled orders (vehicles by type and category, revenue, receivables), as the site's cashier opens it,
// on 300,000 orders over two years on 20 service sites (≈625 settled a site-month). One request at a
// time going round the 20 sites: a request's latency is the time of a site-month. The goal: under 1 s.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { compareJson, repairData, staffLogin } from './advisor-desk.mjs';

export function lastMonthRange(now = new Date()) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'repair-stats-month',
  title: 'GET /api/v1/repair-orders/statistics?period=month, a site-month of 300,000 orders, one request at a time over the 20 sites',
  data: {},
  baseline: process.env.REPAIR_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/repair-stats-month-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const ro = await repairData(db, data.organizationId);
    const tokens = await app.logins(ro.siteIds.map((_, s) => staffLogin(ro, s, 6)), BENCH_PASSWORD);
    const { from, to } = lastMonthRange();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM repair_order WHERE site_id = ANY($1) AND (data->'settlement'->>'at')::timestamptz >= $2::date - interval '8 hours' AND (data->'settlement'->>'at')::timestamptz < $3::date + 1 - interval '8 hours'`, [ro.siteIds, from, to]);
    return {
      requests: ro.siteIds.map((siteId, s) => ({ method: 'GET', path: `/api/v1/repair-orders/statistics?siteId=${siteId}&period=month&from=${from}&to=${to}`, headers: { authorization: `Bearer ${tokens[s]}` } })),
      connections: 1,
      note: `${ro.siteIds.length} sites, ${from} … ${to} (${rows[0].n} settled orders in it, ≈${Math.round(rows[0].n / ro.siteIds.length)} a site, of ${ro.perSite} a site), one request at a time`,
    };
  },
  compare: compareJson,
};
