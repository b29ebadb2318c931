// The raw baseline for POST /api/v1/partner/reports (CA-6/CA-7/CA-15): plain Fastify + pg +
// jsonwebtoken doing what the API does, and nothing more, so that the ratio app/baseline measures the
// cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token is checked as the JWT strategy does it (jsonwebtoken `verify`, HS256, the secret as a key
//   object, the issuer), then `typ === 'access'` and `grants` an array; the guard's @Roles('partner');
// - the rate limit (RateLimitGuard: 120 requests per 60 s per caller, a fixed window in memory, the
//   RateLimit-* headers, 429 beyond);
// - the Idempotency-Key (IdempotencyInterceptor): INSERT … ON CONFLICT DO NOTHING of the record with
//   the SHA-256 of `POST <path> <canonical JSON body>`; a repeat reads the record (replay, 422, 409);
//   after the answer, UPDATE of the record with the status and the body (on failure: DELETE);
// - the body checked like CreatePartnerReportDto; AccessPolicy.requireSite(['partner']) with the site
//   from a cache of 60 s; the agency of the token (NOT_A_PARTNER);
// - the same statements, with the text TypeORM generates, in the same order and transactions
//   (PartnerReportsService.submit): the newest client_policy version (outside the transaction); then
//   in one transaction: barred agent?, pg_advisory_xact_lock(hashtext('report:<site>:<pattern>')),
//   the protected customers with that phone pattern and the running reports with it (Promise.all on the
//   transaction's connection: one after the other), INSERT of the report RETURNING id, sequence,
//   created_at, the audit event; COMMIT;
// - the domain's normalizeReportedPhone, patternKey, decideNewReport, reportExpiry, maskPhone;
// - a pg Pool of the same size, unnamed statements like TypeORM's; the same JSON body and status (201).
import { createHash, createSecretKey, randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_CA_POLICY, decideNewReport, maskPhone, normalizeReportedPhone, patternKey, reportExpiry, reportStatusAt } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const REPORT_COLUMNS = ['site_id', 'id', 'sequence', 'agency_id', 'agent_id', 'customer_name', 'phone', 'phone_pattern', 'expected_visit_at', 'status', 'status_reason', 'visit_code', 'expires_at', 'customer_id', 'visited_at', 'created_at'];
const SQL = {
  idempotencyInsert:
    'INSERT INTO "idempotency_record" AS "IdempotencyRecord"("principal", "key", "method", "path", "request_hash", "status_code", "response_body", "created_at", "completed_at") VALUES ($1, $2, $3, $4, $5, DEFAULT, DEFAULT, DEFAULT, DEFAULT) ON CONFLICT DO NOTHING  RETURNING "key", "created_at"',
  idempotencyRead:
    'SELECT "IdempotencyRecord"."principal" AS "IdempotencyRecord_principal", "IdempotencyRecord"."key" AS "IdempotencyRecord_key", "IdempotencyRecord"."method" AS "IdempotencyRecord_method", "IdempotencyRecord"."path" AS "IdempotencyRecord_path", "IdempotencyRecord"."request_hash" AS "IdempotencyRecord_request_hash", "IdempotencyRecord"."status_code" AS "IdempotencyRecord_status_code", "IdempotencyRecord"."response_body" AS "IdempotencyRecord_response_body", "IdempotencyRecord"."created_at" AS "IdempotencyRecord_created_at", "IdempotencyRecord"."completed_at" AS "IdempotencyRecord_completed_at" FROM "idempotency_record" "IdempotencyRecord" WHERE (("IdempotencyRecord"."principal" = $1) AND ("IdempotencyRecord"."key" = $2)) LIMIT 1',
  idempotencyDone: 'UPDATE "idempotency_record" SET "status_code" = $1, "response_body" = $2, "completed_at" = $3 WHERE ("principal" = $4 AND "key" = $5)',
  idempotencyDelete: 'DELETE FROM "idempotency_record" WHERE ("principal" = $1 AND "key" = $2)',
  site: 'SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."id" = $1)) LIMIT 1',
  policy:
    'SELECT "ClientPolicyVersion"."site_id" AS "ClientPolicyVersion_site_id", "ClientPolicyVersion"."id" AS "ClientPolicyVersion_id", "ClientPolicyVersion"."version" AS "ClientPolicyVersion_version", "ClientPolicyVersion"."policy" AS "ClientPolicyVersion_policy", "ClientPolicyVersion"."created_by" AS "ClientPolicyVersion_created_by", "ClientPolicyVersion"."created_at" AS "ClientPolicyVersion_created_at" FROM "client_policy" "ClientPolicyVersion" WHERE (("ClientPolicyVersion"."site_id" = $1)) ORDER BY "ClientPolicyVersion"."version" DESC LIMIT 1',
  barred:
    'SELECT 1 AS "row_exists" FROM (SELECT 1 AS dummy_column) "dummy_table" WHERE EXISTS (SELECT 1 FROM "barred_agent" "BarredAgent" WHERE (("BarredAgent"."site_id" = $1) AND ("BarredAgent"."agent_id" = $2) AND ("BarredAgent"."lifted_at" IS NULL))) LIMIT 1',
  lock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  owned:
    'SELECT "Customer"."phone" AS "Customer_phone", "Customer"."id" AS "Customer_id" FROM "customer" "Customer" WHERE (("Customer"."site_id" = $1) AND ("Customer"."phone_pattern" = $2) AND ("Customer"."status" = $3) AND ("Customer"."protected_until" > $4))',
  running: `SELECT ${REPORT_COLUMNS.map((c) => `"PartnerReport"."${c}" AS "PartnerReport_${c}"`).join(', ')} FROM "partner_report" "PartnerReport" WHERE (("PartnerReport"."site_id" = $1) AND ("PartnerReport"."phone_pattern" = $2) AND ("PartnerReport"."status" IN ($3, $4)) AND ("PartnerReport"."expires_at" > $5))`,
  insertReport:
    'INSERT INTO "partner_report"("site_id", "id", "agency_id", "agent_id", "customer_name", "phone", "phone_pattern", "expected_visit_at", "status", "status_reason", "visit_code", "expires_at", "customer_id", "visited_at", "created_at") VALUES ($1, DEFAULT, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT, DEFAULT, $12) RETURNING "id", "sequence", "created_at"',
  audit:
    'INSERT INTO "audit_event"("id", "organization_id", "site_id", "actor_id", "actor_login", "action", "entity_type", "entity_id", "before", "after", "reason", "request_id", "at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT) RETURNING "id", "at"',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const KEY = /^[\x21-\x7e]{1,200}$/;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const visitCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });

