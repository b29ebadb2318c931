import { RepairOrdersService } from '../src/modules/repair-order/repair-orders.service.js';
import { backfillAwaitingAnswer } from '../src/database/migrations/1764770000000-repair-order-awaiting-answer.js';
import { makeUsers } from './support/reservation.js';
import { databaseFingerprint, isProblem, ok, readBinary, refused, startTestApp, type TestApp } from './support/test-app.js';

describe('repair orders: vehicle files, life cycle, key tags, approvals (RO-1..RO-10)', () => {
  let t: TestApp;
  let serviceId: string;
  let salesId: string;
  let plateSeq = 0;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const cmd = async (id: string, command: string, who: string, body: object = {}) => t.http().post(`/api/v1/repair-orders/${id}/${command}`).set(await as(who)).send(body);
  const get = async (id: string, who = 'service_advisor') => ok(await t.http().get(`/api/v1/repair-orders/${id}`).set(await as(who)));
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const plate = () => `京A${String(10000 + ++plateSeq).slice(-5)}`;
  const file = (extra: object = {}) => ({
    siteId: serviceId,
    name: '王先生',
    address: '北京市朝阳区建国路1号',
    phone: '138 0013 8000',
    visitDate: today(),
    vehicle: { model: '大众 朗逸', plate: plate(), type: 'car', odometerKm: 42_000 },
    workDone: '首保',
    wishes: null,
    ...extra,
  });
  const line = (id: string, extra: object = {}) => ({ id, description: `工项 ${id}`, system: 'brakes', labourHundredths: 100, part: { supplier: 'workshop', origin: 'oem', priceFen: 20_000, name: '制动片' }, team: 'mechanical', ...extra });
  const promised = (hours = 4) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const checkIn = (extra: object = {}) => ({
    documents: { received: ['行驶证'] },
    inspection: { exterior: '左后门轻微划痕', interior: '正常', instruments: '正常', anomalies: ['左后门划痕'] },
    belongings: { items: ['雨伞'], signedBy: '王先生' },
    fuelPercent: 50,
    odometerKm: 42_010,
    ...extra,
  });

  async function vehicle(extra: object = {}) {
    return ok(await t.http().post('/api/v1/vehicles').set(await as('service_advisor')).send(file(extra)), 201);
  }
  async function opened() {
    const v = await vehicle();
    return ok(await t.http().post('/api/v1/repair-orders').set(await as('service_advisor')).send({ vehicleId: v.id, category: 'maintenance' }), 201);
  }
  async function signed(lines = [line('L1')]) {
    const o = await opened();
    const e = ok(await cmd(o.id, 'estimate', 'service_advisor', { lines, promisedAt: promised() }));
    ok(await cmd(o.id, 'sign', 'service_advisor', { signer: '王先生', version: e.version }));
    return o.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = await t.ids.site('demo-service');
    salesId = await t.ids.site('demo-sales');
    await makeUsers(t, serviceId, 'supervisor', ['ro-supervisor']);
    await makeUsers(t, serviceId, 'cashier', ['ro-cashier']);
    await makeUsers(t, serviceId, 'technician', ['ro-tech2']);
    for (const who of ['service_advisor', 'technician', 'service_manager', 'manager', 'cs_agent', 'ro-supervisor', 'ro-cashier', 'ro-tech2']) await t.token(who);
  });
  afterAll(() => t.close());

  describe('RO-1 customer and vehicle files', () => {
    it('a file made the same day has the next service by months and km (whichever comes first); a later entry is flagged (GEN-11)', async () => {
      const v = await vehicle({ vehicle: { model: '丰田 卡罗拉', plate: '京 B·12345', type: 'car', odometerKm: 10_000 } });
      expect(v).toMatchObject({ plate: '京B12345', phone: '13800138000', odometerKm: 10_000, late: false, lastServiceKm: 10_000, policyVersion: 1 });
      const [y, m, d] = today().split('-').map(Number);
      const inSix = new Date(Date.UTC(y, m - 1 + 6, 1));
      const last = new Date(Date.UTC(inSix.getUTCFullYear(), inSix.getUTCMonth() + 1, 0)).getUTCDate();
      expect(v.nextService).toMatchObject({ byKm: 15_000, basis: 'months', byDate: `${inSix.toISOString().slice(0, 7)}-${String(Math.min(d, last)).padStart(2, '0')}` });
      expect(v.nextService.dueDate).toBe(v.nextService.byDate);
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      expect((await vehicle({ visitDate: yesterday })).late).toBe(true);
      const listed = ok(await t.http().get(`/api/v1/vehicles?siteId=${serviceId}&plate=B123`).set(await as('technician')));
      expect(listed.items.map((x: { id: string }) => x.id)).toEqual([v.id]);
      expect(ok(await t.http().get(`/api/v1/vehicles/${v.id}`).set(await as('service_advisor'))).nextService.byKm).toBe(15_000);
    });

    it('RO-10: the next-service reminder falls due before the next service date; the job announces it once; the advisor records it sent once', async () => {
      const v = await vehicle();
      expect(v.reminderState).toBe('pending');
      const remindAt = new Date(v.reminderAt);
      // 7 days before the next service date, at 09:00 site time (the first callable instant).
      expect(remindAt.toISOString()).toBe(new Date(Date.parse(`${v.nextService.dueDate}T09:00:00+08:00`) - 7 * 86_400_000).toISOString());
      const [job] = await t.db.query(`SELECT run_at FROM job WHERE name = 'repair_order.service_reminder' AND payload->>'vehicleId' = $1`, [v.id]);
      expect(new Date(job.run_at).toISOString()).toBe(remindAt.toISOString());
      const svc = t.app.get(RepairOrdersService);
      const later = new Date(remindAt.getTime() + 60_000);
      expect(await t.db.transaction((em) => svc.announceServiceReminder(em, v.id, new Date()))).toBe('pending');
      expect(await t.db.transaction((em) => svc.announceServiceReminder(em, v.id, later))).toBe('due');
      expect(await t.db.transaction((em) => svc.announceServiceReminder(em, v.id, later))).toBe('due');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'repair_order.service_reminder_due'`, [v.id]);
      expect(n).toBe(1);
      refused(await t.http().post(`/api/v1/vehicles/${v.id}/reminder-sent`).set(await as('technician')), 403, 'FORBIDDEN');
      refused(await t.http().post(`/api/v1/vehicles/${v.id}/reminder-sent`).set(await as('manager')), 404, 'NOT_FOUND');
      expect(ok(await t.http().post(`/api/v1/vehicles/${v.id}/reminder-sent`).set(await as('service_advisor'))).reminderState).toBe('sent');
      refused(await t.http().post(`/api/v1/vehicles/${v.id}/reminder-sent`).set(await as('service_advisor')), 409, 'RO_REMINDER_ALREADY_SENT');
      const sent = ok(await t.http().get(`/api/v1/vehicles?siteId=${serviceId}&reminder=sent`).set(await as('service_advisor')));
      expect(sent.items.map((x: { id: string }) => x.id)).toEqual([v.id]);
    });

    it('one file per plate (409); bad input and the wrong role or site write nothing', async () => {
      const before = await databaseFingerprint(t.db);
      const dup = file({ vehicle: { model: 'x', plate: '京B12345', type: 'car', odometerKm: 1 } });
      refused(await t.http().post('/api/v1/vehicles').set(await as('service_advisor')).send(dup), 409, 'RO_VEHICLE_FILE_EXISTS');
      const bad = await t.http().post('/api/v1/vehicles').set(await as('service_advisor')).send(file({ vehicle: { model: 'x', plate: 'ABC', type: 'car', odometerKm: 1 }, phone: '12' }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['phone', 'vehicle.plate']);
      expect((await t.http().post('/api/v1/vehicles').set(await as('service_advisor')).send(file({ visitDate: '2999-01-01' }))).status).toBe(400);
      refused(await t.http().post('/api/v1/vehicles').set(await as('technician')).send(file()), 403, 'FORBIDDEN');
      refused(await t.http().post('/api/v1/vehicles').set(await as('manager')).send(file()), 404, 'NOT_FOUND');
      refused(await t.http().post('/api/v1/vehicles').set(await as('manager')).send(file({ siteId: salesId, vehicle: { model: 'x', plate: '京C12345', type: 'spaceship', odometerKm: 1 } })), 400, 'VALIDATION_FAILED');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });
  });

  describe('RO-2..RO-10 the life cycle', () => {
    it('diagnosis with consent, estimate, signature bound to the version, check-in, dispatch, additional work, completion, quality check, discount approval, settlement, exit', async () => {
      const o = await opened();
      expect(o).toMatchObject({ state: 'opened', version: 0, advisorName: '钱服务顾问', customerName: '王先生', category: 'maintenance' });
      const tech = await t.ids.user('technician');
      // RO-2
      ok(await cmd(o.id, 'consent-diagnosis', 'service_advisor', { signer: '王先生' }));
      refused(await cmd(o.id, 'record-diagnosis', 'service_advisor', { findings: '制动片磨损', recommendation: '更换', assistedBy: tech, reportHandedOver: false }), 422, 'RO_DIAGNOSIS_REPORT_REQUIRED');
      ok(await cmd(o.id, 'record-diagnosis', 'service_advisor', { findings: '制动片磨损', recommendation: '更换', assistedBy: tech, reportHandedOver: true }));
      // RO-3: an aftermarket part on the brakes carries no guarantee, and the order says so.
      const e1 = ok(await cmd(o.id, 'estimate', 'service_advisor', { lines: [line('L1'), line('L2', { system: 'brakes', part: { supplier: 'workshop', origin: 'aftermarket', priceFen: 10_000, name: '副厂片' } })], promisedAt: promised(4) }));
      expect(e1).toMatchObject({ state: 'estimated', version: 1, estimate: { method: 'system', disclaimerLineIds: ['L2'] } });
      expect(e1.totalFen).toBe(2 * 12_000 + 20_000 + 10_000);
      // RO-4: the customer signs the version they saw; a re-estimate needs a new signature.
      ok(await cmd(o.id, 'sign', 'service_advisor', { signer: '王先生', version: 1 }));
      const e2 = ok(await cmd(o.id, 'estimate', 'service_advisor', { lines: [line('L1'), line('L2', { part: null })], promisedAt: promised(4) }));
      expect(e2).toMatchObject({ state: 'estimated', version: 2, signedCurrent: false });
      refused(await cmd(o.id, 'sign', 'service_advisor', { signer: '王先生', version: 1 }), 409, 'RO_ORDER_VERSION_CHANGED');
      refused(await cmd(o.id, 'check-in', 'service_advisor', checkIn()), 409, 'RO_TRANSITION_NOT_ALLOWED');
      ok(await cmd(o.id, 'sign', 'service_advisor', { signer: '王先生', version: 2 }));
      // RO-5
      refused(await cmd(o.id, 'check-in', 'service_advisor', checkIn({ odometerKm: 41_000 })), 422, 'RO_ODOMETER_BELOW_FILE');
      refused(await cmd(o.id, 'check-in', 'service_advisor', checkIn({ keyTag: 'NOPE' })), 400, 'RO_KEY_TAG_UNKNOWN');
      refused(await cmd(o.id, 'check-in', 'technician', checkIn()), 403, 'RO_ROLE_REQUIRED');
      const c = ok(await cmd(o.id, 'check-in', 'service_advisor', checkIn({ keyTag: 'K005' })));
      expect(c).toMatchObject({ state: 'checked_in', keyTag: 'K005', checkIn: { fuelPercent: 50, odometerKm: 42_010, belongings: ['雨伞'] } });
      expect(ok(await t.http().get(`/api/v1/vehicles/${c.vehicleId}`).set(await as('service_advisor'))).odometerKm).toBe(42_010);
      // RO-6
      refused(await cmd(o.id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'body' }, receiverId: tech, receiverName: '冯技师' }), 422, 'RO_DISPATCH_WRONG_TEAM');
      const d = ok(await cmd(o.id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'mechanical' }, receiverId: tech, receiverName: '冯技师' }));
      const signedTime = new Date(d.dispatch.signedTime);
      expect(signedTime.getUTCMinutes() % 10).toBe(0);
      expect(signedTime.getUTCSeconds()).toBe(0);
      expect(Math.abs(signedTime.getTime() - new Date(d.dispatch.at).getTime())).toBeLessThanOrEqual(5 * 60_000);
      expect(d.progressCheck.status).toBe('not_yet');
      // RO-8: the job is scheduled at 70 % of the promised duration.
      const [job] = await t.db.query(`SELECT run_at FROM job WHERE name = 'repair_order.progress_check' AND payload->>'orderId' = $1`, [o.id]);
      expect(new Date(job.run_at).toISOString()).toBe(d.progressCheck.from);
      // RO-7: additional work waits for the customer's explicit yes.
      ok(await cmd(o.id, 'report-additional-work', 'technician', { lines: [line('A1', { part: null })], delayMinutes: 60 }));
      // The desk lists the orders waiting for an answer by the flag stored with the order (RO-7).
      const awaiting = async () => ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&awaitingAnswer=true&pageSize=200`).set(await as('service_advisor'))).items.map((x: { id: string }) => x.id);
      expect(await awaiting()).toContain(o.id);
      expect(ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&awaitingAnswer=false&pageSize=200`).set(await as('service_advisor'))).items.map((x: { id: string }) => x.id)).not.toContain(o.id);
      refused(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&awaitingAnswer=maybe`).set(await as('service_advisor')), 400, 'VALIDATION_FAILED');
      refused(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&awaitingAnswer=true`).set(await as('manager')), 404, 'NOT_FOUND'); // another site's manager
      refused(await cmd(o.id, 'start-work', 'technician', { lineId: 'A1' }), 422, 'RO_ADDITIONAL_WORK_NOT_APPROVED');
      refused(await cmd(o.id, 'record-additional-consent', 'technician', { lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '冯技师' }), 403, 'RO_ROLE_REQUIRED');
      const yes = ok(await cmd(o.id, 'record-additional-consent', 'service_advisor', { lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '冯技师' }));
      expect(await awaiting()).not.toContain(o.id);
      expect(yes.version).toBe(3);
      expect(new Date(yes.promisedAt).getTime() - new Date(d.promisedAt).getTime()).toBe(60 * 60_000);
      refused(await cmd(o.id, 'record-additional-consent', 'service_advisor', { lineIds: ['A1'], decision: 'no', channel: 'phone', workshopToldName: '冯技师' }), 409, 'RO_CONSENT_ALREADY_RECORDED');
      for (const l of ['L1', 'L2', 'A1']) {
        ok(await cmd(o.id, 'start-work', 'technician', { lineId: l }));
        ok(await cmd(o.id, 'finish-work', 'technician', { lineId: l }));
      }
      ok(await cmd(o.id, 'record-progress-check', 'service_advisor', { anomalies: null, action: null }));
      ok(await cmd(o.id, 'complete', 'technician'));
      // RO-9: not passed by the only technician who did the work.
      refused(await cmd(o.id, 'quality-check', 'technician', { passed: true, notes: '试车正常' }), 403, 'RO_SELF_INSPECTION_FORBIDDEN');
      ok(await cmd(o.id, 'quality-check', 'ro-tech2', { passed: true, notes: '试车正常' }));
      refused(await cmd(o.id, 'prepare-delivery', 'service_advisor', { cleaned: true, belongingsReturned: false }), 422, 'RO_DELIVERY_NOT_READY');
      const ready = ok(await cmd(o.id, 'prepare-delivery', 'service_advisor', { cleaned: true, belongingsReturned: true }));
      const total = ready.totalFen as number;
      expect(total).toBe(3 * 12_000 + 20_000);
      // RO-9 + GEN-6: a 5 % discount goes to the supervisor; a technician cannot approve it; the requester neither.
      const req = ok(await cmd(o.id, 'request-discount', 'service_advisor', { amountFen: Math.floor(total * 0.05), reason: '老客户' }));
      expect(req.discount).toMatchObject({ approverRole: 'supervisor', decision: null });
      const [approval] = await t.db.query(`SELECT status, approver_role FROM approval WHERE subject_type = 'repair_order' AND subject_id = $1`, [o.id]);
      expect(approval).toEqual({ status: 'pending', approver_role: 'supervisor' });
      refused(await cmd(o.id, 'settle', 'ro-cashier', { paidFen: 0 }), 409, 'RO_DISCOUNT_PENDING');
      refused(await cmd(o.id, 'decide-discount', 'technician', { decision: 'approved' }), 403, 'RO_ROLE_REQUIRED');
      refused(await cmd(o.id, 'decide-discount', 'ro-tech2', { decision: 'approved' }), 403, 'RO_ROLE_REQUIRED');
      ok(await cmd(o.id, 'decide-discount', 'ro-supervisor', { decision: 'approved', comment: '同意' }));
      expect((await t.db.query(`SELECT status FROM approval WHERE subject_type = 'repair_order' AND subject_id = $1`, [o.id]))[0].status).toBe('approved');
      refused(await cmd(o.id, 'settle', 'ro-cashier', { paidFen: total }), 422, 'RO_OVERPAYMENT');
      const settled = ok(await cmd(o.id, 'settle', 'ro-cashier', { paidFen: 10_000 }));
      const due = total - Math.floor(total * 0.05);
      expect(settled.settlement).toMatchObject({ totalFen: total, dueFen: due, paidFen: 10_000, receivableFen: due - 10_000 });
      // Exit: every document, and the customer signs the current version.
      const docs = { repairOrder: true, settlement: true, warrantyCertificate: true, vehicleDocuments: true, key: true };
      refused(await cmd(o.id, 'exit', 'service_advisor', { documents: { ...docs, key: false }, signer: '王先生', version: 3 }), 422, 'RO_EXIT_DOCUMENTS_MISSING');
      refused(await cmd(o.id, 'exit', 'service_advisor', { documents: docs, signer: '王先生', version: 2 }), 409, 'RO_ORDER_VERSION_CHANGED');
      const exited = ok(await cmd(o.id, 'exit', 'service_advisor', { documents: docs, signer: '王先生', version: 3 }));
      expect(exited).toMatchObject({ state: 'exited', exitNotice: { kind: 'repaired', feeFen: 0 } });
      expect(exited.followUp.assigneeRole).toBe('service_advisor');
      expect(exited.signatures.map((s: { purpose: string; version: number }) => `${s.purpose}@${s.version}`)).toEqual(['diagnosis_consent@0', 'order@1', 'order@2', 'belongings@2', 'exit@3']);
      const types = exited.timeline.map((e: { type: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['repair_order.opened', 'repair_order.signed', 'repair_order.checked_in', 'repair_order.dispatched', 'repair_order.additional_work_answered', 'repair_order.workshop_notice', 'repair_order.discount_approved', 'repair_order.exited', 'repair_order.key_tag_released']));
      // The tag is free again; the file counts the next service from this exit.
      const cabinet = ok(await t.http().get(`/api/v1/repair-orders/key-cabinet?siteId=${serviceId}`).set(await as('service_advisor')));
      expect(cabinet.tags.find((x: { tag: string }) => x.tag === 'K005').orderId).toBeNull();
      const v = ok(await t.http().get(`/api/v1/vehicles/${exited.vehicleId}`).set(await as('service_advisor')));
      expect(v).toMatchObject({ lastServiceKm: 42_010, lastServiceDate: today(), nextService: { byKm: 47_010 }, reminderState: 'pending', reminderSentAt: null });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'repair_order' AND entity_id = $1`, [o.id]);
      expect(n).toBeGreaterThanOrEqual(20);
      // RO-12: the month of the settlement counts the vehicle, its type and category, revenue and what is still owed.
      const stats = ok(await t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${today()}&to=${today()}`).set(await as('ro-cashier')));
      expect(stats.rows).toEqual([{ period: today().slice(0, 7), vehicles: 1, byVehicleType: { car: 1 }, byCategory: { maintenance: 1 }, revenueFen: due, paidFen: 10_000, receivablesFen: due - 10_000 }]);
      refused(await t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${today()}&to=${today()}`).set(await as('technician')), 403, 'FORBIDDEN');
      // …and as a download for finance: CSV that Excel reads (BOM, yuan), and XLSX.
      const csv = await t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${today()}&to=${today()}&format=csv`).set(await as('ro-cashier')).buffer(true).parse(readBinary);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\ufeff期间 period,')).toBe(true);
      expect(text).toContain(`${today().slice(0, 7)},1,car 1,maintenance 1,${(due / 100).toFixed(2)},100.00,${((due - 10_000) / 100).toFixed(2)}`);
      const xlsx = await t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${today()}&to=${today()}&format=xlsx`).set(await as('ro-cashier')).buffer(true).parse(readBinary);
      expect(xlsx.status).toBe(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      refused(await t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=year&from=${today()}&to=${today()}`).set(await as('ro-cashier')), 400, 'VALIDATION_FAILED');
      const listed = ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&state=exited`).set(await as('ro-cashier')));
      expect(listed.items.map((x: { id: string }) => x.id)).toContain(o.id);
      // RO-10: the follow-up call 2 days to a week after exit; the script's duties; a low score is a case for the advisor.
      const planned = ok(await t.http().get(`/api/v1/repair-orders/follow-ups?siteId=${serviceId}&status=planned`).set(await as('service_advisor')));
      const call = planned.items.find((x: { orderId: string }) => x.orderId === o.id);
      expect(call).toMatchObject({ status: 'planned', plate: exited.plate, openCase: null });
      expect(new Date(call.plannedAt).getTime() - new Date(exited.exit.at).getTime()).toBeGreaterThanOrEqual(48 * 3_600_000);
      expect(new Date(call.dueBy).getTime() - new Date(exited.exit.at).getTime()).toBe(168 * 3_600_000);
      const [fjob] = await t.db.query(`SELECT run_at FROM job WHERE name = 'repair_order.follow_up_due' AND payload->>'orderId' = $1`, [o.id]);
      expect(new Date(fjob.run_at).toISOString()).toBe(call.plannedAt);
      const svc = t.app.get(RepairOrdersService);
      const inCall = new Date(new Date(call.plannedAt).getTime() + 60_000);
      expect(await t.db.transaction((em) => svc.announceFollowUpDue(em, o.id, new Date()))).toBe('planned');
      expect(await t.db.transaction((em) => svc.announceFollowUpDue(em, o.id, inCall))).toBe('due');
      expect(await t.db.transaction((em) => svc.announceFollowUpDue(em, o.id, inCall))).toBe('due');
      expect(await t.db.query(`SELECT type FROM repair_order_event WHERE order_id = $1 AND type = 'repair_order.follow_up_due'`, [o.id])).toHaveLength(1);
      const answers = { solved: true, attitude: 'unsatisfied', charged: true, score: 4, suggestions: '等待太久', careAdviceGiven: true, nextServiceDateTold: true };
      refused(await cmd(o.id, 'record-follow-up', 'service_advisor', { answers: { ...answers, careAdviceGiven: false } }), 422, 'RO_FOLLOW_UP_SCRIPT_INCOMPLETE');
      const followed = ok(await cmd(o.id, 'record-follow-up', 'service_advisor', { answers }));
      expect(followed.followUpResult.verdict.openCase).toBe(true);
      expect(followed.timeline.map((e: { type: string }) => e.type)).toContain('repair_order.open_case');
      // RO-10 → CMP-1: the case is a complaint about the order, from the follow-up call, waiting for its first taker.
      const complaints = await t.db.query(`SELECT id, channel, subject_type, owner_id, state FROM complaint WHERE subject_ref = $1`, [o.id]);
      expect(complaints).toEqual([{ id: expect.any(String), channel: 'follow_up_call', subject_type: 'repair_order', owner_id: null, state: expect.any(String) }]);
      expect(followed.timeline.find((e: { type: string }) => e.type === 'repair_order.open_case').data.complaintId).toBe(complaints[0].id);
      refused(await cmd(o.id, 'record-follow-up', 'service_advisor', { answers }), 409, 'RO_FOLLOW_UP_NOT_OPEN');
      // RO-10 warranty claims (索赔): assessed against the guarantee, handled by the advisor once.
      const claimUrl = `/api/v1/repair-orders/${o.id}/warranty-claims`;
      refused(await t.http().post(claimUrl).set(await as('service_advisor')).send({ lineIds: ['L1'], description: '异响', odometerKm: 40_000 }), 400, 'RO_WARRANTY_CLAIM_INVALID');
      refused(await t.http().post(claimUrl).set(await as('service_advisor')).send({ lineIds: ['X9'], description: '异响', odometerKm: 43_000 }), 400, 'RO_WARRANTY_CLAIM_INVALID');
      refused(await t.http().post(claimUrl).set(await as('technician')).send({ lineIds: ['L1'], description: '异响', odometerKm: 43_000 }), 403, 'FORBIDDEN');
      const claim = ok(await t.http().post(claimUrl).set(await as('service_advisor')).send({ lineIds: ['L1', 'A1'], description: '制动异响复发', odometerKm: 43_000 }), 201);
      expect(claim).toMatchObject({ status: 'open', assessment: { inPeriod: true, coveredLineIds: ['L1', 'A1'], excludedLineIds: [], expiresAtKm: 47_010 } });
      const outOfKm = ok(await t.http().post(claimUrl).set(await as('service_advisor')).send({ lineIds: ['L1'], description: '再次异响', odometerKm: 48_000 }), 201);
      expect(outOfKm.assessment).toMatchObject({ inPeriod: false, coveredLineIds: [] });
      const decided = ok(await t.http().post(`${claimUrl}/${claim.id}/decide`).set(await as('service_advisor')).send({ decision: 'accepted', resolution: '免费更换制动片' }));
      expect(decided).toMatchObject({ status: 'accepted', resolution: '免费更换制动片' });
      refused(await t.http().post(`${claimUrl}/${claim.id}/decide`).set(await as('service_advisor')).send({ decision: 'rejected', resolution: 'x' }), 409, 'RO_WARRANTY_CLAIM_DECIDED');
      expect(ok(await t.http().get(claimUrl).set(await as('technician'))).map((c: { status: string }) => c.status)).toEqual(['accepted', 'open']);
      refused(await t.http().get(claimUrl).set(await as('manager')), 404, 'NOT_FOUND');
      // The site's claims (RO-10): open ones first, by status and a part of the plate, with the vehicle and the customer.
      const siteClaims = `/api/v1/repair-orders/warranty-claims?siteId=${serviceId}`;
      const all = ok(await t.http().get(siteClaims).set(await as('technician')));
      expect(all.items.map((c: { id: string }) => c.id)).toEqual([outOfKm.id, claim.id]);
      expect(all.items[1]).toMatchObject({ orderId: o.id, plate: o.plate, customerName: '王先生', status: 'accepted', assessment: { inPeriod: true } });
      expect(ok(await t.http().get(`${siteClaims}&status=accepted`).set(await as('service_advisor'))).items.map((c: { id: string }) => c.id)).toEqual([claim.id]);
      expect(ok(await t.http().get(`${siteClaims}&plate=${encodeURIComponent(o.plate.slice(-4).toLowerCase())}`).set(await as('service_advisor'))).total).toBe(2);
      refused(await t.http().get(siteClaims).set(await as('manager')), 404, 'NOT_FOUND'); // another site's manager
      refused(await t.http().get(`${siteClaims}&status=lost`).set(await as('service_advisor')), 400, 'VALIDATION_FAILED');
      const done = ok(await t.http().get(`/api/v1/repair-orders/follow-ups?siteId=${serviceId}&status=done`).set(await as('service_advisor')));
      expect(done.items.find((x: { orderId: string }) => x.orderId === o.id)).toMatchObject({ status: 'done', openCase: true });
    });

    it('RO-9 + GEN-6: a 15 % discount waits in the approvals inbox for the manager; the decision there settles it on the order', async () => {
      const id = await signed();
      ok(await cmd(id, 'check-in', 'service_advisor', checkIn()));
      ok(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'mechanical' }, receiverId: await t.ids.user('technician'), receiverName: '冯技师' }));
      ok(await cmd(id, 'start-work', 'technician', { lineId: 'L1' }));
      ok(await cmd(id, 'finish-work', 'technician', { lineId: 'L1' }));
      ok(await cmd(id, 'complete', 'technician'));
      ok(await cmd(id, 'quality-check', 'ro-supervisor', { passed: true, notes: '正常' }));
      const ready = ok(await cmd(id, 'prepare-delivery', 'service_advisor', { cleaned: true, belongingsReturned: true }));
      const amount = Math.round(ready.totalFen * 0.15);
      refused(await cmd(id, 'request-discount', 'service_advisor', { amountFen: ready.totalFen + 1, reason: '老客户' }), 422, 'RO_DISCOUNT_TOO_LARGE');
      expect(ok(await cmd(id, 'request-discount', 'service_advisor', { amountFen: amount, reason: '老客户' })).discount.approverRole).toBe('manager');
      const awaiting = async () => (await t.db.query(`SELECT awaiting_answer FROM repair_order WHERE id = $1`, [id]))[0].awaiting_answer;
      expect(await awaiting()).toBe(true); // RO-9: waits for the approval
      refused(await cmd(id, 'decide-discount', 'ro-supervisor', { decision: 'approved' }), 403, 'APPROVER_ROLE_REQUIRED');
      const inbox = ok(await t.http().get(`/api/v1/approvals?siteId=${serviceId}&status=pending`).set(await as('service_manager')));
      const approval = inbox.items.find((a: { subjectId: string }) => a.subjectId === id);
      expect(approval).toMatchObject({ type: 'repair_order.discount', approverRole: 'manager' });
      ok(await t.http().post(`/api/v1/approvals/${approval.id}/decision`).set(await as('service_manager')).send({ decision: 'approved', comment: '同意' }));
      const after = await get(id);
      expect(after.discount.decision).toMatchObject({ decision: 'approved', comment: '同意' });
      expect(await awaiting()).toBe(false); // decided in the approvals inbox: written with the order
      expect(after.timeline.map((e: { type: string }) => e.type)).toContain('repair_order.discount_approved');
      expect(ok(await cmd(id, 'settle', 'ro-cashier', { paidFen: ready.totalFen - amount })).settlement).toMatchObject({ discountFen: amount, receivableFen: 0 });
    });

    it('RO-4: a declined order leaves with the exit notice and the diagnosis fee; never after check-in', async () => {
      const o = await opened();
      ok(await cmd(o.id, 'consent-diagnosis', 'service_advisor', { signer: '王先生' }));
      ok(await cmd(o.id, 'record-diagnosis', 'service_advisor', { findings: '异响', recommendation: '更换', reportHandedOver: true }));
      const d = ok(await cmd(o.id, 'decline', 'service_advisor', { kind: 'declined', reason: '价格太高' }));
      expect(d).toMatchObject({ state: 'declined', exitNotice: { kind: 'declined', feeFen: 10_000, feeLines: ['diagnosis'] }, decline: { feeFen: 10_000 } });
      const id = await signed();
      ok(await cmd(id, 'check-in', 'service_advisor', checkIn()));
      refused(await cmd(id, 'decline', 'service_advisor', { kind: 'declined', reason: 'x' }), 409, 'RO_TRANSITION_NOT_ALLOWED');
      refused(await t.http().post(`/api/v1/repair-orders/${id}/warranty-claims`).set(await as('service_advisor')).send({ lineIds: ['L1'], description: '异响', odometerKm: 43_000 }), 409, 'RO_TRANSITION_NOT_ALLOWED');
    });

    it('RO-6: multi-team work goes to the workshop lead, received by staff of the site; GEN-10: the order is handed over explicitly', async () => {
      const id = await signed([line('L1'), line('L2', { team: 'body' })]);
      ok(await cmd(id, 'check-in', 'service_advisor', checkIn()));
      const tech = await t.ids.user('technician');
      refused(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'mechanical' }, receiverId: tech, receiverName: '冯技师' }), 422, 'RO_DISPATCH_MULTI_TEAM');
      refused(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'workshop_lead' }, receiverId: await t.ids.user('consultant'), receiverName: '李顾问' }), 400, 'VALIDATION_FAILED');
      expect(ok(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'workshop_lead' }, receiverId: tech, receiverName: '冯技师' })).dispatch.target).toEqual({ kind: 'workshop_lead' });
      const manager = await t.ids.user('service_manager');
      refused(await cmd(id, 'hand-over', 'technician', { toUserId: manager, reason: '轮休' }), 403, 'RO_ROLE_REQUIRED');
      refused(await cmd(id, 'hand-over', 'service_advisor', { toUserId: await t.ids.user('consultant'), reason: '轮休' }), 400, 'VALIDATION_FAILED');
      const handed = ok(await cmd(id, 'hand-over', 'service_advisor', { toUserId: manager, reason: '轮休' }));
      expect(handed).toMatchObject({ advisorId: manager, advisorName: '孙服务经理' });
      const [h] = await t.db.query(`SELECT from_user_id, to_user_id, reason FROM handover WHERE subject_type = 'repair_order' AND subject_id = $1`, [id]);
      expect(h).toEqual({ from_user_id: await t.ids.user('service_advisor'), to_user_id: manager, reason: '轮休' });
    });

    it('RO-8: the progress-check job records the check due once, read from stored times (GEN-8)', async () => {
      const id = await signed();
      ok(await cmd(id, 'check-in', 'service_advisor', checkIn()));
      const d = ok(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'workshop_lead' }, receiverId: await t.ids.user('technician'), receiverName: '冯技师' }));
      const svc = t.app.get(RepairOrdersService);
      const inWindow = new Date(new Date(d.progressCheck.from).getTime() + 60_000);
      expect(await t.db.transaction((em) => svc.recordProgressCheckDue(em, id, new Date(Date.now())))).toBe('not_yet');
      expect(await t.db.transaction((em) => svc.recordProgressCheckDue(em, id, inWindow))).toBe('due');
      expect(await t.db.transaction((em) => svc.recordProgressCheckDue(em, id, inWindow))).toBe('due');
      const events = await t.db.query(`SELECT type FROM repair_order_event WHERE order_id = $1 AND type LIKE 'repair_order.progress_check_%'`, [id]);
      expect(events).toEqual([{ type: 'repair_order.progress_check_due' }]);
      const [overdue] = await t.db.query(`SELECT run_at FROM job WHERE dedupe_key = $1`, [`repair_order.progress_check:${id}:${d.progressCheck.to}:overdue`]);
      expect(new Date(overdue.run_at).toISOString()).toBe(d.progressCheck.to);
      refused(await cmd(id, 'record-progress-check', 'service_advisor', { anomalies: '配件缺货' }), 400, 'RO_DATA_REQUIRED');
      const checked = ok(await cmd(id, 'record-progress-check', 'service_advisor', { anomalies: '配件缺货', action: '已调货' }));
      expect(checked.timeline.map((e: { type: string }) => e.type)).toContain('repair_order.progress_anomaly');
    });
  });

  describe('access and bad input', () => {
    it("another site's order is a 404, a role without access a 403, bad input a 4xx that writes nothing", async () => {
      const o = await opened();
      refused(await t.http().get(`/api/v1/repair-orders/${o.id}`).set(await as('manager')), 404, 'NOT_FOUND');
      refused(await cmd(o.id, 'consent-diagnosis', 'manager', { signer: '王先生' }), 404, 'NOT_FOUND');
      refused(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}`).set(await as('manager')), 404, 'NOT_FOUND');
      refused(await t.http().get(`/api/v1/repair-orders/${o.id}`).set(await as('cs_agent')), 403, 'FORBIDDEN');
      refused(await cmd(o.id, 'consent-diagnosis', 'cs_agent', { signer: '王先生' }), 403, 'RO_ROLE_REQUIRED');
      refused(await t.http().post('/api/v1/repair-orders').set(await as('technician')).send({ vehicleId: o.vehicleId, category: 'maintenance' }), 403, 'RO_ROLE_REQUIRED');
      refused(await t.http().post('/api/v1/repair-orders').set(await as('manager')).send({ vehicleId: o.vehicleId, category: 'maintenance' }), 404, 'NOT_FOUND');
      refused(await t.http().put('/api/v1/repair-orders/policy').set(await as('service_advisor')).send({ siteId: serviceId, policy: {} }), 403, 'FORBIDDEN');
      const before = await databaseFingerprint(t.db);
      for (const body of [{}, { lines: [], promisedAt: promised() }, { lines: [line('L1', { labourHundredths: -1 })], promisedAt: promised() }, { lines: [line('L1')], promisedAt: '2020-01-01T00:00:00Z' }, { lines: [line('L1')], promisedAt: 'soon' }]) {
        const res = await cmd(o.id, 'estimate', 'service_advisor', body);
        expect([res.status, isProblem(res)]).toEqual([400, true]);
      }
      refused(await cmd(o.id, 'estimate', 'service_advisor', { method: 'item', lines: [line('L1')], promisedAt: promised() }), 422, 'RO_ITEM_PRICING_NOTICE_REQUIRED');
      refused(await cmd(o.id, 'sign', 'service_advisor', { signer: '王先生', version: 0 }), 409, 'RO_TRANSITION_NOT_ALLOWED');
      refused(await t.http().put('/api/v1/repair-orders/policy').set(await as('service_manager')).send({ siteId: serviceId, policy: { preset: 'nope' } }), 400, 'VALIDATION_FAILED');
      refused(await t.http().put('/api/v1/repair-orders/key-cabinet').set(await as('service_manager')).send({ siteId: serviceId, tags: ['A', 'A'] }), 400, 'VALIDATION_FAILED');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('the manager publishes a new policy version; orders keep the version they were opened under', async () => {
      const current = ok(await t.http().get(`/api/v1/repair-orders/policy?siteId=${serviceId}`).set(await as('technician')));
      expect(current.policy.preset).toBe('vehicle-service-centre');
      const o = await opened();
      const published = ok(await t.http().put('/api/v1/repair-orders/policy').set(await as('service_manager')).send({ siteId: serviceId, policy: { ...current.policy, fees: { diagnosisFen: 5_000, estimateFen: 2_000 } } }));
      expect(published.version).toBe(current.version + 1);
      const fresh = await opened();
      expect(fresh.policyVersion).toBe(published.version);
      for (const id of [o.id, fresh.id]) ok(await cmd(id, 'estimate', 'service_advisor', { lines: [line('L1')], promisedAt: promised() }));
      expect(ok(await cmd(o.id, 'decline', 'service_advisor', { kind: 'appointment', reason: '改约' })).exitNotice.feeFen).toBe(0);
      expect(ok(await cmd(fresh.id, 'decline', 'service_advisor', { kind: 'appointment', reason: '改约' })).exitNotice.feeFen).toBe(2_000);
    });
  });

  describe('RO-5 one key tag, one open order', () => {
    it('100 parallel check-ins asking for one tag → exactly one 200, 99 × 409 RO_KEY_TAG_IN_USE, one open order on the tag', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(...(await Promise.all(Array.from({ length: 10 }, () => signed()))));
      const token = await t.token('service_advisor');
      const results = await Promise.all(ids.map((id) => t.http().post(`/api/v1/repair-orders/${id}/check-in`).set('authorization', `Bearer ${token}`).send(checkIn({ keyTag: 'K100' }))));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'RO_KEY_TAG_IN_USE' && isProblem(r))).toBe(true);
      const holders = await t.db.query(`SELECT id FROM repair_order WHERE site_id = $1 AND key_tag = 'K100' AND state = 'checked_in'`, [serviceId]);
      expect(holders.map((h: { id: string }) => h.id)).toEqual([results.find((r) => r.status === 200)!.body.id]);
      // Without a request, parallel check-ins each get a different free tag.
      const rest = ids.filter((id) => !holders.some((h: { id: string }) => h.id === id)).slice(0, 20);
      const auto = await Promise.all(rest.map((id) => t.http().post(`/api/v1/repair-orders/${id}/check-in`).set('authorization', `Bearer ${token}`).send(checkIn())));
      expect(auto.map((r) => r.status)).toEqual(rest.map(() => 200));
      expect(new Set(auto.map((r) => r.body.keyTag)).size).toBe(20);
    });

    it('the partial unique index refuses a second open order on a tag even without the application', async () => {
      const a = await signed();
      const b = await signed();
      ok(await cmd(a, 'check-in', 'service_advisor', checkIn({ keyTag: 'K099' })));
      await expect(t.db.query(`UPDATE repair_order SET state = 'checked_in', key_tag = 'K099' WHERE id = $1`, [b])).rejects.toThrow(/UQ_repair_order_key_tag/);
      // A tag held by an open order stays in the cabinet.
      refused(await t.http().put('/api/v1/repair-orders/key-cabinet').set(await as('service_manager')).send({ siteId: serviceId, tags: ['K001'] }), 400, 'VALIDATION_FAILED');
    });
  });

  it('the migration computes awaiting_answer from the stored orders as the commands wrote it (the domain\'s awaitingAnswer)', async () => {
    // One order waiting for the customer's answer to additional work, besides every order the tests above left.
    const id = await signed();
    ok(await cmd(id, 'check-in', 'service_advisor', checkIn()));
    ok(await cmd(id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'mechanical' }, receiverId: await t.ids.user('technician'), receiverName: '冯技师' }));
    ok(await cmd(id, 'report-additional-work', 'technician', { lines: [line('A9', { part: null })], delayMinutes: 30 }));
    const written: { id: string; awaiting_answer: boolean }[] = await t.db.query(`SELECT id, awaiting_answer FROM repair_order ORDER BY id`);
    expect(written.find((r) => r.id === id)?.awaiting_answer).toBe(true);
    expect(written.filter((r) => !r.awaiting_answer).length).toBeGreaterThan(5);
    await t.db.query(`UPDATE repair_order SET awaiting_answer = false`);
    await backfillAwaitingAnswer({ query: (sql: string, params?: unknown[]) => t.db.query(sql, params) });
    expect(await t.db.query(`SELECT id, awaiting_answer FROM repair_order ORDER BY id`)).toEqual(written);
  });
});
