// The raw baseline for POST /api/v1/units/{id}/holds (RES-2/RES-3): plain Fastify + pg + jsonwebtoken doing
// what the API does, and nothing more (bench/scenarios/unit-holds.mjs).
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token checked as the JWT strategy does (jsonwebtoken `verify`, HS256, the secret as a key object, the
//   issuer), `typ === 'access'`, `grants` an array; the guard's @Roles (a manager somewhere); the id a UUID,
//   the body's customerId a UUID;
// - OrdersService.hold, with the statements' text copied from the API's debug log (LOG_LEVEL=debug): the unit
//   peeked (id, site), AccessPolicy.requireSite (the site from a 60 s cache, the same organization, a role on
//   the site or organization-wide; none → 404; not a manager → 403), the customer of the site; then ONE
//   transaction: the unit row FOR UPDATE, its active order, the domain's decideHold (an active order → 409
//   UNIT_NOT_AVAILABLE, ROLLBACK), the INSERT of the order (a unique violation of UQ_unit_order_active → 409
//   too), the order read back, its audit event, the pg_notify of the live event, then the answer's unit,
//   customer and payments sent together on the transaction's connection (as TypeORM's Promise.all), the names,
//   COMMIT;
// - a pg Pool of the same size; the same JSON (201 with the order, 409 problem+json).
import { createSecretKey, randomUUID } from 'node:crypto';
import { decideHold, fen, orderStatusAt } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const SQL = {
  peek: "SELECT \"Unit\".\"id\" AS \"Unit_id\", \"Unit\".\"site_id\" AS \"Unit_site_id\" FROM \"unit\" \"Unit\" WHERE ((\"Unit\".\"id\" = $1)) LIMIT 1",
  site: "SELECT \"Site\".\"id\" AS \"Site_id\", \"Site\".\"organization_id\" AS \"Site_organization_id\", \"Site\".\"code\" AS \"Site_code\", \"Site\".\"name\" AS \"Site_name\", \"Site\".\"kind\" AS \"Site_kind\", \"Site\".\"time_zone\" AS \"Site_time_zone\", \"Site\".\"created_at\" AS \"Site_created_at\" FROM \"site\" \"Site\" WHERE ((\"Site\".\"id\" = $1)) LIMIT 1",
  customer: "SELECT id FROM customer WHERE id = $1 AND site_id = $2",
  lockUnit: "SELECT \"Unit\".\"site_id\" AS \"Unit_site_id\", \"Unit\".\"id\" AS \"Unit_id\", \"Unit\".\"building\" AS \"Unit_building\", \"Unit\".\"number\" AS \"Unit_number\", \"Unit\".\"unit_key\" AS \"Unit_unit_key\", \"Unit\".\"floor\" AS \"Unit_floor\", \"Unit\".\"layout\" AS \"Unit_layout\", \"Unit\".\"area_centi_m2\" AS \"Unit_area_centi_m2\", \"Unit\".\"list_price_fen\" AS \"Unit_list_price_fen\", \"Unit\".\"created_by\" AS \"Unit_created_by\", \"Unit\".\"created_at\" AS \"Unit_created_at\", \"Unit\".\"updated_at\" AS \"Unit_updated_at\" FROM \"unit\" \"Unit\" WHERE ((\"Unit\".\"id\" = $1)) LIMIT 1 FOR UPDATE",
  active: "SELECT \"UnitOrder\".\"site_id\" AS \"UnitOrder_site_id\", \"UnitOrder\".\"id\" AS \"UnitOrder_id\", \"UnitOrder\".\"unit_id\" AS \"UnitOrder_unit_id\", \"UnitOrder\".\"customer_id\" AS \"UnitOrder_customer_id\", \"UnitOrder\".\"status\" AS \"UnitOrder_status\", \"UnitOrder\".\"held_by\" AS \"UnitOrder_held_by\", \"UnitOrder\".\"held_at\" AS \"UnitOrder_held_at\", \"UnitOrder\".\"list_price_fen\" AS \"UnitOrder_list_price_fen\", \"UnitOrder\".\"approved_price_fen\" AS \"UnitOrder_approved_price_fen\", \"UnitOrder\".\"price_fen\" AS \"UnitOrder_price_fen\", \"UnitOrder\".\"subscription_fen\" AS \"UnitOrder_subscription_fen\", \"UnitOrder\".\"agreement_no\" AS \"UnitOrder_agreement_no\", \"UnitOrder\".\"subscribed_by\" AS \"UnitOrder_subscribed_by\", \"UnitOrder\".\"subscribed_at\" AS \"UnitOrder_subscribed_at\", \"UnitOrder\".\"payment_due_at\" AS \"UnitOrder_payment_due_at\", \"UnitOrder\".\"policy_version\" AS \"UnitOrder_policy_version\", \"UnitOrder\".\"subscription_paid_at\" AS \"UnitOrder_subscription_paid_at\", \"UnitOrder\".\"deposit_fen\" AS \"UnitOrder_deposit_fen\", \"UnitOrder\".\"deposit_agreement_no\" AS \"UnitOrder_deposit_agreement_no\", \"UnitOrder\".\"deposited_at\" AS \"UnitOrder_deposited_at\", \"UnitOrder\".\"deposit_paid_at\" AS \"UnitOrder_deposit_paid_at\", \"UnitOrder\".\"signing_notice_at\" AS \"UnitOrder_signing_notice_at\", \"UnitOrder\".\"signing_notice\" AS \"UnitOrder_signing_notice\", \"UnitOrder\".\"wording_approved_at\" AS \"UnitOrder_wording_approved_at\", \"UnitOrder\".\"contract_no\" AS \"UnitOrder_contract_no\", \"UnitOrder\".\"wording_differs\" AS \"UnitOrder_wording_differs\", \"UnitOrder\".\"contracted_at\" AS \"UnitOrder_contracted_at\", \"UnitOrder\".\"refund_fen\" AS \"UnitOrder_refund_fen\", \"UnitOrder\".\"refund_paid_at\" AS \"UnitOrder_refund_paid_at\", \"UnitOrder\".\"ended_at\" AS \"UnitOrder_ended_at\", \"UnitOrder\".\"ended_by\" AS \"UnitOrder_ended_by\", \"UnitOrder\".\"end_reason\" AS \"UnitOrder_end_reason\", \"UnitOrder\".\"clauses\" AS \"UnitOrder_clauses\", \"UnitOrder\".\"created_at\" AS \"UnitOrder_created_at\", \"UnitOrder\".\"updated_at\" AS \"UnitOrder_updated_at\" FROM \"unit_order\" \"UnitOrder\" WHERE ((\"UnitOrder\".\"unit_id\" = $1) AND (\"UnitOrder\".\"status\" IN ($2, $3, $4, $5))) LIMIT 1",
  insert: "INSERT INTO \"unit_order\"(\"site_id\", \"id\", \"unit_id\", \"customer_id\", \"status\", \"held_by\", \"held_at\", \"list_price_fen\", \"approved_price_fen\", \"price_fen\", \"subscription_fen\", \"agreement_no\", \"subscribed_by\", \"subscribed_at\", \"payment_due_at\", \"policy_version\", \"subscription_paid_at\", \"deposit_fen\", \"deposit_agreement_no\", \"deposited_at\", \"deposit_paid_at\", \"signing_notice_at\", \"signing_notice\", \"wording_approved_at\", \"contract_no\", \"wording_differs\", \"contracted_at\", \"refund_fen\", \"refund_paid_at\", \"ended_at\", \"ended_by\", \"end_reason\", \"created_at\", \"updated_at\") VALUES ($1, DEFAULT, $2, $3, $4, $5, $6, $7, $8, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $9) RETURNING \"id\", \"wording_differs\", \"created_at\", \"updated_at\"",
  saved: "SELECT \"UnitOrder\".\"site_id\" AS \"UnitOrder_site_id\", \"UnitOrder\".\"id\" AS \"UnitOrder_id\", \"UnitOrder\".\"unit_id\" AS \"UnitOrder_unit_id\", \"UnitOrder\".\"customer_id\" AS \"UnitOrder_customer_id\", \"UnitOrder\".\"status\" AS \"UnitOrder_status\", \"UnitOrder\".\"held_by\" AS \"UnitOrder_held_by\", \"UnitOrder\".\"held_at\" AS \"UnitOrder_held_at\", \"UnitOrder\".\"list_price_fen\" AS \"UnitOrder_list_price_fen\", \"UnitOrder\".\"approved_price_fen\" AS \"UnitOrder_approved_price_fen\", \"UnitOrder\".\"price_fen\" AS \"UnitOrder_price_fen\", \"UnitOrder\".\"subscription_fen\" AS \"UnitOrder_subscription_fen\", \"UnitOrder\".\"agreement_no\" AS \"UnitOrder_agreement_no\", \"UnitOrder\".\"subscribed_by\" AS \"UnitOrder_subscribed_by\", \"UnitOrder\".\"subscribed_at\" AS \"UnitOrder_subscribed_at\", \"UnitOrder\".\"payment_due_at\" AS \"UnitOrder_payment_due_at\", \"UnitOrder\".\"policy_version\" AS \"UnitOrder_policy_version\", \"UnitOrder\".\"subscription_paid_at\" AS \"UnitOrder_subscription_paid_at\", \"UnitOrder\".\"deposit_fen\" AS \"UnitOrder_deposit_fen\", \"UnitOrder\".\"deposit_agreement_no\" AS \"UnitOrder_deposit_agreement_no\", \"UnitOrder\".\"deposited_at\" AS \"UnitOrder_deposited_at\", \"UnitOrder\".\"deposit_paid_at\" AS \"UnitOrder_deposit_paid_at\", \"UnitOrder\".\"signing_notice_at\" AS \"UnitOrder_signing_notice_at\", \"UnitOrder\".\"signing_notice\" AS \"UnitOrder_signing_notice\", \"UnitOrder\".\"wording_approved_at\" AS \"UnitOrder_wording_approved_at\", \"UnitOrder\".\"contract_no\" AS \"UnitOrder_contract_no\", \"UnitOrder\".\"wording_differs\" AS \"UnitOrder_wording_differs\", \"UnitOrder\".\"contracted_at\" AS \"UnitOrder_contracted_at\", \"UnitOrder\".\"refund_fen\" AS \"UnitOrder_refund_fen\", \"UnitOrder\".\"refund_paid_at\" AS \"UnitOrder_refund_paid_at\", \"UnitOrder\".\"ended_at\" AS \"UnitOrder_ended_at\", \"UnitOrder\".\"ended_by\" AS \"UnitOrder_ended_by\", \"UnitOrder\".\"end_reason\" AS \"UnitOrder_end_reason\", \"UnitOrder\".\"created_at\" AS \"UnitOrder_created_at\", \"UnitOrder\".\"updated_at\" AS \"UnitOrder_updated_at\" FROM \"unit_order\" \"UnitOrder\" WHERE ((\"UnitOrder\".\"id\" = $1)) LIMIT 1",
  audit: "INSERT INTO \"audit_event\"(\"id\", \"organization_id\", \"site_id\", \"actor_id\", \"actor_login\", \"action\", \"entity_type\", \"entity_id\", \"before\", \"after\", \"reason\", \"request_id\", \"at\") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT) RETURNING \"id\", \"at\"",
  notify: "SELECT pg_notify($1, $2)",
  units: "SELECT \"Unit\".\"site_id\" AS \"Unit_site_id\", \"Unit\".\"id\" AS \"Unit_id\", \"Unit\".\"building\" AS \"Unit_building\", \"Unit\".\"number\" AS \"Unit_number\", \"Unit\".\"unit_key\" AS \"Unit_unit_key\", \"Unit\".\"floor\" AS \"Unit_floor\", \"Unit\".\"layout\" AS \"Unit_layout\", \"Unit\".\"area_centi_m2\" AS \"Unit_area_centi_m2\", \"Unit\".\"list_price_fen\" AS \"Unit_list_price_fen\", \"Unit\".\"created_by\" AS \"Unit_created_by\", \"Unit\".\"created_at\" AS \"Unit_created_at\", \"Unit\".\"updated_at\" AS \"Unit_updated_at\" FROM \"unit\" \"Unit\" WHERE ((\"Unit\".\"id\" IN ($1)))",
  customers: "SELECT id, name FROM customer WHERE id = ANY($1)",
  payments: "SELECT \"UnitPayment\".\"site_id\" AS \"UnitPayment_site_id\", \"UnitPayment\".\"id\" AS \"UnitPayment_id\", \"UnitPayment\".\"order_id\" AS \"UnitPayment_order_id\", \"UnitPayment\".\"kind\" AS \"UnitPayment_kind\", \"UnitPayment\".\"amount_fen\" AS \"UnitPayment_amount_fen\", \"UnitPayment\".\"receipt_no\" AS \"UnitPayment_receipt_no\", \"UnitPayment\".\"recorded_by\" AS \"UnitPayment_recorded_by\", \"UnitPayment\".\"recorded_at\" AS \"UnitPayment_recorded_at\" FROM \"unit_payment\" \"UnitPayment\" WHERE ((\"UnitPayment\".\"order_id\" IN ($1))) ORDER BY \"UnitPayment\".\"recorded_at\" ASC",
  users: "SELECT \"User\".\"id\" AS \"User_id\", \"User\".\"display_name\" AS \"User_display_name\" FROM \"app_user\" \"User\" WHERE ((\"User\".\"id\" IN ($1)))",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIVE = ['held', 'subscribed', 'deposited', 'contracted'];
const MONEY = new Set(['listPriceFen', 'approvedPriceFen', 'priceFen', 'subscriptionFen', 'depositFen', 'refundFen']);
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** A TypeORM row (`UnitOrder_held_at`) as the entity (`heldAt`), bigint money as numbers. */
const entity = (row, prefix) => {
  const out = {};
  for (const [k, v] of Object.entries(row)) {
    const key = camel(k.slice(prefix.length + 1));
    out[key] = MONEY.has(key) && v !== null ? Number(v) : v;
  }
  return out;
};
const facts = (o) => ({
  status: o.status, listPriceFen: fen(o.listPriceFen), priceFen: o.priceFen === null ? null : fen(o.priceFen), approvedPriceFen: o.approvedPriceFen === null ? null : fen(o.approvedPriceFen),
  subscriptionFen: o.subscriptionFen === null ? null : fen(o.subscriptionFen), subscribedAt: o.subscribedAt, paymentDueAt: o.paymentDueAt, subscriptionPaidAt: o.subscriptionPaidAt,
  depositFen: o.depositFen === null ? null : fen(o.depositFen), depositPaidAt: o.depositPaidAt, signingNoticeAt: o.signingNoticeAt, wordingApprovedAt: o.wordingApprovedAt,
  refundFen: o.refundFen === null ? null : fen(o.refundFen), refundPaidAt: o.refundPaidAt,
});
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: extra.code ? `https://sitedesk.dev/problems/${extra.code.toLowerCase().replace(/_/g, '-')}` : 'about:blank', title, status, ...extra });

