// GET /api/v1/repair-orders/{id} (issue #7): the order page — the order with its estimate lines, work
// records, signatures and timeline — at 32 connections, going round 2,000 different orders of the 20
// service sites (every state, sampled evenly over the two years and the open ones), each with the token
// of its site's manager. The issue's goal: the p99 at 32 connections.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { compareJson, repairData, staffLogin } from './advisor-desk.mjs';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'repair-order-page',
  title: 'GET /api/v1/repair-orders/{id}, 2,000 different orders of 300,000, 32 connections',
  data: {},
  baseline: process.env.REPAIR_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/repair-order-page-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const ro = await repairData(db, data.organizationId);
    const tokens = await app.logins(ro.siteIds.map((_, s) => staffLogin(ro, s, 7)), BENCH_PASSWORD);
    const tokenOf = new Map(ro.siteIds.map((id, s) => [id, tokens[s]]));
    // 1,700 exited/declined/settled … sampled by hash, and 300 of the open ones.
    const { rows } = await db.query(
      `(SELECT id, site_id, state FROM repair_order WHERE site_id = ANY($1) AND state IN ('exited', 'declined') ORDER BY md5(id::text) LIMIT 1700)
       UNION ALL (SELECT id, site_id, state FROM repair_order WHERE site_id = ANY($1) AND state NOT IN ('exited', 'declined') ORDER BY md5(id::text) LIMIT 300)`,
      [ro.siteIds],
    );
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const states = {};
    for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
    const requests = rows.map((r) => ({ method: 'GET', path: `/api/v1/repair-orders/${r.id}`, headers: { authorization: `Bearer ${tokenOf.get(r.site_id)}` } }));
    return {
      requests,
      connections: 32,
      probe: { app: requests[0], baseline: requests[0] },
      note: `${requests.length} orders (${Object.entries(states).map(([k, n]) => `${k} ${n}`).join(', ')}), 32 connections`,
    };
  },
  compare: compareJson,
};
