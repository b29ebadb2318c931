import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('customers, calls and visits (CA-1, CA-2, CA-6, CA-9, CA-13, CA-16; GEN-7)', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const runJobs = async () => {
    while ((await t.app.get(JobsService).runDue()) > 0);
  };
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
  });
  afterAll(() => t.close());

  it('CA-9/CA-13: a registered call claims the customer only once its SMS went out', async () => {
    const call = await t.http().post('/api/v1/clients/calls').set(await as('consultant')).send({ siteId, phone: '13812340001', name: '王先生', grade: 'A' });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ ownerId: null, lateEntry: false });
    expect(call.body.smsId).toBeTruthy();
    await runJobs();
    const sms = await t.http().get(`/api/v1/clients/sms?siteId=${siteId}`).set(await as('manager'));
    expect(sms.body.items[0]).toMatchObject({ status: 'sent', toPhoneMasked: '138****0001' });
    expect(sms.body.items[0].body).toContain('王先生');
    const detail = await t.http().get(`/api/v1/clients/customers/${call.body.customerId}`).set(await as('consultant'));
    expect(detail.body).toMatchObject({ status: 'owned', ownerName: '李顾问', ownerRuleIds: ['CA-18', 'CA-9'] });
  });

  it('GEN-7: anyone on the site sees who owns a number, nothing more; the full record is the owner\'s and the managers\'', async () => {
    const lookup = await t.http().get(`/api/v1/clients/lookup?siteId=${siteId}&phone=138-1234-0001`).set(await as('receptionist'));
    expect(lookup.body).toEqual({ found: true, status: 'owned', ownerName: '李顾问', protectedUntil: expect.any(String) });
    const id = (await t.http().get(`/api/v1/clients/customers?siteId=${siteId}`).set(await as('consultant'))).body.items[0].id;
    expect((await t.http().get(`/api/v1/clients/customers/${id}`).set(await as('consultant2'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/clients/customers/${id}`).set(await as('manager'))).status).toBe(200);
    expect((await t.http().get(`/api/v1/clients/customers?siteId=${siteId}`).set(await as('consultant2'))).body.items).toEqual([]);
    expect((await t.http().get(`/api/v1/clients/lookup?siteId=${siteId}&phone=13800000000`).set(await as('receptionist'))).body.found).toBe(false);
  });

  it('CA-2/CA-18: a later visit received by someone else does not move an owned customer', async () => {
    const res = await t.http()
      .post('/api/v1/clients/visits')
      .set(await as('receptionist'))
      .send({ siteId, phone: '13812340001', name: '王先生', consultantId: await t.ids.user('consultant2'), mentionedAgency: false });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ownerId: await t.ids.user('consultant'), report: null });
  });

  it('CA-1: ten parallel registrations of one phone make one customer', async () => {
    const h = await as('consultant2');
    const results = await Promise.all(Array.from({ length: 10 }, () => t.http().post('/api/v1/clients/calls').set(h).send({ siteId, phone: '+86 139 0000 2222', name: '' })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.customerId)).size).toBe(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer WHERE phone = '13900002222'`);
    expect(n).toBe(1);
  });

  it('CA-2/CA-18: twelve parallel first visits of one new customer, received by two consultants: the first registered keeps them, whatever the arrival order', async () => {
    const consultants = [await t.ids.user('consultant'), await t.ids.user('consultant2')];
    const h = await as('receptionist');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.http().post('/api/v1/clients/visits').set(h).send({ siteId, phone: '13900003333', name: '并发先生', consultantId: consultants[i % 2], mentionedAgency: false })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    // The registrations took the customer's row one after the other: the audit trail has their order.
    const audit: { received_by: string }[] = await t.db.query(
      `SELECT a.after->>'receivedBy' AS received_by FROM audit_event a JOIN customer c ON c.id::text = a.entity_id WHERE c.phone = '13900003333' AND a.action = 'client.visit_registered' ORDER BY a.id`,
    );
    expect(audit).toHaveLength(12);
    const [customer] = await t.db.query(`SELECT owner_id FROM customer WHERE phone = '13900003333'`);
    expect(customer.owner_id).toBe(audit[0].received_by);
    // Each answer names that owner, and the visits are dated in the order they were registered.
    expect(new Set(results.map((r) => r.body.ownerId))).toEqual(new Set([audit[0].received_by]));
    const visits: { consultant_id: string }[] = await t.db.query(`SELECT e.consultant_id FROM customer_event e JOIN customer c ON c.id = e.customer_id WHERE c.phone = '13900003333' AND e.kind = 'visit' ORDER BY e.at, e.id`);
    expect(visits.map((v) => v.consultant_id)).toEqual(audit.map((a) => a.received_by));
  });

  it('CA-6/CA-16: at the visit a report made an hour before, shown by its visit code, is valid; the agency gets the channel credit', async () => {
    const report = await t.http().post('/api/v1/partner/reports').set(await as('partner')).send({ siteId, customerName: '赵女士', phone: '13712340003', expectedVisitAt: new Date(Date.now() + 3_600_000).toISOString() });
    await t.db.query(`UPDATE partner_report SET created_at = now() - interval '1 hour' WHERE id = $1`, [report.body.id]);
    const visit = await t.http()
      .post('/api/v1/clients/visits')
      .set(await as('receptionist'))
      .send({ siteId, phone: '13712340003', name: '赵女士', consultantId: await t.ids.user('consultant2'), mentionedAgency: false, visitCode: report.body.visitCode.toLowerCase() });
    expect(visit.status).toBe(201);
    expect(visit.body.report).toMatchObject({ status: 'valid', ruleIds: ['CA-6', 'CA-16'] });
    expect(visit.body.ownerId).toBe(await t.ids.user('consultant2'));
    const mine = await t.http().get(`/api/v1/partner/reports/${report.body.id}`).set(await as('partner'));
    expect(mine.body).toMatchObject({ status: 'valid', visitCode: null });
    const [c] = await t.db.query(`SELECT agency_id FROM customer WHERE phone = '13712340003'`);
    const [north] = await t.db.query(`SELECT id FROM agency WHERE name = 'North Channel'`);
    expect(c.agency_id).toBe(north.id);
  });

  it('CA-6: a report made less than 30 minutes before the arrival makes the visit natural', async () => {
    const report = await t.http().post('/api/v1/partner/reports').set(await as('partner2')).send({ siteId, customerName: '钱先生', phone: '13712340004', expectedVisitAt: new Date(Date.now() + 600_000).toISOString() });
    const visit = await t.http()
      .post('/api/v1/clients/visits')
      .set(await as('receptionist'))
      .send({ siteId, phone: '13712340004', name: '钱先生', consultantId: await t.ids.user('consultant'), mentionedAgency: true });
    expect(visit.body.report).toMatchObject({ id: report.body.id, status: 'natural', reason: 'report_too_late' });
    expect((await t.http().get(`/api/v1/partner/reports/${report.body.id}`).set(await as('partner2'))).body.status).toBe('natural');
  });

  it('refuses a visit code that matches no pending report, and a receiver who is not a consultant', async () => {
    const bad = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13712340005', name: 'x', consultantId: await t.ids.user('consultant'), mentionedAgency: true, visitCode: 'ZZZZZZZZ' });
    expect([bad.status, bad.body.code]).toEqual([422, 'VISIT_CODE_UNKNOWN']);
    const notConsultant = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13712340005', name: 'x', consultantId: await t.ids.user('cashier'), mentionedAgency: false });
    expect(notConsultant.status).toBe(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer WHERE phone = '13712340005'`);
    expect(n).toBe(0);
  });

  it('only receptionists, supervisors and managers register visits; consultants register calls', async () => {
    expect((await t.http().post('/api/v1/clients/visits').set(await as('consultant')).send({ siteId, phone: '13712340006', name: 'x', consultantId: await t.ids.user('consultant'), mentionedAgency: false })).status).toBe(403);
    expect((await t.http().post('/api/v1/clients/calls').set(await as('receptionist')).send({ siteId, phone: '13712340006', name: 'x' })).status).toBe(403);
  });
  it('GEN-11: each blank field of the call register is a fine to the consultant who took the call', async () => {
    const complete = await t.http().post('/api/v1/clients/calls').set(await as('consultant')).send({ siteId, phone: '13612340010', name: '钱女士', grade: 'B', media: '朋友介绍' });
    expect(complete.body).toMatchObject({ blankFields: [], fineFen: 0 });
    const blank = await t.http().post('/api/v1/clients/calls').set(await as('consultant2')).send({ siteId, phone: '13612340011', name: '' });
    expect(blank.body).toMatchObject({ blankFields: ['name', 'grade', 'media'], fineFen: 3000 });
    const fines = await t.db.query(`SELECT source_ref, user_id, amount_fen::int AS amount, rule_id FROM discipline_entry WHERE source_ref IN ($1, $2)`, [`call:${complete.body.eventId}`, `call:${blank.body.eventId}`]);
    expect(fines).toEqual([{ source_ref: `call:${blank.body.eventId}`, user_id: await t.ids.user('consultant2'), amount: 3000, rule_id: 'GEN-11' }]);
  });

  it('GEN-11: the receiving consultant completes the visit register once; blanks are fined to them, not to the receptionist', async () => {
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13612340012', name: '孙先生', consultantId: await t.ids.user('consultant2'), mentionedAgency: false });
    expect(visit.status).toBe(201);
    const path = `/api/v1/clients/visits/${visit.body.visitId}/record`;
    const stranger = await t.http().post(path).set(await as('consultant')).send({ grade: 'A', media: '户外广告', needs: '三房' });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'NOT_RECEIVING_CONSULTANT']);
    const recorded = await t.http().post(path).set(await as('consultant2')).send({ grade: 'A', needs: '三房, 关注学区' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ customerId: visit.body.customerId, lateEntry: false, blankFields: ['media'], fineFen: 1000 });
    const again = await t.http().post(path).set(await as('consultant2')).send({ grade: 'B', media: 'x', needs: 'y' });
    expect([again.status, again.body.code]).toEqual([409, 'VISIT_ALREADY_RECORDED']);
    const [customer] = await t.db.query(`SELECT grade FROM customer WHERE id = $1`, [visit.body.customerId]);
    expect(customer.grade).toBe('A');
    const fines = await t.db.query(`SELECT user_id, amount_fen::int AS amount FROM discipline_entry WHERE source_ref = $1`, [`visit:${visit.body.visitId}`]);
    expect(fines).toEqual([{ user_id: await t.ids.user('consultant2'), amount: 1000 }]);
    const wrongRole = await t.http().post(path).set(await as('service_advisor')).send({ grade: 'A' });
    expect(wrongRole.status).toBe(403);
  });
  it('CA-5/GEN-8: a lookup reads a protection window that ran out as the open pool, before any job marked it, and names no owner', async () => {
    await t.http().post('/api/v1/clients/calls').set(await as('consultant')).send({ siteId, phone: '13612340020', name: '何先生', grade: 'B', media: '网络' });
    await runJobs();
    const before = await t.http().get(`/api/v1/clients/lookup?siteId=${siteId}&phone=13612340020`).set(await as('receptionist'));
    expect(before.body).toMatchObject({ found: true, status: 'owned', ownerName: '李顾问' });
    await t.db.query(`UPDATE customer SET protected_until = now() - interval '1 second' WHERE phone = '13612340020'`);
    const after = await t.http().get(`/api/v1/clients/lookup?siteId=${siteId}&phone=13612340020`).set(await as('receptionist'));
    expect(after.body).toMatchObject({ found: true, status: 'open_pool', ownerName: null });
  });
});
