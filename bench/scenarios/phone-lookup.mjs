// GET /api/v1/clients/lookup (GEN-7): who owns a phone number on the site, on the volumes of issue #4
// (1 million customers on 20 sites; bench/lib/clients-data.mjs), at 32 connections (the goal:
// p99 under 20 ms through the API).
//
// 4,000 different lookups cycled over for --duration by 40 staff (two consultants per site, each on
// their own site): 85 % numbers of the site's customers drawn at random (so 55 % owned: the customer and
// the owner's name, 30 % open pool, 15 % new: the customer only), 15 % unknown numbers (not found);
// one in ten written `+86 138 1234 5678` (normalized by the API).
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, random } from '../generate.mjs';
import { benchPhone } from '../lib/clients-data.mjs';
import { CLIENT_VOLUMES } from './partner-report.mjs';

const LOOKUPS = 4000;

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'phone-lookup',
  title: 'GET /api/v1/clients/lookup?siteId&phone: the owner of a number, 1M customers on 20 sites',
  data: CLIENT_VOLUMES,
  baseline: fileURLToPath(new URL('../baselines/phone-lookup-raw.mjs', import.meta.url)),

  async setup({ data, app }) {
    const cl = /** @type {any} */ (data.clients);
    const staff = cl.staffLogins.flatMap((logins, s) => logins.slice(0, 2).map((login) => ({ login, s })));
    const tokens = await app.logins(staff.map((p) => p.login), BENCH_PASSWORD);
    const rng = random(4242);
    let unknown = 0;
    const requests = Array.from({ length: LOOKUPS }, (_, i) => {
      const who = i % staff.length;
      const s = staff[who].s;
      const known = rng.next() < 0.85;
      if (!known) unknown++;
      const phone = known ? benchPhone(s * 10_000_000 + rng.int(cl.customersPerSite)) : benchPhone(950_000_000 + i);
      const written = i % 10 === 0 ? `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
      return { method: 'GET', path: `/api/v1/clients/lookup?siteId=${cl.siteIds[s]}&phone=${encodeURIComponent(written)}`, headers: { authorization: `Bearer ${tokens[who]}` } };
    });
    return {
      requests,
      connections: 32,
      note: `${LOOKUPS} lookups by ${staff.length} consultants on ${cl.siteIds.length} sites of ${cl.customersPerSite} customers: ${LOOKUPS - unknown} known numbers, ${unknown} unknown`,
    };
  },
};
