// The raw baseline for GET /api/v1/complaints/statistics (CMP-8, issue #6): plain Fastify + pg +
// jsonwebtoken doing what ComplaintStatisticsService.statistics does, and nothing more, so that the
// ratio app/baseline measures the cost of the framework layers (NestJS, TypeORM's entity hydration).
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token checked as the JWT strategy does (HS256, issuer, typ 'access', grants); the site from a
//   60 s cache; roles on the site (404 without any, 403 without supervisor/manager/director/admin);
// - the same statements in the same order (written by hand after statistics.service.ts,
//   complaint-store.ts loadFacts, PolicyCache, ComplaintPolicyService.current and userNames; the same
//   tables, conditions and ORDER BY, not TypeORM's aliased column text): the complaints of the site
//   received in the site-local period ORDER BY received_at; their clocks, pauses, escalation steps and
//   open follow-up task (four queries with IN (ids), at once); the policy of each version; the done
//   follow-up calls ORDER BY done_at; the current policy; the staff's display names;
// - the domain's businessCalendar, complaintFact, classificationTable, durationSummary, slaCompliance,
//   satisfaction, memberFollowUpCoverage over the same facts; the same JSON body.
// Only JSON (not CSV/XLSX).
import { addDays, businessCalendar, classificationTable, COMPLAINT_GROUPINGS, complaintFact, durationSummary, memberFollowUpCoverage, satisfaction, slaCompliance, zonedTime } from '@sitedesk/domain';
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const READERS = ['supervisor', 'manager', 'director', 'admin'];
const SQL = {
  site: 'SELECT id, organization_id, name, kind, time_zone FROM site WHERE id = $1 LIMIT 1',
  complaints: 'SELECT * FROM complaint c WHERE c.site_id = $1 AND c.received_at >= $2 AND c.received_at < $3 ORDER BY c.received_at ASC',
  clocks: 'SELECT * FROM complaint_sla_clock WHERE complaint_id = ANY($1) ORDER BY started_at ASC, key ASC',
  pauses: 'SELECT * FROM complaint_pause WHERE complaint_id = ANY($1) ORDER BY from_at ASC',
  escalations: 'SELECT * FROM complaint_escalation WHERE complaint_id = ANY($1) ORDER BY at ASC, id ASC',
  openFollowUps: "SELECT * FROM complaint_follow_up WHERE complaint_id = ANY($1) AND status = 'open'",
  doneFollowUps: "SELECT * FROM complaint_follow_up WHERE complaint_id = ANY($1) AND status = 'done' ORDER BY done_at ASC",
  policyVersion: 'SELECT * FROM complaint_policy WHERE site_id = $1 AND version = $2 LIMIT 1',
  policyCurrent: 'SELECT * FROM complaint_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1',
  names: 'SELECT id, display_name FROM app_user WHERE id = ANY($1)',
};
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });
const lastDayOfMonth = (month) => {
  const [y, m] = month.split('-').map(Number);
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
};
const groupBy = (rows) => {
  const m = new Map();
  for (const x of rows) m.set(x.complaint_id, [...(m.get(x.complaint_id) ?? []), x]);
  return m;
};

/** complaint-store.ts snapshotOf, from raw rows. */
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
    const site = row ? { id: row.id, organizationId: row.organization_id, name: row.name, kind: row.kind, timeZone: row.time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/api/v1/complaints/statistics', async (req, reply) => {
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
    if (!UUID.test(q.siteId ?? '') || (q.month !== undefined && !MONTH.test(q.month)) || (q.year !== undefined && !YEAR.test(q.year)) || !!q.month === !!q.year) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const site = await siteOf(q.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');

    const now = new Date();
    const from = q.month ? `${q.month}-01` : `${q.year}-01-01`;
    const to = q.month ? lastDayOfMonth(q.month) : `${q.year}-12-31`;
    const rows = (await pool.query(SQL.complaints, [site.id, zonedTime(from, '00:00', site.timeZone), zonedTime(addDays(to, 1), '00:00', site.timeZone)])).rows;
    const ids = rows.map((r) => r.id);
    const policies = new Map();
    const policyOf = async (version) => {
      let hit = policies.get(version);
      if (!hit) {
        const row = (await pool.query(SQL.policyVersion, [site.id, version])).rows[0];
        hit = { policy: row.policy, calendar: businessCalendar(row.policy, site.timeZone) };
        policies.set(version, hit);
      }
      return hit;
    };
    const facts = [];
    if (rows.length) {
      const [clocks, pauses, escalations, open] = (await Promise.all([SQL.clocks, SQL.pauses, SQL.escalations, SQL.openFollowUps].map((s) => pool.query(s, [ids])))).map((r) => groupBy(r.rows));
      for (const r of rows) {
        const { calendar } = await policyOf(r.policy_version);
        facts.push(complaintFact(snapshot(r, clocks.get(r.id) ?? [], pauses.get(r.id) ?? [], escalations.get(r.id) ?? [], open.get(r.id)?.[0] ?? null), calendar, now));
      }
    }
    const calls = rows.length ? (await pool.query(SQL.doneFollowUps, [ids])).rows : [];
    const followUps = calls
      .filter((c) => c.answers && c.done_at)
      .map((c) => ({ complaintId: c.complaint_id, calledAt: c.done_at, solved: c.answers.solved, attitude: c.answers.attitude, charged: c.answers.charged, score: c.answers.score, reopened: c.reopened }));
    const policy = (await pool.query(SQL.policyCurrent, [site.id])).rows[0].policy;
    const categoryNames = new Map(policy.categories.map((c) => [c.code, c.name]));
    const staffIds = [...new Set(facts.flatMap((f) => f.staffIds).filter(Boolean))];
    const staffNames = new Map(staffIds.length ? (await pool.query(SQL.names, [staffIds])).rows.map((u) => [u.id, u.display_name]) : []);
    const label = (by, k) => (by === 'category' ? categoryNames.get(k) : by === 'staff' ? staffNames.get(k) : undefined) ?? k;
    const tables = Object.fromEntries(COMPLAINT_GROUPINGS.map((by) => [by, classificationTable(facts, by, site.timeZone).map((r) => ({ ...r, label: label(by, r.key) }))]));
    return {
      period: q.month ?? q.year,
      from,
      to,
      total: facts.length,
      tables,
      firstResponse: durationSummary(facts.map((f) => f.firstResponseMinutes)),
      resolution: durationSummary(facts.map((f) => f.resolutionMinutes)),
      sla: slaCompliance(facts),
      satisfaction: satisfaction(followUps),
      memberFollowUp: memberFollowUpCoverage(facts, followUps),
    };
  });
  return app;
}
