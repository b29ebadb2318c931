// The raw baseline for GET /api/v1/units (RES-1, the sales board; bench/scenarios/sales-board.mjs): plain
// Fastify + pg + jsonwebtoken doing what the API does for a building's page, and nothing more.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token checked as the JWT strategy does; the guard's @Roles (a staff role somewhere); the query
//   checked like ListUnitsQuery for what the scenario sends (siteId a UUID, building, page ≥ 1, pageSize
//   1–200); AccessPolicy.requireSite (the site from a 60 s cache; no role there → 404, no staff role → 403);
// - UnitsService.list with the statements' text copied from the API's debug log: the count joined to the
//   active orders, the page of ids in board order, the units `IN (…)` (one placeholder per id, as TypeORM),
//   their active orders `IN (…)`; four statements, one after the other, outside a transaction;
// - the domain's unitStatusAt for each unit's status now (GEN-8); the same JSON (`{items, total, page, pageSize}`).
import { createSecretKey } from 'node:crypto';
import { fen, STAFF_ROLES, unitStatusAt } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const TEXT = {"site":"SELECT \"Site\".\"id\" AS \"Site_id\", \"Site\".\"organization_id\" AS \"Site_organization_id\", \"Site\".\"code\" AS \"Site_code\", \"Site\".\"name\" AS \"Site_name\", \"Site\".\"kind\" AS \"Site_kind\", \"Site\".\"time_zone\" AS \"Site_time_zone\", \"Site\".\"created_at\" AS \"Site_created_at\" FROM \"site\" \"Site\" WHERE ((\"Site\".\"id\" = $1)) LIMIT 1","count":"SELECT count(*)::int AS total FROM unit u LEFT JOIN unit_order o ON o.unit_id = u.id AND o.status IN ('held', 'subscribed', 'deposited', 'contracted') WHERE u.site_id = $1 AND u.building = $2","ids":"SELECT u.id FROM unit u LEFT JOIN unit_order o ON o.unit_id = u.id AND o.status IN ('held', 'subscribed', 'deposited', 'contracted') WHERE u.site_id = $1 AND u.building = $2 ORDER BY u.building, u.floor, u.number, u.id LIMIT 200 OFFSET 0"};
const PARTS = {
 "unitsHead": "SELECT \"Unit\".\"site_id\" AS \"Unit_site_id\", \"Unit\".\"id\" AS \"Unit_id\", \"Unit\".\"building\" AS \"Unit_building\", \"Unit\".\"number\" AS \"Unit_number\", \"Unit\".\"unit_key\" AS \"Unit_unit_key\", \"Unit\".\"floor\" AS \"Unit_floor\", \"Unit\".\"layout\" AS \"Unit_layout\", \"Unit\".\"area_centi_m2\" AS \"Unit_area_centi_m2\", \"Unit\".\"list_price_fen\" AS \"Unit_list_price_fen\", \"Unit\".\"created_by\" AS \"Unit_created_by\", \"Unit\".\"created_at\" AS \"Unit_created_at\", \"Unit\".\"updated_at\" AS \"Unit_updated_at\" FROM \"unit\" \"Unit\" WHERE ((\"Unit\".\"id\" IN ",
 "unitsTail": ")))",
 "ordersHead": "SELECT \"UnitOrder\".\"site_id\" AS \"UnitOrder_site_id\", \"UnitOrder\".\"id\" AS \"UnitOrder_id\", \"UnitOrder\".\"unit_id\" AS \"UnitOrder_unit_id\", \"UnitOrder\".\"customer_id\" AS \"UnitOrder_customer_id\", \"UnitOrder\".\"status\" AS \"UnitOrder_status\", \"UnitOrder\".\"held_by\" AS \"UnitOrder_held_by\", \"UnitOrder\".\"held_at\" AS \"UnitOrder_held_at\", \"UnitOrder\".\"list_price_fen\" AS \"UnitOrder_list_price_fen\", \"UnitOrder\".\"approved_price_fen\" AS \"UnitOrder_approved_price_fen\", \"UnitOrder\".\"price_fen\" AS \"UnitOrder_price_fen\", \"UnitOrder\".\"subscription_fen\" AS \"UnitOrder_subscription_fen\", \"UnitOrder\".\"agreement_no\" AS \"UnitOrder_agreement_no\", \"UnitOrder\".\"subscribed_by\" AS \"UnitOrder_subscribed_by\", \"UnitOrder\".\"subscribed_at\" AS \"UnitOrder_subscribed_at\", \"UnitOrder\".\"payment_due_at\" AS \"UnitOrder_payment_due_at\", \"UnitOrder\".\"policy_version\" AS \"UnitOrder_policy_version\", \"UnitOrder\".\"subscription_paid_at\" AS \"UnitOrder_subscription_paid_at\", \"UnitOrder\".\"deposit_fen\" AS \"UnitOrder_deposit_fen\", \"UnitOrder\".\"deposit_agreement_no\" AS \"UnitOrder_deposit_agreement_no\", \"UnitOrder\".\"deposited_at\" AS \"UnitOrder_deposited_at\", \"UnitOrder\".\"deposit_paid_at\" AS \"UnitOrder_deposit_paid_at\", \"UnitOrder\".\"signing_notice_at\" AS \"UnitOrder_signing_notice_at\", \"UnitOrder\".\"signing_notice\" AS \"UnitOrder_signing_notice\", \"UnitOrder\".\"wording_approved_at\" AS \"UnitOrder_wording_approved_at\", \"UnitOrder\".\"contract_no\" AS \"UnitOrder_contract_no\", \"UnitOrder\".\"wording_differs\" AS \"UnitOrder_wording_differs\", \"UnitOrder\".\"contracted_at\" AS \"UnitOrder_contracted_at\", \"UnitOrder\".\"refund_fen\" AS \"UnitOrder_refund_fen\", \"UnitOrder\".\"refund_paid_at\" AS \"UnitOrder_refund_paid_at\", \"UnitOrder\".\"ended_at\" AS \"UnitOrder_ended_at\", \"UnitOrder\".\"ended_by\" AS \"UnitOrder_ended_by\", \"UnitOrder\".\"end_reason\" AS \"UnitOrder_end_reason\", \"UnitOrder\".\"created_at\" AS \"UnitOrder_created_at\", \"UnitOrder\".\"updated_at\" AS \"UnitOrder_updated_at\" FROM \"unit_order\" \"UnitOrder\" WHERE ((\"UnitOrder\".\"unit_id\" IN ",
 "ordersMid": ")) AND (\"UnitOrder\".\"status\" IN ",
 "ordersTail": ")))"
};
const ACTIVE = ['held', 'subscribed', 'deposited', 'contracted'];
const list = (from, n) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
const SQL = {
  ...TEXT,
  units: (n) => `${PARTS.unitsHead}(${list(1, n)}${PARTS.unitsTail}`,
  orders: (n) => `${PARTS.ordersHead}(${list(1, n)}${PARTS.ordersMid}(${list(n + 1, ACTIVE.length)}${PARTS.ordersTail}`,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF = new Set(STAFF_ROLES);
const money = (v) => (v === null ? null : fen(Number(v)));
const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });
const facts = (r) => ({
  status: r.UnitOrder_status, listPriceFen: fen(Number(r.UnitOrder_list_price_fen)), priceFen: money(r.UnitOrder_price_fen), approvedPriceFen: money(r.UnitOrder_approved_price_fen),
  subscriptionFen: money(r.UnitOrder_subscription_fen), subscribedAt: r.UnitOrder_subscribed_at, paymentDueAt: r.UnitOrder_payment_due_at, subscriptionPaidAt: r.UnitOrder_subscription_paid_at,
  depositFen: money(r.UnitOrder_deposit_fen), depositPaidAt: r.UnitOrder_deposit_paid_at, signingNoticeAt: r.UnitOrder_signing_notice_at, wordingApprovedAt: r.UnitOrder_wording_approved_at,
  refundFen: money(r.UnitOrder_refund_fen), refundPaidAt: r.UnitOrder_refund_paid_at,
});

