// The raw baseline for GET /api/v1/complaints, the complaint inbox (issue #6): plain Fastify + pg +
// jsonwebtoken doing what ComplaintsService.list does, and nothing more, so that the ratio
// app/baseline measures the cost of the framework layers.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token as the JWT strategy checks it; the site from a 60 s cache; roles on the site (404 without
//   any, 403 without cs_agent/service_advisor/supervisor/manager/director/admin);
// - the same statements in the same order (written by hand after complaints.service.ts list and
//   complaint-store.ts: the same conditions, ORDER BY received_at DESC, id ASC, LIMIT/OFFSET, the count
//   of the same WHERE — TypeORM's getManyAndCount runs the page and a COUNT(DISTINCT id)); then the
//   clocks, pauses, escalation steps and open follow-ups of the page's 50 (four IN queries at once), the
//   policy of each version, the owners' display names;
// - the domain's businessCalendar, escalationAt, readClock (readNow) and the same ComplaintDto fields in
//   the same order; { items, total, page, pageSize }.
import { addDays, businessCalendar, escalationAt, readClock, zonedTime } from '@sitedesk/domain';
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { snapshot } from './complaint-stats-raw.mjs';

const READERS = ['cs_agent', 'service_advisor', 'supervisor', 'manager', 'director', 'admin'];
const STATES = ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed', 'rejected', 'reopened'];
const SEVERITIES = ['minor', 'normal', 'major'];
const CHANNELS = ['phone', 'visit', 'online', 'follow_up_call'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SQL = {
  site: 'SELECT id, organization_id, name, kind, time_zone FROM site WHERE id = $1 LIMIT 1',
  clocks: 'SELECT * FROM complaint_sla_clock WHERE complaint_id = ANY($1) ORDER BY started_at ASC, key ASC',
  pauses: 'SELECT * FROM complaint_pause WHERE complaint_id = ANY($1) ORDER BY from_at ASC',
  escalations: 'SELECT * FROM complaint_escalation WHERE complaint_id = ANY($1) ORDER BY at ASC, id ASC',
  openFollowUps: "SELECT * FROM complaint_follow_up WHERE complaint_id = ANY($1) AND status = 'open'",
  policyVersion: 'SELECT * FROM complaint_policy WHERE site_id = $1 AND version = $2 LIMIT 1',
  names: 'SELECT id, display_name FROM app_user WHERE id = ANY($1)',
};
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });
const groupBy = (rows) => {
  const m = new Map();
  for (const x of rows) m.set(x.complaint_id, [...(m.get(x.complaint_id) ?? []), x]);
  return m;
};

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
    const site = row ? { id: row.id, organizationId: row.organization_id, name: row.name, kind: row.kind, timeZone: row.time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/api/v1/complaints', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => READERS.includes(g.role))) return problem(reply, 403, 'Forbidden');
    const q = /** @type {Record<string, string>} */ (req.query);
    const pageNo = q.page === undefined ? 1 : Number(q.page);
    const size = q.pageSize === undefined ? 50 : Number(q.pageSize);
    const valid =
      UUID.test(q.siteId ?? '') && Number.isInteger(pageNo) && pageNo >= 1 && Number.isInteger(size) && size >= 1 && size <= 200 &&
      (q.status === undefined || STATES.includes(q.status)) && (q.severity === undefined || SEVERITIES.includes(q.severity)) && (q.channel === undefined || CHANNELS.includes(q.channel)) &&
      (q.category === undefined || /^[a-z][a-z0-9_-]{0,39}$/.test(q.category)) && (q.ownerId === undefined || q.ownerId === 'none' || UUID.test(q.ownerId)) &&
      (q.breached === undefined || q.breached === 'true' || q.breached === 'false') && (q.from === undefined || DATE.test(q.from)) && (q.to === undefined || DATE.test(q.to));
    if (!valid) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const site = await siteOf(q.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');

    const now = new Date();
    const where = ['c.site_id = $1'];
    const params = [site.id];
    const add = (sql, v) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('c.state = ?', q.status);
    if (q.severity) add('c.severity = ?', q.severity);
    if (q.category) add('c.category = ?', q.category);
    if (q.channel) add('c.channel = ?', q.channel);
    if (q.ownerId === 'none') where.push('c.owner_id IS NULL');
    else if (q.ownerId) add('c.owner_id = ?', q.ownerId.toLowerCase());
    if (q.from) add('c.received_at >= ?', zonedTime(q.from, '00:00', site.timeZone));
    if (q.to) add('c.received_at < ?', zonedTime(addDays(q.to, 1), '00:00', site.timeZone));
    if (q.breached !== undefined) {
      params.push(now);
      const n = `$${params.length}`;
      const breached = `EXISTS (SELECT 1 FROM complaint_sla_clock k WHERE k.complaint_id = c.id AND k.due_at IS NOT NULL
                          AND ((k.stopped_at IS NULL AND k.due_at <= ${n}) OR (k.stopped_at IS NOT NULL AND k.stopped_at <= ${n} AND k.stopped_at >= k.due_at)))`;
      where.push(q.breached === 'true' ? breached : `NOT ${breached}`);
    }
    const w = where.join(' AND ');
    const rows = (await pool.query(`SELECT c.* FROM complaint c WHERE ${w} ORDER BY c.received_at DESC, c.id ASC LIMIT ${size} OFFSET ${(pageNo - 1) * size}`, params)).rows;
    const total = Number((await pool.query(`SELECT COUNT(DISTINCT(c.id)) AS cnt FROM complaint c WHERE ${w}`, params)).rows[0].cnt);
    const items = [];
    if (rows.length) {
      const ids = rows.map((r) => r.id);
      const [clocks, pauses, escalations, open] = (await Promise.all([SQL.clocks, SQL.pauses, SQL.escalations, SQL.openFollowUps].map((s) => pool.query(s, [ids])))).map((r) => groupBy(r.rows));
      const policies = new Map();
      const owners = [...new Set(rows.map((r) => r.owner_id).filter(Boolean))];
      const names = new Map(owners.length ? (await pool.query(SQL.names, [owners])).rows.map((u) => [u.id, u.display_name]) : []);
      for (const row of rows) {
        let pc = policies.get(row.policy_version);
        if (!pc) {
          const p = (await pool.query(SQL.policyVersion, [site.id, row.policy_version])).rows[0].policy;
          pc = { policy: p, calendar: businessCalendar(p, site.timeZone) };
          policies.set(row.policy_version, pc);
        }
        const s = snapshot(row, clocks.get(row.id) ?? [], pauses.get(row.id) ?? [], escalations.get(row.id) ?? [], open.get(row.id)?.[0] ?? null);
        // complaint-store.ts readNow.
        const level = escalationAt(s, pc.policy, pc.calendar, now);
        const readings = s.clocks.map((k) => readClock(k, pc.calendar, s.pauses, now));
        const running = readings.filter((r) => (r.status === 'running' || r.status === 'paused') && r.dueAt);
        const c = row.classification;
        items.push({
          id: row.id,
          siteId: row.site_id,
          state: row.state,
          channel: row.channel,
          complainantName: row.complainant_name,
          contact: row.contact,
          content: row.content,
          subjectType: row.subject_type,
          subjectRef: row.subject_ref,
          customerId: row.customer_id,
          importantCustomer: row.important_customer,
          receivedAt: row.received_at,
          receivedBy: row.received_by,
          ownerId: row.owner_id,
          ownerName: row.owner_id ? (names.get(row.owner_id) ?? '') : '',
          severity: row.severity,
          classification: c ? { kind: c.kind, validity: c.validity, category: c.category, severity: c.severity, department: c.department } : null,
          level: level.level,
          levelRole: level.role,
          breached: readings.some((r) => r.status === 'breached'),
          waiting: s.pauses.some((p) => p.to === null),
          nextDueAt: running.length ? new Date(Math.min(...running.map((r) => r.dueAt.getTime()))) : null,
          firstRespondedAt: row.first_responded_at,
          resolvedAt: row.resolved_at,
          closedAt: row.closed_at,
          reopenCount: row.reopen_count,
          policyVersion: row.policy_version,
        });
      }
    }
    return { items, total, page: pageNo, pageSize: size };
  });
  return app;
}
