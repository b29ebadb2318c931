// The raw baseline for GET /api/v1/clients/lookup (GEN-7: who owns a phone number on the site): plain
// Fastify + pg + jsonwebtoken doing what the API does, and nothing more, so that the ratio
// app/baseline measures the cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token is checked as the JWT strategy does it (jsonwebtoken `verify`, HS256, the secret as a key
//   object, the issuer), then `typ === 'access'` and `grants` an array; the guard's @Roles(STAFF_ROLES);
// - the query checked like LookupQuery (siteId a UUID, phone /^[0-9+\s()-]{7,20}$/), then
//   AccessPolicy.requireSite(p, siteId, STAFF) with the site from a cache of 60 s; normalizePhone;
// - the same statement (ClientsController.lookup): the customer by (site, phone) joined to its owner's
//   display name, one plain row; a window that ran out reads as the open pool (isInOpenPool);
// - a pg Pool of the same size, unnamed statements like TypeORM's; the same JSON body.
import { createSecretKey } from 'node:crypto';
import { isInOpenPool, normalizePhone, STAFF_ROLES } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const SQL = {
  site: 'SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."id" = $1)) LIMIT 1',
  customer: 'SELECT c.status, c.protected_until, u.display_name AS owner_name FROM customer c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.site_id = $1 AND c.phone = $2',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE = /^[0-9+\s()-]{7,20}$/;
const STAFF = new Set(STAFF_ROLES);
const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

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

  app.get('/api/v1/clients/lookup', async (req, reply) => {
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
    const q = /** @type {any} */ (req.query);
    if (typeof q.siteId !== 'string' || !UUID.test(q.siteId) || typeof q.phone !== 'string' || !PHONE.test(q.phone)) return problem(reply, 400, 'Bad Request');

    const site = await siteOf(q.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => STAFF.has(r))) return problem(reply, 403, 'Forbidden');
    const phone = normalizePhone(q.phone);
    if (!phone) return problem(reply, 400, 'Bad Request');

    const c = (await pool.query(SQL.customer, [site.id, phone])).rows[0];
    if (!c) return { found: false, status: null, ownerName: null, protectedUntil: null };
    const status = isInOpenPool({ status: c.status, protectedUntil: c.protected_until }, new Date()) ? 'open_pool' : c.status;
    return { found: true, status, ownerName: status === 'owned' ? c.owner_name : null, protectedUntil: c.protected_until };
  });
  return app;
}
