import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, localDate } from '@sitedesk/domain';
import { buttonName, choose, pickOption, selectClosed, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const TZ = 'Asia/Shanghai';
const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `appointments-${name}.png`), fullPage: true });
};

/** Opens a tab of the appointments module through the navigation. */
async function openAppointments(page: Page, tab?: string) {
  await page.getByRole('navigation').getByRole('link', { name: '预约与收楼' }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

describe('appointments pages', () => {
  let h: ConsoleHarness;
  const as = async (who: string) => ({ authorization: `Bearer ${await h.app.token(who)}` });
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('RES-9/RES-10: a service advisor books from a free slot — deposit rule refused in words, then booked and in the register; a slot filled meanwhile answers SLOT_FULL', async () => {
    const siteId = await h.app.ids.site('demo-service');
    const tomorrow = addDays(localDate(new Date(), TZ), 1);
    const count = async () => (await h.app.db.query(`SELECT count(*)::int AS n FROM service_appointment WHERE site_id = $1`, [siteId]))[0].n as number;

    const page = await h.newPage();
    await signIn(page, 'service_advisor');
    await openAppointments(page);
    // A service centre opens on its slots.
    await page.getByRole('tab', { name: '维修预约', selected: true }).waitFor();
    await page.getByRole('button', { name: '后一天' }).click();
    const slot = page.getByTestId('slot-09:30');
    // Tomorrow's 09:30 has all its bays (the policy's four) free.
    await slot.filter({ hasText: /空闲 4[\s\S]*工位 0\/4/ }).waitFor();
    await slot.getByRole('button', { name: buttonName('预约') }).click();

    const form = page.getByRole('dialog').filter({ hasText: '新建维修预约' });
    await form.getByLabel('客户姓名').fill('钱立新');
    await form.getByLabel('联系电话').fill('13912345678');
    await form.getByLabel('车牌号').fill('沪B12345');
    await form.getByLabel('车型').fill('帕萨特 2.0T');
    await form.getByLabel('维修项目').fill('更换刹车片，四轮定位');
    await form.getByLabel('配件价格').fill('3000');
    // RES-9: the rule is shown as the parts price is typed.
    await form.getByTestId('deposit-rule').filter({ hasText: '至少须收定金 ¥1,500.00（配件价的 50%）' }).waitFor();
    await form.getByLabel('预约单编号').fill('YY-BROWSER-001');
    await form.getByLabel('签字人').fill('钱立新');
    const before = await count();
    await form.getByRole('button', { name: buttonName('预约') }).click();
    // The API refuses without the deposit; its answer in words, with the amount it asks for; nothing written.
    await form.getByRole('alert').filter({ hasText: '高价配件须先收定金：至少 ¥1,500.00' }).waitFor();
    expect(await count()).toBe(before);
    await shot(page, 'deposit-required');

    await form.getByLabel('定金', { exact: true }).fill('1500');
    await form.getByLabel('定金收据号').fill('SK-BROWSER-01');
    await form.getByRole('button', { name: buttonName('预约') }).click();
    await page.getByText('已预约 09:30：钱立新').waitFor();
    expect(await count()).toBe(before + 1);
    await slot.filter({ hasText: '工位 1/4' }).waitFor();
    await page.getByRole('row', { name: /钱立新/ }).waitFor();
    await shot(page, 'service-day');

    // The register: by day, with the form, the deposit and its receipt, reminder and workshop notice.
    await page.getByRole('tab', { name: '预约统计表' }).click();
    const row = page.getByRole('row', { name: /钱立新/ });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('沪B12345');
    expect(text).toContain('YY-BROWSER-001');
    expect(text).toContain('钱立新 签字');
    expect(text).toContain('定金 ¥1,500.00 · 收据 SK-BROWSER-01');
    expect(text).toContain('已预约');
    expect(text).toMatch(/待提醒|应提醒|已提醒/);
    expect(text).toMatch(/待通知车间|已通知车间/);
    // The register as a file: every appointment of the site (no day chosen), the form and the deposit in yuan.
    const [register] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(register.suggestedFilename()).toBe('service-appointments-demo-service-all.csv');
    const registered = (await readFile((await register.path())!, 'utf8')).trim().split('\r\n');
    const [{ n }] = await h.app.db.query(`SELECT count(*)::int AS n FROM service_appointment a JOIN site s ON s.id = a.site_id WHERE s.code = 'demo-service'`);
    expect(registered).toHaveLength(1 + n);
    expect(registered.find((l) => l.includes('YY-BROWSER-001'))).toMatch(/,钱立新,.*,沪B12345,.*,1500,.*,SK-BROWSER-01,/);
    expect(text).toContain('139****5678');
    await page.locator('.ant-segmented-item').filter({ hasText: '已取消' }).click();
    await page.getByText('没有符合条件的预约。').waitFor();
    await shot(page, 'register');

    // RES-10: three of the four bays of 10:30 go elsewhere; the form offers the last one, and while it is
    // open a colleague takes it: the booking is refused as full, in words, and nothing is written.
    const headers = await as('service_advisor');
    const book = (n: number) =>
      h.app.http().post('/api/v1/service-appointments').set(headers).send({ siteId, date: tomorrow, time: '10:30', customerName: `客户${n}`, customerPhone: `1380000000${n}`, vehiclePlate: `沪C0000${n}`, work: '保养', partsFen: 0, depositFen: 0, formNo: `YY-FULL-${n}`, signedBy: `客户${n}` });
    for (const n of [1, 2, 3]) expect((await book(n)).status).toBe(201);
    await page.getByRole('tab', { name: '维修预约' }).click();
    await page.getByRole('button', { name: '后一天' }).click();
    const last = page.getByTestId('slot-10:30');
    await last.filter({ hasText: '空闲 1' }).waitFor();
    await last.getByRole('button', { name: buttonName('预约') }).click();
    const again = page.getByRole('dialog').filter({ hasText: '新建维修预约' });
    await again.getByLabel('客户姓名').fill('孙晓');
    await again.getByLabel('联系电话').fill('13712345678');
    await again.getByLabel('车牌号').fill('沪D54321');
    await again.getByLabel('维修项目').fill('空调检查');
    await again.getByLabel('预约单编号').fill('YY-BROWSER-002');
    await again.getByLabel('签字人').fill('孙晓');
    expect((await book(4)).status).toBe(201);
    const full = await count();
    await again.getByRole('button', { name: buttonName('预约') }).click();
    await again.getByRole('alert').filter({ hasText: '该时段已满（RES-10）' }).waitFor();
    expect(await count()).toBe(full);
    await page.keyboard.press('Escape');
    await last.filter({ hasText: '已满' }).waitFor();

    // A cancellation in the register frees the bay; the line stays, marked cancelled, with its reason.
    await page.getByRole('tab', { name: '预约统计表' }).click();
    const booked = page.getByRole('row', { name: /客户4/ });
    await booked.getByRole('button', { name: '取消预约' }).click();
    const cancel = page.getByRole('dialog').filter({ hasText: '取消 客户4 的 10:30 预约' });
    await cancel.getByLabel('取消原因').fill('客户改期');
    await cancel.getByRole('button', { name: '取消预约' }).click();
    await page.getByText('预约已取消，工位已释放').waitFor();
    await booked.filter({ hasText: '已取消' }).waitFor();
    expect(await booked.getByRole('button', { name: '取消预约' }).count()).toBe(0);
    const [{ booked: taken }] = await h.app.db.query(`SELECT booked FROM service_slot WHERE site_id = $1 AND date = $2 AND starts_at = (SELECT starts_at FROM service_appointment WHERE form_no = 'YY-FULL-4')`, [siteId, tomorrow]);
    expect(taken).toBe(3);
  });

  it('RES-7/RES-8: a receptionist checks two owners in together, takes the early one as their leader, leads one away once a colleague is at the desk; the board follows the steps live; a walk-in is checked in in the hall', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const today = localDate(new Date(), TZ);
    const tomorrow = addDays(today, 1);
    const [receptionist, manager, supervisor, consultant, cashier, clerk] = await Promise.all(['receptionist', 'manager', 'supervisor', 'consultant', 'cashier', 'clerk'].map((w) => h.app.ids.user(w)));
    const units: { id: string; building: string; number: string }[] = await h.app.db.query(
      `SELECT u.id, u.building, u.number FROM unit u WHERE u.site_id = $1 AND NOT EXISTS (SELECT 1 FROM move_in_appointment m WHERE m.unit_id = u.id) ORDER BY u.building DESC, u.number DESC LIMIT 3`,
      [siteId],
    );
    // Sales sent the schedule yesterday (a day ahead, RES-7): the lines are put on today's clock here —
    // the first owner's slot is under way, the second's begins in two hours.
    const sent = await h.app.http().post('/api/v1/move-in/schedule').set(await as('clerk')).send({
      siteId,
      date: tomorrow,
      entries: [
        { time: '09:30', unitId: units[0].id, ownerName: '业主甲', noticeNo: 'RZ-B001', leaderId: manager },
        { time: '10:30', unitId: units[1].id, ownerName: '业主乙', noticeNo: 'RZ-B002', leaderId: receptionist },
        { time: '09:30', unitId: units[2].id, ownerName: '业主丁', noticeNo: 'RZ-B003', leaderId: manager },
      ],
    });
    expect(sent.status).toBe(200);
    expect(sent.body.created).toBe(3);
    const [a, b, c] = sent.body.ids as string[];
    await h.app.db.query(`UPDATE move_in_appointment SET date = $2, starts_at = now() - interval '5 minutes', ends_at = now() + interval '55 minutes' WHERE id = ANY($1)`, [[a, c], today]);
    await h.app.db.query(`UPDATE move_in_appointment SET date = $2, starts_at = now() + interval '2 hours', ends_at = now() + interval '3 hours' WHERE id = $1`, [b, today]);

    const page = await h.newPage();
    await signIn(page, 'receptionist');
    await openAppointments(page);
    // A sales office opens on the move-in board.
    await page.getByRole('tab', { name: '入住收楼', selected: true }).waitFor();
    await page.locator('[data-testid="appointments-live"][data-live="live"]').waitFor();
    const desk = page.getByTestId('move-in-desk');
    await desk.getByText('暂无人在台').waitFor();
    await desk.getByRole('button', { name: '我到台值守' }).click();
    await desk.getByText('周前台').waitFor();

    // Two owners arrive together: one by notice number, one by unit + name; checked one by one.
    await page.getByRole('button', { name: '业主签到' }).click();
    const dialog = page.getByRole('dialog', { name: '业主签到' });
    await dialog.getByLabel('第 1 位的通知书编号').fill('rz-b001');
    await dialog.getByRole('button', { name: '同行的另一位业主' }).click();
    const unitField = dialog.getByLabel('第 2 位的房号');
    await unitField.click();
    await unitField.fill(units[1].number);
    await pickOption(page, (list) => list.getByTitle(`${units[1].building} ${units[1].number}`, { exact: true }));
    await selectClosed(page);
    await dialog.getByLabel('第 2 位的业主姓名').fill('业主乙');
    await dialog.getByRole('button', { name: buttonName('签到') }).click();
    const results = dialog.getByTestId('check-in-result');
    await results.first().waitFor();
    expect(await results.allInnerTexts()).toEqual([expect.stringMatching(/rz-b001[\s\S]*已到达/), expect.stringMatching(/业主乙[\s\S]*等候组长[\s\S]*提前到达/)]);
    await shot(page, 'check-in');
    await dialog.getByRole('button', { name: buttonName('完成') }).click();

    // The early owner waits for the group leader: the receptionist leads that group and takes them now.
    const second = page.getByRole('row', { name: /业主乙/ });
    await second.filter({ hasText: '等候组长' }).waitFor();
    await second.getByRole('button', { name: '现在接待' }).click();
    await second.filter({ hasText: '已到达' }).waitFor();

    // RES-7: the last receptionist at the desk may not lead an owner away.
    const first = page.getByRole('row', { name: /业主甲/ });
    await first.getByRole('button', { name: '进入引领' }).click();
    const step = page.getByRole('dialog', { name: '业主甲：引领' });
    await step.getByRole('button', { name: '进入引领' }).click();
    await step.getByRole('alert').filter({ hasText: '接待台至少保留一名接待' }).waitFor();
    expect((await h.app.db.query(`SELECT step FROM move_in_appointment WHERE id = $1`, [a]))[0].step).toBeNull();

    // The manager takes a place at the desk (shown live); now the receptionist leads the owner away.
    expect((await h.app.http().post('/api/v1/move-in/desk').set(await as('manager')).send({ siteId, action: 'join' })).status).toBe(200);
    await desk.getByText('王经理').waitFor();
    await step.getByRole('button', { name: '进入引领' }).click();
    await page.getByText('业主甲 已进入引领，资料由 周前台 持有').waitFor();
    await page.locator('[data-testid="step-RZ-B001"][data-step="reception"]').waitFor();
    expect(await first.innerText()).toContain('周前台');
    expect(await desk.innerText()).not.toContain('周前台');

    // The manager moves the visit to the greeting in the console, naming who holds the papers ...
    const mgr = await h.newPage();
    await signIn(mgr, 'manager');
    await openAppointments(mgr);
    await mgr.getByRole('row', { name: /业主甲/ }).getByRole('button', { name: '进入接待' }).click();
    const greeting = mgr.getByRole('dialog', { name: '业主甲：接待' });
    await choose(greeting, '资料交由', '陈主管');
    await selectClosed(mgr);
    await greeting.getByRole('button', { name: '进入接待' }).click();
    await mgr.getByText('业主甲 已进入接待，资料由 陈主管 持有').waitFor();

    // ... the receptionist's open board follows, and the rest of the visit, without a reload.
    await page.locator('[data-testid="step-RZ-B001"][data-step="greeting"]').waitFor({ timeout: 10_000 });
    await first.filter({ hasText: '陈主管' }).waitFor();
    for (const [next, holderId] of [
      ['verification', consultant],
      ['payment', cashier],
      ['done', clerk],
    ] as const) {
      const moved = await h.app.http().post(`/api/v1/move-in/appointments/${a}/steps`).set(await as('manager')).send({ step: next, holderId });
      expect(moved.status).toBe(200);
    }
    await page.locator('[data-testid="step-RZ-B001"][data-step="done"]').waitFor({ timeout: 10_000 });
    await first.filter({ hasText: '刘内业' }).waitFor();
    // The filter: the finished visit only.
    await page.locator('.ant-segmented-item').filter({ hasText: '已完成 1' }).click();
    expect(await page.getByRole('row', { name: /业主甲/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /业主乙/ }).count()).toBe(0);
    await shot(page, 'move-in-board');

    // RES-7: an owner who walked straight into the hall is checked in by the service ambassador, who
    // holds the notice from then on (the reception step is theirs); the receptionist's board shows it.
    const ambassador = await h.newPage();
    await signIn(ambassador, 'cs_agent');
    // The ambassador works on both sites: the sales office is chosen (the console remembers it).
    await ambassador.evaluate((id) => localStorage.setItem('sitedesk.siteId', id), siteId);
    await ambassador.goto('/appointments/move-in');
    await ambassador.getByRole('banner').getByText('演示售楼处 Demo Sales Office').waitFor();
    await ambassador.getByRole('button', { name: '业主签到' }).click();
    const hall = ambassador.getByRole('dialog', { name: '业主签到' });
    expect(await hall.getByRole('radio', { name: '大厅（服务大使）' }).isChecked()).toBe(true);
    await hall.getByLabel('第 1 位的通知书编号').fill('RZ-B003');
    await hall.getByRole('button', { name: buttonName('签到') }).click();
    await hall.getByTestId('check-in-result').filter({ hasText: '已到达' }).waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: '全部' }).click();
    const walkIn = page.getByRole('row', { name: /业主丁/ });
    await walkIn.filter({ hasText: '大厅签到' }).filter({ hasText: '郑客服' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="step-RZ-B003"][data-step="reception"]').waitFor();
    expect((await h.app.db.query(`SELECT checked_in_via, step FROM move_in_appointment WHERE id = $1`, [c]))[0]).toEqual({ checked_in_via: 'hall', step: 'reception' });

    const steps: { step: string; holder_id: string }[] = await h.app.db.query(`SELECT step, holder_id FROM move_in_step WHERE appointment_id = $1 ORDER BY at`, [a]);
    expect(steps).toEqual([
      { step: 'reception', holder_id: receptionist },
      { step: 'greeting', holder_id: supervisor },
      { step: 'verification', holder_id: consultant },
      { step: 'payment', holder_id: cashier },
      { step: 'done', holder_id: clerk },
    ]);
  });

  it('RES-7: the clerk imports tomorrow\'s schedule as CSV (each bad line reported by line, the good one kept), enters a line by hand, and gives a missed owner a new time', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const today = localDate(new Date(), TZ);
    const tomorrow = addDays(today, 1);
    const units: { id: string; building: string; number: string }[] = await h.app.db.query(
      `SELECT u.id, u.building, u.number FROM unit u WHERE u.site_id = $1 AND NOT EXISTS (SELECT 1 FROM move_in_appointment m WHERE m.unit_id = u.id) ORDER BY u.building, u.number LIMIT 3`,
      [siteId],
    );
    const page = await h.newPage();
    await signIn(page, 'clerk');
    await openAppointments(page);
    await page.getByRole('button', { name: '录入 / 导入排期' }).click();
    const dialog = page.getByRole('dialog', { name: '入住时间预约安排表' });
    await dialog.getByRole('tab', { name: 'CSV 导入' }).click();
    await dialog.getByLabel('CSV 内容').fill(
      [
        '时间,楼栋,房号,业主,通知书编号,组长',
        `09:30,${units[0].building},${units[0].number},业主丙,RZ-C001,supervisor`,
        '09:30,9栋,999,业主丁,RZ-C002,supervisor',
        `25:00,${units[1].building},${units[1].number},业主戊,RZ-C003,supervisor`,
        `09:30,${units[1].building},${units[1].number},业主己,RZ-C004,nobody`,
      ].join('\n'),
    );
    await dialog.getByRole('button', { name: buttonName('导入') }).click();
    const report = dialog.getByTestId('schedule-report');
    await report.filter({ hasText: '写入 1 条，退回 3 条' }).waitFor();
    const lines = await report.getByRole('row').allInnerTexts();
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/第 3 行[\s\S]*本案场没有这个房源/),
      expect.stringMatching(/第 4 行[\s\S]*time[\s\S]*内容格式不正确/),
      expect.stringMatching(/第 5 行[\s\S]*leader[\s\S]*组长不是本案场的员工/),
    ]);
    await shot(page, 'schedule-import');

    // One more line by hand, for the same day.
    await dialog.getByRole('tab', { name: '逐条录入' }).click();
    await choose(dialog, '第 1 行时段', '10:30');
    const unit = dialog.getByLabel('第 1 行房号');
    await unit.click();
    await unit.fill(units[2].number);
    await pickOption(page, (list) => list.getByTitle(`${units[2].building} ${units[2].number}`, { exact: true }));
    await selectClosed(page);
    await dialog.getByLabel('第 1 行业主').fill('业主庚');
    await dialog.getByLabel('第 1 行通知书编号').fill('RZ-C005');
    await choose(dialog, '第 1 行组长', '陈主管');
    await dialog.getByRole('button', { name: '发送排期' }).click();
    await report.filter({ hasText: '写入 1 条，退回 0 条' }).waitFor();
    await dialog.getByRole('button', { name: '关 闭' }).click();

    // The board shows tomorrow with both owners expected.
    await page.getByRole('row', { name: /业主丙/ }).filter({ hasText: '待到达' }).waitFor();
    await page.getByRole('row', { name: /业主庚/ }).filter({ hasText: '陈主管' }).waitFor();
    expect(await page.getByTestId('move-in-slot-09:30').innerText()).toMatch(/陈主管\s*1\/2/);

    // RES-7 / GEN-8: an owner whose slot passed reads missed before anyone records it; sales gives a new time.
    const [{ id }] = await h.app.db.query(`SELECT id FROM move_in_appointment WHERE notice_no = 'RZ-C001'`);
    await h.app.db.query(`UPDATE move_in_appointment SET date = $2, starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [id, today]);
    await page.getByRole('button', { name: buttonName('今天') }).click();
    const missed = page.getByRole('row', { name: /业主丙/ });
    await missed.filter({ hasText: '未到' }).waitFor();
    await missed.getByRole('button', { name: buttonName('改约') }).click();
    const move = page.getByRole('dialog').filter({ hasText: '改约：业主丙' });
    await choose(move, '新时段', '11:30');
    await move.getByRole('button', { name: buttonName('提交') }).click();
    await page.getByText(`业主丙 已改约到 ${tomorrow} 11:30`).waitFor();
    await missed.filter({ hasText: '已改约' }).waitFor();
    const rows: { status: string; date: string }[] = await h.app.db.query(`SELECT status, to_char(date, 'YYYY-MM-DD') AS date FROM move_in_appointment WHERE notice_no = 'RZ-C001' ORDER BY created_at`);
    expect(rows).toEqual([
      { status: 'rescheduled', date: today },
      { status: 'scheduled', date: tomorrow },
    ]);

    // The same board in English.
    await page.getByRole('banner').getByText('English').click();
    await page.getByRole('tab', { name: 'Move-in day', selected: true }).waitFor();
    await missed.filter({ hasText: 'Rescheduled' }).waitFor();
    await page.getByTestId('move-in-desk').getByText(/Nobody at the desk|At the desk/).first().waitFor();
    await shot(page, 'move-in-en');
  });
});
