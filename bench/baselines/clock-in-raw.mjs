// The raw baseline for POST /api/v1/attendance/clock-in: plain Fastify + pg + jsonwebtoken doing what
// the API does, and nothing more, so that the ratio app/baseline measures the cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token is checked as the JWT strategy does it (jsonwebtoken `verify`, HS256, the secret as a
//   key object, the issuer), then `typ === 'access'` and `grants` an array; the guard's @Roles check
//   (a staff role somewhere), then AccessPolicy.requireSite: the site from a cache of 60 s (as the API's
//   AccessPolicy), the same organization, a staff role on that site or organization-wide;
// - the body is checked like SiteBody (siteId a UUID);
// - the same statements, with the same text, in the same order and with the same concurrency
//   (ClockController.clockIn → AttendanceDataService.clockContext → AttendancePolicyService.resolverFor →
//   KioskService.assertPersonalClockInAllowed → ClockService.clockIn / covering): ONE statement with the
//   identity of the site's policy versions (their ids) and the person's rota entries of yesterday, today
//   and tomorrow joined to their weeks' publications, and their approved leave and business-outs overlapping
//   those days (what may excuse an off-time punch); the versions themselves (TypeORM's text) only when
//   that list changed since they were last read (kept per site, as the API does); then ONE statement that
//   inserts the punch (ON CONFLICT DO NOTHING, the id made in Node), its audit event and the pg_notify of
//   the live event, or answers the first clock-in of the shift when there is one (and, only when that
//   first punch was committed while the statement ran, a second read of it);
// - the domain's shiftBounds and punchStanding decide the segment and the standing, as in the API;
// - a pg Pool of the same size, unnamed statements like TypeORM's, `date` columns as strings;
// - the same JSON body and status (201 new punch, 200 the first punch again).
import { createSecretKey, randomUUID } from 'node:crypto';
import { addDays, localDate, punchStanding, shiftBounds, STAFF_ROLES, zonedTime } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const cols = (entity, names) => names.map((n) => `"${entity}"."${n}" AS "${entity}_${n}"`).join(', ');
const POLICY = cols('AttendancePolicyVersion', ['site_id', 'id', 'version', 'effective_from', 'policy', 'created_by', 'created_at']);
const PUNCH_COLUMNS = 'id, at, shift_date::text AS shift_date, segment, source';
const SQL = {
  site: 'SELECT "Site"."id" AS "Site_id", "Site"."organization_id" AS "Site_organization_id", "Site"."code" AS "Site_code", "Site"."name" AS "Site_name", "Site"."kind" AS "Site_kind", "Site"."time_zone" AS "Site_time_zone", "Site"."created_at" AS "Site_created_at" FROM "site" "Site" WHERE (("Site"."id" = $1)) LIMIT 1',
  policies: `SELECT ${POLICY} FROM "attendance_policy" "AttendancePolicyVersion" WHERE (("AttendancePolicyVersion"."site_id" = $1)) ORDER BY "AttendancePolicyVersion"."version" ASC`,
  /** AttendanceDataService.clockContext: the identity of the policy versions and the rota, one statement. */
  clockContext: `SELECT 'v' AS row, NULL::text AS date, NULL::text AS shift_code, (SELECT string_agg(v.id::text, ',' ORDER BY v.version) FROM attendance_policy v WHERE v.site_id = $1) AS versions, NULL::timestamptz AS from_at, NULL::timestamptz AS to_at
       UNION ALL
       SELECT 's', e.date::text, e.shift_code, NULL, NULL, NULL
         FROM schedule_entry e
         JOIN rota_publication p ON p.site_id = e.site_id AND p.week_start = e.date - (extract(isodow FROM e.date)::int - 1)
        WHERE e.site_id = $1 AND e.user_id = $2 AND e.date BETWEEN $3 AND $4
       UNION ALL
       SELECT 'c', NULL, NULL, NULL, from_at, to_at FROM leave_request WHERE site_id = $1 AND user_id = $2 AND status = 'approved' AND from_at < $6 AND to_at > $5
       UNION ALL
       SELECT 'c', NULL, NULL, NULL, from_at, to_at FROM business_out WHERE site_id = $1 AND user_id = $2 AND cancelled_at IS NULL AND from_at < $6 AND to_at > $5`,
  clockIn: `
WITH ins AS (
  INSERT INTO punch (site_id, id, user_id, kind, at, shift_date, segment, source, device_id, ip)
  VALUES ($1, $2, $3, 'in', $4, $5, $6, $7, $8, $9)
  ON CONFLICT DO NOTHING
  RETURNING ${PUNCH_COLUMNS}
), audit AS (
  INSERT INTO audit_event (organization_id, site_id, actor_id, actor_login, action, entity_type, entity_id, before, after, reason, request_id)
  SELECT $10, $1, $11, $12, 'attendance.clock_in', 'punch', ins.id::text, NULL, $13::jsonb, NULL, $14 FROM ins
)
SELECT true AS created, ins.*, pg_notify($15, $16)::text AS notified FROM ins
UNION ALL
SELECT false AS created, ${PUNCH_COLUMNS}, NULL FROM punch
 WHERE user_id = $3 AND shift_date = $5 AND segment = $6 AND kind = 'in' AND voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM ins)`,
  firstClockIn: `SELECT ${PUNCH_COLUMNS} FROM punch WHERE user_id = $1 AND shift_date = $2 AND segment = $3 AND kind = 'in' AND voided_at IS NULL`,
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
  const versions = async (siteId, q = pool) => (await q.query(SQL.policies, [siteId])).rows.map((r) => ({ id: r.AttendancePolicyVersion_id, version: r.AttendancePolicyVersion_version, effectiveFrom: r.AttendancePolicyVersion_effective_from, policy: r.AttendancePolicyVersion_policy }));
  /** AttendancePolicyService.resolverFor: the versions kept per site while the list of their ids is the same. */
  const known = new Map();
  const versionsFor = async (siteId, key) => {
    const hit = key === null ? undefined : known.get(siteId);
    if (hit && hit.key === key) return hit.all;
    const all = await versions(siteId);
    known.set(siteId, { key: all.map((v) => v.id).join(','), all });
    return all;
  };
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
    // clockContext: the published rota of yesterday, today and tomorrow and the identity of the policy
    // versions (one statement); the versions themselves are read only when that list changed.
    const candidates = [addDays(today, -1), today, addDays(today, 1)];
    const windowStart = zonedTime(candidates[0], '00:00', site.timeZone);
    const windowEnd = zonedTime(addDays(candidates[2], 2), '00:00', site.timeZone);
    const entries = (await pool.query(SQL.clockContext, [site.id, claims.sub, candidates[0], candidates[2], windowStart, windowEnd])).rows;
    const schedule = new Map();
    const around = [];
    let versionKey = null;
    for (const e of entries) {
      if (e.row === 'v') versionKey = e.versions;
      else if (e.row === 's') schedule.set(e.date, e.shift_code);
      else around.push({ from: e.from_at, to: e.to_at });
    }
    const all = await versionsFor(site.id, versionKey);
    // The network rule of today, then the shift's policy.
    const rule = on(all, today).policy.clockIn ?? { personal: 'anywhere' };
    if (rule.personal !== 'anywhere') return problem(reply, 403, 'Forbidden'); // networks and kiosk-only are not benchmarked

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

    // ClockService.standing, before writing: leave and business-outs only when the punch is off time.
    let covering = null;
    const standingAt = async (at) => {
      const input = { kind: 'in', at, segment: { from: seg.start, to: seg.end }, lastSegment: seg.last, policy: seg.policy, eveningMeetingEnd: null };
      const first = punchStanding(input);
      if (first.status === 'on_time') return first;
      covering ??= around.filter((c) => c.from.getTime() < seg.end.getTime() && c.to.getTime() > seg.start.getTime());
      return covering.length ? punchStanding({ ...input, covering }) : first;
    };
    const standing = await standingAt(now);
    const punch = { id: randomUUID(), kind: 'in', at: now, shiftDate: seg.shiftDate, segment: seg.segment, source: 'personal' };
    const after = scrub({ ...punch, userId: claims.sub, deviceId: null, standing });
    const event = { siteId: site.id, type: 'attendance.punch', data: { userId: claims.sub, kind: 'in', at: now.toISOString(), status: standing.status, minutes: standing.minutes }, at: new Date().toISOString() };
    const rows = (
      await pool.query(SQL.clockIn, [site.id, punch.id, claims.sub, now, seg.shiftDate, seg.segment, 'personal', null, req.ip, site.organizationId, claims.sub, claims.login, JSON.stringify(after), randomUUID(), 'sitedesk_events', JSON.stringify(event)])
    ).rows;
    if (rows[0]?.created) {
      reply.code(201);
      return { ...punch, standing };
    }
    const r = rows[0] ?? (await pool.query(SQL.firstClockIn, [claims.sub, seg.shiftDate, seg.segment])).rows[0];
    const first = { id: r.id, kind: 'in', at: r.at, shiftDate: r.shift_date, segment: r.segment, source: r.source };
    reply.code(200);
    return { ...first, standing: await standingAt(first.at) };
  });
  return app;
}
