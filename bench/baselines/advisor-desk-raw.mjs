// The raw baseline for GET /api/v1/repair-orders (issue #7, the advisor's desk): plain Fastify + pg +
// jsonwebtoken doing what RepairOrdersService.list does, and nothing more. Also exports the pieces the
// other two repair-order baselines share (token check, site cache, the order DTO).
//
// The same statements in the same order as the API (repair-orders.service.ts list, TypeORM's
// getManyAndCount, checked against the API's LOG_LEVEL=debug log): the page of orders of the site (and
// state, advisor) ORDER BY opened_at DESC, id ASC LIMIT/OFFSET; the count only when TypeORM sends it (a full page); the signatures of the page's orders (orderId IN …, ORDER BY at, id); the
// advisors' display names; the policy version of the orders (once per version). The DTO is computed with
// the domain's currentTotals, isSignedCurrent, progressCheckWindow and progressCheckStatusAt.
import { currentTotals, isSignedCurrent, progressCheckStatusAt, progressCheckWindow, repairOrderPending } from '@sitedesk/domain';
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

export const READERS = ['service_advisor', 'technician', 'cashier', 'supervisor', 'manager', 'director', 'admin'];
export const STATES = ['opened', 'diagnosing', 'diagnosed', 'estimated', 'signed', 'checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled', 'exited', 'declined'];
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });
const DATE_KEYS = new Set(['at', 'openedAt', 'promisedAt', 'consentAt', 'reportHandedOverAt', 'signedTime', 'startedAt', 'finishedAt', 'reportedAt', 'requestedAt', 'plannedAt', 'dueBy', 'receivedAt', 'issuedAt', 'doneAt', 'paidAt', 'closedAt']);
export function revive(v, key = '') {
  if (typeof v === 'string' && DATE_KEYS.has(key)) return new Date(v);
  if (Array.isArray(v)) return v.map((x) => revive(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x, k)]));
  return v;
}
export const jsonSafe = (v) => JSON.parse(JSON.stringify(v ?? null));
/** As the API's RepairPolicyService.version (issue #7): a published version never changes, so it is kept once read. */
const knownPolicies = new Map();
export async function policyVersion(pool, siteId, version) {
  const key = `${siteId}:${version}`;
  if (!knownPolicies.has(key)) knownPolicies.set(key, (await pool.query(SQL.policyVersion, [siteId, version])).rows[0].policy);
  return knownPolicies.get(key);
}

export const SQL = {
  site: 'SELECT id, organization_id, name, kind, time_zone FROM site WHERE id = $1 LIMIT 1',
  signatures: 'SELECT * FROM repair_order_signature WHERE order_id = ANY($1) ORDER BY at ASC, id ASC',
  names: 'SELECT id, display_name FROM app_user WHERE id = ANY($1)',
  policyVersion: 'SELECT * FROM repair_policy WHERE site_id = $1 AND version = $2 LIMIT 1',
};

/** The pool, the token check and the site (a 60 s cache, as the API's AccessPolicy). */
export function base({ databaseUrl, jwtSecret, poolSize }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'sitedesk-bench-raw' });
  pool.on('error', () => {});
  const key = createSecretKey(Buffer.from(jwtSecret));
  const sites = new Map();
  const siteOf = async (id) => {
    const hit = sites.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.site;
    const row = (await pool.query(SQL.site, [id])).rows[0];
    const site = row ? { id: row.id, organizationId: row.organization_id, name: row.name, kind: row.kind, timeZone: row.time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  /** The claims, or null (401). */
  const claimsOf = (req) => {
    const auth = req.headers.authorization;
    try {
      const c = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
      return c?.typ === 'access' && Array.isArray(c.grants) ? c : null;
    } catch {
      return null;
    }
  };
  const rolesOn = (claims, site) => (site && site.organizationId === claims.org ? claims.grants.filter(([siteId]) => siteId === site.id || siteId === null).map(([, role]) => role) : []);
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());
  return { pool, siteOf, claimsOf, rolesOn, app };
}

