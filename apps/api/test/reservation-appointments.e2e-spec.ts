import { localDate } from '@sitedesk/domain';
import { EventsService, type SiteEvent } from '../src/platform/events/events.service.js';
import { JobsService } from '../src/platform/jobs/jobs.service.js';
import { makeUsers } from './support/reservation.js';
import { databaseFingerprint, isProblem, readBinary, startTestApp, type TestApp } from './support/test-app.js';

/** Service appointments (RES-9) and bays never overbooked (RES-10) on the demo service centre. */
describe('reservation: service appointments (RES-9, RES-10)', () => {
  let t: TestApp;
  let serviceId: string;
  let salesId: string;
  let seq = 0;
  const ADVISORS = Array.from({ length: 9 }, (_, i) => `svc-advisor-${i}`);
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const runJobs = async () => {
    while ((await t.app.get(JobsService).runDue()) > 0);
  };
  /** A local date `days` ahead in the site's zone (Asia/Shanghai). */
  const dayAhead = (days: number) => localDate(new Date(Date.now() + days * 86_400_000), 'Asia/Shanghai');
  const body = (over: Record<string, unknown> = {}) => ({
    siteId: serviceId,
    date: dayAhead(2),
    time: '10:30',
    customerName: '李先生',
    customerPhone: '13800000001',
    vehiclePlate: '沪A12345',
    vehicleModel: '帕萨特',
    work: '更换刹车片',
    partsFen: 0,
    depositFen: 0,
    formNo: `YY-${Date.now()}-${++seq}`,
    signedBy: '李先生',
    ...over,
  });
  const book = async (who: string, over: Record<string, unknown> = {}) => t.http().post('/api/v1/service-appointments').set(await as(who)).send(body(over));
  const setPolicy = async (over: Record<string, unknown>) => {
    const current = await t.http().get(`/api/v1/reservation/appointment-policy?siteId=${serviceId}`).set(await as('service_manager'));
    const res = await t.http().put('/api/v1/reservation/appointment-policy').set(await as('service_manager')).send({ siteId: serviceId, policy: { ...current.body.policy, ...over } });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = await t.ids.site('demo-service');
    salesId = await t.ids.site('demo-sales');
    await makeUsers(t, serviceId, 'service_advisor', ADVISORS);
    for (const who of ['service_advisor', 'service_manager', 'technician', 'manager', 'consultant', 'cs_agent', ...ADVISORS]) await t.token(who);
  });
  afterAll(() => t.close());

  it('RES-9: the advisor books with the signed form; the register, the slots, the workshop notice (same day) and the live board follow', async () => {
    const events: SiteEvent[] = [];
    await t.app.get(EventsService).listening();
    const off = t.app.get(EventsService).subscribe(serviceId, (e) => events.push(e));
    const res = await book('service_advisor', { time: '08:30' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'booked', time: '08:30', date: dayAhead(2), customerPhoneMasked: '138****0001', vehiclePlate: '沪A12345', requiredDepositFen: 0, policyVersion: 1, reminder: 'pending', workshopNotice: 'pending', bookedByName: '钱服务顾问' });
    // 24 hours before by default.
    expect(new Date(res.body.remindAt).getTime()).toBe(new Date(res.body.startsAt).getTime() - 24 * 3_600_000);
    const register = await t.http().get(`/api/v1/service-appointments?siteId=${serviceId}&date=${dayAhead(2)}`).set(await as('technician'));
    expect(register.status).toBe(200);
    expect(register.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
    const slots = await t.http().get(`/api/v1/service-appointments/slots?siteId=${serviceId}&date=${dayAhead(2)}`).set(await as('service_advisor'));
    expect(slots.body).toHaveLength(9);
    expect(slots.body[0]).toMatchObject({ time: '08:30', capacity: 4, booked: 1, free: 3 });
    expect(slots.body[1]).toMatchObject({ time: '09:30', capacity: 4, booked: 0, free: 4 });
    await runJobs();
    const after = await t.http().get(`/api/v1/service-appointments/${res.body.id}`).set(await as('technician'));
    expect(after.body.workshopNotice).toBe('sent');
    expect(after.body.workshopNotifiedAt).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    off();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['reservation.appointment', 'reservation.workshop']));
    expect(events.find((e) => e.type === 'reservation.workshop')!.data).toMatchObject({ appointmentId: res.body.id, vehiclePlate: '沪A12345' });
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [res.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['reservation.appointment_booked', 'reservation.workshop_notified']));
  });

  it('RES-9: high-value parts need a deposit of at least half the parts price, with its receipt; refused bookings write nothing', async () => {
    const before = await databaseFingerprint(t.db);
    const low = await book('service_advisor', { partsFen: 500_000, depositFen: 249_999, depositReceiptNo: 'SK-1' });
    expect(low.status).toBe(422);
    expect(low.body.code).toBe('DEPOSIT_REQUIRED');
    expect(low.body.requiredDepositFen).toBe(250_000);
    expect(isProblem(low)).toBe(true);
    const noReceipt = await book('service_advisor', { partsFen: 500_000, depositFen: 250_000 });
    expect(noReceipt.body.code).toBe('DEPOSIT_RECEIPT_MISSING');
    expect((await book('service_advisor', { time: '09:45' })).body.code).toBe('SLOT_INVALID');
    expect((await book('service_advisor', { time: '17:30' })).body.code).toBe('SLOT_INVALID');
    expect((await book('service_advisor', { date: dayAhead(-1) })).body.code).toBe('SLOT_PAST');
    expect((await book('service_advisor', { customerPhone: '12345' })).status).toBe(400);
    expect((await book('service_advisor', { date: '2026-02-30' })).status).toBe(400);
    expect((await book('service_advisor', { signedBy: '' })).status).toBe(400);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const ok = await book('service_advisor', { partsFen: 500_000, depositFen: 250_000, depositReceiptNo: 'SK-2' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ depositFen: 250_000, requiredDepositFen: 250_000, depositReceiptNo: 'SK-2' });
    // The threshold and the share are policy: at 30 % the same parts need 150 000 fen.
    await setPolicy({ minDepositPercent: 30 });
    const thirty = await book('service_advisor', { partsFen: 500_000, depositFen: 150_000, depositReceiptNo: 'SK-3' });
    expect(thirty.status).toBe(201);
    expect(thirty.body.policyVersion).toBe(2);
    const dup = await book('service_advisor', { formNo: ok.body.formNo });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('FORM_NO_EXISTS');
    await setPolicy({ minDepositPercent: 50 });
  });

  it('RES-9: the register downloads as CSV and XLSX with the list filters: every appointment of the day in slot order, phones masked; staff of the site only', async () => {
    const date = dayAhead(4);
    for (const [time, plate] of [['14:30', '沪E00002'], ['09:30', '沪E00001']]) expect((await book('service_advisor', { date, time, vehiclePlate: plate, customerPhone: '13912345678' })).status).toBe(201);
    const csv = await t.http().get(`/api/v1/service-appointments/export?siteId=${serviceId}&date=${date}&format=csv`).set(await as('technician'));
    expect([csv.status, csv.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="service-appointments-demo-service-${date}.csv"`);
    const [header, ...lines] = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header).toMatch(/^日期 date,时间 time,预约单号 form no\.,客户 customer,电话 phone,车牌 plate,/);
    expect(lines.map((l) => l.split(',').slice(0, 2).concat(l.split(',').slice(4, 6)))).toEqual([
      [date, '09:30', '139****5678', '沪E00001'],
      [date, '14:30', '139****5678', '沪E00002'],
    ]);
    const xlsx = await t.http().get(`/api/v1/service-appointments/export?siteId=${serviceId}&date=${date}&status=booked&format=xlsx`).set(await as('service_manager')).buffer(true).parse(readBinary);
    expect([xlsx.status, (xlsx.body as Buffer).subarray(0, 2).toString()]).toEqual([200, 'PK']);
    expect((await t.http().get(`/api/v1/service-appointments/export?siteId=${salesId}&format=csv`).set(await as('service_advisor'))).status).toBe(404);
    // A channel partner of the sales office is no staff there.
    expect((await t.http().get(`/api/v1/service-appointments/export?siteId=${salesId}&format=csv`).set(await as('partner'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/service-appointments/export?siteId=${serviceId}&format=pdf`).set(await as('service_advisor'))).status).toBe(400);
    expect((await t.http().get(`/api/v1/service-appointments/export?siteId=${serviceId}&date=2026-02-30&format=csv`).set(await as('service_advisor'))).status).toBe(400);
  });

  it('another site is a 404, a wrong role a 403, and nothing is written', async () => {
    const booked = await book('service_advisor', { time: '11:30' });
    expect(booked.status).toBe(201);
    const before = await databaseFingerprint(t.db);
    // The sales manager has no role on the service centre.
    expect((await book('manager')).status).toBe(404);
    expect((await t.http().get(`/api/v1/service-appointments/${booked.body.id}`).set(await as('manager'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/service-appointments?siteId=${serviceId}`).set(await as('consultant'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/service-appointments/slots?siteId=${serviceId}&date=${dayAhead(2)}`).set(await as('consultant'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/reservation/appointment-policy?siteId=${serviceId}`).set(await as('consultant'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/service-appointments/slots?siteId=${serviceId}&date=2026-02-30`).set(await as('service_advisor'))).status).toBe(400);
    const foreignCancel = await t.http().post(`/api/v1/service-appointments/${booked.body.id}/cancel`).set(await as('manager')).send({ reason: '客户改期' });
    expect(foreignCancel.status).toBe(404);
    // A technician or a customer-service agent reads the register but does not book or cancel.
    const tech = await book('technician');
    expect(tech.status).toBe(403);
    expect(isProblem(tech)).toBe(true);
    expect((await book('cs_agent')).status).toBe(403);
    expect((await t.http().post(`/api/v1/service-appointments/${booked.body.id}/cancel`).set(await as('technician')).send({ reason: '客户改期' })).status).toBe(403);
    const current = (await t.http().get(`/api/v1/reservation/appointment-policy?siteId=${serviceId}`).set(await as('service_advisor'))).body.policy;
    expect((await t.http().put('/api/v1/reservation/appointment-policy').set(await as('service_advisor')).send({ siteId: serviceId, policy: current })).status).toBe(403);
    expect((await t.http().put('/api/v1/reservation/appointment-policy').set(await as('manager')).send({ siteId: serviceId, policy: current })).status).toBe(404);
    const bad = await t.http().put('/api/v1/reservation/appointment-policy').set(await as('service_manager')).send({ siteId: serviceId, policy: { ...current, slotMinutes: 50 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('policy.slotMinutes');
    // A booking on the sales office by its manager is that site's business, not this one's: it names its own site.
    expect((await t.http().get(`/api/v1/service-appointments?siteId=${salesId}`).set(await as('service_advisor'))).status).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('RES-10: 200 parallel bookings into a slot of 10 bays → exactly 10 succeed, 190 × 409 SLOT_FULL; a cancellation frees one bay', async () => {
    await setPolicy({ bays: 10 });
    const date = dayAhead(3);
    const tokens = await Promise.all(['service_advisor', 'service_manager', ...ADVISORS].map((w) => t.token(w)));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t
          .http()
          .post('/api/v1/service-appointments')
          .set('authorization', `Bearer ${tokens[i % tokens.length]}`)
          .send(body({ date, time: '14:30', formNo: `RACE-${i}`, customerPhone: `1390000${String(i).padStart(4, '0')}` })),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(190);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_FULL' && isProblem(r))).toBe(true);
    const [slot] = await t.db.query(`SELECT id, capacity, booked FROM service_slot WHERE site_id = $1 AND date = $2`, [serviceId, date]);
    expect(slot).toMatchObject({ capacity: 10, booked: 10 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM service_appointment WHERE slot_id = $1 AND status = 'booked'`, [slot.id]);
    expect(n).toBe(10);
    // The database itself refuses an eleventh, whatever the application does.
    await expect(t.db.query(`UPDATE service_slot SET booked = booked + 1 WHERE id = $1`, [slot.id])).rejects.toThrow(/CHK_service_slot_capacity/);
    // Cancelling frees one bay: one more booking fits, the next is full again.
    const winner = results.find((r) => r.status === 201)!;
    const cancelled = await t.http().post(`/api/v1/service-appointments/${winner.body.id}/cancel`).set(await as('service_advisor')).send({ reason: '客户改期' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.http().post(`/api/v1/service-appointments/${winner.body.id}/cancel`).set(await as('service_advisor')).send({ reason: '客户改期' })).body.code).toBe('APPOINTMENT_STATE_CONFLICT');
    const again = await Promise.all([book('service_advisor', { date, time: '14:30' }), book('service_manager', { date, time: '14:30' })]);
    expect(again.map((r) => r.status).sort()).toEqual([201, 409]);
    const slots = await t.http().get(`/api/v1/service-appointments/slots?siteId=${serviceId}&date=${date}`).set(await as('technician'));
    expect(slots.body.find((s: { time: string }) => s.time === '14:30')).toMatchObject({ capacity: 10, booked: 10, free: 0 });
    const register = await t.http().get(`/api/v1/service-appointments?siteId=${serviceId}&date=${date}&pageSize=5&page=3`).set(await as('technician'));
    expect(register.body).toMatchObject({ total: 11, page: 3, pageSize: 5 });
    expect(register.body.items).toHaveLength(1);
    const booked = await t.http().get(`/api/v1/service-appointments?siteId=${serviceId}&date=${date}&status=booked`).set(await as('technician'));
    expect(booked.body.total).toBe(10);
    await setPolicy({ bays: 4 });
  });

  it('RES-9 / GEN-8: the reminder goes through the SMS outbox of CA-13 — also when its job runs late — but not once cancelled or begun', async () => {
    const a = (await book('service_advisor', { date: dayAhead(2), time: '15:30', customerPhone: '13800000077' })).body;
    const b = (await book('service_advisor', { date: dayAhead(2), time: '15:30', customerPhone: '13800000078' })).body;
    const c = (await book('service_advisor', { date: dayAhead(2), time: '15:30', customerPhone: '13800000079' })).body;
    // Before its time, a run of the jobs sends nothing.
    await runJobs();
    expect((await t.http().get(`/api/v1/service-appointments/${a.id}`).set(await as('service_advisor'))).body.reminder).toBe('pending');
    // Pretend the reminder time passed two hours ago and no job ran then.
    for (const x of [a, b, c]) {
      await t.db.query(`UPDATE service_appointment SET remind_at = now() - interval '2 hours' WHERE id = $1`, [x.id]);
      await t.db.query(`UPDATE job SET run_at = now() - interval '2 hours' WHERE dedupe_key = $1`, [`reservation.appointment_reminder:${x.id}`]);
    }
    expect((await t.http().get(`/api/v1/service-appointments/${a.id}`).set(await as('service_advisor'))).body.reminder).toBe('due');
    expect((await t.http().post(`/api/v1/service-appointments/${b.id}/cancel`).set(await as('service_advisor')).send({ reason: '客户取消' })).status).toBe(200);
    // c began already (its time moved into the past): a reminder now would be wrong.
    await t.db.query(`UPDATE service_appointment SET starts_at = now() - interval '1 minute' WHERE id = $1`, [c.id]);
    await runJobs();
    const sms = await t.db.query(`SELECT to_phone, status, body, provider, customer_id, subject_ref FROM sms_message WHERE to_phone IN ('13800000077', '13800000078', '13800000079')`);
    expect(sms).toHaveLength(1);
    // The shared outbox (CA-13): about the appointment, not a sales customer.
    expect(sms[0]).toMatchObject({ to_phone: '13800000077', status: 'sent', provider: 'local-sink', customer_id: null, subject_ref: `service_appointment:${a.id}` });
    expect(sms[0].body).toContain('沪A12345');
    expect(sms[0].body).toContain('15:30');
    const read = await t.http().get(`/api/v1/service-appointments/${a.id}`).set(await as('service_advisor'));
    expect(read.body.reminder).toBe('sent');
    expect((await t.http().get(`/api/v1/service-appointments/${b.id}`).set(await as('service_advisor'))).body.reminder).toBe('not_sent');
    expect((await t.http().get(`/api/v1/service-appointments/${c.id}`).set(await as('service_advisor'))).body.reminder).toBe('not_sent');
    // Running the jobs again sends nothing twice.
    await t.db.query(`UPDATE job SET status = 'queued', run_at = now() WHERE dedupe_key = $1`, [`reservation.appointment_reminder:${a.id}`]);
    await runJobs();
    expect(await t.db.query(`SELECT 1 FROM sms_message WHERE to_phone = '13800000077'`)).toHaveLength(1);
    // The site's manager sees it in the outbox of CA-13.
    const outbox = await t.http().get(`/api/v1/clients/sms?siteId=${serviceId}`).set(await as('service_manager'));
    expect(outbox.status).toBe(200);
    expect(outbox.body.items.filter((m: { body: string; toPhoneMasked: string }) => m.body.includes('15:30'))).toEqual([expect.objectContaining({ toPhoneMasked: '138****0077', status: 'sent' })]);
  });

  it('GEN-8: a reminder or workshop notice whose job was lost is still sent by the minute sweep', async () => {
    const a = (await book('service_advisor', { date: dayAhead(2), time: '12:30', customerPhone: '13800000066' })).body;
    // The jobs are lost (a crash, a bad deploy): only the stored times remain.
    await t.db.query(`DELETE FROM job WHERE payload->>'appointmentId' = $1`, [a.id]);
    await t.db.query(`UPDATE service_appointment SET remind_at = now() - interval '5 minutes', booked_at = now() - interval '10 minutes' WHERE id = $1`, [a.id]);
    await runJobs();
    expect(await t.db.query(`SELECT 1 FROM sms_message WHERE to_phone = '13800000066'`)).toHaveLength(0);
    await t.db.query(`INSERT INTO job (name, run_at, payload, dedupe_key) VALUES ('reservation.appointment_sweep', now(), '{}', 'test-sweep-1')`);
    await runJobs();
    expect(await t.db.query(`SELECT status FROM sms_message WHERE to_phone = '13800000066'`)).toEqual([{ status: 'sent' }]);
    expect((await t.http().get(`/api/v1/service-appointments/${a.id}`).set(await as('technician'))).body).toMatchObject({ reminder: 'sent', workshopNotice: 'sent' });
  });

  it('RES-9: the reminder hours are policy (12 = half a day before); a booking made inside that window is reminded at once', async () => {
    await setPolicy({ reminderHoursBefore: 12 });
    const later = await book('service_advisor', { date: dayAhead(3), time: '16:30' });
    expect(new Date(later.body.remindAt).getTime()).toBe(new Date(later.body.startsAt).getTime() - 12 * 3_600_000);
    // Tomorrow is always less than 72 hours away.
    await setPolicy({ reminderHoursBefore: 72 });
    const soon = await book('service_advisor', { date: dayAhead(1), time: '16:30' });
    expect(soon.body.remindAt).toBe(soon.body.bookedAt);
    expect(soon.body.reminder).toBe('due');
    await setPolicy({ reminderHoursBefore: 24 });
  });
});
