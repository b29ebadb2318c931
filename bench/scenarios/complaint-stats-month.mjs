// GET /api/v1/complaints/statistics?siteId=…&month=YYYY-MM (CMP-8): a site's month of complaint
// statistics, as the site's supervisor opens the statistics page, on the volumes of issue #6 (200,000
// complaints over two years on 20 sites, bench/lib/complaints-data.mjs: 10,000 a site, about 410 in a
// month). One request at a time, going round the 20 sites (last month): a request's latency is the
// time of a site-month. The issue's goal: under 500 ms.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, benchPasswordHash, grantRoles, insertRows, random } from '../generate.mjs';
import { ensureComplaints } from '../lib/complaints-data.mjs';

/** The complaint data, written once per database (a second call adds nothing). */
export const complaintData = (db, organizationId) => ensureComplaints(db, { lib: { insertRows, grantRoles, random, benchPasswordHash }, organizationId });

/** The last complete month, `YYYY-MM` (site time is UTC+8; the first hours of a month make no difference here). */
export function lastMonth(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A site's supervisor: the fifth of its seven staff (4 cs agents, 2 supervisors, a manager). */
export const supervisorLogins = (cmp) => cmp.siteIds.map((_, s) => cmp.staffLogins[s * 7 + 4]);

/** Two answers of the statistics: the same JSON (they are computed from the same rows at nearly the same instant). */
export function compareStatistics(api, baseline) {
  if (api.status !== 200 || baseline.status !== 200) return `status ${api.status} from the API, ${baseline.status} from the baseline: ${api.body.slice(0, 300)} / ${baseline.body.slice(0, 300)}`;
  if (api.body !== baseline.body) {
    const [a, b] = [JSON.parse(api.body), JSON.parse(baseline.body)];
    for (const k of Object.keys(a)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return `${k} differs:\n  API      ${JSON.stringify(a[k]).slice(0, 400)}\n  baseline ${JSON.stringify(b[k]).slice(0, 400)}`;
    return 'the bodies differ';
  }
  return null;
}

/**
 * COMPLAINT_EXPLAIN=1: EXPLAIN (ANALYZE, BUFFERS) of the statistics' statements (the API's own text,
 * from the build) for one site-month, one site-year and the organization-year of all `siteIds`,
 * printed to stdout.
 */
export async function explainStatistics(db, siteId, month, siteIds = [siteId]) {
  const { groupedSql, callsSql } = await import(new URL('../../dist/api/modules/complaint/statistics.service.js', import.meta.url).href);
  const year = String(Number(month.slice(0, 4)) - (month.endsWith('-12') ? 0 : 1));
  const [y, m] = month.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  for (const [label, ids, from, to, rollup] of [[`site-month ${month}`, [siteId], `${month}-01`, monthEnd, false], [`site-year ${year}`, [siteId], `${year}-01-01`, `${Number(year) + 1}-01-01`, false], [`organization-year ${year}`, siteIds, `${year}-01-01`, `${Number(year) + 1}-01-01`, true]]) {
    const f = new Date(`${from}T00:00:00+08:00`).toISOString();
    const t = new Date(`${to}T00:00:00+08:00`).toISOString();
    const params = [ids, ids.map(() => f), ids.map(() => t), ids.map(() => 'Asia/Shanghai'), [], [], []];
    const plan = async (title, sql) => console.log(`--- ${label}: ${title}\n${(await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    await plan('grouped (classification tables, times, SLA)', groupedSql(rollup));
    await plan('calls (satisfaction, member coverage)', callsSql(rollup));
  }
}

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'complaint-stats-month',
  title: 'GET /api/v1/complaints/statistics, a site-month (≈410 complaints of 200,000), one request at a time over the 20 sites',
  data: {},
  // COMPLAINT_BASELINE=0: the API alone.
  baseline: process.env.COMPLAINT_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/complaint-stats-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const cmp = await complaintData(db, data.organizationId);
    const logins = supervisorLogins(cmp);
    const tokens = await app.logins(logins, BENCH_PASSWORD);
    const month = lastMonth();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM complaint WHERE site_id = ANY($1) AND received_at >= ($2 || '-01')::date - interval '8 hours' AND received_at < ($2 || '-01')::date + interval '1 month' - interval '8 hours'`, [cmp.siteIds, month]);
    if (process.env.COMPLAINT_EXPLAIN) await explainStatistics(db, cmp.siteIds[0], month, cmp.siteIds);
    return {
      requests: cmp.siteIds.map((siteId, s) => ({ method: 'GET', path: `/api/v1/complaints/statistics?siteId=${siteId}&month=${month}`, headers: { authorization: `Bearer ${tokens[s]}` } })),
      connections: 1,
      note: `${cmp.siteIds.length} sites, month ${month} (${rows[0].n} complaints in it, ≈${Math.round(rows[0].n / cmp.siteIds.length)} a site), one request at a time; generator: ${cmp.seconds.toFixed(1)} s this run (0 when already there)`,
    };
  },
  compare: compareStatistics,
};
