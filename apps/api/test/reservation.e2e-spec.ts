import { randomUUID } from 'node:crypto';
import { seedDemo } from '../src/database/seeds/demo.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { makeCustomer, makeUnit, signedAgo } from './support/reservation.js';
import { databaseFingerprint, isProblem, readBinary, startTestApp, type TestApp } from './support/test-app.js';

describe('reservation: units, holds and the order life cycle (RES-1..RES-6)', () => {
  let t: TestApp;
  let siteId: string;
  let serviceId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const runJobs = async () => {
    while ((await t.app.get(JobsService).runDue()) > 0);
  };
  const hold = async (unitId: string, customerId: string, who = 'manager') => t.http().post(`/api/v1/units/${unitId}/holds`).set(await as(who)).send({ customerId });
  const post = async (path: string, who: string, body: object) => t.http().post(`/api/v1/unit-orders/${path}`).set(await as(who)).send(body);
  const decide = async (approvalId: string, who: string, decision = 'approved') => t.http().post(`/api/v1/approvals/${approvalId}/decision`).set(await as(who)).send({ decision });
  const unitStatus = async (unitId: string) => (await t.http().get(`/api/v1/units/${unitId}`).set(await as('consultant'))).body.status;
  const auditCount = async (action: string, entityId: string) => (await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND entity_id = $2`, [action, entityId]))[0].n;

  /** A unit held, subscribed and (optionally) paid, ready for the later steps. */
  async function subscribedOrder(number: string, paid: boolean) {
    const unitId = await makeUnit(t, siteId, number);
    const customerId = await makeCustomer(t, siteId);
    const held = await hold(unitId, customerId);
    expect(held.status).toBe(201);
    const sub = await post(`${held.body.id}/subscription`, 'consultant', { priceFen: 200_000_000, subscriptionFen: 2_000_000, agreementNo: `RG-${number}` });
    expect(sub.status).toBe(200);
    if (paid) expect((await post(`${held.body.id}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: `SJ-${number}` })).status).toBe(201);
    return { unitId, customerId, orderId: held.body.id as string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    serviceId = await t.ids.site('demo-service');
    // Sign everyone in first: a sign-in writes its own rows, and the tests compare fingerprints.
    for (const who of ['manager', 'clerk', 'consultant', 'consultant2', 'cashier', 'receptionist', 'director', 'developer_approver', 'service_manager', 'partner']) await t.token(who);
  });
  afterAll(() => t.close());

  describe('RES-1 unit inventory', () => {
    it('the demo sales office has its 40 units, loaded once (seeding again adds none)', async () => {
      const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM unit WHERE site_id = $1 AND building IN ('1栋', '2栋')`, [siteId]))[0].n;
      expect(await count()).toBe(40);
      expect(await seedDemo(t.db)).toBe(false);
      expect(await count()).toBe(40);
      const page = await t.http().get(`/api/v1/units?siteId=${siteId}&building=2栋&floor=4`).set(await as('consultant'));
      expect(page.body.items.map((u: { number: string; status: string }) => `${u.number}:${u.status}`)).toEqual(['401:available', '402:available']);
    });

    it('the manager adds a unit; the same building and number again (case and spaces aside) is UNIT_EXISTS; a consultant may not add', async () => {
      const res = await t.http().post('/api/v1/units').set(await as('manager')).send({ siteId, building: 'A栋', number: 'B-101', floor: 1, layout: '2室1厅', areaM2: 89.99, listPriceFen: 150_000_050 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ building: 'A栋', number: 'B-101', areaM2: 89.99, listPriceFen: 150_000_050, status: 'available', activeOrder: null });
      const again = await t.http().post('/api/v1/units').set(await as('clerk')).send({ siteId, building: 'a栋 ', number: 'b-101', floor: 1, layout: '2室1厅', areaM2: 89.99, listPriceFen: 1 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('UNIT_EXISTS');
      const before = await databaseFingerprint(t.db);
      const consultant = await t.http().post('/api/v1/units').set(await as('consultant')).send({ siteId, building: 'A栋', number: 'B-102', floor: 1, layout: '2室1厅', areaM2: 89.99, listPriceFen: 1 });
      expect(consultant.status).toBe(403);
      expect(isProblem(consultant)).toBe(true);
      const badArea = await t.http().post('/api/v1/units').set(await as('manager')).send({ siteId, building: 'A栋', number: 'B-103', floor: 1, layout: '2室1厅', areaM2: 89.999, listPriceFen: 1 });
      expect(badArea.status).toBe(400);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('lists with filters and paging, and edits a unit; another site’s unit is a 404', async () => {
      const id = await makeUnit(t, siteId, 'L-1');
      await makeUnit(t, siteId, 'L-2');
      const list = await t.http().get(`/api/v1/units?siteId=${siteId}&building=T栋&q=L-&pageSize=1`).set(await as('receptionist'));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(list.body.items.map((u: { number: string }) => u.number)).toEqual(['L-1']);
      const edit = await t.http().patch(`/api/v1/units/${id}`).set(await as('clerk')).send({ listPriceFen: 210_000_000, layout: '3室2厅2卫' });
      expect(edit.status).toBe(200);
      expect(edit.body).toMatchObject({ listPriceFen: 210_000_000, layout: '3室2厅2卫', number: 'L-1' });
      expect(await auditCount('reservation.unit_updated', id)).toBe(1);
      // A unit of the service centre: invisible to demo-sales' manager.
      const foreign = await t.http().post('/api/v1/units').set(await as('service_manager')).send({ siteId: serviceId, building: 'S', number: '1', floor: 1, layout: 'bay', areaM2: 30, listPriceFen: 100 });
      expect(foreign.status).toBe(201);
      expect((await t.http().get(`/api/v1/units/${foreign.body.id}`).set(await as('manager'))).status).toBe(404);
      expect((await t.http().patch(`/api/v1/units/${foreign.body.id}`).set(await as('manager')).send({ floor: 2 })).status).toBe(404);
      expect((await t.http().get(`/api/v1/units?siteId=${serviceId}`).set(await as('manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/units/${randomUUID()}`).set(await as('manager'))).status).toBe(404);
    });

    it('the sales control sheet (销控表) downloads as CSV and XLSX: every unit the filters find, status read now; staff of the site only', async () => {
      const unitId = await makeUnit(t, siteId, 'X-1');
      await makeUnit(t, siteId, 'X-2');
      const held = await hold(unitId, await makeCustomer(t, siteId));
      expect((await post(`${held.body.id}/subscription`, 'consultant', { priceFen: 200_000_000, subscriptionFen: 2_000_000, agreementNo: 'RG-X-1' })).status).toBe(200);
      const csv = await t.http().get(`/api/v1/units/export?siteId=${siteId}&building=T栋&q=X-&format=csv`).set(await as('consultant'));
      expect([csv.status, csv.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="units-demo-sales-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines[0]).toBe('楼栋 building,房号 unit,楼层 floor,户型 layout,建筑面积(㎡) area (m²),标价(元) list price (yuan),状态 status,付款时限 payment due');
      expect(lines.slice(1).map((l) => l.split(',').slice(1, 2).concat(l.split(',').slice(5, 7)))).toEqual([
        ['X-1', '2000000', '已认购 subscribed'],
        ['X-2', '2000000', '可售 available'],
      ]);
      // RES-4: the subscription is due at the cashier, in the site's time.
      expect(lines[1].split(',')[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(lines[2].split(',')[7]).toBe('');
      // Without filters: every unit of the site, not a page of them.
      const all = await t.http().get(`/api/v1/units/export?siteId=${siteId}&format=csv`).set(await as('consultant'));
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM unit WHERE site_id = $1`, [siteId]);
      expect(all.text.trim().split('\r\n')).toHaveLength(1 + n);
      const xlsx = await t.http().get(`/api/v1/units/export?siteId=${siteId}&status=subscribed&format=xlsx`).set(await as('manager')).buffer(true).parse(readBinary);
      expect([xlsx.status, (xlsx.body as Buffer).subarray(0, 2).toString()]).toEqual([200, 'PK']);
      expect((await t.http().get(`/api/v1/units/export?siteId=${serviceId}&format=csv`).set(await as('manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/units/export?siteId=${siteId}&format=csv`).set(await as('partner'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/units/export?siteId=${siteId}&format=json`).set(await as('manager'))).status).toBe(400);
    });

    it('imports CSV: good rows kept in one transaction, each bad row reported by line and code, units already there reported too', async () => {
      await makeUnit(t, siteId, 'C-1');
      const csv = ['楼栋,房号,楼层,户型,面积,总价', 'T栋,C-1,3,3室,100,1000000', 'T栋,C-2,3,3室,100,"1,000,000.5"', 'T栋,C-3,three,3室,100,1000000', 'T栋,C-4,3,3室,100,', 'T栋,C-2,3,3室,100,1000000', 'T栋,C-5,4,2室,88.5,900000'].join('\n');
      const res = await t.http().post('/api/v1/units/import').set(await as('clerk')).send({ siteId, csv });
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(2);
      expect(res.body.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['2:UNIT_EXISTS', '4:INVALID_VALUE', '5:MISSING_FIELD', '6:DUPLICATE_IN_FILE']);
      const rows = await t.db.query(`SELECT number, list_price_fen FROM unit WHERE site_id = $1 AND number IN ('C-2', 'C-5') ORDER BY number`, [siteId]);
      expect(rows).toEqual([
        { number: 'C-2', list_price_fen: '100000050' },
        { number: 'C-5', list_price_fen: '90000000' },
      ]);
    });

    it('an import with no good row writes nothing; a bad header is one error', async () => {
      const before = await databaseFingerprint(t.db);
      const res = await t.http().post('/api/v1/units/import').set(await as('manager')).send({ siteId, csv: 'building,number\nT栋,1' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 0, errors: [expect.objectContaining({ line: 1, code: 'HEADER_INVALID' })] });
      expect((await t.http().post('/api/v1/units/import').set(await as('consultant')).send({ siteId, csv: 'x' })).status).toBe(403);
      expect((await t.http().post('/api/v1/units/import').set(await as('service_manager')).send({ siteId, csv: 'x' })).status).toBe(404);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });
  });

  describe('RES-2 holds', () => {
    it('a consultant cannot hold (403), another site’s manager gets a 404, a customer of another site is refused; nothing is written', async () => {
      const unitId = await makeUnit(t, siteId, 'H-1');
      const customerId = await makeCustomer(t, siteId);
      const foreignCustomer = await makeCustomer(t, serviceId);
      const before = await databaseFingerprint(t.db);
      const consultant = await hold(unitId, customerId, 'consultant');
      expect(consultant.status).toBe(403);
      expect(isProblem(consultant)).toBe(true);
      expect((await hold(unitId, customerId, 'service_manager')).status).toBe(404);
      const wrongCustomer = await hold(unitId, foreignCustomer);
      expect(wrongCustomer.status).toBe(400);
      expect(wrongCustomer.body.errors[0].field).toBe('customerId');
      expect((await hold(randomUUID(), customerId)).status).toBe(404);
      expect((await t.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: 'nope' })).status).toBe(400);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('the manager holds an available unit (201, audited); a second hold is 409 UNIT_NOT_AVAILABLE', async () => {
      const unitId = await makeUnit(t, siteId, 'H-2');
      const first = await hold(unitId, await makeCustomer(t, siteId, '李女士'));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'held', unitId, unitLabel: 'T栋 H-2', customerName: '李女士', heldByName: '王经理', listPriceFen: 200_000_000 });
      expect(await auditCount('reservation.held', first.body.id)).toBe(1);
      expect(await unitStatus(unitId)).toBe('held');
      const second = await hold(unitId, await makeCustomer(t, siteId));
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('UNIT_NOT_AVAILABLE');
      const list = await t.http().get(`/api/v1/units?siteId=${siteId}&status=held&q=H-2`).set(await as('consultant'));
      expect(list.body.items).toEqual([expect.objectContaining({ id: unitId, status: 'held', activeOrder: expect.objectContaining({ id: first.body.id }) })]);
    });

    it('release and void: managers only; the unit is for sale again; voided and released orders stay, marked', async () => {
      const unitId = await makeUnit(t, siteId, 'H-3');
      const first = await hold(unitId, await makeCustomer(t, siteId));
      expect((await post(`${first.body.id}/release`, 'consultant', { reason: '客户放弃' })).status).toBe(403);
      const released = await post(`${first.body.id}/release`, 'manager', { reason: '客户放弃' });
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ status: 'released', endReason: '客户放弃' });
      expect(await unitStatus(unitId)).toBe('available');
      const second = await hold(unitId, await makeCustomer(t, siteId));
      expect(second.status).toBe(201);
      const voided = await post(`${second.body.id}/void`, 'manager', { reason: '录入错误' });
      expect(voided.body.status).toBe('void');
      expect((await post(`${second.body.id}/void`, 'manager', { reason: 'again' })).body.code).toBe('ORDER_STATE_CONFLICT');
      const orders = await t.http().get(`/api/v1/unit-orders?siteId=${siteId}&unitId=${unitId}`).set(await as('consultant'));
      expect(orders.body.items.map((o: { status: string }) => o.status).sort()).toEqual(['released', 'void']);
      expect((await t.http().get(`/api/v1/unit-orders/${second.body.id}`).set(await as('service_manager'))).status).toBe(404);
    });
  });

  describe('RES-4 payment deadline and lapse (GEN-8)', () => {
    it('only the cashier records money: a consultant or a manager is refused, nothing written', async () => {
      const { orderId } = await subscribedOrder('P-1', false);
      const before = await databaseFingerprint(t.db);
      for (const who of ['consultant', 'manager']) expect((await post(`${orderId}/payments`, who, { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'X1' })).status).toBe(403);
      const wrongAmount = await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 1_000_000, receiptNo: 'X1' });
      expect(wrongAmount.status).toBe(422);
      expect(wrongAmount.body.code).toBe('PAYMENT_AMOUNT_MISMATCH');
      expect(await databaseFingerprint(t.db)).toEqual(before);
      const ok = await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'SJ-1' });
      expect(ok.status).toBe(201);
      expect(ok.body.payments).toEqual([expect.objectContaining({ kind: 'subscription', amountFen: 2_000_000, receiptNo: 'SJ-1', recordedByName: '吴出纳' })]);
      expect((await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'SJ-2' })).body.code).toBe('ALREADY_PAID');
    });

    it('the subscription sets the deadline from the policy (10 minutes) and schedules the lapse job', async () => {
      const { orderId } = await subscribedOrder('P-2', false);
      const order = (await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body;
      expect(new Date(order.paymentDueAt).getTime() - new Date(order.subscribedAt).getTime()).toBe(10 * 60_000);
      expect(order).toMatchObject({ status: 'subscribed', policyVersion: 1 });
      const [job] = await t.db.query(`SELECT run_at FROM job WHERE dedupe_key = $1`, [`reservation.lapse:${orderId}`]);
      expect(new Date(job.run_at).getTime()).toBe(new Date(order.paymentDueAt).getTime() + 1000);
    });

    it('a lapse is read at the deadline before any job ran: money after it is refused, the unit reads available; the late job records it at the deadline', async () => {
      const { unitId, orderId } = await subscribedOrder('P-3', false);
      const due = await signedAgo(t, orderId, 11); // signed 11 minutes ago: due a minute ago, the job has not run
      const read = await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'));
      expect(read.body.status).toBe('lapsed');
      const lapsedList = await t.http().get(`/api/v1/unit-orders?siteId=${siteId}&unitId=${unitId}&status=lapsed`).set(await as('consultant'));
      expect(lapsedList.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
      expect(await unitStatus(unitId)).toBe('available');
      const available = await t.http().get(`/api/v1/units?siteId=${siteId}&status=available&q=P-3`).set(await as('consultant'));
      expect(available.body.items.map((u: { id: string }) => u.id)).toEqual([unitId]);
      const late = await post(`${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'LATE' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('ORDER_LAPSED');
      expect((await t.db.query(`SELECT status FROM unit_order WHERE id = $1`, [orderId]))[0].status).toBe('subscribed');
      await runJobs();
      const [row] = await t.db.query(`SELECT status, ended_at FROM unit_order WHERE id = $1`, [orderId]);
      expect(row.status).toBe('lapsed');
      expect(new Date(row.ended_at).getTime()).toBe(due.getTime());
      const [audit] = await t.db.query(`SELECT actor_login FROM audit_event WHERE action = 'reservation.lapsed' AND entity_id = $1`, [orderId]);
      expect(audit.actor_login).toBe('system');
      await runJobs();
      expect(await auditCount('reservation.lapsed', orderId)).toBe(1);
    });

    it('money recorded by the deadline keeps the order, however late the job runs', async () => {
      const { orderId } = await subscribedOrder('P-4', true);
      await signedAgo(t, orderId, 60 * 24); // the deadline passed a day ago; the money came in time
      await t.db.query(`UPDATE unit_order SET subscription_paid_at = payment_due_at WHERE id = $1`, [orderId]);
      await runJobs();
      expect((await t.db.query(`SELECT status FROM unit_order WHERE id = $1`, [orderId]))[0].status).toBe('subscribed');
      expect((await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body.status).toBe('subscribed');
    });

    it('a unit whose order lapsed can be held again before the job ran; the hold records the lapse first', async () => {
      const { unitId, orderId } = await subscribedOrder('P-5', false);
      const due = await signedAgo(t, orderId, 12);
      const again = await hold(unitId, await makeCustomer(t, siteId));
      expect(again.status).toBe(201);
      const [old] = await t.db.query(`SELECT status, ended_at FROM unit_order WHERE id = $1`, [orderId]);
      expect(old.status).toBe('lapsed');
      expect(new Date(old.ended_at).getTime()).toBe(due.getTime());
    });
  });

  describe('RES-1/RES-5 the life cycle up to the contract', () => {
    it('subscription → deposit → signing notice → contract, with the wording approval the manager gives', async () => {
      const { unitId, orderId } = await subscribedOrder('F-1', true);
      expect((await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-1', wordingDiffers: false })).body.code).toBe('ORDER_STATE_CONFLICT');
      const dep = await post(`${orderId}/deposit`, 'consultant', { depositFen: 20_000_000, agreementNo: 'DD-1' });
      expect(dep.status).toBe(200);
      expect(dep.body.status).toBe('deposited');
      expect(await unitStatus(unitId)).toBe('deposited');
      expect((await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-1', wordingDiffers: false })).body.code).toBe('PAYMENT_MISSING');
      expect((await post(`${orderId}/payments`, 'cashier', { kind: 'deposit', amountFen: 20_000_000, receiptNo: 'DJ-1' })).status).toBe(201);
      const noNotice = await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-1', wordingDiffers: false });
      expect(noNotice.status).toBe(422);
      expect(noNotice.body.code).toBe('SIGNING_NOTICE_MISSING');
      const past = await post(`${orderId}/signing-notice`, 'consultant', { signingAt: new Date(Date.now() - 60_000).toISOString(), place: '签约室', documents: ['身份证'], channel: 'phone' });
      expect(past.body.code).toBe('SIGNING_NOTICE_LATE');
      const notice = await post(`${orderId}/signing-notice`, 'consultant', { signingAt: new Date(Date.now() + 86_400_000).toISOString(), place: '签约室', documents: ['身份证', '户口本'], channel: 'phone' });
      expect(notice.status).toBe(200);
      expect(notice.body.signingNotice).toMatchObject({ place: '签约室', documents: ['身份证', '户口本'], channel: 'phone' });
      expect((await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-1', wordingDiffers: true })).body.code).toBe('WORDING_NOT_APPROVED');
      const ask = await post(`${orderId}/wording`, 'consultant', { differences: '交房时间延后30天' });
      expect(ask.status).toBe(201);
      expect(ask.body.approverRole).toBe('manager');
      expect((await decide(ask.body.approvalId, 'consultant2')).status).toBe(403);
      expect((await decide(ask.body.approvalId, 'manager')).status).toBe(200);
      const signed = await post(`${orderId}/contract`, 'consultant', { contractNo: 'HT-1', wordingDiffers: true });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ status: 'contracted', contractNo: 'HT-1', wordingDiffers: true });
      expect(await unitStatus(unitId)).toBe('contracted');
    });

    it('RES-6: only the site manager adds or removes clauses of an open order; what changed is audited', async () => {
      const { orderId } = await subscribedOrder('F-2', true);
      const put = async (who: string, body: object) => t.http().put(`/api/v1/unit-orders/${orderId}/clauses`).set(await as(who)).send(body);
      expect((await put('consultant', { clauses: ['赠送车位使用权一年'], reason: '客户要求' })).status).toBe(403);
      expect((await put('manager', { clauses: [' '], reason: '客户要求' })).body.code).toBe('CLAUSES_INVALID');
      const set = await put('manager', { clauses: ['赠送车位使用权一年', '交房时间 2027-06-30 前'], reason: '客户要求写明' });
      expect(set.status).toBe(200);
      expect(set.body.clauses).toEqual(['赠送车位使用权一年', '交房时间 2027-06-30 前']);
      expect((await put('manager', { clauses: ['赠送车位使用权一年', '交房时间 2027-06-30 前'], reason: '再次' })).body.code).toBe('CLAUSES_UNCHANGED');
      const removed = await put('manager', { clauses: ['交房时间 2027-06-30 前'], reason: '取消赠送' });
      expect(removed.body.clauses).toEqual(['交房时间 2027-06-30 前']);
      const audit = await t.db.query(`SELECT reason FROM audit_event WHERE entity_id = $1 AND action = 'reservation.clauses_changed' ORDER BY at`, [orderId]);
      expect(audit.map((a: { reason: string }) => a.reason)).toEqual(['客户要求写明 (+2 −0)', '取消赠送 (+0 −1)']);
    });
  });

  describe('RES-5 wording approved on the developer side', () => {
    it('the request may go to the developer instead of the site manager; the site manager then cannot decide it', async () => {
      const { orderId } = await subscribedOrder('W-1', true);
      const ask = await post(`${orderId}/wording`, 'consultant', { differences: '补充条款：车位优先购买权', approverRole: 'developer_approver' });
      expect(ask.status).toBe(201);
      expect(ask.body.approverRole).toBe('developer_approver');
      expect((await decide(ask.body.approvalId, 'manager')).body.code).toBe('APPROVER_ROLE_REQUIRED');
      expect((await decide(ask.body.approvalId, 'developer_approver')).status).toBe(200);
      expect((await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body.wordingApprovedAt).toBeTruthy();
      expect((await post(`${orderId}/wording`, 'consultant', { differences: 'again' })).body.code).toBe('ALREADY_APPROVED');
    });
  });

  describe('RES-6 special discounts', () => {
    it('a price below the list needs the company’s approval: the manager cannot give it, the director can', async () => {
      const unitId = await makeUnit(t, siteId, 'D-1');
      const order = (await hold(unitId, await makeCustomer(t, siteId))).body;
      const below = await post(`${order.id}/subscription`, 'consultant', { priceFen: 190_000_000, subscriptionFen: 2_000_000, agreementNo: 'RG-D1' });
      expect(below.status).toBe(422);
      expect(below.body.code).toBe('DISCOUNT_NOT_APPROVED');
      const ask = await post(`${order.id}/discount`, 'consultant', { priceFen: 190_000_000, reason: '老带新优惠' });
      expect(ask.status).toBe(201);
      expect(ask.body.approverRole).toBe('director');
      expect((await post(`${order.id}/discount`, 'consultant', { priceFen: 190_000_000, reason: 'again' })).body.code).toBe('REQUEST_PENDING');
      const byManager = await decide(ask.body.approvalId, 'manager');
      expect(byManager.status).toBe(403);
      expect(byManager.body.code).toBe('APPROVER_ROLE_REQUIRED');
      expect((await decide(ask.body.approvalId, 'director')).status).toBe(200);
      const ok = await post(`${order.id}/subscription`, 'consultant', { priceFen: 190_000_000, subscriptionFen: 2_000_000, agreementNo: 'RG-D1' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'subscribed', priceFen: 190_000_000, approvedPriceFen: 190_000_000 });
    });
  });

  describe('RES-5 cancellation and refund: site manager, then the developer', () => {
    it('an order with money is not released but cancelled through two approvals; the cashier then records the refund', async () => {
      const { unitId, orderId } = await subscribedOrder('R-1', true);
      expect((await post(`${orderId}/release`, 'manager', { reason: '客户退订' })).body.code).toBe('CANCELLATION_REQUIRED');
      const tooMuch = await post(`${orderId}/cancellation`, 'consultant', { reason: '客户退订', refundFen: 2_000_001 });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.code).toBe('REFUND_EXCEEDS_PAID');
      expect((await post(`${orderId}/cancellation`, 'cashier', { reason: '客户退订', refundFen: 2_000_000 })).status).toBe(403);
      const ask = await post(`${orderId}/cancellation`, 'consultant', { reason: '客户退订', refundFen: 2_000_000 });
      expect(ask.status).toBe(201);
      expect(ask.body.approverRole).toBe('manager');
      expect((await post(`${orderId}/cancellation`, 'consultant', { reason: 'again', refundFen: 0 })).body.code).toBe('REQUEST_PENDING');
      expect((await decide(ask.body.approvalId, 'developer_approver')).body.code).toBe('APPROVER_ROLE_REQUIRED');
      expect((await decide(ask.body.approvalId, 'manager')).status).toBe(200);
      expect(await unitStatus(unitId)).toBe('subscribed'); // reviewed by the manager, not yet approved by the developer
      const [step2] = await t.db.query(`SELECT id, approver_role FROM approval WHERE subject_id = $1 AND status = 'pending'`, [orderId]);
      expect(step2.approver_role).toBe('developer_approver');
      expect((await decide(step2.id, 'manager')).body.code).toBe('APPROVER_ROLE_REQUIRED');
      const inbox = await t.http().get(`/api/v1/approvals?siteId=${siteId}&type=reservation.cancellation`).set(await as('developer_approver'));
      expect(inbox.body.items.map((a: { id: string }) => a.id)).toEqual([step2.id]);
      expect((await decide(step2.id, 'developer_approver')).status).toBe(200);
      const order = (await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body;
      expect(order).toMatchObject({ status: 'cancelled', refundFen: 2_000_000, endReason: '客户退订' });
      expect(await unitStatus(unitId)).toBe('available');
      // The cashier's list (atCashier) holds the unpaid refund, however many cancelled orders the site has.
      const atCashier = async () => (await t.http().get(`/api/v1/unit-orders?siteId=${siteId}&atCashier=true&pageSize=200`).set(await as('cashier'))).body.items.map((o: { id: string }) => o.id);
      const unpaid = await subscribedOrder('R-1b', false);
      expect(await atCashier()).toEqual(expect.arrayContaining([orderId, unpaid.orderId]));
      expect((await post(`${orderId}/payments`, 'cashier', { kind: 'refund', amountFen: 1, receiptNo: 'TK-1' })).body.code).toBe('PAYMENT_AMOUNT_MISMATCH');
      const refund = await post(`${orderId}/payments`, 'cashier', { kind: 'refund', amountFen: 2_000_000, receiptNo: 'TK-1' });
      expect(refund.status).toBe(201);
      expect(refund.body.refundPaidAt).toBeTruthy();
      expect(await atCashier()).not.toContain(orderId);
      const settled = await t.http().get(`/api/v1/unit-orders?siteId=${siteId}&atCashier=false&status=cancelled`).set(await as('cashier'));
      expect(settled.body.items.map((o: { id: string }) => o.id)).toContain(orderId);
    });

    it('a rejection at the first step leaves the order as it was', async () => {
      const { orderId } = await subscribedOrder('R-2', true);
      const ask = await post(`${orderId}/cancellation`, 'consultant', { reason: '客户退订', refundFen: 0 });
      expect((await decide(ask.body.approvalId, 'manager', 'rejected')).status).toBe(200);
      expect((await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body.status).toBe('subscribed');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM approval WHERE subject_id = $1 AND status = 'pending'`, [orderId]))[0].n).toBe(0);
    });
  });

  describe('bad input with the right role: 4xx problem+json, nothing written', () => {
    it('every reservation write refuses malformed bodies', async () => {
      const unitId = await makeUnit(t, siteId, 'BAD-1');
      const { orderId } = await subscribedOrder('BAD-2', false);
      const customerId = await makeCustomer(t, siteId);
      const writes: [string, string, string, Record<string, unknown>][] = [
        ['post', '/api/v1/units', 'manager', { siteId, building: 'X', number: 'N1', floor: 1, layout: 'L', areaM2: 10, listPriceFen: 100 }],
        ['patch', `/api/v1/units/${unitId}`, 'manager', { floor: 2 }],
        ['post', '/api/v1/units/import', 'manager', { siteId, csv: 'building,number,floor,layout,area,price\nX,N2,1,L,10,1' }],
        ['post', `/api/v1/units/${unitId}/holds`, 'manager', { customerId }],
        ['post', `/api/v1/unit-orders/${orderId}/payments`, 'cashier', { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'R1' }],
        ['post', `/api/v1/unit-orders/${orderId}/deposit`, 'consultant', { depositFen: 1, agreementNo: 'A1' }],
        ['post', `/api/v1/unit-orders/${orderId}/signing-notice`, 'consultant', { signingAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'P', documents: ['ID'], channel: 'phone' }],
        ['post', `/api/v1/unit-orders/${orderId}/contract`, 'consultant', { contractNo: 'C1', wordingDiffers: false }],
        ['post', `/api/v1/unit-orders/${orderId}/cancellation`, 'consultant', { reason: 'r', refundFen: 0 }],
        ['post', `/api/v1/unit-orders/${orderId}/release`, 'manager', { reason: 'r' }],
        ['put', '/api/v1/reservation/policy', 'manager', { siteId, policy: { paymentMinutes: 10, discountApproverRole: 'director', cancellationChain: ['manager'], wordingApproverRole: 'manager' } }],
      ];
      const failures: string[] = [];
      const before = await databaseFingerprint(t.db);
      for (const [method, url, who, body] of writes) {
        const cases: [string, unknown][] = [['array', []], ['null', null], ['unknown field', { ...body, notAField: 1 }], ['empty', {}]];
        for (const [k, v] of Object.entries(body)) {
          cases.push([`${k}: object`, { ...body, [k]: { nested: true } }]);
          if (typeof v === 'number') for (const bad of [-1, 1.5, 1e300, '12']) cases.push([`${k}: ${bad}`, { ...body, [k]: bad }]);
          if (typeof v === 'string') for (const bad of [12, 'a\u0000b', '长'.repeat(600_000)]) cases.push([`${k}: ${String(bad).slice(0, 8)}`, { ...body, [k]: bad }]);
        }
        for (const [name, payload] of cases) {
          const req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(await as(who));
          const res = await req.send(payload as object);
          // A number that is still valid (floor -1) may pass validation; everything else must be a 4xx problem.
          if (!(res.status >= 400 && res.status < 500 && isProblem(res)) && !(name === 'floor: -1' && [200, 201].includes(res.status))) failures.push(`${method} ${url} ${name}: ${res.status}`);
        }
      }
      const after = await databaseFingerprint(t.db);
      // The one valid mutation (a floor of -1, a basement) adds or edits a unit and writes its audit record and event; nothing else changed.
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      expect(failures).toEqual([]);
      expect(changed.filter((k) => !['unit', 'audit_event'].includes(k))).toEqual([]);
    });
  });

  describe('the reservation policy', () => {
    it('is versioned: the manager publishes 15 minutes, new orders are due 15 minutes after signing; bad policies and wrong roles are refused', async () => {
      const current = await t.http().get(`/api/v1/reservation/policy?siteId=${siteId}`).set(await as('consultant'));
      expect(current.body).toMatchObject({ version: 1, policy: { paymentMinutes: 10, cancellationChain: ['manager', 'developer_approver'] } });
      const policy = { ...current.body.policy, paymentMinutes: 15 };
      expect((await t.http().put('/api/v1/reservation/policy').set(await as('consultant')).send({ siteId, policy })).status).toBe(403);
      expect((await t.http().put('/api/v1/reservation/policy').set(await as('manager')).send({ siteId, policy: { ...policy, cancellationChain: [] } })).status).toBe(400);
      expect((await t.http().put('/api/v1/reservation/policy').set(await as('manager')).send({ siteId, policy: { ...policy, discountApproverRole: 'consultant' } })).status).toBe(400);
      const put = await t.http().put('/api/v1/reservation/policy').set(await as('manager')).send({ siteId, policy });
      expect(put.status).toBe(200);
      expect(put.body.version).toBe(2);
      const { orderId } = await subscribedOrder('V-1', false);
      const order = (await t.http().get(`/api/v1/unit-orders/${orderId}`).set(await as('consultant'))).body;
      expect(order.policyVersion).toBe(2);
      expect(new Date(order.paymentDueAt).getTime() - new Date(order.subscribedAt).getTime()).toBe(15 * 60_000);
    });
  });
});