/** RepairOrdersService.dto from a raw row, its signature rows, its policy and the names. */
const at = (v) => (typeof v === 'string' ? new Date(v) : v);
/** As the API's `readSnapshotOf` (issue #7): `data` as stored, instants revived only where the list fields compare them. */
export function readSnapshot(r, sigs) {
  const d = r.data;
  return {
    ...d,
    openedAt: at(d.openedAt),
    promisedAt: at(d.promisedAt) ?? null,
    dispatch: d.dispatch ? { ...d.dispatch, at: at(d.dispatch.at) } : null,
    progressChecks: (d.progressChecks ?? []).map((c) => ({ ...c, at: at(c.at) })),
    followUp: d.followUp ? { ...d.followUp, plannedAt: at(d.followUp.plannedAt), dueBy: at(d.followUp.dueBy) } : null,
    followUpResult: d.followUpResult ? { ...d.followUpResult, at: at(d.followUpResult.at) } : null,
    id: r.id,
    state: r.state,
    version: r.version,
    advisorId: r.advisor_id,
    signatures: sigs.map((x) => ({ purpose: x.purpose, signer: x.signer, at: x.at, version: x.version })),
  };
}

export function orderDto(r, sigs, policy, names, now) {
  const s = readSnapshot(r, sigs);
  const window = progressCheckWindow(s, policy);
  return {
    id: r.id,
    siteId: r.site_id,
    vehicleId: r.vehicle_id,
    state: r.state,
    version: r.version,
    advisorId: r.advisor_id,
    advisorName: names.get(r.advisor_id) ?? '',
    customerName: s.customer.name,
    customerPhone: s.customer.phone,
    plate: r.plate,
    model: s.vehicle.model,
    category: r.category,
    keyTag: r.key_tag,
    openedAt: r.opened_at,
    promisedAt: r.promised_at,
    totalFen: currentTotals(s)?.totalFen ?? null,
    signedCurrent: isSignedCurrent(s),
    progressCheck: window ? { from: window.from, to: window.to, status: progressCheckStatusAt(s, policy, now) } : null,
    pending: repairOrderPending(s, policy, now),
    policyVersion: r.policy_version,
    _s: s,
  };
}

export const groupBy = (rows) => {
  const m = new Map();
  for (const x of rows) m.set(x.order_id, [...(m.get(x.order_id) ?? []), x]);
  return m;
};
export const namesOf = async (pool, ids) => {
  const unique = [...new Set(ids.filter(Boolean))];
  return new Map(unique.length ? (await pool.query(SQL.names, [unique])).rows.map((u) => [u.id, u.display_name]) : []);
};

export async function createServer(opts) {
  const { pool, siteOf, claimsOf, rolesOn, app } = base(opts);
  app.get('/api/v1/repair-orders', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const q = /** @type {Record<string, string>} */ (req.query);
    if (!UUID.test(q.siteId ?? '') || (q.state !== undefined && !STATES.includes(q.state)) || (q.advisorId !== undefined && !UUID.test(q.advisorId))) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const pageNo = Number(q.page ?? 1);
    const size = Number(q.pageSize ?? 50);
    const site = await siteOf(q.siteId);
    const held = rolesOn(claims, site);
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');
    const now = new Date();
    const where = ['o.site_id = $1'];
    const params = [site.id];
    if (q.state) where.push(`o.state = $${params.push(q.state)}`);
    if (q.advisorId) where.push(`o.advisor_id = $${params.push(q.advisorId.toLowerCase())}`);
    const w = where.join(' AND ');
    const rows = (await pool.query(`SELECT o.* FROM repair_order o WHERE ${w} ORDER BY o.opened_at DESC, o.id ASC LIMIT ${size} OFFSET ${(pageNo - 1) * size}`, params)).rows;
    // TypeORM's lazy count (SelectQueryBuilder.lazyCount): the count query only when the page is full,
    // or empty past the first row.
    const skip = (pageNo - 1) * size;
    const total = rows.length === size || (rows.length === 0 && skip > 0) ? Number((await pool.query(`SELECT COUNT(DISTINCT(o.id)) AS cnt FROM repair_order o WHERE ${w}`, params)).rows[0].cnt) : skip + rows.length;
    const sigs = rows.length ? groupBy((await pool.query(SQL.signatures, [rows.map((r) => r.id)])).rows) : new Map();
    const names = await namesOf(pool, rows.map((r) => r.advisor_id));
    const policies = new Map();
    const items = [];
    for (const r of rows) {
      if (!policies.has(r.policy_version)) policies.set(r.policy_version, await policyVersion(pool, site.id, r.policy_version));
      const { _s, ...dto } = orderDto(r, sigs.get(r.id) ?? [], policies.get(r.policy_version), names, now);
      items.push(dto);
    }
    return { items, total, page: pageNo, pageSize: size };
  });
  return app;
}
