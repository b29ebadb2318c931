// The raw baseline for GET /api/v1/complaints/statistics and …/statistics/organization (CMP-8, issue
// #6): plain Fastify + pg + jsonwebtoken doing what ComplaintStatisticsService does, and nothing more,
// so that the ratio app/baseline measures the cost of the framework layers (NestJS, TypeORM).
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token checked as the JWT strategy does (HS256, issuer, typ 'access', grants); the site from a
//   60 s cache; roles on the site (404 without any, 403 without supervisor/manager/director/admin);
//   the organization: the sites where the caller is director or admin (an org-wide grant: all), by code;
// - the same statements in the same order: the clocks of the period without a stored outcome (running)
//   and their pauses, read now with the domain's readClock under the complaint's policy version; then
//   the grouped statement and the calls/coverage statement, imported as text from the API's build
//   (dist/api/modules/complaint/statistics.service.js: LIVE_CLOCKS_SQL, groupedSql, callsSql and the row mappers — the
//   same SQL, not a copy that could drift); the current policy; the staff's display names;
// - the same JSON body. Only JSON (not CSV/XLSX).
import { addDays, businessCalendar, COMPLAINT_GROUPINGS, readClock, zonedTime } from '@sitedesk/domain';
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const { groupedSql, callsSql, LIVE_CLOCKS_SQL, rowOf, EMPTY_ROW, satisfactionOf, coverageOf, lastDayOfMonth } = await import(new URL('../../dist/api/modules/complaint/statistics.service.js', import.meta.url).href);

const READERS = ['supervisor', 'manager', 'director', 'admin'];
const ORG_READERS = ['director', 'admin'];
const SQL = {
  site: 'SELECT id, organization_id, code, name, kind, time_zone FROM site WHERE id = $1 LIMIT 1',
  orgSites: 'SELECT id FROM site WHERE organization_id = $1',
  live: LIVE_CLOCKS_SQL,
  pauses: 'SELECT complaint_id, from_at, to_at FROM complaint_pause WHERE complaint_id = ANY($1::uuid[]) ORDER BY from_at',
  policyVersion: 'SELECT * FROM complaint_policy WHERE site_id = $1 AND version = $2 LIMIT 1',
  policyCurrent: 'SELECT * FROM complaint_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1',
  names: 'SELECT id, display_name FROM app_user WHERE id = ANY($1)',
};
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });
const groupBy = (rows) => {
  const m = new Map();
  for (const x of rows) m.set(x.complaint_id, [...(m.get(x.complaint_id) ?? []), x]);
  return m;
};
const periodOf = (site, q) => {
  const from = q.month ? `${q.month}-01` : `${q.year}-01-01`;
  const to = q.month ? lastDayOfMonth(q.month) : `${q.year}-12-31`;
  return { site, from, to, lo: zonedTime(from, '00:00', site.timeZone), hi: zonedTime(addDays(to, 1), '00:00', site.timeZone) };
};

