// The monthly report of all 2,000 people, as an organization-wide director reads it: ONE request to
// GET /api/v1/attendance/reports/monthly/organization (every site of the organization: the 20
// attendance sites of 100 people each and the two small demo sites, last month, drafts computed on
// request), one request at a time. A request's latency is the time the whole organization's month
// takes. The goal for "all 2,000": under 1.5 s.
//
// REPORT_SITES_MODE=sites measures the earlier way instead: the 20 sites' own reports requested
// together, 20 at a time (one connection per site); 20 ÷ req/s is then the organization's time.
import { BENCH_PASSWORD, createUser } from '../generate.mjs';
import { ATTENDANCE_VOLUMES } from '../lib/attendance.mjs';
import { lastMonth } from './report-site.mjs';

const LOGIN = 'bench-att-director@bench.sitedesk';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'report-sites',
  title:
    process.env.REPORT_SITES_MODE === 'sites'
      ? 'GET /api/v1/attendance/reports/monthly, the 20 sites (2,000 people) requested together, last month (draft, computed)'
      : 'GET /api/v1/attendance/reports/monthly/organization, all sites (2,000 people) in one request, last month (draft, computed)',
  data: ATTENDANCE_VOLUMES,
  baseline: null,

  async setup({ db, data, app }) {
    const att = /** @type {any} */ (data.attendance);
    await createUser(db, { organizationId: data.organizationId, login: LOGIN, displayName: '人事总监 HR Director', grants: [[null, 'director']] });
    const token = await app.login(LOGIN, BENCH_PASSWORD);
    const month = lastMonth();
    if (process.env.REPORT_SITES_MODE !== 'sites') {
      return {
        requests: [{ method: 'GET', path: `/api/v1/attendance/reports/monthly/organization?month=${month}`, headers: { authorization: `Bearer ${token}` } }],
        connections: 1,
        note: `the organization's report: ${att.siteIds.length} attendance sites (${[...new Set(att.presets)].join(', ')}) and the demo sites, month ${month}, one request at a time; latency = the whole organization's month`,
      };
    }
    return {
      requests: att.siteIds.map((siteId) => ({ method: 'GET', path: `/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}`, headers: { authorization: `Bearer ${token}` } })),
      connections: att.siteIds.length,
      note: `${att.siteIds.length} sites (${[...new Set(att.presets)].join(', ')}), month ${month}, ${att.siteIds.length} requests in flight at any time; organization time ≈ ${att.siteIds.length} ÷ req/s`,
    };
  },
};
