// The organization-year of complaint statistics for a director (issue #6). The API has NO
// organization-wide statistic (GET /api/v1/complaints/statistics takes one siteId), so a director's
// year across all sites is the 20 sites' year statistics requested together: 20 requests in flight,
// one connection per site, with the director's token (a director grant on every site). The
// organization's time ≈ 20 ÷ req/s; a request's latency is one site-year (≈5,000 complaints) under
// the load of the 19 others. The goal: under 500 ms.
//
// COMPLAINT_YEAR_MODE=one measures a single site-year at a time instead (connections 1).
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { compareStatistics, complaintData } from './complaint-stats-month.mjs';

/** The last complete year, `YYYY`. */
export const lastYear = (now = new Date()) => String(now.getUTCFullYear() - 1);

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'complaint-stats-year',
  title:
    process.env.COMPLAINT_YEAR_MODE === 'one'
      ? 'GET /api/v1/complaints/statistics, a site-year (≈5,000 complaints), one request at a time over the 20 sites'
      : 'GET /api/v1/complaints/statistics, the 20 sites\' year requested together (no organization-wide statistic exists)',
  data: {},
  // COMPLAINT_BASELINE=0: the API alone.
  baseline: process.env.COMPLAINT_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/complaint-stats-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const cmp = await complaintData(db, data.organizationId);
    const token = await app.login(cmp.directorLogin, BENCH_PASSWORD);
    const year = lastYear();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM complaint WHERE site_id = ANY($1) AND received_at >= ($2 || '-01-01')::date - interval '8 hours' AND received_at < ($2 || '-01-01')::date + interval '1 year' - interval '8 hours'`, [cmp.siteIds, year]);
    const one = process.env.COMPLAINT_YEAR_MODE === 'one';
    return {
      requests: cmp.siteIds.map((siteId) => ({ method: 'GET', path: `/api/v1/complaints/statistics?siteId=${siteId}&year=${year}`, headers: { authorization: `Bearer ${token}` } })),
      connections: one ? 1 : cmp.siteIds.length,
      note: one
        ? `${cmp.siteIds.length} sites, year ${year} (${rows[0].n} complaints), one site-year at a time`
        : `${cmp.siteIds.length} sites, year ${year} (${rows[0].n} complaints, ≈${Math.round(rows[0].n / cmp.siteIds.length)} a site), ${cmp.siteIds.length} requests in flight; organization-year ≈ ${cmp.siteIds.length} ÷ req/s`,
    };
  },
  compare: compareStatistics,
};
