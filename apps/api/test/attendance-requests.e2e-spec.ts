import { PRESETS, localDate, weekOf, zonedTime } from '@sitedesk/domain';
import { AttendanceDataService } from '../src/modules/attendance/attendance-data.service.js';
import { AccessPolicy } from '../src/platform/access/access.policy.js';
import { shiftAroundNow } from './support/attendance.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TZ = 'Asia/Shanghai';
const day = (date: string) => ({ from: zonedTime(date, '00:00', TZ).toISOString(), to: zonedTime(date, '23:59', TZ).toISOString() });

describe('ATT-7/ATT-8 leave and sick reports through approvals (GEN-6)', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const pendingFor = async (who: string) => (await t.http().get(`/api/v1/approvals?siteId=${siteId}`).set(await as(who))).body.items;
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
  });
  afterAll(() => t.close());

  it('a consultant asks for leave; another consultant cannot approve it (403); the manager approves', async () => {
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('consultant')).send({ siteId, type: 'annual', ...day('2030-04-10'), reason: '探亲' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', type: 'annual', emergency: false });
    const approval = (await pendingFor('manager')).find((a: { subjectId: string }) => a.subjectId === res.body.id);
    expect(approval).toMatchObject({ type: 'attendance.leave', approverRole: 'manager' });
    const byColleague = await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('consultant2')).send({ decision: 'approved' });
    expect([byColleague.status, byColleague.body.code]).toEqual([403, 'APPROVER_ROLE_REQUIRED']);
    expect((await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('manager')).send({ decision: 'approved' })).status).toBe(200);
    const mine = await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('consultant'));
    expect(mine.body.items[0]).toMatchObject({ id: res.body.id, status: 'approved' });
  });

  it('refuses overlapping leave (409), also when two arrive at once', async () => {
    const body = { siteId, type: 'personal', ...day('2030-04-17'), reason: 'x' };
    const results = await Promise.all([1, 2, 3].map(async () => t.http().post('/api/v1/attendance/leave-requests').set(await as('consultant2')).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('LEAVE_OVERLAP');
  });

  it('ATT-3: refuses leave on a blackout day', async () => {
    await t.http().post('/api/v1/attendance/blackout-days').set(await as('clerk')).send({ siteId, date: '2030-05-01', kind: 'opening', name: '开盘日' });
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('consultant')).send({ siteId, type: 'personal', ...day('2030-05-01'), reason: 'x' });
    expect([res.status, res.body.code]).toEqual([422, 'LEAVE_ON_BLACKOUT_DAY']);
  });

  it('ATT-7: refuses leave asked with too little notice, and after the fact', async () => {
    const today = localDate(new Date(), TZ);
    const policy = { ...PRESETS['case-site'], leave: { ...PRESETS['case-site'].leave, notice: { kind: 'hours_ahead', hours: 96 } } };
    expect((await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy })).status).toBe(200);
    const tomorrow = localDate(new Date(Date.now() + 86_400_000), TZ);
    const short = await t.http().post('/api/v1/attendance/leave-requests').set(await as('receptionist')).send({ siteId, type: 'personal', ...day(tomorrow), reason: 'x' });
    expect([short.status, short.body.code]).toEqual([422, 'LEAVE_NOTICE_TOO_SHORT']);
    const past = await t.http().post('/api/v1/attendance/leave-requests').set(await as('receptionist')).send({ siteId, type: 'personal', ...day('2026-01-05'), reason: 'x' });
    expect([past.status, past.body.code]).toEqual([422, 'LEAVE_AFTER_THE_FACT']);
  });

  it('ATT-8: sick leave is approved, its certificate is due on the first working day back and recorded by the clerk', async () => {
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('cashier')).send({ siteId, type: 'sick', ...day('2030-06-03'), reason: '发烧' });
    expect(res.status).toBe(201);
    const approval = (await pendingFor('manager')).find((a: { subjectId: string }) => a.subjectId === res.body.id);
    await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('manager')).send({ decision: 'approved' });
    const [job] = await t.db.query(`SELECT name, run_at FROM job WHERE dedupe_key = $1`, [`sick-due:${res.body.id}`]);
    expect(job.name).toBe('attendance.sick_certificate_due');
    expect(new Date(job.run_at).toISOString()).toBe(zonedTime('2030-06-05', '00:00', TZ).toISOString());
    const own = await t.http().post(`/api/v1/attendance/leave-requests/${res.body.id}/certificate`).set(await as('cashier')).send({});
    expect(own.status).toBe(403);
    const cert = await t.http().post(`/api/v1/attendance/leave-requests/${res.body.id}/certificate`).set(await as('clerk')).send({ note: '诊断证明' });
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({ firstDayBack: '2030-06-04', certificate: 'certified' });
  });

  it('ATT-8: without the certificate the sick days read as the policy\'s conversion type once it is due (GEN-8)', async () => {
    const today = localDate(new Date(), TZ);
    const versions = (await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(await as('manager'))).body;
    const policy = versions[versions.length - 1].policy;
    await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: { ...policy, sick: { ...policy.sick, convertTo: 'annual' } } });
    const receptionist = await t.ids.user('receptionist');
    await t.db.query(`INSERT INTO schedule_entry (site_id, user_id, date, shift_code, updated_by) VALUES ($1, $2, '2030-09-03', 'day', $2)`, [siteId, receptionist]);
    await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, '2030-09-02', $2) ON CONFLICT DO NOTHING`, [siteId, receptionist]);
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('receptionist')).send({ siteId, type: 'sick', ...day('2030-09-03'), reason: '感冒' });
    const approval = (await pendingFor('manager')).find((a: { subjectId: string }) => a.subjectId === res.body.id);
    await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('manager')).send({ decision: 'approved' });
    const site = (await t.app.get(AccessPolicy).site(siteId))!;
    const data = t.app.get(AttendanceDataService);
    const read = async (now: string) => (await data.evaluate(site, [receptionist], '2030-09-03', '2030-09-03', new Date(now))).get(receptionist)![0].leaveType;
    expect(await read('2030-09-04T12:00:00+08:00')).toBe('sick');
    expect(await read('2030-09-05T00:00:00+08:00')).toBe('annual');
  });

  it('cancels pending leave and withdraws its approval', async () => {
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('supervisor')).send({ siteId, type: 'annual', ...day('2030-07-01'), reason: 'x' });
    const cancelled = await t.http().post(`/api/v1/attendance/leave-requests/${res.body.id}/cancel`).set(await as('supervisor'));
    expect(cancelled.body.status).toBe('cancelled');
    expect((await pendingFor('manager')).some((a: { subjectId: string }) => a.subjectId === res.body.id)).toBe(false);
    expect((await t.http().post(`/api/v1/attendance/leave-requests/${res.body.id}/cancel`).set(await as('consultant'))).status).toBe(404);
  });
});

describe('ATT-7 trampoline: the supervisor, then the store manager', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    const today = localDate(new Date(), TZ);
    await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: PRESETS['trampoline-park'] });
  });
  afterAll(() => t.close());

  it("stays pending after the supervisor, with the manager's approval missing; approved after both", async () => {
    const res = await t.http().post('/api/v1/attendance/leave-requests').set(await as('consultant')).send({ siteId, type: 'personal', ...day('2030-04-10'), reason: 'x' });
    expect(res.body.approvalSteps).toEqual(['manager']);
    const first = (await t.http().get(`/api/v1/approvals?siteId=${siteId}`).set(await as('supervisor'))).body.items[0];
    expect(first.approverRole).toBe('supervisor');
    await t.http().post(`/api/v1/approvals/${first.id}/decision`).set(await as('supervisor')).send({ decision: 'approved' });
    let leave = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('consultant'))).body.items[0];
    expect(leave.status).toBe('pending');
    const second = (await t.http().get(`/api/v1/approvals?siteId=${siteId}`).set(await as('manager'))).body.items.find((a: { subjectId: string }) => a.subjectId === res.body.id);
    expect(second.approverRole).toBe('manager');
    await t.http().post(`/api/v1/approvals/${second.id}/decision`).set(await as('manager')).send({ decision: 'approved' });
    leave = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('consultant'))).body.items[0];
    expect(leave.status).toBe('approved');
  });
});

describe('ATT-9 swaps and ATT-15 corrections', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
  });
  afterAll(() => t.close());

  it('the colleague accepts, the manager approves, and the rota shows the two days exchanged', async () => {
    const week = weekOf('2030-04-10');
    await t.http().post('/api/v1/attendance/rota/propose').set(await as('clerk')).send({ siteId, week: week[0], shiftCode: 'day' });
    const [c1, c2] = [await t.ids.user('consultant'), await t.ids.user('consultant2')];
    // The two rest on different days: the consultant on Monday, the colleague on Tuesday.
    const entries = week.slice(0, 6).flatMap((date, i) => [
      { userId: c1, date, shiftCode: i === 0 ? null : 'day' },
      { userId: c2, date, shiftCode: i === 1 ? null : 'day' },
    ]);
    await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId, entries });
    const rota = (await t.http().post('/api/v1/attendance/rota/publish').set(await as('clerk')).send({ siteId, week: week[0] })).body;
    const rest = (u: string, r = rota) => r.people.find((x: { userId: string }) => x.userId === u).days.find((d: { shiftCode: string | null }) => d.shiftCode === null).date;
    const [c1Rest, c2Rest] = [rest(c1), rest(c2)];
    expect([c1Rest, c2Rest]).toEqual([week[0], week[1]]);

    const swap = await t.http().post('/api/v1/attendance/swap-requests').set(await as('consultant')).send({ siteId, colleagueId: c2, requesterDate: c2Rest, colleagueDate: c1Rest, reason: '换休' });
    expect(swap.status).toBe(201);
    expect((await t.http().post(`/api/v1/attendance/swap-requests/${swap.body.id}/accept`).set(await as('consultant'))).status).toBe(404);
    const accepted = await t.http().post(`/api/v1/attendance/swap-requests/${swap.body.id}/accept`).set(await as('consultant2'));
    expect(accepted.body.status).toBe('awaiting_manager');
    const approval = (await t.http().get(`/api/v1/approvals?siteId=${siteId}`).set(await as('manager'))).body.items.find((a: { subjectId: string }) => a.subjectId === swap.body.id);
    const byConsultant = await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('consultant2')).send({ decision: 'approved' });
    expect(byConsultant.status).toBe(403);
    expect((await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('manager')).send({ decision: 'approved' })).status).toBe(200);
    const after = (await t.http().get(`/api/v1/attendance/rota?siteId=${siteId}&week=${week[0]}`).set(await as('consultant'))).body;
    expect(rest(c1, after)).toBe(c2Rest);
    expect(rest(c2, after)).toBe(c1Rest);
  });

  it('refuses a swap with oneself or on a day the colleague does not work', async () => {
    const c1 = await t.ids.user('consultant');
    const self = await t.http().post('/api/v1/attendance/swap-requests').set(await as('consultant')).send({ siteId, colleagueId: c1, requesterDate: '2030-04-09', colleagueDate: '2030-04-11', reason: 'x' });
    expect(self.status).toBe(422);
    const noRota = await t.http().post('/api/v1/attendance/swap-requests').set(await as('consultant')).send({ siteId, colleagueId: await t.ids.user('consultant2'), requesterDate: '2031-01-07', colleagueDate: '2031-01-08', reason: 'x' });
    expect([noRota.status, noRota.body.code]).toEqual([422, 'SWAP_NOT_WORKING']);
  });

  it('ATT-15: a missed punch, approved by the manager, enters a corrected clock-in; a manager never corrects their own', async () => {
    const { date } = await shiftAroundNow(t, ['receptionist', 'manager']);
    const at = new Date(Date.now() - 30_000).toISOString();
    const asked = await t.http().post('/api/v1/attendance/missed-punches').set(await as('receptionist')).send({ siteId, kind: 'in', at, reason: '打卡机故障' });
    expect(asked.status).toBe(201);
    expect((await t.http().post(`/api/v1/approvals/${asked.body.approvalId}/decision`).set(await as('manager')).send({ decision: 'approved' })).status).toBe(200);
    const d = (await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}`).set(await as('receptionist'))).body[0].days[0];
    expect(d).toMatchObject({ corrected: true, status: 'at_work' });

    const own = await t.http().post('/api/v1/attendance/corrections').set(await as('manager')).send({ siteId, userId: await t.ids.user('manager'), kind: 'in', at, reason: 'x' });
    expect([own.status, own.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
    const ownRequest = await t.http().post('/api/v1/attendance/missed-punches').set(await as('manager')).send({ siteId, kind: 'in', at, reason: 'x' });
    expect(ownRequest.body.approverRole).toBe('director');
  });
});
