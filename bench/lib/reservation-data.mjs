// Reservation data (issue #5): one sales site with 5,000 units, the managers, consultants, service
// advisors and customers the reservation scenarios need, and a service-appointment policy.
//
// Called from the scenarios' setup (unit-holds, sales-board, service-booking) with the runner's pool and
// generate.mjs's helpers (passed in, as clients-data.mjs does: importing generate.mjs from here would
// deadlock when it runs as the CLI):
//
//   const res = await createReservation(db, { lib: { insertRows, grantRoles, random, benchPasswordHash }, organizationId });
//
// Its own site `bench-res-site-001` (kind sales_office, Asia/Shanghai) and people, all with password
// BENCH_PASSWORD: `bench-res-manager-01…08@bench.sitedesk` (manager: the only role that holds, RES-2),
// `bench-res-consultant-01…04` (consultant: reads the board), `bench-res-advisor-01…08` (service_advisor:
// books service appointments). Then:
// - 5,000 units: buildings 1栋…10栋, 25 floors, 20 units a floor (number = floor·100 + k), layouts
//   2室1厅 / 3室2厅 / 4室2厅 / 复式, 70–180 m², ¥28,000–42,000 per m² (list_price_fen); unit_key as the
//   domain's unitKey;
// - 2,000 customers of the site (unique phone per site);
// - the board's background: an active `held` order on 15 % of the units outside building 1 (chosen by
//   the seeded PRNG), so that the board's LEFT JOIN on active orders finds some; building 1 floors 1–3
//   (the first 50 units by floor and number: `contendedUnitIds`) never gets a background order — the
//   unit-holds scenario contends for them;
// - appointment_policy version 1 for the site: the defaults with 40 bays per 60-minute slot (RES-10).
// Deterministic (seeded) and idempotent: site, people, units, customers ON CONFLICT DO NOTHING; roles only
// for people created now; background orders ON CONFLICT on the partial unique index (one active order per
// unit) — a second run adds nothing. Units, customers and orders are written with batched
// INSERT … SELECT FROM unnest (insertRows).

const DAY = 86_400_000;
const pad = (n, width) => String(n).padStart(width, '0');
export const RES_SITE_CODE = (prefix) => `${prefix}-res-site-001`;
export const resLogin = (prefix, kind, i) => `${prefix}-res-${kind}-${pad(i + 1, 2)}@bench.sitedesk`;
export const BUILDINGS = 10;
export const FLOORS = 25;
export const PER_FLOOR = 20;
export const CUSTOMERS = 2000;
export const CONTENDED = 50;
const PEOPLE = /** @type {[kind: string, role: string, count: number][]} */ ([['manager', 'manager', 8], ['consultant', 'consultant', 4], ['advisor', 'service_advisor', 8]]);
const LAYOUTS = /** @type {[string, number][]} */ ([['2室1厅', 30], ['3室2厅', 45], ['4室2厅', 20], ['复式', 5]]);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];
export const RES_BAYS = 40;

/**
 * @param {import('../generate.mjs').Db} db
 * @param {{ organizationId: string, prefix?: string, seed?: number, log?: (m: string) => void,
 *   lib: Pick<typeof import('../generate.mjs'), 'insertRows' | 'grantRoles' | 'random' | 'benchPasswordHash'> }} o
 */
