import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { localDate } from '@sitedesk/domain';
import type { Locator, Page } from 'playwright-core';
import { buttonName, choose, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const TZ = 'Asia/Shanghai';
const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `repair-orders-${name}.png`), fullPage: true });
};

/** Waits for an Ant Design dialog to stand still (a click while it zooms in can be lost). */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom'));

/** Submits a command dialog with its confirm button; done when it closes, a refusal fails with its sentence. */
async function confirm(page: Page, dialog: Locator, action: string) {
  await settled(page);
  await dialog.getByRole('button', { name: buttonName(action) }).click();
  const refusal = dialog.getByTestId('command-problem');
  await Promise.race([
    dialog.waitFor({ state: 'detached' }),
    refusal.waitFor().then(async () => {
      throw new Error(`${action} refused: ${await refusal.innerText()}`);
    }),
  ]);
}

/** Runs one of the order page's next steps: its button, the dialog's form, its confirm button. */
async function step(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('next-actions').getByRole('button', { name: buttonName(action) }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  await settled(page);
  if (fill) await fill(dialog);
  await confirm(page, dialog, action);
}

/** The order page's state, as its tag says it. */
const stateTag = (page: Page, state: string) => page.locator(`[data-testid="order-state"][data-state="${state}"]`).first();

/** One estimate line in a lines dialog (estimate, additional work). */
async function fillLine(dialog: Locator, description: string) {
  await dialog.getByLabel('维修项目').fill(description);
  await choose(dialog, '系统', '保养', '保养');
}

describe('repair-order console', () => {
  let h: ConsoleHarness;
  const stateOf = async (id: string) => (await h.app.db.query(`SELECT state FROM repair_order WHERE id = $1`, [id]))[0]?.state as string;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('RO-1..RO-9: the advisor takes a vehicle from check-in through dispatch, additional-work consent (RO-7: no start before the yes), completion and exit', async () => {
    // The advisor's desk: receive a vehicle, making the customer and vehicle file (RO-1).
    const advisor = await h.newPage();
    await signIn(advisor, 'service_advisor');
    await advisor.getByRole('navigation').getByRole('link', { name: '维修单' }).click();
    await advisor.waitForURL(/\/repair-orders\/desk$/);
    await advisor.getByTestId('desk-workshop').waitFor();
    await shot(advisor, 'desk');
    await advisor.getByRole('button', { name: '接车开单' }).click();
    const open = advisor.getByRole('dialog', { name: '接车开单' });
    await open.waitFor();
    await settled(advisor);
    await open.getByLabel('客户姓名').fill('王先生');
    await open.getByLabel('电话').fill('13800138000');
    await open.getByLabel('车牌号').fill('京A12345');
    await open.getByLabel('地址').fill('北京市朝阳区XX路1号');
    await open.getByLabel('车型').fill('大众 朗逸');
    await open.getByLabel('里程').fill('42000');
    await open.getByLabel('本次作业内容').fill('常规保养');
    await confirm(advisor, open, '开单');
    await advisor.waitForURL(/\/repair-orders\/[0-9a-f-]{36}$/);
    const id = advisor.url().split('/').at(-1)!;
    await stateTag(advisor, 'opened').waitFor();

    // RO-3/RO-4: the estimate, then the customer signs the version shown.
    const promised = localDate(new Date(Date.now() + 3 * 86_400_000), TZ);
    await advisor.getByTestId('next-actions').getByRole('button', { name: buttonName('估价') }).click();
    const estimate = advisor.getByRole('dialog', { name: '估价' });
    await estimate.waitFor();
    await settled(advisor);
    await fillLine(estimate, '更换机油机滤');
    await estimate.getByLabel('承诺交车时间').click();
    await estimate.getByLabel('承诺交车时间').fill(`${promised} 17:00`);
    // Enter takes the typed time and submits the form; under load the first Enter may only close the
    // picker, and then the dialog's own button submits it.
    await estimate.getByLabel('承诺交车时间').press('Enter');
    const submitted = await estimate.waitFor({ state: 'detached', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!submitted) await confirm(advisor, estimate, '估价');
    await stateTag(advisor, 'estimated').waitFor();
    expect(await advisor.getByText('当前版本未签字').count()).toBeGreaterThan(0);
    await step(advisor, '客户签字');
    await stateTag(advisor, 'signed').waitFor();
    await advisor.getByText('客户已签当前版本').waitFor();

    // RO-5: check-in with documents, inspection, the signed belongings list, a key tag, fuel, odometer.
    await step(advisor, '接车', async (d) => {
      await d.getByLabel('外观').fill('左后门轻微划痕');
      await d.getByLabel('内饰').fill('正常');
      await d.getByLabel('仪表').fill('无故障灯');
      await d.getByLabel('客户在随车物品清单上签名').fill('王先生');
      await d.getByLabel('里程').fill('42010');
    });
    await stateTag(advisor, 'checked_in').waitFor();
    await advisor.getByText(/钥匙牌 K\d+/).first().waitFor();

    // RO-6: dispatched to the team, the technician signs for it.
    await step(advisor, '派工', (d) => choose(d, '车间签收人', '冯技师', '冯'));
    await stateTag(advisor, 'dispatched').waitFor();
    await advisor.getByTestId('dispatch-record').getByText('冯技师').waitFor();
    await shot(advisor, 'dispatched');

    // The technician's workshop view: start the line, report additional work.
    const tech = await h.newPage();
    await signIn(tech, 'technician');
    await tech.getByRole('navigation').getByRole('link', { name: '维修单' }).click();
    await tech.waitForURL(/\/repair-orders\/workshop$/);
    const card = tech.locator('[data-testid="workshop-order"][data-plate="京A12345"]');
    await card.waitFor();
    await card.getByTestId('line-L1').getByRole('button', { name: buttonName('开工') }).click();
    await card.locator('[data-testid="line-L1"][data-status="in_work"]').waitFor();
    await card.getByTestId('workshop-actions').getByRole('button', { name: buttonName('报告追加项目') }).click();
    const extra = tech.getByRole('dialog', { name: '报告追加项目' });
    await extra.waitFor();
    await settled(tech);
    await fillLine(extra, '更换空调滤芯');
    await confirm(tech, extra, '报告追加项目');
    await card.getByTestId('line-A1').waitFor();

    // RO-7: the technician cannot start the additional work before the customer's yes.
    await card.getByTestId('line-A1').getByRole('button', { name: buttonName('开工') }).click();
    const refusal = card.getByTestId('work-problem');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('RO_ADDITIONAL_WORK_NOT_APPROVED');
    expect(await refusal.innerText()).toContain('客户还没同意');
    await card.locator('[data-testid="line-A1"][data-status="not_started"]').waitFor();
    await shot(tech, 'not-approved');

    // The advisor's desk lists the order as waiting for the customer's answer.
    await advisor.goto('/repair-orders/desk');
    await advisor.getByTestId('desk-waiting').getByTestId('waiting-answer').filter({ hasText: '京A12345' }).waitFor();
    await advisor.getByTestId('stage-in_progress').getByText('京A12345 · 王先生').waitFor();
    await shot(advisor, 'desk-waiting');
    // And on the advisor's home page, as open work linked to the desk.
    await advisor.goto('/');
    const todo = advisor.getByTestId('my-day').locator('[data-todo="repairAwaitingAnswer"]');
    await todo.getByText('等待客户答复或折扣审批的维修单', { exact: false }).waitFor();
    expect(await todo.innerText()).toContain('1');

    // The advisor records the customer's yes by phone and who in the workshop was told.
    await advisor.goto(`/repair-orders/${id}`);
    await step(advisor, '记录客户答复', async (d) => {
      await d.getByText('同意', { exact: true }).click();
      await d.getByLabel('已告知车间的人员').fill('冯技师');
    });
    await advisor.locator('[data-testid="additional-item"][data-decision="yes"]').waitFor();
    await advisor.getByText('第 2 版').waitFor();

    // Now the technician starts and finishes both lines and completes the work.
    await tech.reload();
    await card.getByTestId('line-A1').getByRole('button', { name: buttonName('开工') }).click();
    await card.locator('[data-testid="line-A1"][data-status="in_work"]').waitFor();
    await card.getByTestId('line-L1').getByRole('button', { name: buttonName('完工') }).click();
    await card.locator('[data-testid="line-L1"][data-status="done"]').waitFor();
    await card.getByTestId('line-A1').getByRole('button', { name: buttonName('完工') }).click();
    await card.locator('[data-testid="line-A1"][data-status="done"]').waitFor();
    await card.getByTestId('workshop-actions').getByRole('button', { name: buttonName('维修完工') }).click();
    const done = tech.getByRole('dialog', { name: '维修完工' });
    await done.waitFor();
    await confirm(tech, done, '维修完工');
    expect(await stateOf(id)).toBe('completed');

    // RO-9: the quality check by someone other than the only technician who worked on it.
    const manager = await h.newPage();
    await signIn(manager, 'director');
    await manager.goto(`/repair-orders/${id}`);
    await stateTag(manager, 'completed').waitFor();
    await step(manager, '质检', (d) => d.getByLabel('质检记录').fill('试车正常'));
    await stateTag(manager, 'quality_checked').waitFor();

    // Delivery, settlement, exit with every document handed over and the customer's signature.
    await advisor.reload();
    await step(advisor, '交车准备', async (d) => {
      await d.getByText('车辆已清洁').click();
      await d.getByText('随车物品已归位').click();
    });
    await stateTag(advisor, 'ready').waitFor();
    await step(advisor, '结算', (d) => d.getByLabel('实收').fill('200'));
    await stateTag(advisor, 'settled').waitFor();
    expect(await advisor.getByTestId('settlement').innerText()).toMatch(/40\.00/);
    await step(advisor, '出厂', async (d) => {
      for (const doc of ['维修单', '结算单', '质量保证书', '车辆证件', '车钥匙']) await d.getByText(doc, { exact: true }).click();
    });
    await stateTag(advisor, 'exited').waitFor();
    expect(await stateOf(id)).toBe('exited');
    const signatures: { purpose: string; version: number }[] = await h.app.db.query(`SELECT purpose, version FROM repair_order_signature WHERE order_id = $1 ORDER BY at`, [id]);
    expect(signatures.map((s) => `${s.purpose}@${s.version}`)).toEqual(['order@1', 'belongings@1', 'exit@2']);
    await shot(advisor, 'exited');

    // The printable exit notice (A4 print stylesheet).
    await advisor.getByRole('button', { name: '打印出厂通知单' }).click();
    await advisor.locator('[data-testid="print-sheet"][data-doc="exit"]').waitFor();
    expect(await advisor.getByTestId('print-exit').innerText()).toContain('维修完工');
    await shot(advisor, 'exit-notice');
  });

  it('RO-11: the call centre registers a repair call only with every answer read back, dispatches it to the department board; RO-12 statistics count it', async () => {
    const agent = await h.newPage();
    await signIn(agent, 'cs_agent');
    await agent.getByRole('navigation').getByRole('link', { name: '维修单' }).click();
    await agent.waitForURL(/\/repair-orders\/tickets$/);
    const intake = agent.getByTestId('ticket-intake');
    await intake.getByRole('textbox', { name: '报修内容' }).fill('卫生间水管漏水');
    await intake.getByRole('textbox', { name: '地址' }).fill('3栋2单元501');
    await intake.getByRole('textbox', { name: '客户姓名' }).fill('李女士');
    await intake.getByRole('textbox', { name: '电话' }).fill('13900139000');
    // The property site (demo-sales, the agent's first). The call centre may not read the repair policy
    // (the API lets repair staff only), so it types the category's code.
    await intake.getByRole('textbox', { name: '报修类别' }).fill('water');
    // Three of four read back: the console refuses before the API is asked.
    for (const field of ['报修内容', '地址', '姓名']) await intake.getByRole('checkbox', { name: field, exact: true }).check();
    await intake.getByRole('button', { name: buttonName('登记报修') }).click();
    await intake.getByText('四项都要跟读确认').waitFor();
    expect((await h.app.db.query(`SELECT count(*)::int AS n FROM repair_ticket`))[0].n).toBe(0);
    await intake.getByRole('checkbox', { name: '电话', exact: true }).check();
    await intake.getByRole('button', { name: buttonName('登记报修') }).click();
    const received = agent.getByTestId('ticket-column-received').getByTestId('ticket-card').filter({ hasText: '李女士' });
    await received.waitFor();
    await received.getByRole('button', { name: buttonName('派单') }).click();
    const dispatched = agent.getByTestId('ticket-column-dispatched').getByTestId('ticket-card').filter({ hasText: '李女士' });
    await dispatched.waitFor();
    expect(await dispatched.innerText()).toContain('处理中');
    const rows: { state: string; department: string }[] = await h.app.db.query(`SELECT state, department FROM repair_ticket`);
    expect(rows).toEqual([{ state: 'dispatched', department: 'engineering' }]);
    await shot(agent, 'tickets');

    // The director's statistics (RO-12): the call just taken counts for its department, in Chinese and in English.
    const director = await h.newPage();
    await signIn(director, 'director');
    await director.goto('/repair-orders/statistics');
    const tickets = director.getByTestId('ticket-statistics');
    await tickets.getByRole('cell', { name: 'engineering', exact: true }).waitFor();
    expect(await tickets.getByTestId('stat-bar').count()).toBe(1);
    // For finance: the API's CSV of the tickets, downloaded with the sign-in under the API's file name.
    const [download] = await Promise.all([director.waitForEvent('download'), tickets.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^repair-tickets-demo-sales-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('部门 department');
    expect(csv).toMatch(/,engineering,1,0,1,/); // received 1, done 0, open 1
    await director.getByRole('banner').getByText('English').click();
    await director.getByText('Repair tickets (by receipt)').waitFor();
    await shot(director, 'statistics');
  });
});
