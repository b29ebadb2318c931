import ExcelJS from 'exceljs';
import { makeUsers } from './support/reservation.js';
import { ok, readBinary, refused, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue #7: RO-12 statistics on the settlement columns, the ticket statistics download, who reads
 * the ticket categories (and the other GET routes' roles), and the desk's list flags.
 */
describe('repair orders, issue #7: settlement columns, ticket statistics download, reads for the call centre, list flags', () => {
  let t: TestApp;
  let serviceId: string;
  let salesId: string;
  let plateSeq = 0;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const binary = (req: any) => req.buffer(true).parse(readBinary);
  const cmd = async (id: string, command: string, who: string, body: object = {}) => t.http().post(`/api/v1/repair-orders/${id}/${command}`).set(await as(who)).send(body);
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const line = (id: string, extra: object = {}) => ({ id, description: `工项 ${id}`, system: 'brakes', labourHundredths: 100, part: { supplier: 'workshop', origin: 'oem', priceFen: 20_000, name: '制动片' }, team: 'mechanical', ...extra });
  const checkIn = { documents: { received: ['行驶证'] }, inspection: { exterior: '正常', interior: '正常', instruments: '正常', anomalies: [] }, belongings: { items: [], signedBy: '赵先生' }, fuelPercent: 40, odometerKm: 30_010 };

  /** An order of its own vehicle, signed, checked in and dispatched to the technician. */
  async function dispatched(type = 'suv') {
    const v = ok(
      await t.http().post('/api/v1/vehicles').set(await as('service_advisor')).send({
        siteId: serviceId, name: '赵先生', address: '北京市海淀区1号', phone: '139 0013 9000', visitDate: today(),
        vehicle: { model: '本田 CR-V', plate: `京Q${String(20000 + ++plateSeq).slice(-5)}`, type, odometerKm: 30_000 }, workDone: '保养', wishes: null,
      }),
      201,
    );
    const o = ok(await t.http().post('/api/v1/repair-orders').set(await as('service_advisor')).send({ vehicleId: v.id, category: 'repair' }), 201);
    const e = ok(await cmd(o.id, 'estimate', 'service_advisor', { lines: [line('L1')], promisedAt: new Date(Date.now() + 4 * 3_600_000).toISOString() }));
    ok(await cmd(o.id, 'sign', 'service_advisor', { signer: '赵先生', version: e.version }));
    ok(await cmd(o.id, 'check-in', 'service_advisor', checkIn));
    ok(await cmd(o.id, 'dispatch', 'service_advisor', { target: { kind: 'team', team: 'mechanical' }, receiverId: await t.ids.user('technician'), receiverName: '冯技师' }));
    return o.id as string;
  }
  /** …worked, completed, checked by another technician and delivered: ready to settle. */
  async function ready(type = 'suv') {
    const id = await dispatched(type);
    ok(await cmd(id, 'start-work', 'technician', { lineId: 'L1' }));
    ok(await cmd(id, 'finish-work', 'technician', { lineId: 'L1' }));
    ok(await cmd(id, 'complete', 'technician'));
    ok(await cmd(id, 'quality-check', 'ro7-tech2', { passed: true, notes: '正常' }));
    return ok(await cmd(id, 'prepare-delivery', 'service_advisor', { cleaned: true, belongingsReturned: true }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = await t.ids.site('demo-service');
    salesId = await t.ids.site('demo-sales');
    await makeUsers(t, serviceId, 'cashier', ['ro7-cashier']);
    await makeUsers(t, serviceId, 'technician', ['ro7-tech2']);
    await makeUsers(t, serviceId, 'supervisor', ['ro7-supervisor']);
    await makeUsers(t, serviceId, 'cs_agent', ['ro7-cs']);
    await makeUsers(t, serviceId, 'clerk', ['ro7-clerk']);
    await makeUsers(t, salesId, 'clerk', ['ro7-sales-clerk']);
    await makeUsers(t, salesId, 'service_advisor', ['ro7-sales-advisor']);
    for (const who of ['service_advisor', 'technician', 'service_manager', 'cs_agent', 'supervisor', 'ro7-cashier', 'ro7-tech2', 'ro7-supervisor', 'ro7-cs', 'ro7-clerk', 'ro7-sales-clerk', 'ro7-sales-advisor']) await t.token(who);
  });
  afterAll(() => t.close());

  describe('RO-12 statistics on the settlement columns', () => {
    it('the settle step writes settled_at, due_fen, paid_fen (and vehicle_type) with data, in the same statement', async () => {
      const r = await ready('mpv');
      const [before] = await t.db.query(`SELECT vehicle_type, settled_at, due_fen, paid_fen FROM repair_order WHERE id = $1`, [r.id]);
      expect(before).toEqual({ vehicle_type: 'mpv', settled_at: null, due_fen: null, paid_fen: null });
      const settled = ok(await cmd(r.id, 'settle', 'ro7-cashier', { paidFen: 5_000 }));
      const [row] = await t.db.query(`SELECT vehicle_type, settled_at, due_fen::int AS due, paid_fen::int AS paid, data->'settlement' AS s FROM repair_order WHERE id = $1`, [r.id]);
      expect(row).toMatchObject({ vehicle_type: 'mpv', due: settled.settlement.dueFen, paid: 5_000 });
      expect(new Date(row.settled_at).toISOString()).toBe(settled.settlement.at);
      expect(row.s).toMatchObject({ at: settled.settlement.at, dueFen: row.due, paidFen: 5_000 });
      // The columns stay with the order through exit.
      ok(await cmd(r.id, 'exit', 'service_advisor', { documents: { repairOrder: true, settlement: true, warrantyCertificate: true, vehicleDocuments: true, key: true }, signer: '赵先生', version: settled.version }));
      const [after] = await t.db.query(`SELECT settled_at, due_fen::int AS due FROM repair_order WHERE id = $1`, [r.id]);
      expect(after).toEqual({ settled_at: row.settled_at, due: row.due });
      // Every order written in this database so far agrees with its data (the API writes both together).
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM repair_order
          WHERE vehicle_type IS DISTINCT FROM data->'vehicle'->>'type'
             OR settled_at IS DISTINCT FROM (CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'at')::timestamptz END)
             OR due_fen IS DISTINCT FROM (CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'dueFen')::bigint END)
             OR paid_fen IS DISTINCT FROM (CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'paidFen')::bigint END)`,
      );
      expect(n).toBe(0);
    });

    it('a settled order counts in the month of its settled_at column (the statistics read the columns, not data)', async () => {
      const r = await ready('truck');
      const settled = ok(await cmd(r.id, 'settle', 'ro7-cashier', { paidFen: 1_000 }));
      const due = settled.settlement.dueFen as number;
      const month = async (from: string, to: string) => t.http().get(`/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${from}&to=${to}`).set(await as('ro7-cashier'));
      const mine = (rows: any[]) => rows.find((x) => x.byVehicleType.truck);
      expect(mine(ok(await month(today(), today())).rows)).toMatchObject({ byVehicleType: { truck: 1 } });
      // Move only the column (data still says today): the order leaves this month and counts in March 2020, 23:30 Shanghai time of the 31st.
      await t.db.query(`UPDATE repair_order SET settled_at = '2020-03-31T15:30:00Z', due_fen = 77700, paid_fen = 700 WHERE id = $1`, [r.id]);
      expect(mine(ok(await month(today(), today())).rows) ?? null).toBeNull();
      expect(ok(await month('2020-03-01', '2020-03-31')).rows).toEqual([{ period: '2020-03', vehicles: 1, byVehicleType: { truck: 1 }, byCategory: { repair: 1 }, revenueFen: 77_700, paidFen: 700, receivablesFen: 77_000 }]);
      expect(ok(await month('2020-04-01', '2020-04-30')).rows).toEqual([]);
      expect(due).toBeGreaterThan(0);
      // The plan is an index range on (site_id, settled_at), not a scan of the site's history.
      const plan = await t.db.transaction(async (em) => {
        // A test database is tiny (a sequential scan would win); the question is whether the index serves the range.
        await em.query('SET LOCAL enable_seqscan = off');
        const rows = await em.query(`EXPLAIN SELECT id FROM repair_order WHERE site_id = $1 AND settled_at IS NOT NULL AND settled_at >= $2 AND settled_at < $3`, [serviceId, '2020-03-01', '2020-04-01']);
        return rows.map((x: Record<string, string>) => Object.values(x)[0]).join('\n');
      });
      expect(plan).toContain('IDX_repair_order_settled');
    });
  });

  describe('RO-11/RO-12 ticket statistics as CSV and XLSX', () => {
    it('the supervisor downloads the month by department; CSV read back, XLSX opened; the call-centre agent may not', async () => {
      const intake = { siteId: salesId, problem: '厨房水管漏水', address: '5栋1单元302', name: '周女士', phone: '13900139000', category: 'water', readBack: { problem: true, address: true, name: true, phone: true } };
      const ticket = ok(await t.http().post('/api/v1/repair-tickets').set(await as('cs_agent')).send(intake), 201);
      ok(await t.http().post(`/api/v1/repair-tickets/${ticket.id}/dispatch`).set(await as('cs_agent')).send({}));
      ok(await t.http().post(`/api/v1/repair-tickets/${ticket.id}/report-done`).set(await as('cs_agent')).send({ report: '已修复' }));
      const q = `siteId=${salesId}&period=month&from=${today()}&to=${today()}`;
      const json = ok(await t.http().get(`/api/v1/repair-tickets/statistics?${q}`).set(await as('supervisor')));
      const eng = json.rows.find((r: { department: string }) => r.department === 'engineering');
      expect(eng.received).toBeGreaterThanOrEqual(1);

      const csv = await binary(t.http().get(`/api/v1/repair-tickets/statistics?${q}&format=csv`).set(await as('supervisor')));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain(`repair-tickets-`);
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\ufeff期间 period,部门 department,受理 received,')).toBe(true);
      const lines = text.trim().split('\r\n').map((l) => l.split(','));
      expect(lines).toHaveLength(json.rows.length + 1);
      const row = lines.find((l) => l[1] === 'engineering')!;
      const m = (v: number | null) => (v == null ? '' : String(Math.round(v * 10) / 10));
      expect(row).toEqual([today().slice(0, 7), 'engineering', String(eng.received), String(eng.done), String(eng.open), String(eng.breached), m(eng.timeToDone.median), m(eng.timeToDone.p90), m(eng.businessTimeToDone.median), m(eng.businessTimeToDone.p90), m(eng.timeToClose.median), m(eng.timeToClose.p90)]);

      const xlsx = await binary(t.http().get(`/api/v1/repair-tickets/statistics?${q}&format=xlsx`).set(await as('supervisor')));
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      const body = xlsx.body as Buffer;
      await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.name).toBe('报修统计 month');
      expect(String(ws.getRow(1).getCell(1).value)).toContain('Repair ticket statistics');
      expect(ws.getRow(2).getCell(2).value).toBe('部门 department');
      const cells = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      const found = [3, 4, 5, 6, 7].map(cells).find((c) => c[1] === 'engineering')!;
      expect(found.slice(0, 6)).toEqual([today().slice(0, 7), 'engineering', eng.received, eng.done, eng.open, eng.breached]);

      refused(await t.http().get(`/api/v1/repair-tickets/statistics?${q}&format=csv`).set(await as('cs_agent')), 403, 'FORBIDDEN');
      expect((await t.http().get(`/api/v1/repair-tickets/statistics?${q}&format=pdf`).set(await as('supervisor'))).status).toBe(400);
    });
  });

  describe('who may read what (GEN-7)', () => {
    it('the call-centre desk (cs_agent, clerk) reads the ticket categories and departments, not the whole repair policy', async () => {
      for (const who of ['cs_agent', 'ro7-sales-clerk']) {
        const c = ok(await t.http().get(`/api/v1/repair-tickets/categories?siteId=${salesId}`).set(await as(who)));
        expect(c.policyVersion).toBeGreaterThanOrEqual(1);
        expect(c.categories).toEqual(expect.arrayContaining([{ code: 'water', name: '水路', department: 'engineering', paid: false }]));
        expect(c.departments.map((d: { code: string }) => d.code)).toContain('engineering');
        expect(Object.keys(c.categories[0]).sort()).toEqual(['code', 'department', 'name', 'paid']);
        refused(await t.http().get(`/api/v1/repair-orders/policy?siteId=${salesId}`).set(await as(who)), 403, 'FORBIDDEN');
      }
      // The service centre's own desk too (its roadside category goes to the workshop).
      for (const who of ['ro7-cs', 'ro7-clerk', 'technician', 'ro7-cashier', 'ro7-supervisor', 'service_manager']) {
        const c = ok(await t.http().get(`/api/v1/repair-tickets/categories?siteId=${serviceId}`).set(await as(who)));
        expect(c.categories.length).toBeGreaterThan(0);
      }
      // Roles without the ticket desk: a 403; another site: 404; bad input: 400.
      refused(await t.http().get(`/api/v1/repair-tickets/categories?siteId=${salesId}`).set(await as('ro7-sales-advisor')), 403, 'FORBIDDEN');
      refused(await t.http().get(`/api/v1/repair-tickets/categories?siteId=${salesId}`).set(await as('ro7-cs')), 404, 'NOT_FOUND');
      expect((await t.http().get(`/api/v1/repair-tickets/categories?siteId=nope`).set(await as('cs_agent'))).status).toBe(400);
      expect((await t.http().get(`/api/v1/repair-tickets/categories?siteId=${salesId}`)).status).toBe(401);
    });

    it('each role reads what its commands need: orders for the service desk, workshop and cashier; tickets for the call centre', async () => {
      const orders = `/api/v1/repair-orders?siteId=${serviceId}`;
      const tickets = `/api/v1/repair-tickets?siteId=${serviceId}`;
      const stats = `/api/v1/repair-orders/statistics?siteId=${serviceId}&period=month&from=${today()}&to=${today()}`;
      const cases: [string, string, number][] = [
        ['service_advisor', orders, 200], ['technician', orders, 200], ['ro7-cashier', orders, 200], ['ro7-supervisor', orders, 200], ['service_manager', orders, 200],
        ['ro7-cs', orders, 403], ['ro7-clerk', orders, 403],
        ['ro7-cs', tickets, 200], ['ro7-clerk', tickets, 200], ['technician', tickets, 200], ['ro7-cashier', tickets, 200], ['ro7-supervisor', tickets, 200], ['service_advisor', tickets, 403],
        ['ro7-cashier', stats, 200], ['ro7-supervisor', stats, 200], ['service_manager', stats, 200], ['service_advisor', stats, 403], ['technician', stats, 403], ['ro7-cs', stats, 403],
        ['ro7-cs', `/api/v1/repair-orders/policy?siteId=${serviceId}`, 403], ['technician', `/api/v1/repair-orders/policy?siteId=${serviceId}`, 200],
      ];
      for (const [who, url, status] of cases) {
        const res = await t.http().get(url).set(await as(who));
        if (res.status !== status) throw new Error(`${who} GET ${url}: expected ${status}, got ${res.status}`);
      }
    });
  });

  describe('the desk list flags (RO-7, RO-8, RO-9, RO-10)', () => {
    it('the list item says what each order waits for, for the whole page at once', async () => {
      const a = await dispatched();
      ok(await cmd(a, 'report-additional-work', 'technician', { lines: [line('A1', { part: null }), line('A2', { part: null })], delayMinutes: 30 }));
      const b = (await ready()).id as string;
      ok(await cmd(b, 'request-discount', 'service_advisor', { amountFen: 1_000, reason: '老客户' }));
      const c = await dispatched();
      // RO-8: the check window opened (moved back in time: dispatch 3 h ago, promised in 1 h).
      await t.db.query(
        `UPDATE repair_order SET data = jsonb_set(jsonb_set(data, '{dispatch,at}', to_jsonb(to_char((now() - interval '3 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '{promisedAt}', to_jsonb(to_char((now() + interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) WHERE id = $1`,
        [c],
      );
      const page = ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&pageSize=100`).set(await as('service_advisor')));
      const item = (id: string) => page.items.find((x: { id: string }) => x.id === id);
      expect(item(a).pending).toEqual({ additionalAwaitingCustomer: 2, discountAwaitingApproval: false, progressCheckDue: false, followUpDue: false });
      expect(item(b).pending).toEqual({ additionalAwaitingCustomer: 0, discountAwaitingApproval: true, progressCheckDue: false, followUpDue: false });
      expect(item(c).pending).toEqual({ additionalAwaitingCustomer: 0, discountAwaitingApproval: false, progressCheckDue: true, followUpDue: false });
      // The detail says the same.
      expect(ok(await t.http().get(`/api/v1/repair-orders/${a}`).set(await as('service_advisor'))).pending.additionalAwaitingCustomer).toBe(2);

      // Answered → no longer waiting.
      ok(await cmd(a, 'record-additional-consent', 'service_advisor', { lineIds: ['A1', 'A2'], decision: 'no', channel: 'phone', workshopToldName: '冯技师' }));
      ok(await cmd(b, 'decide-discount', 'ro7-supervisor', { decision: 'approved' }));
      ok(await cmd(c, 'record-progress-check', 'service_advisor', { anomalies: null, action: null }));
      const again = ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&pageSize=100`).set(await as('service_advisor')));
      for (const id of [a, b, c]) expect(again.items.find((x: { id: string }) => x.id === id).pending).toEqual({ additionalAwaitingCustomer: 0, discountAwaitingApproval: false, progressCheckDue: false, followUpDue: false });

      // RO-10: an exited order's follow-up call, due once its planned time has passed.
      const settled = ok(await cmd(b, 'settle', 'ro7-cashier', { paidFen: 0 }));
      ok(await cmd(b, 'exit', 'service_advisor', { documents: { repairOrder: true, settlement: true, warrantyCertificate: true, vehicleDocuments: true, key: true }, signer: '赵先生', version: settled.version }));
      const exited = ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&state=exited&pageSize=100`).set(await as('service_advisor')));
      expect(exited.items.find((x: { id: string }) => x.id === b).pending.followUpDue).toBe(false);
      await t.db.query(
        `UPDATE repair_order SET data = jsonb_set(data, '{followUp,plannedAt}', to_jsonb(to_char((now() - interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) WHERE id = $1`,
        [b],
      );
      const due = ok(await t.http().get(`/api/v1/repair-orders?siteId=${serviceId}&state=exited&pageSize=100`).set(await as('service_advisor')));
      expect(due.items.find((x: { id: string }) => x.id === b).pending.followUpDue).toBe(true);
    });
  });
});
