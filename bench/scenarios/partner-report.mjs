// POST /api/v1/partner/reports (CA-6/CA-7/CA-15): partner agencies report customers, with the full
// duplicate check — under the per-number advisory lock, the protected customers with the number's
// pattern and the running reports with it — on the volumes of issue #4 (1 million customers on 20
// sites, 200 agencies with 5 agents each, 36,000 running reports; bench/lib/clients-data.mjs).
//
// Every report is a write with its own Idempotency-Key, so the load is a fixed number of requests, each
// a different report, cycled over the 1,000 agents (consecutive requests come from different agents):
// 70 % new numbers (201 pending), 15 % numbers of customers owned and protected on the site (201
// duplicate, owned_on_site), 10 % numbers another agency reported and is still running (201 duplicate),
// 5 % masked numbers (`139****1234`, the site allows them; pending or duplicate as they fit). The rate
// limit (120 requests a minute per agent, in the API process) is not reached: an agent sends
// 6,000 / 1,000 = 6 reports per warm-up and 6 per measurement. Before each warm-up and measurement the
// reports and the idempotency records made since the setup are deleted (and the tables vacuumed), so
// that the API and the baseline make the same reports on the same data. The audit events stay.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { benchPhone } from '../lib/clients-data.mjs';

export const CLIENT_VOLUMES = { customers: 1_000_000 };
const REQUESTS = 6000;
const mask = (p) => `${p.slice(0, 3)}****${p.slice(-4)}`;

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'partner-report',
  title: 'POST /api/v1/partner/reports with Idempotency-Key and the duplicate check: one report per request, 1M customers, 200 agencies',
  data: CLIENT_VOLUMES,
  baseline: fileURLToPath(new URL('../baselines/partner-report-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const setupAt = new Date();
    const cl = /** @type {any} */ (data.clients);
    // Earlier runs' reports on this database (the generated ones have visit codes starting with 1).
    await db.query("DELETE FROM partner_report WHERE site_id = ANY($1) AND visit_code NOT LIKE '1%'", [cl.siteIds]);
    const agents = cl.agentLogins.flatMap((logins, a) => logins.map((login) => ({ login, agency: a })));
    const tokens = await app.logins(agents.map((g) => g.login), BENCH_PASSWORD);
    const { rows: ids } = await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [agents.map((g) => g.login)]);
    const idOf = new Map(ids.map((r) => [r.login, r.id]));
    // Per site: protected customers' numbers, and running reports (number, agency) of the generator.
    const [{ rows: owned }, { rows: running }] = await Promise.all([
      db.query(`SELECT site_id, phone FROM (SELECT site_id, phone, row_number() OVER (PARTITION BY site_id ORDER BY phone) AS n FROM customer
                WHERE site_id = ANY($1) AND status = 'owned' AND protected_until > now() + interval '1 day') x WHERE n <= 200`, [cl.siteIds]),
      db.query(`SELECT site_id, phone, agency_id FROM partner_report WHERE site_id = ANY($1) AND status = 'pending' AND phone IS NOT NULL
                AND expires_at > now() + interval '1 hour' AND visit_code LIKE '1%' ORDER BY site_id, phone`, [cl.siteIds]),
    ]);
    const bySite = (rows) => rows.reduce((m, r) => m.set(r.site_id, [...(m.get(r.site_id) ?? []), r]), new Map());
    const ownedOf = bySite(owned);
    const runningOf = bySite(running);
    const expectedVisitAt = new Date(setupAt.getTime() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const kinds = { new: 0, owned: 0, running: 0, masked: 0 };
    const requests = Array.from({ length: REQUESTS }, (_, i) => {
      const g = agents[(i * 7) % agents.length];
      const sites = cl.agencySites[g.agency];
      const siteId = cl.siteIds[sites[Math.floor(i / agents.length) % sites.length]];
      const r = i % 20;
      let phone;
      if (r < 3 && ownedOf.get(siteId)?.length) {
        const list = ownedOf.get(siteId);
        phone = list[i % list.length].phone;
        kinds.owned++;
      } else if (r < 5 && runningOf.get(siteId)?.some((x) => x.agency_id !== cl.agencyIds[g.agency])) {
        const list = runningOf.get(siteId).filter((x) => x.agency_id !== cl.agencyIds[g.agency]);
        phone = list[i % list.length].phone;
        kinds.running++;
      } else if (r === 5) {
        phone = mask(benchPhone(900_000_000 + i));
        kinds.masked++;
      } else {
        phone = benchPhone(900_000_000 + i);
        kinds.new++;
      }
      return {
        method: 'POST',
        path: '/api/v1/partner/reports',
        headers: { authorization: `Bearer ${tokens[agents.indexOf(g)]}`, 'content-type': 'application/json', 'idempotency-key': `bench-report-${i}` },
        body: JSON.stringify({ siteId, customerName: `${'王李张刘陈'[i % 5]}先生`, phone, expectedVisitAt }),
      };
    });
    const principals = agents.map((g) => `user:${idOf.get(g.login)}`);
    // Earlier runs' idempotency records of these keys (kept 24 hours): a key reused with another body is a 422.
    await db.query("DELETE FROM idempotency_record WHERE principal = ANY($1) AND key LIKE 'bench-report-%'", [principals]);
    const firstNew = requests.findIndex((_, i) => i % 20 > 5);
    const secondNew = requests.findIndex((_, i) => i > firstNew && i % 20 > 5);
    return {
      requests,
      amount: requests.length,
      probe: { app: requests[firstNew], baseline: requests[secondNew] },
      reset: async () => {
        await db.query('DELETE FROM partner_report WHERE site_id = ANY($1) AND created_at >= $2', [cl.siteIds, setupAt]);
        await db.query('DELETE FROM idempotency_record WHERE principal = ANY($1) AND created_at >= $2', [principals, setupAt]);
        await db.query('VACUUM (ANALYZE) partner_report, idempotency_record');
      },
      note: `${REQUESTS} reports by ${agents.length} agents of ${cl.agencyIds.length} agencies on ${cl.siteIds.length} sites (${cl.customersPerSite} customers each): ${kinds.new} new numbers, ${kinds.owned} protected customers, ${kinds.running} running reports of another agency, ${kinds.masked} masked`,
    };
  },

  // Two new reports of two numbers: both 201 pending, the same shape; ids, codes and times differ.
  compare(api, baseline) {
    if (api.status !== 201 || baseline.status !== 201) return `status ${api.status} from the API, ${baseline.status} from the baseline (201 expected): ${api.body.slice(0, 300)} / ${baseline.body.slice(0, 300)}`;
    const [a, b] = [JSON.parse(api.body), JSON.parse(baseline.body)];
    if (JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b))) return `the bodies differ in shape:\n  API      ${api.body}\n  baseline ${baseline.body}`;
    for (const k of ['status', 'visitedAt', 'expectedVisitAt']) if (a[k] !== b[k]) return `${k} differs: ${a[k]} / ${b[k]}`;
    if (a.status !== 'pending' || !/^\d{3}\*{4}\d{4}$/.test(a.phoneMasked) || !/^\d{3}\*{4}\d{4}$/.test(b.phoneMasked)) return `unexpected answers: ${api.body} / ${baseline.body}`;
    if (typeof a.visitCode !== 'string' || a.visitCode.length !== 8 || typeof b.visitCode !== 'string' || b.visitCode.length !== 8) return 'visit codes differ in shape';
    if (Math.abs(Date.parse(a.expiresAt) - Date.parse(a.createdAt) - (Date.parse(b.expiresAt) - Date.parse(b.createdAt))) > 0) return 'the validity differs';
    return null;
  },
};
