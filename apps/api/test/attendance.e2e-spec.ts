import pg from 'pg';
import { PRESETS, localDate, weekOf } from '@sitedesk/domain';
import { shiftAroundNow } from './support/attendance.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('attendance policy (ATT-1), blackout days (ATT-3) and rota (ATT-2)', () => {
  let t: TestApp;
  let sales: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
  });
  afterAll(() => t.close());

  it('starts a sales office on the case-site preset, version 1, readable by staff', async () => {
    const res = await t.http().get(`/api/v1/attendance/policy?siteId=${sales}`).set(await as('consultant'));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ version: 1, policy: { preset: 'case-site', lateGraceMinutes: 0 } });
    const presets = await t.http().get('/api/v1/attendance/policy/presets').set(await as('consultant'));
    expect(presets.body.map((p: { name: string }) => p.name)).toEqual(['case-site', 'trampoline-park', 'on-site-ops', 'hotel-sales', 'call-centre']);
  });

  it('a manager publishes a new version from a date on; consultants may not; invalid policies list their fields', async () => {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const policy = { ...PRESETS['trampoline-park'] };
    expect((await t.http().put('/api/v1/attendance/policy').set(await as('consultant')).send({ siteId: sales, effectiveFrom: today, policy })).status).toBe(403);
    const ok = await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId: sales, effectiveFrom: today, policy });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, effectiveFrom: today, policy: { preset: 'trampoline-park', lateGraceMinutes: 5 } });

    const bad = await t.http()
      .put('/api/v1/attendance/policy')
      .set(await as('manager'))
      .send({ siteId: sales, effectiveFrom: today, policy: { ...policy, lateGraceMinutes: 90, absenceThresholdMinutes: 60, leave: { ...policy.leave, notice: { kind: 'tiered' } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['policy.absenceThresholdMinutes', 'policy.leave.notice.shortNoticeDays']));
    const past = await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId: sales, effectiveFrom: '2020-01-01', policy });
    expect(past.status).toBe(400);
    const service = await t.ids.site('demo-service');
    expect((await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId: service, effectiveFrom: today, policy })).status).toBe(404);
  });

  it('the clerk declares blackout days once; they appear in the list', async () => {
    const body = { siteId: sales, date: '2030-05-01', kind: 'holiday', name: '劳动节' };
    const first = await t.http().post('/api/v1/attendance/blackout-days').set(await as('clerk')).send(body);
    expect(first.status).toBe(201);
    const again = await t.http().post('/api/v1/attendance/blackout-days').set(await as('clerk')).send(body);
    expect([again.status, again.body.code]).toEqual([409, 'BLACKOUT_DAY_EXISTS']);
    expect((await t.http().post('/api/v1/attendance/blackout-days').set(await as('consultant')).send({ ...body, date: '2030-05-02' })).status).toBe(403);
    const list = await t.http().get(`/api/v1/attendance/blackout-days?siteId=${sales}&from=2030-04-01&to=2030-05-31`).set(await as('consultant'));
    expect(list.body).toEqual([expect.objectContaining({ date: '2030-05-01', kind: 'holiday' })]);
  });

  it('ATT-2: the rota proposal rests everyone once Monday–Friday; a Saturday rest blocks publication; then it publishes', async () => {
    const week = weekOf('2030-04-10');
    const proposal = await t.http().post('/api/v1/attendance/rota/propose').set(await as('clerk')).send({ siteId: sales, week: week[0], shiftCode: 'day' });
    expect(proposal.status).toBe(200);
    expect(proposal.body.problems).toEqual([]);
    for (const person of proposal.body.people) {
      const rest = person.days.filter((d: { shiftCode: string | null }) => d.shiftCode === null).map((d: { date: string }) => d.date);
      expect(rest).toHaveLength(1);
      expect(week.slice(0, 5)).toContain(rest[0]);
    }
    const consultant = await t.ids.user('consultant');
    await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId: sales, entries: [{ userId: consultant, date: week[5], shiftCode: null }] });
    const refused = await t.http().post('/api/v1/attendance/rota/publish').set(await as('clerk')).send({ siteId: sales, week: week[0] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ROTA_INVALID');
    expect(refused.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ userId: consultant, code: 'REST_ON_WEEKEND', ruleId: 'ATT-2' })]));
    await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId: sales, entries: [{ userId: consultant, date: week[5], shiftCode: 'day' }] });
    const published = await t.http().post('/api/v1/attendance/rota/publish').set(await as('clerk')).send({ siteId: sales, week: week[0] });
    expect([published.status, published.body.published]).toEqual([200, true]);
  });

  it('refuses unknown shifts, people of other sites, and the past', async () => {
    const advisor = await t.ids.user('service_advisor');
    const consultant = await t.ids.user('consultant');
    const res = await t.http()
      .put('/api/v1/attendance/rota')
      .set(await as('clerk'))
      .send({ siteId: sales, entries: [{ userId: advisor, date: '2030-04-10', shiftCode: 'day' }, { userId: consultant, date: '2030-04-10', shiftCode: 'nope' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['entries[0].userId', 'entries[1].shiftCode']);
    // An unpublished past week may still be filled in; a published one is history.
    const unpublished = await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId: sales, entries: [{ userId: consultant, date: '2020-01-06', shiftCode: 'day' }] });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.people.find((p: { userId: string }) => p.userId === consultant).days[0]).toEqual({ date: '2020-01-06', shiftCode: 'day', scheduled: true });
    await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, '2020-01-06', $2)`, [sales, consultant]);
    const past = await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId: sales, entries: [{ userId: consultant, date: '2020-01-07', shiftCode: 'day' }] });
    expect([past.status, past.body.code]).toEqual([409, 'ROTA_DATE_PAST']);
  });
});

describe('clock-in and clock-out (ATT-4) and evaluated days', () => {
  let t: TestApp;
  let siteId: string;
  let date: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
    ({ siteId, date } = await shiftAroundNow(t, ['consultant', 'consultant2', 'receptionist']));
  });
  afterAll(() => t.close());

  it('clocks in at server time; a second clock-in answers the first punch with 200', async () => {
    const before = Date.now();
    const first = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant')).send({ siteId });
    expect(first.status).toBe(201);
    expect(new Date(first.body.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first.body).toMatchObject({ kind: 'in', shiftDate: date, source: 'personal' });
    const second = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant')).send({ siteId });
    expect([second.status, second.body.id]).toEqual([200, first.body.id]);
  });

  it('refuses a client timestamp', async () => {
    const res = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant')).send({ siteId, at: '2026-01-01T00:00:00Z' });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('ten parallel clock-ins make one punch, one audit event and one live event', async () => {
    const h = await as('consultant2');
    // The live events as every API process receives them (pg_notify, delivered on commit).
    const listener = new pg.Client({ connectionString: t.databaseUrl });
    await listener.connect();
    const events: { type: string; siteId: string; data: { userId: string; kind: string; status: string } }[] = [];
    listener.on('notification', (m) => events.push(JSON.parse(m.payload!)));
    await listener.query('LISTEN sitedesk_events');
    const consultant2 = await t.ids.user('consultant2');
    const results = await Promise.all(Array.from({ length: 10 }, () => t.http().post('/api/v1/attendance/clock-in').set(h).send({ siteId })));
    const created = results.find((r) => r.status === 201)!;
    const [audit] = await t.db.query(`SELECT count(*)::int AS n, min(actor_login) AS login, min(after->>'standing') AS standing FROM audit_event WHERE action = 'attendance.clock_in' AND entity_id = $1`, [created.body.id]);
    expect(audit.n).toBe(1);
    expect(audit.login).toBe('consultant2@demo.sitedesk');
    expect(JSON.parse(audit.standing)).toEqual(created.body.standing);
    await new Promise((r) => setTimeout(r, 300));
    await listener.end();
    const mine = events.filter((e) => e.type === 'attendance.punch' && e.data.userId === consultant2);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ siteId, data: { kind: 'in', status: created.body.standing.status } });
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM punch WHERE user_id = $1 AND kind = 'in'`, [await t.ids.user('consultant2')]);
    expect(n).toBe(1);
  });

  it('clocking out without a clock-in is 409 NOT_CLOCKED_IN; with one it closes the shift', async () => {
    const none = await t.http().post('/api/v1/attendance/clock-out').set(await as('receptionist')).send({ siteId });
    expect([none.status, none.body.code]).toEqual([409, 'NOT_CLOCKED_IN']);
    const out = await t.http().post('/api/v1/attendance/clock-out').set(await as('consultant')).send({ siteId });
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({ kind: 'out', shiftDate: date });
  });

  it('someone without a shift now gets 409 NO_SHIFT_NOW', async () => {
    const res = await t.http().post('/api/v1/attendance/clock-in').set(await as('cashier')).send({ siteId });
    expect([res.status, res.body.code]).toEqual([409, 'NO_SHIFT_NOW']);
  });

  it('evaluates the day with the rule ids and the policy version; a clocked-out shift that is still running reads early for now', async () => {
    const mine = await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}`).set(await as('consultant'));
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(1);
    const day = mine.body[0].days[0];
    expect(day).toMatchObject({ date, policyVersion: 2, lateMinutes: 0 });
    expect(['early_leave', 'absent']).toContain(day.status);
    const colleague = await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}`).set(await as('consultant2'));
    expect(colleague.body[0].days[0].status).toBe('at_work');
  });

  it('only overseers read other people; the manager reads the whole site; another site is 404', async () => {
    const c2 = await t.ids.user('consultant2');
    expect((await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}&userId=${c2}`).set(await as('consultant'))).status).toBe(403);
    const all = await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}`).set(await as('manager'));
    expect(all.body.length).toBeGreaterThan(5);
    const service = await t.ids.site('demo-service');
    expect((await t.http().get(`/api/v1/attendance/days?siteId=${service}&from=${date}&to=${date}`).set(await as('manager'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=2026-01-01&to=2026-06-01`).set(await as('manager'))).status).toBe(400);
  });

  it('ATT-9: a manager records an unapproved swap and the day reads absent with ATT-9', async () => {
    const c2 = await t.ids.user('consultant2');
    const res = await t.http().post('/api/v1/attendance/incidents').set(await as('manager')).send({ siteId, userId: c2, date, kind: 'unapproved_swap', note: '私自换班' });
    expect(res.status).toBe(201);
    const day = (await t.http().get(`/api/v1/attendance/days?siteId=${siteId}&from=${date}&to=${date}`).set(await as('consultant2'))).body[0].days[0];
    expect(day).toMatchObject({ status: 'absent', ruleIds: ['ATT-9'] });
  });

  it('ATT-10: a business out is registered before leaving, not afterwards', async () => {
    const from = new Date(Date.now() + 60_000).toISOString();
    const to = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const ok = await t.http().post('/api/v1/attendance/business-outs').set(await as('receptionist')).send({ siteId, from, to, whereabouts: '银行' });
    expect(ok.status).toBe(201);
    const late = await t.http().post('/api/v1/attendance/business-outs').set(await as('receptionist')).send({ siteId, from: '2026-01-01T01:00:00Z', to: '2026-01-01T02:00:00Z', whereabouts: '银行' });
    expect(late.status).toBe(400);
    const forOther = await t.http().post('/api/v1/attendance/business-outs').set(await as('receptionist')).send({ siteId, userId: await t.ids.user('consultant'), from, to, whereabouts: 'x' });
    expect(forOther.status).toBe(403);
  });
});
