// GET /api/v1/units (RES-1): the sales board's snapshot of a 5,000-unit site (bench/lib/reservation-data.mjs),
// read by a consultant. A snapshot is one building (500 units) in pages of 200, the board's largest page:
// the requests go round the 10 buildings × 3 pages (30 distinct requests), at 64 connections for --duration.
// Each request counts the building's units joined to their active orders, reads a page of ids in board
// order (building, floor, number), loads those units, then their active orders (about 15 % of the units
// outside building 1 carry a background hold), and reads every unit's status now (GEN-8).
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { BUILDINGS, reservationData } from '../lib/reservation-data.mjs';

const PAGE_SIZE = 200;

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'sales-board',
  title: 'GET /api/v1/units?siteId&building&page&pageSize=200: a building of a 5,000-unit site (the sales board), by a consultant',
  data: {},
  baseline: fileURLToPath(new URL('../baselines/sales-board-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const res = await reservationData(db, data, (m) => console.error(`[bench]   ${m}`));
    // Holds left by an interrupted unit-holds run would change the board between targets: none on building 1.
    await db.query("DELETE FROM unit_order WHERE unit_id = ANY($1)", [res.contendedUnitIds]);
    const [token] = await app.logins([res.logins.consultant[0]], BENCH_PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const perBuilding = Math.ceil(res.unitCount / BUILDINGS / PAGE_SIZE);
    const requests = [];
    for (let b = 1; b <= BUILDINGS; b++) {
      for (let p = 1; p <= perBuilding; p++) {
        requests.push({ method: 'GET', path: `/api/v1/units?siteId=${res.siteId}&building=${encodeURIComponent(`${b}栋`)}&page=${p}&pageSize=${PAGE_SIZE}`, headers });
      }
    }
    // The probe: a building with background holds (building 2), its first page.
    const probe = requests[perBuilding];
    return { requests, probe: { app: probe, baseline: probe }, note: `${requests.length} distinct pages (${BUILDINGS} buildings × ${perBuilding} pages of ${PAGE_SIZE}), cycled; one page ≈ ${PAGE_SIZE} units with their status` };
  },
};
