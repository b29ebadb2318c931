import { PRESETS, localDate, zonedTime } from '@sitedesk/domain';
import { shiftAroundNow } from './support/attendance.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

const TZ = 'Asia/Shanghai';
const minutesBetween = (a: Date, b: Date) => Math.ceil((b.getTime() - a.getTime()) / 60_000);

describe('ATT-4: the clock-in and clock-out answers say where the person stands', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('on time within the late grace, with the rule id and the deadline; a repeated clock-in answers the same', async () => {
    const shift = await shiftAroundNow(t, ['consultant'], { lateGraceMinutes: 5 });
    siteId = shift.siteId;
    const res = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant')).send({ siteId });
    expect(res.status).toBe(201);
    expect(res.body.standing).toEqual({ status: 'on_time', minutes: 0, reference: shift.start.toISOString(), ruleIds: ['ATT-4'] });
    const again = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant')).send({ siteId });
    expect([again.status, again.body.standing]).toEqual([200, res.body.standing]);
  });

  it('late n minutes past the deadline (counted from the start, not from the end of the grace); the audit keeps it', async () => {
    const shift = await shiftAroundNow(t, ['consultant2'], { lateGraceMinutes: 5 }, { startedMinutesAgo: 20, code: 'early' });
    const res = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId });
    expect(res.status).toBe(201);
    const late = minutesBetween(shift.start, new Date(res.body.at));
    // Near local midnight the test shift cannot start 20 minutes back (it is clamped to 00:00).
    const expected = late > 60 ? 'absent' : late > 5 ? 'late' : 'on_time';
    expect(res.body.standing).toMatchObject({ status: expected, minutes: expected === 'on_time' ? 0 : late, ruleIds: expected === 'absent' ? ['ATT-4', 'ATT-5'] : ['ATT-4'] });
    const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE action = 'attendance.clock_in' AND entity_id = $1`, [res.body.id]);
    expect(audit.after.standing).toMatchObject({ status: expected });
  });

  it('approved leave covering the start moves the deadline to its end (ATT-7)', async () => {
    const shift = await shiftAroundNow(t, ['receptionist'], { lateGraceMinutes: 5 }, { startedMinutesAgo: 30, code: 'late-leave' });
    const receptionist = await t.ids.user('receptionist');
    await t.db.query(
      `INSERT INTO leave_request (site_id, user_id, type, from_at, to_at, reason, status, policy_version) VALUES ($1, $2, 'personal', $3, $4, 'dentist', 'approved', 1)`,
      [siteId, receptionist, new Date(shift.start.getTime() - 60 * 60_000), new Date(Date.now() - 60_000)],
    );
    const res = await t.http().post('/api/v1/attendance/clock-in').set(await as('receptionist')).send({ siteId });
    expect(res.status).toBe(201);
    expect(res.body.standing.status).toBe('on_time');
    expect(new Date(res.body.standing.reference).getTime()).toBeGreaterThan(shift.start.getTime());
  });

  it('clocking out hours before the end: early leave beyond the threshold reads absent (ATT-5)', async () => {
    const versions = (await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(await as('manager'))).body;
    const shift = versions[versions.length - 1].policy.shifts.find((s: { code: string }) => s.code === 'now').segments[0];
    const end = zonedTime(localDate(new Date(), TZ), shift.end, TZ);
    const endOfDay = end.getTime() < Date.now() ? new Date(end.getTime() + 86_400_000) : end;
    const res = await t.http().post('/api/v1/attendance/clock-out').set(await as('consultant')).send({ siteId });
    expect(res.status).toBe(201);
    expect(res.body.standing).toMatchObject({ status: 'absent', minutes: minutesBetween(new Date(res.body.at), endOfDay), ruleIds: ['ATT-4', 'ATT-5'] });
    expect(res.body.standing.reference).toBe(endOfDay.toISOString());
  });

  it('a manual correction answers without a standing (the day is judged by /days)', async () => {
    const res = await t.http()
      .post('/api/v1/attendance/corrections')
      .set(await as('manager'))
      .send({ siteId, userId: await t.ids.user('consultant2'), kind: 'out', at: new Date(Date.now() - 60_000).toISOString(), reason: '打卡机故障' });
    expect(res.status).toBe(201);
    expect(res.body.standing ?? null).toBeNull();
  });
});

describe('ATT-10, ATT-1, ATT-6/ATT-9: lists of business outs, evening meetings and incidents', () => {
  let t: TestApp;
  let sales: string;
  let service: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const inAnHour = () => ({ from: new Date(Date.now() + 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });
  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
    service = await t.ids.site('demo-service');
    const mine = await t.http().post('/api/v1/attendance/business-outs').set(await as('consultant')).send({ siteId: sales, ...inAnHour(), whereabouts: '银行办理按揭' });
    expect(mine.status).toBe(201);
    const other = await t.http().post('/api/v1/attendance/business-outs').set(await as('receptionist')).send({ siteId: sales, ...inAnHour(), whereabouts: '房管局' });
    expect(other.status).toBe(201);
  });
  afterAll(() => t.close());

  it('business outs: staff see their own, overseers the site, with names; filters by person and dates; paged', async () => {
    const today = localDate(new Date(), TZ);
    const own = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}`).set(await as('consultant'));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ total: 1, items: [{ whereabouts: '银行办理按揭', displayName: '李顾问', cancelledAt: null }] });

    const all = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&from=${today}&to=${today}`).set(await as('supervisor'));
    expect(all.body.total).toBe(2);
    const receptionist = await t.ids.user('receptionist');
    const one = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&userId=${receptionist}`).set(await as('clerk'));
    expect(one.body.items.map((o: { whereabouts: string }) => o.whereabouts)).toEqual(['房管局']);
    const paged = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&pageSize=1&page=2`).set(await as('manager'));
    expect([paged.body.total, paged.body.items.length, paged.body.page]).toEqual([2, 1, 2]);
    const later = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&from=2030-01-01&to=2030-01-31`).set(await as('manager'));
    expect(later.body).toMatchObject({ total: 0, items: [] });
  });

  it('business outs: someone else\'s as staff is 403, another site is 404, a partner is 403, bad filters are 400', async () => {
    const receptionist = await t.ids.user('receptionist');
    const forbidden = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&userId=${receptionist}`).set(await as('consultant'));
    expect([forbidden.status, isProblem(forbidden)]).toEqual([403, true]);
    expect((await t.http().get(`/api/v1/attendance/business-outs?siteId=${service}`).set(await as('manager'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}`).set(await as('partner'))).status).toBe(403);
    for (const query of ['from=2026-02-30', 'from=2026-03-10&to=2026-03-01', 'pageSize=500', 'userId=nope', 'page=0']) {
      const res = await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&${query}`).set(await as('manager'));
      expect([query, res.status, isProblem(res)]).toEqual([query, 400, true]);
    }
  });

  it('evening meetings: the supervisor records one; everyone of the site reads them with the recorder; dates filter', async () => {
    const date = localDate(new Date(Date.now() - 86_400_000), TZ);
    const endedAt = zonedTime(date, '19:40', TZ).toISOString();
    expect((await t.http().post('/api/v1/attendance/evening-meetings').set(await as('supervisor')).send({ siteId: sales, date, endedAt })).status).toBe(200);
    const list = await t.http().get(`/api/v1/attendance/evening-meetings?siteId=${sales}&from=${date}&to=${date}`).set(await as('consultant'));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ date, endedAt, recordedBy: await t.ids.user('supervisor') }] });
    expect(list.body.items[0].recordedByName).not.toBe('');
    const before = await t.http().get(`/api/v1/attendance/evening-meetings?siteId=${sales}&to=2020-01-01`).set(await as('consultant'));
    expect(before.body.total).toBe(0);
    expect((await t.http().get(`/api/v1/attendance/evening-meetings?siteId=${service}`).set(await as('supervisor'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/attendance/evening-meetings?siteId=${sales}&from=yesterday`).set(await as('supervisor'))).status).toBe(400);
  });

  it('incidents: the manager records; the person sees their own, colleagues nothing of it, overseers the site', async () => {
    const c2 = await t.ids.user('consultant2');
    const date = localDate(new Date(), TZ);
    expect((await t.http().post('/api/v1/attendance/incidents').set(await as('manager')).send({ siteId: sales, userId: c2, date, kind: 'left_post', note: '午后脱岗两小时' })).status).toBe(201);
    const own = await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}`).set(await as('consultant2'));
    expect(own.body).toMatchObject({ total: 1, items: [{ userId: c2, date, kind: 'left_post', note: '午后脱岗两小时', recordedBy: await t.ids.user('manager') }] });
    const colleague = await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}`).set(await as('consultant'));
    expect(colleague.body.total).toBe(0);
    expect((await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}&userId=${c2}`).set(await as('consultant'))).status).toBe(403);
    const site = await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}&userId=${c2}&from=${date}&to=${date}`).set(await as('clerk'));
    expect(site.body.items).toHaveLength(1);
    expect((await t.http().get(`/api/v1/attendance/incidents?siteId=${service}`).set(await as('manager'))).status).toBe(404);
  });

  it('ATT-10: a business out that has not begun is cancelled by its person or a manager; nobody else sees it to cancel', async () => {
    const own = (await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}`).set(await as('consultant'))).body.items[0];
    const theirs = (await t.http().get(`/api/v1/attendance/business-outs?siteId=${sales}&userId=${await t.ids.user('receptionist')}`).set(await as('manager'))).body.items[0];
    expect((await t.http().post(`/api/v1/attendance/business-outs/${theirs.id}/cancel`).set(await as('consultant'))).status).toBe(404);
    expect((await t.http().post(`/api/v1/attendance/business-outs/${own.id}/cancel`).set(await as('service_manager'))).status).toBe(404);
    const cancelled = await t.http().post(`/api/v1/attendance/business-outs/${own.id}/cancel`).set(await as('consultant'));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).not.toBeNull();
    const twice = await t.http().post(`/api/v1/attendance/business-outs/${own.id}/cancel`).set(await as('consultant'));
    expect([twice.status, twice.body.code]).toEqual([409, 'BUSINESS_OUT_STARTED']);
    expect((await t.http().post(`/api/v1/attendance/business-outs/${theirs.id}/cancel`).set(await as('manager'))).status).toBe(200);
    const [begun] = await t.db.query(
      `INSERT INTO business_out (site_id, user_id, from_at, to_at, whereabouts) VALUES ($1, $2, now() - interval '1 hour', now() + interval '1 hour', '工地') RETURNING id`,
      [sales, await t.ids.user('consultant')],
    );
    const started = await t.http().post(`/api/v1/attendance/business-outs/${begun.id}/cancel`).set(await as('consultant'));
    expect([started.status, started.body.code]).toEqual([409, 'BUSINESS_OUT_STARTED']);
    // A malformed id names nothing: 404, as the platform's IdPipe answers everywhere.
    expect((await t.http().post('/api/v1/attendance/business-outs/not-a-uuid/cancel').set(await as('consultant'))).status).toBe(404);
  });

  it('ATT-6: a manager voids an incident with a reason (audited); staff may not; another site cannot see it', async () => {
    const c2 = await t.ids.user('consultant2');
    const incident = (await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}&userId=${c2}`).set(await as('manager'))).body.items[0];
    expect((await t.http().post(`/api/v1/attendance/incidents/${incident.id}/void`).set(await as('consultant')).send({ reason: 'x' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/attendance/incidents/${incident.id}/void`).set(await as('service_manager')).send({ reason: 'x' })).status).toBe(404);
    expect((await t.http().post(`/api/v1/attendance/incidents/${incident.id}/void`).set(await as('manager')).send({})).status).toBe(400);
    const voided = await t.http().post(`/api/v1/attendance/incidents/${incident.id}/void`).set(await as('manager')).send({ reason: '记错了人' });
    expect(voided.status).toBe(200);
    const again = await t.http().post(`/api/v1/attendance/incidents/${incident.id}/void`).set(await as('director')).send({ reason: '记错了人' });
    expect([again.status, again.body.code]).toEqual([409, 'INCIDENT_VOIDED']);
    expect((await t.http().get(`/api/v1/attendance/incidents?siteId=${sales}&userId=${c2}`).set(await as('manager'))).body.total).toBe(0);
    const [audit] = await t.db.query(`SELECT reason FROM audit_event WHERE action = 'attendance.incident_voided' AND entity_id = $1`, [incident.id]);
    expect(audit.reason).toBe('记错了人');
  });

  it('swaps: status=pending lists those waiting for the colleague or the approver', async () => {
    const consultant = await t.ids.user('consultant');
    const c2 = await t.ids.user('consultant2');
    await t.db.query(
      `INSERT INTO swap_request (site_id, requester_id, colleague_id, requester_date, colleague_date, reason, status) VALUES ($1, $2, $3, '2030-04-10', '2030-04-11', 'a', 'awaiting_colleague'), ($1, $2, $3, '2030-04-17', '2030-04-18', 'b', 'awaiting_manager'), ($1, $2, $3, '2030-04-24', '2030-04-25', 'c', 'rejected')`,
      [sales, consultant, c2],
    );
    const pending = await t.http().get(`/api/v1/attendance/swap-requests?siteId=${sales}&status=pending`).set(await as('manager'));
    expect(pending.body.items.map((s: { reason: string }) => s.reason).sort()).toEqual(['a', 'b']);
  });
});

describe('ATT-8: the sick report shows its certificate deadline and, once overdue, the conversion', () => {
  let t: TestApp;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reads as the policy\'s conversion type after the deadline, with the deadline', async () => {
    const siteId = await t.ids.site('demo-sales');
    const cashier = await t.ids.user('cashier');
    await t.db.query(
      `INSERT INTO leave_request (site_id, user_id, type, from_at, to_at, reason, status, policy_version, first_day_back) VALUES ($1, $2, 'sick', $3, $4, '发烧', 'approved', 1, '2026-03-04'), ($1, $2, 'sick', $5, $6, '牙痛', 'approved', 1, '2030-03-05')`,
      [siteId, cashier, zonedTime('2026-03-03', '00:00', TZ), zonedTime('2026-03-04', '00:00', TZ), zonedTime('2030-03-04', '00:00', TZ), zonedTime('2030-03-05', '00:00', TZ)],
    );
    const list = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('cashier'))).body.items as Record<string, unknown>[];
    const past = list.find((l) => l.reason === '发烧');
    const future = list.find((l) => l.reason === '牙痛');
    expect(past).toMatchObject({ certificate: 'converted', readsAs: PRESETS['case-site'].sick.convertTo, certificateDueAt: zonedTime('2026-03-05', '00:00', TZ).toISOString() });
    expect(future).toMatchObject({ certificate: 'certificate_due', readsAs: 'sick', certificateDueAt: zonedTime('2030-03-06', '00:00', TZ).toISOString() });
  });

  it('the person hands the certificate in; the clerk confirms it in /approvals, as of when it was handed in (GEN-6)', async () => {
    const siteId = await t.ids.site('demo-sales');
    const mine = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('cashier'))).body.items as { id: string; reason: string }[];
    const due = mine.find((l) => l.reason === '牙痛')!.id;
    const overdue = mine.find((l) => l.reason === '发烧')!.id;

    expect((await t.http().post(`/api/v1/attendance/leave-requests/${due}/certificate/submit`).set(await as('consultant')).send({})).status).toBe(404);
    const late = await t.http().post(`/api/v1/attendance/leave-requests/${overdue}/certificate/submit`).set(await as('cashier')).send({});
    expect([late.status, late.body.code]).toEqual([409, 'CERTIFICATE_OVERDUE']);
    const bad = await t.http().post(`/api/v1/attendance/leave-requests/${due}/certificate/submit`).set(await as('cashier')).send({ note: 'x'.repeat(201) });
    expect(bad.status).toBe(400);

    const handed = await t.http().post(`/api/v1/attendance/leave-requests/${due}/certificate/submit`).set(await as('cashier')).send({ note: '市一院 No.123' });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ certificate: 'certificate_submitted', certificateAt: null, readsAs: 'sick' });
    const twice = await t.http().post(`/api/v1/attendance/leave-requests/${due}/certificate/submit`).set(await as('cashier')).send({});
    expect([twice.status, twice.body.code]).toEqual([409, 'CERTIFICATE_SUBMITTED']);

    const waiting = (await t.http().get(`/api/v1/approvals?siteId=${siteId}&type=attendance.certificate`).set(await as('clerk'))).body.items;
    expect(waiting).toEqual([expect.objectContaining({ subjectId: due, approverRole: 'clerk', payload: expect.objectContaining({ note: '市一院 No.123' }) })]);
    // A colleague of the same rank cannot decide it; the clerk refuses it once, the person hands it in again, the clerk accepts.
    expect((await t.http().post(`/api/v1/approvals/${waiting[0].id}/decision`).set(await as('consultant')).send({ decision: 'approved' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/approvals/${waiting[0].id}/decision`).set(await as('clerk')).send({ decision: 'rejected', comment: '不清晰' })).status).toBe(200);
    const refused = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('cashier'))).body.items.find((l: { id: string }) => l.id === due);
    expect(refused).toMatchObject({ certificate: 'certificate_due', certificateSubmittedAt: null });

    const again = await t.http().post(`/api/v1/attendance/leave-requests/${due}/certificate/submit`).set(await as('cashier')).send({ note: '重新拍照' });
    const second = (await t.http().get(`/api/v1/approvals?siteId=${siteId}&type=attendance.certificate`).set(await as('clerk'))).body.items[0];
    expect((await t.http().post(`/api/v1/approvals/${second.id}/decision`).set(await as('clerk')).send({ decision: 'approved' })).status).toBe(200);
    const accepted = (await t.http().get(`/api/v1/attendance/leave-requests?siteId=${siteId}`).set(await as('cashier'))).body.items.find((l: { id: string }) => l.id === due);
    expect(accepted).toMatchObject({ certificate: 'certified', certificateAt: again.body.certificateSubmittedAt, readsAs: 'sick' });
    const actions = (await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [due])).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['attendance.certificate_submitted', 'attendance.certificate_refused', 'attendance.certificate_submitted', 'attendance.certificate_received']);
  });
});