/**
 * @param {{ databaseUrl: string, jwtSecret: string, poolSize: number }} opts
 * @returns {Promise<import('fastify').FastifyInstance>} not yet listening
 */
export async function createServer({ databaseUrl, jwtSecret, poolSize }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'sitedesk-bench-raw' });
  pool.on('error', () => {});
  const key = createSecretKey(Buffer.from(jwtSecret));
  const sites = new Map();
  const siteOf = async (id) => {
    const hit = sites.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.site;
    const row = (await pool.query(SQL.site, [id])).rows[0];
    const site = row ? { id: row.Site_id, organizationId: row.Site_organization_id } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };

  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/api/v1/units', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => STAFF.has(g.role))) return problem(reply, 403, 'Forbidden');
    const q = /** @type {Record<string, string>} */ (req.query);
    const page = q.page === undefined ? 1 : Number(q.page);
    const size = q.pageSize === undefined ? 50 : Number(q.pageSize);
    if (typeof q.siteId !== 'string' || !UUID.test(q.siteId) || !Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 200) return problem(reply, 400, 'Bad Request');
    const site = await siteOf(q.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => STAFF.has(r))) return problem(reply, 403, 'Forbidden');
    if (typeof q.building !== 'string') return problem(reply, 400, 'Bad Request'); // the scenario always filters by building

    const now = new Date();
    const params = [site.id, q.building];
    const [{ total }] = (await pool.query(SQL.count, params)).rows;
    const idsText = SQL.ids.replace(/LIMIT \d+ OFFSET \d+$/, `LIMIT ${size} OFFSET ${(page - 1) * size}`);
    const ids = (await pool.query(idsText, params)).rows.map((r) => r.id);
    const units = ids.length ? (await pool.query(SQL.units(ids.length), ids)).rows : [];
    const order = new Map(ids.map((id, i) => [id, i]));
    units.sort((a, b) => order.get(a.Unit_id) - order.get(b.Unit_id));
    const active = units.length ? (await pool.query(SQL.orders(units.length), [...units.map((u) => u.Unit_id), ...ACTIVE])).rows : [];
    const byUnit = new Map(active.map((o) => [o.UnitOrder_unit_id, o]));
    const items = units.map((u) => {
      const o = byUnit.get(u.Unit_id) ?? null;
      const status = unitStatusAt(o ? facts(o) : null, now);
      return {
        id: u.Unit_id, siteId: u.Unit_site_id, building: u.Unit_building, number: u.Unit_number, floor: u.Unit_floor, layout: u.Unit_layout,
        areaM2: u.Unit_area_centi_m2 / 100, listPriceFen: Number(u.Unit_list_price_fen), status,
        activeOrder: o && status !== 'available' ? { id: o.UnitOrder_id, status, paymentDueAt: o.UnitOrder_payment_due_at } : null,
        updatedAt: u.Unit_updated_at,
      };
    });
    return { items, total, page, pageSize: size };
  });
  return app;
}
