import path from 'node:path';
import { demoLogin } from '../../api/src/database/seeds/demo.js';
import { buttonName, navigationLabels, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const MANAGER_NAV_ZH = ['首页', '考勤', '客户归属', '销控与预约', '预约与收楼', '投诉', '维修单', '审批', '奖惩登记', '用户', '审计日志', '个人资料'];
const MANAGER_NAV_EN = ['Home', 'Attendance', 'Client attribution', 'Reservation', 'Appointments & move-in', 'Complaints', 'Repair orders', 'Approvals', 'Discipline register', 'Users', 'Audit trail', 'Profile'];

describe('console shell', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('shows the manager the console in Chinese, switches to English, and keeps English over a reload', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');

    expect(await navigationLabels(page)).toEqual(MANAGER_NAV_ZH);
    await page.getByRole('banner').getByText('演示售楼处 Demo Sales Office').waitFor();
    await page.getByRole('heading', { name: '你好，王经理' }).waitFor();
    if (process.env.ADMIN_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.ADMIN_SCREENSHOTS, 'shell-zh.png') });

    await page.getByRole('banner').getByText('English').click();
    await page.getByRole('heading', { name: 'Hello, 王经理' }).waitFor();
    expect(await navigationLabels(page)).toEqual(MANAGER_NAV_EN);

    await page.reload();
    await page.getByRole('heading', { name: 'Hello, 王经理' }).waitFor();
    expect(await navigationLabels(page)).toEqual(MANAGER_NAV_EN);
    // The choice is also the user's: saved in their profile for the next sign-in elsewhere.
    const [{ locale }] = await h.app.db.query('SELECT locale FROM app_user WHERE login = $1', [demoLogin('manager')]);
    expect(locale).toBe('en');
    if (process.env.ADMIN_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.ADMIN_SCREENSHOTS, 'shell-en.png') });
  });

  it('opens a dialog without zooming when the system asks for reduced motion, and zooms it otherwise', async () => {
    const opening = async (motion: boolean) => {
      const page = await h.newPage({ motion });
      await signIn(page, 'admin');
      await page.getByRole('navigation').getByRole('link', { name: 'API 密钥' }).click();
      // Animations at a hundredth of their speed: a zoom (0.3 s) still runs when it is looked for, however slow the machine.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Animation.enable');
      await cdp.send('Animation.setPlaybackRate', { playbackRate: 0.01 });
      await page.getByRole('button', { name: '新建密钥' }).click();
      const dialog = page.getByRole('dialog', { name: '为渠道经纪人新建 API 密钥' });
      await dialog.waitFor();
      const running = await dialog.evaluate((el) => el.closest('.ant-modal-wrap')!.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length);
      await page.context().close();
      return running;
    };
    expect(await opening(false)).toBe(0);
    expect(await opening(true)).toBeGreaterThan(0);
  });

  it('hides users, audit trail and API keys from a consultant, and refuses them by address', async () => {
    const page = await h.newPage();
    await signIn(page, 'consultant');

    const labels = await navigationLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['首页', '考勤', '审批', '奖惩登记', '个人资料']));
    for (const hidden of ['用户', '审计日志', 'API 密钥']) expect(labels).not.toContain(hidden);

    await page.goto('/users');
    await page.getByText('无权访问').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('renews an expired access token once for concurrent calls and stays signed in', async () => {
    const page = await h.newPage();
    await signIn(page, 'director');
    const before = await page.evaluate(() => localStorage.getItem('sitedesk.refreshToken'));

    // The discipline page of a site manager loads the register and the site's people at once: two 401s,
    // one refresh (a second refresh with the same single-use token would end the whole sign-in).
    await page.evaluate(() => localStorage.setItem('sitedesk.accessToken', 'expired.access.token'));
    const registerLoaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/discipline' && r.status() === 200);
    await page.getByRole('navigation').getByRole('link', { name: '奖惩登记' }).click();
    await registerLoaded;
    await page.getByRole('heading', { name: '奖惩登记' }).waitFor();

    const after = await page.evaluate(() => localStorage.getItem('sitedesk.refreshToken'));
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    expect(new URL(page.url()).pathname).toBe('/discipline');
  });

  it('returns to the login page with a message when the session has expired', async () => {
    const page = await h.newPage();
    await signIn(page, 'consultant');

    // End the sign-in on the server, then spoil the access token: the next call meets a 401 and the
    // refresh is refused.
    const refreshToken = await page.evaluate(() => localStorage.getItem('sitedesk.refreshToken'));
    const logout = await h.app.http().post('/api/v1/auth/logout').send({ refreshToken });
    expect(logout.status).toBe(204);
    await page.evaluate(() => localStorage.setItem('sitedesk.accessToken', 'expired.access.token'));
    await page.reload();

    await page.getByText('登录已过期，请重新登录。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => [localStorage.getItem('sitedesk.accessToken'), localStorage.getItem('sitedesk.refreshToken')])).toEqual([null, null]);
  });

  it('shows why a sign-in failed, and asks to wait after too many attempts', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    const attempt = async () => {
      // Ant Design ignores a click on a button still shown as loading from the previous attempt.
      await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
      await page.getByLabel('账号').fill(demoLogin('clerk'));
      await page.getByLabel('密码').fill('not-the-password');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: buttonName('登录') }).click(),
      ]);
    };
    await attempt();
    await page.getByText('the login or the password is wrong').waitFor();
    // The API allows five failures a minute for an account from one address; the sixth answers 429.
    for (let i = 0; i < 5; i++) await attempt();
    await page.getByText('尝试次数过多，请等待一分钟后再试。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
