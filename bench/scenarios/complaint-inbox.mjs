// GET /api/v1/complaints (the complaint inbox, CMP-1/GEN-8) at 32 connections on the volumes of issue
// #6 (200,000 complaints over two years on 20 sites; 10,000 a site). The requests go round the 20
// sites' supervisors and a mix of what the inbox is opened with: the first page (50 newest), pages 2
// and 5, the unowned online ones (ownerId=none), open states (received, investigating), major ones,
// the breached ones (breached=true: the EXISTS over the SLA clocks), a category, a channel, and a
// month (from/to). The issue asks for the p99.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { complaintData, supervisorLogins } from './complaint-stats-month.mjs';

const FILTERS = ['', '&page=2', '&page=5', '&ownerId=none', '&status=received', '&status=investigating', '&severity=major', '&breached=true', '&category=quality', '&channel=online'];

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'complaint-inbox',
  title: 'GET /api/v1/complaints, the inbox (50 a page) with a mix of filters, 200,000 complaints on 20 sites, 32 connections',
  data: {},
  // COMPLAINT_BASELINE=0: the API alone.
  baseline: process.env.COMPLAINT_BASELINE === '0' ? null : fileURLToPath(new URL('../baselines/complaint-inbox-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const cmp = await complaintData(db, data.organizationId);
    const tokens = await app.logins(supervisorLogins(cmp), BENCH_PASSWORD);
    const now = new Date();
    const monthAgo = new Date(now.getTime() - 45 * 86_400_000).toISOString().slice(0, 10);
    const filters = [...FILTERS, `&from=${monthAgo.slice(0, 8)}01&to=${monthAgo.slice(0, 8)}28`];
    if (process.env.COMPLAINT_EXPLAIN) {
      // The inbox's page and count statements (as the raw baseline writes them) for the unfiltered first page and breached=true.
      const breached = `EXISTS (SELECT 1 FROM complaint_sla_clock k WHERE k.complaint_id = c.id AND k.due_at IS NOT NULL
        AND ((k.stopped_at IS NULL AND k.due_at <= $2) OR (k.stopped_at IS NOT NULL AND k.stopped_at <= $2 AND k.stopped_at >= k.due_at)))`;
      for (const [label, where] of [['first page', 'c.site_id = $1 AND $2::timestamptz IS NOT NULL'], ['breached=true', `c.site_id = $1 AND ${breached}`], ['status=received', "c.site_id = $1 AND c.state = 'received' AND $2::timestamptz IS NOT NULL"]]) {
        for (const sql of [`SELECT c.* FROM complaint c WHERE ${where} ORDER BY c.received_at DESC, c.id ASC LIMIT 50 OFFSET 0`, `SELECT COUNT(DISTINCT(c.id)) AS cnt FROM complaint c WHERE ${where}`]) {
          const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [cmp.siteIds[0], now])).rows.map((r) => r['QUERY PLAN']).join('\n');
          console.log(`--- inbox ${label}: ${sql.slice(0, 40)}…\n${plan}`);
        }
      }
    }
    const requests = [];
    for (let f = 0; f < filters.length; f++)
      for (let s = 0; s < cmp.siteIds.length; s++) requests.push({ method: 'GET', path: `/api/v1/complaints?siteId=${cmp.siteIds[s]}${filters[(f + s) % filters.length]}`, headers: { authorization: `Bearer ${tokens[s]}` } });
    return {
      requests,
      connections: 32,
      probe: { app: requests[0], baseline: requests[0] },
      note: `${cmp.siteIds.length} sites × ${filters.length} filter mixes (${filters.map((f) => f || 'first page').join(' ')}), 32 connections`,
    };
  },

  // The same page: same total and the same complaints in the same order, with the same fields.
  compare(api, baseline) {
    if (api.status !== 200 || baseline.status !== 200) return `status ${api.status} from the API, ${baseline.status} from the baseline: ${api.body.slice(0, 300)} / ${baseline.body.slice(0, 300)}`;
    if (api.body === baseline.body) return null;
    const [a, b] = [JSON.parse(api.body), JSON.parse(baseline.body)];
    for (const k of Object.keys(a)) if (k !== 'items' && JSON.stringify(a[k]) !== JSON.stringify(b[k])) return `${k} differs: ${JSON.stringify(a[k])} / ${JSON.stringify(b[k])}`;
    if (a.items.length !== b.items.length) return `${a.items.length} items from the API, ${b.items.length} from the baseline`;
    for (let i = 0; i < a.items.length; i++) if (JSON.stringify(a.items[i]) !== JSON.stringify(b.items[i])) return `item ${i} differs:\n  API      ${JSON.stringify(a.items[i]).slice(0, 600)}\n  baseline ${JSON.stringify(b.items[i]).slice(0, 600)}`;
    return null;
  },
};
