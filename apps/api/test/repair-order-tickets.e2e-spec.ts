import { RepairTicketsService } from '../src/modules/repair-order/repair-tickets.service.js';
import { databaseFingerprint, ok, refused, startTestApp, type TestApp } from './support/test-app.js';

describe('RO-11 property repair tickets: intake with read-back, work tickets with time limits, fee tickets, follow-up', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const intake = (extra: object = {}) => ({ siteId, problem: '卫生间水管漏水', address: '3栋2单元501', name: '李女士', phone: '13800138000', category: 'water', readBack: { problem: true, address: true, name: true, phone: true }, ...extra });
  const create = async (extra: object = {}, who = 'cs_agent') => t.http().post('/api/v1/repair-tickets').set(await as(who)).send(intake(extra));
  const cmd = async (id: string, command: string, who: string, body: object = {}) => t.http().post(`/api/v1/repair-tickets/${id}/${command}`).set(await as(who)).send(body);
  const answers = (extra: object = {}) => ({ answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '', ...extra } });

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    for (const who of ['cs_agent', 'supervisor', 'cashier', 'consultant', 'service_manager', 'manager']) await t.token(who);
  });
  afterAll(() => t.close());

  it('intake: each answer read back (003 跟读确认); the desk takes calls; another site is a 404; a refusal writes nothing', async () => {
    const before = await databaseFingerprint(t.db);
    const notRead = await create({ readBack: { problem: true, address: true, name: true, phone: false } });
    refused(notRead, 400, 'TICKET_INTAKE_INVALID');
    expect(notRead.body.errors.map((e: { field: string }) => e.field)).toEqual(['readBack.phone']);
    refused(await create({ category: 'nope' }), 400, 'TICKET_INTAKE_INVALID');
    refused(await create({}, 'consultant'), 403, 'TICKET_ROLE_REQUIRED');
    refused(await create({}, 'service_manager'), 404, 'NOT_FOUND');
    expect((await create({ readBack: 'yes' })).status).toBe(400);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const ticket = ok(await create(), 201);
    expect(ticket).toMatchObject({ state: 'received', ownerName: '郑客服', category: 'water', paid: false, timing: { status: 'not_issued' } });
    refused(await t.http().get(`/api/v1/repair-tickets/${ticket.id}`).set(await as('service_manager')), 404, 'NOT_FOUND');
  });

  it("a work ticket to the category's department with its time limit; the job records the reminder and the breach once (GEN-8); unsolved at follow-up → a new ticket one level up", async () => {
    const ticket = ok(await create(), 201);
    refused(await cmd(ticket.id, 'dispatch', 'cs_agent', { department: 'nope' }), 400, 'TICKET_DEPARTMENT_UNKNOWN');
    const d = ok(await cmd(ticket.id, 'dispatch', 'cs_agent', {}));
    expect(d).toMatchObject({ state: 'dispatched', department: 'engineering', timing: { workTicket: 1, status: 'running', level: 0, role: 'cs_agent' } });
    const issued = new Date(d.workTickets[0].issuedAt).getTime();
    // The property preset's departments work around the clock: 4 h limit, reminder at 75 %.
    expect(new Date(d.timing.dueAt).getTime() - issued).toBe(4 * 3_600_000);
    expect(new Date(d.timing.reminderAt).getTime() - issued).toBe(3 * 3_600_000);
    const [job] = await t.db.query(`SELECT run_at FROM job WHERE name = 'repair_ticket.timer' AND payload->>'ticketId' = $1`, [ticket.id]);
    expect(new Date(job.run_at).toISOString()).toBe(d.timing.reminderAt);
    const svc = t.app.get(RepairTicketsService);
    const at = (ms: number) => new Date(issued + ms);
    expect(await t.db.transaction((em) => svc.recordTiming(em, ticket.id, at(3 * 3_600_000 + 60_000)))).toBe('reminder_due');
    expect(await t.db.transaction((em) => svc.recordTiming(em, ticket.id, at(4 * 3_600_000 + 60_000)))).toBe('breached');
    expect(await t.db.transaction((em) => svc.recordTiming(em, ticket.id, at(4 * 3_600_000 + 60_000)))).toBe('breached');
    const recorded = await t.db.query(`SELECT type, data->>'role' AS role FROM repair_ticket_event WHERE ticket_id = $1 AND actor_id IS NULL ORDER BY at`, [ticket.id]);
    expect(recorded).toEqual([
      { type: 'ticket.reminder_due', role: null },
      { type: 'ticket.breached', role: 'supervisor' },
    ]);
    // A free service charges nothing.
    refused(await cmd(ticket.id, 'report-done', 'cs_agent', { report: '已更换阀门', fee: [{ description: '阀门', amountFen: 3000 }] }), 422, 'TICKET_NOT_PAID_SERVICE');
    const done = ok(await cmd(ticket.id, 'report-done', 'cs_agent', { report: '已更换阀门' }));
    expect(done).toMatchObject({ state: 'done', report: '已更换阀门', feeTicket: null });
    expect(done.followUp.assigneeRole).toBeTruthy();
    // CMP-10: not solved → a new work ticket, starting one level up.
    const again = ok(await cmd(ticket.id, 'record-follow-up', 'cs_agent', answers({ solved: false, score: 3 })));
    expect(again).toMatchObject({ state: 'dispatched', timing: { workTicket: 2, level: 1, role: 'supervisor' } });
  });

  it('a paid service returns with its fee ticket, paid once; the week is summed for finance; closed by the supervisor', async () => {
    const ticket = ok(await create({ category: 'in_home_repair' }), 201);
    ok(await cmd(ticket.id, 'dispatch', 'cs_agent'));
    refused(await cmd(ticket.id, 'report-done', 'cs_agent', { report: '更换龙头' }), 400, 'TICKET_FEE_REQUIRED');
    const done = ok(await cmd(ticket.id, 'report-done', 'cs_agent', { report: '更换龙头', fee: [{ description: '龙头', amountFen: 8_000 }, { description: '工时', amountFen: 5_000 }] }));
    expect(done).toMatchObject({ feeTotalFen: 13_000, feeTicket: { totalFen: 13_000, paidAt: null } });
    refused(await cmd(ticket.id, 'record-fee-paid', 'consultant'), 403, 'TICKET_ROLE_REQUIRED');
    expect(ok(await cmd(ticket.id, 'record-fee-paid', 'cashier')).feePaidAt).toBeTruthy();
    refused(await cmd(ticket.id, 'record-fee-paid', 'cashier'), 409, 'TICKET_FEE_ALREADY_PAID');
    const local = new Date(Date.now() + 8 * 3_600_000);
    const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    const week = ok(await t.http().get(`/api/v1/repair-tickets/fees?siteId=${siteId}&weekStart=${monday}`).set(await as('supervisor')));
    expect(week.total).toMatchObject({ count: 1, totalFen: 13_000, paidFen: 13_000, unpaidFen: 0 });
    expect(week.byDepartment).toEqual([{ key: 'engineering', count: 1, totalFen: 13_000, paidFen: 13_000, unpaidFen: 0 }]);
    const tuesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    refused(await t.http().get(`/api/v1/repair-tickets/fees?siteId=${siteId}&weekStart=${tuesday}`).set(await as('supervisor')), 400, 'TICKET_WEEK_START_INVALID');
    refused(await t.http().get(`/api/v1/repair-tickets/fees?siteId=${siteId}&weekStart=${monday}`).set(await as('cs_agent')), 403, 'FORBIDDEN');
    ok(await cmd(ticket.id, 'record-follow-up', 'cs_agent', answers()));
    refused(await cmd(ticket.id, 'close', 'cs_agent'), 403, 'TICKET_ROLE_REQUIRED');
    expect(ok(await cmd(ticket.id, 'close', 'supervisor')).state).toBe('closed');
    refused(await cmd(ticket.id, 'close', 'supervisor'), 409, 'TICKET_TRANSITION_NOT_ALLOWED');
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const stats = ok(await t.http().get(`/api/v1/repair-tickets/statistics?siteId=${siteId}&period=month&from=${day}&to=${day}`).set(await as('supervisor')));
    const engineering = stats.rows.find((r: { department: string }) => r.department === 'engineering');
    expect(engineering).toMatchObject({ period: day.slice(0, 7), received: 2, done: 1, open: 1, breached: 0, timeToClose: { count: 1 } });
    expect(stats.rows.find((r: { department: string }) => r.department === 'none')).toMatchObject({ received: 1, open: 1 });
    const list = ok(await t.http().get(`/api/v1/repair-tickets?siteId=${siteId}&state=closed`).set(await as('manager')));
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
  });
});
