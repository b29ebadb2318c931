// The raw baseline for POST /api/v1/attendance/clock-in: plain Fastify + pg + jsonwebtoken doing what
// the API does, and nothing more, so that the ratio app/baseline measures the cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token is checked as the JWT strategy does it (jsonwebtoken `verify`, HS256, the secret as a
//   key object, the issuer), then `typ === 'access'` and `grants` an array; the guard's @Roles check
//   (a staff role somewhere), then AccessPolicy.requireSite: the site from a cache of 60 s (as the API's
//   AccessPolicy), the same organization, a staff role on that site or organization-wide;
// - the body is checked like SiteBody (siteId a UUID);
// - the same statements, with the text TypeORM generates, in the same order and with the same
//   concurrency (ClockController.clockIn → KioskService.assertPersonalClockInAllowed →
//   ClockService.clockIn → AttendanceDataService.segmentFor → ClockService.standing):
//   the policy versions (personal clock-in allowed?); the rota publications of the weeks of yesterday,
//   today and tomorrow; the person's rota entries of those days; the policy versions again (the
//   resolver); then in one transaction: INSERT … ON CONFLICT DO NOTHING of the punch; the punch read
//   back (by id, or the first clock-in of the shift when it already existed); when the punch is not on
//   time, approved leave and business-outs around the segment (both on the transaction's connection,
//   as Promise.all on it sends them one after the other); for a new punch the audit event and the
//   pg_notify of the live event; COMMIT;
// - the domain's shiftBounds and punchStanding decide the segment and the standing, as in the API;
// - a pg Pool of the same size, unnamed statements like TypeORM's, `date` columns as strings;
// - the same JSON body and status (201 new punch, 200 the first punch again).
import { createSecretKey, randomUUID } from 'node:crypto';
import { addDays, localDate, punchStanding, shiftBounds, STAFF_ROLES, weekOf } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const cols = (entity, names) => names.map((n) => `"${entity}"."${n}" AS "${entity}_${n}"`).join(', ');
const POLICY = cols('AttendancePolicyVersion', ['site_id', 'id', 'version', 'effective_from', 'policy', 'created_by', 'created_at']);
const PUNCH = cols('PunchRecord', ['site_id', 'id', 'user_id', 'kind', 'at', 'shift_date', 'segment', 'source', 'device_id', 'ip', 'correction_reason', 'corrected_by', 'voided_at', 'created_at']);
const SQL = {
  site: 'SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."id" = $1)) LIMIT 1',
  policies: `SELECT ${POLICY} FROM "attendance_policy" "AttendancePolicyVersion" WHERE (("AttendancePolicyVersion"."site_id" = $1)) ORDER BY "AttendancePolicyVersion"."version" ASC`,
  /** @param {number} n */
  publications: (n) =>
    `SELECT "RotaPublication"."site_id" AS "RotaPublication_site_id", "RotaPublication"."id" AS "RotaPublication_id", "RotaPublication"."week_start" AS "RotaPublication_week_start", "RotaPublication"."published_by" AS "RotaPublication_published_by", "RotaPublication"."published_at" AS "RotaPublication_published_at" FROM "rota_publication" "RotaPublication" WHERE (("RotaPublication"."site_id" = $1) AND ("RotaPublication"."week_start" IN (${Array.from({ length: n }, (_, i) => `$${i + 2}`).join(', ')})))`,
  schedule:
    'SELECT "ScheduleEntry"."site_id" AS "ScheduleEntry_site_id", "ScheduleEntry"."id" AS "ScheduleEntry_id", "ScheduleEntry"."user_id" AS "ScheduleEntry_user_id", "ScheduleEntry"."date" AS "ScheduleEntry_date", "ScheduleEntry"."shift_code" AS "ScheduleEntry_shift_code", "ScheduleEntry"."updated_by" AS "ScheduleEntry_updated_by", "ScheduleEntry"."updated_at" AS "ScheduleEntry_updated_at" FROM "schedule_entry" "ScheduleEntry" WHERE (("ScheduleEntry"."site_id" = $1) AND ("ScheduleEntry"."user_id" IN ($2)) AND ("ScheduleEntry"."date" BETWEEN $3 AND $4))',
  insertPunch:
    'INSERT INTO "punch"("site_id", "id", "user_id", "kind", "at", "shift_date", "segment", "source", "device_id", "ip", "correction_reason", "corrected_by", "voided_at", "created_at") VALUES ($1, DEFAULT, $2, $3, $4, $5, $6, $7, $8, $9, DEFAULT, DEFAULT, DEFAULT, DEFAULT) ON CONFLICT DO NOTHING  RETURNING "id", "segment", "created_at"',
  punchById: `SELECT ${PUNCH} FROM "punch" "PunchRecord" WHERE (("PunchRecord"."id" = $1)) LIMIT 1`,
  firstClockIn: `SELECT ${PUNCH} FROM "punch" "PunchRecord" WHERE (("PunchRecord"."user_id" = $1) AND ("PunchRecord"."shift_date" = $2) AND ("PunchRecord"."segment" = $3) AND ("PunchRecord"."kind" = $4) AND ("PunchRecord"."voided_at" IS NULL)) LIMIT 1`,
  leave:
    'SELECT "LeaveRequest"."site_id" AS "LeaveRequest_site_id", "LeaveRequest"."id" AS "LeaveRequest_id", "LeaveRequest"."user_id" AS "LeaveRequest_user_id", "LeaveRequest"."type" AS "LeaveRequest_type", "LeaveRequest"."from_at" AS "LeaveRequest_from_at", "LeaveRequest"."to_at" AS "LeaveRequest_to_at", "LeaveRequest"."reason" AS "LeaveRequest_reason", "LeaveRequest"."emergency" AS "LeaveRequest_emergency", "LeaveRequest"."status" AS "LeaveRequest_status", "LeaveRequest"."approval_steps" AS "LeaveRequest_approval_steps", "LeaveRequest"."requested_at" AS "LeaveRequest_requested_at", "LeaveRequest"."first_day_back" AS "LeaveRequest_first_day_back", "LeaveRequest"."certificate_at" AS "LeaveRequest_certificate_at", "LeaveRequest"."policy_version" AS "LeaveRequest_policy_version" FROM "leave_request" "LeaveRequest" WHERE (("LeaveRequest"."site_id" = $1) AND ("LeaveRequest"."user_id" = $2) AND ("LeaveRequest"."status" = $3) AND ("LeaveRequest"."from_at" < $4) AND ("LeaveRequest"."to_at" > $5))',
  businessOuts:
    'SELECT "BusinessOut"."site_id" AS "BusinessOut_site_id", "BusinessOut"."id" AS "BusinessOut_id", "BusinessOut"."user_id" AS "BusinessOut_user_id", "BusinessOut"."from_at" AS "BusinessOut_from_at", "BusinessOut"."to_at" AS "BusinessOut_to_at", "BusinessOut"."whereabouts" AS "BusinessOut_whereabouts", "BusinessOut"."cancelled_at" AS "BusinessOut_cancelled_at", "BusinessOut"."created_at" AS "BusinessOut_created_at" FROM "business_out" "BusinessOut" WHERE (("BusinessOut"."site_id" = $1) AND ("BusinessOut"."user_id" = $2) AND ("BusinessOut"."cancelled_at" IS NULL) AND ("BusinessOut"."from_at" < $3) AND ("BusinessOut"."to_at" > $4))',
  audit:
    'INSERT INTO "audit_event"("id", "organization_id", "site_id", "actor_id", "actor_login", "action", "entity_type", "entity_id", "before", "after", "reason", "request_id", "at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT) RETURNING "id", "at"',
  notify: 'SELECT pg_notify($1, $2)',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF = new Set(STAFF_ROLES);
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });

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
  // `date` columns as strings, as TypeORM hands them to the API.
  const types = { getTypeParser: (oid, format) => (oid === 1082 ? (v) => v : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'sitedesk-bench-raw', types });
  pool.on('error', () => {});
  const key = createSecretKey(Buffer.from(jwtSecret));
  /** AccessPolicy's site cache: 60 s. */
  const sites = new Map();
  const siteOf = async (id) => {
    const hit = sites.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.site;
    const row = (await pool.query(SQL.site, [id])).rows[0];
    const site = row ? { id: row.Site_id, organizationId: row.Site_organization_id, timeZone: row.Site_time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  const versions = async (siteId, q = pool) => (await q.query(SQL.policies, [siteId])).rows.map((r) => ({ version: r.AttendancePolicyVersion_version, effectiveFrom: r.AttendancePolicyVersion_effective_from, policy: r.AttendancePolicyVersion_policy }));
  const on = (all, date) => [...all].reverse().find((v) => v.effectiveFrom <= date) ?? all[0];

  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.post('/api/v1/attendance/clock-in', async (req, reply) => {
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
    const siteId = /** @type {any} */ (req.body)?.siteId;
    if (typeof siteId !== 'string' || !UUID.test(siteId)) return problem(reply, 400, 'Bad Request');

    const site = await siteOf(siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => STAFF.has(r))) return problem(reply, 403, 'Forbidden');

    const now = new Date();
    const today = localDate(now, site.timeZone);
    // assertPersonalClockInAllowed: the policy of today.
    const rule = on(await versions(site.id), today).policy.clockIn ?? { personal: 'anywhere' };
    if (rule.personal !== 'anywhere') return problem(reply, 403, 'Forbidden'); // networks and kiosk-only are not benchmarked

    // segmentFor: the published rota of yesterday, today and tomorrow, then the policy resolver.
    const candidates = [addDays(today, -1), today, addDays(today, 1)];
    const weeks = [...new Set(candidates.map((d) => weekOf(d)[0]))];
    const published = new Set((await pool.query(SQL.publications(weeks.length), [site.id, ...weeks])).rows.map((r) => r.RotaPublication_week_start));
    const entries = (await pool.query(SQL.schedule, [site.id, claims.sub, candidates[0], candidates[2]])).rows;
    const schedule = new Map();
    for (const e of entries) if (published.has(weekOf(e.ScheduleEntry_date)[0])) schedule.set(e.ScheduleEntry_date, e.ScheduleEntry_shift_code);
    const all = await versions(site.id);
    let best = null;
    for (const date of candidates) {
      const code = schedule.get(date);
      const policy = on(all, date).policy;
      const shift = code ? policy.shifts.find((s) => s.code === code) : null;
      if (!shift) continue;
      const bounds = shiftBounds(date, shift, site.timeZone);
      bounds.forEach((b, segment) => {
        if (now.getTime() < b.from.getTime() - 4 * 3_600_000 || now.getTime() > b.to.getTime() + 8 * 3_600_000) return;
        const distance = Math.abs(now.getTime() - b.from.getTime());
        if (!best || distance < best.distance) best = { shiftDate: date, segment, start: b.from, end: b.to, last: segment === bounds.length - 1, policy, distance };
      });
    }
    if (!best) return problem(reply, 409, 'Conflict', { code: 'NO_SHIFT_NOW' });
    const seg = best;

    const client = await pool.connect();
    try {
      await client.query('START TRANSACTION');
      const inserted = (await client.query(SQL.insertPunch, [site.id, claims.sub, 'in', now, seg.shiftDate, seg.segment, 'personal', null, req.ip])).rows;
      const created = inserted.length > 0;
      const r = created
        ? (await client.query(SQL.punchById, [inserted[0].id])).rows[0]
        : (await client.query(SQL.firstClockIn, [claims.sub, seg.shiftDate, seg.segment, 'in'])).rows[0];
      const punch = { id: r.PunchRecord_id, kind: r.PunchRecord_kind, at: r.PunchRecord_at, shiftDate: r.PunchRecord_shift_date, segment: r.PunchRecord_segment, source: r.PunchRecord_source };
      // ClockService.standing: leave and business-outs only when the punch is off time.
      const input = { kind: 'in', at: punch.at, segment: { from: seg.start, to: seg.end }, lastSegment: seg.last, policy: seg.policy, eveningMeetingEnd: null };
      let standing = punchStanding(input);
      if (standing.status !== 'on_time') {
        const [leave, outs] = await Promise.all([
          client.query(SQL.leave, [site.id, claims.sub, 'approved', seg.end, seg.start]),
          client.query(SQL.businessOuts, [site.id, claims.sub, seg.end, seg.start]),
        ]);
        const covering = [...leave.rows.map((l) => ({ from: l.LeaveRequest_from_at, to: l.LeaveRequest_to_at })), ...outs.rows.map((o) => ({ from: o.BusinessOut_from_at, to: o.BusinessOut_to_at }))];
        if (covering.length) standing = punchStanding({ ...input, covering });
      }
      if (created) {
        const after = scrub({ ...punch, userId: claims.sub, deviceId: null, standing });
        await client.query(SQL.audit, [site.organizationId, site.id, claims.sub, claims.login, 'attendance.clock_in', 'punch', punch.id, null, after, null, randomUUID()]);
        const event = { siteId: site.id, type: 'attendance.punch', data: { userId: claims.sub, kind: 'in', at: punch.at.toISOString(), status: standing.status, minutes: standing.minutes }, at: new Date().toISOString() };
        await client.query(SQL.notify, ['sitedesk_events', JSON.stringify(event)]);
      }
      await client.query('COMMIT');
      reply.code(created ? 201 : 200);
      return { ...punch, standing };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  });
  return app;
}
