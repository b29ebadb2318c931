import { randomUUID } from 'node:crypto';
import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * The agency commission ledger (CA-17): a deal at the site's policy stage makes the commission of the
 * agency with the channel credit due; a 撬单 finding forfeits it (CA-6). The agency reads its own ledger
 * through the partner API, the manager the site's. Forbidden paths and bad input included.
 */
describe('commission ledger (CA-17, CA-6)', () => {
  let t: TestApp;
  let siteId: string;
  const u: Record<string, string> = {};
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  /** An agency customer the way it happens: reported an hour before, brought with the visit code (valid, CA-6/CA-16). */
  async function agencyCustomer(agent: string, phone: string, name: string): Promise<string> {
    const report = await t.http().post('/api/v1/partner/reports').set(await as(agent)).send({ siteId, customerName: name, phone, expectedVisitAt: inAnHour() });
    expect(report.status).toBe(201);
    await t.db.query(`UPDATE partner_report SET created_at = now() - interval '1 hour' WHERE id = $1`, [report.body.id]);
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone, name, consultantId: u.consultant, mentionedAgency: true, visitCode: report.body.visitCode });
    expect(visit.body.report.status).toBe('valid');
    return visit.body.customerId;
  }

  /** A new policy version, as the policy editor would publish it (CA-17: commission at this stage). */
  async function commissionAt(stage: string) {
    const [{ v, policy }] = await t.db.query(`SELECT version AS v, policy FROM client_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    await t.db.query(`INSERT INTO client_policy (site_id, version, policy) VALUES ($1, $2, $3)`, [siteId, v + 1, { ...policy, commissionAt: stage }]);
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    for (const who of ['consultant', 'manager', 'partner', 'partner2']) u[who] = await t.ids.user(who);
  });
  afterAll(() => t.close());

  let first: string;
  it('CA-17: at subscription (the default policy) the deal makes the agency\'s commission due; the report becomes deal (CA-7)', async () => {
    first = await agencyCustomer('partner', '13500000001', '王先生');
    const res = await t.http().post(`/api/v1/clients/customers/${first}/deals`).set(await as('manager')).send({ stage: 'subscription', commissionFen: 500000 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'subscription', commission: { status: 'due', stage: 'subscription', dueAtStage: 'subscription', amountFen: 500000, agencyName: 'North Channel', agentId: u.partner, phoneMasked: '135****0001' } });
    const reports = await t.http().get('/api/v1/partner/reports').set(await as('partner'));
    expect(reports.body.items.find((r: { id: string }) => r.id === res.body.commission.reportId).status).toBe('deal');
    const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE action = 'client.deal_recorded'`);
    expect(audit.after).toMatchObject({ status: 'due', amountFen: 500000 });
  });

  it('CA-17: the agency reads its own ledger (phones masked); another agency sees none of it', async () => {
    const mine = await t.http().get(`/api/v1/partner/commissions?siteId=${siteId}`).set(await as('partner'));
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ customerId: first, status: 'due', amountFen: 500000, phoneMasked: '135****0001' });
    expect(JSON.stringify(mine.body)).not.toContain('13500000001');
    expect((await t.http().get('/api/v1/partner/commissions').set(await as('partner2'))).body.items).toEqual([]);
  });

  it('CA-17: stages only move forward: the same stage twice (even at once) is a 409', async () => {
    const [a, b] = await Promise.all([
      t.http().post(`/api/v1/clients/customers/${first}/deals`).set(await as('manager')).send({ stage: 'contract' }),
      t.http().post(`/api/v1/clients/customers/${first}/deals`).set(await as('director')).send({ stage: 'contract' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('DEAL_STAGE_RECORDED');
    const back = await t.http().post(`/api/v1/clients/customers/${first}/deals`).set(await as('manager')).send({ stage: 'subscription' });
    expect(back.status).toBe(409);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer_event WHERE customer_id = $1 AND kind = 'deal'`, [first]);
    expect(n).toBe(2);
  });

  it('CA-17: with the policy at contract, a subscription leaves the commission pending and the contract makes it due', async () => {
    await commissionAt('contract');
    const id = await agencyCustomer('partner2', '13500000002', '李女士');
    const sub = await t.http().post(`/api/v1/clients/customers/${id}/deals`).set(await as('manager')).send({ stage: 'subscription', commissionFen: 300000 });
    expect(sub.body.commission).toMatchObject({ status: 'pending', dueAtStage: 'contract', dueAt: null, agencyName: 'South Channel' });
    const contract = await t.http().post(`/api/v1/clients/customers/${id}/deals`).set(await as('manager')).send({ stage: 'contract' });
    expect(contract.body.commission).toMatchObject({ status: 'due', stage: 'contract', amountFen: 300000 });
    expect(contract.body.commission.dueAt).toBeTruthy();
  });

  it('CA-17: a customer without an agency: the deal is recorded, no commission', async () => {
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13500000003', name: '赵先生', consultantId: u.consultant, mentionedAgency: false });
    const res = await t.http().post(`/api/v1/clients/customers/${visit.body.customerId}/deals`).set(await as('manager')).send({ stage: 'subscription' });
    expect(res.status).toBe(201);
    expect(res.body.commission).toBeNull();
  });

  it('CA-6: a 撬单 finding bars the agent and forfeits the commission on that customer; a later deal does not revive it', async () => {
    await commissionAt('down_payment');
    const id = await agencyCustomer('partner2', '13500000004', '钱先生');
    const sub = await t.http().post(`/api/v1/clients/customers/${id}/deals`).set(await as('manager')).send({ stage: 'subscription', commissionFen: 200000 });
    expect(sub.body.commission.status).toBe('pending');
    const bar = await t.http().post(`/api/v1/clients/agents/${u.partner2}/bar`).set(await as('manager')).send({ siteId, reason: '撬单:顾问提供了首访证据', customerId: id });
    expect(bar.status).toBe(201);
    const ledger = await t.http().get(`/api/v1/clients/commissions?siteId=${siteId}&status=forfeited`).set(await as('manager'));
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({ customerId: id, status: 'forfeited', forfeitReason: '撬单:顾问提供了首访证据' });
    const down = await t.http().post(`/api/v1/clients/customers/${id}/deals`).set(await as('manager')).send({ stage: 'down_payment' });
    expect(down.body.commission).toMatchObject({ status: 'forfeited', stage: 'down_payment' });
    const theirs = await t.http().get('/api/v1/partner/commissions?status=forfeited').set(await as('partner2'));
    expect(theirs.body.items.map((c: { customerId: string }) => c.customerId)).toEqual([id]);
    // The other South Channel commission is untouched: the finding is about this agent and this customer.
    expect((await t.http().get('/api/v1/partner/commissions?status=due').set(await as('partner2'))).body.items).toHaveLength(1);
  });

  it('CA-6: a finding before any deal forfeits in advance: the first deal finds it forfeited', async () => {
    await t.http().post(`/api/v1/clients/agents/${u.partner2}/unbar`).set(await as('manager')).send({ siteId, reason: '复核' });
    const id = await agencyCustomer('partner2', '13500000005', '孙女士');
    const bar = await t.http().post(`/api/v1/clients/agents/${u.partner2}/bar`).set(await as('manager')).send({ siteId, reason: '撬单', customerId: id });
    expect(bar.status).toBe(201);
    const deal = await t.http().post(`/api/v1/clients/customers/${id}/deals`).set(await as('manager')).send({ stage: 'down_payment', commissionFen: 100000 });
    expect(deal.body.commission).toMatchObject({ status: 'forfeited', stage: 'down_payment' });
  });

  it('the manager reads the site\'s ledger, filtered by agency; wrong role 403, another site 404, partners 403', async () => {
    const [north] = await t.db.query(`SELECT id FROM agency WHERE name = 'North Channel'`);
    const all = await t.http().get(`/api/v1/clients/commissions?siteId=${siteId}&agencyId=${north.id}`).set(await as('manager'));
    expect(all.body.items.map((c: { customerId: string }) => c.customerId)).toEqual([first]);
    expect((await t.http().get(`/api/v1/clients/commissions?siteId=${siteId}`).set(await as('consultant'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/clients/commissions?siteId=${siteId}`).set(await as('partner'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/clients/commissions?siteId=${siteId}`).set(await as('service_manager'))).status).toBe(404);
    expect((await t.http().get('/api/v1/partner/commissions').set(await as('manager'))).status).toBe(403);
  });

  it('recording a deal: wrong role 403, another site 404, unknown customer 404, bad input 400 — nothing written', async () => {
    const id = await agencyCustomer('partner', '13500000006', '周先生');
    for (const who of ['consultant', 'cashier', 'service_manager', 'manager']) await as(who); // signing in is audited: before counting
    const before = [await count('customer_event'), await count('commission_entry'), await count('audit_event')];
    const send = async (who: string, body: object, customer = id) => t.http().post(`/api/v1/clients/customers/${customer}/deals`).set(await as(who)).send(body);
    expect((await send('consultant', { stage: 'subscription', commissionFen: 1 })).status).toBe(403);
    expect((await send('cashier', { stage: 'subscription', commissionFen: 1 })).status).toBe(403);
    expect((await send('service_manager', { stage: 'subscription', commissionFen: 1 })).status).toBe(404);
    expect((await send('manager', { stage: 'subscription', commissionFen: 1 }, randomUUID())).status).toBe(404);
    const missing = await send('manager', { stage: 'subscription' });
    expect(missing.status).toBe(400);
    expect(isProblem(missing)).toBe(true);
    expect((await send('manager', { stage: 'handover', commissionFen: 1 })).status).toBe(400);
    expect((await send('manager', { stage: 'subscription', commissionFen: -5 })).status).toBe(400);
    expect((await send('manager', { stage: 'subscription', commissionFen: 1.5 })).status).toBe(400);
    expect((await send('manager', { stage: 'subscription', commissionFen: '500' })).status).toBe(400);
    expect([await count('customer_event'), await count('commission_entry'), await count('audit_event')]).toEqual(before);
  });
});
