import path from 'node:path';
import { demoLogin } from '../../api/src/database/seeds/demo.js';
import { shiftAroundNow } from '../../api/test/support/attendance.js';
import { buttonName, startConsole, type ConsoleHarness } from './support/console.js';

const shots = process.env.ADMIN_SCREENSHOTS;

describe('the kiosk page (打卡机)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('is set up with a device token, refuses a wrong PIN, and clocks a person in with theirs', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const registered = await h.app.http().post('/api/v1/attendance/kiosks').set({ authorization: `Bearer ${await h.app.token('manager')}` }).send({ siteId, name: '前台打卡机' });
    expect(registered.status).toBe(201);
    const pin = await h.app.http().put('/api/v1/attendance/pin').set({ authorization: `Bearer ${await h.app.token('consultant2')}` }).send({ siteId, pin: '2580' });
    expect(pin.status).toBe(204);
    await shiftAroundNow(h.app, ['consultant2']);

    // No one signs in on the device: the kiosk is outside the console's sign-in.
    const page = await h.newPage();
    await page.goto('/kiosk');
    await page.getByLabel('设备令牌').fill('not-a-device-token');
    await page.getByRole('button', { name: buttonName('连接') }).click();
    await page.getByText('令牌无效或设备已停用', { exact: false }).waitFor();
    await page.getByLabel('设备令牌').fill(registered.body.token);
    await page.getByRole('button', { name: buttonName('连接') }).click();
    await page.getByText('演示售楼处 Demo Sales Office').waitFor();
    await page.getByText('前台打卡机').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('sitedesk.kioskToken'))).toBe(registered.body.token);

    // Only people with a PIN are listed; the search narrows the list.
    const staff = page.getByRole('list', { name: '员工' });
    expect(await staff.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('张顾问')]);
    await page.getByLabel('搜索姓名').fill('李');
    await page.getByText('没有找到这个名字').waitFor();
    await page.getByLabel('搜索姓名').fill('张');
    await staff.getByRole('listitem').filter({ hasText: '张顾问' }).click();

    const enter = async (digits: string) => {
      for (const d of digits) await page.getByRole('button', { name: d, exact: true }).click();
    };
    await enter('1111');
    await page.getByRole('button', { name: '上班打卡' }).click();
    await page.getByRole('alert').getByText('PIN 不正确').waitFor();
    await page.getByRole('button', { name: buttonName('重试') }).click();

    await enter('2580');
    if (shots) await page.screenshot({ path: path.join(shots, 'kiosk-pin.png') });
    await page.getByRole('button', { name: '上班打卡' }).click();
    const done = page.getByRole('status').filter({ hasText: '上班打卡成功' });
    await done.waitFor();
    // The person's name and the API's answer (ATT-4): on time by the shift and the grace.
    expect(await done.innerText()).toMatch(/张顾问[\s\S]*准时/);
    if (shots) await page.screenshot({ path: path.join(shots, 'kiosk-done.png') });
    const [{ n }] = await h.app.db.query(`SELECT count(*)::int AS n FROM punch p JOIN app_user u ON u.id = p.user_id WHERE u.login = $1 AND p.source = 'kiosk' AND p.kind = 'in'`, [demoLogin('consultant2')]);
    expect(n).toBe(1);

    // The device keeps its token, and resets for the next person.
    await page.getByText('请选择你的名字').waitFor({ timeout: 8000 });
    await page.reload();
    await page.getByText('演示售楼处 Demo Sales Office').waitFor();
    await page.getByRole('banner').getByText('English').click();
    await page.getByText('Pick your name').waitFor();
  });
});
