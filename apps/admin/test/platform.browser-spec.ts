import { buttonName, choose, signIn, startConsole, type ConsoleHarness } from './support/console.js';

describe('platform pages', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('lets the admin create an API key for a partner and shows it once', async () => {
    const page = await h.newPage();
    await signIn(page, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'API 密钥' }).click();
    await page.getByRole('button', { name: '新建密钥' }).click();

    const dialog = page.getByRole('dialog', { name: '为渠道经纪人新建 API 密钥' });
    await choose(dialog, '渠道经纪人', 'North Channel 经纪人 (partner@demo.sitedesk)', 'partner@');
    await dialog.getByLabel('名称').fill('North Channel CRM');
    await dialog.getByRole('button', { name: buttonName('新建') }).click();

    const shown = page.getByRole('dialog', { name: '密钥已创建' });
    await shown.getByText('关闭此窗口后将无法再次查看完整密钥', { exact: false }).waitFor();
    const key = (await shown.getByTestId('created-api-key').innerText()).trim();
    expect(key).toMatch(/^sdk_/);
    // The key shown is the real one: it signs the partner in.
    const me = await h.app.http().get('/api/v1/me').set('X-Api-Key', key);
    expect(me.status).toBe(200);
    expect(me.body.login).toBe('partner@demo.sitedesk');

    await shown.getByRole('button', { name: '我已保存' }).click();
    await shown.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /North Channel CRM/ });
    await row.waitFor();
    expect(await row.innerText()).toContain(key.slice(0, 16));
    expect(await page.content()).not.toContain(key);
  });

  it('records a discipline entry as the manager, which the consultant then sees in their register', async () => {
    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await manager.getByRole('navigation').getByRole('link', { name: '奖惩登记' }).click();
    await manager.getByRole('button', { name: '登记一条' }).click();

    const drawer = manager.getByRole('dialog', { name: '登记奖惩' });
    await choose(drawer, '人员', '李顾问 (consultant@demo.sitedesk)', '李顾问');
    await drawer.getByLabel('规则', { exact: true }).fill('ATT-11');
    await drawer.getByLabel('金额（元）').fill('200');
    await drawer.getByLabel('事实与证据').fill('值班时打瞌睡，14:10 经理巡场发现');
    await drawer.getByRole('button', { name: buttonName('提交') }).click();
    await manager.getByText('已登记').waitFor();
    const managerRow = manager.getByRole('row', { name: /值班时打瞌睡/ });
    expect(await managerRow.innerText()).toContain('李顾问');

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.getByRole('navigation').getByRole('link', { name: '奖惩登记' }).click();
    await consultant.getByText('你在本案场的罚款', { exact: false }).waitFor();
    const row = consultant.getByRole('row', { name: /值班时打瞌睡/ });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('¥200.00');
    expect(text).toContain('罚款');
    expect(text).toContain('ATT-11');
  });
});
