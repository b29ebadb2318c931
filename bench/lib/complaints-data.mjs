// Complaint data (issue #6): 200,000 complaints over the last two years on 20 sites.
//
// Called by the complaint scenarios' setup (`ensureComplaints(db, { lib, organizationId })`, with
// generate.mjs's helpers handed in, like lib/clients-data.mjs). Its own sites (`bench-cmp-site-001…020`,
// sales offices, Asia/Shanghai, complaint_policy version 1 = the `sales-office` preset) and people
// (`bench-cmp-staff-0001@bench.sitedesk`: per site 4 cs agents, 2 supervisors, a manager; and
// `bench-cmp-director@bench.sitedesk`, director on every site), password BENCH_PASSWORD. Per site
// 10,000 complaints received in business hours (09:00–18:00 site time) spread over 730 days:
// - channel phone 45 %, visit 30 %, online 20 % (unowned until taken: 5 % of the recent ones still are),
//   follow-up call 5 %; subject unit 50 %, staff 15 %, none 35 %; important customer 5 %;
// - classified (kind/validity/category/severity/department): grumble 40 %, complaint 60 %; invalid 8 %;
//   categories service 45 %, quality 30 %, contract 15 %, other 10 %; severity minor 35 %, normal 55 %, major 10 %;
// - states by age: older than 30 days closed 80 %, followed_up 6 %, resolved 5 %, rejected (invalid) as
//   classified; the last 30 days spread over received … closed; 2 % reopened once;
// - clocks: first_response (stopped at the first response, 5–90 business minutes later, 7 % late),
//   resolution:1 for complaints (stopped at the resolution, 10 % breached), promised_reply:1 for 20 %;
//   `due_at` = start + target in wall minutes (an approximation of the business-minute deadline: it is
//   used only by the inbox's `breached` filter);
// - pauses (waiting on the customer) for 10 %, 2–48 h; escalations: classification steps for major /
//   important ones, a breach step for every breached clock, a reopen step for reopened ones;
// - events: the timeline of every step taken (received, taken, classified, investigating, proposed,
//   approved, resolved, follow-up done, closed; about 6 a complaint);
// - follow-up calls (回访): done with answers (score 1–10, 12 % unsatisfied) for followed-up and closed
//   complaints, open for resolved ones, dropped for reopened ones.
// Deterministic (seeded, ids derived from site and index) and idempotent: people ON CONFLICT, complaints
// only for sites that have none of the generator's (a second run adds nothing). Every table is written
// with batched INSERT … SELECT FROM unnest (insertRows, 5,000 rows a statement). It prints its time.
import { createHash } from 'node:crypto';

const DAY = 86_400_000;
const MIN = 60_000;
const pad = (n, width) => String(n).padStart(width, '0');
export const COMPLAINT_SITES = 20;
export const COMPLAINTS = 200_000;
export const COMPLAINT_DAYS = 730;
export const complaintSiteCode = (prefix, i) => `${prefix}-cmp-site-${pad(i + 1, 3)}`;
export const complaintStaffLogin = (prefix, i) => `${prefix}-cmp-staff-${pad(i + 1, 4)}@bench.sitedesk`;
export const complaintDirectorLogin = (prefix) => `${prefix}-cmp-director@bench.sitedesk`;
const STAFF = ['cs_agent', 'cs_agent', 'cs_agent', 'cs_agent', 'supervisor', 'supervisor', 'manager'];