/** complaint-store.ts snapshotOf, from raw rows (used by complaint-inbox-raw.mjs). */
export function snapshot(r, clocks, pauses, escalations, followUp) {
  return {
    id: r.id,
    state: r.state,
    receivedAt: r.received_at,
    channel: r.channel,
    receivedBy: r.received_by,
    ownerId: r.owner_id,
    importantCustomer: r.important_customer,
    subjectType: r.subject_type,
    subjectRef: r.subject_ref,
    classification: r.classification,
    baseLevel: r.base_level,
    escalations: escalations.filter((e) => e.reason !== 'classification').map((e) => ({ at: e.at, reason: e.reason, ...(e.clock_key ? { clockKey: e.clock_key } : {}) })),
    clocks: clocks.map((k) => ({ key: k.key, kind: k.kind, startedAt: k.started_at, targetMinutes: k.target_minutes, promisedAt: k.promised_at, stoppedAt: k.stopped_at })),
    pauses: pauses.map((p) => ({ from: p.from_at, to: p.to_at })),
    firstRespondedAt: r.first_responded_at,
    investigation: r.investigation,
    proposals: r.proposals ?? [],
    proposedBy: r.proposed_by,
    proposedByRoles: r.proposed_by_roles ?? [],
    approval: r.approval ? { ...r.approval, at: new Date(r.approval.at) } : null,
    resolution: r.resolution ? { ...r.resolution, at: new Date(r.resolution.at) } : null,
    rejectionReply: r.rejection_reply,
    followUp: followUp ? { plannedAt: followUp.planned_at, dueBy: followUp.due_by, assigneeRole: followUp.assignee_role, bookedByCustomer: followUp.booked_by_customer, outsideWindow: followUp.outside_window } : null,
    reopenCount: r.reopen_count,
    closedAt: r.closed_at,
  };
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
    const site = row ? { id: row.id, organizationId: row.organization_id, code: row.code, name: row.name, kind: row.kind, timeZone: row.time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  const claimsOf = (req) => {
    const auth = req.headers.authorization;
    try {
      const c = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
      return c?.typ === 'access' && Array.isArray(c.grants) ? c : null;
    } catch {
      return null;
    }
  };
  /** ComplaintStatisticsService.params: the periods and the running clocks read now. */
  const params = async (periods, now) => {
    const ps = [periods.map((p) => p.site.id), periods.map((p) => p.lo.toISOString()), periods.map((p) => p.hi.toISOString()), periods.map((p) => p.site.timeZone)];
    const live = (await pool.query(SQL.live, ps)).rows;
    const ids = [], kinds = [], status = [];
    if (live.length) {
      const pauses = groupBy((await pool.query(SQL.pauses, [[...new Set(live.map((k) => k.complaint_id))]])).rows);
      const calendars = new Map();
      for (const k of live) {
        const ck = `${k.site_id}:${k.policy_version}`;
        if (!calendars.has(ck)) {
          const row = (await pool.query(SQL.policyVersion, [k.site_id, k.policy_version])).rows[0];
          calendars.set(ck, businessCalendar(row.policy, periods.find((p) => p.site.id === k.site_id).site.timeZone));
        }
        const r = readClock({ key: k.key, kind: k.kind, startedAt: k.started_at, targetMinutes: k.target_minutes, promisedAt: k.promised_at, stoppedAt: k.stopped_at }, calendars.get(ck), (pauses.get(k.complaint_id) ?? []).map((p) => ({ from: p.from_at, to: p.to_at })), now);
        ids.push(k.complaint_id);
        kinds.push(k.kind);
        status.push(r.status);
      }
    }
    return [...ps, ids, kinds, status];
  };
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/api/v1/complaints/statistics', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => READERS.includes(g.role))) return problem(reply, 403, 'Forbidden');
    const q = /** @type {Record<string, string>} */ (req.query);
    if (!UUID.test(q.siteId ?? '') || (q.month !== undefined && !MONTH.test(q.month)) || (q.year !== undefined && !YEAR.test(q.year)) || !!q.month === !!q.year) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const site = await siteOf(q.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');

    const period = periodOf(site, q);
    const ps = await params([period], new Date());
    const [groups, calls] = (await Promise.all([pool.query(groupedSql(false), ps), pool.query(callsSql(false), ps.slice(0, 4))])).map((r) => r.rows);
    const policy = (await pool.query(SQL.policyCurrent, [site.id])).rows[0].policy;
    const categoryNames = new Map(policy.categories.map((c) => [c.code, c.name]));
    const staffIds = [...new Set(groups.filter((g) => g.grouping === 'staff' && g.key !== 'none').map((g) => g.key))];
    const staffNames = new Map(staffIds.length ? (await pool.query(SQL.names, [staffIds])).rows.map((u) => [u.id, u.display_name]) : []);
    const label = (by, k) => (by === 'category' ? categoryNames.get(k) : by === 'staff' ? staffNames.get(k) : undefined) ?? k;
    const tables = Object.fromEntries(COMPLAINT_GROUPINGS.map((by) => [by, groups.filter((g) => g.grouping === by).sort((a, b) => a.key.localeCompare(b.key)).map((g) => ({ ...rowOf(g), label: label(by, g.key) }))]));
    const all = groups.find((g) => g.grouping === 'all');
    const total = all ? rowOf(all) : EMPTY_ROW('all');
    return { period: q.month ?? q.year, from: period.from, to: period.to, total: total.total, tables, firstResponse: total.firstResponse, resolution: total.resolution, sla: total.sla, satisfaction: satisfactionOf(calls[0]), memberFollowUp: coverageOf(calls[0]) };
  });

  app.get('/api/v1/complaints/statistics/organization', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role })).filter((g) => ORG_READERS.includes(g.role));
    if (!grants.length) return problem(reply, 403, 'Forbidden');
    const q = /** @type {Record<string, string>} */ (req.query);
    if ((q.month !== undefined && !MONTH.test(q.month)) || (q.year !== undefined && !YEAR.test(q.year)) || !!q.month === !!q.year) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const ids = grants.some((g) => g.siteId === null) ? (await pool.query(SQL.orgSites, [claims.org])).rows.map((r) => r.id) : [...new Set(grants.map((g) => g.siteId))];
    const list = (await Promise.all(ids.map(siteOf))).filter((s) => s && s.organizationId === claims.org).sort((a, b) => a.code.localeCompare(b.code));
    const periods = list.map((s) => periodOf(s, q));
    const ps = await params(periods, new Date());
    const [groups, calls] = periods.length ? (await Promise.all([pool.query(groupedSql(true), ps), pool.query(callsSql(true), ps.slice(0, 4))])).map((r) => r.rows) : [[], []];
    const summary = (siteId) => {
      const g = groups.find((r) => r.grouping === 'all' && r.site_id === siteId);
      const c = calls.find((r) => r.site_id === siteId) ?? { site_id: siteId, calls: 0, score_sum: null, score_median: null, score_p90: null, solved: 0, charged: 0, satisfied: 0, neutral: 0, unsatisfied: 0, reopened: 0, owed: 0, missing: [] };
      const { key: _key, ...row } = g ? rowOf(g) : EMPTY_ROW('all');
      return { ...row, satisfaction: satisfactionOf(c), memberFollowUp: coverageOf(c) };
    };
    return {
      organizationId: claims.org,
      period: q.month ?? q.year,
      sites: periods.map((p) => ({ siteId: p.site.id, siteCode: p.site.code, siteName: p.site.name, from: p.from, to: p.to, ...summary(p.site.id) })),
      totals: summary(null),
    };
  });
  return app;
}
