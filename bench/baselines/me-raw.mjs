// The raw baseline for GET /api/v1/me: plain Fastify + pg + jsonwebtoken doing what the API does,
// and nothing more, so that the ratio app/baseline measures the cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes, the runner compares bodies):
// - the token is checked as passport-jwt does it in jwt.strategy.ts: jsonwebtoken `verify` with
//   HS256, the same secret as a key object and the issuer check, like the strategy, then
//   `typ === 'access'` and `grants` an array (with the secret as a string jsonwebtoken would spend
//   ~300 µs per verify parsing it as a PEM key, docs/benchmarks.md);
// - the same four statements, with the text TypeORM generates for AuthController.describe(), in
//   the same order and with the same concurrency: the user; then organization, agency (when the
//   user has one) and role assignments in parallel; then the sites;
// - a pg Pool of the same size, unnamed statements like TypeORM's;
// - the same JSON body, serialised by Fastify without a schema like Nest on Fastify does.
import { createSecretKey } from 'node:crypto';
import { isRole } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const SQL = {
  user: 'SELECT "User"."id" AS "User_id", "User"."organization_id" AS "User_organization_id", "User"."login" AS "User_login", "User"."display_name" AS "User_display_name", "User"."password_hash" AS "User_password_hash", "User"."locale" AS "User_locale", "User"."agency_id" AS "User_agency_id", "User"."active" AS "User_active", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" FROM "app_user" "User" WHERE (("User"."id" = $1)) LIMIT 1',
  organization: 'SELECT "Organization"."id" AS "Organization_id", "Organization"."name" AS "Organization_name", "Organization"."created_at" AS "Organization_created_at" FROM "organization" "Organization" WHERE (("Organization"."id" = $1)) LIMIT 1',
  agency: 'SELECT "Agency"."id" AS "Agency_id", "Agency"."organization_id" AS "Agency_organization_id", "Agency"."name" AS "Agency_name", "Agency"."created_at" AS "Agency_created_at" FROM "agency" "Agency" WHERE (("Agency"."id" = $1)) LIMIT 1',
  grants: 'SELECT "RoleAssignment"."id" AS "RoleAssignment_id", "RoleAssignment"."organization_id" AS "RoleAssignment_organization_id", "RoleAssignment"."user_id" AS "RoleAssignment_user_id", "RoleAssignment"."site_id" AS "RoleAssignment_site_id", "RoleAssignment"."role" AS "RoleAssignment_role", "RoleAssignment"."created_at" AS "RoleAssignment_created_at", "RoleAssignment"."revoked_at" AS "RoleAssignment_revoked_at" FROM "role_assignment" "RoleAssignment" WHERE (("RoleAssignment"."user_id" = $1) AND ("RoleAssignment"."revoked_at" IS NULL)) ORDER BY "RoleAssignment"."created_at" ASC, "RoleAssignment"."id" ASC',
  sitesOfOrganization: 'SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."organization_id" = $1)) ORDER BY "Site"."code" ASC',
  /** @param {number} n */
  sitesById: (n) => `SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."id" IN (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')}))) ORDER BY "Site"."code" ASC`,
};

const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

/**
 * @param {{ databaseUrl: string, jwtSecret: string, poolSize: number }} opts
 * @returns {Promise<import('fastify').FastifyInstance>} not yet listening
 */
export async function createServer({ databaseUrl, jwtSecret, poolSize }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'sitedesk-bench-raw' });
  pool.on('error', () => {}); // an idle connection dropped by the server: the pool replaces it (TypeORM does the same)
  const key = createSecretKey(Buffer.from(jwtSecret)); // as the strategy does
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/api/v1/me', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');

    const user = (await pool.query(SQL.user, [claims.sub])).rows[0];
    if (!user) return problem(reply, 404, 'Not Found');
    const [org, agency, grants] = await Promise.all([
      pool.query(SQL.organization, [user.User_organization_id]).then((r) => r.rows[0]),
      user.User_agency_id ? pool.query(SQL.agency, [user.User_agency_id]).then((r) => r.rows[0] ?? null) : null,
      pool.query(SQL.grants, [user.User_id]).then((r) => r.rows.map((g) => ({ siteId: g.RoleAssignment_site_id, role: g.RoleAssignment_role }))),
    ]);
    const orgRoles = [...new Set(grants.filter((g) => g.siteId === null).map((g) => g.role))];
    const siteIds = [...new Set(grants.filter((g) => g.siteId).map((g) => g.siteId))];
    // With no site grant TypeORM sends `WHERE 0=1` (a round trip that finds nothing); that case is not benchmarked.
    const sites = orgRoles.length
      ? (await pool.query(SQL.sitesOfOrganization, [user.User_organization_id])).rows
      : siteIds.length
        ? (await pool.query(SQL.sitesById(siteIds.length), siteIds)).rows
        : [];
    return {
      id: user.User_id,
      login: user.User_login,
      displayName: user.User_display_name,
      locale: user.User_locale,
      organizationId: org.Organization_id,
      organizationName: org.Organization_name,
      agencyId: user.User_agency_id,
      agencyName: agency?.Agency_name ?? null,
      organizationRoles: orgRoles,
      sites: sites.map((s) => ({
        siteId: s.Site_id,
        code: s.Site_code,
        name: s.Site_name,
        kind: s.Site_kind,
        timeZone: s.Site_time_zone,
        roles: [...new Set([...orgRoles, ...grants.filter((g) => g.siteId === s.Site_id).map((g) => g.role)])].filter(isRole),
      })),
    };
  });
  return app;
}