export async function createReservation(db, { lib, organizationId, prefix = 'bench', seed = 1, log = () => {} }) {
  const t0 = Date.now();
  const { insertRows, grantRoles, random, benchPasswordHash } = lib;
  const { DEFAULT_APPOINTMENT_POLICY, unitKey } = await import('@sitedesk/domain');
  const now = new Date();

  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], [[organizationId, RES_SITE_CODE(prefix), '销控 Reservation Bench', 'sales_office', 'Asia/Shanghai']], { suffix: 'ON CONFLICT DO NOTHING' });
  const { rows: [{ id: siteId }] } = await db.query('SELECT id FROM site WHERE code = $1', [RES_SITE_CODE(prefix)]);

  // People; roles only for the ones created now.
  const passwordHash = await benchPasswordHash();
  const people = PEOPLE.flatMap(([kind, role, n]) => Array.from({ length: n }, (_, i) => ({ login: resLogin(prefix, kind, i), role, name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}` })));
  const created = new Date(now.getTime() - 400 * DAY);
  const inserted = await insertRows(db, 'app_user', [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['created_at', 'timestamptz']],
    people.map((p) => [organizationId, p.login, p.name, passwordHash, 'zh-CN', created]), { suffix: 'ON CONFLICT DO NOTHING RETURNING login' });
  const fresh = new Set(inserted.map((r) => r.login));
  const idOf = new Map((await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [people.map((p) => p.login)])).rows.map((r) => [r.login, r.id]));
  await grantRoles(db, people.filter((p) => fresh.has(p.login)).map((p) => [organizationId, idOf.get(p.login), siteId, p.role, created, null]));
  const logins = Object.fromEntries(PEOPLE.map(([kind, , n]) => [kind, Array.from({ length: n }, (_, i) => resLogin(prefix, kind, i))]));
  const managerIds = logins.manager.map((l) => idOf.get(l));

  // Units.
  const rng = random(seed * 104_729 + 5);
  const unitRows = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let f = 1; f <= FLOORS; f++) {
      for (let k = 1; k <= PER_FLOOR; k++) {
        const building = `${b}栋`;
        const number = String(f * 100 + k);
        const layout = rng.weighted(LAYOUTS);
        const area = 7000 + rng.int(11_001); // centi-m²: 70.00–180.00 m²
        const perM2 = 28_000 + rng.int(14_001); // yuan
        unitRows.push([siteId, building, number, unitKey({ building, number }), f, layout, area, Math.round((area * perM2) / 100) * 100, managerIds[0], created, created]);
      }
    }
  }
  const addedUnits = await insertRows(db, 'unit', [['site_id', 'uuid'], ['building', 'text'], ['number', 'text'], ['unit_key', 'text'], ['floor', 'int'], ['layout', 'text'], ['area_centi_m2', 'int'], ['list_price_fen', 'bigint'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    unitRows, { suffix: 'ON CONFLICT DO NOTHING RETURNING 1', batchSize: 2500 });
  const { rows: units } = await db.query('SELECT id, building, floor, number, list_price_fen FROM unit WHERE site_id = $1 ORDER BY building, floor, number, id', [siteId]);

  // Customers.
  const customerRows = Array.from({ length: CUSTOMERS }, (_, i) => {
    const phone = `139${pad(70_000_000 + i, 8)}`;
    return [siteId, `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / 10) % GIVEN.length]}${i}`, phone, `${phone.slice(0, 3)}****${phone.slice(-4)}`, 'visit', 'B', 'new', true, created, created];
  });
  const addedCustomers = await insertRows(db, 'customer', [['site_id', 'uuid'], ['name', 'text'], ['phone', 'text'], ['phone_pattern', 'text'], ['source', 'text'], ['grade', 'text'], ['status', 'text'], ['visited', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    customerRows, { suffix: 'ON CONFLICT DO NOTHING RETURNING 1', batchSize: 2000 });
  const customerIds = (await db.query('SELECT id FROM customer WHERE site_id = $1 ORDER BY phone LIMIT $2', [siteId, CUSTOMERS])).rows.map((r) => r.id);

  // The contended units: building 1, the first 50 by floor and number; the board's background orders elsewhere.
  const contendedUnitIds = units.filter((u) => u.building === '1栋').slice(0, CONTENDED).map((u) => u.id);
  const pick = random(seed * 7 + 11);
  const heldAt = new Date(now.getTime() - 2 * DAY);
  const orderRows = units
    .filter((u) => u.building !== '1栋' && pick.next() < 0.15)
    .map((u, i) => [siteId, u.id, customerIds[i % customerIds.length], 'held', managerIds[i % managerIds.length], heldAt, u.list_price_fen, heldAt]);
  const addedOrders = await insertRows(db, 'unit_order', [['site_id', 'uuid'], ['unit_id', 'uuid'], ['customer_id', 'uuid'], ['status', 'text'], ['held_by', 'uuid'], ['held_at', 'timestamptz'], ['list_price_fen', 'bigint'], ['updated_at', 'timestamptz']],
    orderRows, { suffix: "ON CONFLICT (unit_id) WHERE status IN ('held', 'subscribed', 'deposited', 'contracted') DO NOTHING RETURNING 1", batchSize: 1000 });

  // Service appointments: version 1 of the site's policy, 40 bays.
  await db.query('INSERT INTO appointment_policy (site_id, version, policy) SELECT $1, 1, $2 WHERE NOT EXISTS (SELECT 1 FROM appointment_policy WHERE site_id = $1)', [siteId, JSON.stringify({ ...DEFAULT_APPOINTMENT_POLICY, bays: RES_BAYS })]);
  const { rows: [{ policy }] } = await db.query('SELECT policy FROM appointment_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1', [siteId]);

  await db.query('VACUUM (ANALYZE) unit, unit_order, customer, appointment_policy');
  log(`reservation: site ${RES_SITE_CODE(prefix)}, ${units.length} units (+${addedUnits.length}), ${customerIds.length} customers (+${addedCustomers.length}), +${addedOrders.length} background holds, in ${Date.now() - t0} ms`);
  return { siteId, logins, managerIds, unitCount: units.length, contendedUnitIds, customerIds, policy, advisorIds: logins.advisor.map((l) => idOf.get(l)) };
}

/** For the scenarios: generate.mjs's helpers and the data above, through the runner's pool. */
export async function reservationData(db, data, log) {
  const lib = await import('../generate.mjs');
  return createReservation(db, { lib: { insertRows: lib.insertRows, grantRoles: lib.grantRoles, random: lib.random, benchPasswordHash: lib.benchPasswordHash }, organizationId: data.organizationId, log });
}
