// POST /api/v1/units/{id}/holds (RES-2/RES-3): 64 connections contend for 50 units of a 5,000-unit site
// (bench/lib/reservation-data.mjs). The hold locks the unit row (SELECT … FOR UPDATE) and inserts the order
// under the partial unique index UQ_unit_order_active; the losers get 409 UNIT_NOT_AVAILABLE.
//
// The load is a fixed number of requests: 64 attempts on each of the 50 units (3,200), by 8 managers for
// 2,000 customers, in bursts of 8 consecutive attempts on one unit, so that the 64 requests in flight fall on
// about 8 units at a time (an opening sale: everybody reaches for the same units). Exactly 50 answers are
// 201 (the first attempt on each unit), 3,150 are 409 — the runner counts them by status (`byStatus`) and,
// since a 409 is not 2xx, flags the run: that flag is expected here and is not an error.
//
// Correctness is checked in the database, not taken from the answers: while the scenario runs, a poller
// reads every second how many active orders the contended units have and whether any unit of the site has
// two (it cannot, by the index: this is the proof that the load did not get past it). Each phase (warm-up,
// measurement) is closed by `reset`, which records the phase's last reading, then deletes the orders made on
// the 50 units (their audit events stay, append-only) and vacuums unit_order, so that every phase, and the
// API and a baseline, start from the same state. The note line gives every phase's reading.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { CONTENDED, reservationData } from '../lib/reservation-data.mjs';

const ATTEMPTS_PER_UNIT = 64;
const BURST = 8;
const ACTIVE = "('held', 'subscribed', 'deposited', 'contracted')";

/** @type {{ phases: string[], last: string | null }} */
const state = { phases: [], last: null };

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'unit-holds',
  title: 'POST /api/v1/units/{id}/holds: 64 connections contend for 50 units of a 5,000-unit site (201 for the first, 409 UNIT_NOT_AVAILABLE for the rest)',
  data: {},
  baseline: fileURLToPath(new URL('../baselines/unit-holds-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const res = await reservationData(db, data, (m) => console.error(`[bench]   ${m}`));
    const units = res.contendedUnitIds;
    if (units.length !== CONTENDED) throw new Error(`expected ${CONTENDED} contended units, found ${units.length}`);
    const clear = async () => {
      await db.query('DELETE FROM unit_order WHERE unit_id = ANY($1)', [units]);
      await db.query('VACUUM (ANALYZE) unit_order');
    };
    await clear();
    const tokens = await app.logins(res.logins.manager, BENCH_PASSWORD);
    const requests = Array.from({ length: ATTEMPTS_PER_UNIT * CONTENDED }, (_, i) => ({
      method: 'POST',
      path: `/api/v1/units/${units[Math.floor(i / BURST) % CONTENDED]}/holds`,
      headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: res.customerIds[i % res.customerIds.length] }),
    }));

    const read = async () => {
      const { rows: [r] } = await db.query(
        `SELECT (SELECT count(*) FROM unit_order WHERE unit_id = ANY($1))::int AS orders,
                (SELECT count(*) FROM unit_order WHERE unit_id = ANY($1) AND status IN ${ACTIVE})::int AS active,
                (SELECT count(DISTINCT unit_id) FROM unit_order WHERE unit_id = ANY($1) AND status IN ${ACTIVE})::int AS units,
                (SELECT count(*) FROM (SELECT unit_id FROM unit_order WHERE site_id = $2 AND status IN ${ACTIVE} GROUP BY unit_id HAVING count(*) > 1) d)::int AS doubled`,
        [units, res.siteId],
      );
      const ok = r.doubled === 0 && r.active === r.units;
      return `${r.orders} orders made, ${r.active} active on ${r.units} of the ${CONTENDED} units, ${r.doubled} units of the site with two active orders${ok ? '' : ' — VIOLATION'}`;
    };
    const poll = setInterval(() => {
      read().then((s) => { state.last = s; }, () => {});
    }, 1000);
    poll.unref();
    let phase = 0;
    // Phases: the probe, then per round the API's warm-up and measurement, the baseline's warm-up and measurement.
    const name = (k) => (k === 0 ? 'probe' : `${['api warm-up', 'api measurement', 'raw warm-up', 'raw measurement'][(k - 1) % 4]}${k > 4 ? ` (round ${Math.floor((k - 1) / 4) + 1})` : ''}`);
    return {
      requests,
      amount: requests.length,
      probe: { app: requests[0], baseline: requests[8] },
      async reset() {
        state.phases.push(`${name(phase)}: ${await read()}`);
        phase++;
        await clear();
        state.last = null;
      },
      get note() {
        const last = state.last ? [`${name(phase)}: ${state.last}`] : [];
        return `${ATTEMPTS_PER_UNIT} attempts on each of ${CONTENDED} units in bursts of ${BURST} (8 managers, 2,000 customers); expected per phase 50 × 201 and ${ATTEMPTS_PER_UNIT * CONTENDED - CONTENDED} × 409 (the 409s flag the run by design). Database after each phase: ${[...state.phases, ...last].join('; ')}`;
      },
    };
  },

  // The probe holds two different units (first attempts): both 201, the same shape; ids and times differ.
  compare(api, raw) {
    if (api.status !== 201 || raw.status !== 201) return `status ${api.status} from the API, ${raw.status} from the baseline (both should be 201)`;
    const shape = (s) => { const o = JSON.parse(s); return [Object.keys(o).sort().join(','), o.status, o.heldByName ? 'named' : 'unnamed', o.payments?.length].join('|'); };
    return shape(api.body) === shape(raw.body) ? null : `the answers differ in shape:\n  API      ${api.body.slice(0, 600)}\n  baseline ${raw.body.slice(0, 600)}`;
  },
};