/** A deterministic uuid for (kind, site, index). */
const uuid = (...parts) => {
  const h = createHash('md5').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const CONTENT = {
  service: ['置业顾问接待态度冷淡', '电话多次无人接听', '约定时间未回电', '样板间排队过久'],
  quality: ['交付房屋墙面开裂', '卫生间渗水', '门窗密封不严', '地板起拱'],
  contract: ['合同条款与宣传不符', '价格优惠未兑现', '付款方式变更未告知'],
  other: ['停车场收费不合理', '售楼处噪音扰民', '宣传资料错误'],
};

/**
 * @param {import('pg').Pool} db
 * @param {{ lib: { insertRows: Function, grantRoles: Function, random: Function, benchPasswordHash: () => Promise<string> }, organizationId: string, prefix?: string, sites?: number, complaints?: number, days?: number, seed?: number, now?: Date, log?: (s: string) => void }} o
 */
export async function ensureComplaints(db, { lib, organizationId, prefix = 'bench', sites = COMPLAINT_SITES, complaints = COMPLAINTS, days = COMPLAINT_DAYS, seed = 1, now = new Date(), log = console.log }) {
  const t0 = Date.now();
  const { insertRows, grantRoles, random, benchPasswordHash } = lib;
  const { COMPLAINT_PRESETS } = await import('@sitedesk/domain');
  const policy = COMPLAINT_PRESETS['sales-office'];
  const perSite = Math.floor(complaints / sites);

  const siteRows = Array.from({ length: sites }, (_, i) => [organizationId, complaintSiteCode(prefix, i), `投诉 Complaints ${i + 1}`, 'sales_office', 'Asia/Shanghai']);
  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], siteRows, { suffix: 'ON CONFLICT DO NOTHING' });
  const siteIds = (await db.query('SELECT id FROM site WHERE code = ANY($1) ORDER BY code', [siteRows.map((r) => r[1])])).rows.map((r) => r.id);
  await insertRows(db, 'complaint_policy', [['site_id', 'uuid'], ['version', 'int'], ['policy', 'jsonb']], siteIds.map((id) => [id, 1, JSON.stringify(policy)]), { suffix: 'ON CONFLICT DO NOTHING' });

  // People.
  const passwordHash = await benchPasswordHash();
  const created = new Date(now.getTime() - (days + 30) * DAY);
  const staffLogins = Array.from({ length: sites * STAFF.length }, (_, i) => complaintStaffLogin(prefix, i));
  const director = complaintDirectorLogin(prefix);
  const people = [...staffLogins, director].map((login, i) => [organizationId, login, login === director ? '总监 Director' : `${SURNAMES[i % SURNAMES.length]}${STAFF[i % STAFF.length]}`, passwordHash, 'zh-CN', created]);
  const inserted = await insertRows(db, 'app_user', [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['created_at', 'timestamptz']], people, { suffix: 'ON CONFLICT DO NOTHING RETURNING login' });
  const fresh = new Set(inserted.map((r) => r.login));
  const idOf = new Map((await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [[...staffLogins, director]])).rows.map((r) => [r.login, r.id]));
  await grantRoles(db, [
    ...staffLogins.flatMap((login, i) => (fresh.has(login) ? [[organizationId, idOf.get(login), siteIds[Math.floor(i / STAFF.length)], STAFF[i % STAFF.length], created, null]] : [])),
    ...(fresh.has(director) ? [[organizationId, idOf.get(director), null, 'director', created, null]] : []),
  ]);
  const staffOf = (s) => staffLogins.slice(s * STAFF.length, (s + 1) * STAFF.length).map((l) => idOf.get(l));

  // Complaints: only for sites without any of the generator's.
  const { rows: done } = await db.query('SELECT DISTINCT site_id FROM complaint WHERE site_id = ANY($1)', [siteIds]);
  const have = new Set(done.map((r) => r.site_id));
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY;
  const counts = { complaint: 0, complaint_sla_clock: 0, complaint_pause: 0, complaint_escalation: 0, complaint_event: 0, complaint_follow_up: 0 };
  for (let s = 0; s < sites; s++) {
    const siteId = siteIds[s];
    if (have.has(siteId)) continue;
    const rng = random(seed * 1000 + s + 1);
    const staff = staffOf(s);
    const agents = staff.slice(0, 4);
    const supervisor = staff[4];
    const manager = staff[6];
    const C = [], K = [], P = [], E = [], V = [], F = [];
    for (let i = 0; i < perSite; i++) {
      const id = uuid('complaint', prefix, s, i);
      // Business hours: 09:00–18:00 Asia/Shanghai = 01:00–10:00 UTC.
      const day = Math.floor((i * days) / perSite);
      const receivedAt = new Date(start + day * DAY + 1 * 3600_000 + rng.int(9 * 60) * MIN);
      const age = (now.getTime() - receivedAt.getTime()) / DAY;
      if (age < 0) continue;
      const channel = rng.weighted([['phone', 45], ['visit', 30], ['online', 20], ['follow_up_call', 5]]);
      const subjectType = rng.weighted([['unit', 50], ['staff', 15], ['none', 35]]);
      const important = rng.next() < 0.05;
      const kind = rng.next() < 0.4 ? 'grumble' : 'complaint';
      const category = rng.weighted([['service', 45], ['quality', 30], ['contract', 15], ['other', 10]]);
      const cat = policy.categories.find((c) => c.code === category);
      const severity = rng.weighted([['minor', 35], ['normal', 55], ['major', 10]]);
      const validity = rng.next() < 0.08 ? 'invalid' : 'valid';
      const owner = channel === 'online' && age < 30 && rng.next() < 0.25 ? null : rng.pick(agents);
      const target = kind === 'grumble' ? policy.sla.grumble : policy.sla.bySeverity[severity];
      const frLate = rng.next() < 0.07;
      const firstRespondedAt = owner ? new Date(receivedAt.getTime() + (frLate ? target.firstResponseMinutes + 5 + rng.int(120) : 5 + rng.int(Math.max(1, target.firstResponseMinutes - 5))) * MIN) : null;
      // How far it got: 0 received, 1 triaged, 2 investigating, 3 proposed, 4 approved, 5 resolved, 6 followed_up, 7 closed.
      let stage;
      if (!owner) stage = 0;
      else if (age > 30) stage = rng.weighted([[7, 89], [6, 6], [5, 5]]);
      else stage = Math.min(7, Math.floor(age / 4) + rng.int(3));
      if (kind === 'grumble' && stage >= 2) stage = stage >= 5 ? 7 : 1;
      const rejected = validity === 'invalid' && stage >= 1;
      const reopened = !rejected && stage >= 5 && rng.next() < 0.02;
      const baseLevel = severity === 'major' || important ? 2 : 0;
      const classifiedAt = stage >= 1 ? new Date(firstRespondedAt.getTime() + (10 + rng.int(120)) * MIN) : null;
      const resLate = rng.next() < 0.1;
      const resolvedAt = stage >= 5 && !rejected ? new Date(receivedAt.getTime() + (target.resolutionMinutes ? (resLate ? target.resolutionMinutes * 1.5 : target.resolutionMinutes * (0.2 + 0.6 * rng.next())) : 60 + rng.int(600)) * MIN) : null;
      const followDoneAt = resolvedAt && stage >= 6 && kind === 'complaint' ? new Date(resolvedAt.getTime() + (26 + rng.int(40)) * 3600_000) : null;
      const closedAt = rejected ? new Date(classifiedAt.getTime() + 30 * MIN) : stage >= 7 ? new Date((followDoneAt ?? resolvedAt ?? classifiedAt).getTime() + (1 + rng.int(48)) * 3600_000) : null;
      const state = rejected ? 'rejected' : reopened && stage < 7 ? 'reopened' : ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed'][stage];
      const classification = stage >= 1 ? { kind, validity, category, severity, department: cat.department, investigatorRole: cat.investigatorRole } : null;
      const investigation = stage >= 2 && !rejected ? { department: cat.department, investigatorId: cat.investigatorRole === 'manager' ? manager : supervisor, findings: '已核实 verified', cause: subjectType === 'staff' ? '员工服务 staff' : '流程 process', responsibleStaff: [] } : null;
      const proposal = stage >= 3 && !rejected ? [{ id: uuid('proposal', prefix, s, i), text: '上门致歉并整改 apologise and fix' }] : [];
      const approvedAt = stage >= 4 && !rejected && resolvedAt ? new Date((classifiedAt.getTime() + resolvedAt.getTime()) / 2) : stage >= 4 && !rejected ? new Date(classifiedAt.getTime() + 3600_000) : null;
      const contentList = CONTENT[category];
      C.push([
        siteId, id, state, channel, `${SURNAMES[i % SURNAMES.length]}${i % 2 ? '先生' : '女士'}`, `139${pad((s * perSite + i) % 100_000_000, 8)}`, contentList[i % contentList.length],
        subjectType, subjectType === 'none' ? null : subjectType === 'staff' ? rng.pick(staff) : `unit-${s}-${rng.int(800)}`, important, receivedAt,
        channel === 'online' ? null : owner, owner, baseLevel, severity, stage >= 1 ? kind : null, stage >= 1 ? validity : null, stage >= 1 ? category : null, stage >= 1 ? cat.department : null,
        classification && JSON.stringify(classification), investigation && JSON.stringify(investigation), JSON.stringify(proposal), proposal.length ? owner : null, JSON.stringify(proposal.length ? ['cs_agent'] : []),
        approvedAt && proposal.length ? JSON.stringify({ proposalId: proposal[0].id, approverId: supervisor, comment: null, at: approvedAt.toISOString() }) : null,
        resolvedAt ? JSON.stringify({ at: resolvedAt.toISOString(), implementation: '已整改 done', signature: '客户签字', feedback: null, onTheSpot: kind === 'grumble' }) : null,
        resolvedAt, rejected ? '经核实不成立 not upheld' : null, firstRespondedAt, reopened ? 1 : 0, closedAt, 1, receivedAt, closedAt ?? resolvedAt ?? classifiedAt ?? receivedAt,
      ]);
      // Clocks.
      const clock = (key, kind2, startedAt, targetMinutes, promisedAt, stoppedAt) => {
        const dueAt = promisedAt ?? (targetMinutes === null ? null : new Date(startedAt.getTime() + targetMinutes * MIN));
        K.push([siteId, uuid('clock', prefix, s, i, key), id, key, kind2, startedAt, targetMinutes, promisedAt, stoppedAt, dueAt]);
        return dueAt && (stoppedAt ? stoppedAt >= dueAt : dueAt <= now) ? dueAt : null;
      };
      const breaches = [];
      const fb = clock('first_response', 'first_response', receivedAt, target.firstResponseMinutes, null, firstRespondedAt);
      if (fb) breaches.push(['first_response', fb]);
      if (kind === 'complaint' && target.resolutionMinutes !== null) {
        const rb = clock('resolution:1', 'resolution', receivedAt, target.resolutionMinutes, null, resolvedAt ?? (rejected ? closedAt : null));
        if (rb) breaches.push(['resolution:1', rb]);
      }
      if (firstRespondedAt && rng.next() < 0.2) {
        const promisedAt = new Date(firstRespondedAt.getTime() + DAY);
        const pb = clock('promised_reply:1', 'promised_reply', firstRespondedAt, null, promisedAt, stage >= 2 || rejected ? new Date(firstRespondedAt.getTime() + (rng.next() < 0.9 ? 0.5 : 1.2) * DAY) : null);
        if (pb) breaches.push(['promised_reply:1', pb]);
      }
      // A pause (waiting on the customer).
      if (classifiedAt && rng.next() < 0.1) {
        const fromAt = new Date(classifiedAt.getTime() + 30 * MIN);
        P.push([siteId, uuid('pause', prefix, s, i), id, fromAt, new Date(fromAt.getTime() + (2 + rng.int(46)) * 3600_000), '等待客户提供资料 waiting on the customer']);
      }
      // Escalations.
      const escalate = (at, reason, clockKey, from, to) => V.push([siteId, uuid('esc', prefix, s, i, reason, clockKey ?? ''), id, at, reason, clockKey, from, to, policy.escalation.chain[to], reason === 'breach' ? null : owner]);
      if (baseLevel > 0) escalate(classifiedAt ?? receivedAt, 'classification', null, 0, baseLevel);
      let level = baseLevel;
      for (const [key, at] of breaches) if (level < 2) escalate(at, 'breach', key, level, ++level);
      if (reopened) escalate(new Date((followDoneAt ?? resolvedAt).getTime() + 3600_000), 'reopen', null, level, Math.min(2, level + 1));
      // Events (the timeline).
      const event = (at, type, actor, ruleIds) => E.push([siteId, uuid('event', prefix, s, i, type), id, at, type, actor, JSON.stringify(ruleIds), 1]);
      event(receivedAt, 'complaint.received', channel === 'online' ? null : owner, ['CMP-1']);
      if (owner && channel === 'online') event(firstRespondedAt, 'complaint.taken', owner, ['GEN-10']);
      if (classifiedAt) event(classifiedAt, 'complaint.classified', owner, ['CMP-2']);
      if (rejected) event(closedAt, 'complaint.rejected', supervisor, ['CMP-2']);
      if (investigation) event(new Date(classifiedAt.getTime() + 3600_000), 'complaint.investigating', investigation.investigatorId, ['CMP-4']);
      if (proposal.length) event(new Date(classifiedAt.getTime() + 2 * 3600_000), 'complaint.proposed', owner, ['CMP-4']);
      if (approvedAt && proposal.length) event(approvedAt, 'complaint.approved', supervisor, ['CMP-4', 'GEN-6']);
      if (resolvedAt) event(resolvedAt, 'complaint.resolved', owner, ['CMP-4']);
      if (followDoneAt) event(followDoneAt, 'complaint.follow_up_done', supervisor, ['CMP-7']);
      if (reopened) event(new Date((followDoneAt ?? resolvedAt).getTime() + 3600_000), 'complaint.reopened', supervisor, ['CMP-10']);
      if (closedAt && !rejected) event(closedAt, 'complaint.closed', supervisor, ['CMP-9']);
      // Follow-up calls.
      if (resolvedAt && kind === 'complaint') {
        const plannedAt = new Date(resolvedAt.getTime() + 24 * 3600_000);
        const dueBy = new Date(resolvedAt.getTime() + 72 * 3600_000);
        const status = followDoneAt ? 'done' : reopened ? 'dropped' : stage === 5 ? 'open' : 'done';
        const doneAt = status === 'done' ? followDoneAt ?? new Date(plannedAt.getTime() + 3600_000) : null;
        const unhappy = rng.next() < 0.12;
        const answers = status === 'done' ? { solved: !unhappy, attitude: unhappy ? 'unsatisfied' : rng.next() < 0.8 ? 'satisfied' : 'neutral', charged: false, score: unhappy ? 2 + rng.int(5) : 7 + rng.int(4), suggestions: '' } : null;
        F.push([siteId, uuid('follow', prefix, s, i), id, status, plannedAt, dueBy, 'supervisor', rng.next() < 0.1, !!doneAt && doneAt > dueBy, doneAt, doneAt ? supervisor : null, answers && JSON.stringify(answers), reopened && status === 'done', resolvedAt]);
      }
    }
    const o = { batchSize: 5000 };
    await insertRows(db, 'complaint', [
      ['site_id', 'uuid'], ['id', 'uuid'], ['state', 'text'], ['channel', 'text'], ['complainant_name', 'text'], ['contact', 'text'], ['content', 'text'],
      ['subject_type', 'text'], ['subject_ref', 'text'], ['important_customer', 'boolean'], ['received_at', 'timestamptz'],
      ['received_by', 'uuid'], ['owner_id', 'uuid'], ['base_level', 'int'], ['severity', 'text'], ['kind', 'text'], ['validity', 'text'], ['category', 'text'], ['department', 'text'],
      ['classification', 'jsonb'], ['investigation', 'jsonb'], ['proposals', 'jsonb'], ['proposed_by', 'uuid'], ['proposed_by_roles', 'jsonb'],
      ['approval', 'jsonb'], ['resolution', 'jsonb'], ['resolved_at', 'timestamptz'], ['rejection_reply', 'text'], ['first_responded_at', 'timestamptz'], ['reopen_count', 'int'], ['closed_at', 'timestamptz'],
      ['policy_version', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ], C, o);
    await insertRows(db, 'complaint_sla_clock', [['site_id', 'uuid'], ['id', 'uuid'], ['complaint_id', 'uuid'], ['key', 'text'], ['kind', 'text'], ['started_at', 'timestamptz'], ['target_minutes', 'int'], ['promised_at', 'timestamptz'], ['stopped_at', 'timestamptz'], ['due_at', 'timestamptz']], K, o);
    await insertRows(db, 'complaint_pause', [['site_id', 'uuid'], ['id', 'uuid'], ['complaint_id', 'uuid'], ['from_at', 'timestamptz'], ['to_at', 'timestamptz'], ['reason', 'text']], P, o);
    await insertRows(db, 'complaint_escalation', [['site_id', 'uuid'], ['id', 'uuid'], ['complaint_id', 'uuid'], ['at', 'timestamptz'], ['reason', 'text'], ['clock_key', 'text'], ['from_level', 'int'], ['to_level', 'int'], ['role', 'text'], ['actor_id', 'uuid']], V, o);
    await insertRows(db, 'complaint_event', [['site_id', 'uuid'], ['id', 'uuid'], ['complaint_id', 'uuid'], ['at', 'timestamptz'], ['type', 'text'], ['actor_id', 'uuid'], ['rule_ids', 'jsonb'], ['policy_version', 'int']], E, o);
    await insertRows(db, 'complaint_follow_up', [['site_id', 'uuid'], ['id', 'uuid'], ['complaint_id', 'uuid'], ['status', 'text'], ['planned_at', 'timestamptz'], ['due_by', 'timestamptz'], ['assignee_role', 'text'], ['booked_by_customer', 'boolean'], ['outside_window', 'boolean'], ['done_at', 'timestamptz'], ['called_by', 'uuid'], ['answers', 'jsonb'], ['reopened', 'boolean'], ['created_at', 'timestamptz']], F, o);
    counts.complaint += C.length;
    counts.complaint_sla_clock += K.length;
    counts.complaint_pause += P.length;
    counts.complaint_escalation += V.length;
    counts.complaint_event += E.length;
    counts.complaint_follow_up += F.length;
  }
  if (counts.complaint) {
    // CMP-8 stored facts (issue #6): what the API writes when a clock stops, computed for the generated
    // rows by the migration's own backfill (the domain's settledClock / settledMinutes), from the build.
    const tb = Date.now();
    const { backfill } = await import(new URL('../../dist/api/database/migrations/1764700000000-complaint-statistics.js', import.meta.url).href);
    const q = { query: async (sql, params) => (await db.query(sql, params)).rows };
    await backfill(q);
    const { backfillOutcomes } = await import(new URL('../../dist/api/database/migrations/1764760000000-complaint-sla-outcomes.js', import.meta.url).href);
    await backfillOutcomes(q);
    log(`complaints: stored statistics facts backfilled in ${((Date.now() - tb) / 1000).toFixed(1)} s`);
  }
  if (counts.complaint) await db.query('VACUUM (ANALYZE) complaint, complaint_sla_clock, complaint_pause, complaint_escalation, complaint_event, complaint_follow_up, complaint_policy');
  const seconds = (Date.now() - t0) / 1000;
  log(`complaints: ${sites} sites, ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')} written in ${seconds.toFixed(1)} s`);
  return { siteIds, staffOf: siteIds.map((_, s) => staffOf(s)), staffLogins, directorLogin: director, perSite, days, counts, seconds };
}