/** canonical-json.ts: keys sorted at every level. */
function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
/** The audit trail's scrub (AuditService). */
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
    const site = row ? { id: row.Site_id, organizationId: row.Site_organization_id, timeZone: row.Site_time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  /** RateLimitGuard: 120 per 60 s per caller, fixed window. */
  const windows = new Map();

  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.post('/api/v1/partner/reports', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => g.role === 'partner')) return problem(reply, 403, 'Forbidden');
    const principal = `user:${claims.sub}`;
    const now0 = Date.now();
    let w = windows.get(principal);
    if (!w || now0 - w.start >= 60_000) {
      w = { start: now0, count: 0 };
      windows.set(principal, w);
      if (windows.size > 10_000) for (const [k, v] of windows) if (now0 - v.start >= 60_000) windows.delete(k);
    }
    w.count++;
    const reset = Math.ceil((w.start + 60_000 - now0) / 1000);
    reply.header('ratelimit-limit', '120').header('ratelimit-remaining', String(Math.max(0, 120 - w.count))).header('ratelimit-reset', String(reset));
    if (w.count > 120) return problem(reply.header('retry-after', String(reset)), 429, 'Too Many Requests', { code: 'TOO_MANY_REQUESTS' });

    // IdempotencyInterceptor.
    const idemKey = req.headers['idempotency-key'];
    let recorded = false;
    if (idemKey !== undefined) {
      if (!KEY.test(String(idemKey))) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
      const path = req.url.split('?')[0];
      const requestHash = createHash('sha256').update(`POST ${path} ${canonicalJson(req.body ?? null)}`).digest('hex');
      const inserted = await pool.query(SQL.idempotencyInsert, [principal, String(idemKey), 'POST', path, requestHash]);
      if (!inserted.rows.length) {
        const prior = (await pool.query(SQL.idempotencyRead, [principal, String(idemKey)])).rows[0];
        if (prior.IdempotencyRecord_request_hash !== requestHash) return problem(reply, 422, 'Unprocessable Entity', { code: 'IDEMPOTENCY_KEY_REUSED' });
        if (prior.IdempotencyRecord_status_code === null) return problem(reply.header('retry-after', '1'), 409, 'Conflict', { code: 'IDEMPOTENCY_IN_PROGRESS' });
        reply.code(prior.IdempotencyRecord_status_code).header('idempotent-replayed', 'true');
        return prior.IdempotencyRecord_response_body;
      }
      recorded = true;
    }
    const forget = () => (recorded ? pool.query(SQL.idempotencyDelete, [principal, String(idemKey)]) : null);

    // CreatePartnerReportDto.
    const b = /** @type {any} */ (req.body);
    const valid =
      b && typeof b === 'object' && typeof b.siteId === 'string' && UUID.test(b.siteId) && typeof b.customerName === 'string' && b.customerName.length >= 1 && b.customerName.length <= 50 &&
      typeof b.phone === 'string' && /^[0-9+*\s-]{7,20}$/.test(b.phone) && typeof b.expectedVisitAt === 'string' && ISO.test(b.expectedVisitAt);
    if (!valid) {
      await forget();
      return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    }
    // AccessPolicy.requireSite(p, siteId, ['partner']).
    const site = await siteOf(b.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) {
      await forget();
      return problem(reply, 404, 'Not Found');
    }
    if (!held.includes('partner') || !claims.agency) {
      await forget();
      return problem(reply, 403, 'Forbidden');
    }

    // PartnerReportsService.submit.
    const now = new Date();
    const row0 = (await pool.query(SQL.policy, [site.id])).rows[0];
    const policy = row0 ? { ...DEFAULT_CA_POLICY, ...row0.ClientPolicyVersion_policy } : DEFAULT_CA_POLICY; // the generator writes version 1
    const reported = normalizeReportedPhone(b.phone);
    const expectedVisitAt = new Date(b.expectedVisitAt);
    if (!reported || (reported.kind === 'masked' && !policy.maskedReporting) || expectedVisitAt.getTime() < now.getTime() - 60_000 || expectedVisitAt > reportExpiry(now, policy)) {
      await forget();
      return problem(reply, reported ? 422 : 400, 'Unprocessable Entity');
    }
    const pattern = patternKey(reported);
    const client = await pool.connect();
    let dto;
    try {
      await client.query('START TRANSACTION');
      const barred = (await client.query(SQL.barred, [site.id, claims.sub])).rows.length > 0;
      if (barred) throw Object.assign(new Error('barred'), { status: 403 });
      await client.query(SQL.lock, [`report:${site.id}:${pattern}`]);
      const [owned, active] = await Promise.all([client.query(SQL.owned, [site.id, pattern, 'owned', now]), client.query(SQL.running, [site.id, pattern, 'pending', 'valid', now])]);
      const activeReports = active.rows.map((r) => ({
        id: r.PartnerReport_id,
        agencyId: r.PartnerReport_agency_id,
        reported: r.PartnerReport_phone ? { kind: 'full', phone: r.PartnerReport_phone } : normalizeReportedPhone(r.PartnerReport_phone_pattern),
        reportedAt: r.PartnerReport_created_at,
        sequence: Number(r.PartnerReport_sequence),
        status: r.PartnerReport_status,
        expiresAt: r.PartnerReport_expires_at,
      }));
      const decision = decideNewReport({ agencyId: claims.agency, reported, at: now, sequence: Number.MAX_SAFE_INTEGER }, { protectedPhones: owned.rows.map((c) => c.Customer_phone), activeReports });
      const report = {
        customerName: b.customerName.trim(),
        phone: reported.kind === 'full' ? reported.phone : null,
        phonePattern: pattern,
        expectedVisitAt,
        status: decision.status,
        visitCode: visitCode(),
        expiresAt: reportExpiry(now, policy),
      };
      const ins = (
        await client.query(SQL.insertReport, [site.id, claims.agency, claims.sub, report.customerName, report.phone, pattern, expectedVisitAt, decision.status, decision.reason, report.visitCode, report.expiresAt, now])
      ).rows[0];
      await client.query(SQL.audit, [
        site.organizationId, site.id, claims.sub, claims.login, 'client.partner_report', 'partner_report', ins.id, null,
        scrub({ status: decision.status, reason: decision.reason, ruleIds: decision.ruleIds, agencyId: claims.agency, phonePattern: pattern }), null, randomUUID(),
      ]);
      await client.query('COMMIT');
      const status = reportStatusAt(report.status, report.expiresAt, now);
      dto = {
        id: ins.id,
        status,
        customerName: report.customerName,
        phoneMasked: report.phone ? maskPhone(report.phone) : pattern,
        expectedVisitAt,
        expiresAt: report.expiresAt,
        visitCode: status === 'pending' ? report.visitCode : null,
        visitedAt: null,
        createdAt: now,
      };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      await forget();
      if (e.status === 403) return problem(reply, 403, 'Forbidden', { code: 'AGENT_BARRED' });
      throw e;
    } finally {
      client.release();
    }
    if (recorded) await pool.query(SQL.idempotencyDone, [201, JSON.stringify(dto), new Date(), principal, String(idemKey)]);
    reply.code(201);
    return dto;
  });
  return app;
}
