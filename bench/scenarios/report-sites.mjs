// The monthly report of all 2,000 people. The API has no organization-wide report: the 20 sites'
// reports (100 people each, last month, drafts computed on request) are requested together, 20 at a
// time (one connection per site, each taking the next site when answered), by an organization-wide
// director. A request's latency is then the time one site's report takes while the other 19 are
// computed too; 20 ÷ req/s is the time the whole organization's month takes. The goal for
// "all 2,000": under 1.5 s.
import { BENCH_PASSWORD, createUser } from '../generate.mjs';
import { ATTENDANCE_VOLUMES } from '../lib/attendance.mjs';
import { lastMonth } from './report-site.mjs';

const LOGIN = 'bench-att-director@bench.sitedesk';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'report-sites',
  title: 'GET /api/v1/attendance/reports/monthly, the 20 sites (2,000 people) requested together, last month (draft, computed)',
  data: ATTENDANCE_VOLUMES,
  baseline: null,

  async setup({ db, data, app }) {
    const att = /** @type {any} */ (data.attendance);
    await createUser(db, { organizationId: data.organizationId, login: LOGIN, displayName: '人事总监 HR Director', grants: [[null, 'director']] });
    const token = await app.login(LOGIN, BENCH_PASSWORD);
    const month = lastMonth();
    return {
      requests: att.siteIds.map((siteId) => ({ method: 'GET', path: `/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}`, headers: { authorization: `Bearer ${token}` } })),
      connections: att.siteIds.length,
      note: `${att.siteIds.length} sites (${[...new Set(att.presets)].join(', ')}), month ${month}, ${att.siteIds.length} requests in flight at any time; organization time ≈ ${att.siteIds.length} ÷ req/s`,
    };
  },
};