describe('ATT-12: wages kept by the manager make the deductions amounts; a submitted month keeps its figures', () => {
  let t: TestApp;
  let sales: string;
  let consultant: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const month = '2026-02';
  const report = async () => (await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${sales}&month=${month}`).set(await as('manager'))).body;
  const row = async () => (await report()).rows.find((r: { userId: string }) => r.userId === consultant);
  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
    consultant = await t.ids.user('consultant');
    // February 2026 judged by the on-site preset (a version from January on, as if published then):
    // the consultant works Monday–Friday of one week, present three days, absent two.
    await t.http().get(`/api/v1/attendance/policy?siteId=${sales}`).set(await as('manager'));
    await t.db.query(`INSERT INTO attendance_policy (site_id, version, effective_from, policy) VALUES ($1, 2, '2026-01-01', $2)`, [sales, JSON.stringify(PRESETS['on-site-ops'])]);
    const shift = PRESETS['on-site-ops'].shifts[0];
    const days = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06'];
    for (const date of days) {
      await t.db.query(`INSERT INTO schedule_entry (site_id, user_id, date, shift_code, updated_by) VALUES ($1, $2, $3, $4, $2)`, [sales, consultant, date, shift.code]);
    }
    await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, '2026-02-02', $2)`, [sales, consultant]);
    for (const date of days.slice(0, 3)) {
      for (const [i, s] of shift.segments.entries()) {
        await t.db.query(`INSERT INTO punch (site_id, user_id, kind, at, shift_date, segment, source) VALUES ($1, $2, 'in', $3, $4, $5, 'personal'), ($1, $2, 'out', $6, $4, $5, 'personal')`, [
          sales,
          consultant,
          zonedTime(date, s.start, TZ),
          date,
          i,
          zonedTime(date, s.end, TZ),
        ]);
      }
    }
  });
  afterAll(() => t.close());

  it('without a wage the deduction is null (needs wage)', async () => {
    expect(await row()).toMatchObject({ presentDays: 3, absenceDays: 2, deductionFen: null });
  });

  it('only managers read and set wages; nobody their own; another site is 404; bad values are 400 and write nothing', async () => {
    expect((await t.http().get(`/api/v1/attendance/wages?siteId=${sales}`).set(await as('clerk'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/attendance/wages?siteId=${await t.ids.site('demo-service')}`).set(await as('manager'))).status).toBe(404);
    expect((await t.http().put('/api/v1/attendance/wages').set(await as('clerk')).send({ siteId: sales, userId: consultant, monthlyFen: 600000 })).status).toBe(403);
    const before = await databaseFingerprint(t.db);
    const own = await t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: await t.ids.user('manager'), monthlyFen: 600000 });
    expect([own.status, own.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
    const foreign = await t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: await t.ids.user('service_advisor'), monthlyFen: 600000 });
    expect(foreign.status).toBe(404);
    for (const bad of [{}, { monthlyFen: null, dailyFen: null }, { monthlyFen: 0 }, { monthlyFen: -5 }, { dailyFen: 12.5 }, { monthlyFen: '600000' }, { monthlyFen: 1e15 }]) {
      const res = await t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: consultant, ...bad });
      expect([JSON.stringify(bad), res.status, isProblem(res)]).toEqual([JSON.stringify(bad), 400, true]);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('the manager sets the monthly wage (audited); the draft shows wage ÷ days worked × absent days', async () => {
    const set = await t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: consultant, monthlyFen: 600000 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ userId: consultant, displayName: '李顾问', monthlyFen: 600000, dailyFen: null });
    const list = (await t.http().get(`/api/v1/attendance/wages?siteId=${sales}`).set(await as('manager'))).body;
    expect(list.find((w: { userId: string }) => w.userId === consultant)).toMatchObject({ monthlyFen: 600000, dailyFen: null });
    expect(list.find((w: { userId: string }) => w.userId !== consultant)).toMatchObject({ monthlyFen: null, updatedAt: null });
    // ATT-12 on-site: 6,000 yuan ÷ 3 days worked × 2 days of absence.
    expect((await row()).deductionFen).toBe(400000);

    const again = await t.http().put('/api/v1/attendance/wages').set(await as('director')).send({ siteId: sales, userId: consultant, monthlyFen: 450000, dailyFen: 20000 });
    expect(again.status).toBe(200);
    const audits = await t.db.query(`SELECT before, after FROM audit_event WHERE action = 'attendance.wage_set' ORDER BY id`);
    expect(audits.map((a: { before: unknown; after: unknown }) => [a.before, a.after])).toEqual([
      [null, { userId: consultant, monthlyFen: 600000, dailyFen: null }],
      [{ userId: consultant, monthlyFen: 600000, dailyFen: null }, { userId: consultant, monthlyFen: 450000, dailyFen: 20000 }],
    ]);
    expect((await row()).deductionFen).toBe(300000);
  });

  it('a submitted month keeps the deduction it was submitted with; a revision takes the new wage', async () => {
    expect((await t.http().post('/api/v1/attendance/reports/monthly/submit').set(await as('clerk')).send({ siteId: sales, month })).status).toBe(200);
    await t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: consultant, monthlyFen: 900000 });
    expect((await row()).deductionFen).toBe(300000);
    const revised = await t.http().post('/api/v1/attendance/reports/monthly/revise').set(await as('manager')).send({ siteId: sales, month, reason: '工资调整' });
    expect(revised.status).toBe(200);
    expect(revised.body.rows.find((r: { userId: string }) => r.userId === consultant).deductionFen).toBe(600000);
  });

  it('parallel first wages for one person make one row', async () => {
    const receptionist = await t.ids.user('receptionist');
    const results = await Promise.all([300000, 310000, 320000, 330000].map(async (monthlyFen) => t.http().put('/api/v1/attendance/wages').set(await as('manager')).send({ siteId: sales, userId: receptionist, monthlyFen })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const rows = await t.db.query(`SELECT monthly_fen FROM attendance_wage WHERE user_id = $1`, [receptionist]);
    expect(rows).toHaveLength(1);
  });
});
