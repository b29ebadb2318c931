import ExcelJS from 'exceljs';
import { localDate } from '@sitedesk/domain';
import { FollowUpsService } from '../src/modules/client-attribution/follow-ups.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { databaseFingerprint, isProblem, readBinary, startTestApp, type TestApp } from './support/test-app.js';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

/** CA-14 conversion, CA-19 reports (JSON, CSV, XLSX), GEN-11 late entries; the section-2 policy editor. */
describe('client reports (CA-14, CA-19, GEN-11) and the client policy editor', () => {
  let t: TestApp;
  let siteId: string;
  let consultant: string;
  let consultant2: string;
  let today: string;
  let yesterday: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const runJobs = async () => {
    while ((await t.app.get(JobsService).runDue()) > 0);
  };
  const visit = async (phone: string, who: string) =>
    (await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone, name: `客户${phone.slice(-4)}`, consultantId: await t.ids.user(who), mentionedAgency: false })).body.customerId as string;
  const call = async (phone: string, who: string, occurredAt?: string) =>
    (await t.http().post('/api/v1/clients/calls').set(await as(who)).send({ siteId, phone, name: `来电${phone.slice(-4)}`, ...(occurredAt ? { occurredAt } : {}) })).body.customerId as string;
  const row = (body: { consultants: { consultantId: string }[] }, id: string) => body.consultants.find((c) => c.consultantId === id);

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    consultant = await t.ids.user('consultant');
    consultant2 = await t.ids.user('consultant2');
    today = localDate(new Date(), TZ);
    yesterday = localDate(new Date(Date.now() - DAY), TZ);
    // 李顾问 takes three calls; one caller comes to visit and is received by 张顾问, who also receives a walk-in; the caller buys.
    const a = await call('13833330001', 'consultant');
    await call('13833330002', 'consultant');
    await call('13833330003', 'consultant');
    await runJobs();
    await visit('13833330001', 'consultant2');
    await visit('13833330004', 'consultant2');
    // A deal as the commission ledger records it: a customer event of kind `deal` credited to the consultant who closed it.
    await t.db.query(`INSERT INTO customer_event (site_id, customer_id, kind, at, consultant_id, details) VALUES ($1, $2, 'deal', now(), $3, '{"stage":"subscription"}')`, [siteId, a, consultant2]);
    const fu = await t.http().post(`/api/v1/clients/customers/${a}/follow-ups`).set(await as('consultant')).send({ channel: 'phone', content: '回访', grade: 'A', nextStep: '签约' });
    expect(fu.status).toBe(201);
    // GEN-11: a call entered today that happened yesterday
    await call('13833330005', 'consultant2', new Date(Date.now() - DAY).toISOString());
  });
  afterAll(() => t.close());

  describe('CA-14 conversion figures', () => {
    it('per consultant and for the site, by day: calls → visits and visits → deals', async () => {
      const res = await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=day&date=${today}`).set(await as('supervisor'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ period: 'day', from: today, to: today, policyVersion: 1 });
      expect(row(res.body, consultant)).toMatchObject({ displayName: '李顾问', calls: 3, callsThatVisited: 1, callToVisitRate: 0.3333, callRecords: 3, followUps: 1, visits: 0, visitToDealRate: null });
      expect(row(res.body, consultant2)).toMatchObject({ displayName: '张顾问', visits: 2, visitsThatDealt: 1, visitToDealRate: 0.5, deals: 1 });
      expect(res.body.site).toMatchObject({ calls: 3, callsThatVisited: 1, visits: 2, visitsThatDealt: 1, deals: 1, followUps: 1 });
    });

    it('by week and month the same records count once; a consultant sees only their own row', async () => {
      for (const period of ['week', 'month']) {
        const res = await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=${period}&date=${today}`).set(await as('manager'));
        expect(res.body.site).toMatchObject({ visits: 2, visitsThatDealt: 1 });
        expect(res.body.site.calls).toBeGreaterThanOrEqual(3);
      }
      const mine = await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=day&date=${today}`).set(await as('consultant'));
      expect(mine.body.consultants.map((c: { consultantId: string }) => c.consultantId)).toEqual([consultant]);
    });

    it('GEN-11: a record entered on a later day counts on the day it happened, flagged', async () => {
      const res = await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=day&date=${yesterday}`).set(await as('supervisor'));
      expect(row(res.body, consultant2)).toMatchObject({ callRecords: 1, lateEntries: 1 });
    });

    it('another site 404, a receptionist 403, bad periods and dates 400', async () => {
      expect((await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=day&date=${today}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&period=day&date=${today}`).set(await as('receptionist'))).status).toBe(403);
      for (const q of ['period=decade&date=2026-03-01', 'period=year&date=2026-03-01', 'period=day&date=2026-02-30', 'period=day']) {
        const res = await t.http().get(`/api/v1/clients/reports/conversion?siteId=${siteId}&${q}`).set(await as('manager'));
        expect([res.status, isProblem(res)]).toEqual([400, true]);
      }
    });
  });

  describe('CA-19 sales reports and the daily work report', () => {
    it('the supervisor\'s daily, weekly, monthly and yearly sales report', async () => {
      for (const period of ['day', 'week', 'month', 'year']) {
        const res = await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=${period}&date=${today}`).set(await as('supervisor'));
        expect(res.status).toBe(200);
        expect(row(res.body, consultant2)).toMatchObject({ visitRecords: 2, deals: 1 });
      }
      const year = await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=year&date=${today}`).set(await as('manager'));
      expect(year.body.from).toBe(`${today.slice(0, 4)}-01-01`);
      expect((await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=day&date=${today}`).set(await as('consultant'))).status).toBe(403);
      expect((await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=day&date=${today}&format=pdf`).set(await as('manager'))).status).toBe(400);
    });

    it('exports CSV with Chinese headers Excel can read, and XLSX', async () => {
      const csv = await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=day&date=${today}&format=csv`).set(await as('supervisor'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(`sales-demo-sales-day-${today}.csv`);
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      expect(csv.text).toContain('来电转访率 Call-to-visit rate');
      expect(csv.text).toContain('张顾问');
      expect(csv.text).toContain('合计 Site');
      const xlsx = await t.http().get(`/api/v1/clients/reports/sales?siteId=${siteId}&period=week&date=${today}&format=xlsx`).set(await as('supervisor')).buffer(true).parse(readBinary);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      const body = xlsx.body as Buffer;
      await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      const names = wb.worksheets[0].getColumn(1).values.map(String);
      expect(names).toEqual(expect.arrayContaining(['李顾问', '张顾问', '合计 Site']));
    });

    it("a consultant's daily work report lists the follow-ups still due today; it is complete when they are done", async () => {
      const due = await visit('13833330006', 'consultant');
      await t.db.query(`UPDATE customer_event SET at = at - interval '3 days' WHERE customer_id = $1`, [due]);
      await t.db.query(`UPDATE customer SET owner_since = owner_since - interval '3 days', protected_until = protected_until - interval '3 days' WHERE id = $1`, [due]);
      const res = await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}`).set(await as('consultant'));
      expect(res.status).toBe(200);
      const early = await t.http().post('/api/v1/clients/reports/daily-work').set(await as('consultant')).send({ siteId, note: '今日总结' });
      expect([early.status, early.body.code]).toEqual([409, 'FOLLOW_UPS_OUTSTANDING']);
      expect(early.body.outstanding.map((o: { customerId: string }) => o.customerId)).toContain(due);
      expect(res.body.figures).toMatchObject({ consultantId: consultant, callRecords: 3, followUps: 1 });
      expect(res.body.followUpsOutstanding.map((o: { customerId: string }) => o.customerId)).toContain(due);
      expect(res.body.complete).toBe(false);
      // other consultants' reports: a consultant always gets their own, a supervisor names one
      const asked = await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}&consultantId=${consultant2}`).set(await as('consultant'));
      expect(asked.body.figures.consultantId).toBe(consultant);
      const sup = await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}&consultantId=${consultant2}`).set(await as('supervisor'));
      expect(sup.body.figures).toMatchObject({ consultantId: consultant2, visitRecords: 2, deals: 1 });
      for (const o of res.body.followUpsOutstanding) {
        expect((await t.http().post(`/api/v1/clients/customers/${o.customerId}/follow-ups`).set(await as('consultant')).send({ channel: 'phone', content: '回访', grade: 'B', nextStep: '约看房' })).status).toBe(201);
      }
      const after = await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}`).set(await as('consultant'));
      expect(after.body).toMatchObject({ complete: true, followUpsOutstanding: [] });
      // CA-19: filed once, after the follow-ups; two filings at once: one is refused
      const [f1, f2] = await Promise.all([
        t.http().post('/api/v1/clients/reports/daily-work').set(await as('consultant')).send({ siteId, note: '今日总结' }),
        t.http().post('/api/v1/clients/reports/daily-work').set(await as('consultant')).send({ siteId }),
      ]);
      expect([f1.status, f2.status].sort()).toEqual([201, 409]);
      expect((f1.status === 409 ? f1 : f2).body.code).toBe('DAILY_REPORT_FILED');
      expect((f1.status === 201 ? f1 : f2).body).toMatchObject({ date: today, consultantId: consultant, figures: { callRecords: 3 } });
      const filings = await t.http().get(`/api/v1/clients/reports/daily-work/filings?siteId=${siteId}&date=${today}`).set(await as('supervisor'));
      expect(filings.body.map((f: { displayName: string; status: string }) => [f.displayName, f.status])).toEqual(expect.arrayContaining([['李顾问', 'filed'], ['张顾问', 'not_filed']]));
      expect((await t.http().get(`/api/v1/clients/reports/daily-work/filings?siteId=${siteId}&date=${today}`).set(await as('consultant'))).status).toBe(403);
      expect((await t.http().post('/api/v1/clients/reports/daily-work').set(await as('receptionist')).send({ siteId })).status).toBe(403);
      expect((await t.http().post('/api/v1/clients/reports/daily-work').set(await as('service_manager')).send({ siteId })).status).toBe(403);
      expect((await t.http().post('/api/v1/clients/reports/daily-work').set(await as('consultant')).send({ siteId, note: 'x'.repeat(1001) })).status).toBe(400);
      expect((await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}`).set(await as('service_manager'))).status).toBe(404);
      expect((await t.http().get(`/api/v1/clients/reports/daily-work?siteId=${siteId}&date=${today}`).set(await as('cashier'))).status).toBe(403);

      // CA-19 (002 篇七): the supervisor finds the report unfinished — half a day of absence on the consultant's attendance day.
      const filed = (f1.status === 201 ? f1 : f2).body;
      const judgement = `/api/v1/clients/reports/daily-work/filings/${filed.id}/judgement`;
      expect((await t.http().post(judgement).set(await as('consultant2')).send({ siteId, verdict: 'false', reason: 'x' })).status).toBe(403);
      expect((await t.http().post(judgement).set(await as('supervisor')).send({ siteId, verdict: 'lazy', reason: 'x' })).status).toBe(400);
      const [j1, j2] = await Promise.all([
        t.http().post(judgement).set(await as('supervisor')).send({ siteId, verdict: 'unfinished', reason: '跟进记录未写完' }),
        t.http().post(judgement).set(await as('manager')).send({ siteId, verdict: 'false', reason: '汇报与登记不符' }),
      ]);
      expect([j1.status, j2.status].sort()).toEqual([200, 409]);
      const judged = (j1.status === 200 ? j1 : j2).body;
      const incidents = await t.db.query(`SELECT kind, date::text AS date FROM attendance_incident WHERE user_id = $1 AND kind LIKE '%work_report'`, [consultant]);
      expect(incidents).toEqual([{ kind: judged.verdict === 'false' ? 'false_work_report' : 'unfinished_work_report', date: today }]);
    });
  });

  describe('the section-2 policy editor', () => {
    const defaults = async () => (await t.http().get(`/api/v1/clients/policy?siteId=${siteId}`).set(await as('consultant'))).body;

    it('everyone on the site reads the policy in force; version 1 holds the SPEC defaults', async () => {
      const p = await defaults();
      expect(p).toMatchObject({ version: 1, policy: { protectionMonths: 3, followUpEveryDays: 3, missedFollowUpFineFen: 5000, blankFieldFineFen: 1000 } });
      expect((await t.http().get(`/api/v1/clients/policy?siteId=${siteId}`).set(await as('service_manager'))).status).toBe(404);
    });

    it('refuses invalid settings with the fields, wrong roles and other sites; nothing written', async () => {
      const { policy } = await defaults();
      const before = await databaseFingerprint(t.db, ['refresh_token', 'login_attempt', 'audit_event']);
      const put = async (who: string, body: object) => t.http().put('/api/v1/clients/policy').set(await as(who)).send(body);
      const inconsistent = await put('manager', { siteId, baseVersion: 1, policy: { ...policy, suspensionDaysByManager: 1, suspensionDaysBySupervisor: 2 } });
      expect([inconsistent.status, inconsistent.body.errors?.[0]?.field]).toEqual([400, 'policy.suspensionDaysByManager']);
      expect((await put('manager', { siteId, baseVersion: 1, policy: { ...policy, protectionMonths: 0 } })).status).toBe(400);
      expect((await put('manager', { siteId, baseVersion: 1, policy: { ...policy, unknownSetting: 1 } })).status).toBe(400);
      expect((await put('manager', { siteId, baseVersion: 1, policy: { ...policy, followUpEveryDays: '3' } })).status).toBe(400);
      expect((await put('supervisor', { siteId, baseVersion: 1, policy })).status).toBe(403);
      expect((await put('consultant', { siteId, baseVersion: 1, policy })).status).toBe(403);
      expect((await put('service_manager', { siteId, baseVersion: 1, policy })).status).toBe(404);
      expect(await databaseFingerprint(t.db, ['refresh_token', 'login_attempt', 'audit_event'])).toEqual(before);
    });

    it('a new version never rewrites what was decided under the old one; two managers editing one version: one wins', async () => {
      const svc = t.app.get(FollowUpsService);
      const older = await visit('13833330011', 'consultant2');
      const fine = (id: string) => t.db.query(`SELECT amount_fen::int AS amount, policy_version AS v FROM client_follow_up_miss WHERE customer_id = $1 ORDER BY due_at LIMIT 1`, [id]);
      await t.db.transaction((em) => svc.fineMissed(em, new Date(Date.now() + 3 * DAY + 60_000), siteId));
      expect(await fine(older)).toEqual([{ amount: 5000, v: 1 }]);

      const { policy } = await defaults();
      const res = await t.http().put('/api/v1/clients/policy').set(await as('manager')).send({ siteId, baseVersion: 1, policy: { ...policy, followUpEveryDays: 2, missedFollowUpFineFen: 3000 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, createdByName: expect.any(String), policy: { followUpEveryDays: 2, missedFollowUpFineFen: 3000 } });
      const [audit] = await t.db.query(`SELECT before, after FROM audit_event WHERE action = 'client.policy_published'`);
      expect(audit).toEqual({ before: { version: 1, followUpEveryDays: 3, missedFollowUpFineFen: 5000 }, after: { version: 2, followUpEveryDays: 2, missedFollowUpFineFen: 3000 } });

      const newer = await visit('13833330012', 'consultant2');
      await t.db.transaction((em) => svc.fineMissed(em, new Date(Date.now() + 2 * DAY + 60_000), siteId));
      expect(await fine(newer)).toEqual([{ amount: 3000, v: 2 }]);
      expect(await fine(older)).toEqual([{ amount: 5000, v: 1 }]);

      const edit = { siteId, baseVersion: 2, policy: { ...policy, appealDays: 5 } };
      const [a, b] = await Promise.all([t.http().put('/api/v1/clients/policy').set(await as('manager')).send(edit), t.http().put('/api/v1/clients/policy').set(await as('director')).send(edit)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect((a.status === 409 ? a : b).body.code).toBe('POLICY_VERSION_CONFLICT');
      const versions = await t.http().get(`/api/v1/clients/policy/versions?siteId=${siteId}`).set(await as('supervisor'));
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      expect((await t.http().get(`/api/v1/clients/policy/versions?siteId=${siteId}`).set(await as('consultant'))).status).toBe(403);
    });
  });
});
