// The organization-year of complaint statistics for a director (issue #6, goal: under 500 ms).
// Default: GET /api/v1/complaints/statistics/organization?year= — one request for the 20 sites (the
// director holds a director grant on every site), one at a time: a request's latency is the
// organization-year. The statistics are GROUP BYs over stored facts (migration 1764700000000).
//
// COMPLAINT_YEAR_MODE=sites: the 20 sites' `statistics?siteId&year=` requested together (20 connections;
//   how a director had to do it before the organization endpoint existed);
// COMPLAINT_YEAR_MODE=one: a single site-year at a time (connections 1).
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { compareStatistics, complaintData } from './complaint-stats-month.mjs';

/** The last complete year, `YYYY`. */
export const lastYear = (now = new Date()) => String(now.getUTCFullYear() - 1);
const MODE = process.env.COMPLAINT_YEAR_MODE ?? 'organization';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'complaint-stats-year',
  title:
    MODE === 'one'
      ? 'GET /api/v1/complaints/statistics, a site-year (≈5,000 complaints), one request at a time over the 20 sites'
      : MODE === 'sites'
        ? "GET /api/v1/complaints/statistics, the 20 sites' year requested together"
        : 'GET /api/v1/complaints/statistics/organization?year=, the 20 sites (≈100,000 complaints) in one request, one at a time',
  data: {},
  // COMPLAINT_BASELINE=0: the API alone.
  baseline: process.env.COMPLAINT_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/complaint-stats-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const cmp = await complaintData(db, data.organizationId);
    const token = await app.login(cmp.directorLogin, BENCH_PASSWORD);
    const year = lastYear();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM complaint WHERE site_id = ANY($1) AND received_at >= ($2 || '-01-01')::date - interval '8 hours' AND received_at < ($2 || '-01-01')::date + interval '1 year' - interval '8 hours'`, [cmp.siteIds, year]);
    const headers = { authorization: `Bearer ${token}` };
    if (MODE === 'organization') {
      return {
        requests: [{ method: 'GET', path: `/api/v1/complaints/statistics/organization?year=${year}`, headers }],
        connections: 1,
        note: `${cmp.siteIds.length} sites, year ${year} (${rows[0].n} complaints) in one request, one at a time`,
      };
    }
    return {
      requests: cmp.siteIds.map((siteId) => ({ method: 'GET', path: `/api/v1/complaints/statistics?siteId=${siteId}&year=${year}`, headers })),
      connections: MODE === 'one' ? 1 : cmp.siteIds.length,
      note:
        MODE === 'one'
          ? `${cmp.siteIds.length} sites, year ${year} (${rows[0].n} complaints), one site-year at a time`
          : `${cmp.siteIds.length} sites, year ${year} (${rows[0].n} complaints, ≈${Math.round(rows[0].n / cmp.siteIds.length)} a site), ${cmp.siteIds.length} requests in flight; organization-year ≈ ${cmp.siteIds.length} ÷ req/s`,
    };
  },
  compare: compareStatistics,
};
