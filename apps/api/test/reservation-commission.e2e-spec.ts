import { DEFAULT_CA_POLICY } from '@sitedesk/domain';
import { makeCustomer, makeUnit } from './support/reservation.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * CA-17 from the Reservation module: the order steps record the customer's deal stages in the agency
 * commission ledger, in the order step's own transaction. Subscription → `subscription`; contract →
 * `contract` and `down_payment` (the 大定 is at the cashier by then, RES-4). The manual endpoint never
 * records a stage twice; a cancellation (RES-5) leaves the commission as it was, recorded against it.
 */
describe('reservation → commission ledger (CA-17, RES-5)', () => {
  let t: TestApp;
  let siteId: string;
  let seq = 0;
  const u: Record<string, string> = {};
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const post = async (path: string, who: string, body: object) => t.http().post(`/api/v1/unit-orders/${path}`).set(await as(who)).send(body);
  const decide = async (approvalId: string, who: string) => t.http().post(`/api/v1/approvals/${approvalId}/decision`).set(await as(who)).send({ decision: 'approved' });
  const entries = async (customerId: string) => t.db.query(`SELECT status, stage, amount_fen::int AS amount, due_at FROM commission_entry WHERE customer_id = $1`, [customerId]);
  const deals = async (customerId: string) => (await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'deal' ORDER BY at, id`, [customerId])).map((r: { details: { stage: string } }) => r.details.stage);

  /** An agency customer the way it happens: reported an hour before, brought with the visit code (valid, CA-6/CA-16). */
  async function agencyCustomer(agent: string, name: string): Promise<string> {
    const phone = `1370000${String(++seq).padStart(4, '0')}`;
    const report = await t.http().post('/api/v1/partner/reports').set(await as(agent)).send({ siteId, customerName: name, phone, expectedVisitAt: inAnHour() });
    expect(report.status).toBe(201);
    await t.db.query(`UPDATE partner_report SET created_at = now() - interval '1 hour' WHERE id = $1`, [report.body.id]);
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone, name, consultantId: u.consultant, mentionedAgency: true, visitCode: report.body.visitCode });
    expect(visit.body.report.status).toBe('valid');
    return visit.body.customerId;
  }

  /** CA-17: a new client-attribution policy version, as the policy editor would publish it. */
  async function commissionAt(stage: string) {
    const [row] = await t.db.query(`SELECT version AS v, policy FROM client_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    const { v, policy } = row ?? { v: 0, policy: DEFAULT_CA_POLICY };
    await t.db.query(`INSERT INTO client_policy (site_id, version, policy) VALUES ($1, $2, $3)`, [siteId, v + 1, { ...policy, commissionAt: stage }]);
  }

  async function held(customerId: string): Promise<string> {
    const unitId = await makeUnit(t, siteId, `CM-${++seq}`);
    const res = await t.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const subscription = (n: number, extra: object = {}) => ({ priceFen: 200_000_000, subscriptionFen: 2_000_000, agreementNo: `RG-CM-${n}`, ...extra });

  /** Subscribed, paid, deposited, deposit paid and the signing notice given: ready to contract. */
  async function readyToContract(orderId: string) {
    expect((await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: `SJ-${orderId.slice(0, 8)}` })).status).toBe(201);
    expect((await post(`${orderId}/deposit`, 'consultant', { depositFen: 20_000_000, agreementNo: `DD-${orderId.slice(0, 8)}` })).status).toBe(200);
    expect((await post(`${orderId}/payments`, 'cashier', { kind: 'deposit', amountFen: 20_000_000, receiptNo: `DJ-${orderId.slice(0, 8)}` })).status).toBe(201);
    expect((await post(`${orderId}/signing-notice`, 'consultant', { signingAt: new Date(Date.now() + 86_400_000).toISOString(), place: '签约室', documents: ['身份证'], channel: 'phone' })).status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    for (const who of ['consultant', 'manager', 'partner', 'partner2']) u[who] = await t.ids.user(who);
    for (const who of ['manager', 'consultant', 'cashier', 'receptionist', 'director', 'developer_approver', 'partner', 'partner2']) await t.token(who);
  });
  afterAll(() => t.close());

  it('CA-17: with the policy at contract, an agency customer subscribed → a pending entry; the deposit adds nothing; the contract makes it due', async () => {
    await commissionAt('contract');
    const customerId = await agencyCustomer('partner', '周先生');
    const orderId = await held(customerId);
    const sub = await post(`${orderId}/subscription`, 'consultant', subscription(1, { commissionFen: 500_000 }));
    expect(sub.status).toBe(200);
    expect(await entries(customerId)).toEqual([expect.objectContaining({ status: 'pending', stage: 'subscription', amount: 500_000, due_at: null })]);
    const [event] = await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'deal'`, [customerId]);
    expect(event.details).toMatchObject({ stage: 'subscription', orderId });
    const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE action = 'client.deal_recorded' AND after->>'customerId' = $1`, [customerId]);
    expect(audit.after).toMatchObject({ status: 'pending', orderId });
    const ledger = await t.http().get(`/api/v1/partner/commissions?siteId=${siteId}&status=pending`).set(await as('partner'));
    expect(ledger.body.items.map((c: { customerId: string }) => c.customerId)).toContain(customerId);

    await readyToContract(orderId);
    expect(await entries(customerId)).toEqual([expect.objectContaining({ status: 'pending', stage: 'subscription' })]);
    const signed = await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-CM-1', wordingDiffers: false });
    expect(signed.status).toBe(200);
    const [entry] = await entries(customerId);
    expect(entry).toMatchObject({ status: 'due', stage: 'down_payment', amount: 500_000 });
    expect(entry.due_at).toBeTruthy();
    expect(await deals(customerId)).toEqual(['subscription', 'contract', 'down_payment']);
  });

  it('CA-17: with the policy at subscription, the subscription makes it due at once', async () => {
    await commissionAt('subscription');
    const customerId = await agencyCustomer('partner2', '吴女士');
    const orderId = await held(customerId);
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(2, { commissionFen: 300_000 }))).status).toBe(200);
    const [entry] = await entries(customerId);
    expect(entry).toMatchObject({ status: 'due', stage: 'subscription', amount: 300_000 });
  });

  it('CA-17: a natural walk-in: the deal is recorded on the customer, no ledger entry, no commission asked for', async () => {
    const customerId = await makeCustomer(t, siteId, '郑先生');
    const orderId = await held(customerId);
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(3))).status).toBe(200);
    expect(await entries(customerId)).toEqual([]);
    expect(await deals(customerId)).toEqual(['subscription']);
  });

  it('CA-17: one transaction: when the commission write fails (no agreed commission for an agency customer), the subscription is undone and nothing is written', async () => {
    const customerId = await agencyCustomer('partner', '冯先生');
    const orderId = await held(customerId);
    const before = await databaseFingerprint(t.db);
    const res = await post(`${orderId}/subscription`, 'consultant', subscription(4));
    expect(res.status).toBe(400);
    expect(isProblem(res)).toBe(true);
    expect(JSON.stringify(res.body)).toContain('commissionFen');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const order = (await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body;
    expect(order).toMatchObject({ status: 'held', subscribedAt: null, agreementNo: null });
    // A negative amount is bad input: a 400 before anything is touched.
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(4, { commissionFen: -1 }))).status).toBe(400);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    // With the amount the same step goes through.
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(4, { commissionFen: 100_000 }))).status).toBe(200);
    expect(await entries(customerId)).toHaveLength(1);
  });

  it('CA-17: two orders of one customer subscribed at once record the deal once: one entry, one subscription event', async () => {
    const customerId = await agencyCustomer('partner2', '陈女士');
    const [a, b] = [await held(customerId), await held(customerId)];
    const [ra, rb] = await Promise.all([
      post(`${a}/subscription`, 'consultant', subscription(5, { commissionFen: 400_000 })),
      post(`${b}/subscription`, 'manager', subscription(6, { commissionFen: 400_000 })),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(await entries(customerId)).toEqual([expect.objectContaining({ status: 'due', stage: 'subscription', amount: 400_000 })]);
    expect(await deals(customerId)).toEqual(['subscription']);
  });

  it('CA-17: the manual endpoint does not record again a stage an order recorded (409, nothing written); a later stage it still records', async () => {
    await commissionAt('contract');
    const customerId = await agencyCustomer('partner', '褚先生');
    const orderId = await held(customerId);
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(7, { commissionFen: 250_000 }))).status).toBe(200);
    const before = await databaseFingerprint(t.db);
    const again = await t.http().post(`/api/v1/clients/customers/${customerId}/deals`).set(await as('manager')).send({ stage: 'subscription', commissionFen: 250_000 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DEAL_STAGE_RECORDED');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    // A contract signed outside the system is recorded by hand; the order's contract later skips the stages already there.
    const manual = await t.http().post(`/api/v1/clients/customers/${customerId}/deals`).set(await as('manager')).send({ stage: 'contract' });
    expect(manual.status).toBe(201);
    expect(manual.body.commission).toMatchObject({ status: 'due', stage: 'contract', amountFen: 250_000 });
    await readyToContract(orderId);
    expect((await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-CM-7', wordingDiffers: false })).status).toBe(200);
    expect(await deals(customerId)).toEqual(['subscription', 'contract', 'down_payment']);
    expect(await entries(customerId)).toEqual([expect.objectContaining({ status: 'due', stage: 'down_payment', amount: 250_000 })]);
  });

  it('RES-5/CA-17: a cancelled order leaves a due commission due (only a 撬单 finding forfeits it), recorded against the entry and audited', async () => {
    await commissionAt('subscription');
    const customerId = await agencyCustomer('partner2', '卫女士');
    const orderId = await held(customerId);
    expect((await post(`${orderId}/subscription`, 'consultant', subscription(8, { commissionFen: 600_000 }))).status).toBe(200);
    expect((await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'SJ-CM-8' })).status).toBe(201);
    const ask = await post(`${orderId}/cancellation`, 'consultant', { reason: '客户退房', refundFen: 2_000_000 });
    expect(ask.status).toBe(201);
    expect((await decide(ask.body.approvalId, 'manager')).status).toBe(200);
    const [step2] = await t.db.query(`SELECT id FROM approval WHERE subject_id = $1 AND status = 'pending'`, [orderId]);
    expect((await decide(step2.id, 'developer_approver')).status).toBe(200);
    expect((await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body.status).toBe('cancelled');
    expect(await entries(customerId)).toEqual([expect.objectContaining({ status: 'due', stage: 'subscription', amount: 600_000 })]);
    const [event] = await t.db.query(`SELECT details FROM customer_event WHERE customer_id = $1 AND kind = 'deal_cancelled'`, [customerId]);
    expect(event.details).toMatchObject({ orderId, reason: '客户退房', commissionStatus: 'due' });
    const [audit] = await t.db.query(`SELECT reason, after FROM audit_event WHERE action = 'client.deal_order_cancelled' AND after->>'orderId' = $1`, [orderId]);
    expect(audit).toMatchObject({ reason: '客户退房', after: { status: 'due', orderId } });
  });

  it('CA-17 access: the order steps keep their roles: a cashier cannot subscribe, and no entry appears', async () => {
    const customerId = await agencyCustomer('partner', '蒋先生');
    const orderId = await held(customerId);
    const res = await post(`${orderId}/subscription`, 'cashier', subscription(9, { commissionFen: 1 }));
    expect(res.status).toBe(403);
    expect(await entries(customerId)).toEqual([]);
  });
});
