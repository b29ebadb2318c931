import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buttonName, choose, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `complaints-${name}.png`), fullPage: true });
};

/** Opens the complaint module through the navigation, on a tab when given. */
async function openComplaints(page: Page, tab?: string) {
  await page.getByRole('navigation').getByRole('link', { name: '投诉' }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

/** Runs one of the complaint page's next steps: its button, then the dialog's form, then its confirm button. */
async function step(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('next-actions').getByRole('button', { name: buttonName(action) }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  // A click while the dialog still zooms in can be lost: wait for it to stand still.
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom'));
  await dialog.getByRole('button', { name: buttonName(action) }).click();
  // Done when the dialog closes; a refusal stays in it as a sentence (said here, to fail with it).
  const refusal = dialog.getByTestId('command-problem');
  await Promise.race([
    dialog.waitFor({ state: 'detached' }),
    refusal.waitFor().then(async () => {
      throw new Error(`${action} refused: ${await refusal.innerText()}`);
    }),
  ]);
}

/** The complaint page's state, as its tag says it. */
const stateTag = (page: Page, state: string) => page.locator(`[data-testid="complaint-state"][data-state="${state}"]`);

/** Answers the follow-up call's script: one question (a step of the script) at a time. */
async function answerCall(dialog: Locator, answers: { solved: string; attitude: string; charged: string; score: string; suggestions: string }) {
  // Each question's answers (the step's number icon would match a score too).
  const question = (name: string) => dialog.getByTestId(`q-${name}`);
  await question('solved').getByText(answers.solved, { exact: true }).click();
  await question('attitude').getByText(answers.attitude, { exact: true }).click();
  await question('charged').getByText(answers.charged, { exact: true }).click();
  await question('score').getByText(answers.score, { exact: true }).click();
  await question('suggestions').getByRole('textbox').fill(answers.suggestions);
}

describe('complaint console', () => {
  let h: ConsoleHarness;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await h.app.token(who)}` });
  const stateOf = async (id: string) => (await h.app.db.query(`SELECT state FROM complaint WHERE id = $1`, [id]))[0]?.state as string;
  beforeAll(async () => {
    h = await startConsole();
    siteId = await h.app.ids.site('demo-sales');
  });
  afterAll(() => h?.close());

  it('CMP-1..CMP-9: an online complaint from intake, taken, classified, investigated, proposed, approved, resolved, to the follow-up call (CMP-7)', async () => {
    // The agent registers an online complaint: it waits unowned (GEN-10).
    const agent = await h.newPage();
    await signIn(agent, 'cs_agent');
    await openComplaints(agent);
    await agent.getByRole('button', { name: '登记投诉' }).click();
    const intake = agent.getByRole('dialog', { name: '登记投诉' });
    await intake.getByText('网络', { exact: true }).click();
    await intake.getByLabel('投诉人').fill('孙女士');
    await intake.getByLabel('联系方式').fill('13900139000');
    await intake.getByLabel('投诉内容').fill('网上留言：售楼处接待人员态度冷淡');
    // The site's policy gives the first-response target for the severity (CMP-3).
    await intake.getByTestId('intake-sla').filter({ hasText: '首次响应' }).waitFor();
    await intake.getByRole('button', { name: buttonName('登记') }).click();
    await agent.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const id = agent.url().split('/').at(-1)!;
    await stateTag(agent, 'received').waitFor();
    expect(await agent.getByText('无人负责').count()).toBeGreaterThan(0);
    // The first-response clock runs, with its countdown.
    expect(await agent.getByTestId('clock-first_response').getAttribute('data-status')).toBe('running');
    expect(await agent.getByTestId('clock-first_response').innerText()).toMatch(/剩 /);
    await shot(agent, 'received');

    // The inbox lists it as unowned, with its SLA countdown; the "unowned" view finds it.
    await openComplaints(agent);
    await choose(agent.locator('body'), '视图', '无人负责');
    const row = agent.getByRole('row', { name: /孙女士/ });
    await row.waitFor();
    expect(await row.locator('[data-sla]').getAttribute('data-sla')).toBe('running');
    await shot(agent, 'inbox');
    // The register as a file: the view's filter, every complaint it finds (the page on screen is not the limit).
    const [register] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(register.suggestedFilename()).toMatch(/^complaints-demo-sales-all-\d{4}-\d{2}-\d{2}\.csv$/);
    const registered = (await readFile((await register.path())!, 'utf8')).trim().split('\r\n');
    const [{ n: unowned }] = await h.app.db.query(`SELECT count(*)::int AS n FROM complaint c JOIN site s ON s.id = c.site_id WHERE s.code = 'demo-sales' AND c.owner_id IS NULL`);
    expect(registered).toHaveLength(1 + unowned);
    expect(registered.some((l) => l.includes('孙女士'))).toBe(true);
    await row.getByRole('link', { name: '孙女士' }).click();

    // Take → reply → classify → hand to the supervisor for investigation → propose.
    await step(agent, '接手');
    await agent.getByText('负责人：郑客服').waitFor();
    await step(agent, '答复客户', (d) => d.getByLabel('答复内容').fill('非常抱歉，我们会尽快核实并回复您'));
    await agent.locator('[data-testid="clock-first_response"][data-status="met"]').waitFor();
    await step(agent, '分类', async (d) => {
      await d.getByText('投诉', { exact: true }).click();
      await d.getByText('成立', { exact: true }).click();
      await choose(d, '类别', '服务');
    });
    await stateTag(agent, 'triaged').waitFor();
    await step(agent, '交付调查', (d) => choose(d, '调查人', '陈主管', '陈'));
    await stateTag(agent, 'investigating').waitFor();
    await step(agent, '提交处理方案', async (d) => {
      await d.getByLabel('调查结果').fill('接待人员未及时回应客户留言');
      await d.getByLabel('原因').fill('服务意识不足');
      await d.getByLabel('方案 1').fill('电话道歉并安排专人接待');
    });
    await stateTag(agent, 'proposed').waitFor();
    // The agent cannot approve: no approval step is offered to them.
    expect(await agent.getByTestId('next-actions').getByRole('button', { name: buttonName('批准方案') }).count()).toBe(0);

    // The supervisor approves the one proposal on the complaint's page.
    const supervisor = await h.newPage();
    await signIn(supervisor, 'supervisor');
    await supervisor.goto(`/complaints/${id}`);
    await stateTag(supervisor, 'proposed').waitFor();
    await step(supervisor, '批准方案', (d) => d.getByLabel('意见（可选）').fill('同意'));
    await stateTag(supervisor, 'approved').waitFor();

    // The agent's open page follows live (the site's events); the customer accepts and signs.
    await stateTag(agent, 'approved').waitFor({ timeout: 35_000 });
    await step(agent, '执行并签收', async (d) => {
      await d.getByLabel('执行情况').fill('已电话道歉，客户接受');
      await d.getByText('客户已接受', { exact: true }).click();
      await d.getByLabel('客户签字').fill('孙女士');
    });
    await stateTag(agent, 'resolved').waitFor();
    await agent.locator('[data-testid="follow-up"][data-status="planned"]').waitFor();
    const timeline = await agent.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(timeline.reverse()).toEqual([
      'complaint.received',
      'complaint.taken',
      'complaint.responded',
      'complaint.triaged',
      'complaint.investigating',
      'complaint.proposed',
      'complaint.approved',
      'complaint.resolved',
    ]);
    await shot(agent, 'resolved');

    // CMP-7: the supervisor makes the follow-up call from the calls list, with the script.
    await openComplaints(supervisor, '回访');
    const call = supervisor.getByRole('row', { name: /孙女士/ });
    await call.getByRole('button', { name: buttonName('回访') }).click();
    const script = supervisor.getByRole('dialog', { name: '回访' });
    await answerCall(script, { solved: '是', attitude: '满意', charged: '否', score: '9', suggestions: '希望回复更及时' });
    expect(await script.getByTestId('call-reopens').count()).toBe(0);
    await shot(supervisor, 'call');
    await script.getByRole('button', { name: '保存回访结果' }).click();
    await script.waitFor({ state: 'detached' });
    await call.waitFor({ state: 'detached' });
    expect(await stateOf(id)).toBe('followed_up');
    const [done] = await h.app.db.query(`SELECT status, answers FROM complaint_follow_up WHERE complaint_id = $1`, [id]);
    expect(done).toMatchObject({ status: 'done', answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '希望回复更及时' } });

    // CMP-8: the month's statistics count it under its category, with the call's score; CSV download.
    await openComplaints(supervisor, '统计');
    await supervisor.getByTestId('stats-chart').getByText('服务', { exact: true }).waitFor();
    await supervisor.getByText('平均评分').waitFor();
    await shot(supervisor, 'statistics');
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^complaints-demo-sales-\d{4}-\d{2}-category\.csv$/);
    expect(await readFile((await download.path())!, 'utf8')).toContain('服务');
  });

  it('CMP-1: a consultant, who does not work the inbox, registers what a customer tells them and owns it (GEN-10)', async () => {
    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await openComplaints(consultant);
    await consultant.getByText('登记客户投诉').waitFor();
    expect(await consultant.getByRole('tab').count()).toBe(0);
    await consultant.getByRole('button', { name: '登记投诉' }).click();
    const intake = consultant.getByRole('dialog', { name: '登记投诉' });
    await intake.getByLabel('投诉人').fill('吴先生');
    await intake.getByLabel('联系方式').fill('13600136000');
    await intake.getByLabel('投诉内容').fill('样板间开放时间与宣传不符');
    await intake.getByRole('button', { name: buttonName('登记') }).click();
    await consultant.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    await stateTag(consultant, 'received').waitFor();
    await consultant.getByText('负责人：李顾问').waitFor();
    const [row] = await h.app.db.query(`SELECT c.channel, c.state, u.login FROM complaint c JOIN app_user u ON u.id = c.owner_id WHERE c.complainant_name = '吴先生'`);
    expect(row).toMatchObject({ channel: 'phone', state: 'received', login: expect.stringMatching(/^consultant@/) });
  });

  it('CMP-10: a low score on the follow-up call reopens the complaint one level up; problems show as sentences', async () => {
    // The agent's open inbox shows a complaint registered elsewhere without a reload (the site's live events).
    const agent = await h.newPage();
    await signIn(agent, 'cs_agent');
    await openComplaints(agent);
    await agent.locator('[data-testid="inbox-live"][data-live="live"]').waitFor();
    const body = { siteId, channel: 'phone', complainantName: '周先生', contact: '13700137000', content: '交房时间一再推迟', subjectType: 'none', importantCustomer: false };
    const created = await h.app.http().post('/api/v1/complaints').set(await as('cs_agent')).send(body);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const row = agent.getByRole('row', { name: /周先生/ });
    await row.waitFor();
    const classification = { classification: { kind: 'complaint', validity: 'valid', category: 'service', severity: 'normal' } };
    expect((await h.app.http().post(`/api/v1/complaints/${id}/triage`).set(await as('cs_agent')).send(classification)).status).toBe(200);
    await row.locator('[data-state="triaged"]').waitFor();

    // Settling without the customer's acceptance is refused, in words (CMP-3).
    await row.getByRole('link', { name: '周先生' }).click();
    await stateTag(agent, 'triaged').waitFor();
    await agent.getByTestId('next-actions').getByRole('button', { name: '当场解决' }).click();
    const settle = agent.getByRole('dialog', { name: '当场解决' });
    await settle.getByLabel('解决办法').fill('说明工期并补偿');
    await settle.getByLabel('客户签字').fill('周先生');
    await settle.getByRole('button', { name: '当场解决' }).click();
    await settle.getByTestId('command-problem').filter({ hasText: '须经客户接受并签字' }).waitFor();
    await settle.getByText('客户已接受', { exact: true }).click();
    await settle.getByRole('button', { name: '当场解决' }).click();
    await settle.waitFor({ state: 'detached' });
    await stateTag(agent, 'resolved').waitFor();

    // The supervisor calls from the complaint's page: score 5 (at most 6) warns, then reopens it.
    const supervisor = await h.newPage();
    await signIn(supervisor, 'supervisor');
    await supervisor.goto(`/complaints/${id}`);
    await supervisor.getByTestId('next-actions').getByRole('button', { name: buttonName('回访') }).click();
    const script = supervisor.getByRole('dialog', { name: '回访' });
    await answerCall(script, { solved: '是', attitude: '一般', charged: '否', score: '5', suggestions: '' });
    await script.getByTestId('call-reopens').waitFor();
    await script.getByRole('button', { name: '保存回访结果' }).click();
    await script.waitFor({ state: 'detached' });
    await stateTag(supervisor, 'reopened').waitFor();
    expect(await stateOf(id)).toBe('reopened');
    expect(await supervisor.getByText('当前由 主管 级处理').count()).toBe(1);
    await supervisor.locator('[data-testid="timeline-event"][data-type="complaint.reopened"]').waitFor();
    await shot(supervisor, 'reopened');

    // The same page in English.
    await supervisor.evaluate(() => localStorage.setItem('sitedesk.locale', 'en'));
    await supervisor.reload();
    await supervisor.getByText('Handled at the Supervisor level (level 2)').waitFor();
    expect(await supervisor.getByTestId('complaint-state').innerText()).toBe('Reopened');
    await supervisor.getByTestId('next-actions').getByRole('button', { name: 'Hand to investigation' }).waitFor();
  });
  it('CMP-8 (issue #6): a director switches the statistics to the organization: a row per site they direct, the totals, one CSV', async () => {
    const director = await h.newPage();
    await signIn(director, 'director');
    await openComplaints(director, '统计');
    await director.getByText('全公司', { exact: true }).click();
    const table = director.getByTestId('org-stats');
    await table.getByText('公司合计').waitFor();
    await table.getByText(/demo-sales/).waitFor();
    await table.getByText(/demo-service/).waitFor();
    await shot(director, 'statistics-organization');
    const [download] = await Promise.all([director.waitForEvent('download'), director.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^complaints-organization-\d{4}-\d{2}\.csv$/);
    expect(await readFile((await download.path())!, 'utf8')).toContain('合计 total');
  });
});
