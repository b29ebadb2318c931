import { FollowUpsService } from '../src/modules/client-attribution/follow-ups.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

/** CA-5 follow-ups, overdue lists, missed follow-up fines (GEN-9) and exemptions; the open pool and re-registration; GEN-11. */
describe('client follow-ups, fines and the open pool (CA-5, GEN-8, GEN-9, GEN-11)', () => {
  let t: TestApp;
  let siteId: string;
  let consultant: string;
  let consultant2: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const DAY = 86_400_000;

  /** A customer received by `who` at a visit (CA-2): owned at once. */
  async function owned(phone: string, who = 'consultant'): Promise<string> {
    const res = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone, name: `客户${phone.slice(-4)}`, consultantId: await t.ids.user(who), mentionedAgency: false });
    expect(res.status).toBe(201);
    return res.body.customerId;
  }
  /** Moves a customer's whole history (and its stored ownership) `days` into the past. */
  async function age(customerId: string, days: number) {
    await t.db.query(`UPDATE customer_event SET at = at - make_interval(days => $2) WHERE customer_id = $1`, [customerId, days]);
    await t.db.query(`UPDATE customer SET owner_since = owner_since - make_interval(days => $2), protected_until = protected_until - make_interval(days => $2) WHERE id = $1`, [customerId, days]);
  }
  const followUp = async (who: string, customerId: string, body: object) => t.http().post(`/api/v1/clients/customers/${customerId}/follow-ups`).set(await as(who)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    consultant = await t.ids.user('consultant');
    consultant2 = await t.ids.user('consultant2');
  });
  afterAll(() => t.close());

  describe('follow-up records', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = await owned('13822220001');
    });

    it('CA-5: the owner records a follow-up; the grade is updated and the next one is due 3 days later', async () => {
      const res = await followUp('consultant', customerId, { channel: 'phone', content: '电话回访,周六来看样板间', grade: 'A', nextStep: '周六接待' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ customerId, lateEntry: false, blankFields: [], fineFen: 0 });
      expect(new Date(res.body.nextDueAt).getTime() - new Date(res.body.at).getTime()).toBe(3 * DAY);
      const detail = await t.http().get(`/api/v1/clients/customers/${customerId}`).set(await as('consultant'));
      expect(detail.body.grade).toBe('A');
      expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toContain('follow_up');
      const list = await t.http().get(`/api/v1/clients/customers/${customerId}/follow-ups`).set(await as('manager'));
      expect(list.body.items[0]).toMatchObject({ channel: 'phone', grade: 'A', nextStep: '周六接待', consultantName: '李顾问' });
    });

    it('GEN-11: an entry made on a later day is flagged; each blank field of the form is fined in the discipline register', async () => {
      const res = await followUp('consultant', customerId, { channel: 'wechat', content: '微信发了户型图', occurredAt: new Date(Date.now() - 2 * DAY).toISOString() });
      // occurredAt before the ownership began is refused; the visit was just now
      expect(res.status).toBe(400);
      await age(customerId, 5);
      const late = await followUp('consultant', customerId, { channel: 'wechat', content: '微信发了户型图', nextStep: ' ', occurredAt: new Date(Date.now() - 2 * DAY).toISOString() });
      expect(late.status).toBe(201);
      expect(late.body).toMatchObject({ lateEntry: true, blankFields: ['grade', 'nextStep'], fineFen: 2000 });
      const [fine] = await t.db.query(`SELECT amount_fen::int AS amount, rule_id, user_id FROM discipline_entry WHERE source_ref = $1`, [`follow_up:${late.body.id}`]);
      expect(fine).toEqual({ amount: 2000, rule_id: 'GEN-11', user_id: consultant });
    });

    it('forbidden paths: a colleague 404, a supervisor who does not own it 403, another site 404, a receptionist 403; nothing written', async () => {
      const before = await databaseFingerprint(t.db, ['audit_event', 'refresh_token', 'login_attempt']);
      const body = { channel: 'phone', content: 'x', grade: 'B', nextStep: 'y' };
      expect((await followUp('consultant2', customerId, body)).status).toBe(404);
      const sup = await followUp('supervisor', customerId, body);
      expect([sup.status, sup.body.code]).toEqual([403, 'NOT_CUSTOMER_OWNER']);
      expect((await followUp('service_manager', customerId, body)).status).toBe(404);
      expect((await followUp('receptionist', customerId, body)).status).toBe(403);
      expect((await followUp('consultant', '00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/customers/${customerId}/follow-ups`).set(await as('consultant2'))).status).toBe(404);
      expect(await databaseFingerprint(t.db, ['audit_event', 'refresh_token', 'login_attempt'])).toEqual(before);
    });

    it('bad input: an unknown channel, a future time, a grade outside A–D: 400 problem+json, nothing written', async () => {
      const before = await databaseFingerprint(t.db, ['refresh_token', 'login_attempt']);
      for (const body of [
        { channel: 'pigeon', content: 'x' },
        { channel: 'phone', content: 'x', occurredAt: new Date(Date.now() + DAY).toISOString() },
        { channel: 'phone', content: 'x', grade: 'E' },
        { channel: 'phone' },
      ]) {
        const res = await followUp('consultant', customerId, body);
        expect([res.status, isProblem(res)]).toEqual([400, true]);
      }
      expect(await databaseFingerprint(t.db, ['refresh_token', 'login_attempt'])).toEqual(before);
    });
  });

  describe('overdue lists (GEN-8: derived when read)', () => {
    let visitedId: string;
    let callerId: string;
    beforeAll(async () => {
      visitedId = await owned('13822220011');
      await age(visitedId, 4);
      // a caller who never visited: owned once the SMS went out (CA-9), then followed daily
      const call = await t.http().post('/api/v1/clients/calls').set(await as('consultant2')).send({ siteId, phone: '13822220012', name: '周女士' });
      callerId = call.body.customerId;
      while ((await t.app.get(JobsService).runDue()) > 0);
      await age(callerId, 1);
    });

    it('CA-5: a visited customer 3 days without follow-up and a caller 1 day without one are overdue, each for their owner', async () => {
      const mine = await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}`).set(await as('consultant'));
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((i: { customerId: string }) => i.customerId)).toContain(visitedId);
      expect(mine.body.items.every((i: { ownerId: string }) => i.ownerId === consultant)).toBe(true);
      const other = await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}`).set(await as('consultant2'));
      expect(other.body.items).toEqual([expect.objectContaining({ customerId: callerId, visited: false, everyDays: 1, ownerName: expect.any(String) })]);
      const site = await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}&pageSize=1`).set(await as('supervisor'));
      expect(site.body.total).toBeGreaterThanOrEqual(2);
      expect(site.body.items).toHaveLength(1);
      const one = await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}&consultantId=${consultant2}`).set(await as('manager'));
      expect(one.body.items.map((i: { customerId: string }) => i.customerId)).toEqual([callerId]);
    });

    it('a follow-up takes the customer off the list', async () => {
      expect((await followUp('consultant2', callerId, { channel: 'phone', content: '回访', grade: 'B', nextStep: '约到访' })).status).toBe(201);
      const other = await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}`).set(await as('consultant2'));
      expect(other.body.items).toEqual([]);
    });

    it('another site 404, a receptionist 403, a bad consultantId 400', async () => {
      expect((await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}`).set(await as('receptionist'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/clients/follow-ups/overdue?siteId=${siteId}&consultantId=nope`).set(await as('manager'))).status).toBe(400);
    });
  });

  describe('missed follow-up fines (CA-5, GEN-9) and exemptions', () => {
    let customerId: string;
    const fines = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM discipline_entry d JOIN client_follow_up_miss m ON d.source_ref = 'follow_up_miss:' || m.id WHERE m.customer_id = $1 AND d.rule_id = 'CA-5' AND d.user_id = $2`, [customerId, consultant2]))[0].n as number;
    beforeAll(async () => {
      customerId = await owned('13822220021', 'consultant2');
    });

    it('the job fines each missed due date once, whenever and however often it runs', async () => {
      const svc = t.app.get(FollowUpsService);
      const start = Date.now();
      const run = (days: number) => t.db.transaction((em) => svc.fineMissed(em, new Date(start + days * DAY + 60_000), siteId));
      await run(2);
      expect(await fines()).toBe(0);
      // a late run after 10 days finds the due dates of day 3, 6 and 9
      await run(10);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM client_follow_up_miss WHERE customer_id = $1`, [customerId]);
      expect(n).toBe(3);
      expect(await fines()).toBe(3);
      await run(10);
      await Promise.all([run(10), run(10)]).catch(() => undefined);
      expect(await fines()).toBe(3);
      const [entry] = await t.db.query(`SELECT d.amount_fen::int AS amount, d.kind FROM discipline_entry d JOIN client_follow_up_miss m ON d.id = m.discipline_entry_id WHERE m.customer_id = $1 LIMIT 1`, [customerId]);
      expect(entry).toEqual({ amount: 5000, kind: 'fine' });
    });

    it('the registered daily job records the same when it runs', async () => {
      const other = await owned('13822220022', 'consultant2');
      await age(other, 4);
      await t.db.query(`INSERT INTO job (name, run_at, dedupe_key) VALUES ('client.follow_up.fines', now(), 'test-run')`);
      while ((await t.app.get(JobsService).runDue()) > 0);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM client_follow_up_miss WHERE customer_id = $1`, [other]);
      expect(n).toBe(1);
      const [job] = await t.db.query(`SELECT status FROM job WHERE dedupe_key = 'test-run'`);
      expect(job.status).toBe('done');
    });

    it('consultants see their own misses; the manager exempts one with a reason: the fine is voided, audited, once', async () => {
      const mine = await t.http().get(`/api/v1/clients/follow-ups/misses?siteId=${siteId}`).set(await as('consultant2'));
      expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
      expect(mine.body.items.every((m: { ownerId: string }) => m.ownerId === consultant2)).toBe(true);
      const theirs = await t.http().get(`/api/v1/clients/follow-ups/misses?siteId=${siteId}&consultantId=${consultant2}`).set(await as('consultant'));
      expect(theirs.body.items.every((m: { ownerId: string }) => m.ownerId === consultant)).toBe(true);
      const site = await t.http().get(`/api/v1/clients/follow-ups/misses?siteId=${siteId}&consultantId=${consultant2}&pageSize=200`).set(await as('manager'));
      expect(site.body.total).toBe(mine.body.total);
      const miss = mine.body.items[0];
      expect(miss).toMatchObject({ status: 'fined', amountFen: 5000, policyVersion: 1 });
      const url = `/api/v1/clients/follow-ups/misses/${miss.id}/exemption`;
      expect((await t.http().post(url).set(await as('consultant2')).send({ reason: 'x' })).status).toBe(403);
      expect((await t.http().post(url).set(await as('service_manager')).send({ reason: 'x' })).status).toBe(404);
      expect((await t.http().post(url).set(await as('manager')).send({ reason: '' })).status).toBe(400);
      const [a, b] = await Promise.all([t.http().post(url).set(await as('manager')).send({ reason: '客户出差,已告知经理' }), t.http().post(url).set(await as('director')).send({ reason: '同意' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const ok = a.status === 200 ? a : b;
      expect(ok.body).toMatchObject({ status: 'exempted', exemptionReason: expect.any(String), exemptedByName: expect.any(String) });
      const [entry] = await t.db.query(`SELECT voided_at, void_reason FROM discipline_entry WHERE id = $1`, [miss.disciplineEntryId]);
      expect(entry.voided_at).not.toBeNull();
      expect(entry.void_reason).toContain('CA-5 exemption');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'client.follow_up_exempted' AND entity_id = $1`, [miss.id]);
      expect(n).toBe(1);
    });
  });

  describe('the open pool and re-registration (CA-5)', () => {
    let expired: string;
    beforeAll(async () => {
      expired = await owned('13822220031');
      // four months old; the stored row still says "owned": the pool is derived when read (GEN-8)
      await age(expired, 125);
    });

    it('lists customers whose window ran out, phones masked for consultants', async () => {
      const res = await t.http().get(`/api/v1/clients/pool?siteId=${siteId}`).set(await as('consultant2'));
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual(expect.objectContaining({ id: expired, phone: '138****0031', pendingRenewalId: null }));
      const sup = await t.http().get(`/api/v1/clients/pool?siteId=${siteId}&q=0031`).set(await as('supervisor'));
      expect(sup.body.items).toEqual([expect.objectContaining({ id: expired, phone: '13822220031' })]);
      expect((await t.http().get(`/api/v1/clients/pool?siteId=${siteId}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/pool?siteId=${siteId}`).set(await as('receptionist'))).status).toBe(403);
    });

    it('two consultants claiming at once: one re-registration waits for the supervisor, the other is refused', async () => {
      const [a, b] = await Promise.all([
        t.http().post(`/api/v1/clients/customers/${expired}/renewals`).set(await as('consultant2')).send({ note: '客户想再看看' }),
        t.http().post(`/api/v1/clients/customers/${expired}/renewals`).set(await as('consultant')).send({}),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const won = a.status === 201 ? a : b;
      expect(won.body).toMatchObject({ mode: 'claim', approverRole: 'supervisor', status: 'pending' });
      expect((a.status === 409 ? a : b).body.code).toBe('RENEWAL_PENDING');
    });

    it('two supervisors signing at once: one signature counts; the customer is owned again, recorded as a renewal event', async () => {
      const [approval] = await t.db.query(`SELECT id, requested_by FROM approval WHERE type = 'client.renewal' AND subject_id = $1 AND status = 'pending'`, [expired]);
      const url = `/api/v1/approvals/${approval.id}/decision`;
      const [a, b] = await Promise.all([t.http().post(url).set(await as('supervisor')).send({ decision: 'approved' }), t.http().post(url).set(await as('manager')).send({ decision: 'approved', comment: '同意' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const detail = await t.http().get(`/api/v1/clients/customers/${expired}`).set(await as('manager'));
      expect(detail.body).toMatchObject({ status: 'owned', ownerId: approval.requested_by, ownerRuleIds: ['CA-5'] });
      expect(new Date(detail.body.protectedUntil).getTime()).toBeGreaterThan(Date.now() + 80 * DAY);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer_event WHERE customer_id = $1 AND kind = 'renewal'`, [expired]);
      expect(n).toBe(1);
      const pool = await t.http().get(`/api/v1/clients/pool?siteId=${siteId}`).set(await as('consultant'));
      expect(pool.body.items.map((i: { id: string }) => i.id)).not.toContain(expired);
    });

    it('the owner renews their window; a colleague cannot re-register an owned customer; a customer never owned is not in the pool', async () => {
      const mineId = await owned('13822220032');
      const renew = await t.http().post(`/api/v1/clients/customers/${mineId}/renewals`).set(await as('consultant')).send({});
      expect([renew.status, renew.body.mode]).toEqual([201, 'renew']);
      const other = await t.http().post(`/api/v1/clients/customers/${mineId}/renewals`).set(await as('consultant2')).send({});
      expect([other.status, other.body.code]).toEqual([409, 'CUSTOMER_OWNED']);
      const call = await t.http().post('/api/v1/clients/calls').set(await as('consultant')).send({ siteId, phone: '13822220033', name: '' });
      const fresh = await t.http().post(`/api/v1/clients/customers/${call.body.customerId}/renewals`).set(await as('consultant')).send({});
      expect([fresh.status, fresh.body.code]).toEqual([409, 'NOT_IN_OPEN_POOL']);
      expect((await t.http().post(`/api/v1/clients/customers/${mineId}/renewals`).set(await as('supervisor')).send({})).status).toBe(403);
      expect((await t.http().post(`/api/v1/clients/customers/${mineId}/renewals`).set(await as('service_manager')).send({})).status).toBe(403);
      expect((await t.http().post(`/api/v1/clients/customers/${mineId}/renewals`).set(await as('consultant')).send({ note: 5 })).status).toBe(400);
    });

    it('a rejected re-registration changes nothing', async () => {
      const id = await owned('13822220034', 'consultant2');
      await age(id, 125);
      const req = await t.http().post(`/api/v1/clients/customers/${id}/renewals`).set(await as('consultant2')).send({});
      const dec = await t.http().post(`/api/v1/approvals/${req.body.approvalId}/decision`).set(await as('supervisor')).send({ decision: 'rejected', comment: '不符合' });
      expect(dec.status).toBe(200);
      const [c] = await t.db.query(`SELECT (SELECT count(*)::int FROM customer_event WHERE customer_id = $1 AND kind = 'renewal') AS n`, [id]);
      expect(c.n).toBe(0);
    });
  });
});
