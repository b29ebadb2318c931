import { randomUUID } from 'node:crypto';
import { localDate } from '@sitedesk/domain';
import { EventsService, type SiteEvent } from '../src/platform/events/events.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { makeUnit, makeUsers } from './support/reservation.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

/** Move-in appointments (RES-7), the four steps of the visit (RES-8) and their capacities (RES-10) on the demo sales office. */
describe('reservation: move-in appointments (RES-7, RES-8, RES-10)', () => {
  let t: TestApp;
  let siteId: string;
  let unitSeq = 0;
  const LEADERS = Array.from({ length: 4 }, (_, i) => `mi-leader-${i}`);
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const runJobs = async () => {
    while ((await t.app.get(JobsService).runDue()) > 0);
  };
  const dayAhead = (days: number) => localDate(new Date(Date.now() + days * 86_400_000), 'Asia/Shanghai');
  const unit = () => makeUnit(t, siteId, `MI-${Date.now() % 100000}-${++unitSeq}`);
  const send = async (who: string, date: string, entries: object[]) => t.http().post('/api/v1/move-in/schedule').set(await as(who)).send({ siteId, date, entries });
  const checkIn = async (who: string, parties: object[], via = 'desk') => t.http().post('/api/v1/move-in/check-in').set(await as(who)).send({ siteId, via, parties });
  const step = async (who: string, id: string, s: string, holderId?: string) => t.http().post(`/api/v1/move-in/appointments/${id}/steps`).set(await as(who)).send(holderId ? { step: s, holderId } : { step: s });
  const get = async (id: string) => (await t.http().get(`/api/v1/move-in/appointments/${id}`).set(await as('receptionist'))).body;
  /** Moves an appointment's slot so that now is `minutes` after its start (the fixture travels in time, not the code). */
  const startedAgo = (id: string, minutes: number) =>
    t.db.query(`UPDATE move_in_appointment SET starts_at = now() - $2 * interval '1 minute', ends_at = now() - ($2 - 60) * interval '1 minute' WHERE id = $1`, [id, minutes]);
  /** A fresh schedule line for tomorrow at `time`, returning its id. */
  async function scheduled(ownerName: string, time = '09:30', leader = 'supervisor') {
    const unitId = await unit();
    const noticeNo = `RZ-${randomUUID().slice(0, 8)}`;
    const res = await send('clerk', dayAhead(1), [{ time, unitId, ownerName, noticeNo, leaderId: await t.ids.user(leader) }]);
    expect(res.body.errors).toEqual([]);
    return { id: res.body.ids[0] as string, unitId, noticeNo };
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    await makeUsers(t, siteId, 'supervisor', LEADERS);
    await makeUsers(t, siteId, 'receptionist', ['receptionist2']);
    for (const who of ['clerk', 'manager', 'supervisor', 'consultant', 'cashier', 'cs_agent', 'receptionist', 'receptionist2', 'service_advisor', 'service_manager', ...LEADERS]) await t.token(who);
  });
  afterAll(() => t.close());

  it("RES-7: sales sends tomorrow's schedule; each refused line is reported and the good ones kept; never for today", async () => {
    const [u1, u2, u3] = [await unit(), await unit(), await unit()];
    const sup = await t.ids.user('supervisor');
    const date = dayAhead(1);
    const res = await send('clerk', date, [
      { time: '08:30', unitId: u1, ownerName: '张三', noticeNo: 'RZ-A1', leaderId: sup },
      { time: '08:30', unitId: u2, ownerName: '李四', noticeNo: 'RZ-A2', leaderId: sup },
      // The same leader's third owner in one slot: the policy allows two (RES-10).
      { time: '08:30', unitId: u3, ownerName: '王五', noticeNo: 'RZ-A3', leaderId: sup },
      { time: '08:45', unitId: u3, ownerName: '王五', noticeNo: 'RZ-A4', leaderId: sup },
      { time: '09:30', unitId: randomUUID(), ownerName: '赵六', noticeNo: 'RZ-A5', leaderId: sup },
      { time: '09:30', unitId: u3, ownerName: '王五', noticeNo: 'RZ-A6', leaderId: await t.ids.user('technician') },
      { time: '09:30', unitId: u3, ownerName: '王五', noticeNo: 'rz-a1', leaderId: sup },
      { time: '09:30', unitId: u1, ownerName: '张三', noticeNo: 'RZ-A7', leaderId: sup },
      { time: '09:30', unitId: u3, ownerName: '王五', noticeNo: 'RZ-A3', leaderId: sup },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    expect(res.body.errors.map((e: { index: number; code: string }) => `${e.index}:${e.code}`)).toEqual(['2:LEADER_FULL', '3:SLOT_INVALID', '4:UNIT_UNKNOWN', '5:LEADER_UNKNOWN', '6:NOTICE_EXISTS', '7:UNIT_SCHEDULED']);
    const board = await t.http().get(`/api/v1/move-in/board?siteId=${siteId}&date=${date}`).set(await as('receptionist'));
    expect(board.status).toBe(200);
    const early = board.body.slots.find((s: { time: string }) => s.time === '08:30');
    expect(early).toMatchObject({ capacity: 6, booked: 2, leaders: [expect.objectContaining({ leaderName: expect.any(String), capacity: 2, booked: 2 })] });
    expect(board.body.appointments.filter((a: { status: string }) => a.status === 'scheduled').map((a: { noticeNo: string }) => a.noticeNo)).toEqual(expect.arrayContaining(['RZ-A1', 'RZ-A2', 'RZ-A3']));

    const before = await databaseFingerprint(t.db);
    const today = await send('clerk', dayAhead(0), [{ time: '10:30', unitId: await t.db.query(`SELECT id FROM unit WHERE site_id = $1 LIMIT 1`, [siteId]).then((r) => r[0].id), ownerName: '张三', noticeNo: 'RZ-T1', leaderId: sup }]);
    expect(today.status).toBe(422);
    expect(today.body.code).toBe('SCHEDULE_TOO_LATE');
    expect((await send('consultant', date, [{ time: '10:30', unitId: u1, ownerName: '张三', noticeNo: 'RZ-C1', leaderId: sup }])).status).toBe(403);
    expect((await t.http().post('/api/v1/move-in/schedule').set(await as('service_manager')).send({ siteId, date, entries: [{ time: '10:30', unitId: u1, ownerName: '张三', noticeNo: 'RZ-C1', leaderId: sup }] })).status).toBe(404);
    expect((await t.http().get(`/api/v1/move-in/board?siteId=${siteId}&date=${date}`).set(await as('service_advisor'))).status).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('RES-7: the schedule imported as CSV (Chinese headers): units by building and number, leaders by login or name; bad lines by line', async () => {
    const date = dayAhead(4);
    const csv = [
      '时间,楼栋,房号,业主,通知书编号,组长',
      '09:30,1栋,101,张三,RZ-I1,supervisor',
      '9:30,1栋,102,李四,RZ-I2,陈主管',
      '09:30,1栋,999,王五,RZ-I3,supervisor',
      '09:30,1栋,103,赵六,RZ-I4,nobody',
      '09:45,1栋,104,钱七,RZ-I5,supervisor',
      '09:30,1栋,105,孙八,RZ-I1,supervisor',
      '09:30,1栋,201,周九,RZ-I6,supervisor',
    ].join('\n');
    const res = await t.http().post('/api/v1/move-in/schedule/import').set(await as('clerk')).send({ siteId, date, csv });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['4:UNIT_UNKNOWN', '5:LEADER_UNKNOWN', '6:SLOT_INVALID', '7:DUPLICATE_IN_FILE', '8:LEADER_FULL']);
    const board = await t.http().get(`/api/v1/move-in/board?siteId=${siteId}&date=${date}`).set(await as('receptionist'));
    expect(board.body.appointments.map((a: { unitLabel: string; ownerName: string; leaderName: string; time: string }) => `${a.time} ${a.unitLabel} ${a.ownerName} ${a.leaderName}`)).toEqual(['09:30 1栋 101 张三 陈主管', '09:30 1栋 102 李四 陈主管']);
    const before = await databaseFingerprint(t.db);
    const header = await t.http().post('/api/v1/move-in/schedule/import').set(await as('clerk')).send({ siteId, date, csv: 'time,owner\n09:30,x' });
    expect(header.body.errors).toEqual([expect.objectContaining({ line: 1, code: 'HEADER_INVALID' })]);
    expect((await t.http().post('/api/v1/move-in/schedule/import').set(await as('clerk')).send({ siteId, date: dayAhead(0), csv })).body.code).toBe('SCHEDULE_TOO_LATE');
    expect((await t.http().post('/api/v1/move-in/schedule/import').set(await as('receptionist')).send({ siteId, date, csv })).status).toBe(403);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('RES-10: 40 schedule lines sent at once into one slot of 6, four leaders of 2 each → exactly 6 lines, no leader above 2', async () => {
    const date = dayAhead(2);
    const leaders = await Promise.all(LEADERS.map((l) => t.ids.user(l)));
    const units = await Promise.all(Array.from({ length: 40 }, () => unit()));
    const results = await Promise.all(
      units.map(async (unitId, i) => send(i % 2 ? 'clerk' : 'manager', date, [{ time: '13:30', unitId, ownerName: `业主${i}`, noticeNo: `RZ-P${i}`, leaderId: leaders[i % 4] }])),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.reduce((n, r) => n + r.body.created, 0)).toBe(6);
    expect(results.flatMap((r) => r.body.errors.map((e: { code: string }) => e.code)).every((c: string) => c === 'SLOT_FULL' || c === 'LEADER_FULL')).toBe(true);
    const [slot] = await t.db.query(`SELECT id, capacity, booked FROM move_in_slot WHERE site_id = $1 AND date = $2`, [siteId, date]);
    expect(slot).toMatchObject({ capacity: 6, booked: 6 });
    const perLeader = await t.db.query(`SELECT leader_id, count(*)::int AS n FROM move_in_appointment WHERE slot_id = $1 GROUP BY leader_id`, [slot.id]);
    expect(perLeader.reduce((n: number, r: { n: number }) => n + r.n, 0)).toBe(6);
    expect(perLeader.every((r: { n: number }) => r.n <= 2)).toBe(true);
    await expect(t.db.query(`UPDATE move_in_slot SET booked = booked + 1 WHERE id = $1`, [slot.id])).rejects.toThrow(/CHK_move_in_slot_capacity/);
  });

  it('RES-7: owners arriving together are checked one by one (notice, or unit + name); early owners wait for their group leader', async () => {
    const a = await scheduled('陈一', '10:30');
    const b = await scheduled('陈 二', '10:30');
    const c = await scheduled('陈三', '11:30');
    await startedAgo(a.id, 10);
    await startedAgo(b.id, 10);
    const events: SiteEvent[] = [];
    await t.app.get(EventsService).listening();
    const off = t.app.get(EventsService).subscribe(siteId, (e) => events.push(e));
    const res = await checkIn('receptionist', [{ noticeNo: a.noticeNo.toLowerCase() }, { unitId: b.unitId, ownerName: '陈二' }, { noticeNo: 'RZ-NOPE' }, { ownerName: '陈三' }, { noticeNo: c.noticeNo }]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { code: string | null; status: string | null; arrival: string | null }) => r.code ?? `${r.status}/${r.arrival}`)).toEqual(['arrived/on_time', 'arrived/on_time', 'NOT_ON_SCHEDULE', 'PARTY_INCOMPLETE', 'waiting/early']);
    expect((await get(c.id)).status).toBe('waiting');
    // Checked in twice: refused, and nothing written.
    const before = await databaseFingerprint(t.db);
    const again = await checkIn('receptionist', [{ noticeNo: a.noticeNo }]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ARRIVED');
    expect(isProblem(again)).toBe(true);
    expect((await checkIn('receptionist', [{ noticeNo: 'RZ-NOPE' }])).body.code).toBe('NOT_ON_SCHEDULE');
    // The leader decides, nobody else: another leader, a consultant → 403; a service-centre user → 404.
    const decide = async (who: string, decision: string) => t.http().post(`/api/v1/move-in/appointments/${c.id}/leader-decision`).set(await as(who)).send({ decision });
    expect((await decide('mi-leader-0', 'take_now')).status).toBe(403);
    expect((await decide('consultant', 'take_now')).status).toBe(403);
    expect((await decide('service_manager', 'take_now')).status).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    expect((await decide('supervisor', 'wait')).body).toMatchObject({ status: 'waiting', leaderDecision: 'wait' });
    const taken = await decide('supervisor', 'take_now');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'arrived', arrival: 'early', leaderDecision: 'take_now' });
    expect((await decide('supervisor', 'take_now')).body.code).toBe('MOVE_IN_STATE_CONFLICT');
    await new Promise((r) => setTimeout(r, 300));
    off();
    expect(events.filter((e) => e.type === 'reservation.move_in' && e.data.change === 'checked_in').map((e) => e.data.appointmentId)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  });

  it('RES-7: an owner who walks straight into the hall is checked by the service ambassador and recorded all the same', async () => {
    const a = await scheduled('周一', '14:30');
    await startedAgo(a.id, 5);
    expect((await checkIn('receptionist', [{ noticeNo: a.noticeNo }], 'hall')).status).toBe(403);
    expect((await checkIn('cs_agent', [{ noticeNo: a.noticeNo }], 'desk')).status).toBe(403);
    const res = await checkIn('cs_agent', [{ noticeNo: a.noticeNo }], 'hall');
    expect(res.status).toBe(200);
    const read = await get(a.id);
    expect(read).toMatchObject({ status: 'arrived', checkedInVia: 'hall', step: 'reception', papersHolderName: '郑客服' });
  });

  it('RES-7 / GEN-8: a slot that passed reads missed at once; the job records it for sales, who give a new time (the old line stays)', async () => {
    const a = await scheduled('吴一', '15:30');
    await startedAgo(a.id, 120);
    expect((await get(a.id)).status).toBe('missed');
    await t.db.query(`UPDATE job SET run_at = now() - interval '1 minute' WHERE dedupe_key = $1`, [`reservation.move_in_missed:${a.id}`]);
    await runJobs();
    const [row] = await t.db.query(`SELECT status, abs(extract(epoch FROM missed_at - ends_at)) < 0.001 AS at_end FROM move_in_appointment WHERE id = $1`, [a.id]);
    expect(row).toEqual({ status: 'missed', at_end: true });
    const [audit] = await t.db.query(`SELECT actor_login FROM audit_event WHERE entity_id = $1 AND action = 'reservation.move_in_missed'`, [a.id]);
    expect(audit.actor_login).toBe('system');
    expect((await t.http().post(`/api/v1/move-in/appointments/${a.id}/missed`).set(await as('receptionist')).send({})).body.code).toBe('MOVE_IN_STATE_CONFLICT');
    // A receptionist does not give new times; sales does.
    expect((await t.http().post(`/api/v1/move-in/appointments/${a.id}/reschedule`).set(await as('receptionist')).send({ date: dayAhead(1), time: '16:30' })).status).toBe(403);
    const res = await t.http().post(`/api/v1/move-in/appointments/${a.id}/reschedule`).set(await as('clerk')).send({ date: dayAhead(1), time: '16:30' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', time: '16:30', ownerName: '吴一', noticeNo: a.noticeNo });
    expect(await get(a.id)).toMatchObject({ status: 'rescheduled', rescheduledTo: res.body.id });
    // The owner is checked in against the new line.
    const early = await checkIn('receptionist', [{ noticeNo: a.noticeNo }]);
    expect(early.body.results[0]).toMatchObject({ appointmentId: res.body.id, status: 'waiting', arrival: 'early' });
    // A line whose job was lost is recorded by the minute sweep.
    const lost = await scheduled('吴三', '15:30');
    await startedAgo(lost.id, 90);
    await t.db.query(`DELETE FROM job WHERE dedupe_key = $1`, [`reservation.move_in_missed:${lost.id}`]);
    await t.db.query(`INSERT INTO job (name, run_at, payload, dedupe_key) VALUES ('reservation.move_in_sweep', now(), '{}', 'test-sweep-1')`);
    await runJobs();
    expect((await t.db.query(`SELECT status FROM move_in_appointment WHERE id = $1`, [lost.id]))[0].status).toBe('missed');
    // The receptionist records a missed slot by hand when the job has not run yet.
    const b = await scheduled('吴二', '15:30');
    await startedAgo(b.id, 61);
    const hand = await t.http().post(`/api/v1/move-in/appointments/${b.id}/missed`).set(await as('receptionist')).send({ note: '电话通知销售部' });
    expect(hand.status).toBe(200);
    expect(hand.body.status).toBe('missed');
  });

  it('RES-8: reception → greeting → verification → payment → done, each by its staff with the holder of the papers; the desk is never left empty', async () => {
    const a = await scheduled('郭一', '16:30');
    const b = await scheduled('郭二', '16:30', 'mi-leader-1');
    await startedAgo(a.id, 5);
    await startedAgo(b.id, 5);
    expect((await checkIn('receptionist', [{ noticeNo: a.noticeNo }, { noticeNo: b.noticeNo }])).status).toBe(200);
    const desk = async (who: string, action: string) => t.http().post('/api/v1/move-in/desk').set(await as(who)).send({ siteId, action });
    expect((await desk('receptionist', 'join')).body.atDesk).toHaveLength(1);
    expect((await desk('receptionist', 'leave')).body.code).toBe('DESK_UNATTENDED');
    expect((await desk('receptionist2', 'join')).body.atDesk).toHaveLength(2);
    expect((await desk('cashier', 'join')).status).toBe(403);
    // The first receptionist leads owner A to the hall: one stays at the desk.
    const led = await step('receptionist', a.id, 'reception');
    expect(led.status).toBe(200);
    expect(led.body).toMatchObject({ step: 'reception', papersHolderName: expect.any(String) });
    // The second would leave the desk empty: owner B waits until a colleague is back.
    const refused = await step('receptionist2', b.id, 'reception');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DESK_UNATTENDED');
    expect((await get(b.id)).step).toBeNull();
    expect((await desk('receptionist', 'join')).body.atDesk).toHaveLength(2);
    expect((await step('receptionist2', b.id, 'reception')).status).toBe(200);

    const ambassador = await t.ids.user('cs_agent');
    expect((await step('manager', a.id, 'verification')).body.code).toBe('STEP_OUT_OF_ORDER');
    expect((await step('supervisor', a.id, 'greeting', ambassador)).body).toMatchObject({ step: 'greeting', papersHolderName: '郑客服' });
    expect((await step('cashier', a.id, 'verification')).status).toBe(403);
    expect((await step('consultant', a.id, 'verification', ambassador)).status).toBe(200);
    expect((await step('consultant', a.id, 'payment')).status).toBe(403);
    expect((await step('cashier', a.id, 'payment', ambassador)).status).toBe(200);
    expect((await step('cs_agent', a.id, 'done', await t.ids.user('clerk'))).status).toBe(200);
    expect((await step('cs_agent', a.id, 'done')).body.code).toBe('MOVE_IN_STATE_CONFLICT');
    const read = await get(a.id);
    expect(read.steps.map((s: { step: string }) => s.step)).toEqual(['reception', 'greeting', 'verification', 'payment', 'done']);
    expect(read.papersHolderName).toBe((await t.db.query(`SELECT display_name FROM app_user WHERE login = 'clerk@demo.sitedesk'`))[0].display_name);
    // A holder who is not staff of the site, another site's user, bad steps: refused, nothing written.
    const before = await databaseFingerprint(t.db);
    expect((await step('supervisor', b.id, 'greeting', await t.ids.user('technician'))).status).toBe(400);
    expect((await step('service_manager', b.id, 'greeting')).status).toBe(404);
    expect((await step('supervisor', b.id, 'nonsense')).status).toBe(400);
    expect((await step('supervisor', randomUUID(), 'greeting')).status).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    // The day board shows where everyone is.
    const board = await t.http().get(`/api/v1/move-in/board?siteId=${siteId}&date=${dayAhead(1)}`).set(await as('cs_agent'));
    const onBoard = board.body.appointments.find((x: { id: string }) => x.id === a.id);
    expect(onBoard).toMatchObject({ step: 'done', status: 'arrived' });
  });

  it('RES-7 under concurrency: two receptionists leaving the desk at once → one may, the other stays; one owner checked in twice at once → once', async () => {
    const desk = async (who: string, action: string) => t.http().post('/api/v1/move-in/desk').set(await as(who)).send({ siteId, action });
    await desk('receptionist', 'join');
    await desk('receptionist2', 'join');
    const both = await Promise.all([desk('receptionist', 'leave'), desk('receptionist2', 'leave')]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('DESK_UNATTENDED');
    const [row] = await t.db.query(`SELECT cardinality(at_desk) AS n FROM move_in_desk WHERE site_id = $1`, [siteId]);
    expect(row.n).toBe(1);
    const a = await scheduled('蒋一', '12:30', 'mi-leader-3');
    await startedAgo(a.id, 5);
    const twice = await Promise.all([checkIn('receptionist', [{ noticeNo: a.noticeNo }]), checkIn('receptionist2', [{ noticeNo: a.noticeNo }])]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'reservation.move_in_checked_in'`, [a.id]);
    expect(n).toBe(1);
    await desk('receptionist', 'join');
    await desk('receptionist2', 'join');
  });

  it('every move-in route: a service-centre user gets 404 (another site), a wrong role 403, and nothing is written', async () => {
    const a = await scheduled('冯一', '08:30', 'mi-leader-2');
    const before = await databaseFingerprint(t.db);
    const routes: [string, string, object][] = [
      ['post', '/api/v1/move-in/schedule', { siteId, date: dayAhead(1), entries: [{ time: '10:30', unitId: a.unitId, ownerName: '冯一', noticeNo: 'RZ-X', leaderId: await t.ids.user('supervisor') }] }],
      ['post', '/api/v1/move-in/schedule/import', { siteId, date: dayAhead(1), csv: 'time,building,number,owner,notice,leader' }],
      ['post', '/api/v1/move-in/check-in', { siteId, via: 'desk', parties: [{ noticeNo: a.noticeNo }] }],
      ['post', '/api/v1/move-in/desk', { siteId, action: 'join' }],
      ['get', `/api/v1/move-in/appointments/${a.id}`, {}],
      ['post', `/api/v1/move-in/appointments/${a.id}/leader-decision`, { decision: 'take_now' }],
      ['post', `/api/v1/move-in/appointments/${a.id}/steps`, { step: 'reception' }],
      ['post', `/api/v1/move-in/appointments/${a.id}/missed`, {}],
      ['post', `/api/v1/move-in/appointments/${a.id}/reschedule`, { date: dayAhead(2), time: '10:30' }],
    ];
    const call = async (who: string, [method, url, body]: [string, string, object]) => {
      const req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(await as(who));
      return method === 'get' ? req : req.send(body);
    };
    // The service centre's manager and cs_agent (also on demo-sales) differ: the manager has no role here.
    for (const r of routes) {
      const res = await call('service_manager', r);
      expect([r[1], res.status, isProblem(res)]).toEqual([r[1], 404, true]);
    }
    expect((await t.http().get(`/api/v1/move-in/board?siteId=${siteId}&date=${dayAhead(1)}`).set(await as('service_manager'))).status).toBe(404);
    // Wrong roles on the right site.
    const forbidden: [string, number][] = [
      ['cashier', 0],
      ['cashier', 1],
      ['cashier', 2],
      ['cashier', 3],
      ['cashier', 5],
      ['cashier', 6],
      ['consultant', 7],
      ['consultant', 8],
    ];
    for (const [who, i] of forbidden) {
      const res = await call(who, routes[i]);
      expect([who, routes[i][1], res.status]).toEqual([who, routes[i][1], 403]);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });
});
