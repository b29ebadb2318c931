import { DataSource } from 'typeorm';
import { AccessPolicy } from '../src/platform/access/access.policy.js';
import { ApprovalsService } from '../src/platform/approvals/approvals.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { databaseFingerprint, isProblem, readBinary, startTestApp, type TestApp } from './support/test-app.js';

describe('GEN-3 audit trail', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('records who, when, what, before/after and the request id in the same transaction as the change', async () => {
    const admin = { authorization: `Bearer ${await t.token('admin')}` };
    const clerk = await t.ids.user('clerk');
    const res = await t.http().patch(`/api/v1/users/${clerk}`).set(admin).set('x-request-id', 'req-audit-1').send({ displayName: '刘内业(新)' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-audit-1');
    const trail = await t.http().get(`/api/v1/audit?entityType=user&entityId=${clerk}`).set(admin);
    expect(trail.status).toBe(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'user.updated',
      actorLogin: 'admin@demo.sitedesk',
      before: { displayName: '刘内业' },
      after: { displayName: '刘内业(新)' },
      requestId: 'req-audit-1',
    });
  });

  it('is append-only in the database itself', async () => {
    await expect(t.db.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('keeps secrets out of the trail', async () => {
    const rows = await t.db.query(`SELECT before::text || after::text AS t FROM audit_event WHERE before IS NOT NULL OR after IS NOT NULL`);
    for (const { t: text } of rows) expect(text ?? '').not.toMatch(/argon2|password|secret/i);
  });

  it('is readable by managers only for their own sites', async () => {
    const sales = await t.ids.site('demo-sales');
    expect((await t.http().get(`/api/v1/audit?siteId=${sales}`).set('authorization', `Bearer ${await t.token('manager')}`)).status).toBe(200);
    expect((await t.http().get(`/api/v1/audit?siteId=${sales}`).set('authorization', `Bearer ${await t.token('service_manager')}`)).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const body = (n: number) => ({ login: `temp${n}@demo.sitedesk`, displayName: `临时${n}`, password: 'long-enough-pw', roles: [{ siteId: null, role: 'clerk' }] });

  it('replays the stored response for the same key and body, and writes once', async () => {
    const h = { authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': 'create-temp-1' };
    const first = await t.http().post('/api/v1/users').set(h).send(body(1));
    expect(first.status).toBe(201);
    const second = await t.http().post('/api/v1/users').set(h).send(body(1));
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE login = 'temp1@demo.sitedesk'`);
    expect(n).toBe(1);
  });

  it('answers 422 for the same key with another body', async () => {
    const h = { authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': 'create-temp-2' };
    expect((await t.http().post('/api/v1/users').set(h).send(body(2))).status).toBe(201);
    const other = await t.http().post('/api/v1/users').set(h).send(body(3));
    expect([other.status, other.body.code, isProblem(other)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED', true]);
  });

  it('lets a failed request be retried with the same key', async () => {
    const h = { authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': 'create-temp-4' };
    const taken = { ...body(4), login: 'manager@demo.sitedesk' };
    expect((await t.http().post('/api/v1/users').set(h).send(taken)).status).toBe(409);
    expect((await t.http().post('/api/v1/users').set(h).send(taken)).status).toBe(409);
  });

  it('keys are per caller: the same key from two users are two requests', async () => {
    const key = 'shared-key';
    const a = await t.http().post('/api/v1/users').set({ authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': key }).send(body(5));
    const sales = await t.ids.site('demo-sales');
    const b = await t.http()
      .post('/api/v1/users')
      .set({ authorization: `Bearer ${await t.token('manager')}`, 'idempotency-key': key })
      .send({ ...body(6), roles: [{ siteId: sales, role: 'clerk' }] });
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it('under 20 parallel repeats the request runs exactly once', async () => {
    const h = { authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': 'parallel-7' };
    const results = await Promise.all(Array.from({ length: 20 }, () => t.http().post('/api/v1/users').set(h).send(body(7))));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(results.filter((r) => r.status === 201 && !r.headers['idempotent-replayed']).length).toBe(1);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE login = 'temp7@demo.sitedesk'`);
    expect(n).toBe(1);
  });

  it('refuses a key that is not visible ASCII', async () => {
    const res = await t.http().post('/api/v1/users').set({ authorization: `Bearer ${await t.token('admin')}`, 'idempotency-key': 'x'.repeat(300) }).send(body(8));
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('GEN-8 timed jobs across replicas', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('runs a due job exactly once when two replicas poll at the same time, and ignores a duplicate schedule', async () => {
    const runs: string[] = [];
    for (const [name, app] of [['a', a], ['b', b]] as const) {
      app.app.get(JobsService).register('test.once', async (job) => {
        runs.push(`${name}:${(job.payload as { n: number }).n}`);
        await new Promise((r) => setTimeout(r, 20));
      });
    }
    const jobs = a.app.get(JobsService);
    for (let n = 0; n < 10; n++) {
      await jobs.schedule(a.db.manager, { name: 'test.once', runAt: new Date(Date.now() - 1000), payload: { n }, dedupeKey: `once-${n}` });
      await jobs.schedule(a.db.manager, { name: 'test.once', runAt: new Date(Date.now() - 1000), payload: { n }, dedupeKey: `once-${n}` });
    }
    await Promise.all([a.app.get(JobsService).runDue(3), b.app.get(JobsService).runDue(3), a.app.get(JobsService).runDue(3), b.app.get(JobsService).runDue(3)]);
    while ((await a.app.get(JobsService).runDue()) + (await b.app.get(JobsService).runDue()) > 0);
    expect(runs.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [{ done }] = await a.db.query(`SELECT count(*)::int AS done FROM job WHERE name = 'test.once' AND status = 'done'`);
    expect(done).toBe(10);
  });

  it('retries a failing job with backoff and marks it failed after its attempts', async () => {
    const jobs = a.app.get(JobsService);
    jobs.register('test.fails', async () => {
      throw new Error('boom');
    });
    await jobs.schedule(a.db.manager, { name: 'test.fails', runAt: new Date(Date.now() - 1000), maxAttempts: 2 });
    await jobs.runDue();
    let [row] = await a.db.query(`SELECT status, attempts, last_error, run_at > now() AS later FROM job WHERE name = 'test.fails'`);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom', later: true });
    await a.db.query(`UPDATE job SET run_at = now() - interval '1 second' WHERE name = 'test.fails'`);
    await jobs.runDue();
    [row] = await a.db.query(`SELECT status, attempts FROM job WHERE name = 'test.fails'`);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('takes over a job whose worker died (lease expired)', async () => {
    const jobs = a.app.get(JobsService);
    let ran = 0;
    jobs.register('test.orphan', async () => void ran++);
    await jobs.schedule(a.db.manager, { name: 'test.orphan', runAt: new Date() });
    await a.db.query(`UPDATE job SET status = 'running', attempts = 1, locked_until = now() - interval '1 second' WHERE name = 'test.orphan'`);
    await jobs.runDue();
    expect(ran).toBe(1);
  });
});

describe('GEN-6 approvals and GEN-9 discipline register', () => {
  let t: TestApp;
  let site: Awaited<ReturnType<AccessPolicy['requireSite']>>['site'];
  beforeAll(async () => {
    t = await startTestApp();
    site = (await t.app.get(AccessPolicy).site(await t.ids.site('demo-sales')))!;
  });
  afterAll(() => t.close());

  async function ask(requester: string) {
    const userId = await t.ids.user(requester);
    return t.db.transaction((em) =>
      t.app.get(ApprovalsService).request(em, site, {
        type: 'test.leave',
        subjectType: 'leave',
        subjectId: 'L1',
        requesterId: userId,
        approverRole: 'manager',
      }),
    );
  }

  it('routes a request to the role the rule names, and a manager\'s own request one level up', async () => {
    expect((await ask('consultant')).approverRole).toBe('manager');
    expect((await ask('manager')).approverRole).toBe('director');
  });

  it('refuses self-approval and the wrong role; the right approver decides and the module effect runs in the same transaction', async () => {
    const effects: string[] = [];
    t.app.get(ApprovalsService).onDecision('test.leave', async (_em, a, decision) => void effects.push(`${a.id}:${decision}`));
    const own = await ask('manager');
    const selfTry = await t.http().post(`/api/v1/approvals/${own.id}/decision`).set('authorization', `Bearer ${await t.token('manager')}`).send({ decision: 'approved' });
    expect([selfTry.status, selfTry.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);

    const req = await ask('consultant');
    const bySupervisor = await t.http().post(`/api/v1/approvals/${req.id}/decision`).set('authorization', `Bearer ${await t.token('supervisor')}`).send({ decision: 'approved' });
    expect([bySupervisor.status, bySupervisor.body.code]).toEqual([403, 'APPROVER_ROLE_REQUIRED']);

    const inbox = await t.http().get(`/api/v1/approvals?siteId=${site.id}`).set('authorization', `Bearer ${await t.token('manager')}`);
    expect(inbox.body.items.map((a: { id: string }) => a.id)).toContain(req.id);
    expect(inbox.body.items.map((a: { id: string }) => a.id)).not.toContain(own.id);

    const ok = await t.http().post(`/api/v1/approvals/${req.id}/decision`).set('authorization', `Bearer ${await t.token('manager')}`).send({ decision: 'rejected', comment: '开盘日不得请假' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'rejected', comment: '开盘日不得请假', decidedBy: await t.ids.user('manager'), decidedByName: '王经理', requestedByName: '李顾问' });
    expect(effects).toEqual([`${req.id}:rejected`]);
    const again = await t.http().post(`/api/v1/approvals/${req.id}/decision`).set('authorization', `Bearer ${await t.token('director')}`).send({ decision: 'approved' });
    expect([again.status, again.body.code]).toEqual([409, 'APPROVAL_ALREADY_DECIDED']);

    const byOtherSite = await t.http().post(`/api/v1/approvals/${req.id}/decision`).set('authorization', `Bearer ${await t.token('service_manager')}`).send({ decision: 'approved' });
    expect(byOtherSite.status).toBe(404);
  });

  it('rolls the decision back when the module effect fails', async () => {
    t.app.get(ApprovalsService).onDecision('test.leave', async () => {
      throw new Error('effect failed');
    });
    const req = await ask('consultant2');
    const before = await databaseFingerprint(t.app.get(DataSource));
    const res = await t.http().post(`/api/v1/approvals/${req.id}/decision`).set('authorization', `Bearer ${await t.token('manager')}`).send({ decision: 'approved' });
    expect(res.status).toBe(500);
    expect(res.body.detail).not.toMatch(/effect failed/);
    expect(await databaseFingerprint(t.app.get(DataSource))).toEqual(before);
  });

  it('GEN-9: a manager records a fine; the person sees their own, colleagues do not, managers see the site\'s; void keeps it', async () => {
    const consultant = await t.ids.user('consultant');
    const issued = await t.http()
      .post('/api/v1/discipline')
      .set('authorization', `Bearer ${await t.token('manager')}`)
      .send({ siteId: site.id, userId: consultant, kind: 'fine', ruleId: 'ATT-11', amountFen: 20000, evidence: '值班时打瞌睡' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ amountFen: 20000, currency: 'CNY', sourceModule: 'manual', ruleId: 'ATT-11', userName: '李顾问', issuedByName: '王经理' });

    const own = await t.http().get(`/api/v1/discipline?siteId=${site.id}`).set('authorization', `Bearer ${await t.token('consultant')}`);
    expect(own.body.items.map((e: { id: string }) => e.id)).toEqual([issued.body.id]);
    const colleague = await t.http().get(`/api/v1/discipline?siteId=${site.id}&userId=${consultant}`).set('authorization', `Bearer ${await t.token('consultant2')}`);
    expect(colleague.body.items).toEqual([]);
    const mgr = await t.http().get(`/api/v1/discipline?siteId=${site.id}`).set('authorization', `Bearer ${await t.token('manager')}`);
    expect(mgr.body.total).toBeGreaterThanOrEqual(1);

    const self = await t.http()
      .post('/api/v1/discipline')
      .set('authorization', `Bearer ${await t.token('manager')}`)
      .send({ siteId: site.id, userId: await t.ids.user('manager'), kind: 'bonus', ruleId: 'ATT-11', amountFen: 5000, evidence: 'self' });
    expect([self.status, self.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
    const otherSite = await t.http()
      .post('/api/v1/discipline')
      .set('authorization', `Bearer ${await t.token('manager')}`)
      .send({ siteId: site.id, userId: await t.ids.user('technician'), kind: 'fine', ruleId: 'ATT-11', amountFen: 100, evidence: 'x' });
    expect(otherSite.status).toBe(404);

    const voided = await t.http().post(`/api/v1/discipline/${issued.body.id}/void`).set('authorization', `Bearer ${await t.token('manager')}`).send({ reason: '误记' });
    expect(voided.status).toBe(200);
    expect(voided.body.voidReason).toBe('误记');
    const withVoided = await t.http().get(`/api/v1/discipline?siteId=${site.id}&includeVoided=true`).set('authorization', `Bearer ${await t.token('consultant')}`);
    expect(withVoided.body.items[0].voidedAt).not.toBeNull();
  });

  it("GEN-9: the register by month and kind, and the month's download for payroll (CSV and XLSX) with its total; a person downloads only their own", async () => {
    const manager = `Bearer ${await t.token('manager')}`;
    const consultant2 = await t.ids.user('consultant2');
    const issue = (amountFen: number, kind = 'fine') =>
      t.http().post('/api/v1/discipline').set('authorization', manager).send({ siteId: site.id, userId: consultant2, kind, ruleId: 'ATT-12', amountFen, evidence: `迟到 ${amountFen}` });
    const [a, b, w] = [await issue(1000), await issue(2550), await issue(0, 'warning_slip')];
    expect([a.status, b.status, w.status]).toEqual([201, 201, 201]);
    // One of last month: outside this month's register.
    await t.db.query(`UPDATE discipline_entry SET issued_at = now() - interval '40 days' WHERE id = $1`, [a.body.id]);
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const list = await t.http().get(`/api/v1/discipline?siteId=${site.id}&userId=${consultant2}&month=${month}`).set('authorization', manager);
    expect(list.body.items.map((e: { id: string }) => e.id).sort()).toEqual([b.body.id, w.body.id].sort());
    const fines = await t.http().get(`/api/v1/discipline?siteId=${site.id}&userId=${consultant2}&month=${month}&kind=fine`).set('authorization', manager);
    expect(fines.body.items.map((e: { id: string }) => e.id)).toEqual([b.body.id]);

    const csv = await t.http().get(`/api/v1/discipline?siteId=${site.id}&userId=${consultant2}&month=${month}&format=csv`).set('authorization', manager);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`discipline-demo-sales-${month}.csv`);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4); // header, two entries, the total
    expect(lines[lines.length - 1]).toBe('合计 total,2,,,25.50,,,,');
    const xlsx = await t.http().get(`/api/v1/discipline?siteId=${site.id}&month=${month}&format=xlsx`).set('authorization', manager).buffer(true).parse(readBinary);
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    // The person downloads their own only, whatever userId they ask for.
    const own = await t.http().get(`/api/v1/discipline?siteId=${site.id}&userId=${consultant2}&month=${month}&format=csv`).set('authorization', `Bearer ${await t.token('consultant')}`);
    expect(own.text).not.toContain('迟到');
    const bad = await t.http().get(`/api/v1/discipline?siteId=${site.id}&month=2026-13`).set('authorization', manager);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('problem details', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit, 400 MALFORMED_JSON for broken JSON, 415 for other media', async () => {
    const big = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(JSON.stringify({ login: 'x'.repeat(300_000), password: 'y' }));
    expect([big.status, big.body.code, isProblem(big)]).toEqual([413, 'PAYLOAD_TOO_LARGE', true]);
    const broken = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"login":');
    expect([broken.status, broken.body.code, isProblem(broken)]).toEqual([400, 'MALFORMED_JSON', true]);
    const xml = await t.http().post('/api/v1/auth/login').set('content-type', 'application/xml').send('<login/>');
    expect([xml.status, isProblem(xml)]).toEqual([415, true]);
  });

  it('lists each invalid field', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ login: 5, extra: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['login', 'password', 'extra']));
  });
});

describe('GEN-10 hand-over of responsibility', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('records who handed what to whom and why, in the audit trail too', async () => {
    const site = (await t.app.get(AccessPolicy).site(await t.ids.site('demo-sales')))!;
    const [from, to, by] = [await t.ids.user('cs_agent'), await t.ids.user('supervisor'), await t.ids.user('cs_agent')];
    const { DisciplineService } = await import('../src/platform/discipline/discipline.service.js');
    await t.db.transaction((em) => t.app.get(DisciplineService).recordHandover(em, site, { subjectType: 'complaint', subjectId: 'C-1', fromUserId: from, toUserId: to, byUserId: by, reason: '下班交接' }));
    const [row] = await t.db.query(`SELECT from_user_id, to_user_id, reason FROM handover WHERE subject_id = 'C-1'`);
    expect(row).toEqual({ from_user_id: from, to_user_id: to, reason: '下班交接' });
    const [audit] = await t.db.query(`SELECT action, before, after, reason FROM audit_event WHERE entity_id = 'C-1'`);
    expect(audit).toMatchObject({ action: 'handover', before: { ownerId: from }, after: { ownerId: to }, reason: '下班交接' });
  });
});
