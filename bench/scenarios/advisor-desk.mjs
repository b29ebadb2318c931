// GET /api/v1/repair-orders?siteId&advisorId&state (issue #7): the service advisor's desk — the advisor's
// open orders of one stage, newest first (one column of the desk), and the advisor's first page of all
// orders — on the volumes of issue #7 (300,000 repair orders over two years on 20 service sites, ≈1
// million estimate/work lines; bench/lib/repair-orders-data.mjs). Each request is sent with the token of
// the advisor it asks about; the list goes round 20 sites × 4 advisors × (12 open stages + no stage).
// One request at a time (REPAIR_CONNECTIONS to change it): a request's latency is the query's time.
// The issue's goal: under 300 ms.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, benchPasswordHash, grantRoles, insertRows, random } from '../generate.mjs';
import { ensureRepairOrders, RO_OPEN_STATES, RO_STAFF } from '../lib/repair-orders-data.mjs';

/** The repair-order data, written once per database (a second call adds nothing). */
export const repairData = (db, organizationId) => ensureRepairOrders(db, { lib: { insertRows, grantRoles, random, benchPasswordHash }, organizationId });
/** The login of staff member `k` (index in RO_STAFF) of site `s`. */
export const staffLogin = (ro, s, k) => ro.staffLogins[s * RO_STAFF.length + k];

/** The same JSON, or where the first difference is. */
export function compareJson(api, baseline) {
  if (api.status !== 200 || baseline.status !== 200) return `status ${api.status} from the API, ${baseline.status} from the baseline: ${api.body.slice(0, 300)} / ${baseline.body.slice(0, 300)}`;
  if (api.body === baseline.body) return null;
  const [a, b] = [JSON.parse(api.body), JSON.parse(baseline.body)];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return `${k} differs:\n  API      ${JSON.stringify(a[k]).slice(0, 600)}\n  baseline ${JSON.stringify(b[k]).slice(0, 600)}`;
  return 'the bodies differ (key order)';
}

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'advisor-desk',
  title: "GET /api/v1/repair-orders?advisorId&state, an advisor's desk column (300,000 orders on 20 sites), one request at a time",
  data: {},
  baseline: process.env.REPAIR_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/advisor-desk-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const ro = await repairData(db, data.organizationId);
    const logins = ro.siteIds.flatMap((_, s) => [0, 1, 2, 3].map((k) => staffLogin(ro, s, k)));
    const tokens = await app.logins(logins, BENCH_PASSWORD);
    const stages = [...RO_OPEN_STATES, null];
    const requests = [];
    // Advisor by advisor, the desk's columns one after the other (what an advisor's desk asks for).
    for (let s = 0; s < ro.siteIds.length; s++)
      for (let k = 0; k < 4; k++)
        for (const state of stages)
          requests.push({ method: 'GET', path: `/api/v1/repair-orders?siteId=${ro.siteIds[s]}&advisorId=${ro.staffOf[s][k]}${state ? `&state=${state}` : ''}`, headers: { authorization: `Bearer ${tokens[s * 4 + k]}` } });
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE state <> ALL($2))::int AS open FROM repair_order WHERE site_id = ANY($1)`, [ro.siteIds, ['exited', 'declined']]);
    return {
      requests,
      connections: Number(process.env.REPAIR_CONNECTIONS ?? 1),
      probe: { app: requests[0], baseline: requests[0] },
      note: `${requests.length} requests: ${ro.siteIds.length} sites × 4 advisors × (${RO_OPEN_STATES.length} open stages + all); ${rows[0].n} orders, ${rows[0].open} open; generator: ${ro.seconds.toFixed(1)} s this run (${JSON.stringify(ro.counts)})`,
    };
  },
  compare: compareJson,
};