/** The audit trail's scrub (AuditService): secrets out, dates as ISO strings. */
function scrub(v) {
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    if (/password|secret|token|hash|pin/i.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return out;
}

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

  app.post('/api/v1/units/:id/holds', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => g.role === 'manager')) return problem(reply, 403, 'Forbidden');
    const unitId = /** @type {any} */ (req.params).id;
    const customerId = /** @type {any} */ (req.body)?.customerId;
    if (!UUID.test(unitId) || typeof customerId !== 'string' || !UUID.test(customerId)) return problem(reply, 400, 'Bad Request');

    const peek = (await pool.query(SQL.peek, [unitId])).rows[0];
    if (!peek) return problem(reply, 404, 'Not Found');
    const site = await siteOf(peek.Unit_site_id);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.includes('manager')) return problem(reply, 403, 'Forbidden');
    if (!(await pool.query(SQL.customer, [customerId, site.id])).rows.length) return problem(reply, 400, 'Bad Request');

    const client = await pool.connect();
    try {
      await client.query('START TRANSACTION');
      const unit = entity((await client.query(SQL.lockUnit, [unitId])).rows[0], 'Unit');
      const activeRow = (await client.query(SQL.active, [unitId, ...ACTIVE])).rows[0];
      const now = new Date();
      try {
        decideHold(activeRow ? facts(entity(activeRow, 'UnitOrder')) : null, now);
      } catch (e) {
        await client.query('ROLLBACK');
        return problem(reply, 409, 'Conflict', { detail: e.message, code: 'UNIT_NOT_AVAILABLE', instance: req.url, requestId: randomUUID() });
      }
      let inserted;
      try {
        inserted = (await client.query(SQL.insert, [site.id, unitId, customerId, 'held', claims.sub, now, unit.listPriceFen, null, now])).rows[0];
      } catch (e) {
        await client.query('ROLLBACK');
        if (e.code === '23505') return problem(reply, 409, 'Conflict', { detail: 'the unit already has an active hold or order (RES-3)', code: 'UNIT_NOT_AVAILABLE', instance: req.url, requestId: randomUUID() });
        throw e;
      }
      const saved = entity((await client.query(SQL.saved, [inserted.id])).rows[0], 'UnitOrder');
      await client.query(SQL.audit, [site.organizationId, site.id, claims.sub, claims.login ?? null, 'reservation.held', 'unit_order', saved.id, null, JSON.stringify(scrub(saved)), null, randomUUID()]);
      const status = orderStatusAt(facts(saved), now);
      await client.query(SQL.notify, ['sitedesk_events', JSON.stringify({ siteId: site.id, type: 'reservation.unit', data: { unitId, orderId: saved.id, change: 'hold', status: ACTIVE.includes(status) ? status : 'available' }, at: new Date().toISOString() })]);
      const [units, customers, payments] = await Promise.all([
        client.query(SQL.units, [unitId]),
        client.query(SQL.customers, [[customerId]]),
        client.query(SQL.payments, [saved.id]),
      ]);
      const names = new Map((await client.query(SQL.users, [saved.heldBy])).rows.map((r) => [r.User_id, r.User_display_name]));
      await client.query('COMMIT');
      const u = units.rows[0];
      reply.code(201);
      return {
        id: saved.id, siteId: saved.siteId, unitId: saved.unitId, unitLabel: u ? `${u.Unit_building} ${u.Unit_number}` : '',
        customerId: saved.customerId, customerName: customers.rows[0]?.name ?? '', status,
        heldBy: saved.heldBy, heldByName: names.get(saved.heldBy) ?? '', heldAt: saved.heldAt, listPriceFen: saved.listPriceFen,
        approvedPriceFen: saved.approvedPriceFen, priceFen: saved.priceFen, subscriptionFen: saved.subscriptionFen, agreementNo: saved.agreementNo,
        subscribedAt: saved.subscribedAt, paymentDueAt: saved.paymentDueAt, policyVersion: saved.policyVersion, subscriptionPaidAt: saved.subscriptionPaidAt,
        depositFen: saved.depositFen, depositedAt: saved.depositedAt, depositPaidAt: saved.depositPaidAt, signingNotice: saved.signingNotice,
        wordingDiffers: saved.wordingDiffers, clauses: saved.clauses ?? [], wordingApprovedAt: saved.wordingApprovedAt, contractNo: saved.contractNo, contractedAt: saved.contractedAt,
        refundFen: saved.refundFen, refundPaidAt: saved.refundPaidAt, endedAt: saved.endedAt, endReason: saved.endReason,
        payments: payments.rows.map((x) => ({ kind: x.UnitPayment_kind, amountFen: Number(x.UnitPayment_amount_fen), receiptNo: x.UnitPayment_receipt_no, recordedAt: x.UnitPayment_recorded_at, recordedByName: names.get(x.UnitPayment_recorded_by) ?? '' })),
      };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  });
  return app;
}
