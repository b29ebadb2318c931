// GET /api/v1/attendance/reports/monthly for one site of 100 people and last month (a draft: computed
// on every request from the rota, the punches and the leave), one request at a time, as the site's
// clerk. The goal: under 1.5 s. No raw baseline: the time per request is the measure.
import { addDays, localDate } from '@sitedesk/domain';
import { BENCH_PASSWORD } from '../generate.mjs';
import { ATTENDANCE_VOLUMES } from '../lib/attendance.mjs';

/** The last complete month in the sites' time zone: `YYYY-MM`. */
export const lastMonth = (now = new Date()) => addDays(`${localDate(now, ATTENDANCE_TIME_ZONE).slice(0, 7)}-01`, -1).slice(0, 7);

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'report-site',
  title: 'GET /api/v1/attendance/reports/monthly, one site of 100 people, last month (draft, computed), one request at a time',
  data: ATTENDANCE_VOLUMES,
  baseline: null,

  async setup({ data, app }) {
    const att = /** @type {any} */ (data.attendance);
    const token = await app.login(att.logins[0][1], BENCH_PASSWORD); // the clerk of the first site (case-site, six-day week)
    const month = lastMonth();
    return {
      requests: [{ method: 'GET', path: `/api/v1/attendance/reports/monthly?siteId=${att.siteIds[0]}&month=${month}`, headers: { authorization: `Bearer ${token}` } }],
      connections: 1,
      note: `site ${att.siteCodes[0]} (${att.presets[0]}), month ${month}, as its clerk; sequential requests`,
    };
  },
};
