import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, localDate, weekOf, zonedTime } from '@sitedesk/domain';
import { demoLogin } from '../../api/src/database/seeds/demo.js';
import { shiftAroundNow } from '../../api/test/support/attendance.js';
import { buttonName, choose, confirmDialog, pickOption, selectClosed, settled, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const TZ = 'Asia/Shanghai';
const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `attendance-${name}.png`), fullPage: true });
};

/** Opens a tab of the attendance module through the navigation. */
async function openAttendance(page: Page, tab?: string) {
  await page.getByRole('navigation').getByRole('link', { name: '考勤' }).click();
  // The home page has a clock-in card too: act only once the attendance page (its tabs) has replaced it.
  await page.waitForURL(/\/attendance/);
  await page.getByRole('tab').first().waitFor();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

describe('attendance pages', () => {
  let h: ConsoleHarness;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await h.app.token(who)}` });
  beforeAll(async () => {
    h = await startConsole();
    siteId = await h.app.ids.site('demo-sales');
  });
  afterAll(() => h?.close());

  it('ATT-7/ATT-14: a consultant asks for annual leave, the manager approves it, and the monthly report counts the day', async () => {
    // A published week with a working day for the consultant: next week (days already begun are not
    // rescheduled, and the case-site policy wants a day's notice), in this month where it can be.
    const today = localDate(new Date(), TZ);
    const week = weekOf(addDays(today, 7));
    const day = week.slice(1, 6).find((d) => d.slice(0, 7) === today.slice(0, 7)) ?? week[1];
    const month = day.slice(0, 7);
    const consultant = await h.app.ids.user('consultant');
    const entries = week.map((date, i) => ({ userId: consultant, date, shiftCode: i === 0 ? null : 'day' }));
    expect((await h.app.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId, entries })).status).toBe(200);
    expect((await h.app.http().post('/api/v1/attendance/rota/publish').set(await as('clerk')).send({ siteId, week: day })).status).toBe(200);

    // The consultant asks through the form.
    const mine = await h.newPage();
    await signIn(mine, 'consultant');
    await openAttendance(mine);
    await mine.getByRole('button', { name: buttonName('请假') }).click();
    const form = mine.getByRole('dialog', { name: '请假申请' });
    await form.getByText('年假', { exact: true }).click();
    await form.getByPlaceholder('开始日期').click();
    await form.getByPlaceholder('开始日期').fill(day);
    await form.getByPlaceholder('结束日期').click();
    await form.getByPlaceholder('结束日期').fill(day);
    await form.getByPlaceholder('结束日期').press('Enter');
    await form.getByLabel('原因').fill('回老家探亲');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    await mine.getByText('申请已提交，等待审批').waitFor();
    const request = mine.getByRole('row', { name: /回老家探亲/ });
    expect(await request.innerText()).toMatch(/年假[\s\S]*待审批/);
    await shot(mine, 'my-attendance');

    // The manager reads the month (no annual leave yet), approves on the Approvals page, reads it again.
    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await manager.goto(`/attendance/report?month=${month}`);
    const annual = manager.getByTestId(`leave-annual-${demoLogin('consultant')}`);
    await annual.filter({ hasText: /^0$/ }).waitFor();

    await manager.getByRole('navigation').getByRole('link', { name: '审批' }).click();
    const approval = manager.getByRole('row', { name: /李顾问/ }).filter({ hasText: '年假' });
    expect(await approval.innerText()).toContain('请假');
    await shot(manager, 'approvals');
    await approval.getByRole('button', { name: buttonName('批准') }).click();
    await confirmDialog(manager, '批准这项申请', '批准');
    // The decided approval leaves the inbox (a toast also says so, but it is gone after 3 s on a slow machine).
    await approval.waitFor({ state: 'detached', timeout: 20_000 });

    await openAttendance(manager, '月度考勤表');
    if (month !== today.slice(0, 7)) await manager.getByRole('button', { name: '下个月' }).click();
    await annual.filter({ hasText: /^1$/ }).waitFor();
    await shot(manager, 'report');

    // ATT-14 export: fetched with the sign-in, saved under the API's file name.
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`attendance-demo-sales-${month}-draft.csv`);
    expect(await readFile(await download.path(), 'utf8')).toContain('李顾问');
    // The organization's table is for directors and admins only.
    expect(await manager.getByRole('button', { name: '导出全部门店 Excel' }).count()).toBe(0);
    const director = await h.newPage();
    await signIn(director, 'director');
    await openAttendance(director, '月度考勤表');
    if (month !== today.slice(0, 7)) {
      await director.getByRole('button', { name: '下个月' }).click();
      await director.waitForURL(new RegExp(`month=${month}`));
    }
    const [all] = await Promise.all([director.waitForEvent('download'), director.getByRole('button', { name: '导出全部门店 Excel' }).click()]);
    expect(all.suggestedFilename()).toBe(`attendance-organization-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await all.path());
    const rows = book.worksheets[0].getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1, 5).map(String));
    // One row per person with their site: the consultant's annual leave day on the sales office.
    expect(rows).toContainEqual(['demo-sales', '演示售楼处 Demo Sales Office', 'draft', '李顾问']);
  });

  it('ATT-4: a consultant clocks in on My attendance and the today board shows them at work', async () => {
    await shiftAroundNow(h.app, ['consultant']);
    const page = await h.newPage();
    await signIn(page, 'consultant');
    await openAttendance(page);
    await page.getByRole('button', { name: '上班打卡' }).click();
    const answer = page.getByRole('status').filter({ hasText: '上班打卡成功' });
    await answer.waitFor();
    // The API's answer (ATT-4): on time, with the rule and the deadline.
    expect(await answer.innerText()).toMatch(/准时[\s\S]*依据 ATT-4 · 截止 \d{2}:\d{2}/);
    expect(await page.getByTestId('punch-standing').getAttribute('data-status')).toBe('on_time');
    const [{ n }] = await h.app.db.query(`SELECT count(*)::int AS n FROM punch p JOIN app_user u ON u.id = p.user_id WHERE u.login = $1 AND p.kind = 'in'`, [demoLogin('consultant')]);
    expect(n).toBe(1);

    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await openAttendance(manager, '今日看板');
    const row = manager.getByRole('row', { name: /李顾问/ });
    await row.filter({ hasText: '在岗' }).waitFor();
    await shot(manager, 'today');
    // The counts at the top agree: one at work.
    expect(await manager.locator('.ant-statistic').filter({ hasText: '在岗' }).innerText()).toMatch(/在岗\s*1$/);
  });

  it('ATT-2: the clerk proposes a week, sees a weekend rest refused, fixes it and publishes', async () => {
    const page = await h.newPage();
    await signIn(page, 'clerk');
    await openAttendance(page, '排班表');
    await page.getByRole('button', { name: '下一周' }).click();
    await page.getByRole('button', { name: '下一周' }).click();
    const week = weekOf(addDays(localDate(new Date(), TZ), 14));
    await page.getByText('未发布：本周不判定考勤').waitFor();

    await page.getByRole('button', { name: '自动排班' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '自动排班' }).click();
    await page.getByText('已生成本周排班').waitFor();

    // A rest on Saturday breaks ATT-2: publication is refused, with the problem at the cell.
    const saturday = page.getByLabel(`李顾问 ${week[5]}`);
    await saturday.click();
    await pickOption(page, (list) => list.getByTitle('休息', { exact: true }));
    await selectClosed(page);
    await page.getByRole('button', { name: '发布本周' }).click();
    await page.getByText('不能发布', { exact: false }).waitFor();
    expect(await page.locator('[data-problem~="REST_ON_WEEKEND"]').count()).toBe(1);
    await shot(page, 'rota-refused');

    await saturday.click();
    await pickOption(page, (list) => list.getByTitle('白班 08:30–17:30', { exact: true }));
    await selectClosed(page);
    await page.locator('[data-problem]').first().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '发布本周' }).click();
    await page.getByText('本周排班已发布').waitFor();
    await page.getByText('已发布 ·', { exact: false }).waitFor();
    const [{ n }] = await h.app.db.query('SELECT count(*)::int AS n FROM rota_publication WHERE site_id = $1 AND week_start = $2', [siteId, week[0]]);
    expect(n).toBe(1);
    await shot(page, 'rota');
  });

  it('ATT-1: a manager publishes a new policy version; the field errors of the API show at the fields', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');
    await openAttendance(page, '考勤制度');
    await page.getByRole('button', { name: '发布新版本' }).click();
    const drawer = page.getByRole('dialog', { name: '发布新的制度版本' });
    await drawer.getByLabel('生效日期').click();
    await drawer.getByLabel('生效日期').fill(localDate(new Date(), TZ));
    await drawer.getByLabel('生效日期').press('Enter');
    await drawer.getByLabel('迟到宽限').fill('60');
    await drawer.getByLabel('超过即算旷工').fill('30');
    await drawer.getByRole('button', { name: buttonName('发布') }).click();
    // Only the API knows that absence must start after the grace (validatePolicy): its 400 lands on the field.
    await drawer.getByText('must exceed the late grace').waitFor();
    await drawer.getByLabel('超过即算旷工').fill('90');
    await drawer.getByRole('button', { name: buttonName('发布') }).click();
    await page.getByText(/已发布 v\d+/).waitFor();
    const current = page.getByRole('row').filter({ hasText: '生效中' });
    expect(await current.innerText()).toContain('迟到 60 / 早退 0 分钟');
  });

  it('ATT-4 live: the today board follows the site\'s event stream — a clock-in shows without reload or polling', async () => {
    const { siteId: site } = await shiftAroundNow(h.app, ['consultant2'], {}, { code: 'live' });
    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await openAttendance(manager, '今日看板');
    await manager.locator('[data-testid="board-live"][data-live="live"]').waitFor();
    const row = manager.getByRole('row', { name: /张顾问/ });
    await row.waitFor();
    expect(await row.innerText()).not.toContain('在岗');
    // While the stream is open the board does not poll: only the event can bring the change.
    const punched = await h.app.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId: site });
    expect(punched.status).toBe(201);
    await row.filter({ hasText: '在岗' }).waitFor({ timeout: 10_000 });
    await shot(manager, 'today-live');
  });

  it('the today board falls back to slow polling when the stream cannot be opened, and goes live again', async () => {
    const page = await h.newPage();
    await signIn(page, 'supervisor');
    await page.route('**/api/v1/events**', (route) => route.abort());
    await openAttendance(page, '今日看板');
    const badge = page.getByTestId('board-live');
    await page.locator('[data-testid="board-live"][data-live="polling"]').waitFor();
    expect(await badge.innerText()).toContain('每 30 秒刷新');
    await page.unroute('**/api/v1/events**');
    await page.locator('[data-testid="board-live"][data-live="live"]').waitFor({ timeout: 20_000 });
  });

  it('ATT-7/GEN-6: the manager approves a leave in the attendance inbox; the monthly report counts it', async () => {
    const today = localDate(new Date(), TZ);
    const ahead = addDays(today, 21);
    const week = weekOf(ahead);
    const day = week.slice(1, 6).find((d) => d.slice(0, 7) === ahead.slice(0, 7)) ?? week[1];
    const month = day.slice(0, 7);
    const c2 = await h.app.ids.user('consultant2');
    const entries = week.map((date, i) => ({ userId: c2, date, shiftCode: i === 0 ? null : 'day' }));
    expect((await h.app.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId, entries })).status).toBe(200);
    expect((await h.app.http().post('/api/v1/attendance/rota/publish').set(await as('clerk')).send({ siteId, week: day })).status).toBe(200);
    const asked = await h.app.http()
      .post('/api/v1/attendance/leave-requests')
      .set(await as('consultant2'))
      .send({ siteId, type: 'annual', from: zonedTime(day, '00:00', TZ).toISOString(), to: zonedTime(addDays(day, 1), '00:00', TZ).toISOString(), reason: '婚礼筹备' });
    expect(asked.status).toBe(201);

    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await manager.goto(`/attendance/report?month=${month}`);
    const annual = manager.getByTestId(`leave-annual-${demoLogin('consultant2')}`);
    await annual.filter({ hasText: /^0$/ }).waitFor();

    await openAttendance(manager, '申请审批');
    const row = manager.getByRole('row', { name: /婚礼筹备/ });
    // Whose turn it is comes from the approvals inbox, read beside the requests: wait for it.
    await row.filter({ hasText: '待 你 审批' }).waitFor();
    expect(await row.innerText()).toMatch(/张顾问[\s\S]*年假[\s\S]*待审批[\s\S]*待 你 审批/);
    await shot(manager, 'inbox');
    await row.getByRole('button', { name: buttonName('批准') }).click();
    await confirmDialog(manager, '批准这项申请', '批准');
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await choose(manager.locator('.ant-card').filter({ hasText: '申请审批' }), '状态', '已批准');
    await row.filter({ hasText: '已批准' }).waitFor();

    await manager.goto(`/attendance/report?month=${month}`);
    await annual.filter({ hasText: /^1$/ }).waitFor();
  });

  it('ATT-6: the manager records an incident with the form; it shows in the records', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');
    await openAttendance(page, '去向与记录');
    await page.getByRole('tab', { name: '违规事件' }).click();
    await page.getByText('这段时间没有违规记录').waitFor();
    await page.getByRole('button', { name: '记录违规' }).click();
    const form = page.getByRole('dialog', { name: '记录违规事件' });
    await choose(form, '人员', '张顾问');
    await form.getByPlaceholder('请选择日期').click();
    await form.getByPlaceholder('请选择日期').fill(localDate(new Date(), TZ));
    await form.getByPlaceholder('请选择日期').press('Enter');
    await form.getByLabel('说明').fill('午后脱岗两小时');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    await page.getByText('已记录').first().waitFor();
    const row = page.getByRole('row', { name: /午后脱岗两小时/ });
    expect(await row.innerText()).toMatch(/张顾问[\s\S]*脱岗[\s\S]*ATT-6/);
    await shot(page, 'records');

    // Recorded by mistake: voided with a reason, it leaves the list.
    await row.getByRole('button', { name: buttonName('作废') }).click();
    const voiding = page.getByRole('dialog', { name: '作废这条违规记录' });
    await voiding.getByLabel('作废原因').fill('记错了人');
    await settled(voiding);
    await voiding.getByRole('button', { name: buttonName('作废') }).click();
    await voiding.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    await page.getByText('这段时间没有违规记录').waitFor();
  });

  it('ATT-12: the manager keeps a wage on the Wages tab; it is stored and audited', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');
    await openAttendance(page, '工资');
    await page.getByLabel('月工资（元） 李顾问').fill('6000');
    await page.getByRole('row', { name: /李顾问/ }).getByRole('button', { name: buttonName('保存') }).click();
    await page.getByText('已保存 李顾问 的工资').waitFor();
    const [wage] = await h.app.db.query(`SELECT w.monthly_fen FROM attendance_wage w JOIN app_user u ON u.id = w.user_id WHERE u.login = $1`, [demoLogin('consultant')]);
    expect(Number(wage.monthly_fen)).toBe(600000);
    const [{ n }] = await h.app.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'attendance.wage_set'`);
    expect(n).toBe(1);
    await shot(page, 'wages');
  });

  it('ATT-8: a person hands in the medical certificate; the clerk confirms it in the inbox; the deadline no longer threatens', async () => {
    const cashier = await h.app.ids.user('cashier');
    await h.app.db.query(
      `INSERT INTO leave_request (site_id, user_id, type, from_at, to_at, reason, status, policy_version, first_day_back) VALUES ($1, $2, 'sick', $3, $4, '急性肠胃炎', 'approved', 1, '2030-03-05')`,
      [siteId, cashier, zonedTime('2030-03-04', '00:00', TZ), zonedTime('2030-03-05', '00:00', TZ)],
    );
    const mine = await h.newPage();
    await signIn(mine, 'cashier');
    await openAttendance(mine);
    const row = mine.getByRole('row', { name: /急性肠胃炎/ });
    expect(await row.innerText()).toMatch(/病假条待交[\s\S]*请在 .+ 前交病假条/);
    await row.getByRole('button', { name: buttonName('交病假条') }).click();
    const dialog = mine.getByRole('dialog', { name: '提交病假条' });
    await dialog.getByLabel('说明').fill('市第一医院诊断证明');
    await dialog.getByRole('button', { name: buttonName('交病假条') }).click();
    await row.filter({ hasText: '病假条已提交，待文员确认' }).waitFor();

    const clerk = await h.newPage();
    await signIn(clerk, 'clerk');
    await openAttendance(clerk, '申请审批');
    await clerk.getByRole('tab', { name: /病假条/ }).click();
    const waiting = clerk.getByRole('row', { name: /市第一医院诊断证明/ });
    await waiting.getByRole('button', { name: buttonName('批准') }).click();
    await confirmDialog(clerk, '批准这项申请', '批准');
    await waiting.waitFor({ state: 'detached', timeout: 20_000 });

    await mine.reload();
    await mine.getByRole('row', { name: /急性肠胃炎/ }).filter({ hasText: '病假条已交' }).waitFor();
  });
});
