import { randomUUID } from 'node:crypto';
import { isProblem, readBinary, startTestApp, type TestApp } from './support/test-app.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * Relations, referrals and switches as commands (CA-3, CA-4, CA-8, CA-11), disputes (CA-12), appeals
 * (CA-17) and barring agents (CA-6), with the forbidden paths: another site 404, the wrong role 403,
 * another agency 404, bad input 4xx with nothing written.
 */
describe('client attribution part B: commands, disputes, appeals, barring', () => {
  let t: TestApp;
  let siteId: string;
  const u: Record<string, string> = {};
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const customerOf = async (phone: string) => (await t.db.query(`SELECT * FROM customer WHERE site_id = $1 AND phone = $2`, [siteId, phone]))[0];
  const audits = async (action: string) => (await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = $1`, [action]))[0].n as number;
  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    for (const who of ['consultant', 'consultant2', 'manager', 'director', 'clerk', 'partner', 'partner2', 'receptionist']) u[who] = await t.ids.user(who);
  });
  afterAll(() => t.close());

  describe('CA-4 relations, CA-3 referrals, CA-8 employee referrals, CA-11 switches', () => {
    it('CA-4: a relative registered beforehand is the consultant\'s; a colleague\'s later visit does not move them; audited', async () => {
      const before = await audits('client.owner_changed');
      const res = await t.http().post('/api/v1/clients/relations').set(await as('consultant')).send({ siteId, phone: '13600000001', name: '李表哥', relationship: 'family' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'owned', ownerId: u.consultant, ownerRuleIds: ['CA-18', 'CA-4'] });
      expect(await audits('client.owner_changed')).toBe(before + 1);
      const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13600000001', name: '李表哥', consultantId: u.consultant2, mentionedAgency: false });
      expect(visit.body.ownerId).toBe(u.consultant);
    });

    it('CA-4: registered after a colleague\'s first contact it gives nothing', async () => {
      await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13600000002', name: '路人', consultantId: u.consultant2, mentionedAgency: false });
      const res = await t.http().post('/api/v1/clients/relations').set(await as('consultant')).send({ siteId, phone: '13600000002', name: '路人', relationship: 'friend' });
      expect(res.status).toBe(201);
      expect(res.body.ownerId).toBe(u.consultant2);
    });

    it('CA-3: an introduction registered before the first visit gives the newcomer to the introducer\'s consultant', async () => {
      const referrer = await customerOf('13600000001');
      const res = await t.http().post('/api/v1/clients/referrals').set(await as('consultant')).send({ siteId, phone: '13600000003', name: '李表哥的同事', referrerCustomerId: referrer.id, askedForConsultant: false });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerId: u.consultant, ownerRuleIds: ['CA-18', 'CA-3'] });
      const [event] = await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'referral'`, [res.body.customerId]);
      expect(event.details).toMatchObject({ referrerCustomerId: referrer.id, registeredBeforeVisit: true });
    });

    it('CA-3: at reception after a visit, without asking for the consultant, it is a chance meeting', async () => {
      const referrer = await customerOf('13600000001');
      const res = await t.http().post('/api/v1/clients/referrals').set(await as('receptionist')).send({ siteId, phone: '13600000002', name: '路人', referrerCustomerId: referrer.id, askedForConsultant: false });
      expect(res.status).toBe(201);
      expect(res.body.ownerId).toBe(u.consultant2);
    });

    it('CA-3/GEN-7: a consultant cannot cite a colleague\'s customer (404), nor one of another site', async () => {
      const theirs = await customerOf('13600000002');
      const res = await t.http().post('/api/v1/clients/referrals').set(await as('consultant')).send({ siteId, phone: '13600000009', name: 'x', referrerCustomerId: theirs.id, askedForConsultant: true });
      expect(res.status).toBe(404);
      expect(await customerOf('13600000009')).toBeUndefined();
      const other = await t.http().post('/api/v1/clients/referrals').set(await as('service_manager')).send({ siteId, phone: '13600000009', name: 'x', referrerCustomerId: theirs.id, askedForConsultant: true });
      expect(other.status).toBe(404);
    });

    it('CA-8: named before price negotiation, the recommended consultant takes the walk-in and the receiver keeps their turn', async () => {
      expect((await t.http().put('/api/v1/clients/rotation').set(await as('supervisor')).send({ siteId, order: [u.consultant, u.consultant2] })).status).toBe(200);
      const walkIn = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13600000004', name: '周先生', mentionedAgency: false });
      expect(walkIn.body).toMatchObject({ receivedBy: u.consultant, ownerId: u.consultant });
      const line = async () => (await t.http().get(`/api/v1/clients/rotation?siteId=${siteId}`).set(await as('receptionist'))).body.line.map((l: { consultantId: string }) => l.consultantId);
      expect(await line()).toEqual([u.consultant2, u.consultant]);
      const res = await t.http()
        .post('/api/v1/clients/employee-referrals')
        .set(await as('receptionist'))
        .send({ siteId, phone: '13600000004', name: '周先生', referringEmployeeId: u.clerk, recommendedConsultantId: u.consultant2, beforePriceNegotiation: true, referralForm: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerId: u.consultant2, ownerRuleIds: ['CA-18', 'CA-8'], turnReturnedTo: u.consultant });
      expect(await line()).toEqual([u.consultant, u.consultant2]);
    });

    it('CA-8: named after price negotiation, the receiver keeps the deal; a phone-only customer needs the call and follow-up records', async () => {
      await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13600000005', name: '吴女士', consultantId: u.consultant, mentionedAgency: false });
      const after = await t.http()
        .post('/api/v1/clients/employee-referrals')
        .set(await as('receptionist'))
        .send({ siteId, phone: '13600000005', name: '吴女士', referringEmployeeId: u.clerk, recommendedConsultantId: u.consultant2, beforePriceNegotiation: false, referralForm: true });
      expect(after.body).toMatchObject({ ownerId: u.consultant, turnReturnedTo: null });
      const phoneOnly = await t.http()
        .post('/api/v1/clients/employee-referrals')
        .set(await as('manager'))
        .send({ siteId, phone: '13600000006', name: '郑先生', referringEmployeeId: u.clerk, recommendedConsultantId: u.consultant2, beforePriceNegotiation: true, referralForm: true });
      expect(phoneOnly.status).toBe(201);
      expect(phoneOnly.body.ownerId).toBeNull();
      const [event] = await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'employee_referral'`, [phoneOnly.body.customerId]);
      expect(event.details).toMatchObject({ phoneOnly: true, formsComplete: false });
    });

    it('CA-8: the recommended consultant must be a consultant of the site, the employee an employee (400, nothing written)', async () => {
      const before = await count('customer_event');
      const res = await t.http()
        .post('/api/v1/clients/employee-referrals')
        .set(await as('receptionist'))
        .send({ siteId, phone: '13600000007', name: 'x', referringEmployeeId: u.clerk, recommendedConsultantId: u.clerk, beforePriceNegotiation: true, referralForm: true });
      expect(res.status).toBe(400);
      const partner = await t.http()
        .post('/api/v1/clients/employee-referrals')
        .set(await as('receptionist'))
        .send({ siteId, phone: '13600000007', name: 'x', referringEmployeeId: u.partner, recommendedConsultantId: u.consultant, beforePriceNegotiation: true, referralForm: true });
      expect(partner.status).toBe(400);
      expect(await count('customer_event')).toBe(before);
      expect(await customerOf('13600000007')).toBeUndefined();
    });

    it('CA-11: the customer asks for another consultant: the new one owns them, the split of a disputed sale is recorded 50:50', async () => {
      const c = await customerOf('13600000001');
      const res = await t.http().post(`/api/v1/clients/customers/${c.id}/switch`).set(await as('manager')).send({ toConsultantId: u.consultant2, reason: '客户要求更换顾问' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerId: u.consultant2, ownerRuleIds: ['CA-11', 'CA-18', 'CA-4'], split: { fromConsultantId: u.consultant, toConsultantId: u.consultant2, fromPercent: 50, toPercent: 50 }, policyVersion: 1 });
      const detail = await t.http().get(`/api/v1/clients/customers/${c.id}`).set(await as('manager'));
      expect(detail.body.timeline.find((e: { kind: string }) => e.kind === 'switch').details).toMatchObject({ split: { fromPercent: 50 }, reason: '客户要求更换顾问' });
      const again = await t.http().post(`/api/v1/clients/customers/${c.id}/switch`).set(await as('manager')).send({ toConsultantId: u.consultant2, reason: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SAME_CONSULTANT');
    });

    it('CA-11: wrong role 403, another site 404, a non-consultant target 400, an unknown customer 404', async () => {
      const c = await customerOf('13600000001');
      expect((await t.http().post(`/api/v1/clients/customers/${c.id}/switch`).set(await as('consultant')).send({ toConsultantId: u.consultant, reason: 'x' })).status).toBe(403);
      expect((await t.http().post(`/api/v1/clients/customers/${c.id}/switch`).set(await as('service_manager')).send({ toConsultantId: u.consultant, reason: 'x' })).status).toBe(404);
      expect((await t.http().post(`/api/v1/clients/customers/${c.id}/switch`).set(await as('manager')).send({ toConsultantId: u.clerk, reason: 'x' })).status).toBe(400);
      expect((await t.http().post(`/api/v1/clients/customers/${randomUUID()}/switch`).set(await as('manager')).send({ toConsultantId: u.consultant, reason: 'x' })).status).toBe(404);
      expect((await t.http().post('/api/v1/clients/relations').set(await as('receptionist')).send({ siteId, phone: '13600000008', name: 'x', relationship: 'family' })).status).toBe(403);
      expect((await t.http().post('/api/v1/clients/relations').set(await as('consultant')).send({ siteId, phone: '13600000008', name: 'x', relationship: 'cousin' })).status).toBe(400);
      expect((await t.http().post('/api/v1/clients/relations').set(await as('consultant')).send({ siteId, phone: '12345', name: 'x', relationship: 'family' })).status).toBe(400);
    });
  });

  describe('CA-12 disputes and CA-17 appeals', () => {
    let disputeId: string;
    let customerId: string;

    it('CA-12: a consultant claims a colleague\'s customer; visible to the parties and the managers only', async () => {
      // 13600000003 belongs to consultant (CA-3 above); consultant2 claims it.
      const res = await t.http().post('/api/v1/clients/disputes').set(await as('consultant2')).send({ siteId, phone: '136-0000-0003', statement: '该客户首次来电是我接听的' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'open', claimantId: u.consultant2, respondentId: u.consultant, winnerId: null, appeal: null });
      disputeId = res.body.id;
      customerId = res.body.customerId;
      expect((await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('consultant'))).status).toBe(200);
      expect((await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('manager'))).status).toBe(200);
      expect((await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('supervisor'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/disputes?siteId=${siteId}`).set(await as('consultant'))).body.items.map((d: { id: string }) => d.id)).toContain(disputeId);
      // Not on the customer's timeline before the decision.
      const detail = await t.http().get(`/api/v1/clients/customers/${customerId}`).set(await as('supervisor'));
      expect(JSON.stringify(detail.body.timeline)).not.toContain(disputeId);
      const again = await t.http().post('/api/v1/clients/disputes').set(await as('consultant2')).send({ siteId, phone: '13600000003', statement: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DISPUTE_OPEN');
      const own = await t.http().post('/api/v1/clients/disputes').set(await as('consultant')).send({ siteId, phone: '13600000003', statement: 'x' });
      expect(own.body.code).toBe('ALREADY_OWNER');
      expect((await t.http().post('/api/v1/clients/disputes').set(await as('consultant')).send({ siteId, phone: '13699999999', statement: 'x' })).status).toBe(404);
      // 13600000006 is nobody's (the phone-only employee referral above): claimed, not disputed.
      expect((await t.http().post('/api/v1/clients/disputes').set(await as('consultant2')).send({ siteId, phone: '13600000006', statement: 'x' })).body.code).toBe('CUSTOMER_NOT_OWNED');
      expect((await t.http().post('/api/v1/clients/disputes').set(await as('manager')).send({ siteId, phone: '13600000003', statement: 'x' })).status).toBe(403);
      // A consultant of another site: 404 (the site is not theirs).
      const service = await t.ids.site('demo-service');
      const [org] = await t.db.query(`SELECT organization_id FROM site WHERE id = $1`, [service]);
      await t.db.query(`INSERT INTO role_assignment (organization_id, user_id, site_id, role) VALUES ($1, $2, $3, 'consultant')`, [org.organization_id, await t.ids.user('service_advisor'), service]);
      expect((await t.http().post('/api/v1/clients/disputes').set(await as('service_advisor')).send({ siteId, phone: '13600000003', statement: 'x' })).status).toBe(404);
      expect(await count('client_dispute')).toBe(1);
    });

    it('CA-12: deciding needs the manager (403), reasons and SPEC rule ids (400), a party as winner (400); another site 404', async () => {
      const send = async (who: string, body: object) => t.http().post(`/api/v1/clients/disputes/${disputeId}/decision`).set(await as(who)).send(body);
      expect((await send('consultant', { winnerId: u.consultant, reasons: 'x', ruleIds: ['CA-2'] })).status).toBe(403);
      expect((await send('service_manager', { winnerId: u.consultant, reasons: 'x', ruleIds: ['CA-2'] })).status).toBe(404);
      expect((await send('manager', { winnerId: u.consultant, reasons: 'x', ruleIds: ['ATT-4'] })).status).toBe(400);
      expect((await send('manager', { winnerId: u.consultant, reasons: '   ', ruleIds: ['CA-2'] })).body.code).toBe('REASONS_REQUIRED');
      expect((await send('manager', { winnerId: u.clerk, reasons: 'x', ruleIds: ['CA-2'] })).body.code).toBe('WINNER_NOT_A_PARTY');
      expect((await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('manager'))).body.status).toBe('open');
    });

    it('CA-12: two managers deciding at once: one wins, the other 409; the winner owns the customer, with reasons on the record', async () => {
      const body = { winnerId: u.consultant2, reasons: '来电记录在先,短信已发送', ruleIds: ['CA-9', 'CA-2'] };
      const [a, b] = await Promise.all([
        t.http().post(`/api/v1/clients/disputes/${disputeId}/decision`).set(await as('manager')).send(body),
        t.http().post(`/api/v1/clients/disputes/${disputeId}/decision`).set(await as('director')).send({ ...body, winnerId: u.consultant }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const lost = a.status === 409 ? a : b;
      expect(lost.body.code).toBe('DISPUTE_DECIDED');
      const won = a.status === 201 ? a : b;
      expect(won.body).toMatchObject({ status: 'decided', ruleIds: ['CA-12', 'CA-2', 'CA-9'], reasons: '来电记录在先,短信已发送' });
      const c = await customerOf('13600000003');
      expect(c.owner_id).toBe(won.body.winnerId);
      expect(c.owner_rule_ids).toEqual(['CA-12']);
      const events = await t.db.query(`SELECT * FROM customer_event WHERE customer_id = $1 AND kind = 'decision'`, [customerId]);
      expect(events).toHaveLength(1);
      expect(await audits('client.dispute_decided')).toBe(1);
      // Make the test deterministic from here on: the manager decided for consultant2 (re-point if the director won).
      if (won.body.winnerId !== u.consultant2) {
        await t.db.query(`UPDATE client_dispute SET winner_id = $1, decided_by = $2 WHERE id = $3`, [u.consultant2, u.manager, disputeId]);
        await t.db.query(`UPDATE customer_event SET consultant_id = $1 WHERE customer_id = $2 AND kind = 'decision'`, [u.consultant2, customerId]);
      }
    });

    it('CA-17: only the losing party appeals (403), with a statement and checked attachments (400)', async () => {
      const url = `/api/v1/clients/disputes/${disputeId}/appeals`;
      const winner = await t.http().post(url).set(await as('consultant2')).send({ statement: 'x' });
      expect(winner.status).toBe(403);
      expect(winner.body.code).toBe('NOT_THE_LOSING_PARTY');
      const fake = await t.http().post(url).set(await as('consultant')).send({ statement: 'x', attachments: [{ fileName: 'a.png', contentType: 'image/png', contentBase64: Buffer.from('not a png').toString('base64') }] });
      expect(fake.status).toBe(400);
      const big = await t.http().post(url).set(await as('consultant')).send({ statement: 'x', attachments: [{ fileName: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.alloc(140_000, 'a').toString('base64') }] });
      expect(big.status).toBeGreaterThanOrEqual(400);
      expect(big.status).toBeLessThan(500);
      const path = await t.http().post(url).set(await as('consultant')).send({ statement: 'x', attachments: [{ fileName: '../etc/passwd', contentType: 'text/plain', contentBase64: 'eA==' }] });
      expect(path.status).toBe(400);
      expect(await count('client_appeal')).toBe(0);
      expect(await count('client_attachment')).toBe(0);
    });

    let appealId: string;
    it('CA-17: the loser appeals once with attachments; they are stored with their hash and served back; the appeal is on the customer\'s record', async () => {
      const url = `/api/v1/clients/disputes/${disputeId}/appeals`;
      const res = await t.http()
        .post(url)
        .set(await as('consultant'))
        .send({
          statement: '该客户由我的老客户介绍,介绍在到访前已登记',
          attachments: [
            { fileName: '推荐登记.png', contentType: 'image/png', contentBase64: PNG.toString('base64') },
            { fileName: 'note.txt', contentType: 'text/plain', contentBase64: Buffer.from('老带新登记 3月1日').toString('base64') },
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ subject: 'dispute', disputeId, status: 'open', appellantId: u.consultant });
      expect(res.body.attachments).toHaveLength(2);
      appealId = res.body.id;
      const png = res.body.attachments.find((a: { fileName: string }) => a.fileName === '推荐登记.png');
      expect(png).toMatchObject({ sizeBytes: PNG.length, contentType: 'image/png' });
      const file = await t.http().get(`/api/v1/clients/appeals/${appealId}/attachments/${png.id}`).set(await as('manager')).buffer(true).parse(readBinary);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
      expect((await t.http().get(`/api/v1/clients/appeals/${appealId}/attachments/${png.id}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/appeals/${appealId}/attachments/${png.id}`).set(await as('receptionist'))).status).toBe(403);
      const second = await t.http().post(url).set(await as('consultant')).send({ statement: 'again' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ALREADY_APPEALED');
      const dispute = await t.http().get(`/api/v1/clients/disputes/${disputeId}`).set(await as('consultant2'));
      expect(dispute.body.appeal).toMatchObject({ id: appealId, status: 'open' });
      const [event] = await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'appeal'`, [customerId]);
      expect(event.details).toMatchObject({ appealId, statement: '该客户由我的老客户介绍,介绍在到访前已登记' });
    });

    it('CA-17: the appeal goes above the deciding manager: the manager 403, the director decides with reasons; upheld, the appellant owns the customer; final', async () => {
      const url = `/api/v1/clients/appeals/${appealId}/decision`;
      const manager = await t.http().post(url).set(await as('manager')).send({ outcome: 'upheld', reasons: 'x', ruleIds: ['CA-3'] });
      expect(manager.status).toBe(403);
      expect((await t.http().post(url).set(await as('service_manager')).send({ outcome: 'upheld', reasons: 'x', ruleIds: ['CA-3'] })).status).toBe(404);
      const res = await t.http().post(url).set(await as('director')).send({ outcome: 'upheld', reasons: '老带新登记在到访之前 (CA-3)', ruleIds: ['CA-3'] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'upheld', ruleIds: ['CA-17', 'CA-3'] });
      expect((await customerOf('13600000003')).owner_id).toBe(u.consultant);
      const again = await t.http().post(url).set(await as('admin')).send({ outcome: 'rejected', reasons: 'x', ruleIds: ['CA-3'] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('APPEAL_DECIDED');
      const timeline = (await t.http().get(`/api/v1/clients/customers/${customerId}`).set(await as('consultant'))).body.timeline.map((e: { kind: string }) => e.kind);
      expect(timeline).toEqual(expect.arrayContaining(['decision', 'appeal', 'appeal_decision']));
    });

    it('CA-17: after the appeal window (3 days by policy) an appeal is refused', async () => {
      const raised = await t.http().post('/api/v1/clients/disputes').set(await as('consultant')).send({ siteId, phone: '13600000002', statement: '我先登记的亲友' });
      expect(raised.status).toBe(201);
      const decided = await t.http().post(`/api/v1/clients/disputes/${raised.body.id}/decision`).set(await as('manager')).send({ winnerId: u.consultant2, reasons: '同事首次接待在先', ruleIds: ['CA-2', 'CA-4'] });
      expect(decided.status).toBe(201);
      await t.db.query(`UPDATE client_dispute SET decided_at = now() - interval '3 days 1 minute' WHERE id = $1`, [raised.body.id]);
      const late = await t.http().post(`/api/v1/clients/disputes/${raised.body.id}/appeals`).set(await as('consultant')).send({ statement: 'x' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('APPEAL_WINDOW_CLOSED');
    });
  });

  describe('CA-17 appeals of agencies through the partner API', () => {
    let reportId: string;
    let appealId: string;
    it('an agency appeals its report judged natural; another agency sees nothing of it (404)', async () => {
      const report = await t.http().post('/api/v1/partner/reports').set(await as('partner')).send({ siteId, customerName: '冯先生', phone: '13600000010', expectedVisitAt: inAnHour() });
      reportId = report.body.id;
      const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13600000010', name: '冯先生', consultantId: u.consultant, mentionedAgency: true });
      expect(visit.body.report).toMatchObject({ status: 'natural' });
      const other = await t.http().post('/api/v1/partner/appeals').set(await as('partner2')).send({ reportId, statement: 'x' });
      expect(other.status).toBe(404);
      const staff = await t.http().post('/api/v1/partner/appeals').set(await as('consultant')).send({ reportId, statement: 'x' });
      expect(staff.status).toBe(403);
      const res = await t.http()
        .post('/api/v1/partner/appeals')
        .set(await as('partner'))
        .send({ reportId, statement: '报备时间为到访前40分钟,系统时间有误', attachments: [{ fileName: 'slip.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4\n%test').toString('base64') }] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ subject: 'report', reportId, status: 'open', attachments: [{ fileName: 'slip.pdf', contentType: 'application/pdf' }] });
      appealId = res.body.id;
      expect((await t.http().get(`/api/v1/partner/appeals/${appealId}`).set(await as('partner2'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/partner/appeals`).set(await as('partner2'))).body.items).toEqual([]);
      expect((await t.http().get(`/api/v1/partner/appeals`).set(await as('partner'))).body.items.map((a: { id: string }) => a.id)).toEqual([appealId]);
      expect((await t.http().get(`/api/v1/clients/appeals?siteId=${siteId}&status=open`).set(await as('manager'))).body.items.map((a: { id: string }) => a.id)).toContain(appealId);
      const twice = await t.http().post('/api/v1/partner/appeals').set(await as('partner')).send({ reportId, statement: 'x' });
      expect(twice.body.code).toBe('ALREADY_APPEALED');
    });

    it('a pending (or valid) report has nothing to appeal', async () => {
      const report = await t.http().post('/api/v1/partner/reports').set(await as('partner2')).send({ siteId, customerName: '陈女士', phone: '13600000011', expectedVisitAt: inAnHour() });
      const res = await t.http().post('/api/v1/partner/appeals').set(await as('partner2')).send({ reportId: report.body.id, statement: 'x' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NOTHING_TO_APPEAL');
    });

    it('the manager upholds it with reasons: the report is valid and the agency has the channel credit', async () => {
      const res = await t.http().post(`/api/v1/clients/appeals/${appealId}/decision`).set(await as('manager')).send({ outcome: 'upheld', reasons: '带访确认单齐全', ruleIds: ['CA-6'] });
      expect(res.status).toBe(201);
      const mine = await t.http().get(`/api/v1/partner/reports/${reportId}`).set(await as('partner'));
      expect(mine.body.status).toBe('valid');
      const [north] = await t.db.query(`SELECT id FROM agency WHERE name = 'North Channel'`);
      expect((await customerOf('13600000010')).agency_id).toBe(north.id);
      const read = await t.http().get(`/api/v1/partner/appeals/${appealId}`).set(await as('partner'));
      expect(read.body).toMatchObject({ status: 'upheld', reasons: '带访确认单齐全' });
    });
  });

  describe('CA-6 barring agents', () => {
    it('the manager bars an agent: their reports are 403 AGENT_BARRED; audited with the reason; the other agency is unaffected', async () => {
      const res = await t.http().post(`/api/v1/clients/agents/${u.partner2}/bar`).set(await as('manager')).send({ siteId, reason: '撬单:客户已由顾问首次接待' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: u.partner2, barred: true, barredReason: '撬单:客户已由顾问首次接待', agencyName: 'South Channel' });
      const report = await t.http().post('/api/v1/partner/reports').set(await as('partner2')).send({ siteId, customerName: '韩先生', phone: '13600000012', expectedVisitAt: inAnHour() });
      expect(report.status).toBe(403);
      expect(report.body.code).toBe('AGENT_BARRED');
      expect((await t.http().post('/api/v1/partner/reports').set(await as('partner')).send({ siteId, customerName: '韩先生', phone: '13600000012', expectedVisitAt: inAnHour() })).status).toBe(201);
      const [audit] = await t.db.query(`SELECT reason, actor_id FROM audit_event WHERE action = 'client.agent_barred'`);
      expect(audit).toEqual({ reason: '撬单:客户已由顾问首次接待', actor_id: u.manager });
      const again = await t.http().post(`/api/v1/clients/agents/${u.partner2}/bar`).set(await as('manager')).send({ siteId, reason: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('AGENT_ALREADY_BARRED');
      const list = await t.http().get(`/api/v1/clients/agents?siteId=${siteId}`).set(await as('manager'));
      expect(list.body.find((a: { id: string }) => a.id === u.partner2).barred).toBe(true);
      expect(list.body.find((a: { id: string }) => a.id === u.partner).barred).toBe(false);
    });

    it('wrong role 403, another site 404, someone who is not an agent 404 — nothing written', async () => {
      const before = await count('barred_agent');
      expect((await t.http().post(`/api/v1/clients/agents/${u.partner}/bar`).set(await as('consultant')).send({ siteId, reason: 'x' })).status).toBe(403);
      expect((await t.http().post(`/api/v1/clients/agents/${u.partner}/bar`).set(await as('supervisor')).send({ siteId, reason: 'x' })).status).toBe(403);
      expect((await t.http().post(`/api/v1/clients/agents/${u.partner}/bar`).set(await as('service_manager')).send({ siteId, reason: 'x' })).status).toBe(404);
      const service = await t.ids.site('demo-service');
      expect((await t.http().post(`/api/v1/clients/agents/${u.partner}/bar`).set(await as('service_manager')).send({ siteId: service, reason: 'x' })).status).toBe(404);
      expect((await t.http().post(`/api/v1/clients/agents/${u.consultant}/bar`).set(await as('manager')).send({ siteId, reason: 'x' })).status).toBe(404);
      expect((await t.http().post(`/api/v1/clients/agents/${u.partner}/bar`).set(await as('manager')).send({ siteId, reason: '' })).status).toBe(400);
      expect((await t.http().get(`/api/v1/clients/agents?siteId=${siteId}`).set(await as('partner'))).status).toBe(403);
      expect(await count('barred_agent')).toBe(before);
    });

    it('un-barring, with the reason: the agent reports again; un-barring twice is a 409', async () => {
      const res = await t.http().post(`/api/v1/clients/agents/${u.partner2}/unbar`).set(await as('manager')).send({ siteId, reason: '复核后撤销' });
      expect(res.status).toBe(201);
      expect(res.body.barred).toBe(false);
      expect((await t.http().post('/api/v1/partner/reports').set(await as('partner2')).send({ siteId, customerName: '杨先生', phone: '13600000013', expectedVisitAt: inAnHour() })).status).toBe(201);
      const again = await t.http().post(`/api/v1/clients/agents/${u.partner2}/unbar`).set(await as('manager')).send({ siteId, reason: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('AGENT_NOT_BARRED');
      expect(isProblem(again)).toBe(true);
      expect(await audits('client.agent_unbarred')).toBe(1);
    });
  });
});
