import { COMPLAINT_PRESETS } from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { ComplaintsService } from '../src/modules/complaint/complaints.service.js';
import { EventsService, type SiteEvent } from '../src/platform/events/events.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { makeCustomer, makeUnit, makeUsers } from './support/reservation.js';
import { databaseFingerprint, isProblem, ok, readBinary, startTestApp, type TestApp } from './support/test-app.js';

describe('complaints: intake, life cycle, SLA, follow-up calls, statistics (CMP-1..CMP-10)', () => {
  let t: TestApp;
  let siteId: string;
  let serviceId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const intake = (extra: object = {}) => ({ siteId, channel: 'phone', complainantName: '李女士', contact: '13800138000', content: '销售顾问态度差', subjectType: 'none', importantCustomer: false, ...extra });
  const create = async (who: string, extra: object = {}) => t.http().post('/api/v1/complaints').set(await as(who)).send(intake(extra));
  const cmd = async (id: string, command: string, who: string, body?: object) => {
    const req = t.http().post(`/api/v1/complaints/${id}/${command}`).set(await as(who));
    return body === undefined ? req : req.send(body);
  };
  const get = async (id: string, who = 'supervisor') => t.http().get(`/api/v1/complaints/${id}`).set(await as(who));
  const classification = (extra: object = {}) => ({ classification: { kind: 'complaint', validity: 'valid', category: 'service', severity: 'normal', ...extra } });
  const count = async (sql: string, params: unknown[]) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const future = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  /** A complaint taken by the cs agent, triaged as a valid service complaint. */
  async function triaged(extra: object = {}) {
    const c = ok(await create('cs_agent', extra), 201);
    ok(await cmd(c.id, 'triage', 'cs_agent', classification()));
    return c.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    serviceId = await t.ids.site('demo-service');
    for (const who of ['manager', 'supervisor', 'cs_agent', 'consultant', 'service_manager', 'director', 'partner', 'admin']) await t.token(who);
  });
  afterAll(() => t.close());

  describe('policy', () => {
    it('a site starts with the preset of its kind (version 1); the manager publishes a new version; a supervisor may not; another site is a 404', async () => {
      const sales = ok(await t.http().get(`/api/v1/complaints/policy?siteId=${siteId}`).set(await as('cs_agent')));
      expect(sales).toMatchObject({ version: 1, policy: { preset: 'sales-office', escalation: { chain: ['cs_agent', 'supervisor', 'manager'] } } });
      expect((await t.http().get(`/api/v1/complaints/policy?siteId=${serviceId}`).set(await as('manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/complaints/policy?siteId=${siteId}`).set(await as('partner'))).status).toBe(403);
      const service = ok(await t.http().get(`/api/v1/complaints/policy?siteId=${serviceId}`).set(await as('service_manager')));
      expect(service.policy.preset).toBe('car-service');
      const before = await databaseFingerprint(t.db);
      const bad = await t.http().put('/api/v1/complaints/policy').set(await as('manager')).send({ siteId, policy: { ...COMPLAINT_PRESETS['sales-office'], escalation: { chain: ['supervisor'], majorStartsAt: 'supervisor', importantCustomerStartsAt: 'supervisor' } } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('policy.escalation.chain');
      expect((await t.http().put('/api/v1/complaints/policy').set(await as('supervisor')).send({ siteId, policy: COMPLAINT_PRESETS['sales-office'] })).status).toBe(403);
      expect((await t.http().put('/api/v1/complaints/policy').set(await as('service_manager')).send({ siteId, policy: COMPLAINT_PRESETS['sales-office'] })).status).toBe(404);
      expect((await t.http().put('/api/v1/complaints/policy').set(await as('manager')).send({ siteId, policy: 'x' })).status).toBe(400);
      expect(await databaseFingerprint(t.db)).toEqual(before);
      const published = ok(await t.http().put('/api/v1/complaints/policy').set(await as('manager')).send({ siteId, policy: { ...COMPLAINT_PRESETS['sales-office'], approverRole: 'supervisor' } }));
      expect(published.version).toBe(2);
      expect(await count(`audit_event WHERE action = 'complaint.policy_published' AND site_id = $1`, [siteId])).toBe(1);
      expect(ok(await t.http().get(`/api/v1/complaints/policy?siteId=${siteId}`).set(await as('cs_agent'))).version).toBe(2);
    });
  });

  describe('CMP-1 intake and the inbox', () => {
    it('registers a complaint at once, owned by whoever took it (GEN-10), first-response clock running (CMP-3), timeline and audit written', async () => {
      const unitId = await makeUnit(t, siteId, 'CMP-1');
      const customerId = await makeCustomer(t, siteId, '李女士');
      const c = ok(await create('cs_agent', { subjectType: 'unit', subjectRef: unitId, customerId, severity: 'minor' }), 201);
      expect(c).toMatchObject({ state: 'received', channel: 'phone', ownerName: '郑客服', subjectType: 'unit', subjectRef: unitId, customerId, severity: 'minor', level: 0, levelRole: 'cs_agent', breached: false, policyVersion: 2 });
      expect(c.clocks).toEqual([expect.objectContaining({ key: 'first_response', kind: 'first_response', targetMinutes: 60, status: expect.stringMatching(/running|paused/) })]);
      expect(c.timeline).toEqual([expect.objectContaining({ type: 'complaint.received', actorName: '郑客服', ruleIds: ['CMP-1', 'GEN-10'] })]);
      expect(await count(`audit_event WHERE action = 'complaint.received' AND entity_id = $1`, [c.id])).toBe(1);
    });

    it('a major complaint or an important customer starts at the manager (CMP-5), also when found major at triage', async () => {
      expect(ok(await create('cs_agent', { severity: 'major' }), 201)).toMatchObject({ level: 2, levelRole: 'manager' });
      expect(ok(await create('cs_agent', { importantCustomer: true }), 201)).toMatchObject({ level: 2, levelRole: 'manager' });
      const c = ok(await create('cs_agent'), 201);
      const major = ok(await cmd(c.id, 'triage', 'cs_agent', classification({ severity: 'major' })));
      expect(major).toMatchObject({ level: 2, levelRole: 'manager', severity: 'major' });
      expect(major.escalations).toEqual([expect.objectContaining({ reason: 'classification', fromLevel: 0, toLevel: 2, role: 'manager' })]);
    });

    it('announces each change on the site’s live events, after the commit only', async () => {
      const events: SiteEvent[] = [];
      await t.app.get(EventsService).listening();
      const off = t.app.get(EventsService).subscribe(siteId, (e) => events.push(e));
      try {
        const c = ok(await create('cs_agent'), 201);
        expect((await cmd(c.id, 'triage', 'cs_agent', classification({ category: 'nope' }))).status).toBe(400);
        ok(await cmd(c.id, 'respond', 'cs_agent', { message: '您好' }));
        const deadline = Date.now() + 3000;
        while (events.filter((e) => e.data.complaintId === c.id).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(events.filter((e) => e.data.complaintId === c.id).map((e) => e.type)).toEqual(['complaint.received', 'complaint.responded']);
      } finally {
        off();
      }
    });

    it('refuses bad links, another site, a partner and bad input, writing nothing', async () => {
      const foreignUnit = await makeUnit(t, serviceId, 'CMP-F', 100, 'service_manager');
      const before = await databaseFingerprint(t.db);
      for (const [extra, field] of [
        [{ subjectType: 'unit', subjectRef: foreignUnit }, 'subjectRef'],
        [{ subjectType: 'unit', subjectRef: 'not-a-unit' }, 'subjectRef'],
        [{ subjectType: 'staff', subjectRef: await t.ids.user('service_advisor') }, 'subjectRef'],
        [{ customerId: randomUUID() }, 'customerId'],
        [{ channel: 'fax' }, 'channel'],
        [{ content: '' }, 'content'],
      ] as const) {
        const res = await create('cs_agent', extra);
        expect([field, res.status, isProblem(res)]).toEqual([field, 400, true]);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const intakeInvalid = await create('cs_agent', { subjectType: 'vehicle' });
      expect([intakeInvalid.status, intakeInvalid.body.code]).toEqual([400, 'COMPLAINT_INTAKE_INVALID']);
      expect((await t.http().post('/api/v1/complaints').set(await as('service_manager')).send(intake())).status).toBe(404);
      expect((await create('partner')).status).toBe(403);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('lists with filters and paging; an online complaint waits unowned; a consultant may not read the inbox, another site is a 404', async () => {
      const online = ok(await create('cs_agent', { channel: 'online', complainantName: '网上客户' }), 201);
      expect(online).toMatchObject({ ownerId: null, ownerName: '' });
      const unowned = ok(await t.http().get(`/api/v1/complaints?siteId=${siteId}&ownerId=none&channel=online`).set(await as('supervisor')));
      expect(unowned.items.map((c: { id: string }) => c.id)).toContain(online.id);
      expect(unowned.items.every((c: { ownerId: string | null; channel: string }) => c.ownerId === null && c.channel === 'online')).toBe(true);
      const today = new Date().toISOString().slice(0, 10);
      const paged = ok(await t.http().get(`/api/v1/complaints?siteId=${siteId}&status=received&pageSize=1&from=2020-01-01&to=${today.slice(0, 4)}-12-31`).set(await as('cs_agent')));
      expect(paged).toMatchObject({ page: 1, pageSize: 1 });
      expect(paged.total).toBeGreaterThan(1);
      expect(paged.items).toHaveLength(1);
      expect(ok(await t.http().get(`/api/v1/complaints?siteId=${siteId}&from=2020-01-01&to=2020-01-31`).set(await as('cs_agent'))).total).toBe(0);
      expect(ok(await t.http().get(`/api/v1/complaints?siteId=${siteId}&severity=major`).set(await as('cs_agent'))).items.every((c: { severity: string }) => c.severity === 'major')).toBe(true);
      expect((await t.http().get(`/api/v1/complaints?siteId=${siteId}`).set(await as('consultant'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/complaints?siteId=${serviceId}`).set(await as('supervisor'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/complaints?siteId=${siteId}&breached=maybe`).set(await as('supervisor'))).status).toBe(400);
      expect((await get(online.id, 'service_manager')).status).toBe(404);
      expect((await get(online.id, 'consultant')).status).toBe(403);
      expect((await get(randomUUID())).status).toBe(404);
    });
  });

  describe('CMP-9 life cycle', () => {
    it('runs received → triaged → investigating → proposed → approved → resolved → followed_up → closed, each step by its role (CMP-4, CMP-6, CMP-7)', async () => {
      const consultant = await t.ids.user('consultant');
      const manager = await t.ids.user('manager');
      const supervisor = await t.ids.user('supervisor');
      const c = ok(await create('cs_agent', { subjectType: 'staff', subjectRef: consultant }), 201);
      const responded = ok(await cmd(c.id, 'respond', 'cs_agent', { message: '非常抱歉，明天上午回复您', promisedReplyAt: future(20) }));
      expect(responded.clocks.map((k: { key: string; status: string }) => `${k.key}:${k.status}`)).toEqual(['first_response:met', expect.stringMatching(/^promised_reply:1:(running|paused)$/)]);
      expect(responded.firstRespondedAt).not.toBeNull();
      expect(ok(await cmd(c.id, 'triage', 'cs_agent', classification({ department: '销售部' })))).toMatchObject({ state: 'triaged', classification: { kind: 'complaint', category: 'service', department: '销售部' } });
      ok(await cmd(c.id, 'investigate', 'cs_agent', { investigatorId: supervisor }));
      const proposed = ok(await cmd(c.id, 'propose', 'cs_agent', { findings: '接待时语气生硬', cause: '服务态度', proposals: [{ id: 'p1', text: '当面道歉并赠送礼品' }, { id: 'p2', text: '书面道歉' }], responsibleStaff: [{ userId: consultant, departmentHeadId: manager }] }));
      expect(proposed.state).toBe('proposed');
      const stored = async () => (await t.db.query(`SELECT upheld, settled_resolution_met FROM complaint WHERE id = $1`, [c.id]))[0];
      expect(await stored()).toEqual({ upheld: false, settled_resolution_met: null }); // CMP-8 stored facts: nobody is found responsible before the approval

      // CMP-4 + GEN-6: an agent does not approve, the proposer least of all; nothing is written.
      await makeUsers(t, siteId, 'cs_agent', ['cs_agent_c']);
      await t.token('cs_agent_c'); // a sign-in writes its own rows
      const before = await databaseFingerprint(t.db);
      const agent = await cmd(c.id, 'approve', 'cs_agent_c', { proposalId: 'p1' });
      expect([agent.status, agent.body.code, isProblem(agent)]).toEqual([403, 'APPROVER_ROLE_REQUIRED', true]);
      const proposer = await cmd(c.id, 'approve', 'cs_agent', { proposalId: 'p1' });
      expect([proposer.status, proposer.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
      // An approver must pick one of the proposals.
      const unknown = await cmd(c.id, 'approve', 'supervisor', { proposalId: 'p9' });
      expect([unknown.status, unknown.body.code]).toEqual([400, 'COMPLAINT_PROPOSAL_UNKNOWN']);
      expect(await databaseFingerprint(t.db)).toEqual(before);

      // GEN-6: the proposals wait in the approvals inbox, routed to the supervisor.
      const pending = await t.db.query(`SELECT status, approver_role FROM approval WHERE subject_type = 'complaint' AND subject_id = $1`, [c.id]);
      expect(pending).toEqual([{ status: 'pending', approver_role: 'supervisor' }]);
      const approved = ok(await cmd(c.id, 'approve', 'supervisor', { proposalId: 'p1', comment: '同意' }));
      expect(await t.db.query(`SELECT status, decided_by, comment FROM approval WHERE subject_type = 'complaint' AND subject_id = $1`, [c.id])).toEqual([{ status: 'approved', decided_by: supervisor, comment: '同意' }]);
      expect(approved).toMatchObject({ state: 'approved', approval: { proposalId: 'p1', approverId: supervisor, comment: '同意' } });
      expect((await stored()).upheld).toBe(true);
      // CMP-6: a violation slip for the consultant, a warning slip for the department head (GEN-9).
      const slips = await t.db.query(`SELECT user_id, kind, rule_id, source_module FROM discipline_entry WHERE source_ref = $1 ORDER BY kind`, [c.id]);
      expect(slips).toEqual([
        { user_id: consultant, kind: 'violation_slip', rule_id: 'CMP-6', source_module: 'complaint' },
        { user_id: manager, kind: 'warning_slip', rule_id: 'CMP-6', source_module: 'complaint' },
      ]);

      const notAccepted = await cmd(c.id, 'resolve', 'cs_agent', { implementation: '已当面道歉', customerAccepted: false, signature: '李女士' });
      expect([notAccepted.status, notAccepted.body.code]).toEqual([422, 'COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED']);
      const resolved = ok(await cmd(c.id, 'resolve', 'cs_agent', { implementation: '已当面道歉', customerAccepted: true, signature: '李女士', feedback: '接受' }));
      expect(resolved.state).toBe('resolved');
      expect(resolved.clocks.every((k: { status: string }) => k.status === 'met')).toBe(true);
      expect(await stored()).toEqual({ upheld: true, settled_resolution_met: true });
      // CMP-7: the follow-up call is planned at resolution, within three days, for the supervisor.
      expect(resolved.followUps).toEqual([expect.objectContaining({ status: 'planned', assigneeRole: 'supervisor' })]);
      const plannedAt = new Date(resolved.followUps[0].plannedAt).getTime();
      expect(plannedAt).toBeGreaterThanOrEqual(Date.now() + 23 * 3_600_000);
      expect(new Date(resolved.followUps[0].dueBy).getTime() - new Date(resolved.resolvedAt).getTime()).toBe(72 * 3_600_000);

      const wrong = await cmd(c.id, 'triage', 'supervisor', classification());
      expect([wrong.status, wrong.body.code, wrong.body.state, wrong.body.command]).toEqual([409, 'COMPLAINT_TRANSITION_NOT_ALLOWED', 'resolved', 'triage']);
      const callerRole = await cmd(c.id, 'record-follow-up', 'cs_agent', { answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' } });
      expect([callerRole.status, callerRole.body.code]).toEqual([403, 'COMPLAINT_ROLE_REQUIRED']);
      const calls = ok(await t.http().get(`/api/v1/complaints/follow-ups?siteId=${siteId}&status=planned`).set(await as('supervisor')));
      expect(calls.items.map((f: { complaintId: string }) => f.complaintId)).toContain(c.id);
      expect((await t.http().get(`/api/v1/complaints/follow-ups?siteId=${siteId}`).set(await as('cs_agent'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/complaints/follow-ups?siteId=${serviceId}`).set(await as('supervisor'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/complaints/follow-ups?siteId=${siteId}&status=late`).set(await as('supervisor'))).status).toBe(400);

      const followedUp = ok(await cmd(c.id, 'record-follow-up', 'supervisor', { answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '希望更耐心' } }));
      expect(followedUp.state).toBe('followed_up');
      expect(followedUp.followUps[0]).toMatchObject({ status: 'done', reopened: false, answers: { score: 9, solved: true } });
      expect((await cmd(c.id, 'close', 'cs_agent', { summary: '结案' })).status).toBe(403);
      const closed = ok(await cmd(c.id, 'close', 'supervisor', { summary: '客户满意，结案' }));
      expect(closed.state).toBe('closed');
      expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual([
        'complaint.received',
        'complaint.responded',
        'complaint.triaged',
        'complaint.investigating',
        'complaint.proposed',
        'complaint.approved',
        'complaint.resolved',
        'complaint.followed_up',
        'complaint.closed',
      ]);
      const closedAgain = await cmd(c.id, 'respond', 'supervisor', { message: 'x' });
      expect([closedAgain.status, closedAgain.body.code]).toEqual([409, 'COMPLAINT_TRANSITION_NOT_ALLOWED']);
    });

    it('the proposals can be decided in the approvals inbox too (GEN-6): one proposal is approved, a rejection sends them back', async () => {
      const supervisor = await t.ids.user('supervisor');
      const decideIn = async (complaintId: string, who: string, body: object) => {
        const [a] = await t.db.query(`SELECT id FROM approval WHERE subject_type = 'complaint' AND subject_id = $1 AND status = 'pending'`, [complaintId]);
        return t.http().post(`/api/v1/approvals/${a.id}/decision`).set(await as(who)).send(body);
      };
      const propose = async (id: string, proposals: object[]) => ok(await cmd(id, 'propose', 'cs_agent', { findings: '属实', cause: '流程', proposals, responsibleStaff: [] }));
      const id = await triaged();
      ok(await cmd(id, 'investigate', 'cs_agent', { investigatorId: supervisor }));
      await propose(id, [{ id: 'a', text: '退款' }, { id: 'b', text: '补偿' }]);
      const several = await decideIn(id, 'supervisor', { decision: 'approved' });
      expect([several.status, several.body.code]).toEqual([409, 'COMPLAINT_PROPOSAL_CHOICE_REQUIRED']);
      expect(ok(await decideIn(id, 'supervisor', { decision: 'rejected', comment: '方案不足' })).status).toBe('rejected');
      expect((await get(id)).body).toMatchObject({ state: 'investigating' });
      await propose(id, [{ id: 'c', text: '退款并道歉' }]);
      expect(ok(await decideIn(id, 'supervisor', { decision: 'approved' })).status).toBe('approved');
      const done = ok(await get(id));
      expect(done).toMatchObject({ state: 'approved', approval: { proposalId: 'c', approverId: supervisor } });
      expect(done.timeline.map((e: { type: string }) => e.type)).toEqual(['complaint.received', 'complaint.triaged', 'complaint.investigating', 'complaint.proposed', 'complaint.sent_back', 'complaint.proposed', 'complaint.approved']);
    });

    it('refuses every transition its state does not allow with 409 COMPLAINT_TRANSITION_NOT_ALLOWED, writing nothing', async () => {
      const c = ok(await create('cs_agent'), 201);
      const bodies: Record<string, object> = {
        'settle-on-the-spot': { resolution: 'x', customerAccepted: true, signature: 'x' },
        investigate: { investigatorId: await t.ids.user('supervisor') },
        propose: { findings: 'x', cause: 'x', proposals: [{ id: 'p1', text: 'x' }], responsibleStaff: [] },
        approve: { proposalId: 'p1' },
        'send-back': { comment: 'x' },
        resolve: { implementation: 'x', customerAccepted: true, signature: 'x' },
        'customer-declined': { reason: 'x' },
        'book-follow-up': { at: future(30) },
        'record-follow-up': { answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' } },
        close: { summary: 'x' },
        reopen: { reason: 'x' },
      };
      const before = await databaseFingerprint(t.db);
      for (const [command, body] of Object.entries(bodies)) {
        const res = await cmd(c.id, command, 'supervisor', body);
        expect([command, res.status, res.body.code, isProblem(res)]).toEqual([command, 409, 'COMPLAINT_TRANSITION_NOT_ALLOWED', true]);
      }
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('malformed bodies on a real complaint are 4xx problems and write nothing', async () => {
      const c = ok(await create('cs_agent'), 201);
      const commands = ['respond', 'triage', 'settle-on-the-spot', 'investigate', 'propose', 'approve', 'send-back', 'resolve', 'customer-declined', 'book-follow-up', 'record-follow-up', 'close', 'reopen', 'escalate', 'hand-over', 'wait-for-customer'];
      const bodies: unknown[] = [[], 'text', { notAField: 1 }, {}, { message: 12, reason: { x: 1 }, classification: 'x', promisedReplyAt: '2026-02-30T10:00:00Z', at: 'soon', proposals: 'x' }];
      const before = await databaseFingerprint(t.db);
      const failures: string[] = [];
      for (const command of commands) {
        for (const body of bodies) {
          const res = await t.http().post(`/api/v1/complaints/${c.id}/${command}`).set(await as('cs_agent')).set('content-type', 'application/json').send(JSON.stringify(body));
          if (!(res.status >= 400 && res.status < 500 && isProblem(res))) failures.push(`${command} ${JSON.stringify(body)}: ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('an invalid complaint ends rejected with the polite reply (CMP-2); without the reply it is refused', async () => {
      const c = ok(await create('cs_agent'), 201);
      const noReply = await cmd(c.id, 'triage', 'cs_agent', classification({ kind: 'grumble', validity: 'invalid' }));
      expect([noReply.status, noReply.body.code]).toEqual([400, 'COMPLAINT_DATA_REQUIRED']);
      const badCategory = await cmd(c.id, 'triage', 'cs_agent', classification({ category: 'nope' }));
      expect([badCategory.status, badCategory.body.code]).toEqual([400, 'COMPLAINT_CLASSIFICATION_INVALID']);
      const rejected = ok(await cmd(c.id, 'triage', 'cs_agent', { ...classification({ kind: 'grumble', validity: 'invalid' }), reply: '感谢反馈，该价格政策为公司统一规定' }));
      expect(rejected).toMatchObject({ state: 'rejected', rejectionReply: '感谢反馈，该价格政策为公司统一规定' });
      expect((await cmd(c.id, 'take', 'supervisor')).body.code).toBe('COMPLAINT_TRANSITION_NOT_ALLOWED');
    });

    it('the owner works on it; a colleague is refused (GEN-10) until an explicit, recorded hand-over', async () => {
      await makeUsers(t, siteId, 'cs_agent', ['cs_agent_b']);
      const colleague = (await t.db.query(`SELECT id FROM app_user WHERE login = 'cs_agent_b@demo.sitedesk'`))[0].id;
      const c = ok(await create('cs_agent'), 201);
      const refused = await cmd(c.id, 'respond', 'cs_agent_b', { message: '您好' });
      expect([refused.status, refused.body.code]).toEqual([403, 'NOT_RESPONSIBLE']);
      const foreign = await cmd(c.id, 'hand-over', 'cs_agent', { toUserId: await t.ids.user('service_advisor'), reason: '交接' });
      expect([foreign.status, foreign.body.errors?.[0]?.field]).toEqual([400, 'toUserId']);
      const handed = ok(await cmd(c.id, 'hand-over', 'cs_agent', { toUserId: colleague, reason: '轮休交接' }));
      expect(handed).toMatchObject({ ownerId: colleague, ownerName: 'cs_agent_b' });
      expect(await t.db.query(`SELECT from_user_id, to_user_id, reason FROM handover WHERE subject_type = 'complaint' AND subject_id = $1`, [c.id])).toEqual([{ from_user_id: await t.ids.user('cs_agent'), to_user_id: colleague, reason: '轮休交接' }]);
      expect((await cmd(c.id, 'respond', 'cs_agent', { message: '您好' })).body.code).toBe('NOT_RESPONSIBLE');
      ok(await cmd(c.id, 'respond', 'cs_agent_b', { message: '您好' }));
      // A supervisor at the complaint's level may step in; another site's manager sees nothing.
      ok(await cmd(c.id, 'escalate', 'supervisor', { reason: '客户情绪激动' }));
      expect((await cmd(c.id, 'escalate', 'service_manager', { reason: 'x' })).status).toBe(404);
      const top = ok(await cmd(c.id, 'escalate', 'manager', { reason: '重大' }));
      expect(top).toMatchObject({ level: 2, levelRole: 'manager' });
      expect(top.escalations.map((e: { reason: string; toLevel: number }) => `${e.reason}:${e.toLevel}`)).toEqual(['manual:1', 'manual:2']);
      // At the manager's level a supervisor is no longer a handler (CMP-5).
      expect((await cmd(c.id, 'respond', 'supervisor', { message: 'x' })).body.code).toBe('NOT_RESPONSIBLE');
      expect((await cmd(c.id, 'escalate', 'manager', { reason: 'x' })).body.code).toBe('COMPLAINT_AT_TOP_LEVEL');
    });

    it('two people taking the same unowned complaint at once: one owns it, the other gets 409 (GEN-10)', async () => {
      for (let round = 0; round < 3; round++) {
        const c = ok(await create('cs_agent', { channel: 'online' }), 201);
        const [a, b] = await Promise.all([cmd(c.id, 'take', 'cs_agent'), cmd(c.id, 'take', 'supervisor')]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const loser = a.status === 409 ? a : b;
        expect(loser.body.code).toBe('COMPLAINT_ALREADY_OWNED');
        const winner = a.status === 200 ? 'cs_agent' : 'supervisor';
        expect((await get(c.id)).body.ownerId).toBe(await t.ids.user(winner));
        expect(await count(`complaint_event WHERE complaint_id = $1 AND type = 'complaint.taken'`, [c.id])).toBe(1);
      }
    });

    it('two people triaging the same complaint at once: one wins, the other gets 409 COMPLAINT_TRANSITION_NOT_ALLOWED', async () => {
      const c = ok(await create('cs_agent'), 201);
      const [a, b] = await Promise.all([cmd(c.id, 'triage', 'cs_agent', classification()), cmd(c.id, 'triage', 'supervisor', classification({ severity: 'minor' }))]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect((a.status === 409 ? a : b).body.code).toBe('COMPLAINT_TRANSITION_NOT_ALLOWED');
      expect(await count(`complaint_event WHERE complaint_id = $1 AND type = 'complaint.triaged'`, [c.id])).toBe(1);
      expect(await count(`complaint_sla_clock WHERE complaint_id = $1 AND kind = 'resolution'`, [c.id])).toBe(1);
    });
  });

  describe('CMP-7 / CMP-10 follow-up calls', () => {
    it('a busy customer books a later call (never in rest hours, never in the past); a low score reopens the complaint one level up', async () => {
      const id = await triaged();
      const settled = ok(await cmd(id, 'settle-on-the-spot', 'cs_agent', { resolution: '当场解决', customerAccepted: true, signature: '李女士' }));
      expect(settled.state).toBe('resolved');
      const past = await cmd(id, 'book-follow-up', 'supervisor', { at: new Date(Date.now() - 60_000).toISOString() });
      expect([past.status, past.body.code]).toEqual([422, 'FOLLOW_UP_IN_PAST']);
      // 23:00 in Shanghai (15:00 UTC) two days on: rest hours.
      const night = new Date(Date.now() + 2 * 86_400_000);
      night.setUTCHours(15, 0, 0, 0);
      const rest = await cmd(id, 'book-follow-up', 'supervisor', { at: night.toISOString() });
      expect([rest.status, rest.body.code]).toEqual([422, 'FOLLOW_UP_IN_REST_HOURS']);
      const morning = new Date(Date.now() + 2 * 86_400_000);
      morning.setUTCHours(2, 0, 0, 0); // 10:00 in Shanghai
      const booked = ok(await cmd(id, 'book-follow-up', 'supervisor', { at: morning.toISOString() }));
      expect(booked.followUps).toEqual([expect.objectContaining({ plannedAt: morning.toISOString(), bookedByCustomer: true, status: 'planned' })]);

      const low = ok(await cmd(id, 'record-follow-up', 'supervisor', { answers: { solved: true, attitude: 'neutral', charged: false, score: 5, suggestions: '' } }));
      expect(low).toMatchObject({ state: 'reopened', level: 1, levelRole: 'supervisor', reopenCount: 1 });
      expect(low.followUps).toEqual([expect.objectContaining({ status: 'done', reopened: true })]);
      expect(low.escalations.map((e: { reason: string; fromLevel: number; toLevel: number }) => `${e.reason}:${e.fromLevel}->${e.toLevel}`)).toEqual(['reopen:0->1']);
      expect(low.clocks.map((k: { key: string }) => k.key)).toEqual(['first_response', 'resolution:1', 'resolution:2']);
      expect(low.timeline.at(-1)).toMatchObject({ type: 'complaint.reopened', data: { reasons: ['low_score'], score: 5 }, ruleIds: expect.arrayContaining(['CMP-10']) });
      ok(await cmd(id, 'investigate', 'cs_agent', { investigatorId: await t.ids.user('supervisor') }));
    });

    it('"not solved" reopens too; bad answers are refused and write nothing', async () => {
      const id = await triaged();
      ok(await cmd(id, 'settle-on-the-spot', 'cs_agent', { resolution: '当场解决', customerAccepted: true, signature: '李女士' }));
      const before = await databaseFingerprint(t.db);
      for (const answers of [{ solved: true, attitude: 'happy', charged: false, score: 9, suggestions: '' }, { solved: true, attitude: 'satisfied', charged: false, score: 11, suggestions: '' }]) {
        expect((await cmd(id, 'record-follow-up', 'supervisor', { answers })).status).toBe(400);
      }
      expect(await databaseFingerprint(t.db)).toEqual(before);
      const notSolved = ok(await cmd(id, 'record-follow-up', 'supervisor', { answers: { solved: false, attitude: 'satisfied', charged: true, score: 9, suggestions: '问题依旧' } }));
      expect(notSolved).toMatchObject({ state: 'reopened', level: 1 });
      expect(notSolved.timeline.at(-1).data.reasons).toEqual(['not_solved']);
    });
  });

  describe('SLA clocks, pauses and escalation (CMP-3, CMP-5, GEN-8)', () => {
    /** demo-service on a 24-hour calendar, so that moving times back by minutes is exact business time. */
    beforeAll(async () => {
      const policy = { ...COMPLAINT_PRESETS['property-call-centre'], escalation: { chain: ['cs_agent', 'supervisor', 'manager'], majorStartsAt: 'manager', importantCustomerStartsAt: 'manager' } };
      ok(await t.http().put('/api/v1/complaints/policy').set(await as('service_manager')).send({ siteId: serviceId, policy }));
    });
    const createService = async (extra: object = {}) => ok(await t.http().post('/api/v1/complaints').set(await as('cs_agent')).send(intake({ siteId: serviceId, ...extra })), 201);
    /** Moves a complaint's times back by `minutes` (as if it had been received earlier). */
    const backdate = async (id: string, minutes: number) => {
      const shift = `interval '${minutes} minutes'`;
      await t.db.query(`UPDATE complaint SET received_at = received_at - ${shift} WHERE id = $1`, [id]);
      await t.db.query(`UPDATE complaint_sla_clock SET started_at = started_at - ${shift}, due_at = due_at - ${shift} WHERE complaint_id = $1`, [id]);
    };

    it('a breach shows at its deadline without any job (GEN-8); the late job records it once, at the breach instant with the level of that instant', async () => {
      const c = await createService(); // normal: first response within 15 minutes
      await backdate(c.id, 60);
      const read = ok(await get(c.id, 'service_manager'));
      expect(read).toMatchObject({ breached: true, level: 1, levelRole: 'supervisor' });
      const dueAt = read.clocks[0].dueAt;
      expect(new Date(dueAt).getTime()).toBe(new Date(read.receivedAt).getTime() + 15 * 60_000);
      expect(read.escalations).toEqual([]);
      const list = async (breached: boolean) => ok(await t.http().get(`/api/v1/complaints?siteId=${serviceId}&breached=${breached}`).set(await as('service_manager'))).items.map((x: { id: string }) => x.id);
      expect(await list(true)).toContain(c.id);
      expect(await list(false)).not.toContain(c.id);

      // The job, 45 minutes late: it records what a read at the deadline showed.
      await t.db.query(`UPDATE job SET run_at = now() WHERE name = 'complaint.sla' AND payload->>'complaintId' = $1`, [c.id]);
      while ((await t.app.get(JobsService).runDue()) > 0);
      const after = ok(await get(c.id, 'service_manager'));
      expect(after.escalations).toEqual([{ at: dueAt, reason: 'breach', clockKey: 'first_response', fromLevel: 0, toLevel: 1, role: 'supervisor' }]);
      expect(after.timeline.filter((e: { type: string }) => e.type === 'complaint.sla_breached')).toEqual([expect.objectContaining({ at: dueAt, actorName: 'system', ruleIds: ['CMP-5', 'GEN-8'] })]);
      expect(after.level).toBe(1);
      // Idempotent: running again (the sweep, or a retry) records nothing more.
      expect(await t.db.transaction((em) => t.app.get(ComplaintsService).recordBreaches(em, c.id))).toBe(0);
      expect(await count(`complaint_escalation WHERE complaint_id = $1`, [c.id])).toBe(1);
      expect(await count(`audit_event WHERE action = 'complaint.sla_breached' AND entity_id = $1`, [c.id])).toBe(1);
      // Responding late does not undo the breach.
      const late = ok(await cmd(c.id, 'respond', 'cs_agent', { message: '抱歉久等' }));
      expect(late.clocks[0].status).toBe('breached');
      expect(late.level).toBe(1);
    });

    it('a run at the deadline and a run hours later record the same breach (GEN-8)', async () => {
      const [onTime, late] = [await createService(), await createService()];
      await backdate(onTime.id, 300);
      await backdate(late.id, 300);
      const svc = t.app.get(ComplaintsService);
      const dueOf = async (id: string) => new Date(ok(await get(id, 'service_manager')).clocks[0].dueAt);
      // On time: exactly at the deadline (the interval is half-open: the deadline instant is the breach).
      expect(await t.db.transaction(async (em) => svc.recordBreaches(em, onTime.id, await dueOf(onTime.id)))).toBe(1);
      expect(await t.db.transaction((em) => svc.recordBreaches(em, late.id))).toBe(1);
      const steps = async (id: string) => {
        const due = (await dueOf(id)).getTime();
        return (await t.db.query(`SELECT at, reason, clock_key, from_level, to_level, role FROM complaint_escalation WHERE complaint_id = $1`, [id])).map((r: { at: Date }) => ({ ...r, at: new Date(r.at).getTime() - due }));
      };
      expect(await steps(late.id)).toEqual(await steps(onTime.id));
      expect(await steps(late.id)).toEqual([{ at: 0, reason: 'breach', clock_key: 'first_response', from_level: 0, to_level: 1, role: 'supervisor' }]);
    });

    it('a promised reply time is a deadline of its own (CMP-3); missing it escalates again', async () => {
      const c = await createService();
      ok(await cmd(c.id, 'respond', 'cs_agent', { message: '稍后回复', promisedReplyAt: future(1) }));
      await t.db.query(`UPDATE complaint_sla_clock SET promised_at = now() - interval '1 minute', due_at = now() - interval '1 minute', started_at = now() - interval '5 minutes' WHERE complaint_id = $1 AND key = 'promised_reply:1'`, [c.id]);
      const read = ok(await get(c.id, 'service_manager'));
      expect(read.clocks.map((k: { key: string; status: string }) => `${k.key}:${k.status}`).sort()).toEqual(['first_response:met', 'promised_reply:1:breached']);
      expect(read.level).toBe(1);
      expect(await t.db.transaction((em) => t.app.get(ComplaintsService).recordBreaches(em, c.id))).toBe(1);
      expect(ok(await get(c.id, 'service_manager')).escalations).toEqual([expect.objectContaining({ reason: 'breach', clockKey: 'promised_reply:1', toLevel: 1 })]);
    });

    it('waiting on the customer pauses the clocks (recorded) and moves the deadline by the pause', async () => {
      const c = await createService({ severity: 'minor' }); // 30 minutes
      await backdate(c.id, 20);
      const original = new Date(ok(await get(c.id, 'service_manager')).clocks[0].dueAt).getTime();
      const waiting = ok(await cmd(c.id, 'wait-for-customer', 'cs_agent', { reason: '等待客户提供照片' }));
      expect(waiting).toMatchObject({ waiting: true, breached: false });
      expect(waiting.clocks[0]).toMatchObject({ status: 'paused', dueAt: null });
      expect(waiting.pauses).toEqual([expect.objectContaining({ to: null, reason: '等待客户提供照片' })]);
      const again = await cmd(c.id, 'wait-for-customer', 'cs_agent', { reason: 'x' });
      expect([again.status, again.body.code]).toEqual([409, 'COMPLAINT_ALREADY_WAITING']);
      // The customer answers ten minutes later.
      await t.db.query(`UPDATE complaint_pause SET from_at = from_at - interval '10 minutes' WHERE complaint_id = $1`, [c.id]);
      const back = ok(await cmd(c.id, 'customer-responded', 'cs_agent'));
      expect(back.waiting).toBe(false);
      expect(back.clocks[0].status).toBe('running');
      const moved = new Date(back.clocks[0].dueAt).getTime() - original;
      expect(moved).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
      expect(moved).toBeLessThanOrEqual(10 * 60_000 + 5000);
      const stored = (await t.db.query(`SELECT due_at FROM complaint_sla_clock WHERE complaint_id = $1 AND key = 'first_response'`, [c.id]))[0].due_at;
      expect(new Date(stored).toISOString()).toBe(back.clocks[0].dueAt);
      const notWaiting = await cmd(c.id, 'customer-responded', 'cs_agent');
      expect([notWaiting.status, notWaiting.body.code]).toEqual([409, 'COMPLAINT_NOT_WAITING']);
    });
  });

  describe('CMP-8 statistics', () => {
    it('classification tables, times, SLA compliance and satisfaction for the month, as JSON, CSV and XLSX; supervisors only, own site only', async () => {
      const consultant = await t.ids.user('consultant');
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
      const s = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&month=${month}`).set(await as('supervisor')));
      const total = await count(`complaint WHERE site_id = $1`, [siteId]);
      expect(s).toMatchObject({ period: month, total });
      expect(s.tables.channel.reduce((n: number, r: { total: number }) => n + r.total, 0)).toBe(total);
      const service = s.tables.category.find((r: { key: string }) => r.key === 'service');
      expect(service.complaints).toBeGreaterThanOrEqual(5);
      expect(s.tables.staff.find((r: { key: string }) => r.key === consultant)).toMatchObject({ label: '李顾问', total: 1, upheld: 1 });
      expect(service.label).toBe('服务');
      expect(s.satisfaction.calls).toBe(await count(`complaint_follow_up WHERE site_id = $1 AND status = 'done'`, [siteId]));
      expect(s.satisfaction.reopened).toBe(2);
      expect(s.sla.firstResponse.met).toBeGreaterThan(0);
      expect(s.firstResponse.count).toBeGreaterThan(0);
      const year = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&year=${month.slice(0, 4)}`).set(await as('manager')));
      expect(year.total).toBe(total);

      const csv = await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&month=${month}&format=csv&by=channel`).set(await as('supervisor'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^分组 group,代码 key,总数 total,/);
      expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(s.tables.channel.map((r: { key: string }) => r.key).sort());
      const xlsx = await t
        .http()
        .get(`/api/v1/complaints/statistics?siteId=${siteId}&month=${month}&format=xlsx`)
        .set(await as('supervisor'))
        .buffer(true)
        .parse(readBinary);
      expect(xlsx.status).toBe(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

      expect((await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&month=${month}`).set(await as('cs_agent'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/complaints/statistics?siteId=${serviceId}&month=${month}`).set(await as('supervisor'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}`).set(await as('supervisor'))).status).toBe(400);
      expect((await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&month=${month}&year=2026`).set(await as('supervisor'))).status).toBe(400);
      expect((await t.http().get(`/api/v1/complaints/statistics?siteId=${siteId}&month=2026-13`).set(await as('supervisor'))).status).toBe(400);
    });

    it('the complaint register downloads as CSV and XLSX with the inbox filters, every page, read now; readers only, own site only; too many is a 422', async () => {
      const mark = `导出测试 ${randomUUID().slice(0, 8)}`;
      const online = ok(await create('cs_agent', { channel: 'online', complainantName: '导出女士', content: `${mark} 网上留言` }), 201);
      await triaged({ complainantName: '导出先生', content: `${mark}, "引号" 与逗号` });
      const base = `/api/v1/complaints/export?siteId=${siteId}`;
      const csv = await t.http().get(`${base}&format=csv`).set(await as('cs_agent'));
      expect([csv.status, csv.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="complaints-demo-sales-all-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^登记时间 received,渠道 channel,投诉人 complainant,/);
      // Every complaint of the site, not a page of them; a comma and quotes stay inside their cell.
      expect(lines).toHaveLength(1 + (await count(`complaint WHERE site_id = $1`, [siteId])));
      const row = lines.find((l) => l.includes('导出先生'))!;
      expect(row).toContain(`"${mark}, ""引号"" 与逗号"`);
      expect(row).toContain(',complaint,valid,服务,');
      expect(row).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},phone,/);
      // The inbox's filters apply: the unowned online complaints only.
      const unowned = await t.http().get(`${base}&format=csv&channel=online&ownerId=none`).set(await as('supervisor'));
      const names = unowned.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[2]);
      expect(names).toContain('导出女士');
      expect(names).not.toContain('导出先生');
      expect(names).toHaveLength(await count(`complaint WHERE site_id = $1 AND channel = 'online' AND owner_id IS NULL`, [siteId]));

      const xlsx = await t
        .http()
        .get(`${base}&format=xlsx&status=triaged`)
        .set(await as('manager'))
        .buffer(true)
        .parse(readBinary);
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      const file = xlsx.body as Buffer;
      await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(String(sheet.getCell('A1').value)).toContain('投诉登记表');
      const complainants = sheet.getColumn(3).values.slice(3).map(String);
      expect(complainants).toContain('导出先生');
      expect(complainants).toHaveLength(await count(`complaint WHERE site_id = $1 AND state = 'triaged'`, [siteId]));

      expect((await t.http().get(`${base}&format=csv`).set(await as('consultant'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/complaints/export?siteId=${serviceId}&format=csv`).set(await as('supervisor'))).status).toBe(404);
      expect((await t.http().get(`${base}&format=pdf`).set(await as('supervisor'))).status).toBe(400);
      expect((await t.http().get(`${base}&format=csv&page=2`).set(await as('supervisor'))).status).toBe(400);

      // More than a file holds: the count decides before anything is read, and says how many.
      await t.db.query(
        `INSERT INTO complaint (site_id, state, channel, complainant_name, contact, content, subject_type, important_customer, received_at, base_level, severity, policy_version)
         SELECT site_id, state, channel, complainant_name, contact, 'bulk', subject_type, important_customer, received_at - make_interval(secs => g), base_level, severity, policy_version
           FROM complaint, generate_series(1, 10000) g WHERE id = $1`,
        [online.id],
      );
      const tooMany = await t.http().get(`${base}&format=csv`).set(await as('supervisor'));
      expect([tooMany.status, tooMany.body.code, tooMany.body.limit, isProblem(tooMany)]).toEqual([422, 'EXPORT_TOO_LARGE', 10_000, true]);
      // A shorter period fits again.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const recent = await t.http().get(`${base}&format=csv&from=${today}&to=${today}&channel=phone`).set(await as('supervisor'));
      expect(recent.status).toBe(200);
      expect(recent.text).toContain('导出先生');
      await t.db.query(`DELETE FROM complaint WHERE site_id = $1 AND content = 'bulk'`, [siteId]);
    });
  });
});
