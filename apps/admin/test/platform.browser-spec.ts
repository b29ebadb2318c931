import { readFile } from 'node:fs/promises';
import { buttonName, choose, pickOption, signIn, startConsole, type ConsoleHarness } from './support/console.js';

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

  it('lets the admin open a site, rename it and register an agency; the new site is in the site switcher; a manager has no such page', async () => {
    const page = await h.newPage();
    await signIn(page, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: '门店与渠道' }).click();
    await page.getByRole('row', { name: /demo-sales/ }).waitFor();

    await page.getByRole('button', { name: '新建门店' }).click();
    const open = page.getByRole('dialog', { name: '新建门店' });
    // A code that is taken: the API's refusal shows in the dialog, nothing is created.
    await open.getByLabel('编号').fill('demo-sales');
    await open.getByLabel('名称').fill('滨江售楼处');
    await open.getByRole('button', { name: buttonName('新建') }).click();
    await open.getByText('a site with this code exists', { exact: false }).waitFor();
    await open.getByLabel('编号').fill('riverside-sales');
    await open.getByRole('button', { name: buttonName('新建') }).click();
    await open.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /riverside-sales/ });
    expect(await row.innerText()).toMatch(/滨江售楼处[\s\S]*售楼处[\s\S]*Asia\/Shanghai/);
    const [site] = await h.app.db.query(`SELECT id, kind, time_zone FROM site WHERE code = 'riverside-sales'`);
    expect(site).toMatchObject({ kind: 'sales_office', time_zone: 'Asia/Shanghai' });
    expect((await h.app.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'site.created' AND entity_id = $1`, [site.id]))[0].n).toBe(1);

    await row.getByRole('button', { name: '编辑门店 riverside-sales' }).click();
    const edit = page.getByRole('dialog', { name: '门店 riverside-sales' });
    await edit.getByLabel('名称').fill('滨江一期售楼处');
    await edit.getByRole('button', { name: buttonName('保存') }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /滨江一期售楼处/ }).waitFor();

    // The admin holds a role on every site: the renamed site is in the switcher at once.
    await page.getByRole('banner').getByLabel('切换案场').click();
    await pickOption(page, (list) => list.getByTitle('滨江一期售楼处', { exact: true }));
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    await page.getByText(/^滨江一期售楼处\s*[（(]售楼处[)）]$/).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '门店与渠道' }).click();

    await page.getByRole('button', { name: '登记渠道公司' }).click();
    const agency = page.getByRole('dialog', { name: '登记渠道公司' });
    await agency.getByLabel('渠道公司').fill('East Channel');
    await agency.getByRole('button', { name: buttonName('新建') }).click();
    await agency.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /East Channel/ }).waitFor();

    const manager = await h.newPage();
    await signIn(manager, 'manager');
    expect(await manager.getByRole('navigation').getByRole('link', { name: '门店与渠道' }).count()).toBe(0);
    await manager.goto('/organization');
    await manager.getByText('无权访问').waitFor();
  });

  it('GEN-3: the manager reads the audit trail of the site and downloads it as CSV', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');
    await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await file.path())!, 'utf8')).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^时间\(UTC\) at,项目 site,操作人 actor,/);
    const [{ n }] = await h.app.db.query(`SELECT count(*)::int AS n FROM audit_event e JOIN site s ON s.id = e.site_id WHERE s.code = 'demo-sales'`);
    expect(lines).toHaveLength(1 + n);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'demo-sales')).toBe(true);
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
